#pragma once
// A trained model opened for convscope: an ONNX graph's nodes, each either a layer the
// engine runs (with its weights and every argument, asymmetric pads kept) or named as
// unsupported with the reason; or, for .npz and .safetensors, the tensors a person can load
// as a layer's weights. The CLI's `model list` / `model stack` and the app's Model panel
// both read it through here.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convscope/core/layers/layer.hpp"
#include "convscope/io/onnx_model.hpp"
#include "convscope/io/stored_tensor.hpp"

namespace convscope::io {

enum class ModelFormat { Onnx, Npz, Safetensors };

struct ModelNode {
    int index = 0;  // from 1, in graph order
    std::string name;
    std::string op;
    std::optional<core::Layer> layer;  // set when convscope runs this node
    core::Error unsupported;           // why not, when `layer` is empty (ids node_…)
    std::string input;                 // the value the layer reads (its first input)
    std::string output;                // and writes (its first output)
    // (N, C, H, W) as the graph states it or as planning the layers gives it; empty when
    // unknown, -1 for a dimension without a number.
    std::vector<std::int64_t> inputShape;
    std::vector<std::int64_t> outputShape;
};

struct Model {
    ModelFormat format = ModelFormat::Onnx;
    std::vector<ModelNode> nodes;       // ONNX only
    std::vector<StoredTensor> tensors;  // .npz / .safetensors: every tensor; ONNX: the initializers
};

// By extension: .onnx, .npz, .safetensors (case-insensitive). Errors name the file.
Result<Model> readModel(const std::filesystem::path& path);
// The same from bytes; `folder` is where an ONNX model's external data may be (empty: none).
Result<Model> parseModel(std::string_view bytes, ModelFormat format, const std::filesystem::path& folder);

// The graph's nodes as convscope layers (onnx_layers.cpp).
std::vector<ModelNode> modelNodes(const OnnxGraph& graph);

// "FIRST..LAST" (or one number) → the 1-based, inclusive range.
struct NodeRange {
    int first = 1;
    int last = 1;
};
Result<NodeRange> parseNodeRange(const std::string& text);

// Nodes first..last as a stack: each must be supported and read the previous one's output.
Result<std::vector<core::Layer>> nodeChain(const Model& model, NodeRange range);

// "(1, 3, 32, 32)", "?" for an unknown dimension, "" for an unknown shape.
std::string shapeText(const std::vector<std::int64_t>& shape);

}  // namespace convscope::io
