// parseNpz on arbitrary bytes: tensors or an error, never a crash, a hang or an allocation
// the bytes do not justify (entries inflate only as far as their data really goes). Every
// tensor it lists loads (or, unsupported, is refused) with as many values as its shape says.
#include "convscope/io/npz.hpp"
#include "fuzz_tensors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    checkTensors(convscope::io::parseNpz({reinterpret_cast<const char*>(data), size}));
    return 0;
}
