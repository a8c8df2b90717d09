#include "commands.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "convscope/core/trace.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/session.hpp"
#include "report.hpp"

namespace convscope::cli {

int fail(const std::string& message, int status) {
    std::cerr << "convscope-cli: " << message << "\n";
    return status;
}

int fail(const core::Error& e, int status) {
    return fail(e.message, status);
}

namespace {

// Everything a conv needs, loaded and validated, or the exit status to return.
struct LoadedConv {
    core::Tensor input;
    core::Weights weights;
    std::vector<float> bias;
    core::ConvParams params;
    bool planar = false;  // input and kernel both 2-D: the output is 2-D too
};

// A session's first layer of a kind (`wanted`) and the map that reaches it: the session's
// input run through the layers before it. Exit status 1 when the files cannot be read, 2
// when the session has no such layer or its stack cannot run up to it.
struct SessionLayer {
    core::Layer layer;
    core::LayerPlan plan;
    core::Tensor input;
};

core::Result<SessionLayer> sessionLayer(const std::string& file, bool (*wanted)(const core::Layer&),
                                        const char* kindWord, int& status) {
    status = kExitIo;
    auto session = io::loadSession(file);
    if (!session) return session.error();
    auto input = io::sessionInput(*session);
    if (!input) return input.error();
    status = kExitUsage;
    const auto& layers = session->layers;
    const auto found = std::find_if(layers.begin(), layers.end(), wanted);
    if (found == layers.end())
        return core::makeError("session", file + ": the session has no " + kindWord + " layer (use `stack`)");
    const int index = static_cast<int>(found - layers.begin());
    const core::StackPlan plan = core::planStack(core::shapeOf(*input), layers);
    if (plan.failed >= 0 && plan.failed <= index) return plan.namedError();
    if (index == 0) return SessionLayer{*found, plan.plans[0], std::move(*input)};
    std::vector<core::LayerOutput> outputs;
    core::LayerWorkspace workspace;
    if (auto s = core::runStackInto(*input, layers, plan, outputs, workspace, 0, index); !s) return s.error();
    return SessionLayer{*found, plan.plans[static_cast<std::size_t>(index)],
                        std::move(outputs[static_cast<std::size_t>(index - 1)].values)};
}

core::Result<LoadedConv> loadConvSession(const std::string& file, int& status) {
    auto found = sessionLayer(file, core::isConv, "conv2d", status);
    if (!found) return found.error();
    const auto& layer = std::get<core::Conv2d>(found->layer);
    LoadedConv c{std::move(found->input), layer.weights, layer.bias, found->plan.conv, false};
    c.planar = c.input.channels == 1 && c.weights.outChannels == 1;  // one map, as the app shows it
    return c;
}

core::Status requireOption(const std::string& value, const char* option) {
    if (!value.empty()) return core::Ok{};
    return core::makeError(option, std::string("--") + option + " is required (or give --session FILE)");
}

core::Result<LoadedConv> loadConv(const ConvJob& job, int& status) {
    if (!job.session.empty()) return loadConvSession(job.session, status);
    status = kExitUsage;
    for (auto [value, name] : {std::pair{&job.input, "input"}, std::pair{&job.kernel, "kernel"}})
        if (auto s = requireOption(*value, name); !s) return s.error();
    status = kExitIo;
    auto inArray = io::readArray(job.input);
    if (!inArray) return inArray.error();
    auto kArray = io::readArray(job.kernel);
    if (!kArray) return kArray.error();
    LoadedConv c;
    auto input = io::toTensor(*inArray, "input");
    if (!input) return input.error();
    auto weights = io::toWeights(*kArray, "kernel");
    if (!weights) return weights.error();
    c.input = std::move(*input);
    c.weights = std::move(*weights);
    c.planar = inArray->shape.size() == 2 && kArray->shape.size() == 2;
    if (!job.bias.empty()) {
        auto bArray = io::readArray(job.bias);
        if (!bArray) return bArray.error();
        auto bias = io::toBias(*bArray, "bias");
        if (!bias) return bias.error();
        c.bias = std::move(*bias);
    }
    status = kExitUsage;
    auto params = toConvParams(job.options, c.weights.height, c.weights.width, c.input.height, c.input.width);
    if (!params) return params.error();
    c.params = *params;
    auto plan = core::planConv(c.input.channels, c.input.height, c.input.width, c.weights, &c.bias, c.params);
    if (!plan) return plan.error();
    return c;
}

struct LoadedPool {
    core::Tensor input;
    core::PoolParams params;
    bool planar = false;
};

// The session's first pooling layer, on the map that reaches it (the app's pooled view).
core::Result<LoadedPool> loadPoolSession(const std::string& file, int& status) {
    auto found = sessionLayer(file, core::isPool, "pooling", status);
    if (!found) return found.error();
    const bool planar = found->input.channels == 1;
    return LoadedPool{std::move(found->input), found->plan.pool, planar};
}

core::Result<LoadedPool> loadPool(const PoolJob& job, int& status) {
    if (!job.session.empty()) return loadPoolSession(job.session, status);
    status = kExitUsage;
    for (auto [value, name] : {std::pair{&job.input, "input"}, std::pair{&job.options.mode, "mode"},
                               std::pair{&job.options.window, "window"}})
        if (auto s = requireOption(*value, name); !s) return s.error();
    auto params = toPoolParams(job.options);  // argument errors first: they need no file
    if (!params) return params.error();
    status = kExitIo;
    auto inArray = io::readArray(job.input);
    if (!inArray) return inArray.error();
    auto input = io::toTensor(*inArray, "input");
    if (!input) return input.error();
    status = kExitUsage;
    auto plan = core::planPool(input->channels, input->height, input->width, *params);
    if (!plan) return plan.error();
    return LoadedPool{std::move(*input), *params, inArray->shape.size() == 2};
}

core::Result<std::pair<int, int>> parseAt(const std::string& text) {
    const std::size_t comma = text.find(',');
    if (comma == std::string::npos) return core::makeError("at", "--at '" + text + "' is not ROW,COL");
    return parsePair("at", text);
}

}  // namespace

int runConv(const ConvJob& job) {
    int status = 0;
    auto c = loadConv(job, status);
    if (!c) return fail(c.error(), status);
    auto out = core::conv2d(c->input, c->weights, c->bias, c->params);
    if (!out) return fail(out.error(), kExitUsage);
    auto bytes = io::encodeArray(job.output, io::fromTensor(*out, c->planar));
    if (!bytes) return fail(bytes.error(), kExitUsage);
    if (auto s = io::writeFileAtomic(job.output, *bytes); !s) return fail(s.error(), kExitIo);
    return kExitOk;
}

int runPool(const PoolJob& job) {
    int status = 0;
    auto p = loadPool(job, status);
    if (!p) return fail(p.error(), status);
    if (!job.indices.empty() && p->params.mode != core::PoolMode::Max)
        return fail(core::makeError("indices", "--indices is for max pooling only (average has no winner)"),
                    kExitUsage);
    if (!job.indices.empty() &&
        std::filesystem::weakly_canonical(job.indices) == std::filesystem::weakly_canonical(job.output))
        return fail(core::makeError("indices", "--indices and --output name the same file"), kExitUsage);
    auto out = core::pool2d(p->input, p->params);
    if (!out) return fail(out.error(), kExitUsage);
    const io::Array values = io::fromTensor(out->values, p->planar);
    std::vector<io::FileContent> files;
    auto bytes = io::encodeArray(job.output, values);
    if (!bytes) return fail(bytes.error(), kExitUsage);
    files.push_back({job.output, std::move(*bytes)});
    if (!job.indices.empty()) {
        auto idx = io::encodeIndices(job.indices, values.shape, out->indices);
        if (!idx) return fail(idx.error(), kExitUsage);
        files.push_back({job.indices, std::move(*idx)});
    }
    if (auto s = io::writeFilesAtomic(files); !s) return fail(s.error(), kExitIo);
    return kExitOk;
}

int explainConv(const ConvJob& job, const ExplainAt& at) {
    auto pos = parseAt(at.at);
    if (!pos) return fail(pos.error(), kExitUsage);
    int status = 0;
    auto c = loadConv(job, status);
    if (!c) return fail(c.error(), status);
    auto t = core::traceConv(c->input, c->weights, c->bias, c->params, at.channel, pos->first, pos->second);
    if (!t) return fail(t.error(), kExitUsage);
    if (at.json)
        std::cout << convTraceJson(*t).dump(2) << "\n";
    else
        printConvTrace(std::cout, *t, c->params);
    return kExitOk;
}

int explainPool(const PoolJob& job, const ExplainAt& at) {
    auto pos = parseAt(at.at);
    if (!pos) return fail(pos.error(), kExitUsage);
    int status = 0;
    auto p = loadPool(job, status);
    if (!p) return fail(p.error(), status);
    auto t = core::tracePool(p->input, p->params, at.channel, pos->first, pos->second);
    if (!t) return fail(t.error(), kExitUsage);
    if (at.json)
        std::cout << poolTraceJson(*t).dump(2) << "\n";
    else
        printPoolTrace(std::cout, *t);
    return kExitOk;
}

namespace {

core::Result<std::pair<int, int>> parseInputShape(const std::string& text) {
    if (text.find(',') == std::string::npos)
        return core::makeError("input-shape", "--input-shape '" + text + "' is not H,W");
    return parsePair("input-shape", text);
}

int printShapeResult(const core::AxisWindow& rows, const core::AxisWindow& cols, const std::string& kernelWord,
                     bool json) {
    auto oh = core::outputSize(rows, core::Axis::Height, kernelWord);
    if (!oh) return fail(oh.error(), kExitUsage);
    auto ow = core::outputSize(cols, core::Axis::Width, kernelWord);
    if (!ow) return fail(ow.error(), kExitUsage);
    if (json)
        std::cout << shapeJson(rows, cols, kernelWord).dump(2) << "\n";
    else
        printShape(std::cout, rows, cols, kernelWord);
    return kExitOk;
}

}  // namespace

int shapeConv(const std::string& inputShape, const std::string& kernelSize, const ConvOptions& options, bool json) {
    auto hw = parseInputShape(inputShape);
    if (!hw) return fail(hw.error(), kExitUsage);
    // A size ("3", "3,5") or a kernel file whose last two dimensions are the size.
    core::Weights shapeOnly;
    bool fromFile = false;
    if (auto k = parsePair("kernel", kernelSize)) {
        // Only the shape matters here: no storage, so a huge size is an error, not an allocation.
        shapeOnly.height = k->first;
        shapeOnly.width = k->second;
    } else {
        auto arr = io::readArray(kernelSize);
        if (!arr) return fail(arr.error(), kExitIo);
        auto w = io::toWeights(*arr, "kernel");
        if (!w) return fail(w.error(), kExitIo);
        shapeOnly = *w;
        fromFile = true;
    }
    auto params = toConvParams(options, shapeOnly.height, shapeOnly.width, hw->first, hw->second);
    if (!params) return fail(params.error(), kExitUsage);
    // Only H,W are given: the channels are whatever makes the groups line up — the kernel
    // file's C/G slices per group, or one channel and one filter per group for a size. A
    // kernel file whose filters do not divide into the groups is PyTorch's error.
    // (groups < 1 stays one group here, so that the engine names that rule.)
    const std::int64_t groups = std::max(params->groups, 1);
    if (!fromFile) {
        shapeOnly.inChannels = 1;
        shapeOnly.outChannels = static_cast<int>(groups);
    }
    const std::int64_t channels = std::int64_t{shapeOnly.inChannels} * groups;
    if (channels > core::kMaxValues)
        return fail(
            core::makeError("groups", "--groups " + options.groups + " needs more input channels than the limit"),
            kExitUsage);
    auto plan = core::planConv(static_cast<int>(channels), hw->first, hw->second, shapeOnly, nullptr, *params);
    if (!plan) return fail(plan.error(), kExitUsage);
    // TensorFlow/ONNX SAME: how each axis's padding was worked out (the JSON has the sides).
    const auto spec = parsePaddingSpec(options.padding);
    if (!json && spec &&
        (spec->kind == core::PaddingSpec::Kind::SameUpper || spec->kind == core::PaddingSpec::Kind::SameLower))
        printSamePadding(std::cout, spec->kind, plan->rows, plan->cols);
    return printShapeResult(plan->rows, plan->cols, "kernel", json);
}

int shapePool(const std::string& inputShape, const PoolOptions& options, bool json) {
    auto hw = parseInputShape(inputShape);
    if (!hw) return fail(hw.error(), kExitUsage);
    PoolOptions withMode = options;
    if (withMode.mode.empty()) withMode.mode = "max";  // sizes are the same for max and avg
    auto params = toPoolParams(withMode);
    if (!params) return fail(params.error(), kExitUsage);
    auto plan = core::planPool(1, hw->first, hw->second, *params);
    if (!plan) return fail(plan.error(), kExitUsage);
    return printShapeResult(plan->rows, plan->cols, "window", json);
}

int runStack(const std::string& file, const std::string& outputDir, bool json) {
    auto session = io::loadSession(file);
    if (!session) return fail(session.error(), kExitIo);
    auto input = io::sessionInput(*session);
    if (!input) return fail(input.error(), kExitIo);
    const core::StackPlan plan = core::planStack(core::shapeOf(*input), session->layers);
    if (!plan.ok()) return fail(plan.namedError(), kExitUsage);  // "layer 3: …"
    std::vector<core::LayerOutput> outputs;
    core::LayerWorkspace workspace;
    if (auto s = core::runStackInto(*input, session->layers, plan, outputs, workspace); !s)
        return fail(s.error(), kExitUsage);
    if (!outputDir.empty()) {
        // Every layer's file or, on any error, none: encoded first, then written together.
        std::vector<io::FileContent> files;
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            const auto path = std::filesystem::path(outputDir) / ("layer" + std::to_string(i + 1) + ".npy");
            auto bytes = io::encodeArray(path, io::fromTensor(outputs[i].values, false));
            if (!bytes) return fail(bytes.error(), kExitUsage);
            files.push_back({path, std::move(*bytes)});
        }
        if (auto s = io::writeFilesAtomic(files); !s) return fail(s.error(), kExitIo);
    }
    if (json)
        std::cout << stackJson(session->layers, plan).dump(2) << "\n";
    else
        printStack(std::cout, session->layers, plan);
    return kExitOk;
}

int runDemo() {
    // A 5×5 picture with a bright vertical bar, and a kernel that finds left-to-right edges.
    core::Tensor input(1, 5, 5);
    const float pixels[25] = {0, 0, 9, 0, 0, 0, 1, 9, 1, 0, 0, 1, 9, 1, 0, 0, 0, 9, 0, 0, 0, 0, 9, 0, 0};
    input.data.assign(pixels, pixels + 25);
    core::Weights kernel(1, 1, 3, 3);
    const float weights[9] = {-1, 0, 1, -2, 0, 2, -1, 0, 1};
    kernel.data.assign(weights, weights + 9);
    core::ConvParams params;
    params.padding = {1, 1, 1, 1};

    std::cout << "Input I (5×5):\n";
    printGrid(std::cout, input, 0);
    std::cout << "\nKernel K: Sobel x (3×3), stride 1, zero padding 1\n";
    core::Tensor kernelView(1, 3, 3);
    kernelView.data = kernel.data;
    printGrid(std::cout, kernelView, 0);

    auto plan = core::planConv(1, 5, 5, kernel, nullptr, params);
    std::cout << "\nOutput size:\n";
    printShape(std::cout, plan->rows, plan->cols, "kernel");

    auto trace = core::traceConv(input, kernel, {}, params, 0, 1, 1);
    std::cout << "\nThe dot product at one position:\n";
    printConvTrace(std::cout, *trace, params);

    auto out = core::conv2d(input, kernel, {}, params);
    std::cout << "\nOutput O = conv2d(I, K, padding=1):\n";
    printGrid(std::cout, *out, 0);

    core::PoolParams pool;  // 2×2 max, stride 2
    auto pooled = core::pool2d(*out, pool);
    std::cout << "\nMax pooling 2×2, stride 2:\n";
    auto poolPlan = core::planPool(1, out->height, out->width, pool);
    printShape(std::cout, poolPlan->rows, poolPlan->cols, "window");
    printGrid(std::cout, pooled->values, 0);
    auto poolTrace = core::tracePool(*out, pool, 0, 0, 0);
    printPoolTrace(std::cout, *poolTrace);
    std::cout
        << "\nReproduce any value: convscope-cli explain conv --input I.npy --kernel K.npy --padding 1 --at 1,1\n";
    return kExitOk;
}

}  // namespace convscope::cli
