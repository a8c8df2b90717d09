// What a big map looks like zoomed out: each texel of a reduced level is the mean of the
// cells under it, its edges do not fade into the texture's unused storage, and a NaN cell
// stays visible.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "render/mip_levels.hpp"

namespace convscope::gui {
namespace {

float at(const MipLevels& m, std::size_t level, int y, int x) {
    const MipLevel& l = m.levels[level];
    REQUIRE(y < l.height);
    REQUIRE(x < l.width);
    return m.values[l.offset + static_cast<std::size_t>(y) * static_cast<std::size_t>(l.width) +
                    static_cast<std::size_t>(x)];
}

}  // namespace

TEST_CASE("reduced levels hold the mean of the cells under each texel", "[gui][mip]") {
    const std::vector<float> map = {
        1, 3, 10, 20,  //
        5, 7, 30, 40,  //
        0, 0, -4, 4,   //
        2, 2, 8,  0,   //
    };
    MipLevels m;
    buildMipLevels(map.data(), 4, 4, 4, 4, m);
    REQUIRE(m.levels.size() == 2);  // 2×2, 1×1
    CHECK(at(m, 0, 0, 0) == 4.0f);  // (1 + 3 + 5 + 7) / 4
    CHECK(at(m, 0, 0, 1) == 25.0f);
    CHECK(at(m, 0, 1, 0) == 1.0f);
    CHECK(at(m, 0, 1, 1) == 2.0f);
    CHECK(at(m, 1, 0, 0) == 8.0f);  // the mean of all sixteen
    // The same pass reads the range the colour scale is fitted to.
    CHECK(m.range.low == -4.0f);
    CHECK(m.range.high == 40.0f);
}

TEST_CASE("the range read with the levels is the map's, whatever its shape", "[gui][mip]") {
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> side(1, 40);
    std::uniform_real_distribution<float> value(-50.0f, 50.0f);
    MipLevels m;
    for (int trial = 0; trial < 200; ++trial) {
        const int h = side(rng), w = side(rng);
        std::vector<float> map(static_cast<std::size_t>(h) * static_cast<std::size_t>(w));
        for (float& v : map) v = value(rng);
        map[static_cast<std::size_t>(trial) % map.size()] = trial % 2 ? INFINITY : std::nanf("");
        buildMipLevels(map.data(), h, w, h + trial % 3, w, m);
        FiniteRange expected;
        expected.add(map.data(), map.size());
        INFO(h << "×" << w);
        CHECK(m.range.low == expected.low);
        CHECK(m.range.high == expected.high);
    }
}

TEST_CASE("a map smaller than its texture does not fade at its edges", "[gui][mip]") {
    // 3×3 in 8×8 storage (a texture grown earlier for a larger map): the last column and row
    // of level 1 are the map's own cells, not averaged with the unused storage.
    const std::vector<float> map = {1, 1, 6, 1, 1, 6, 9, 9, 3};
    MipLevels m;
    buildMipLevels(map.data(), 3, 3, 8, 8, m);
    REQUIRE(m.levels.size() == 3);  // the texture's 4×4, 2×2, 1×1
    CHECK(m.levels[0].width == 2);
    CHECK(m.levels[0].height == 2);
    CHECK(at(m, 0, 0, 0) == 1.0f);
    CHECK(at(m, 0, 0, 1) == 6.0f);
    CHECK(at(m, 0, 1, 0) == 9.0f);
    CHECK(at(m, 0, 1, 1) == 3.0f);
    CHECK(at(m, 1, 0, 0) == 4.75f);
    CHECK(at(m, 2, 0, 0) == 4.75f);
}

TEST_CASE("every level of a constant map is that constant, whatever its size", "[gui][mip]") {
    // Odd sizes make GL's levels one short (⌊5 / 2⌋ = 2): the last texel takes three cells.
    std::mt19937 rng(17);
    std::uniform_int_distribution<int> side(1, 70);
    MipLevels m;
    for (int trial = 0; trial < 200; ++trial) {
        const int h = side(rng), w = side(rng);
        const int storageH = h + side(rng) % 3 * 5, storageW = w + side(rng) % 2 * 9;
        const std::vector<float> map(static_cast<std::size_t>(h) * static_cast<std::size_t>(w), 2.5f);
        buildMipLevels(map.data(), h, w, storageH, storageW, m);
        INFO(h << "×" << w << " in " << storageH << "×" << storageW);
        int expectedLevels = 0;
        while ((storageH >> expectedLevels) > 1 || (storageW >> expectedLevels) > 1) ++expectedLevels;
        REQUIRE(m.levels.size() == static_cast<std::size_t>(expectedLevels));
        for (std::size_t k = 0; k < m.levels.size(); ++k) {
            const MipLevel& l = m.levels[k];
            CHECK(l.width <= std::max(1, storageW >> (k + 1)));
            CHECK(l.height <= std::max(1, storageH >> (k + 1)));
            for (int y = 0; y < l.height; ++y)
                for (int x = 0; x < l.width; ++x) REQUIRE(at(m, k, y, x) == Approx(2.5f));
        }
    }
}

TEST_CASE("a NaN cell shows on every level above it, and only there", "[gui][mip]") {
    std::vector<float> map(64 * 64, 1.0f);
    map[static_cast<std::size_t>(40) * 64 + 9] = std::nanf("");
    MipLevels m;
    buildMipLevels(map.data(), 64, 64, 64, 64, m);
    REQUIRE(m.levels.size() == 6);
    for (std::size_t k = 0; k < m.levels.size(); ++k) {
        const int scale = 2 << k;
        CHECK(std::isnan(at(m, k, 40 / scale, 9 / scale)));
        if (m.levels[k].width > 1) CHECK(at(m, k, 0, m.levels[k].width - 1) == 1.0f);
    }
}

}  // namespace convscope::gui

namespace convscope::gui {

TEST_CASE("a large map, reduced in bands on two threads, gives every texel its own cells", "[gui][mip]") {
    const int h = 1024, w = 768;  // above the size that is split into bands
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    std::vector<float> map(static_cast<std::size_t>(h) * w);
    for (float& v : map) v = value(rng);
    map[static_cast<std::size_t>(h - 1) * w + 5] = 3.0f;  // the range's ends in the last band
    map[7] = -2.0f;                                       // and in the first
    MipLevels m;
    buildMipLevels(map.data(), h, w, h, w, m);
    const auto cell = [&](int y, int x) { return map[static_cast<std::size_t>(y) * w + static_cast<std::size_t>(x)]; };
    for (int y = 0; y < h / 2; ++y)
        for (int x = 0; x < w / 2; ++x) {
            const float mean =
                (cell(2 * y, 2 * x) + cell(2 * y, 2 * x + 1) + cell(2 * y + 1, 2 * x) + cell(2 * y + 1, 2 * x + 1)) /
                4.0f;
            REQUIRE(at(m, 0, y, x) == Approx(mean).margin(1e-6));
        }
    CHECK(m.range.low == -2.0f);
    CHECK(m.range.high == 3.0f);
}

}  // namespace convscope::gui
