#pragma once
// safetensors: an 8-byte little-endian header length, a JSON header naming each tensor's
// dtype, shape and data_offsets (into the data that follows), then the raw little-endian data.
#include <string_view>
#include <vector>

#include "convscope/io/stored_tensor.hpp"

namespace convscope::io {

// The tensors in the header's order ("__metadata__" skipped). An unsupported dtype (F8_E4M3…)
// is listed; loadAsFloat refuses it.
Result<std::vector<StoredTensor>> parseSafetensors(std::string_view bytes);

}  // namespace convscope::io
