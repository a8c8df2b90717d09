// parseCsv on arbitrary text: an array or an error naming the line, never a crash. An
// array it returns is rows × cols, and encodeCsv writes it back so that it reads again as
// the same values (NaN as NaN).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "convscope/io/csv.hpp"
#include "fuzz_check.hpp"

using namespace convscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto a = io::parseCsv(text);
    if (!a) {
        FUZZ_CHECK(!a.error().message.empty());
        return 0;
    }
    FUZZ_CHECK(a->shape.size() == 2);
    FUZZ_CHECK(a->shape[0] >= 1 && a->shape[1] >= 1);
    FUZZ_CHECK(a->shape[0] * a->shape[1] == static_cast<std::int64_t>(a->data.size()));

    auto again = io::parseCsv(io::encodeCsv(*a));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->shape == a->shape);
    for (std::size_t i = 0; i < a->data.size(); ++i) {
        const float x = a->data[i];
        const float y = again->data[i];
        if (std::isnan(x))
            FUZZ_CHECK(std::isnan(y));
        else
            FUZZ_CHECK(std::memcmp(&x, &y, sizeof x) == 0);  // bit for bit, -0 included
    }
    return 0;
}
