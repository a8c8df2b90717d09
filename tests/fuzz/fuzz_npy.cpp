// parseNpy on arbitrary bytes: an array or an error, never a crash, a hang or a huge
// allocation. An array it returns is consistent (shape product = value count), goes
// through the CLI's role checks, and survives our own encoder bit for bit.
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

#include "convscope/io/npy.hpp"
#include "fuzz_check.hpp"

using namespace convscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto a = io::parseNpy(bytes);
    if (!a) {
        FUZZ_CHECK(!a.error().message.empty());
        return 0;
    }
    std::int64_t count = 1;
    for (std::int64_t d : a->shape) {
        FUZZ_CHECK(d >= 0);
        if (d == 0) count = 0;
    }
    for (std::int64_t d : a->shape) {
        if (count == 0) break;
        FUZZ_CHECK(count <= std::numeric_limits<std::int64_t>::max() / d);  // parseNpy bounds the product
        count *= d;
    }
    FUZZ_CHECK(count == static_cast<std::int64_t>(a->data.size()));

    // What the CLI does next with an input, a kernel and a bias.
    if (auto t = io::toTensor(*a, "input"))
        FUZZ_CHECK(static_cast<std::size_t>(t->channels) * t->planeSize() == t->data.size());
    if (auto w = io::toWeights(*a, "kernel"))
        FUZZ_CHECK(static_cast<std::size_t>(w->outChannels) * static_cast<std::size_t>(w->inChannels) *
                       static_cast<std::size_t>(w->height) * static_cast<std::size_t>(w->width) ==
                   w->data.size());
    if (auto b = io::toBias(*a, "bias")) FUZZ_CHECK(!b->empty());

    auto again = io::parseNpy(io::encodeNpyFloat32(*a));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->shape == a->shape);
    FUZZ_CHECK(again->data.size() == a->data.size());
    FUZZ_CHECK(a->data.empty() || std::memcmp(again->data.data(), a->data.data(), a->data.size() * sizeof(float)) == 0);
    return 0;
}
