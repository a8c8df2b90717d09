#pragma once
// An ONNX model's graph in plain structs: its nodes in graph order (topologically sorted,
// cycles refused), their attributes, the initializers as stored tensors and the shapes the
// graph states. Only onnx_model.cpp sees protobuf; what the nodes mean for convscope is
// onnx_layers.hpp's business.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "convscope/io/stored_tensor.hpp"

namespace convscope::io {

struct OnnxAttribute {
    enum class Type { Int, Ints, Float, String, Other };
    std::string name;
    Type type = Type::Other;
    std::vector<std::int64_t> ints;  // Int: one value; Ints: all
    float f = 0.0f;
    std::string s;
};

struct OnnxNode {
    std::string name;  // may be empty in the file; then "<op>_<index>"
    std::string op;
    std::string domain;
    std::vector<std::string> inputs;  // "" for an optional input left out
    std::vector<std::string> outputs;
    std::vector<OnnxAttribute> attributes;

    const OnnxAttribute* attribute(std::string_view attributeName) const;
};

struct OnnxGraph {
    std::vector<OnnxNode> nodes;  // graph order: every node after the nodes it reads
    std::vector<StoredTensor> initializers;
    // The shape of each value the graph declares (inputs, outputs, value_info); -1 for a
    // dimension without a number (a named batch size).
    std::map<std::string, std::vector<std::int64_t>> shapes;
    std::vector<std::string> inputs;  // graph inputs that are not initializers
    std::int64_t opset = 0;           // of the default domain
};

// `modelFolder`: where tensors with external data are looked for; their paths must stay
// inside it. Empty: external data is refused (the fuzzers and in-memory tests).
Result<OnnxGraph> parseOnnx(std::string_view bytes, const std::filesystem::path& modelFolder);

}  // namespace convscope::io
