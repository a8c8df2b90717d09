#include "convscope/io/onnx_model.hpp"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <queue>
#include <set>
#include <unordered_map>

#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"

namespace convscope::io {

namespace fs = std::filesystem;

namespace {

Error onnxError(IoErrorId id, std::vector<core::ErrorValue> values = {}) {
    return ioError(id, "model", std::move(values));
}

struct TypeName {
    ElementType type;
    const char* name;
};

TypeName elementType(std::int32_t dataType) {
    using T = onnx::TensorProto;
    switch (dataType) {
        case T::FLOAT: return {ElementType::Float32, "FLOAT"};
        case T::DOUBLE: return {ElementType::Float64, "DOUBLE"};
        case T::FLOAT16: return {ElementType::Float16, "FLOAT16"};
        case T::BFLOAT16: return {ElementType::BFloat16, "BFLOAT16"};
        case T::INT8: return {ElementType::Int8, "INT8"};
        case T::INT16: return {ElementType::Int16, "INT16"};
        case T::INT32: return {ElementType::Int32, "INT32"};
        case T::INT64: return {ElementType::Int64, "INT64"};
        case T::UINT8: return {ElementType::UInt8, "UINT8"};
        case T::UINT16: return {ElementType::UInt16, "UINT16"};
        case T::UINT32: return {ElementType::UInt32, "UINT32"};
        case T::UINT64: return {ElementType::UInt64, "UINT64"};
        case T::BOOL: return {ElementType::Bool, "BOOL"};
        case T::STRING: return {ElementType::Unsupported, "STRING"};
        case T::COMPLEX64: return {ElementType::Unsupported, "COMPLEX64"};
        case T::COMPLEX128: return {ElementType::Unsupported, "COMPLEX128"};
        default: return {ElementType::Unsupported, "UNDEFINED"};
    }
}

// The typed fields (float_data, int32_data, …) as the raw little-endian bytes of the type.
template <class Out, class Field>
std::string packValues(const Field& values) {
    std::string bytes(static_cast<std::size_t>(values.size()) * sizeof(Out), '\0');
    char* p = bytes.data();
    for (const auto& v : values) {
        const Out narrowed = static_cast<Out>(v);
        std::memcpy(p, &narrowed, sizeof narrowed);
        p += sizeof narrowed;
    }
    return bytes;
}

std::string typedFieldBytes(const onnx::TensorProto& t, ElementType type) {
    switch (type) {
        case ElementType::Float32: return packValues<float>(t.float_data());
        case ElementType::Float64: return packValues<double>(t.double_data());
        case ElementType::Int64: return packValues<std::int64_t>(t.int64_data());
        case ElementType::UInt32: return packValues<std::uint32_t>(t.uint64_data());
        case ElementType::UInt64: return packValues<std::uint64_t>(t.uint64_data());
        case ElementType::Int32: return packValues<std::int32_t>(t.int32_data());
        case ElementType::Int8: return packValues<std::int8_t>(t.int32_data());
        case ElementType::UInt8:
        case ElementType::Bool: return packValues<std::uint8_t>(t.int32_data());
        case ElementType::Int16: return packValues<std::int16_t>(t.int32_data());
        // float16 / bfloat16 bits sit in the low 16 bits of int32_data.
        case ElementType::UInt16:
        case ElementType::Float16:
        case ElementType::BFloat16: return packValues<std::uint16_t>(t.int32_data());
        case ElementType::Unsupported: break;
    }
    return {};
}

// True when `location` names a file inside `folder` (no absolute path, no "..", and no
// symbolic link that leads out).
bool staysInside(const fs::path& folder, const std::string& location) {
    const fs::path relative(location);
    if (location.empty() || relative.is_absolute() || relative.has_root_name() || relative.has_root_directory())
        return false;
    for (const fs::path& part : relative)
        if (part == "..") return false;
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(folder, ec);
    if (ec) return false;
    const fs::path target = fs::weakly_canonical(folder / relative, ec);
    if (ec) return false;
    const auto [end, ignored] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
    return end == base.end();
}

Result<std::string> externalBytes(const onnx::TensorProto& t, const fs::path& folder) {
    std::string location;
    std::uint64_t offset = 0;
    std::int64_t length = -1;
    for (const auto& entry : t.external_data()) {
        const auto number = [&](std::uint64_t& out) {
            try {
                std::size_t used = 0;
                out = std::stoull(entry.value(), &used);
                return used == entry.value().size() && entry.value()[0] != '-';
            } catch (...) {
                return false;
            }
        };
        std::uint64_t value = 0;
        if (entry.key() == "location") {
            location = entry.value();
        } else if (entry.key() == "offset" || entry.key() == "length") {
            if (!number(value))
                return onnxError(IoErrorId::OnnxTensorField,
                                 {{"name", t.name()}, {"field", entry.key()}, {"value", entry.value()}});
            if (entry.key() == "offset")
                offset = value;
            else
                length = static_cast<std::int64_t>(std::min<std::uint64_t>(value, kMaxFileBytes + 1));
        }
    }
    if (location.empty())
        return onnxError(IoErrorId::OnnxTensorField, {{"name", t.name()}, {"field", "location"}, {"value", "none"}});
    if (folder.empty())
        return onnxError(IoErrorId::OnnxExternalUnavailable, {{"name", t.name()}, {"location", location}});
    if (!staysInside(folder, location))
        return onnxError(IoErrorId::OnnxExternalOutside, {{"name", t.name()}, {"location", location}});
    auto file = readFile(folder / location, kMaxFileBytes);
    if (!file) return file.error();
    const std::uint64_t size = file->size();
    const std::uint64_t take = length < 0 ? (offset <= size ? size - offset : 0) : static_cast<std::uint64_t>(length);
    if (offset > size || take > size - offset)
        return onnxError(IoErrorId::OnnxExternalRange, {{"name", t.name()},
                                                        {"offset", std::to_string(offset)},
                                                        {"length", std::to_string(take)},
                                                        {"location", location},
                                                        {"size", std::to_string(size)}});
    return file->substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(take));
}

Result<StoredTensor> readInitializer(const onnx::TensorProto& t, const fs::path& folder) {
    const TypeName type = elementType(t.data_type());
    StoredTensor s;
    s.name = t.name();
    s.dtype = type.name;
    s.type = type.type;
    s.shape.assign(t.dims().begin(), t.dims().end());
    auto count = checkedValueCount(s.name, s.shape);
    if (!count) return count.error();
    if (t.has_segment()) return onnxError(IoErrorId::OnnxSegmented, {{"name", s.name}});
    if (s.type == ElementType::Unsupported) return s;  // listed; loading it says why not
    if (t.data_location() == onnx::TensorProto::EXTERNAL) {
        auto bytes = externalBytes(t, folder);
        if (!bytes) return bytes.error();
        s.bytes = std::move(*bytes);
    } else if (t.has_raw_data()) {
        s.bytes = t.raw_data();
    } else {
        s.bytes = typedFieldBytes(t, s.type);
    }
    if (auto ok = checkTensorBytes(s, s.bytes.size()); !ok) return ok.error();
    return s;
}

std::vector<std::int64_t> declaredShape(const onnx::ValueInfoProto& v) {
    std::vector<std::int64_t> shape;
    if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return shape;
    for (const auto& d : v.type().tensor_type().shape().dim())
        shape.push_back(d.has_dim_value() && d.dim_value() >= 0 ? d.dim_value() : -1);
    return shape;
}

OnnxNode plainNode(const onnx::NodeProto& n, std::size_t index) {
    OnnxNode node;
    node.op = n.op_type();
    node.name = n.name().empty() ? n.op_type() + "_" + std::to_string(index) : n.name();
    node.domain = n.domain();
    node.inputs.assign(n.input().begin(), n.input().end());
    node.outputs.assign(n.output().begin(), n.output().end());
    for (const auto& a : n.attribute()) {
        OnnxAttribute attribute;
        attribute.name = a.name();
        switch (a.type()) {
            case onnx::AttributeProto::INT:
                attribute.type = OnnxAttribute::Type::Int;
                attribute.ints = {a.i()};
                break;
            case onnx::AttributeProto::INTS:
                attribute.type = OnnxAttribute::Type::Ints;
                attribute.ints.assign(a.ints().begin(), a.ints().end());
                break;
            case onnx::AttributeProto::FLOAT:
                attribute.type = OnnxAttribute::Type::Float;
                attribute.f = a.f();
                break;
            case onnx::AttributeProto::STRING:
                attribute.type = OnnxAttribute::Type::String;
                attribute.s = a.s();
                break;
            default: break;
        }
        node.attributes.push_back(std::move(attribute));
    }
    return node;
}

// Kahn's algorithm, taking the earliest ready node first, so a graph already in order
// (as every exporter writes it) keeps its order.
Result<std::vector<std::size_t>> graphOrder(const onnx::GraphProto& g) {
    const std::size_t n = static_cast<std::size_t>(g.node_size());
    std::unordered_map<std::string, std::size_t> producer;
    for (std::size_t i = 0; i < n; ++i)
        for (const std::string& out : g.node(static_cast<int>(i)).output()) {
            if (out.empty()) continue;
            if (!producer.emplace(out, i).second) return onnxError(IoErrorId::OnnxValueTwice, {{"value", out}});
        }
    std::vector<std::vector<std::size_t>> readers(n);
    std::vector<std::size_t> waiting(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        std::set<std::size_t> from;  // a node reading one value twice waits for it once
        for (const std::string& in : g.node(static_cast<int>(i)).input())
            if (auto p = producer.find(in); !in.empty() && p != producer.end()) from.insert(p->second);
        for (std::size_t p : from) {
            readers[p].push_back(i);
            ++waiting[i];
        }
    }
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t i = 0; i < n; ++i)
        if (waiting[i] == 0) ready.push(i);
    std::vector<std::size_t> order;
    while (!ready.empty()) {
        const std::size_t i = ready.top();
        ready.pop();
        order.push_back(i);
        for (std::size_t r : readers[i])
            if (--waiting[r] == 0) ready.push(r);
    }
    if (order.size() != n) {
        for (std::size_t i = 0; i < n; ++i)
            if (waiting[i] != 0) {
                const auto& node = g.node(static_cast<int>(i));
                return onnxError(
                    IoErrorId::OnnxCycle,
                    {{"node", node.name().empty() ? node.op_type() + "_" + std::to_string(i + 1) : node.name()}});
            }
    }
    return order;
}

}  // namespace

const OnnxAttribute* OnnxNode::attribute(std::string_view attributeName) const {
    for (const OnnxAttribute& a : attributes)
        if (a.name == attributeName) return &a;
    return nullptr;
}

Result<OnnxGraph> parseOnnx(std::string_view bytes, const fs::path& modelFolder) {
    onnx::ModelProto model;
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        return onnxError(IoErrorId::OnnxNotModel);
    if (!model.has_graph()) return onnxError(IoErrorId::OnnxNoGraph);
    const onnx::GraphProto& g = model.graph();
    OnnxGraph graph;
    for (const auto& opset : model.opset_import())
        if (opset.domain().empty() || opset.domain() == "ai.onnx") graph.opset = opset.version();

    std::set<std::string> initializerNames;
    for (const auto& t : g.initializer()) {
        if (!initializerNames.insert(t.name()).second)
            return onnxError(IoErrorId::OnnxValueTwice, {{"value", t.name()}});
        auto tensor = readInitializer(t, modelFolder);
        if (!tensor) return tensor.error();
        graph.initializers.push_back(std::move(*tensor));
    }
    for (const auto& v : g.input()) {
        graph.shapes[v.name()] = declaredShape(v);
        if (!initializerNames.count(v.name())) graph.inputs.push_back(v.name());
    }
    for (const auto& v : g.value_info()) graph.shapes[v.name()] = declaredShape(v);
    for (const auto& v : g.output()) graph.shapes[v.name()] = declaredShape(v);
    for (const StoredTensor& t : graph.initializers) graph.shapes[t.name] = t.shape;

    auto order = graphOrder(g);
    if (!order) return order.error();
    for (std::size_t i : *order) graph.nodes.push_back(plainNode(g.node(static_cast<int>(i)), i + 1));
    return graph;
}

}  // namespace convscope::io
