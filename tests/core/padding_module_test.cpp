// How a conv whose two sides of an axis differ is written for PyTorch: nn.Conv2d cannot say
// it, so a padding module comes first, with F.pad's order (left, right, top, bottom). (The
// form was run in PyTorch against convscope's output when it was written.)
#include <catch2/catch.hpp>

#include "convscope/core/layers/conv2d.hpp"

using namespace convscope::core;

TEST_CASE("per-side and SAME padding are written as a padding module before nn.Conv2d", "[padding]") {
    Conv2d c;
    c.padding = PaddingSpec::perSide({2, 0, 1, 3});
    CHECK(pytorchNeedsPadModule(c, {1, 7, 7}));
    CHECK(pytorchModule(c, {1, 7, 7}) ==
          "nn.Sequential(nn.ZeroPad2d((1, 3, 2, 0)), nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 1), "
          "padding=(0, 0), dilation=(1, 1), groups=1, bias=False, padding_mode='zeros'))");
    c.mode = PaddingMode::Reflect;
    CHECK_THAT(pytorchModule(c, {1, 7, 7}), Catch::StartsWith("nn.Sequential(nn.ReflectionPad2d((1, 3, 2, 0)), "));

    // Equal sides need no module: PyTorch's own padding argument says them.
    c.padding = PaddingSpec::perSide({1, 1, 2, 2});
    CHECK_FALSE(pytorchNeedsPadModule(c, {1, 7, 7}));
    CHECK_THAT(pytorchModule(c, {1, 7, 7}), Catch::Contains("padding=(1, 2)"));

    // same_upper at stride 2 on 8×8: one cell, bottom/right; at stride 1 it is d·(k−1) = 2, split evenly.
    c.mode = PaddingMode::Zeros;
    c.padding = {PaddingSpec::Kind::SameUpper, 0, 0};
    c.stride = {2, 2};
    CHECK_THAT(pytorchModule(c, {1, 8, 8}), Catch::StartsWith("nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), "));
    c.stride = {1, 1};
    CHECK_THAT(pytorchModule(c, {1, 8, 8}), Catch::StartsWith("nn.Conv2d(") && Catch::Contains("padding=(1, 1)"));
}
