// `convscope-cli grad` and `learn` as a user runs them: sessions and targets made from the
// PyTorch fixtures (tests/golden/make_backward_golden.py), the files they write compared with
// autograd's gradients and torch.optim.SGD's weights and losses, and every refusal with its
// exit status and no file written.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.hpp"
#include "convscope/io/array.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::cli;
using nlohmann::json;

namespace {

json fixture(const char* file, const std::string& name) {
    std::ifstream in(std::string(CONVSCOPE_GOLDEN_DIR) + "/" + file);
    REQUIRE(in.good());
    const json all = json::parse(in);
    for (const json& c : all["cases"])
        if (c["name"] == name) return c;
    FAIL("no fixture " << name);
    return {};
}

// The fixture's input and layers as a version-3 session (its layers are written as sessions
// write them).
void writeSession(const std::filesystem::path& path, const json& c) {
    const json session = {{"format", "convscope-session"},
                          {"version", 3},
                          {"input", {{"grid", {{"shape", c["input"]["shape"]}, {"values", c["input"]["data"]}}}}},
                          {"layers", c["layers"]}};
    std::ofstream(path) << session.dump();
}

void writeTensorNpy(const std::filesystem::path& path, const json& tensor) {
    io::Array a;
    a.shape = tensor["shape"].get<std::vector<std::int64_t>>();
    a.data = tensor["data"].get<std::vector<float>>();
    REQUIRE(io::writeArray(path, a).ok());
}

// A file against a fixture tensor: the same shape, values within float rounding of the
// largest (autograd ran in float64).
void checkFile(const std::filesystem::path& path, const std::vector<std::int64_t>& shape,
               const std::vector<double>& expected, double relative = 1e-4) {
    INFO(path.string());
    auto a = io::readArray(path);
    REQUIRE(a.ok());
    CHECK(a->shape == shape);
    REQUIRE(a->data.size() == expected.size());
    double scale = 1.0;
    for (double e : expected) scale = std::max(scale, std::fabs(e));
    for (std::size_t k = 0; k < expected.size(); ++k) CHECK(std::fabs(a->data[k] - expected[k]) <= relative * scale);
}

void checkFile(const std::filesystem::path& path, const json& tensor) {
    checkFile(path, tensor["shape"].get<std::vector<std::int64_t>>(), tensor["data"].get<std::vector<double>>());
}

int filesIn(const iotest::TempDir& dir, const std::string& sub) {
    int n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir / sub)) ++n;
    return n;
}

}  // namespace

TEST_CASE("cli grad writes every layer's gradients as autograd computes them", "[cli][backward]") {
    iotest::TempDir dir;
    const json c = fixture("backward_cases.json", "stack_conv_relu_max_conv");
    writeSession(dir / "s.json", c);
    writeTensorNpy(dir / "t.npy", c["loss"]["target"]);
    std::filesystem::create_directory(dir / "out");
    auto r = cli(dir, {"grad", "--session", (dir / "s.json").string(), "--target", (dir / "t.npy").string(),
                       "--output-dir", (dir / "out").string(), "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json report = json::parse(r.out);
    CHECK(report["loss"].get<double>() == Approx(c["expected"]["loss"].get<double>()).epsilon(1e-5));
    const json& layers = c["expected"]["layers"];
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const std::string prefix = "layer" + std::to_string(k + 1) + ".";
        checkFile(dir / "out" / (prefix + "grad_input.npy"), layers[k]["grad_input"]);
        if (!layers[k].contains("grad_weight")) continue;
        checkFile(dir / "out" / (prefix + "grad_weight.npy"), layers[k]["grad_weight"]);
        const auto bias = layers[k]["grad_bias"].get<std::vector<double>>();
        checkFile(dir / "out" / (prefix + "grad_bias.npy"), {static_cast<std::int64_t>(bias.size())}, bias);
    }
    // conv, relu, max, conv: 4 input gradients, 2 × (weight, bias).
    CHECK(filesIn(dir, "out") == 8);
}

TEST_CASE("cli grad --sum: upstream gradient 1; a conv without bias has no bias gradient", "[cli][backward]") {
    iotest::TempDir dir;
    const json c = fixture("backward_cases.json", "stack_reflect_leaky_avg_grouped");
    REQUIRE(c["loss"] == "sum");
    writeSession(dir / "s.json", c);
    std::filesystem::create_directory(dir / "out");
    auto r =
        cli(dir, {"grad", "--session", (dir / "s.json").string(), "--sum", "--output-dir", (dir / "out").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("loss ") == 0);
    const json& layers = c["expected"]["layers"];
    for (std::size_t k = 0; k < layers.size(); ++k)
        checkFile(dir / "out" / ("layer" + std::to_string(k + 1) + ".grad_input.npy"), layers[k]["grad_input"]);
    checkFile(dir / "out" / "layer4.grad_weight.npy", layers[3]["grad_weight"]);
    CHECK(std::filesystem::exists(dir / "out" / "layer1.grad_bias.npy"));
    CHECK_FALSE(std::filesystem::exists(dir / "out" / "layer4.grad_bias.npy"));
}

TEST_CASE("cli learn follows torch.optim.SGD: losses.csv and the final weights", "[cli][learn]") {
    iotest::TempDir dir;
    const json c = fixture("learn_cases.json", "sobel_from_zeros_momentum");
    writeSession(dir / "s.json", c);
    writeTensorNpy(dir / "t.npy", c["target"]);
    std::filesystem::create_directory(dir / "out");
    auto r = cli(dir, {"learn", "--session", (dir / "s.json").string(), "--target", (dir / "t.npy").string(), "--steps",
                       "10", "--lr", std::to_string(c["lr"].get<double>()), "--momentum",
                       std::to_string(c["momentum"].get<double>()), "--output-dir", (dir / "out").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::ifstream csv(dir / "out" / "losses.csv");
    std::string line;
    std::getline(csv, line);
    CHECK(line == "step,loss");
    const auto losses = c["losses"].get<std::vector<double>>();
    int rows = 0;
    while (std::getline(csv, line)) {
        ++rows;
        INFO(line);
        const auto comma = line.find(',');
        CHECK(std::stoi(line.substr(0, comma)) == rows);
        CHECK(std::stod(line.substr(comma + 1)) == Approx(losses[static_cast<std::size_t>(rows - 1)]).epsilon(1e-4));
    }
    CHECK(rows == 10);
    const json& after10 = c["checkpoints"]["10"][0];
    checkFile(dir / "out" / "layer1.weight.npy", after10["weight"]["shape"].get<std::vector<std::int64_t>>(),
              after10["weight"]["data"].get<std::vector<double>>());
    checkFile(dir / "out" / "layer1.bias.npy", {1}, after10["bias"].get<std::vector<double>>());
    CHECK(filesIn(dir, "out") == 3);
}

TEST_CASE("cli grad on a stack with a transposed conv writes its gradients in PyTorch's shapes", "[cli][backward]") {
    iotest::TempDir dir;
    // conv (4, 2, 3, 3) → ReLU → conv_transpose2d (4, 2, 3, 3): C = 4 in, OC = 2 out.
    const json c = fixture("backward_cases.json", "stack_conv_relu_convt_round_trip");
    writeSession(dir / "s.json", c);
    writeTensorNpy(dir / "t.npy", c["loss"]["target"]);
    std::filesystem::create_directory(dir / "out");
    auto r = cli(dir, {"grad", "--session", (dir / "s.json").string(), "--target", (dir / "t.npy").string(),
                       "--output-dir", (dir / "out").string(), "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json report = json::parse(r.out);
    CHECK(report["loss"].get<double>() == Approx(c["expected"]["loss"].get<double>()).epsilon(1e-5));
    CHECK(report["layers"][2]["type"] == "conv_transpose2d");
    const json& layers = c["expected"]["layers"];
    for (int k : {1, 2, 3})
        checkFile(dir / "out" / ("layer" + std::to_string(k) + ".grad_input.npy"),
                  layers[static_cast<std::size_t>(k - 1)]["grad_input"]);
    checkFile(dir / "out" / "layer1.grad_weight.npy", layers[0]["grad_weight"]);
    REQUIRE(layers[2]["grad_weight"]["shape"] == json::array({4, 2, 3, 3}));
    checkFile(dir / "out" / "layer3.grad_weight.npy", layers[2]["grad_weight"]);
    const auto bias = layers[2]["grad_bias"].get<std::vector<double>>();
    checkFile(dir / "out" / "layer3.grad_bias.npy", {2}, bias);
    // 3 input gradients, 2 × (weight, bias).
    CHECK(filesIn(dir, "out") == 7);

    // Without a bias (nn.ConvTranspose2d(…, bias=False)) there is no bias gradient.
    const json d = fixture("backward_cases.json", "convt_dilation2_no_bias");
    writeSession(dir / "d.json", d);
    writeTensorNpy(dir / "d.npy", d["loss"]["target"]);
    std::filesystem::create_directory(dir / "out2");
    r = cli(dir, {"grad", "--session", (dir / "d.json").string(), "--target", (dir / "d.npy").string(), "--output-dir",
                  (dir / "out2").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    checkFile(dir / "out2" / "layer1.grad_input.npy", d["expected"]["layers"][0]["grad_input"]);
    checkFile(dir / "out2" / "layer1.grad_weight.npy", d["expected"]["layers"][0]["grad_weight"]);
    CHECK(filesIn(dir, "out2") == 2);
}

TEST_CASE("cli learn updates a transposed conv's weights and bias as torch.optim.SGD", "[cli][learn]") {
    iotest::TempDir dir;
    const json c = fixture("learn_cases.json", "round_trip_conv_relu_convt_momentum");
    writeSession(dir / "s.json", c);
    writeTensorNpy(dir / "t.npy", c["target"]);
    std::filesystem::create_directory(dir / "out");
    auto r = cli(dir, {"learn", "--session", (dir / "s.json").string(), "--target", (dir / "t.npy").string(), "--steps",
                       "10", "--lr", std::to_string(c["lr"].get<double>()), "--momentum",
                       std::to_string(c["momentum"].get<double>()), "--output-dir", (dir / "out").string(), "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json report = json::parse(r.out);
    const auto losses = c["losses"].get<std::vector<double>>();
    CHECK(report["last_loss"].get<double>() == Approx(losses[9]).epsilon(1e-4));
    const json& after10 = c["checkpoints"]["10"];
    for (int k : {1, 3}) {
        const json& e = after10[static_cast<std::size_t>(k - 1)];
        const std::string prefix = "layer" + std::to_string(k) + ".";
        checkFile(dir / "out" / (prefix + "weight.npy"), e["weight"]);
        const auto bias = e["bias"].get<std::vector<double>>();
        checkFile(dir / "out" / (prefix + "bias.npy"), {static_cast<std::int64_t>(bias.size())}, bias);
    }
    // PyTorch's ConvTranspose2d weight shape (C, OC/groups, KH, KW).
    CHECK(after10[2]["weight"]["shape"] == json::array({3, 1, 3, 3}));
    CHECK(filesIn(dir, "out") == 5);  // two layers' weight and bias, losses.csv
}

TEST_CASE("cli grad and learn refuse bad requests with their exit status and write nothing", "[cli][backward]") {
    iotest::TempDir dir;
    const json c = fixture("learn_cases.json", "sobel_from_zeros_sgd");  // 1×12×12 → 1×12×12
    writeSession(dir / "s.json", c);
    writeTensorNpy(dir / "t.npy", c["target"]);
    io::Array wrong{{1, 12, 11}, std::vector<float>(132, 0.0f)};
    REQUIRE(io::writeArray(dir / "wrong.npy", wrong).ok());
    std::filesystem::create_directory(dir / "out");
    const std::string s = (dir / "s.json").string(), out = (dir / "out").string();

    auto r = cli(dir, {"grad", "--session", s, "--target", (dir / "wrong.npy").string(), "--output-dir", out});
    CHECK(r.status == 2);
    CHECK(r.err.find("the target is 1×12×11 but the stack's output is 1×12×12") != std::string::npos);
    r = cli(dir, {"grad", "--session", s, "--output-dir", out});
    CHECK(r.status == 2);
    CHECK(r.err.find("--target T.npy or --sum") != std::string::npos);
    r = cli(dir, {"grad", "--session", s, "--sum", "--target", (dir / "t.npy").string(), "--output-dir", out});
    CHECK(r.status == 2);
    r = cli(dir, {"grad", "--session", (dir / "missing.json").string(), "--sum", "--output-dir", out});
    CHECK(r.status == 1);
    r = cli(dir, {"learn", "--session", s, "--target", (dir / "t.npy").string(), "--steps", "0", "--lr", "0.1",
                  "--output-dir", out});
    CHECK(r.status == 2);
    r = cli(dir, {"learn", "--session", s, "--target", (dir / "t.npy").string(), "--steps", "3", "--lr", "-0.1",
                  "--output-dir", out});
    CHECK(r.status == 2);
    CHECK(r.err.find("learning rate must be a number ≥ 0") != std::string::npos);
    // Far too large a step: the kernel overshoots more each step until the loss leaves float's range.
    r = cli(dir, {"learn", "--session", s, "--target", (dir / "t.npy").string(), "--steps", "200", "--lr", "10",
                  "--output-dir", out});
    CHECK(r.status == 1);
    CHECK(r.err.find("the loss at step ") != std::string::npos);
    CHECK(r.err.find(" is inf: the run diverged") != std::string::npos);
    CHECK(filesIn(dir, "out") == 0);
}
