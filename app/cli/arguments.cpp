#include "arguments.hpp"

#include <algorithm>
#include <charconv>

namespace convscope::cli {

core::Result<int> parseInt(const std::string& option, const std::string& text) {
    int v = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+') ++first;
    const auto [end, ec] = std::from_chars(first, last, v);
    if (ec == std::errc::result_out_of_range)
        return core::makeError(option, "--" + option + " '" + text + "' is out of range");
    if (ec != std::errc() || end != last || first == last)
        return core::makeError(option, "--" + option + " '" + text + "' is not an integer");
    return v;
}

core::Result<std::pair<int, int>> parsePair(const std::string& option, const std::string& text) {
    const std::size_t comma = text.find(',');
    if (comma == std::string::npos) {
        auto v = parseInt(option, text);
        if (!v) return v.error();
        return std::pair{*v, *v};
    }
    auto h = parseInt(option, text.substr(0, comma));
    if (!h) return core::makeError(option, "--" + option + " '" + text + "' is not N or NH,NW");
    auto w = parseInt(option, text.substr(comma + 1));
    if (!w) return core::makeError(option, "--" + option + " '" + text + "' is not N or NH,NW");
    return std::pair{*h, *w};
}

core::Result<core::PaddingSpec> parsePaddingSpec(const std::string& text) {
    using Kind = core::PaddingSpec::Kind;
    for (Kind k : {Kind::Same, Kind::Valid, Kind::SameUpper, Kind::SameLower})
        if (text == core::paddingKindName(k)) return core::PaddingSpec{k, 0, 0, {}};
    const auto notPadding = [&] {
        return core::makeError(
            "padding", "--padding '" + text + "' is not N, NH,NW, T,B,L,R, same, valid, same_upper or same_lower");
    };
    if (std::count(text.begin(), text.end(), ',') == 3) {
        int sides[4];
        std::size_t start = 0;
        for (int& side : sides) {
            const std::size_t comma = std::min(text.find(',', start), text.size());
            auto v = parseInt("padding", text.substr(start, comma - start));
            if (!v) return notPadding();
            side = *v;
            start = comma + 1;
        }
        return core::PaddingSpec{Kind::PerSide, 0, 0, {sides[0], sides[1], sides[2], sides[3]}};
    }
    auto p = parsePair("padding", text);
    if (!p) return notPadding();
    return core::PaddingSpec{Kind::Explicit, p->first, p->second, {}};
}

core::Result<core::ConvParams> toConvParams(const ConvOptions& o, int kernelH, int kernelW, int inputH, int inputW) {
    auto stride = parsePair("stride", o.stride);
    if (!stride) return stride.error();
    auto dilation = parsePair("dilation", o.dilation);
    if (!dilation) return dilation.error();
    auto spec = parsePaddingSpec(o.padding);
    if (!spec) return spec.error();
    auto mode = core::parsePaddingMode(o.paddingMode);
    if (!mode) return mode.error();
    // Any integer: groups < 1 and groups that do not divide the channels are the engine's
    // errors, worded as PyTorch's.
    auto groups = parseInt("groups", o.groups);
    if (!groups) return groups.error();
    return core::makeConvParams(stride->first, stride->second, *spec, dilation->first, dilation->second, *mode, kernelH,
                                kernelW, *groups, inputH, inputW);
}

core::Result<core::PoolParams> toPoolParams(const PoolOptions& o) {
    auto mode = core::parsePoolMode(o.mode);
    if (!mode) return mode.error();
    auto window = parsePair("window", o.window);
    if (!window) return window.error();
    auto stride = o.stride.empty() ? core::Result<std::pair<int, int>>(*window) : parsePair("stride", o.stride);
    if (!stride) return stride.error();
    auto padding = parsePair("padding", o.padding);
    if (!padding) return padding.error();
    auto dilation = parsePair("dilation", o.dilation);
    if (!dilation) return dilation.error();
    core::PoolParams p;
    p.mode = *mode;
    p.windowH = window->first;
    p.windowW = window->second;
    p.strideH = stride->first;
    p.strideW = stride->second;
    p.padH = padding->first;
    p.padW = padding->second;
    p.dilationH = dilation->first;
    p.dilationW = dilation->second;
    p.ceilMode = o.ceilMode;
    p.countIncludePad = !o.excludePad;
    return p;
}

}  // namespace convscope::cli
