#include "convscope/io/npy.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "convscope/core/geometry.hpp"
#include "convscope/io/errors.hpp"

namespace convscope::io {

static_assert(std::endian::native == std::endian::little, "the .npy codec assumes a little-endian host");

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";

Error npyError(IoErrorId id, std::vector<core::ErrorValue> values = {}) {
    return ioError(id, "file", std::move(values));
}

std::size_t skipSpaces(std::string_view s, std::size_t i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return i;
}

// The value text after 'key': in the header dict ("'<f4'", "False", "(3, 4)").
Result<std::string_view> dictValue(std::string_view header, std::string_view key) {
    const std::string quoted = "'" + std::string(key) + "'";
    const std::size_t k = header.find(quoted);
    if (k == std::string_view::npos) return npyError(IoErrorId::NpyMissingEntry, {{"key", std::string(key)}});
    std::size_t i = skipSpaces(header, k + quoted.size());
    if (i >= header.size() || header[i] != ':')
        return npyError(IoErrorId::NpyMalformedHeader, {{"key", std::string(key)}});
    i = skipSpaces(header, i + 1);
    std::size_t end = i;
    if (end < header.size() && header[end] == '(') {
        end = header.find(')', end);
        if (end == std::string_view::npos) return npyError(IoErrorId::NpyShapeNotClosed);
        ++end;
    } else if (end < header.size() && header[end] == '\'') {
        end = header.find('\'', end + 1);
        if (end == std::string_view::npos) return npyError(IoErrorId::NpyStringNotClosed);
        ++end;
    } else {
        while (end < header.size() && header[end] != ',' && header[end] != '}') ++end;
    }
    return header.substr(i, end - i);
}

Result<std::vector<std::int64_t>> parseShape(std::string_view text) {
    std::vector<std::int64_t> shape;
    std::size_t i = 1;  // after '('
    while (i < text.size()) {
        i = skipSpaces(text, i);
        if (i < text.size() && (text[i] == ')')) break;
        std::int64_t v = 0;
        std::size_t digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (v > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
                return npyError(IoErrorId::NpyDimensionTooLarge);
            v = v * 10 + (text[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0) return npyError(IoErrorId::NpyShapeNotSizes, {{"shape", std::string(text)}});
        shape.push_back(v);
        i = skipSpaces(text, i);
        if (i < text.size() && text[i] == ',') ++i;
    }
    return shape;
}

struct Dtype {
    std::size_t bytes;
    char kind;  // 'f', 'i', 'u'
};

Result<Dtype> parseDescr(std::string_view d) {
    if (d.size() < 4 || d.front() != '\'' || d.back() != '\'')
        return npyError(IoErrorId::NpyMalformedDtype, {{"dtype", std::string(d)}});
    const std::string s(d.substr(1, d.size() - 2));
    if (s == "<f4") return Dtype{4, 'f'};
    if (s == "<f8") return Dtype{8, 'f'};
    if (s == "<i4") return Dtype{4, 'i'};
    if (s == "<i8") return Dtype{8, 'i'};
    if (s == "|u1" || s == "<u1") return Dtype{1, 'u'};
    if (s == "|i1" || s == "<i1") return Dtype{1, 'i'};
    if (!s.empty() && s[0] == '>') return npyError(IoErrorId::NpyBigEndian, {{"dtype", s}});
    return npyError(IoErrorId::NpyUnsupportedDtype, {{"dtype", s}});
}

template <class T>
float loadAs(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return static_cast<float>(v);
}

}  // namespace

Result<NpyHeader> parseNpyHeader(std::string_view bytes) {
    if (bytes.size() < 10 || bytes.substr(0, 6) != kMagic) return npyError(IoErrorId::NpyBadMagic);
    const auto major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerLen = 0;
    std::size_t offset = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) return npyError(IoErrorId::NpyHeaderTruncated);
        for (int i = 3; i >= 0; --i)
            headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[8 + static_cast<std::size_t>(i)]);
        offset = 12;
    } else {
        return npyError(IoErrorId::NpyUnknownVersion, {{"version", std::to_string(major)}});
    }
    if (headerLen > bytes.size() - offset) return npyError(IoErrorId::NpyHeaderTruncated);
    const std::string_view header = bytes.substr(offset, headerLen);

    auto descr = dictValue(header, "descr");
    if (!descr) return descr.error();
    if (descr->size() < 4 || descr->front() != '\'' || descr->back() != '\'')
        return npyError(IoErrorId::NpyMalformedDtype, {{"dtype", std::string(*descr)}});
    auto order = dictValue(header, "fortran_order");
    if (!order) return order.error();
    if (*order == "True") return npyError(IoErrorId::NpyFortranOrder);
    if (*order != "False") return npyError(IoErrorId::NpyBadFortranOrder);
    auto shapeText = dictValue(header, "shape");
    if (!shapeText) return shapeText.error();
    if (shapeText->empty() || shapeText->front() != '(') return npyError(IoErrorId::NpyShapeNotTuple);
    auto shape = parseShape(*shapeText);
    if (!shape) return shape.error();
    return NpyHeader{std::string(descr->substr(1, descr->size() - 2)), std::move(*shape), std::string(*shapeText),
                     offset + headerLen};
}

Result<Array> parseNpy(std::string_view bytes) {
    auto header = parseNpyHeader(bytes);
    if (!header) return header.error();
    auto dtype = parseDescr("'" + header->descr + "'");
    if (!dtype) return dtype.error();
    const std::vector<std::int64_t>* shape = &header->shape;
    const std::string* shapeText = &header->shapeText;
    const std::string_view payload = bytes.substr(header->dataOffset);

    // A zero dimension means no values however large the others are; without this check
    // (2147483648, 0) was called "more than 268435456 values".
    const bool noValues = std::find(shape->begin(), shape->end(), 0) != shape->end();
    std::int64_t count = noValues ? 0 : 1;
    for (std::int64_t d : *shape) {
        if (noValues) break;
        if (count > core::kMaxValues / d)
            return npyError(IoErrorId::ArrayTooManyValues, {{"limit", std::to_string(core::kMaxValues)}});
        count *= d;
    }
    if (count > core::kMaxValues)
        return npyError(IoErrorId::ArrayTooManyValues, {{"limit", std::to_string(core::kMaxValues)}});
    const std::size_t need = static_cast<std::size_t>(count) * dtype->bytes;
    if (payload.size() < need)
        return npyError(IoErrorId::NpyTruncated, {{"shape", std::string(*shapeText)},
                                                  {"need", std::to_string(need)},
                                                  {"have", std::to_string(payload.size())}});
    Array a;
    a.shape = *shape;
    a.data.resize(static_cast<std::size_t>(count));
    const char* p = payload.data();
    for (std::size_t i = 0; i < a.data.size(); ++i, p += dtype->bytes) {
        switch (dtype->kind) {
            case 'f': a.data[i] = dtype->bytes == 4 ? loadAs<float>(p) : loadAs<double>(p); break;
            case 'i':
                a.data[i] = dtype->bytes == 1   ? loadAs<std::int8_t>(p)
                            : dtype->bytes == 4 ? loadAs<std::int32_t>(p)
                                                : loadAs<std::int64_t>(p);
                break;
            default: a.data[i] = loadAs<std::uint8_t>(p); break;
        }
    }
    return a;
}

namespace {

std::string encodeNpy(const char* descr, const std::vector<std::int64_t>& shape, const void* data, std::size_t bytes) {
    std::string dims;
    for (std::size_t i = 0; i < shape.size(); ++i)
        dims += std::to_string(shape[i]) + (shape.size() == 1 || i + 1 < shape.size() ? "," : "");
    std::string header = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    // Pad with spaces so the data starts on a 64-byte boundary; the header ends in '\n'.
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::string out(kMagic);
    out += '\x01';
    out += '\x00';
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>((header.size() >> 8) & 0xff);
    out += header;
    out.append(static_cast<const char*>(data), bytes);
    return out;
}

}  // namespace

std::string encodeNpyFloat32(const Array& array) {
    return encodeNpy("<f4", array.shape, array.data.data(), array.data.size() * sizeof(float));
}

std::string encodeNpyInt64(const std::vector<std::int64_t>& shape, const std::vector<std::int64_t>& values) {
    return encodeNpy("<i8", shape, values.data(), values.size() * sizeof(std::int64_t));
}

}  // namespace convscope::io
