// `convt`, `explain convt`, `shape convt`: PyTorch's conv_transpose2d from the command line.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "convscope/core/layers/conv_transpose2d.hpp"
#include "convscope/core/text.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/files.hpp"
#include "report.hpp"

namespace convscope::cli {

namespace {

struct ConvTransposeOptions {
    std::string stride = "1";
    std::string padding = "0";
    std::string outputPadding = "0";
    std::string dilation = "1";
    std::string groups = "1";
};

struct ConvTransposeJob {
    std::string input;
    std::string kernel;
    std::string bias;
    ConvTransposeOptions options;
    std::string output;
    ExplainAt at;
    std::string inputShape;
    std::string kernelSize;
    bool json = false;
};

// The options into the layer's parameters (the weights are the caller's).
core::Status applyOptions(const ConvTransposeOptions& o, core::ConvTranspose2d& layer) {
    const std::pair<const std::string*, core::Hw*> pairs[] = {{&o.stride, &layer.stride},
                                                              {&o.padding, &layer.padding},
                                                              {&o.outputPadding, &layer.outputPadding},
                                                              {&o.dilation, &layer.dilation}};
    const char* names[] = {"stride", "padding", "output-padding", "dilation"};
    for (std::size_t i = 0; i < std::size(pairs); ++i) {
        auto v = parsePair(names[i], *pairs[i].first);
        if (!v) return v.error();
        *pairs[i].second = {v->first, v->second};
    }
    auto groups = parseInt("groups", o.groups);
    if (!groups) return groups.error();
    layer.groups = *groups;
    return core::Ok{};
}

struct LoadedConvTranspose {
    core::Tensor input;
    core::ConvTranspose2d layer;
    bool planar = false;  // input and kernel both 2-D: the output is 2-D too
};

core::Result<LoadedConvTranspose> load(const ConvTransposeJob& job, int& status) {
    status = kExitUsage;
    LoadedConvTranspose c;
    if (auto s = applyOptions(job.options, c.layer); !s) return s.error();
    status = kExitIo;
    auto inArray = io::readArray(job.input);
    if (!inArray) return inArray.error();
    auto kArray = io::readArray(job.kernel);
    if (!kArray) return kArray.error();
    auto input = io::toTensor(*inArray, "input");
    if (!input) return input.error();
    auto weights = io::toWeights(*kArray, "kernel");  // (C, OC/groups, KH, KW) or (KH, KW)
    if (!weights) return weights.error();
    c.input = std::move(*input);
    c.layer.weights = std::move(*weights);
    c.planar = inArray->shape.size() == 2 && kArray->shape.size() == 2;
    if (!job.bias.empty()) {
        auto bArray = io::readArray(job.bias);
        if (!bArray) return bArray.error();
        auto bias = io::toBias(*bArray, "bias");
        if (!bias) return bias.error();
        c.layer.bias = std::move(*bias);
    }
    status = kExitUsage;
    auto plan = core::planLayer(c.layer, core::shapeOf(c.input));
    if (!plan) return plan.error();
    return c;
}

int run(const ConvTransposeJob& job) {
    int status = 0;
    auto c = load(job, status);
    if (!c) return fail(c.error(), status);
    auto out = core::convTranspose2d(c->input, c->layer);
    if (!out) return fail(out.error(), kExitUsage);
    auto bytes = io::encodeArray(job.output, io::fromTensor(*out, c->planar));
    if (!bytes) return fail(bytes.error(), kExitUsage);
    if (auto s = io::writeFileAtomic(job.output, *bytes); !s) return fail(s.error(), kExitIo);
    return kExitOk;
}

int explain(const ConvTransposeJob& job) {
    const std::string& at = job.at.at;
    if (at.find(',') == std::string::npos)
        return fail(core::makeError("at", "--at '" + at + "' is not ROW,COL"), kExitUsage);
    auto pos = parsePair("at", at);
    if (!pos) return fail(pos.error(), kExitUsage);
    int status = 0;
    auto c = load(job, status);
    if (!c) return fail(c.error(), status);
    auto t = core::traceConvTranspose(c->input, c->layer, job.at.channel, pos->first, pos->second);
    if (!t) return fail(t.error(), kExitUsage);
    if (job.at.json)
        std::cout << convTransposeTraceJson(*t).dump(2) << "\n";
    else
        printConvTransposeTrace(std::cout, *t, c->layer);
    return kExitOk;
}

int shape(const ConvTransposeJob& job) {
    if (job.inputShape.find(',') == std::string::npos)
        return fail(core::makeError("input-shape", "--input-shape '" + job.inputShape + "' is not H,W"), kExitUsage);
    auto hw = parsePair("input-shape", job.inputShape);
    if (!hw) return fail(hw.error(), kExitUsage);
    core::ConvTranspose2d layer;
    if (auto s = applyOptions(job.options, layer); !s) return fail(s.error(), kExitUsage);
    auto k = parsePair("kernel", job.kernelSize);
    if (!k) return fail(k.error(), kExitUsage);
    // Only the shape matters: one channel per group in and out, no storage (a huge kernel
    // size is an error, not an allocation).
    layer.weights = core::Weights();
    layer.weights.height = k->first;
    layer.weights.width = k->second;
    layer.weights.outChannels = std::max(layer.groups, 1);
    layer.weights.inChannels = 1;
    auto plan = core::planLayer(layer, core::Shape{layer.weights.outChannels, hw->first, hw->second});
    if (!plan) return fail(plan.error(), kExitUsage);
    if (job.json)
        std::cout << shapeJson(plan->windows.rows, plan->windows.cols, "kernel").dump(2) << "\n";
    else
        printShape(std::cout, plan->windows.rows, plan->windows.cols, "kernel");
    return kExitOk;
}

void addGeometry(CLI::App* cmd, ConvTransposeOptions& o) {
    cmd->add_option("--stride", o.stride, "S or SH,SW (default 1)");
    cmd->add_option("--padding", o.padding, "P or PH,PW (default 0): cells cropped from each side of the output");
    cmd->add_option("--output-padding", o.outputPadding,
                    "OP or OPH,OPW (default 0): cells added at the bottom/right, smaller than the stride or the "
                    "dilation");
    cmd->add_option("--dilation", o.dilation, "D or DH,DW (default 1)");
    cmd->add_option("--groups", o.groups, "G (default 1): C and OC divisible by G");
}

void addFiles(CLI::App* cmd, ConvTransposeJob& job) {
    cmd->add_option("--input", job.input, "Input: .npy (H,W)/(C,H,W), .csv, or an image")->required();
    cmd->add_option("--kernel", job.kernel,
                    "Kernel: .npy/.csv (KH,KW) or .npy (C,OC/groups,KH,KW), PyTorch's weight layout for a transposed "
                    "conv")
        ->required();
    cmd->add_option("--bias", job.bias, "Bias: .npy/.csv with OC values");
    addGeometry(cmd, job.options);
}

}  // namespace

std::vector<Command> addConvTransposeCommands(CLI::App& app, CLI::App& explainCmd, CLI::App& shapeCmd) {
    auto job = std::make_shared<ConvTransposeJob>();
    auto* convt = app.add_subcommand("convt", "Transposed convolution (PyTorch's conv_transpose2d)");
    addFiles(convt, *job);
    convt->add_option("--output", job->output, "Output: .npy, .csv or .png")->required();

    auto* explainConvt = explainCmd.add_subcommand("convt",
                                                   "Explain one transposed-conv output value: every stamp "
                                                   "that lands on it");
    addFiles(explainConvt, *job);
    explainConvt->add_option("--at", job->at.at, "Output position ROW,COL")->required();
    explainConvt->add_option("--channel", job->at.channel, "Output channel (default 0)");
    explainConvt->add_flag("--json", job->at.json, "Print JSON");

    auto* shapeConvt = shapeCmd.add_subcommand(
        "convt", "Output size of a transposed convolution: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1");
    shapeConvt->add_option("--input-shape", job->inputShape, "H,W")->required();
    shapeConvt->add_option("--kernel,--kernel-size", job->kernelSize, "K or KH,KW")->required();
    addGeometry(shapeConvt, job->options);
    shapeConvt->add_flag("--json", job->json, "Print JSON");

    return {{convt, [job] { return run(*job); }},
            {explainConvt, [job] { return explain(*job); }},
            {shapeConvt, [job] { return shape(*job); }}};
}

}  // namespace convscope::cli
