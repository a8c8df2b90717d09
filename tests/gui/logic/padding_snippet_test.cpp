// The app's PyTorch snippet for a conv behind a padding module: its weights are the second
// item of that layer's nn.Sequential.
#include <catch2/catch.hpp>

#include "logic/pytorch_snippet.hpp"
#include "logic/state.hpp"

using namespace convscope;
using namespace convscope::gui;

TEST_CASE("the snippet loads a per-side padded conv's weights into model[i][1]", "[gui][padding]") {
    State s = defaultState();
    core::Conv2d* conv = s.compute.conv();
    REQUIRE(conv != nullptr);
    conv->padding = core::PaddingSpec::perSide({0, 2, 1, 0});
    const std::string py = pytorchSnippet(s);
    CHECK(py.find("nn.Sequential(nn.ZeroPad2d((1, 0, 0, 2)), nn.Conv2d(") != std::string::npos);
    CHECK(py.find("model[0][1].weight.copy_(") != std::string::npos);
    CHECK(py.find("model[0].weight.copy_(") == std::string::npos);
}
