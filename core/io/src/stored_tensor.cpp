#include "convscope/io/stored_tensor.hpp"

#include <bit>
#include <cstring>

#include "convscope/core/geometry.hpp"
#include "convscope/io/errors.hpp"

namespace convscope::io {

static_assert(std::endian::native == std::endian::little, "tensor bytes are read as little-endian");

namespace {

template <class T>
float loadAs(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return static_cast<float>(v);
}

// IEEE 754 binary16 → binary32, exactly (subnormals, infinities and NaN included).
float halfToFloat(std::uint16_t h) {
    const std::uint32_t sign = std::uint32_t{h & 0x8000u} << 16;
    std::uint32_t exponent = (h >> 10) & 0x1fu;
    std::uint32_t mantissa = h & 0x3ffu;
    std::uint32_t bits = 0;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa != 0) {  // subnormal: normalise it
        exponent = 113;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            --exponent;
        }
        bits = sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13);
    } else {
        bits = sign;
    }
    return std::bit_cast<float>(bits);
}

float loadElement(ElementType type, const char* p) {
    switch (type) {
        case ElementType::Float32: return loadAs<float>(p);
        case ElementType::Float64: return loadAs<double>(p);
        case ElementType::Float16: {
            std::uint16_t h;
            std::memcpy(&h, p, 2);
            return halfToFloat(h);
        }
        case ElementType::BFloat16: {
            std::uint16_t b;
            std::memcpy(&b, p, 2);
            return std::bit_cast<float>(std::uint32_t{b} << 16);
        }
        case ElementType::Int8: return loadAs<std::int8_t>(p);
        case ElementType::Int16: return loadAs<std::int16_t>(p);
        case ElementType::Int32: return loadAs<std::int32_t>(p);
        case ElementType::Int64: return loadAs<std::int64_t>(p);
        case ElementType::UInt8: return loadAs<std::uint8_t>(p);
        case ElementType::UInt16: return loadAs<std::uint16_t>(p);
        case ElementType::UInt32: return loadAs<std::uint32_t>(p);
        case ElementType::UInt64: return loadAs<std::uint64_t>(p);
        case ElementType::Bool: return *p != 0 ? 1.0f : 0.0f;
        case ElementType::Unsupported: break;
    }
    return 0.0f;
}

std::string shapeString(const std::vector<std::int64_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace

std::size_t elementBytes(ElementType type) {
    switch (type) {
        case ElementType::Float64:
        case ElementType::Int64:
        case ElementType::UInt64: return 8;
        case ElementType::Float32:
        case ElementType::Int32:
        case ElementType::UInt32: return 4;
        case ElementType::Float16:
        case ElementType::BFloat16:
        case ElementType::Int16:
        case ElementType::UInt16: return 2;
        case ElementType::Int8:
        case ElementType::UInt8:
        case ElementType::Bool: return 1;
        case ElementType::Unsupported: break;
    }
    return 0;
}

std::string StoredTensor::shapeText() const {
    return shapeString(shape);
}

Result<std::int64_t> checkedValueCount(const std::string& name, const std::vector<std::int64_t>& shape) {
    for (std::int64_t d : shape)
        if (d < 0)
            return ioError(IoErrorId::TensorNegativeDimension, "file", {{"name", name}, {"shape", shapeString(shape)}});
    std::int64_t count = 1;
    for (std::int64_t d : shape) {
        if (d == 0) return std::int64_t{0};
        if (count > core::kMaxValues / d)
            return ioError(IoErrorId::TensorTooLarge, "file",
                           {{"name", name}, {"limit", std::to_string(core::kMaxValues)}});
        count *= d;
    }
    return count;
}

Status checkTensorBytes(const StoredTensor& tensor, std::uintmax_t byteCount) {
    auto count = checkedValueCount(tensor.name, tensor.shape);
    if (!count) return count.error();
    const std::uintmax_t need = static_cast<std::uintmax_t>(*count) * elementBytes(tensor.type);
    if (tensor.type != ElementType::Unsupported && need != byteCount)
        return ioError(IoErrorId::TensorSizeMismatch, "file",
                       {{"name", tensor.name},
                        {"shape", tensor.shapeText()},
                        {"dtype", tensor.dtype},
                        {"need", std::to_string(need)},
                        {"have", std::to_string(byteCount)}});
    return core::Ok{};
}

Result<Array> loadAsFloat(const StoredTensor& tensor) {
    if (tensor.type == ElementType::Unsupported)
        return ioError(IoErrorId::TensorUnsupportedDtype, "file", {{"name", tensor.name}, {"dtype", tensor.dtype}});
    if (auto ok = checkTensorBytes(tensor, tensor.bytes.size()); !ok) return ok.error();
    const std::size_t size = elementBytes(tensor.type);
    Array a;
    a.shape = tensor.shape;
    a.data.resize(tensor.bytes.size() / size);
    const char* p = tensor.bytes.data();
    for (float& v : a.data) {
        v = loadElement(tensor.type, p);
        p += size;
    }
    return a;
}

Result<const StoredTensor*> findTensor(const std::vector<StoredTensor>& tensors, const std::string& name) {
    std::string names;
    for (const StoredTensor& t : tensors) {
        if (t.name == name) return &t;
        if (names.size() < 400) names += (names.empty() ? "" : ", ") + t.name;
    }
    return ioError(IoErrorId::TensorNotFound, "tensor", {{"name", name}, {"names", names}});
}

namespace {

Array permute(const Array& a, const std::vector<std::size_t>& order) {
    const std::size_t rank = a.shape.size();
    std::vector<std::int64_t> srcStride(rank, 1);
    for (std::size_t i = rank; i-- > 1;) srcStride[i - 1] = srcStride[i] * a.shape[i];
    Array out;
    for (std::size_t axis : order) out.shape.push_back(a.shape[axis]);
    out.data.resize(a.data.size());
    std::vector<std::int64_t> index(rank, 0);
    for (float& v : out.data) {
        std::int64_t src = 0;
        for (std::size_t i = 0; i < rank; ++i) src += index[i] * srcStride[order[i]];
        v = a.data[static_cast<std::size_t>(src)];
        for (std::size_t i = rank; i-- > 0;) {
            if (++index[i] < out.shape[i]) break;
            index[i] = 0;
        }
    }
    return out;
}

}  // namespace

Array inputToChannelsFirst(const Array& array) {
    if (array.shape.size() == 3) return permute(array, {2, 0, 1});
    if (array.shape.size() == 4) return permute(array, {0, 3, 1, 2});
    return array;
}

Array kernelToChannelsFirst(const Array& array) {
    if (array.shape.size() == 4) return permute(array, {3, 2, 0, 1});
    return array;
}

}  // namespace convscope::io
