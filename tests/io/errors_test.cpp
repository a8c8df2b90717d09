// File errors: one registry of ids (none shared with core's), and real failures carry their
// id, their values and exactly the English message the CLI has always printed, so a
// translation can say the same from the id and the values.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "convscope/io/array.hpp"
#include "convscope/io/csv.hpp"
#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/image.hpp"
#include "convscope/io/image_input.hpp"
#include "convscope/io/lesson.hpp"
#include "convscope/io/npy.hpp"
#include "convscope/io/session.hpp"
#include "temp_dir.hpp"

using namespace convscope;

namespace {

template <class T>
core::Error errorOf(const core::Result<T>& r) {
    REQUIRE_FALSE(r.ok());
    return r.error();
}

const core::ErrorTemplate* findTemplate(const std::string& id) {
    for (const core::ErrorTemplate& t : io::ioErrorTemplates())
        if (id == t.id) return &t;
    for (const core::ErrorTemplate& t : core::errorTemplates())
        if (id == t.id) return &t;
    return nullptr;
}

// The message is the template filled with the values, and with the cause's message where
// {cause} stands; the cause is built the same way, all the way down.
void checkBuiltFromTemplate(const core::Error& e) {
    INFO(e.id);
    const core::ErrorTemplate* t = findTemplate(e.id);
    REQUIRE(t != nullptr);
    std::vector<core::ErrorValue> values = e.values;
    const bool wraps = std::string(t->en).find("{cause}") != std::string::npos;
    CHECK(wraps == (e.cause.size() == 1));
    if (!e.cause.empty()) {
        values.push_back({"cause", e.cause.front().message});
        checkBuiltFromTemplate(e.cause.front());
    }
    CHECK(core::fillTemplate(t->en, values) == e.message);
}

// A 64×64 PNG cut off half way: the header is fine, the pixels stop.
std::filesystem::path writeTruncatedPng(const iotest::TempDir& dir) {
    auto png = io::encodePngGrey(std::vector<float>(64 * 64, 0.5f), 64, 64);
    REQUIRE(png.ok());
    const auto cut = dir / "cut.png";
    REQUIRE(io::writeFileAtomic(cut, png->substr(0, png->size() / 2)).ok());
    return cut;
}

std::string sessionText(const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json j = nlohmann::json::parse(io::sessionToJson(io::Session{}));
    edit(j);
    return j.dump();
}

}  // namespace

TEST_CASE("file error ids are unique snake_case, shared with no engine id", "[io][errors]") {
    std::set<std::string> ids;
    for (const core::ErrorTemplate& t : core::errorTemplates()) ids.insert(t.id);
    for (const core::ErrorTemplate& t : io::ioErrorTemplates()) {
        const std::string id = t.id;
        INFO(id);
        CHECK(ids.insert(id).second);
        CHECK(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos);
        CHECK(std::string(t.en).size() >= 10);
    }
}

TEST_CASE("real file failures carry their id, values and today's English message", "[io][errors]") {
    iotest::TempDir dir;
    const auto truncated = writeTruncatedPng(dir);
    const auto folder = dir.path().string();

    struct Case {
        core::Error error;
        const char* id;
        std::string message;
    };
    const Case cases[] = {
        {errorOf(io::readFile(dir / "none.csv", 100)), "file_not_found",
         "cannot open '" + (dir / "none.csv").string() + "': no such file"},
        {errorOf(io::readFile(dir.path(), 100)), "file_is_folder", "'" + folder + "' is a folder, not a file"},
        {errorOf(io::parseCsv("1,2\n3,x\n")), "csv_not_number", "line 2, field 2: 'x' is not a number"},
        {errorOf(io::parseCsv("1,2\n3\n")), "csv_ragged",
         "line 2 has 1 values but earlier lines have 2: every row needs the same count"},
        {errorOf(io::parseNpy("hello world")), "npy_bad_magic",
         "not a valid .npy file: the file does not start with \\x93NUMPY"},
        {errorOf(io::parseImageChannel("alpha")), "unknown_image_channel",
         "image channel 'alpha' is not one of luminance, red, green, blue, rgb"},
        {errorOf(io::toTensor(io::Array{{5}, std::vector<float>(5)}, "input")), "tensor_rank",
         "input must be 2-D (H,W) or 3-D (C,H,W), got shape (5)"},
        {errorOf(io::loadImageInput(dir / "notes.txt", io::ImageChannel::Luminance, 0, {})), "not_an_image",
         "'" + (dir / "notes.txt").string() +
             "' is not an image (.png .jpg .jpeg .bmp .tga .gif .psd .hdr .pnm .pgm .ppm)"},
        {errorOf(io::loadImageInput(truncated, io::ImageChannel::Luminance, 0, {})), "in_file", ""},
        {errorOf(io::parseSession("{")), "session_not_json", "the session file is not valid JSON"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) {
             j["layers"][1]["kernel_size"] = {2, 0};
         }))),
         "in_session", "session: layers[1].kernel_size[1] is 0, outside 1…1048576"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) { j.erase("layers"); }))), "in_session",
         "session: layers is missing"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) { j["layers"][1]["type"] = "lp_pool2d"; }))),
         "in_session",
         "session: layers[1].type is \"lp_pool2d\", not a layer type (conv2d, relu, leaky_relu, max_pool2d, "
         "avg_pool2d)"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) { j["layers"][0]["output_padding"] = 1; }))),
         "in_session", "session: layers[0].output_padding is not an argument of conv2d"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) { j["layers"] = {1}; }))), "in_session",
         "session: layers[0] must be an object"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) { j["layers"] = nlohmann::json::array(); }))),
         "in_session", "session: layers must be a list of 1 to 12 layers"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) {
             j["version"] = 2;
             j["kernel"] = j["layers"][0]["kernel"];
             j["bias"] = nlohmann::json::array();
             j["conv"] = {{"stride", {1, 1}}, {"padding", {1, 1}}, {"dilation", {1, 1}}, {"padding_mode", "zeros"}};
             j["pool"] = {{"enabled", false},  {"mode", "max"},      {"window", {2, 2}},   {"stride", {2, 2}},
                          {"padding", {0, 0}}, {"dilation", {1, 1}}, {"ceil_mode", false}, {"count_include_pad", true}};
             j["later_stages"] = nlohmann::json::array({j});
             j["later_stages"][0]["pool"]["window"] = {2, 0};
         }))),
         "in_session", "session: later_stages[0].pool.window[1] is 0, outside 1…1048576"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) { j["view"]["numbers"] = "yes"; }))), "in_session",
         "session: view.numbers must be true or false"},
        {errorOf(io::parseSession(sessionText([](nlohmann::json& j) { j["layers"][0]["padding_mode"] = "mirror"; }))),
         "in_session", "session: padding mode 'mirror' is not one of zeros, reflect, replicate, circular"},
        {errorOf(io::parseLesson(R"({"title": {"en": "t"}, "scene": {}, "steps": [{"text": {"en": "a"}}]})", "")),
         "in_lesson_step", "step 1: session: input is missing"},
        {errorOf(io::parseLesson(R"({"title": {"en": "t"}, "scene": {"input": {"grid": {"shape": [1, 1, 1],
             "values": [1]}}, "layers": [{"type": "relu"}]}, "steps": [{"text": {"en": "a"},
             "set": {"layers": {"2": {"type": "leaky_relu"}}}}]})",
                                 "")),
         "lesson_bad_layer_patch",
         "step 1: set.layers.2 must be a layer number 1…1 holding an object to merge into that layer"},
    };
    for (const Case& c : cases) {
        INFO(c.error.message);
        CHECK(c.error.id == c.id);
        if (!c.message.empty()) CHECK(c.error.message == c.message);
        CHECK(c.error.message.find("{") == std::string::npos);
        checkBuiltFromTemplate(c.error);
    }
}

TEST_CASE("a picture that stops half way names the file, then why", "[io][errors]") {
    iotest::TempDir dir;
    const auto cut = writeTruncatedPng(dir);
    const core::Error e = errorOf(io::loadImageInput(cut, io::ImageChannel::Luminance, 0, {}));
    CHECK(e.id == "in_file");
    REQUIRE(e.values.size() == 1);
    CHECK(e.values[0].value == cut.string());
    REQUIRE(e.cause.size() == 1);
    CHECK(e.cause[0].id == "image_undecodable");
    CHECK(e.message == cut.string() + ": " + e.cause[0].message);
    CHECK(e.cause[0].message.rfind("cannot decode image '" + cut.string() + "': ", 0) == 0);
}
