// decodeImage on arbitrary bytes: the size guard (from the header, before any pixel is
// decoded) and then stb_image's decoders, which sniff the format from the bytes whatever
// the file's extension says. An image it returns is (H,W) or (3,H,W) within the limits,
// with every value in [0,1]; a header over the limits is always refused.
#include <stb_image.h>

#include <cstdint>
#include <string_view>

#include "convscope/io/image.hpp"
#include "fuzz_check.hpp"

using namespace convscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto a = io::decodeImage(bytes, "fuzz.png");
    if (!a) {
        FUZZ_CHECK(!a.error().message.empty());
        return 0;
    }
    // Only now ask stb for the header: decodeImage's guards must run before any stb call
    // (stbi_info itself can write out of bounds on some corrupt JPEGs).
    int w = 0, h = 0, comp = 0;
    FUZZ_CHECK(stbi_info_from_memory(data, static_cast<int>(size), &w, &h, &comp) != 0);
    FUZZ_CHECK(w <= io::kMaxImageSide && h <= io::kMaxImageSide && std::int64_t{w} * h <= io::kMaxImagePixels);
    FUZZ_CHECK(a->shape.size() == 2 || (a->shape.size() == 3 && a->shape[0] == 3));
    const std::int64_t ih = a->shape[a->shape.size() - 2];
    const std::int64_t iw = a->shape.back();
    FUZZ_CHECK(ih >= 1 && iw >= 1 && ih <= io::kMaxImageSide && iw <= io::kMaxImageSide);
    FUZZ_CHECK(ih * iw <= io::kMaxImagePixels);
    FUZZ_CHECK(static_cast<std::int64_t>(a->data.size()) == ih * iw * (a->shape.size() == 3 ? 3 : 1));
    // Every value of a small image; a sample of a large one (a 95-byte RLE TGA can decode
    // to 15 million pixels, and an instrumented loop over them all reads as a hang).
    const std::size_t step = a->data.size() / 65536 + 1;
    for (std::size_t i = 0; i < a->data.size(); i += step) FUZZ_CHECK(a->data[i] >= 0.0f && a->data[i] <= 1.0f);
    return 0;
}
