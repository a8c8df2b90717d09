// Sessions: what is saved comes back exactly; broken files give a message naming the field.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "convscope/io/files.hpp"
#include "convscope/io/session.hpp"
#include "temp_dir.hpp"

using namespace convscope;

namespace {

io::Session customSession() {
    io::Session s;
    s.grid = core::Tensor(1, 3, 4);
    for (std::size_t i = 0; i < s.grid.data.size(); ++i) s.grid.data[i] = static_cast<float>(i) * 0.1f - 0.5f;
    s.grid.data[5] = NAN;  // NaN survives as the string "nan"
    core::Stage& first = s.stages.front();
    first.conv.weights = core::Weights(2, 1, 2, 3);
    first.conv.weights.data = {1.5f, -2, 0.25f, 3, -0.125f, 7, 1, 2, 3, 4, 5, 6};
    first.conv.bias = {0.75f, -1.0f};
    first.conv.strideH = 2;
    first.conv.strideW = 3;
    first.conv.padding = {core::PaddingSpec::Kind::Same, 0, 0};
    first.conv.dilationH = 2;
    first.conv.mode = core::PaddingMode::Circular;
    first.activation = {core::Activation::LeakyRelu, 0.125f};
    first.poolEnabled = false;
    first.pool.mode = core::PoolMode::Avg;
    first.pool.windowH = 3;
    first.pool.strideW = 1;
    first.pool.padH = 1;
    first.pool.ceilMode = true;
    first.pool.countIncludePad = false;
    core::Stage second;  // a later stage: 2 → 3 channels, ReLU, default pooling
    second.conv.weights = core::Weights(3, 2, 1, 1);
    second.conv.weights.data = {1, -1, 2, -2, 3, -3};
    second.activation.kind = core::Activation::Relu;
    s.stages.push_back(second);
    s.shownStage = 1;  // the views on the second stage's third filter, second input channel
    s.shownFilter = 2;
    s.shownChannel = 1;
    s.showNumbers = false;
    s.step = 17;
    s.playing = false;
    s.speed = 5.5f;
    s.wholeMap = true;
    s.language = "zh-TW";
    s.browseFolder = "/home/teacher/pictures";
    s.recentFiles = {"/home/teacher/pictures/cat.png", "/tmp/lesson.json"};
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

}  // namespace

TEST_CASE("a session survives save and load unchanged, NaN included", "[io][session]") {
    iotest::TempDir dir;
    const io::Session original = customSession();
    REQUIRE(io::saveSession(dir / "s.json", original).ok());
    auto loaded = io::loadSession(dir / "s.json");
    REQUIRE(loaded.ok());
    CHECK(std::isnan(loaded->grid.data[5]));
    CHECK(sameExceptNan(original, *loaded));
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
    const std::string good = io::sessionToJson(io::Session{});
    auto expectError = [](const std::string& text, const std::string& fragment) {
        auto r = io::parseSession(text);
        REQUIRE_FALSE(r.ok());
        INFO(r.error().message);
        CHECK(r.error().message.find(fragment) != std::string::npos);
    };
    expectError("", "not valid JSON");
    expectError(good.substr(0, good.size() / 2), "not valid JSON");  // truncated
    expectError("[1, 2, 3]", "not a convscope session");
    expectError("{\"format\": \"something-else\"}", "not a convscope session");

    auto edited = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        const auto at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    expectError(edited("\"version\": 2", "\"version\": 99"), "newer");
    expectError(edited("\"padding_mode\": \"zeros\"", "\"padding_mode\": \"mirror\""), "mirror");
    expectError(edited("\"stride\": [\n      1,", "\"stride\": [\n      0,"), "conv.stride");
    expectError(edited("\"shape\": [\n      1,\n      1,\n      3,\n      3",
                       "\"shape\": [\n      1,\n      1,\n      3,\n      4"),
                "kernel.values");
}

TEST_CASE("a version 1 session (one stage, no activation) still loads", "[io][session]") {
    nlohmann::json j = nlohmann::json::parse(io::sessionToJson(io::Session{}));
    j["version"] = 1;
    j.erase("activation");
    j.erase("later_stages");
    auto s = io::parseSession(j.dump());
    REQUIRE(s.ok());
    REQUIRE(s->stages.size() == 1);
    CHECK(s->stages[0].activation.kind == core::Activation::None);
}

TEST_CASE("later stages are checked and named by their place", "[io][session]") {
    io::Session s;
    s.stages.push_back(core::Stage{});
    nlohmann::json j = nlohmann::json::parse(io::sessionToJson(s));
    j["later_stages"][0]["activation"]["kind"] = "tanh";
    auto bad = io::parseSession(j.dump());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("tanh") != std::string::npos);

    j = nlohmann::json::parse(io::sessionToJson(s));
    j["later_stages"][0]["pool"]["window"] = {0, 2};
    bad = io::parseSession(j.dump());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("later_stages[0].pool.window") != std::string::npos);

    j = nlohmann::json::parse(io::sessionToJson(s));
    j["view"]["filter"] = 1;  // the second stage has one filter
    j["view"]["stage"] = 1;
    bad = io::parseSession(j.dump());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("view.filter") != std::string::npos);

    j = nlohmann::json::parse(io::sessionToJson(s));
    for (int i = 0; i < core::kMaxStages; ++i) j["later_stages"].push_back(j["later_stages"][0]);
    bad = io::parseSession(j.dump());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("later_stages") != std::string::npos);
}
