// `convscope-cli model list` / `model stack` as a user runs them on the fixtures of
// tests/golden/make_model_fixtures.py: the listed nodes and tensors, the layers' files equal
// to PyTorch's outputs, and exit 2 naming an unsupported node, with nothing written.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_run.hpp"
#include "convscope/io/array.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::cli;
using nlohmann::json;

namespace {

const std::filesystem::path kModels = std::filesystem::path(CONVSCOPE_GOLDEN_DIR) / "models";

std::string at(const std::string& file) {
    return (kModels / file).string();
}

}  // namespace

TEST_CASE("model list --json gives each ONNX node's index, op, support and shapes", "[cli][model]") {
    iotest::TempDir dir;
    const auto r = cli(dir, {"model", "list", "--model", at("head_op17.onnx"), "--json"});
    REQUIRE(r.status == 0);
    const json nodes = json::parse(r.out)["nodes"];
    REQUIRE(nodes.size() == 4);
    CHECK(nodes[0]["index"] == 1);
    CHECK(nodes[0]["op"] == "Conv");
    CHECK(nodes[0]["supported"] == true);
    CHECK(nodes[0]["input_shape"] == json::array({1, 1, 6, 6}));
    CHECK(nodes[0]["output_shape"] == json::array({1, 2, 4, 4}));  // 6 − 3 + 1
    CHECK_FALSE(nodes[0].contains("reason"));
    CHECK(nodes[1]["op"] == "ConvTranspose");
    CHECK(nodes[1]["supported"] == true);
    CHECK(nodes[1]["output_shape"] == json::array({1, 1, 8, 8}));  // (4 − 1)·2 + 2
    CHECK(nodes[2]["reason"] == "convscope has no Flatten layer");
    CHECK(nodes[3]["op"] == "Gemm");
    CHECK(nodes[3]["reason"] == "convscope has no Gemm layer");
}

TEST_CASE("model list names the tensors of .npz and .safetensors with shape and dtype", "[cli][model]") {
    iotest::TempDir dir;
    const auto r = cli(dir, {"model", "list", "--model", at("weights.safetensors"), "--json"});
    REQUIRE(r.status == 0);
    const json tensors = json::parse(r.out)["tensors"];
    REQUIRE(tensors.size() == 5);
    CHECK(tensors[0] == json{{"name", "conv1.weight"}, {"shape", {4, 3, 3, 3}}, {"dtype", "F32"}, {"supported", true}});
    CHECK(tensors[4]["dtype"] == "F8_E4M3");
    CHECK(tensors[4]["supported"] == false);
    const auto text = cli(dir, {"model", "list", "--model", at("weights.npz")});
    REQUIRE(text.status == 0);
    CHECK(text.out.find("tf_kernel_hwio  (3, 3, 3, 4)  <f4\n") != std::string::npos);
}

TEST_CASE("model stack writes layer1.npy … equal to what PyTorch computed", "[cli][model]") {
    iotest::TempDir dir;
    const auto r = cli(dir, {"model", "stack", "--model", at("cnn_op11.onnx"), "--nodes", "1..6", "--input",
                             at("cnn_op11.input.npy"), "--output-dir", dir.path().string()});
    REQUIRE(r.status == 0);
    for (int i = 1; i <= 6; ++i) {
        INFO("layer " << i);
        auto got = io::readArray(dir.path() / ("layer" + std::to_string(i) + ".npy"));
        auto expected = io::readArray(kModels / ("cnn_op11.layer" + std::to_string(i) + ".npy"));
        REQUIRE(got);
        REQUIRE(expected);
        REQUIRE(got->shape == expected->shape);
        for (std::size_t k = 0; k < got->data.size(); ++k)
            REQUIRE(got->data[k] == Approx(expected->data[k]).margin(1e-5).epsilon(1e-5));
    }
}

TEST_CASE("model stack through an unsupported node exits 2 naming it and writes nothing", "[cli][model]") {
    iotest::TempDir dir;
    const auto r = cli(dir, {"model", "stack", "--model", at("pool_op9.onnx"), "--nodes", "1..3", "--input",
                             at("pool_op9.input.npy"), "--output-dir", dir.path().string()});
    CHECK(r.status == 2);
    CHECK(r.err == "convscope-cli: node 2 '/1/Pad' (Pad) is not supported: convscope has no Pad layer\n");
    CHECK(dir.entries().empty());
    const auto tensors = cli(dir, {"model", "stack", "--model", at("weights.npz"), "--nodes", "1", "--input",
                                   at("pool_op9.input.npy"), "--output-dir", dir.path().string()});
    CHECK(tensors.status == 2);
    const auto syntax = cli(dir, {"model", "stack", "--model", at("pool_op9.onnx"), "--nodes", "2-3", "--input",
                                  at("pool_op9.input.npy"), "--output-dir", dir.path().string()});
    CHECK(syntax.status == 2);
    CHECK(syntax.err.find("FIRST..LAST") != std::string::npos);
    const auto missing = cli(dir, {"model", "list", "--model", (dir.path() / "none.onnx").string()});
    CHECK(missing.status == 1);
    CHECK(dir.entries().empty());
}

TEST_CASE("model stack runs a picture through a first layer of 3 channels in colour", "[cli][model]") {
    iotest::TempDir dir;
    const std::filesystem::path photo = kModels.parent_path().parent_path().parent_path() / "assets" / "samples";
    std::string picture;
    for (const auto& e : std::filesystem::directory_iterator(photo))
        if (e.path().extension() == ".png" && picture.empty()) picture = e.path().string();
    REQUIRE_FALSE(picture.empty());
    const auto r = cli(dir, {"model", "stack", "--model", at("cnn_op11.onnx"), "--nodes", "1..2", "--input", picture,
                             "--output-dir", dir.path().string(), "--json"});
    REQUIRE(r.status == 0);
    auto layer2 = io::readArray(dir.path() / "layer2.npy");
    REQUIRE(layer2);
    CHECK(layer2->shape[0] == 4);
    for (float v : layer2->data) REQUIRE(v >= 0.0f);  // after the ReLU
}
