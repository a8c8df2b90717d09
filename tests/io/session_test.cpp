// Sessions: what is saved comes back exactly; broken files give a message naming the field;
// version 1 and 2 files (stages) load as the layers their stages stand for.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "convscope/io/files.hpp"
#include "convscope/io/session.hpp"
#include "temp_dir.hpp"

using namespace convscope;

namespace {

core::Conv2d conv(int oc, int c, int kh, int kw, std::vector<float> values) {
    core::Conv2d layer;
    layer.weights = core::Weights(oc, c, kh, kw);
    layer.weights.data = std::move(values);
    return layer;
}

// Every kind, every argument away from its default.
io::Session customSession() {
    io::Session s;
    s.grid = core::Tensor(2, 3, 4);
    for (std::size_t i = 0; i < s.grid.data.size(); ++i) s.grid.data[i] = static_cast<float>(i) * 0.1f - 0.5f;
    s.grid.data[5] = NAN;  // NaN survives as the string "nan"
    core::Conv2d grouped = conv(4, 1, 2, 3, {});
    for (int i = 0; i < 24; ++i) grouped.weights.data.push_back(static_cast<float>(i) * 0.25f - 3.0f);
    grouped.bias = {0.75f, -1.0f, INFINITY, 2.0f};
    grouped.stride = {1, 1};  // "same" needs stride 1
    grouped.padding = {core::PaddingSpec::Kind::Same, 0, 0};
    grouped.dilation = {2, 1};
    grouped.groups = 2;
    grouped.mode = core::PaddingMode::Circular;
    core::Conv2d pointwise = conv(3, 4, 1, 1, {1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6});
    pointwise.padding = {core::PaddingSpec::Kind::Valid, 0, 0};
    pointwise.stride = {2, 3};
    s.layers = {grouped,
                core::Activation{core::ActivationKind::LeakyRelu, 0.125f},
                core::MaxPool2d{{3, 2}, {1, 2}, {1, 1}, {2, 1}, true},
                pointwise,
                core::Activation{core::ActivationKind::Relu},
                core::AvgPool2d{{3, 3}, {2, 1}, {1, 0}, true, false}};
    s.shownLayer = 3;  // the views on the pointwise conv's third filter, fourth input channel
    s.shownFilter = 2;
    s.shownChannel = 3;
    s.showNumbers = false;
    s.step = 17;
    s.playing = false;
    s.speed = 5.5f;
    s.wholeMap = true;
    return s;
}

bool sameExceptNan(const io::Session& a, const io::Session& b) {
    io::Session x = a, y = b;
    for (float& v : x.grid.data)
        if (std::isnan(v)) v = 12345.0f;
    for (float& v : y.grid.data)
        if (std::isnan(v)) v = 12345.0f;
    return x == y;
}

std::string errorOf(const std::string& text) {
    auto r = io::parseSession(text);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

// A version 2 file as the app wrote it before layers: two stages, the first with a leaky
// ReLU and average pooling, the second with no activation and pooling switched off.
const char* kVersion2 = R"({
  "format": "convscope-session", "version": 2,
  "input": {"grid": {"shape": [1, 4, 4], "values": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]}},
  "kernel": {"shape": [2, 1, 2, 2], "values": [1, 0, 0, -1, 0.5, 0.5, 0.5, 0.5]},
  "bias": [0.25, -0.25],
  "conv": {"stride": [1, 2], "padding": "same", "dilation": [1, 1], "padding_mode": "reflect"},
  "activation": {"kind": "leaky_relu", "negative_slope": 0.2},
  "pool": {"enabled": true, "mode": "avg", "window": [2, 1], "stride": [1, 1], "padding": [1, 0],
           "dilation": [1, 1], "ceil_mode": true, "count_include_pad": false},
  "later_stages": [{
    "kernel": {"shape": [3, 2, 1, 1], "values": [1, 2, 3, 4, 5, 6]},
    "bias": [],
    "conv": {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "padding_mode": "zeros"},
    "activation": {"kind": "none", "negative_slope": 0.01},
    "pool": {"enabled": false, "mode": "max", "window": [2, 2], "stride": [2, 2], "padding": [0, 0],
             "dilation": [1, 1], "ceil_mode": false, "count_include_pad": true}}],
  "view": {"stage": 1, "filter": 2, "channel": 1, "numbers": false, "grid": true},
  "language": "zh-TW"
})";

// A version 1 file: one stage, no activation, max pooling on.
const char* kVersion1 = R"({
  "format": "convscope-session", "version": 1,
  "input": {"grid": {"shape": [1, 3, 3], "values": [1, 2, 3, 4, 5, 6, 7, 8, 9]}},
  "kernel": {"shape": [1, 1, 2, 2], "values": [1, -1, -1, 1]},
  "bias": [],
  "conv": {"stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "padding_mode": "zeros"},
  "pool": {"enabled": true, "mode": "max", "window": [2, 2], "stride": [2, 2], "padding": [0, 0],
           "dilation": [1, 1], "ceil_mode": false, "count_include_pad": true},
  "view": {"stage": 0, "filter": 0, "channel": 0}
})";

}  // namespace

TEST_CASE("a session survives save and load unchanged, every layer kind and NaN included", "[io][session]") {
    iotest::TempDir dir;
    const io::Session original = customSession();
    REQUIRE(io::saveSession(dir / "s.json", original).ok());
    auto loaded = io::loadSession(dir / "s.json");
    REQUIRE(loaded.ok());
    CHECK(std::isnan(loaded->grid.data[5]));
    CHECK(sameExceptNan(original, *loaded));
}

TEST_CASE("version 3 names each layer's arguments as PyTorch does", "[io][session]") {
    const auto j = nlohmann::json::parse(io::sessionToJson(customSession()));
    CHECK(j["version"] == 3);
    CHECK_FALSE(j.contains("kernel"));
    CHECK_FALSE(j.contains("later_stages"));
    const auto& layers = j["layers"];
    REQUIRE(layers.size() == 6);
    CHECK(layers[0]["type"] == "conv2d");
    CHECK(layers[0]["kernel"]["shape"] == nlohmann::json::array({4, 1, 2, 3}));
    CHECK(layers[0]["groups"] == 2);
    CHECK(layers[0]["padding"] == "same");
    // The person's language, UI size, theme and files are preferences, not the session's.
    CHECK_FALSE(j.contains("language"));
    CHECK_FALSE(j.contains("files"));
    CHECK_FALSE(j["view"].contains("scale"));
    CHECK_FALSE(j["view"].contains("theme"));
    CHECK(layers[0]["padding_mode"] == "circular");
    CHECK(layers[0]["bias"][2] == "inf");
    CHECK(layers[1] == nlohmann::json{{"type", "leaky_relu"}, {"negative_slope", 0.125}});
    CHECK(layers[2] == nlohmann::json::parse(R"({"type": "max_pool2d", "kernel_size": [3, 2], "stride": [1, 2],
        "padding": [1, 1], "dilation": [2, 1], "ceil_mode": true})"));
    CHECK(layers[4] == nlohmann::json{{"type", "relu"}});
    CHECK(layers[5] == nlohmann::json::parse(R"({"type": "avg_pool2d", "kernel_size": [3, 3], "stride": [2, 1],
        "padding": [1, 0], "ceil_mode": true, "count_include_pad": false})"));
    CHECK(j["view"]["layer"] == 3);
}

TEST_CASE("a layer's optional arguments take PyTorch's defaults", "[io][session]") {
    auto j = nlohmann::json::parse(io::sessionToJson(io::Session{}));
    j["layers"] = nlohmann::json::parse(R"([
        {"type": "conv2d", "kernel": {"shape": [1, 1, 1, 1], "values": [2]}, "bias": []},
        {"type": "leaky_relu"},
        {"type": "max_pool2d", "kernel_size": [3, 2]},
        {"type": "avg_pool2d", "kernel_size": [2, 2], "padding": [1, 1]}])");
    auto s = io::parseSession(j.dump());
    REQUIRE(s.ok());
    core::Conv2d c = conv(1, 1, 1, 1, {2});
    c.padding = {core::PaddingSpec::Kind::Explicit, 0, 0};  // nn.Conv2d: padding=0, stride 1, dilation 1, groups 1
    const std::vector<core::Layer> expected{c, core::Activation{core::ActivationKind::LeakyRelu, 0.01f},
                                            core::MaxPool2d{{3, 2}, {3, 2}, {0, 0}, {1, 1}, false},
                                            core::AvgPool2d{{2, 2}, {2, 2}, {1, 1}, false, true}};
    CHECK(s->layers == expected);
}

TEST_CASE("a session with a picture stores the path, channel and size, not the pixels", "[io][session]") {
    io::Session s;
    s.image = io::SessionImage{"/pictures/cat.png", io::ImageChannel::Green, 48, true, {10, 20, 30, 40}};
    const std::string text = io::sessionToJson(s);
    CHECK_FALSE(nlohmann::json::parse(text)["input"].contains("grid"));
    auto back = io::parseSession(text);
    REQUIRE(back.ok());
    REQUIRE(back->image);
    CHECK(back->image->path == "/pictures/cat.png");
    CHECK(back->image->channel == io::ImageChannel::Green);
    CHECK(back->image->maxSide == 48);
    CHECK(back->image->scale255);
    CHECK(back->image->crop == io::ImageCrop{10, 20, 30, 40});
}

TEST_CASE("broken session files are refused with a message naming the problem", "[io][session]") {
    const std::string good = io::sessionToJson(customSession());
    CHECK_THAT(errorOf(""), Catch::Contains("not valid JSON"));
    CHECK_THAT(errorOf(good.substr(0, good.size() / 2)), Catch::Contains("not valid JSON"));  // truncated
    CHECK_THAT(errorOf("[1, 2, 3]"), Catch::Contains("not a convscope session"));
    CHECK_THAT(errorOf("{\"format\": \"something-else\"}"), Catch::Contains("not a convscope session"));

    const auto edited = [&](auto change) {
        auto j = nlohmann::json::parse(good);
        change(j);
        return errorOf(j.dump());
    };
    using nlohmann::json;
    CHECK(edited([](json& j) { j["version"] = 99; }) ==
          "session: version 99 is newer than this convscope understands (3)");
    CHECK_THAT(edited([](json& j) { j["layers"][3]["padding_mode"] = "mirror"; }), Catch::Contains("mirror"));
    CHECK(edited([](json& j) {
              j["layers"][0]["stride"] = {0, 1};
          }) == "session: layers[0].stride[0] is 0, outside 1…1048576");
    CHECK(edited([](json& j) { j["layers"][2]["padding"] = 1; }) ==
          "session: layers[2].padding must be two integers [h, w]");
    CHECK(edited([](json& j) { j["layers"][0]["groups"] = 0; }) == "session: layers[0].groups is 0, outside 1…1048576");
    CHECK(edited([](json& j) { j["layers"][0]["kernel"]["shape"][3] = 4; }) ==
          "session: layers[0].kernel.values has 24 numbers, its shape needs 32");
    CHECK(edited([](json& j) { j["layers"][1]["negative_slope"] = "inf"; }) ==
          "session: layers[1].negative_slope must be a finite number");
    CHECK(edited([](json& j) { j["layers"][4]["type"] = "tanh"; }) ==
          "session: layers[4].type is \"tanh\", not a layer type (conv2d, relu, leaky_relu, max_pool2d, avg_pool2d)");
    CHECK(edited([](json& j) { j["layers"][4].erase("type"); }) == "session: layers[4].type is missing");
    CHECK(edited([](json& j) {
              j["layers"][5]["dilation"] = {1, 1};
          }) == "session: layers[5].dilation is not an argument of avg_pool2d");
    CHECK(edited([](json& j) { j["layers"][4]["negative_slope"] = 0.1; }) ==
          "session: layers[4].negative_slope is not an argument of relu");
    CHECK(edited([](json& j) { j["layers"][2].erase("kernel_size"); }) == "session: layers[2].kernel_size is missing");
    CHECK(edited([](json& j) { j["layers"][3] = 7; }) == "session: layers[3] must be an object");
    CHECK(edited([](json& j) { j["layers"] = json::array(); }) == "session: layers must be a list of 1 to 12 layers");
    CHECK(edited([](json& j) {
              for (int i = 0; i < 7; ++i) j["layers"].push_back(j["layers"][4]);
          }) == "session: layers must be a list of 1 to 12 layers");
    CHECK(edited([](json& j) { j.erase("layers"); }) == "session: layers is missing");
}

TEST_CASE("the view must show a layer, filter and channel that exist", "[io][session]") {
    using nlohmann::json;
    const auto j = json::parse(io::sessionToJson(customSession()));
    const auto withView = [&](int layer, int filter, int channel) {
        json k = j;
        k["view"]["layer"] = layer;
        k["view"]["filter"] = filter;
        k["view"]["channel"] = channel;
        return io::parseSession(k.dump());
    };
    // The grouped conv (4 filters, 1 slice × 2 groups): its filter 3 and input channel 1 exist.
    auto grouped = withView(0, 3, 1);
    REQUIRE(grouped.ok());
    CHECK(grouped->shownChannel == 1);
    CHECK(withView(0, 4, 0).error().message == "session: view.filter is 4, outside 0…3");
    CHECK(withView(0, 0, 2).error().message == "session: view.channel is 2, outside 0…1");
    CHECK(withView(6, 0, 0).error().message == "session: view.layer is 6, outside 0…5");
    // A pooling layer has no filters: its view is filter 0, channel 0.
    CHECK(withView(2, 0, 0).ok());
    CHECK(withView(2, 1, 0).error().message == "session: view.filter is 1, outside 0…0");
}

TEST_CASE("a version 2 session loads as its stages' layers, and is written back as version 3", "[io][session]") {
    auto s = io::parseSession(kVersion2);
    REQUIRE(s.ok());
    core::Conv2d first = conv(2, 1, 2, 2, {1, 0, 0, -1, 0.5f, 0.5f, 0.5f, 0.5f});
    first.bias = {0.25f, -0.25f};
    first.stride = {1, 2};
    first.padding = {core::PaddingSpec::Kind::Same, 0, 0};
    first.mode = core::PaddingMode::Reflect;
    core::Conv2d second = conv(3, 2, 1, 1, {1, 2, 3, 4, 5, 6});
    second.padding = {core::PaddingSpec::Kind::Explicit, 0, 0};
    // Stage 1: conv, its leaky ReLU, its avg pooling; stage 2: conv only (none, pooling off).
    const std::vector<core::Layer> expected{first, core::Activation{core::ActivationKind::LeakyRelu, 0.2f},
                                            core::AvgPool2d{{2, 1}, {1, 1}, {1, 0}, true, false}, second};
    CHECK(s->layers == expected);
    CHECK(s->shownLayer == 3);  // view.stage 1 is the second stage's conv2d
    CHECK(s->shownFilter == 2);
    CHECK(s->shownChannel == 1);
    CHECK_FALSE(s->showNumbers);

    const std::string written = io::sessionToJson(*s);
    const auto j = nlohmann::json::parse(written);
    CHECK(j["version"] == 3);
    CHECK(j["view"]["layer"] == 3);
    auto again = io::parseSession(written);
    REQUIRE(again.ok());
    CHECK(*again == *s);
}

TEST_CASE("a version 1 session (one stage, no activation) loads as conv then pooling", "[io][session]") {
    auto s = io::parseSession(kVersion1);
    REQUIRE(s.ok());
    const std::vector<core::Layer> expected{conv(1, 1, 2, 2, {1, -1, -1, 1}), core::MaxPool2d{}};
    CHECK(s->layers == expected);
    CHECK(s->shownLayer == 0);
    CHECK(s->grid.data == std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("version 2 stages are still checked and named by their place", "[io][session]") {
    using nlohmann::json;
    const json v2 = json::parse(kVersion2);
    const auto edited = [&](auto change) {
        json j = v2;
        change(j);
        return errorOf(j.dump());
    };
    CHECK_THAT(edited([](json& j) { j["later_stages"][0]["activation"]["kind"] = "tanh"; }), Catch::Contains("tanh"));
    CHECK(edited([](json& j) {
              j["later_stages"][0]["pool"]["window"] = {0, 2};
          }) == "session: later_stages[0].pool.window[0] is 0, outside 1…1048576");
    CHECK(edited([](json& j) { j["conv"]["stride"] = {1, 0}; }) == "session: conv.stride[1] is 0, outside 1…1048576");
    CHECK(edited([](json& j) { j["view"]["filter"] = 3; }) == "session: view.filter is 3, outside 0…2");
    CHECK(edited([](json& j) { j["view"]["stage"] = 2; }) == "session: view.stage is 2, outside 0…1");
    CHECK(edited([](json& j) {
              for (int i = 0; i < 3; ++i) j["later_stages"].push_back(j["later_stages"][0]);
          }) == "session: later_stages must be a list of at most 3 stages");
}
