#pragma once
// A named tensor as a model file stores it (an .npz entry, a safetensors tensor, an ONNX
// initializer): its name, shape and element type, and its raw little-endian bytes. Listing a
// file needs only the first three; loading converts the bytes to float32, the only type the
// engine computes in. The three readers fill the same struct, so one conversion serves them.
#include <cstdint>
#include <string>
#include <vector>

#include "convscope/io/array.hpp"

namespace convscope::io {

enum class ElementType {
    Float32,
    Float64,
    Float16,
    BFloat16,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Bool,
    Unsupported  // listed with the file's own dtype name; loading it is an error
};

// Bytes per element; 0 for Unsupported.
std::size_t elementBytes(ElementType type);

struct StoredTensor {
    std::string name;
    std::vector<std::int64_t> shape;
    std::string dtype;  // as the file writes it: "<f4", "F16", "FLOAT"
    ElementType type = ElementType::Unsupported;
    std::string bytes;  // count·elementBytes(type) bytes, C order, little-endian

    std::string shapeText() const;  // "(8, 3, 3, 3)"
};

// The number of values of `shape`, or an error naming the tensor when it exceeds
// core::kMaxValues (1 GiB as float32) or a dimension is negative. Every reader calls it
// before trusting a size.
Result<std::int64_t> checkedValueCount(const std::string& name, const std::vector<std::int64_t>& shape);

// Checks that `byteCount` bytes are exactly what the shape and type need.
Status checkTensorBytes(const StoredTensor& tensor, std::uintmax_t byteCount);

// The tensor as float32 (integers and half floats converted exactly; float64 rounded).
Result<Array> loadAsFloat(const StoredTensor& tensor);

// The tensor named `name`, or an error listing the names there are.
Result<const StoredTensor*> findTensor(const std::vector<StoredTensor>& tensors, const std::string& name);

// How an array's axes are ordered. Channels-last is what TensorFlow writes: NHWC / HWC
// inputs, HWIO kernels. Nothing is guessed: a caller converts only when a person picked it.
enum class TensorLayout { ChannelsFirst, ChannelsLast };

// A channels-last array in PyTorch's order: (H,W,C) → (C,H,W), (N,H,W,C) → (N,C,H,W) for an
// input; (KH,KW,I,O) → (O,I,KH,KW) for a kernel. Other ranks are returned as they are.
Array inputToChannelsFirst(const Array& array);
Array kernelToChannelsFirst(const Array& array);

}  // namespace convscope::io
