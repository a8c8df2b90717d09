#include "layer_json.hpp"

#include <algorithm>
#include <iterator>

#include "json_fields.hpp"

namespace convscope::io::detail {

namespace {

// A key the kind does not have is refused rather than ignored: "negative_slope" on a relu
// or "dilation" on an avg_pool2d would otherwise look as if it did something.
void onlyKeys(const json& j, const std::string& where, std::initializer_list<const char*> keys) {
    for (const auto& item : j.items()) {
        const std::string& key = item.key();
        if (key != "type" && std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; }))
            bad(IoErrorId::FieldUnknownKey, join(where, key), {{"type", j["type"].get<std::string>()}});
    }
}

// An optional argument: PyTorch's default when the key is left out.
core::Hw optionalHw(const json& j, const char* key, const std::string& where, int lo, core::Hw fallback) {
    return j.contains(key) ? readHw(j[key], join(where, key), lo, kMaxParam) : fallback;
}

bool optionalBool(const json& j, const char* key, const std::string& where, bool fallback) {
    return j.contains(key) ? readBool(j[key], join(where, key)) : fallback;
}

// ---- conv2d: nn.Conv2d ------------------------------------------------------------------

// PyTorch's forms ([h, w], "same", "valid") and the two it lacks: per side as an object
// {"top", "bottom", "left", "right"} (every key required, nothing else), and TensorFlow/ONNX's
// "same_upper" / "same_lower".
core::PaddingSpec readPadding(const json& v, const std::string& where) {
    using Kind = core::PaddingSpec::Kind;
    if (v.is_string()) {
        const std::string name = v.get<std::string>();
        for (Kind k : {Kind::Same, Kind::Valid, Kind::SameUpper, Kind::SameLower})
            if (name == core::paddingKindName(k)) return {k, 0, 0, {}};
        bad(IoErrorId::FieldNotPadding, where);
    }
    if (v.is_object()) {
        if (v.size() != 4) bad(IoErrorId::FieldNotPadding, where);
        core::PaddingSpec spec{Kind::PerSide, 0, 0, {}};
        const auto side = [&](const char* key) {
            return readInt(field(v, key, where), join(where, key), 0, kMaxParam);
        };
        spec.sides = {side("top"), side("bottom"), side("left"), side("right")};
        return spec;
    }
    if (!v.is_array()) bad(IoErrorId::FieldNotPadding, where);
    const core::Hw p = readHw(v, where, 0, kMaxParam);
    return {Kind::Explicit, p.h, p.w, {}};
}

json writePadding(const core::PaddingSpec& p) {
    if (const char* name = core::paddingKindName(p.kind)) return name;
    if (p.kind == core::PaddingSpec::Kind::PerSide)
        return {{"top", p.sides.top}, {"bottom", p.sides.bottom}, {"left", p.sides.left}, {"right", p.sides.right}};
    return pair({p.height, p.width});
}

core::Layer readConv2d(const json& j, const std::string& where) {
    onlyKeys(j, where, {"kernel", "bias", "stride", "padding", "dilation", "groups", "padding_mode"});
    core::Conv2d c;
    const json& kernel = field(j, "kernel", where);
    const std::string kernelAt = join(where, "kernel");
    const auto ks = readShape(field(kernel, "shape", kernelAt), kernelAt + ".shape", 4);
    c.weights = core::Weights();
    c.weights.outChannels = static_cast<int>(ks[0]);
    c.weights.inChannels = static_cast<int>(ks[1]);
    c.weights.height = static_cast<int>(ks[2]);
    c.weights.width = static_cast<int>(ks[3]);
    c.weights.data = readNumbers(field(kernel, "values", kernelAt), kernelAt + ".values",
                                 static_cast<std::size_t>(ks[0] * ks[1] * ks[2] * ks[3]));
    // The bias is data, not an argument with a default: [] is a conv without bias.
    const json& bias = field(j, "bias", where);
    c.bias = bias.is_array() && bias.empty() ? std::vector<float>{}
                                             : readNumbers(bias, join(where, "bias"), static_cast<std::size_t>(ks[0]));
    c.stride = optionalHw(j, "stride", where, 1, {1, 1});
    c.dilation = optionalHw(j, "dilation", where, 1, {1, 1});
    c.padding = j.contains("padding") ? readPadding(j["padding"], join(where, "padding"))
                                      : core::PaddingSpec{core::PaddingSpec::Kind::Explicit, 0, 0};
    // Whether C and OC divide by the groups depends on the channels reaching the layer: the
    // engine's plan checks it, with PyTorch's message.
    c.groups = j.contains("groups") ? readInt(j["groups"], join(where, "groups"), 1, kMaxParam) : 1;
    c.mode = core::PaddingMode::Zeros;
    if (j.contains("padding_mode")) {
        auto mode = core::parsePaddingMode(readString(j["padding_mode"], join(where, "padding_mode")));
        if (!mode) throw BadField{mode.error()};
        c.mode = *mode;
    }
    return c;
}

json writeKind(const core::Conv2d& c) {
    return {{"type", "conv2d"},
            {"kernel",
             {{"shape", {c.weights.outChannels, c.weights.inChannels, c.weights.height, c.weights.width}},
              {"values", numbers(c.weights.data)}}},
            {"bias", numbers(c.bias)},
            {"stride", pair(c.stride)},
            {"padding", writePadding(c.padding)},
            {"dilation", pair(c.dilation)},
            {"groups", c.groups},
            {"padding_mode", core::paddingModeName(c.mode)}};
}

// ---- conv_transpose2d: nn.ConvTranspose2d ------------------------------------------------

core::Layer readConvTranspose2d(const json& j, const std::string& where) {
    onlyKeys(j, where, {"kernel", "bias", "stride", "padding", "output_padding", "dilation", "groups"});
    core::ConvTranspose2d c;
    const json& kernel = field(j, "kernel", where);
    const std::string kernelAt = join(where, "kernel");
    // (C, OC/groups, KH, KW), PyTorch's weight shape for a transposed conv.
    const auto ks = readShape(field(kernel, "shape", kernelAt), kernelAt + ".shape", 4);
    c.weights = core::Weights();
    c.weights.outChannels = static_cast<int>(ks[0]);
    c.weights.inChannels = static_cast<int>(ks[1]);
    c.weights.height = static_cast<int>(ks[2]);
    c.weights.width = static_cast<int>(ks[3]);
    c.weights.data = readNumbers(field(kernel, "values", kernelAt), kernelAt + ".values",
                                 static_cast<std::size_t>(ks[0] * ks[1] * ks[2] * ks[3]));
    c.groups = j.contains("groups") ? readInt(j["groups"], join(where, "groups"), 1, kMaxParam) : 1;
    const json& bias = field(j, "bias", where);
    c.bias = bias.is_array() && bias.empty()
                 ? std::vector<float>{}
                 : readNumbers(bias, join(where, "bias"), static_cast<std::size_t>(ks[1] * c.groups));
    c.stride = optionalHw(j, "stride", where, 1, {1, 1});
    c.padding = optionalHw(j, "padding", where, 0, {0, 0});
    // Whether output_padding is below the stride or dilation is the plan's check (PyTorch's message).
    c.outputPadding = optionalHw(j, "output_padding", where, 0, {0, 0});
    c.dilation = optionalHw(j, "dilation", where, 1, {1, 1});
    return c;
}

json writeKind(const core::ConvTranspose2d& c) {
    return {{"type", "conv_transpose2d"},
            {"kernel",
             {{"shape", {c.weights.outChannels, c.weights.inChannels, c.weights.height, c.weights.width}},
              {"values", numbers(c.weights.data)}}},
            {"bias", numbers(c.bias)},
            {"stride", pair(c.stride)},
            {"padding", pair(c.padding)},
            {"output_padding", pair(c.outputPadding)},
            {"dilation", pair(c.dilation)},
            {"groups", c.groups}};
}

// ---- relu, leaky_relu: nn.ReLU, nn.LeakyReLU ----------------------------------------------

core::Layer readRelu(const json& j, const std::string& where) {
    onlyKeys(j, where, {});
    return core::Activation{core::ActivationKind::Relu};
}

core::Layer readLeakyRelu(const json& j, const std::string& where) {
    onlyKeys(j, where, {"negative_slope"});
    core::Activation a{core::ActivationKind::LeakyRelu};
    if (j.contains("negative_slope")) {
        const std::string at = join(where, "negative_slope");
        a.negativeSlope = readNumber(j["negative_slope"], at);
        if (!std::isfinite(a.negativeSlope)) bad(IoErrorId::FieldNotFinite, at);
    }
    return a;
}

json writeKind(const core::Activation& a) {
    json j = {{"type", core::activationName(a.kind)}};
    if (a.kind == core::ActivationKind::LeakyRelu) j["negative_slope"] = number(a.negativeSlope);
    return j;
}

// ---- max_pool2d: nn.MaxPool2d -----------------------------------------------------------

core::Layer readMaxPool2d(const json& j, const std::string& where) {
    onlyKeys(j, where, {"kernel_size", "stride", "padding", "dilation", "ceil_mode"});
    core::MaxPool2d p;
    p.kernel = readHw(field(j, "kernel_size", where), join(where, "kernel_size"), 1, kMaxParam);
    p.stride = optionalHw(j, "stride", where, 1, p.kernel);  // PyTorch: the window
    p.padding = optionalHw(j, "padding", where, 0, {0, 0});
    p.dilation = optionalHw(j, "dilation", where, 1, {1, 1});
    p.ceilMode = optionalBool(j, "ceil_mode", where, false);
    return p;
}

json writeKind(const core::MaxPool2d& p) {
    return {{"type", "max_pool2d"},       {"kernel_size", pair(p.kernel)}, {"stride", pair(p.stride)},
            {"padding", pair(p.padding)}, {"dilation", pair(p.dilation)},  {"ceil_mode", p.ceilMode}};
}

// ---- avg_pool2d: nn.AvgPool2d -----------------------------------------------------------

core::Layer readAvgPool2d(const json& j, const std::string& where) {
    onlyKeys(j, where, {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad"});
    core::AvgPool2d p;
    p.kernel = readHw(field(j, "kernel_size", where), join(where, "kernel_size"), 1, kMaxParam);
    p.stride = optionalHw(j, "stride", where, 1, p.kernel);
    p.padding = optionalHw(j, "padding", where, 0, {0, 0});
    p.ceilMode = optionalBool(j, "ceil_mode", where, false);
    p.countIncludePad = optionalBool(j, "count_include_pad", where, true);
    return p;
}

json writeKind(const core::AvgPool2d& p) {
    return {{"type", "avg_pool2d"},       {"kernel_size", pair(p.kernel)}, {"stride", pair(p.stride)},
            {"padding", pair(p.padding)}, {"ceil_mode", p.ceilMode},       {"count_include_pad", p.countIncludePad}};
}

// ---- the registry: a layer's "type" → its reader (writers are found by overload) ----------

struct Kind {
    const char* type;
    core::Layer (*read)(const json&, const std::string&);
};
constexpr Kind kKinds[] = {
    {"conv2d", readConv2d},
    {"conv_transpose2d", readConvTranspose2d},
    {"relu", readRelu},
    {"leaky_relu", readLeakyRelu},
    {"max_pool2d", readMaxPool2d},
    {"avg_pool2d", readAvgPool2d},
};

std::string kindList() {
    std::string list;
    for (const Kind& k : kKinds) list += (list.empty() ? "" : ", ") + std::string(k.type);
    return list;
}

}  // namespace

core::Layer readLayer(const json& j, const std::string& where) {
    if (!j.is_object()) bad(IoErrorId::FieldNotObject, where);
    const std::string type = readString(field(j, "type", where), join(where, "type"));
    const auto kind = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const Kind& k) { return type == k.type; });
    if (kind == std::end(kKinds))
        bad(IoErrorId::FieldUnknownLayerType, join(where, "type"), {{"text", type}, {"kinds", kindList()}});
    return kind->read(j, where);
}

json writeLayer(const core::Layer& layer) {
    return std::visit([](const auto& kind) { return writeKind(kind); }, layer);
}

}  // namespace convscope::io::detail
