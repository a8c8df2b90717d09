#include "command_model.hpp"

#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "convscope/core/stack.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/image.hpp"
#include "convscope/io/image_input.hpp"
#include "convscope/io/model.hpp"
#include "report.hpp"

namespace convscope::cli {

namespace {

nlohmann::json shapeJson(const std::vector<std::int64_t>& shape) {
    nlohmann::json j = nlohmann::json::array();
    for (std::int64_t d : shape) j.push_back(d < 0 ? nlohmann::json(nullptr) : nlohmann::json(d));
    return j;
}

void printNodes(const io::Model& model, bool json) {
    if (json) {
        nlohmann::json nodes = nlohmann::json::array();
        for (const io::ModelNode& n : model.nodes) {
            nlohmann::json j = {{"index", n.index}, {"name", n.name}, {"op", n.op}, {"supported", n.layer.has_value()}};
            if (n.layer)
                j["layer"] = core::layerLabel(*n.layer);
            else
                j["reason"] = n.unsupported.message;
            if (!n.inputShape.empty()) j["input_shape"] = shapeJson(n.inputShape);
            if (!n.outputShape.empty()) j["output_shape"] = shapeJson(n.outputShape);
            nodes.push_back(std::move(j));
        }
        std::cout << nlohmann::json{{"nodes", nodes}}.dump(2) << "\n";
        return;
    }
    for (const io::ModelNode& n : model.nodes) {
        std::cout << n.index << "  " << n.op << "  " << n.name;
        if (!n.inputShape.empty() || !n.outputShape.empty())
            std::cout << "  " << (n.inputShape.empty() ? "?" : io::shapeText(n.inputShape)) << " → "
                      << (n.outputShape.empty() ? "?" : io::shapeText(n.outputShape));
        if (n.layer)
            std::cout << "  " << core::layerLabel(*n.layer) << "\n";
        else
            std::cout << "  unsupported: " << n.unsupported.message << "\n";
    }
}

void printTensors(const io::Model& model, bool json) {
    if (json) {
        nlohmann::json tensors = nlohmann::json::array();
        for (const io::StoredTensor& t : model.tensors)
            tensors.push_back({{"name", t.name},
                               {"shape", shapeJson(t.shape)},
                               {"dtype", t.dtype},
                               {"supported", t.type != io::ElementType::Unsupported}});
        std::cout << nlohmann::json{{"tensors", tensors}}.dump(2) << "\n";
        return;
    }
    for (const io::StoredTensor& t : model.tensors)
        std::cout << t.name << "  " << t.shapeText() << "  " << t.dtype
                  << (t.type == io::ElementType::Unsupported ? "  (cannot be loaded)" : "") << "\n";
}

// The input the chain's first layer reads: a .npy (C,H,W)/(H,W) as it is, or a picture in
// colour when the layer reads 3 channels (grey otherwise).
core::Result<core::Tensor> chainInput(const std::string& path, const io::ModelNode& first) {
    if (io::isImageExtension(io::extensionOf(path))) {
        const bool colour = first.inputShape.size() == 4 ? first.inputShape[1] == 3
                                                         : core::isConv(*first.layer) &&
                                                               std::get<core::Conv2d>(*first.layer).weights.inChannels *
                                                                       std::get<core::Conv2d>(*first.layer).groups ==
                                                                   3;
        return io::loadImageInput(path, colour ? io::ImageChannel::Rgb : io::ImageChannel::Luminance, 0);
    }
    auto array = io::readArray(path);
    if (!array) return array.error();
    return io::toTensor(*array, "input");
}

}  // namespace

ModelCommands addModelCommands(CLI::App& app, ModelJob& job) {
    auto* model = app.add_subcommand("model", "A trained model: its nodes or tensors, and its layers run");
    model->require_subcommand(1);
    ModelCommands c;
    c.list = model->add_subcommand("list",
                                   "List an ONNX model's nodes (with shapes), or the tensors of .npz / .safetensors");
    c.list->add_option("--model", job.model, "M.onnx, M.npz or M.safetensors")->required();
    c.list->add_flag("--json", job.json, "Print JSON");
    c.stack = model->add_subcommand("stack", "Run nodes FIRST..LAST of an ONNX model on an input");
    c.stack->add_option("--model", job.model, "M.onnx")->required();
    c.stack->add_option("--nodes", job.nodes, "FIRST..LAST, numbered from 1 as `model list` prints them")->required();
    c.stack->add_option("--input", job.input, "Input: .npy (C,H,W) or a picture")->required();
    c.stack->add_option("--output-dir", job.outputDir, "Write layer1.npy … (C,H,W) here (all or none)")->required();
    c.stack->add_flag("--json", job.json, "Print JSON");
    return c;
}

int runModelList(const ModelJob& job) {
    auto model = io::readModel(job.model);
    if (!model) return fail(model.error(), kExitIo);
    if (model->format == io::ModelFormat::Onnx)
        printNodes(*model, job.json);
    else
        printTensors(*model, job.json);
    return kExitOk;
}

int runModelStack(const ModelJob& job) {
    auto range = io::parseNodeRange(job.nodes);
    if (!range) return fail(range.error(), kExitUsage);
    auto model = io::readModel(job.model);
    if (!model) return fail(model.error(), kExitIo);
    if (model->format != io::ModelFormat::Onnx)
        return fail(io::ioError(io::IoErrorId::ModelNotGraph, "model", {{"path", job.model}}), kExitUsage);
    auto layers = io::nodeChain(*model, *range);
    if (!layers) return fail(layers.error(), kExitUsage);
    auto input = chainInput(job.input, model->nodes[static_cast<std::size_t>(range->first - 1)]);
    if (!input) return fail(input.error(), kExitIo);
    const core::StackPlan plan = core::planStack(core::shapeOf(*input), *layers);
    if (!plan.ok()) return fail(plan.namedError(), kExitUsage);
    std::vector<core::LayerOutput> outputs;
    core::LayerWorkspace workspace;
    if (auto s = core::runStackInto(*input, *layers, plan, outputs, workspace); !s) return fail(s.error(), kExitUsage);
    // Every layer's file or, on any error, none: encoded first, then written together.
    std::vector<io::FileContent> files;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const auto path = std::filesystem::path(job.outputDir) / ("layer" + std::to_string(i + 1) + ".npy");
        auto bytes = io::encodeArray(path, io::fromTensor(outputs[i].values, false));
        if (!bytes) return fail(bytes.error(), kExitUsage);
        files.push_back({path, std::move(*bytes)});
    }
    if (auto s = io::writeFilesAtomic(files); !s) return fail(s.error(), kExitIo);
    if (job.json)
        std::cout << stackJson(*layers, plan).dump(2) << "\n";
    else
        printStack(std::cout, *layers, plan);
    return kExitOk;
}

}  // namespace convscope::cli
