#include "convscope/io/session.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <tuple>

#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"

namespace convscope::io {

using nlohmann::json;

namespace {

// JSON has no NaN or infinity; they travel as the strings "nan", "inf", "-inf".
json number(float v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return v;
}

json numbers(const std::vector<float>& values) {
    json a = json::array();
    for (float v : values) a.push_back(number(v));
    return a;
}

json pair(int a, int b) {
    return json::array({a, b});
}

// Thrown inside the parser only, turned into an Error at its boundary.
struct BadField {
    Error error;
};

// The field's name (as written in the file: "later_stages[0].pool.window") stays a value.
[[noreturn]] void bad(IoErrorId id, const std::string& where, std::vector<core::ErrorValue> more = {}) {
    more.insert(more.begin(), {"field", where});
    throw BadField{ioError(id, "session", std::move(more))};
}

const json& field(const json& object, const char* key, const std::string& where) {
    if (!object.is_object() || !object.contains(key))
        bad(IoErrorId::FieldMissing, where + (where.empty() ? "" : ".") + key);
    return object.at(key);
}

float readNumber(const json& v, const std::string& where) {
    if (v.is_number()) return v.get<float>();
    if (v.is_string()) {
        const auto s = v.get<std::string>();
        if (s == "nan") return NAN;
        if (s == "inf") return INFINITY;
        if (s == "-inf") return -INFINITY;
    }
    bad(IoErrorId::FieldNotNumber, where);
}

std::vector<float> readNumbers(const json& v, const std::string& where, std::size_t expected) {
    if (!v.is_array()) bad(IoErrorId::FieldNotNumberList, where);
    if (v.size() != expected)
        bad(IoErrorId::FieldCountMismatch, where,
            {{"count", std::to_string(v.size())}, {"expected", std::to_string(expected)}});
    std::vector<float> out;
    out.reserve(v.size());
    for (const json& x : v) out.push_back(readNumber(x, where));
    return out;
}

int readInt(const json& v, const std::string& where, int lo, int hi) {
    if (!v.is_number_integer()) bad(IoErrorId::FieldNotInteger, where);
    // Past 2^63 − 1 the parser keeps an unsigned number, which get<int64> would wrap to a
    // negative one: compare it as the largest int64, and show it as written (dump).
    const bool huge = v.is_number_unsigned() &&
                      v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const auto x = huge ? std::numeric_limits<std::int64_t>::max() : v.get<std::int64_t>();
    if (x < lo || x > hi)
        bad(IoErrorId::FieldOutsideRange, where,
            {{"value", v.dump()}, {"lo", std::to_string(lo)}, {"hi", std::to_string(hi)}});
    return static_cast<int>(x);
}

std::pair<int, int> readPair(const json& v, const std::string& where, int lo, int hi) {
    if (!v.is_array() || v.size() != 2) bad(IoErrorId::FieldNotPair, where);
    return {readInt(v[0], where + "[0]", lo, hi), readInt(v[1], where + "[1]", lo, hi)};
}

bool readBool(const json& v, const std::string& where) {
    if (!v.is_boolean()) bad(IoErrorId::FieldNotBool, where);
    return v.get<bool>();
}

std::string readString(const json& v, const std::string& where) {
    if (!v.is_string()) bad(IoErrorId::FieldNotString, where);
    return v.get<std::string>();
}

std::vector<std::int64_t> readShape(const json& v, const std::string& where, std::size_t rank) {
    if (!v.is_array() || v.size() != rank) bad(IoErrorId::FieldShapeRank, where, {{"rank", std::to_string(rank)}});
    std::vector<std::int64_t> shape;
    std::int64_t total = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        const int d = readInt(v[i], where + "[" + std::to_string(i) + "]", 1, 1 << 20);
        shape.push_back(d);
        total *= d;
        if (total > core::kMaxValues) bad(IoErrorId::FieldShapeTooLarge, where);
    }
    return shape;
}

constexpr int kMaxParam = 1 << 20;  // strides, paddings, windows: far beyond any real use

// One stage's five keys (kernel, bias, conv, activation, pool) in `j`: the top level of the
// file for the first stage, an entry of "later_stages" for the others.
void writeStage(const core::Stage& stage, json& j) {
    const core::ConvLayer& c = stage.conv;
    j["kernel"] = {{"shape", {c.weights.outChannels, c.weights.inChannels, c.weights.height, c.weights.width}},
                   {"values", numbers(c.weights.data)}};
    j["bias"] = numbers(c.bias);
    json padding;
    if (c.padding.kind == core::PaddingSpec::Kind::Same)
        padding = "same";
    else if (c.padding.kind == core::PaddingSpec::Kind::Valid)
        padding = "valid";
    else
        padding = pair(c.padding.height, c.padding.width);
    j["conv"] = {{"stride", pair(c.strideH, c.strideW)},
                 {"padding", padding},
                 {"dilation", pair(c.dilationH, c.dilationW)},
                 {"padding_mode", core::paddingModeName(c.mode)}};
    j["activation"] = {{"kind", core::activationName(stage.activation.kind)},
                       {"negative_slope", number(stage.activation.negativeSlope)}};
    const core::PoolParams& p = stage.pool;
    j["pool"] = {{"enabled", stage.poolEnabled},
                 {"mode", core::poolModeName(p.mode)},
                 {"window", pair(p.windowH, p.windowW)},
                 {"stride", pair(p.strideH, p.strideW)},
                 {"padding", pair(p.padH, p.padW)},
                 {"dilation", pair(p.dilationH, p.dilationW)},
                 {"ceil_mode", p.ceilMode},
                 {"count_include_pad", p.countIncludePad}};
}

// `where` prefixes field names in messages: "" for the first stage, "later_stages[0]" after.
core::Stage readStage(const json& j, const std::string& where) {
    const auto name = [&](const char* key) { return where.empty() ? std::string(key) : where + "." + key; };
    core::Stage stage;
    core::ConvLayer& c = stage.conv;
    const json& kernel = field(j, "kernel", where);
    const auto ks = readShape(field(kernel, "shape", name("kernel")), name("kernel.shape"), 4);
    c.weights = core::Weights();
    c.weights.outChannels = static_cast<int>(ks[0]);
    c.weights.inChannels = static_cast<int>(ks[1]);
    c.weights.height = static_cast<int>(ks[2]);
    c.weights.width = static_cast<int>(ks[3]);
    c.weights.data = readNumbers(field(kernel, "values", name("kernel")), name("kernel.values"),
                                 static_cast<std::size_t>(ks[0] * ks[1] * ks[2] * ks[3]));
    const json& bias = field(j, "bias", where);
    c.bias = bias.empty() ? std::vector<float>{} : readNumbers(bias, name("bias"), static_cast<std::size_t>(ks[0]));

    const json& conv = field(j, "conv", where);
    std::tie(c.strideH, c.strideW) = readPair(field(conv, "stride", name("conv")), name("conv.stride"), 1, kMaxParam);
    std::tie(c.dilationH, c.dilationW) =
        readPair(field(conv, "dilation", name("conv")), name("conv.dilation"), 1, kMaxParam);
    const json& padding = field(conv, "padding", name("conv"));
    if (padding == "same")
        c.padding = {core::PaddingSpec::Kind::Same, 0, 0};
    else if (padding == "valid")
        c.padding = {core::PaddingSpec::Kind::Valid, 0, 0};
    else {
        const auto [ph, pw] = readPair(padding, name("conv.padding"), 0, kMaxParam);
        c.padding = {core::PaddingSpec::Kind::Explicit, ph, pw};
    }
    auto mode =
        core::parsePaddingMode(readString(field(conv, "padding_mode", name("conv")), name("conv.padding_mode")));
    if (!mode) throw BadField{mode.error()};
    c.mode = *mode;

    // Version 1 files have no activation: none.
    if (j.contains("activation")) {
        const json& a = j["activation"];
        auto kind = core::parseActivation(readString(field(a, "kind", name("activation")), name("activation.kind")));
        if (!kind) throw BadField{kind.error()};
        stage.activation.kind = *kind;
        if (a.contains("negative_slope")) {
            stage.activation.negativeSlope = readNumber(a["negative_slope"], name("activation.negative_slope"));
            if (!std::isfinite(stage.activation.negativeSlope))
                bad(IoErrorId::FieldNotFinite, name("activation.negative_slope"));
        }
    }

    const json& pool = field(j, "pool", where);
    const auto poolName = [&](const char* key) { return name("pool") + "." + key; };
    stage.poolEnabled = readBool(field(pool, "enabled", name("pool")), poolName("enabled"));
    auto poolMode = core::parsePoolMode(readString(field(pool, "mode", name("pool")), poolName("mode")));
    if (!poolMode) throw BadField{poolMode.error()};
    core::PoolParams& p = stage.pool;
    p.mode = *poolMode;
    std::tie(p.windowH, p.windowW) = readPair(field(pool, "window", name("pool")), poolName("window"), 1, kMaxParam);
    std::tie(p.strideH, p.strideW) = readPair(field(pool, "stride", name("pool")), poolName("stride"), 1, kMaxParam);
    std::tie(p.padH, p.padW) = readPair(field(pool, "padding", name("pool")), poolName("padding"), 0, kMaxParam);
    std::tie(p.dilationH, p.dilationW) =
        readPair(field(pool, "dilation", name("pool")), poolName("dilation"), 1, kMaxParam);
    p.ceilMode = readBool(field(pool, "ceil_mode", name("pool")), poolName("ceil_mode"));
    p.countIncludePad = readBool(field(pool, "count_include_pad", name("pool")), poolName("count_include_pad"));
    return stage;
}

}  // namespace

std::string sessionToJson(const Session& s) {
    json j;
    j["format"] = "convscope-session";
    j["version"] = kSessionVersion;
    json input;
    if (s.image) {
        input["image"] = {{"path", s.image->path},
                          {"channel", imageChannelName(s.image->channel)},
                          {"max_side", s.image->maxSide},
                          {"range", s.image->scale255 ? "0-255" : "0-1"},
                          {"crop", {s.image->crop.x, s.image->crop.y, s.image->crop.width, s.image->crop.height}}};
    } else {
        input["grid"] = {{"shape", {s.grid.channels, s.grid.height, s.grid.width}}, {"values", numbers(s.grid.data)}};
    }
    j["input"] = input;
    writeStage(s.stages.front(), j);
    j["later_stages"] = json::array();
    for (std::size_t i = 1; i < s.stages.size(); ++i) {
        json stage;
        writeStage(s.stages[i], stage);
        j["later_stages"].push_back(stage);
    }
    j["shift"] = {{"enabled", s.shiftEnabled}, {"dx", s.shiftDx}, {"dy", s.shiftDy}};
    j["view"] = {{"stage", s.shownStage},
                 {"filter", s.shownFilter},
                 {"channel", s.shownChannel},
                 {"numbers", s.showNumbers},
                 {"grid", s.showGrid},
                 {"scale", s.uiScale},
                 {"theme", s.lightTheme ? "light" : "dark"}};
    j["playback"] = {{"step", s.step}, {"playing", s.playing}, {"speed", s.speed}, {"whole_map", s.wholeMap}};
    j["language"] = s.language;
    j["files"] = {{"folder", s.browseFolder}, {"recent", s.recentFiles}};
    return j.dump(2) + "\n";
}

Result<Session> parseSession(std::string_view text) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) return ioError(IoErrorId::SessionNotJson, "session", {});
    if (!j.is_object() || !j.contains("format") || j["format"] != "convscope-session")
        return ioError(IoErrorId::SessionNotSession, "session", {});
    try {
        Session s;
        const int version = readInt(field(j, "version", ""), "version", 1, 1 << 30);
        if (version > kSessionVersion)
            throw BadField{
                ioError(IoErrorId::SessionVersionNewer, "session",
                        {{"version", std::to_string(version)}, {"supported", std::to_string(kSessionVersion)}})};

        const json& input = field(j, "input", "");
        if (input.contains("image") && !input["image"].is_null()) {
            const json& im = input["image"];
            SessionImage image;
            image.path = readString(field(im, "path", "input.image"), "input.image.path");
            auto channel = parseImageChannel(readString(field(im, "channel", "input.image"), "input.image.channel"));
            if (!channel) throw BadField{channel.error()};
            image.channel = *channel;
            image.maxSide = readInt(field(im, "max_side", "input.image"), "input.image.max_side", 0, 1 << 16);
            if (im.contains("range")) {
                const std::string range = readString(im["range"], "input.image.range");
                if (range != "0-1" && range != "0-255")
                    bad(IoErrorId::FieldNotEither, "input.image.range", {{"first", "0-1"}, {"second", "0-255"}});
                image.scale255 = range == "0-255";
            }
            if (im.contains("crop")) {
                const json& c = im["crop"];
                if (!c.is_array() || c.size() != 4) bad(IoErrorId::FieldNotCrop, "input.image.crop");
                image.crop = {
                    readInt(c[0], "input.image.crop[0]", 0, 1 << 16), readInt(c[1], "input.image.crop[1]", 0, 1 << 16),
                    readInt(c[2], "input.image.crop[2]", 0, 1 << 16), readInt(c[3], "input.image.crop[3]", 0, 1 << 16)};
            }
            s.image = image;
        } else {
            const json& grid = field(input, "grid", "input");
            const auto shape = readShape(field(grid, "shape", "input.grid"), "input.grid.shape", 3);
            s.grid = core::Tensor();
            s.grid.channels = static_cast<int>(shape[0]);
            s.grid.height = static_cast<int>(shape[1]);
            s.grid.width = static_cast<int>(shape[2]);
            s.grid.data = readNumbers(field(grid, "values", "input.grid"), "input.grid.values",
                                      static_cast<std::size_t>(shape[0] * shape[1] * shape[2]));
        }

        s.stages = {readStage(j, "")};
        if (j.contains("later_stages")) {
            const json& later = j["later_stages"];
            if (!later.is_array() || later.size() >= static_cast<std::size_t>(core::kMaxStages))
                bad(IoErrorId::FieldTooManyStages, "later_stages", {{"count", std::to_string(core::kMaxStages - 1)}});
            for (std::size_t i = 0; i < later.size(); ++i)
                s.stages.push_back(readStage(later[i], "later_stages[" + std::to_string(i) + "]"));
        }

        // Shift, view, playback and language are conveniences: missing ones keep their defaults.
        if (j.contains("shift")) {
            const json& sh = j["shift"];
            if (sh.contains("enabled")) s.shiftEnabled = readBool(sh["enabled"], "shift.enabled");
            if (sh.contains("dx")) s.shiftDx = readInt(sh["dx"], "shift.dx", -3, 3);
            if (sh.contains("dy")) s.shiftDy = readInt(sh["dy"], "shift.dy", -3, 3);
        }
        if (j.contains("view")) {
            const json& v = j["view"];
            // The stage, filter and channel shown must exist in this file's stack.
            if (v.contains("stage"))
                s.shownStage = readInt(v["stage"], "view.stage", 0, static_cast<int>(s.stages.size()) - 1);
            const core::Weights& shown = s.stages[static_cast<std::size_t>(s.shownStage)].conv.weights;
            if (v.contains("filter")) s.shownFilter = readInt(v["filter"], "view.filter", 0, shown.outChannels - 1);
            if (v.contains("channel")) s.shownChannel = readInt(v["channel"], "view.channel", 0, shown.inChannels - 1);
            if (v.contains("numbers")) s.showNumbers = readBool(v["numbers"], "view.numbers");
            if (v.contains("grid")) s.showGrid = readBool(v["grid"], "view.grid");
            if (v.contains("scale")) {
                s.uiScale = readNumber(v["scale"], "view.scale");
                if (!(s.uiScale >= 1.0f && s.uiScale <= 3.0f))
                    bad(IoErrorId::FieldNotInRange, "view.scale", {{"lo", "1"}, {"hi", "3"}});
            }
            if (v.contains("theme")) {
                const std::string theme = readString(v["theme"], "view.theme");
                if (theme != "dark" && theme != "light")
                    bad(IoErrorId::FieldNotEither, "view.theme", {{"first", "dark"}, {"second", "light"}});
                s.lightTheme = theme == "light";
            }
        }
        if (j.contains("playback")) {
            const json& p = j["playback"];
            if (p.contains("step")) s.step = readInt(p["step"], "playback.step", 0, 1 << 30);
            if (p.contains("playing")) s.playing = readBool(p["playing"], "playback.playing");
            if (p.contains("speed")) {
                s.speed = readNumber(p["speed"], "playback.speed");
                if (!(s.speed >= 0.25f && s.speed <= 20.0f))
                    bad(IoErrorId::FieldNotInRange, "playback.speed", {{"lo", "0.25"}, {"hi", "20"}});
            }
            if (p.contains("whole_map")) s.wholeMap = readBool(p["whole_map"], "playback.whole_map");
        }
        if (j.contains("language")) {
            s.language = readString(j["language"], "language");
            if (s.language != "en" && s.language != "zh-TW")
                bad(IoErrorId::FieldNotEither, "language", {{"first", "en"}, {"second", "zh-TW"}});
        }
        if (j.contains("files")) {
            const json& f = j["files"];
            if (f.contains("folder")) s.browseFolder = readString(f["folder"], "files.folder");
            if (f.contains("recent")) {
                if (!f["recent"].is_array()) bad(IoErrorId::FieldNotPathList, "files.recent");
                for (const json& r : f["recent"]) s.recentFiles.push_back(readString(r, "files.recent"));
            }
        }
        return s;
    } catch (const BadField& e) {
        return ioError(IoErrorId::InSession, "session", {}, e.error);
    } catch (const json::exception& e) {
        return ioError(IoErrorId::SessionJsonError, "session", {{"detail", e.what()}});
    }
}

Result<Session> loadSession(const std::filesystem::path& file) {
    auto text = readFile(file, kMaxSessionBytes);
    if (!text) return text.error();
    auto s = parseSession(*text);
    if (!s) return ioError(IoErrorId::InFile, "session", {{"path", file.string()}}, s.error());
    return s;
}

Status saveSession(const std::filesystem::path& file, const Session& s) {
    return writeFileAtomic(file, sessionToJson(s));
}

Result<core::Tensor> loadImageInput(const SessionImage& image) {
    auto t = loadImageInput(image.path, image.channel, image.maxSide, image.crop);
    if (t && image.scale255)
        for (float& v : t->data) v *= 255.0f;
    return t;
}

Result<core::Tensor> sessionInput(const Session& s) {
    if (s.image) return loadImageInput(*s.image);
    return s.grid;
}

}  // namespace convscope::io
