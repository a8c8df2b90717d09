// parseSafetensors on arbitrary bytes: tensors or an error, never a crash or a hang; every
// listed tensor's data lies inside the file and loads with as many values as its shape says.
#include "convscope/io/safetensors.hpp"
#include "fuzz_tensors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    checkTensors(convscope::io::parseSafetensors({reinterpret_cast<const char*>(data), size}));
    return 0;
}
