#include "convscope/io/session.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>

#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"
#include "json_fields.hpp"
#include "layer_json.hpp"

namespace convscope::io {

using nlohmann::json;
using namespace detail;

namespace {

// ---- versions 1 and 2: stages of conv → activation → pool --------------------------------
// Read only, and converted as they are read: each stage becomes its conv2d, then its
// activation unless it is "none", then its pooling if enabled. That is how such a file's
// layers are numbered everywhere (view.stage becomes the index of the stage's conv2d).

constexpr int kMaxStagesV2 = 4;  // what versions 1 and 2 allowed

// One stage's keys (kernel, bias, conv, activation, pool) in `j`: the top level of the file
// for the first stage, an entry of "later_stages" for the others. `where` prefixes field
// names in messages: "" for the first stage, "later_stages[0]" after. Appends its layers.
void readStageV2(const json& j, const std::string& where, std::vector<core::Layer>& layers) {
    const auto name = [&](const char* key) { return join(where, key); };
    core::Conv2d c;
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
    c.stride = readHw(field(conv, "stride", name("conv")), name("conv.stride"), 1, kMaxParam);
    c.dilation = readHw(field(conv, "dilation", name("conv")), name("conv.dilation"), 1, kMaxParam);
    const json& padding = field(conv, "padding", name("conv"));
    if (padding == "same")
        c.padding = {core::PaddingSpec::Kind::Same, 0, 0};
    else if (padding == "valid")
        c.padding = {core::PaddingSpec::Kind::Valid, 0, 0};
    else {
        const core::Hw p = readHw(padding, name("conv.padding"), 0, kMaxParam);
        c.padding = {core::PaddingSpec::Kind::Explicit, p.h, p.w};
    }
    auto mode =
        core::parsePaddingMode(readString(field(conv, "padding_mode", name("conv")), name("conv.padding_mode")));
    if (!mode) throw BadField{mode.error()};
    c.mode = *mode;

    // Version 1 files have no activation: none.
    std::optional<core::Activation> activation;
    if (j.contains("activation")) {
        const json& a = j["activation"];
        const std::string kind = readString(field(a, "kind", name("activation")), name("activation.kind"));
        if (kind != "none") {
            auto parsed = core::parseActivation(kind);
            if (!parsed) throw BadField{parsed.error()};
            activation = core::Activation{*parsed};
        }
        if (a.contains("negative_slope")) {
            const float slope = readNumber(a["negative_slope"], name("activation.negative_slope"));
            if (!std::isfinite(slope)) bad(IoErrorId::FieldNotFinite, name("activation.negative_slope"));
            // A relu keeps PyTorch's default slope: version 3 writes none for it, and the
            // session must read back as it was converted.
            if (activation && activation->kind == core::ActivationKind::LeakyRelu) activation->negativeSlope = slope;
        }
    }

    const json& pool = field(j, "pool", where);
    const auto poolName = [&](const char* key) { return name("pool") + "." + key; };
    const bool poolEnabled = readBool(field(pool, "enabled", name("pool")), poolName("enabled"));
    auto poolMode = core::parsePoolMode(readString(field(pool, "mode", name("pool")), poolName("mode")));
    if (!poolMode) throw BadField{poolMode.error()};
    core::PoolParams p;
    p.mode = *poolMode;
    const auto hw = [&](const char* key, int lo) {
        return readHw(field(pool, key, name("pool")), poolName(key), lo, kMaxParam);
    };
    const core::Hw window = hw("window", 1), stride = hw("stride", 1), pad = hw("padding", 0),
                   dilation = hw("dilation", 1);
    std::tie(p.windowH, p.windowW) = std::pair{window.h, window.w};
    std::tie(p.strideH, p.strideW) = std::pair{stride.h, stride.w};
    std::tie(p.padH, p.padW) = std::pair{pad.h, pad.w};
    std::tie(p.dilationH, p.dilationW) = std::pair{dilation.h, dilation.w};
    p.ceilMode = readBool(field(pool, "ceil_mode", name("pool")), poolName("ceil_mode"));
    p.countIncludePad = readBool(field(pool, "count_include_pad", name("pool")), poolName("count_include_pad"));

    layers.push_back(std::move(c));
    if (activation) layers.push_back(*activation);
    if (poolEnabled) layers.push_back(core::poolLayer(p));
}

// The stack of a version 1 or 2 file, and the layer index of each stage's conv2d.
std::vector<core::Layer> readStagesV2(const json& j, std::vector<int>& convIndex) {
    std::vector<core::Layer> layers;
    convIndex = {0};
    readStageV2(j, "", layers);
    if (j.contains("later_stages")) {
        const json& later = j["later_stages"];
        if (!later.is_array() || later.size() >= static_cast<std::size_t>(kMaxStagesV2))
            bad(IoErrorId::FieldTooManyStages, "later_stages", {{"count", std::to_string(kMaxStagesV2 - 1)}});
        for (std::size_t i = 0; i < later.size(); ++i) {
            convIndex.push_back(static_cast<int>(layers.size()));
            readStageV2(later[i], "later_stages[" + std::to_string(i) + "]", layers);
        }
    }
    return layers;
}

// ---- version 3: a list of typed layers ------------------------------------------------

std::vector<core::Layer> readLayers(const json& j) {
    const json& list = field(j, "layers", "");
    if (!list.is_array() || list.empty() || list.size() > static_cast<std::size_t>(core::kMaxLayers))
        bad(IoErrorId::FieldLayerCount, "layers", {{"max", std::to_string(core::kMaxLayers)}});
    std::vector<core::Layer> layers;
    for (std::size_t i = 0; i < list.size(); ++i)
        layers.push_back(readLayer(list[i], "layers[" + std::to_string(i) + "]"));
    return layers;
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
    j["layers"] = json::array();
    for (const core::Layer& layer : s.layers) j["layers"].push_back(writeLayer(layer));
    j["shift"] = {{"enabled", s.shiftEnabled}, {"dx", s.shiftDx}, {"dy", s.shiftDy}};
    j["view"] = {{"layer", s.shownLayer},
                 {"filter", s.shownFilter},
                 {"channel", s.shownChannel},
                 {"numbers", s.showNumbers},
                 {"grid", s.showGrid}};
    j["playback"] = {{"step", s.step}, {"playing", s.playing}, {"speed", s.speed}, {"whole_map", s.wholeMap}};
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

        std::vector<int> stageConv;  // versions 1 and 2: the layer index of each stage's conv2d
        s.layers = version >= 3 ? readLayers(j) : readStagesV2(j, stageConv);

        // Shift, view and playback are conveniences: missing ones keep their defaults. The UI
        // size, theme, language and file browser's folder that older files hold ("view.scale",
        // "view.theme", "language", "files") are the person's preferences, not the session's
        // content: they are left unread.
        if (j.contains("shift")) {
            const json& sh = j["shift"];
            if (sh.contains("enabled")) s.shiftEnabled = readBool(sh["enabled"], "shift.enabled");
            if (sh.contains("dx")) s.shiftDx = readInt(sh["dx"], "shift.dx", -3, 3);
            if (sh.contains("dy")) s.shiftDy = readInt(sh["dy"], "shift.dy", -3, 3);
        }
        if (j.contains("view")) {
            const json& v = j["view"];
            // The layer, filter and channel shown must exist in this file's stack. A filter and
            // an input channel belong to a conv layer (its OC and C = C/groups · groups); the
            // other kinds show filter 0, channel 0.
            if (version >= 3 && v.contains("layer"))
                s.shownLayer = readInt(v["layer"], "view.layer", 0, static_cast<int>(s.layers.size()) - 1);
            if (version < 3 && v.contains("stage"))
                s.shownLayer = stageConv[static_cast<std::size_t>(
                    readInt(v["stage"], "view.stage", 0, static_cast<int>(stageConv.size()) - 1))];
            int filters = 1, channels = 1;
            if (const auto* conv = std::get_if<core::Conv2d>(&s.layers[static_cast<std::size_t>(s.shownLayer)])) {
                filters = conv->weights.outChannels;
                channels = static_cast<int>(std::min<std::int64_t>(
                    std::int64_t{conv->weights.inChannels} * conv->groups, std::numeric_limits<int>::max()));
            }
            if (v.contains("filter")) s.shownFilter = readInt(v["filter"], "view.filter", 0, filters - 1);
            if (v.contains("channel")) s.shownChannel = readInt(v["channel"], "view.channel", 0, channels - 1);
            if (v.contains("numbers")) s.showNumbers = readBool(v["numbers"], "view.numbers");
            if (v.contains("grid")) s.showGrid = readBool(v["grid"], "view.grid");
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
