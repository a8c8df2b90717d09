// `convt`, `explain convt`, `shape convt` and `unfold` as a user runs them, against PyTorch's
// numbers (the transposed-conv cases of layers_cases.json, unfold_cases.json): the outputs
// match, the explanation lists every stamp and adds up to the output, bad geometry exits 2
// with the formula and writes nothing, unreadable input exits 1.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "cli/cli_run.hpp"
#include "cli/npy_files.hpp"
#include "convscope/core/text.hpp"
#include "convscope/io/npy.hpp"
#include "golden/golden_json.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::array;
using clitest::cli;
using clitest::readNpy;
using clitest::writeNpy;
using iotest::TempDir;
using nlohmann::json;

namespace {

std::vector<std::int64_t> shapeOf(const json& j) {
    return j["shape"].get<std::vector<std::int64_t>>();
}

std::string pairArg(const json& v) {
    return std::to_string(v[0].get<int>()) + "," + std::to_string(v[1].get<int>());
}

json fixtureCase(const char* file, const std::string& name) {
    std::ifstream in(std::string(CONVSCOPE_GOLDEN_DIR) + "/" + file);
    REQUIRE(in.good());
    const json all = json::parse(in);
    for (const json& c : all["cases"])
        if (c["name"] == name) return c;
    FAIL("no case " << name);
    return {};
}

// Writes a single-layer transposed-conv case's input, kernel and bias; returns the options.
std::vector<std::string> writeCase(const TempDir& dir, const json& c) {
    const json& layer = c["layers"][0];
    REQUIRE(layer["type"] == "conv_transpose2d");
    writeNpy(dir / "in.npy", shapeOf(c["input"]), golden::numbers(c["input"]["values"]));
    writeNpy(dir / "k.npy", shapeOf(layer["kernel"]), golden::numbers(layer["kernel"]["values"]));
    std::vector<std::string> args{"--input",          (dir / "in.npy").string(),
                                  "--kernel",         (dir / "k.npy").string(),
                                  "--stride",         pairArg(layer["stride"]),
                                  "--padding",        pairArg(layer["padding"]),
                                  "--output-padding", pairArg(layer["output_padding"]),
                                  "--dilation",       pairArg(layer["dilation"]),
                                  "--groups",         std::to_string(layer["groups"].get<int>())};
    if (!layer["bias"].empty()) {
        writeNpy(dir / "b.npy", {static_cast<std::int64_t>(layer["bias"].size())}, golden::numbers(layer["bias"]));
        args.insert(args.end(), {"--bias", (dir / "b.npy").string()});
    }
    return args;
}

// The subcommand words, then the case's options, then the rest.
std::vector<std::string> command(std::vector<std::string> words, const std::vector<std::string>& options,
                                 std::initializer_list<std::string> rest) {
    words.insert(words.end(), options.begin(), options.end());
    words.insert(words.end(), rest.begin(), rest.end());
    return words;
}

}  // namespace

TEST_CASE("cli convt writes PyTorch's conv_transpose2d output", "[cli][convt]") {
    for (const char* name : {"convt_4x4_k3_s2", "convt_every_parameter", "convt_stride_past_kernel"}) {
        INFO(name);
        TempDir dir;
        const json c = fixtureCase("layers_cases.json", name);
        const auto r = cli(dir, command({"convt"}, writeCase(dir, c), {"--output", (dir / "out.npy").string()}));
        INFO(r.err);
        REQUIRE(r.status == 0);
        const io::Array out = readNpy(dir / "out.npy");
        const json& expected = c["outputs"][0];
        CHECK(out.shape == shapeOf(expected));
        const auto values = golden::numbers(expected["values"]);
        REQUIRE(out.data.size() == values.size());
        for (std::size_t i = 0; i < values.size(); ++i) CHECK(golden::sameValue(values[i], out.data[i]));
    }
}

TEST_CASE("cli explain convt lists every stamp landing on the cell and adds them up", "[cli][convt][explain]") {
    TempDir dir;
    const json c = fixtureCase("layers_cases.json", "convt_4x4_k3_s2");
    const auto args = writeCase(dir, c);
    // Output (2, 2) of a 3×3 stride-2 transposed conv on 4×4: input cells (0,0), (0,1), (1,0),
    // (1,1) each stamp onto it, with kernel taps (2,2), (2,0), (0,2), (0,0).
    const auto r = cli(dir, command({"explain", "convt"}, args, {"--at", "2,2", "--json"}));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    REQUIRE(j["terms"].size() == 4);
    std::set<std::tuple<int, int, int, int>> seen;
    float sum = j["bias"].get<float>();
    const auto input = golden::numbers(c["input"]["values"]);
    const auto kernel = golden::numbers(c["layers"][0]["kernel"]["values"]);
    for (const json& t : j["terms"]) {
        const int row = t["input_row"], col = t["input_col"], m = t["m"], n = t["n"];
        seen.insert({row, col, m, n});
        CHECK(t["input"].get<float>() == input[static_cast<std::size_t>(row * 4 + col)]);
        CHECK(t["weight"].get<float>() == kernel[static_cast<std::size_t>(m * 3 + n)]);
        CHECK(t["product"].get<float>() == t["input"].get<float>() * t["weight"].get<float>());
        sum += t["product"].get<float>();
    }
    CHECK(seen == std::set<std::tuple<int, int, int, int>>{{0, 0, 2, 2}, {0, 1, 2, 0}, {1, 0, 0, 2}, {1, 1, 0, 0}});
    const float torch = golden::numbers(c["outputs"][0]["values"])[2 * 9 + 2];
    CHECK(j["sum"].get<float>() == torch);  // integers: exact
    CHECK(sum == torch);

    const auto text = cli(dir, command({"explain", "convt"}, args, {"--at", "2,2"}));
    REQUIRE(text.status == 0);
    CHECK(text.out.find("4 stamp(s) land here") != std::string::npos);
    CHECK(text.out.find("sum = " + core::formatValue(torch)) != std::string::npos);

    const auto outside = cli(dir, command({"explain", "convt"}, args, {"--at", "9,0"}));
    CHECK(outside.status == 2);
    CHECK(outside.err.find("outside the 9×9 output") != std::string::npos);
}

TEST_CASE("cli shape convt works the transposed size formula out", "[cli][convt][shape]") {
    TempDir dir;
    const auto r = cli(dir, {"shape", "convt", "--input-shape", "4,5", "--kernel", "3", "--stride", "2", "--padding",
                             "1", "--output-padding", "1,0", "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    // (4 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 8; (5 − 1)·2 − 2 + 2 + 0 + 1 = 9, as PyTorch.
    CHECK(j["height"]["size"] == 8);
    CHECK(j["height"]["formula"] == "(4 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1");
    CHECK(j["width"]["size"] == 9);

    const auto bad =
        cli(dir, {"shape", "convt", "--input-shape", "4,4", "--kernel", "3", "--stride", "2", "--output-padding", "2"});
    CHECK(bad.status == 2);
    CHECK(bad.err.find("(4 − 1)·2 − 2·0 + 1·(3 − 1) + 2 + 1 = 11") != std::string::npos);
}

TEST_CASE("cli convt: bad geometry exits 2 and writes nothing, unreadable input exits 1", "[cli][convt][errors]") {
    TempDir dir;
    const json c = fixtureCase("layers_cases.json", "convt_4x4_k3_s2");
    auto args = writeCase(dir, c);
    for (std::size_t i = 0; i < args.size(); ++i)
        if (args[i] == "--padding") args[i + 1] = "5";
    const auto r = cli(dir, command({"convt"}, args, {"--output", (dir / "out.npy").string()}));
    CHECK(r.status == 2);
    CHECK(r.err.find("output height would be -1: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out.npy"));

    const auto missing = cli(dir, {"convt", "--input", (dir / "nope.npy").string(), "--kernel",
                                   (dir / "k.npy").string(), "--output", (dir / "out.npy").string()});
    CHECK(missing.status == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "out.npy"));
}

TEST_CASE("cli unfold writes torch.nn.functional.unfold's matrix", "[cli][unfold]") {
    std::ifstream in(CONVSCOPE_GOLDEN_DIR "/unfold_cases.json");
    REQUIRE(in.good());
    const json all = json::parse(in);
    for (const json& c : all["cases"]) {
        INFO(c["name"].get<std::string>());
        TempDir dir;
        writeNpy(dir / "in.npy", shapeOf(c["input"]), golden::numbers(c["input"]["values"]));
        const auto r = cli(dir, {"unfold", "--input", (dir / "in.npy").string(), "--kernel", pairArg(c["kernel_size"]),
                                 "--stride", pairArg(c["stride"]), "--padding", pairArg(c["padding"]), "--dilation",
                                 pairArg(c["dilation"]), "--output", (dir / "m.npy").string()});
        INFO(r.err);
        REQUIRE(r.status == 0);
        const io::Array m = readNpy(dir / "m.npy");
        CHECK(m.shape == shapeOf(c["output"]));
        const auto values = golden::numbers(c["output"]["values"]);
        REQUIRE(m.data.size() == values.size());
        for (std::size_t i = 0; i < values.size(); ++i) CHECK(values[i] == m.data[i]);  // copies: exact
    }
    TempDir dir;
    writeNpy(dir / "in.npy", {4, 4}, std::vector<float>(16, 1.0f));
    const auto bad = cli(
        dir, {"unfold", "--input", (dir / "in.npy").string(), "--kernel", "5", "--output", (dir / "m.npy").string()});
    CHECK(bad.status == 2);
    CHECK_FALSE(std::filesystem::exists(dir / "m.npy"));
}
