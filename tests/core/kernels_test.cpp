// Kernel presets: complete metadata, the sums that make blurs keep brightness and
// derivatives vanish on flat areas, lookup by id, and the identity preset through conv2d.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>

#include "convscope/core/conv.hpp"
#include "convscope/core/kernels.hpp"
#include "core/reference.hpp"

using namespace convscope::core;

namespace {

double sumOf(const KernelPreset& p) {
    double s = 0.0;
    for (float v : p.values) s += static_cast<double>(v);
    return s;
}

bool startsWith(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

}  // namespace

TEST_CASE("every preset has an id, a name, a one-line description and h·w values", "[kernels]") {
    REQUIRE_FALSE(kernelPresets().empty());
    std::set<std::string> ids;
    for (const KernelPreset& p : kernelPresets()) {
        INFO("preset '" << p.id << "'");
        CHECK_FALSE(p.id.empty());
        CHECK(p.id.find(' ') == std::string::npos);  // a stable key for sessions and the CLI
        CHECK_FALSE(p.name.empty());
        CHECK_FALSE(p.description.empty());
        CHECK(p.description.find('\n') == std::string::npos);
        CHECK(p.height >= 1);
        CHECK(p.width >= 1);
        CHECK(p.values.size() == static_cast<std::size_t>(p.height * p.width));
        CHECK(ids.insert(p.id).second);  // ids are unique
        const Weights w = p.weights();
        CHECK(w.outChannels == 1);
        CHECK(w.inChannels == 1);
        CHECK(w.height == p.height);
        CHECK(w.width == p.width);
        CHECK(w.data == p.values);
    }
}

TEST_CASE("blur presets sum to 1, so flat areas keep their brightness", "[kernels]") {
    int blurs = 0;
    for (const KernelPreset& p : kernelPresets()) {
        if (!startsWith(p.id, "box") && !startsWith(p.id, "gaussian")) continue;
        INFO("preset '" << p.id << "'");
        CHECK(std::fabs(sumOf(p) - 1.0) < 1e-6);
        for (float v : p.values) CHECK(v > 0.0f);
        ++blurs;
    }
    CHECK(blurs >= 3);
}

TEST_CASE("the Gaussian presets weigh the centre most", "[kernels]") {
    for (const char* id : {"gaussian3", "gaussian5"}) {
        const KernelPreset* p = findKernelPreset(id);
        REQUIRE(p != nullptr);
        const std::size_t centre = p->values.size() / 2;
        for (std::size_t i = 0; i < p->values.size(); ++i)
            if (i != centre) CHECK(p->values[i] < p->values[centre]);
    }
    // 1-2-1 binomial: corners 1/16, edges 2/16, centre 4/16.
    const KernelPreset* g3 = findKernelPreset("gaussian3");
    REQUIRE(g3 != nullptr);
    CHECK(g3->values[0] == Approx(1.0 / 16));
    CHECK(g3->values[1] == Approx(2.0 / 16));
    CHECK(g3->values[4] == Approx(4.0 / 16));
}

TEST_CASE("derivative presets sum to 0, so flat areas give 0", "[kernels]") {
    int derivatives = 0;
    for (const KernelPreset& p : kernelPresets()) {
        const bool derivative = startsWith(p.id, "sobel") || startsWith(p.id, "prewitt") ||
                                startsWith(p.id, "scharr") || startsWith(p.id, "laplacian") || p.id == "outline";
        if (!derivative) continue;
        INFO("preset '" << p.id << "'");
        CHECK(sumOf(p) == 0.0);
        // And through conv2d: a constant image gives exactly 0 away from the (zero) padding.
        auto out = conv2d(Tensor(1, 5, 5, 3.0f), p.weights(), {}, ConvParams{});
        REQUIRE(out.ok());
        for (float v : out->data) CHECK(v == 0.0f);
        ++derivatives;
    }
    CHECK(derivatives >= 9);  // sobel ×2, prewitt ×2, scharr ×2, laplacian ×2, outline
}

TEST_CASE("findKernelPreset finds presets by id and returns nullptr for unknown ids", "[kernels]") {
    for (const KernelPreset& p : kernelPresets()) {
        const KernelPreset* found = findKernelPreset(p.id);
        REQUIRE(found != nullptr);
        CHECK(found->id == p.id);
    }
    const KernelPreset* sobel = findKernelPreset("sobel_x");
    REQUIRE(sobel != nullptr);
    CHECK(sobel->values == std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1});
    CHECK(findKernelPreset("no_such_kernel") == nullptr);
    CHECK(findKernelPreset("") == nullptr);
    CHECK(findKernelPreset("Sobel_x") == nullptr);  // ids are exact keys
}

TEST_CASE("the identity preset with padding 1 reproduces the input through conv2d", "[kernels]") {
    const KernelPreset* identity = findKernelPreset("identity");
    REQUIRE(identity != nullptr);
    std::mt19937 rng(21);
    const Tensor in = reference::randomTensor(1, 6, 8, rng);
    ConvParams p;
    p.padding = {1, 1, 1, 1};
    auto out = conv2d(in, identity->weights(), {}, p);
    REQUIRE(out.ok());
    CHECK(out->height == 6);
    CHECK(out->width == 8);
    CHECK(out->data == in.data);
}

TEST_CASE("sobel_x responds to a left-to-right step with the hand-worked value", "[kernels]") {
    // Columns 0,1 are 0 and columns 2,3 are 1 on a 3×4 image. At output (0,0) (window cols 0–2):
    // (−1·0 + 0·0 + 1·1)·(1 + 2 + 1) = 4; at (0,1) (cols 1–3): (−0 + 1)·4 = 4; no step → 0 elsewhere.
    Tensor in(1, 3, 4);
    in.data = {0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1};
    const KernelPreset* sobel = findKernelPreset("sobel_x");
    REQUIRE(sobel != nullptr);
    auto out = conv2d(in, sobel->weights(), {}, ConvParams{});
    REQUIRE(out.ok());
    CHECK(out->data == std::vector<float>{4, 4});
}
