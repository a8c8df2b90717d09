// The conv2d layer's padding in sessions: PyTorch's forms ([h, w], "same", "valid") as before,
// per side as {"top", "bottom", "left", "right"}, and "same_upper" / "same_lower".
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "convscope/io/session.hpp"

using namespace convscope;
using nlohmann::json;

namespace {

io::Session withPadding(const core::PaddingSpec& padding) {
    io::Session s;
    core::Conv2d c;
    c.padding = padding;
    c.stride = {2, 1};
    s.layers = {c};
    return s;
}

std::string loadError(const json& padding) {
    auto j = json::parse(io::sessionToJson(io::Session{}));
    j["layers"][0]["padding"] = padding;
    auto s = io::parseSession(j.dump());
    REQUIRE_FALSE(s.ok());
    return s.error().message;
}

}  // namespace

TEST_CASE("per-side and same_upper / same_lower padding survive save and load in readable form",
          "[io][session][padding]") {
    const std::pair<core::PaddingSpec, json> cases[] = {
        {core::PaddingSpec::perSide({0, 2, 1, 3}), json{{"top", 0}, {"bottom", 2}, {"left", 1}, {"right", 3}}},
        {{core::PaddingSpec::Kind::SameUpper, 0, 0}, "same_upper"},
        {{core::PaddingSpec::Kind::SameLower, 0, 0}, "same_lower"},
        {{core::PaddingSpec::Kind::Explicit, 2, 1}, json::array({2, 1})},  // PyTorch's own form, as before
    };
    for (const auto& [spec, written] : cases) {
        INFO(written.dump());
        const std::string text = io::sessionToJson(withPadding(spec));
        CHECK(json::parse(text)["layers"][0]["padding"] == written);
        auto back = io::parseSession(text);
        REQUIRE(back.ok());
        REQUIRE(back->layers.size() == 1);
        CHECK(std::get<core::Conv2d>(back->layers[0]).padding == spec);
    }
}

TEST_CASE("malformed padding in a session is refused naming the field and the forms it may take",
          "[io][session][padding][errors]") {
    CHECK_THAT(loadError("middle"), Catch::Contains("layers[0].padding must be [h, w]") &&
                                        Catch::Contains("\"same_upper\" or \"same_lower\""));
    CHECK_THAT(loadError(json{{"top", 1}, {"bottom", 1}, {"left", 1}}), Catch::Contains("layers[0].padding must be"));
    CHECK_THAT(loadError(json{{"top", 1}, {"bottom", 1}, {"left", 1}, {"up", 1}}),
               Catch::Contains("layers[0].padding.right is missing"));
    CHECK_THAT(loadError(json{{"top", 1}, {"bottom", -1}, {"left", 1}, {"right", 0}}),
               Catch::Contains("layers[0].padding.bottom is -1"));
    CHECK_THAT(loadError(json::array({1, 2, 3, 4})), Catch::Contains("layers[0].padding must be two integers"));
}
