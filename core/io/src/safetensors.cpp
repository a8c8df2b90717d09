#include "convscope/io/safetensors.hpp"

#include <nlohmann/json.hpp>

#include "convscope/io/errors.hpp"

namespace convscope::io {

namespace {

// The reference implementation refuses headers above 100 MB too.
constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;

Error stError(IoErrorId id, std::vector<core::ErrorValue> values = {}) {
    return ioError(id, "file", std::move(values));
}

ElementType safetensorsType(const std::string& dtype) {
    static const struct {
        const char* name;
        ElementType type;
    } kTypes[] = {{"F32", ElementType::Float32},   {"F64", ElementType::Float64}, {"F16", ElementType::Float16},
                  {"BF16", ElementType::BFloat16}, {"I8", ElementType::Int8},     {"I16", ElementType::Int16},
                  {"I32", ElementType::Int32},     {"I64", ElementType::Int64},   {"U8", ElementType::UInt8},
                  {"U16", ElementType::UInt16},    {"U32", ElementType::UInt32},  {"U64", ElementType::UInt64},
                  {"BOOL", ElementType::Bool}};
    for (const auto& t : kTypes)
        if (dtype == t.name) return t.type;
    return ElementType::Unsupported;
}

bool isSize(const nlohmann::ordered_json& v) {
    return v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
}

Result<StoredTensor> readEntry(const std::string& name, const nlohmann::ordered_json& entry, std::string_view data) {
    const auto bad = [&](const char* field, const char* expected) {
        return stError(IoErrorId::SafetensorsBadEntry, {{"name", name}, {"field", field}, {"expected", expected}});
    };
    if (!entry.is_object()) return bad("its entry", "an object");
    const auto dtype = entry.find("dtype");
    if (dtype == entry.end() || !dtype->is_string()) return bad("dtype", "a string");
    const auto shape = entry.find("shape");
    if (shape == entry.end() || !shape->is_array()) return bad("shape", "a list of sizes");
    const auto offsets = entry.find("data_offsets");
    if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 || !isSize((*offsets)[0]) ||
        !isSize((*offsets)[1]))
        return bad("data_offsets", "two byte offsets [begin, end]");
    StoredTensor t;
    t.name = name;
    t.dtype = dtype->get<std::string>();
    t.type = safetensorsType(t.dtype);
    for (const auto& d : *shape) {
        if (!isSize(d) || d.get<std::uint64_t>() > std::uint64_t{1} << 62) return bad("shape", "a list of sizes");
        t.shape.push_back(d.get<std::int64_t>());
    }
    auto count = checkedValueCount(name, t.shape);
    if (!count) return count.error();
    const auto begin = (*offsets)[0].get<std::uint64_t>();
    const auto end = (*offsets)[1].get<std::uint64_t>();
    if (begin > end || end > data.size())
        return stError(IoErrorId::SafetensorsOffsetsOutside, {{"name", name},
                                                              {"begin", std::to_string(begin)},
                                                              {"end", std::to_string(end)},
                                                              {"size", std::to_string(data.size())}});
    if (t.type != ElementType::Unsupported) {
        if (auto ok = checkTensorBytes(t, end - begin); !ok) return ok.error();
        t.bytes = std::string(data.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)));
    }
    return t;
}

}  // namespace

Result<std::vector<StoredTensor>> parseSafetensors(std::string_view bytes) {
    if (bytes.size() < 8)
        return stError(IoErrorId::SafetensorsTruncated, {{"length", "8"}, {"have", std::to_string(bytes.size())}});
    std::uint64_t length = 0;
    for (int i = 7; i >= 0; --i)
        length = (length << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
    if (length > kMaxHeaderBytes)
        return stError(IoErrorId::SafetensorsHeaderTooLarge,
                       {{"length", std::to_string(length)}, {"limit", std::to_string(kMaxHeaderBytes)}});
    if (length > bytes.size() - 8)
        return stError(IoErrorId::SafetensorsTruncated,
                       {{"length", std::to_string(length)}, {"have", std::to_string(bytes.size() - 8)}});
    const auto header =
        nlohmann::ordered_json::parse(bytes.substr(8, static_cast<std::size_t>(length)), nullptr, false);
    if (header.is_discarded() || !header.is_object()) return stError(IoErrorId::SafetensorsNotJson);
    const std::string_view data = bytes.substr(8 + static_cast<std::size_t>(length));
    // JSON object keys are unique, so tensor names are too.
    std::vector<StoredTensor> tensors;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") continue;
        auto tensor = readEntry(name, entry, data);
        if (!tensor) return tensor.error();
        tensors.push_back(std::move(*tensor));
    }
    return tensors;
}

}  // namespace convscope::io
