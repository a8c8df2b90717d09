// `convscope-cli diff`: a session layer's output against a reference file. The references are
// the naive reference conv (tests/core) — so "within tolerance" is an independent result — and
// copies of it perturbed at known cells.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/cli_run.hpp"
#include "convscope/io/npy.hpp"
#include "convscope/io/session.hpp"
#include "core/reference.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::cli;
using clitest::Run;
using iotest::TempDir;
using nlohmann::json;

namespace {

// 2×9×9 → conv(2→3, 3×3, padding 1) → max pool 2×2 with ceil mode (9 → 5).
struct Fixture {
    TempDir dir;
    core::Tensor input;
    core::Conv2d conv;
    core::Tensor convOut;  // by the naive reference
    std::string session;

    Fixture() {
        std::mt19937 rng(15);
        input = reference::randomTensor(2, 9, 9, rng);
        conv.weights = reference::randomWeights(3, 2, 3, 3, rng);
        conv.bias = {0.25f, -0.5f, 0.125f};
        conv.padding = {core::PaddingSpec::Kind::Explicit, 1, 1};
        core::ConvParams p;
        p.padding = {1, 1, 1, 1};
        convOut = *reference::conv2d(input, conv.weights, conv.bias, p);
        io::Session s;
        s.grid = input;
        s.layers = {conv, core::MaxPool2d{{2, 2}, {2, 2}, {0, 0}, {1, 1}, true}};
        session = (dir / "s.json").string();
        REQUIRE(io::saveSession(session, s).ok());
    }

    std::string write(const char* name, const core::Tensor& t) const {
        io::Array a;
        a.shape = {t.channels, t.height, t.width};
        a.data = t.data;
        const std::string path = (dir / name).string();
        iotest::writeBytes(path, io::encodeNpyFloat32(a));
        return path;
    }

    Run diff(std::vector<std::string> more) const {
        std::vector<std::string> args{"diff", "--session", session};
        args.insert(args.end(), more.begin(), more.end());
        return cli(dir, args);
    }
};

}  // namespace

TEST_CASE("cli diff of a layer against the naive reference is within float32 rounding", "[cli][diff]") {
    Fixture f;
    // Two correct float32 sums of 18 products of size ~1 differ by up to ~1e-7 in absolute
    // terms, more than numpy's default atol (1e-8) at a cell near 0 (a build that orders
    // the sums differently shows it): the tolerance a user would give for float32.
    const Run r = f.diff({"--layer", "1", "--reference", f.write("ref.npy", f.convOut), "--atol", "1e-6"});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("243 cells, 0 outside"));
}

TEST_CASE("cli diff lists the perturbed cells, worst first, and exits 3", "[cli][diff]") {
    Fixture f;
    core::Tensor perturbed = f.convOut;
    perturbed.at(1, 2, 3) += 0.5f;
    perturbed.at(2, 8, 0) += 1e-3f;
    perturbed.at(0, 0, 0) = std::nextafter(perturbed.at(0, 0, 0), INFINITY);  // 1 ULP: inside
    const std::string ref = f.write("ref.npy", perturbed);
    // atol 1e-6: float32 rounding between two correct sums stays inside (see the test above).
    const Run text = f.diff({"--layer", "1", "--reference", ref, "--atol", "1e-6"});
    CHECK(text.status == 3);
    CHECK_THAT(text.out, Catch::Contains("2 outside"));
    const auto first = text.out.find("(1,2,3)");
    const auto second = text.out.find("(2,8,0)");
    CHECK(first != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK(first < second);

    const Run j = f.diff({"--layer", "1", "--reference", ref, "--atol", "1e-6", "--json"});
    CHECK(j.status == 3);
    const auto report = json::parse(j.out);
    CHECK(report["outside"] == 2);
    CHECK(report["within_tolerance"] == false);
    CHECK(report["worst"][0]["channel"] == 1);
    CHECK(report["worst"][0]["row"] == 2);
    CHECK(report["worst"][0]["col"] == 3);
    CHECK(report["worst"][0]["reference"].get<float>() == perturbed.at(1, 2, 3));
    CHECK(report["worst"][0]["convscope"].get<float>() == Approx(f.convOut.at(1, 2, 3)).margin(1e-5));
    CHECK(report["worst"][0]["abs_diff"].get<double>() == Approx(0.5).margin(1e-5));

    // A looser tolerance lets the 1e-3 change through but not the 0.5 one.
    const Run loose = f.diff({"--layer", "1", "--reference", ref, "--atol", "0.01", "--json"});
    CHECK(loose.status == 3);
    CHECK(json::parse(loose.out)["outside"] == 1);
}

TEST_CASE("cli diff explains a reference one row short as a ceil-mode or padding difference", "[cli][diff]") {
    Fixture f;
    // The last layer is a 2×2 max pool with ceil mode on 9×9: 5×5. Without ceil mode it is 4×4.
    const Run r = f.diff({"--reference", f.write("ref.npy", core::Tensor(3, 4, 4))});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("yours is 4×4, convscope's is 5×5") && Catch::Contains("ceil mode"));
    // The conv with padding 1 keeps 9×9; one cell less padding gives 8×8.
    const Run conv = f.diff({"--layer", "1", "--reference", f.write("ref8.npy", core::Tensor(3, 8, 9))});
    CHECK(conv.status == 2);
    CHECK_THAT(conv.err, Catch::Contains("height 8 instead of 9") && Catch::Contains("one cell less padding"));
}

TEST_CASE("cli diff refuses bad arguments with 2 and unreadable files with 1", "[cli][diff][errors]") {
    Fixture f;
    const std::string ref = f.write("ref.npy", f.convOut);
    CHECK(f.diff({"--layer", "3", "--reference", ref}).status == 2);
    CHECK(f.diff({"--layer", "1", "--reference", ref, "--atol", "-1"}).status == 2);
    CHECK(f.diff({"--layer", "1", "--reference", (f.dir / "missing.npy").string()}).status == 1);
    const Run noSession = cli(f.dir, {"diff", "--session", (f.dir / "none.json").string(), "--reference", ref});
    CHECK(noSession.status == 1);
}
