// Kernels' frequency responses against numpy (fixtures by make_freq_golden.py):
// fftshift(|fft2(k, (N, N))|) cell by cell, the DC gain, and separability against numpy's
// matrix rank. Then what a person reads off them: a Gaussian is a separable low-pass, a
// Laplacian a high-pass with DC gain 0.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "convscope/core/frequency.hpp"
#include "golden_json.hpp"

using namespace convscope::core;
using namespace golden;

namespace {

KernelSlice sliceOf(const json& k) {
    const auto shape = k["shape"].get<std::vector<int>>();
    return {shape[0], shape[1], numbers(k["values"])};
}

const json& caseNamed(const json& all, const std::string& name) {
    for (const json& c : all["cases"])
        if (c["name"] == name) return c;
    FAIL("no case " << name);
    return all;
}

json loadCases() {
    std::ifstream in(CONVSCOPE_GOLDEN_DIR "/freq_cases.json");
    REQUIRE(in.good());
    return json::parse(in);
}

}  // namespace

TEST_CASE("frequency response equals numpy's fftshift(|fft2(k, (N, N))|)", "[golden][freq]") {
    const json all = loadCases();
    REQUIRE(all["cases"].size() == 18);
    for (const json& c : all["cases"]) {
        INFO(c["name"].get<std::string>());
        const KernelSlice k = sliceOf(c["kernel"]);
        auto r = frequencyResponse(k, c["size"].get<int>());
        REQUIRE(r.ok());
        const std::vector<float> expected = numbers(c["magnitude"]);
        REQUIRE(r->magnitude.size() == expected.size());
        int wrong = 0;
        for (std::size_t i = 0; i < expected.size(); ++i)
            wrong += std::fabs(r->magnitude[i] - expected[i]) > 1e-5 * std::max(1.0f, std::fabs(expected[i]));
        CHECK(wrong == 0);
        CHECK(r->dcGain == Approx(c["dc_gain"].get<double>()).margin(1e-6));
        CHECK(r->separable.separable == (c["rank"].get<int>() <= 1));
    }
}

TEST_CASE("a Gaussian is a separable low-pass whose factors are the 1-D Gaussian", "[golden][freq]") {
    const json all = loadCases();
    const KernelSlice k = sliceOf(caseNamed(all, "gaussian 5x5 sigma 1 N=16")["kernel"]);
    auto r = frequencyResponse(k, 16);
    REQUIRE(r.ok());
    CHECK(r->kind == FilterKind::LowPass);
    CHECK(r->dcGain == Approx(1.0).margin(1e-6));
    REQUIRE(r->separable.separable);
    REQUIRE(r->separable.column.size() == 5);
    for (int i = 0; i < 5; ++i) {
        CHECK(r->separable.column[static_cast<std::size_t>(i)] ==
              Approx(r->separable.row[static_cast<std::size_t>(i)]).margin(1e-6));
        for (int j = 0; j < 5; ++j)
            CHECK(r->separable.column[static_cast<std::size_t>(i)] * r->separable.row[static_cast<std::size_t>(j)] ==
                  Approx(k.values[static_cast<std::size_t>(i * 5 + j)]).margin(1e-6));
    }
    CHECK(r->magnitude[8 * 16 + 8] == Approx(1.0).margin(1e-6));  // DC at the centre
}

TEST_CASE("a Laplacian is a high-pass with DC gain 0, not separable; Sobel a separable band-pass", "[golden][freq]") {
    const json all = loadCases();
    auto lap = frequencyResponse(sliceOf(caseNamed(all, "laplacian 3x3 N=8")["kernel"]), 8);
    REQUIRE(lap.ok());
    CHECK(lap->dcGain == 0.0);
    CHECK(lap->magnitude[4 * 8 + 4] == Approx(0.0).margin(1e-12));
    CHECK(lap->kind == FilterKind::HighPass);
    CHECK_FALSE(lap->separable.separable);
    CHECK(lap->peak == Approx(8.0).margin(1e-9));  // |−4 + 2cos π + 2cos π| at the corner

    auto sobel = frequencyResponse(sliceOf(caseNamed(all, "sobel x N=16")["kernel"]), 16);
    REQUIRE(sobel.ok());
    CHECK(sobel->kind == FilterKind::BandPass);
    CHECK(sobel->separable.separable);
}

TEST_CASE("frequency sizes below the kernel or above 512 are refused by name", "[freq][errors]") {
    const KernelSlice k{3, 3, std::vector<float>(9, 1.0f)};
    auto big = frequencyResponse(k, 513);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().parameter == "size");
    CHECK_THAT(big.error().message, Catch::Contains("512"));
    CHECK_FALSE(frequencyResponse(k, 2).ok());
    Weights w(2, 3, 3, 3);
    CHECK(kernelSlice(w, 1, 2).ok());
    CHECK(kernelSlice(w, 2, 0).error().parameter == "filter");
    CHECK(kernelSlice(w, 0, 3).error().parameter == "channel");
}
