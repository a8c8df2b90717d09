// Compares the engine with PyTorch 1.13 on the fixtures written by make_golden.py: every
// case either matches torch's output (and max-pool indices) or, where torch raised, the
// engine returns an error too.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/trace.hpp"
#include "golden_json.hpp"

using namespace convscope::core;
using nlohmann::json;
using namespace golden;

namespace {

const json& goldenCases() {
    static const json cases = [] {
        std::ifstream in(CONVSCOPE_GOLDEN_DIR "/cases.json");
        REQUIRE(in.good());
        return json::parse(in)["cases"];
    }();
    return cases;
}

void checkValues(const json& c, const Tensor& out) {
    const auto shape = c["expect"]["shape"].get<std::vector<int>>();
    REQUIRE(out.channels == shape[0]);
    REQUIRE(out.height == shape[1]);
    REQUIRE(out.width == shape[2]);
    const auto expected = numbers(c["expect"]["data"]);
    REQUIRE(expected.size() == out.data.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("value " << i << ": torch " << expected[i] << ", ours " << out.data[i]);
        CHECK(sameValue(expected[i], out.data[i]));
    }
}

Result<Tensor> runConv(const json& c, ConvParams& params, Weights& weights, std::vector<float>& bias) {
    const auto ws = c["weight"]["shape"].get<std::vector<int>>();
    weights = Weights(ws[0], ws[1], ws[2], ws[3]);
    weights.data = numbers(c["weight"]["data"]);
    bias = c["bias"].is_null() ? std::vector<float>{} : numbers(c["bias"]);
    PaddingSpec spec;
    if (c["padding"].is_string())
        spec.kind = c["padding"] == "same" ? PaddingSpec::Kind::Same : PaddingSpec::Kind::Valid;
    else
        std::tie(spec.height, spec.width) = pairOf(c["padding"]);
    std::tie(params.strideH, params.strideW) = pairOf(c["stride"]);
    std::tie(params.dilationH, params.dilationW) = pairOf(c["dilation"]);
    params.mode = *parsePaddingMode(c["padding_mode"].get<std::string>());
    auto padding =
        resolvePadding(spec, ws[2], ws[3], params.dilationH, params.dilationW, params.strideH, params.strideW);
    if (!padding) return padding.error();
    params.padding = *padding;
    return conv2d(inputOf(c), weights, bias, params);
}

PoolParams poolParamsOf(const json& c) {
    PoolParams p;
    p.mode = c["mode"] == "max" ? PoolMode::Max : PoolMode::Avg;
    std::tie(p.windowH, p.windowW) = pairOf(c["kernel"]);
    std::tie(p.strideH, p.strideW) = pairOf(c["stride"]);
    std::tie(p.padH, p.padW) = pairOf(c["padding"]);
    std::tie(p.dilationH, p.dilationW) = pairOf(c["dilation"]);
    p.ceilMode = c["ceil_mode"].get<bool>();
    p.countIncludePad = c["count_include_pad"].get<bool>();
    return p;
}

}  // namespace

TEST_CASE("golden fixtures hold at least 200 cases of each kind", "[golden]") {
    int conv = 0, pool = 0, errors = 0;
    for (const json& c : goldenCases()) {
        (c["op"] == "conv" ? conv : pool)++;
        errors += c["expect"]["ok"].get<bool>() ? 0 : 1;
    }
    CHECK(conv >= 200);
    CHECK(pool >= 200);
    CHECK(errors >= 50);
}

TEST_CASE("conv2d matches PyTorch on every golden case", "[golden][conv]") {
    for (const json& c : goldenCases()) {
        if (c["op"] != "conv") continue;
        DYNAMIC_SECTION(c["name"].get<std::string>()) {
            ConvParams params;
            Weights weights;
            std::vector<float> bias;
            auto out = runConv(c, params, weights, bias);
            if (!c["expect"]["ok"].get<bool>()) {
                INFO("torch raised: " << c["expect"]["error"].get<std::string>());
                CHECK_FALSE(out.ok());
                continue;
            }
            INFO((out.ok() ? std::string() : out.error().message));
            REQUIRE(out.ok());
            checkValues(c, *out);
            // The trace of every position agrees with the map.
            const Tensor input = inputOf(c);
            for (int o = 0; o < out->channels; ++o)
                for (int y = 0; y < out->height; ++y)
                    for (int x = 0; x < out->width; ++x) {
                        auto t = traceConv(input, weights, bias, params, o, y, x);
                        REQUIRE(t.ok());
                        CHECK(sameValue(out->at(o, y, x), t->sum));
                    }
        }
    }
}

TEST_CASE("pooling matches PyTorch on every golden case", "[golden][pool]") {
    for (const json& c : goldenCases()) {
        if (c["op"] != "pool") continue;
        DYNAMIC_SECTION(c["name"].get<std::string>()) {
            const PoolParams params = poolParamsOf(c);
            const Tensor input = inputOf(c);
            auto out = pool2d(input, params);
            if (!c["expect"]["ok"].get<bool>()) {
                INFO("torch raised: " << c["expect"]["error"].get<std::string>());
                CHECK_FALSE(out.ok());
                continue;
            }
            INFO((out.ok() ? std::string() : out.error().message));
            REQUIRE(out.ok());
            checkValues(c, out->values);
            if (params.mode == PoolMode::Max) {
                const auto expected = c["expect"]["indices"].get<std::vector<std::int64_t>>();
                CHECK(expected == out->indices);
            }
            for (int ch = 0; ch < out->values.channels; ++ch)
                for (int y = 0; y < out->values.height; ++y)
                    for (int x = 0; x < out->values.width; ++x) {
                        auto t = tracePool(input, params, ch, y, x);
                        REQUIRE(t.ok());
                        CHECK(sameValue(out->values.at(ch, y, x), t->result));
                        if (params.mode == PoolMode::Max)
                            CHECK(t->winnerFlatIndex == out->indices[out->values.index(ch, y, x)]);
                    }
        }
    }
}
