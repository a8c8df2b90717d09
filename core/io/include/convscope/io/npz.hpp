#pragma once
// NumPy .npz: a zip archive of .npy files, one per array, as numpy.savez (stored) and
// numpy.savez_compressed (deflate) write it, ZIP64 records included. Read from the zip's
// central directory; every entry's sizes, offsets and CRC are checked before it is trusted.
#include <string_view>
#include <vector>

#include "convscope/io/stored_tensor.hpp"

namespace convscope::io {

// The arrays, named as numpy.load names them (the entry name without ".npy"), in the
// archive's order. An unsupported dtype is listed (loadAsFloat refuses it).
Result<std::vector<StoredTensor>> parseNpz(std::string_view bytes);

}  // namespace convscope::io
