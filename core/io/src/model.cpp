#include "convscope/io/model.hpp"

#include <charconv>

#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/npz.hpp"
#include "convscope/io/safetensors.hpp"

namespace convscope::io {

namespace fs = std::filesystem;

Result<Model> parseModel(std::string_view bytes, ModelFormat format, const fs::path& folder) {
    Model model;
    model.format = format;
    if (format == ModelFormat::Onnx) {
        auto graph = parseOnnx(bytes, folder);
        if (!graph) return graph.error();
        model.nodes = modelNodes(*graph);
        model.tensors = std::move(graph->initializers);
        return model;
    }
    auto tensors = format == ModelFormat::Npz ? parseNpz(bytes) : parseSafetensors(bytes);
    if (!tensors) return tensors.error();
    model.tensors = std::move(*tensors);
    return model;
}

Result<Model> readModel(const fs::path& path) {
    const std::string ext = extensionOf(path);
    ModelFormat format;
    if (ext == ".onnx")
        format = ModelFormat::Onnx;
    else if (ext == ".npz")
        format = ModelFormat::Npz;
    else if (ext == ".safetensors")
        format = ModelFormat::Safetensors;
    else
        return ioError(IoErrorId::ModelUnknownExtension, "model", {{"path", path.string()}, {"ext", ext}});
    auto bytes = readFile(path, kMaxFileBytes);
    if (!bytes) return bytes.error();
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    auto model = parseModel(*bytes, format, folder);
    if (!model) return ioError(IoErrorId::InFile, "model", {{"path", path.string()}}, model.error());
    return model;
}

Result<NodeRange> parseNodeRange(const std::string& text) {
    const auto bad = [&] { return ioError(IoErrorId::ModelNodesSyntax, "nodes", {{"text", text}}); };
    const auto number = [](std::string_view s, int& out) {
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc{} && end == s.data() + s.size() && !s.empty();
    };
    NodeRange r;
    const std::size_t dots = text.find("..");
    if (dots == std::string::npos) {
        if (!number(text, r.first)) return bad();
        r.last = r.first;
    } else if (!number(std::string_view(text).substr(0, dots), r.first) ||
               !number(std::string_view(text).substr(dots + 2), r.last)) {
        return bad();
    }
    if (r.first < 1 || r.last < r.first) return bad();
    return r;
}

Result<std::vector<core::Layer>> nodeChain(const Model& model, NodeRange range) {
    const int count = static_cast<int>(model.nodes.size());
    if (range.first < 1 || range.last > count || range.first > range.last)
        return ioError(IoErrorId::ModelNodesRange, "nodes",
                       {{"first", std::to_string(range.first)},
                        {"last", std::to_string(range.last)},
                        {"count", std::to_string(count)}});
    std::vector<core::Layer> layers;
    for (int i = range.first; i <= range.last; ++i) {
        const ModelNode& n = model.nodes[static_cast<std::size_t>(i - 1)];
        if (!n.layer)
            return ioError(IoErrorId::ModelNodeUnsupported, "nodes",
                           {{"index", std::to_string(n.index)}, {"name", n.name}, {"op", n.op}}, n.unsupported);
        if (i > range.first && n.input != model.nodes[static_cast<std::size_t>(i - 2)].output)
            return ioError(IoErrorId::ModelNotChain, "nodes",
                           {{"index", std::to_string(n.index)}, {"name", n.name}, {"previous", std::to_string(i - 1)}});
        layers.push_back(*n.layer);
    }
    return layers;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    if (shape.empty()) return "";
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + (shape[i] < 0 ? "?" : std::to_string(shape[i]));
    return s + ")";
}

}  // namespace convscope::io
