#include "session_bridge.hpp"

#include <algorithm>
#include <variant>

namespace convscope::gui {

namespace {

// The channels each conv's kernel reads (its slices times its groups) must be what flows into
// it; the layer kinds between convs keep the channel count.
core::Status checkChannels(int channels, const std::vector<core::Layer>& layers) {
    for (std::size_t i = 0; i < layers.size(); ++i) {
        int reads = 0;
        int writes = 0;
        if (const auto* conv = std::get_if<core::Conv2d>(&layers[i])) {
            reads = conv->weights.inChannels * std::max(1, conv->groups);
            writes = conv->weights.outChannels;
        } else if (const auto* convT = std::get_if<core::ConvTranspose2d>(&layers[i])) {
            reads = convT->weights.outChannels;  // (C, OC/groups, KH, KW): the first dimension is C
            writes = convT->outChannels();
        } else {
            continue;
        }
        if (reads != channels)
            return core::makeError("session", "layer " + std::to_string(i + 1) + "'s kernel reads " +
                                                  std::to_string(reads) + " channel(s), but its input has " +
                                                  std::to_string(channels));
        channels = writes;
    }
    return core::Ok{};
}

}  // namespace

io::Session toSession(const State& s) {
    io::Session out;
    out.image = s.image;
    if (!s.image) out.grid = s.compute.input();
    out.layers = s.compute.layers;
    out.shiftEnabled = s.compute.shift.enabled;
    out.shiftDx = s.compute.shift.dx;
    out.shiftDy = s.compute.shift.dy;
    // The view names the block by its conv when it has one (sessions tie the filter and
    // channel to a conv layer); a block without a conv shows its first channel again.
    const Block block = s.compute.block();
    out.shownLayer = block.conv >= 0 ? block.conv : s.compute.selected.layer;
    out.shownFilter = block.conv >= 0 ? s.compute.selected.filter : 0;
    out.shownChannel = block.conv >= 0 ? s.compute.selected.channel : 0;
    out.showNumbers = s.view.showNumbers;
    out.showGrid = s.view.showGrid;
    out.step = s.playback.step;
    out.playing = s.playback.playing;
    out.speed = s.playback.speed;
    out.wholeMap = s.playback.showWholeMap;
    return out;
}

core::Status applySession(const io::Session& session, State& s) {
    auto input = io::sessionInput(session);
    if (!input) return input.error();
    // The app keeps channel counts consistent as people edit; a file that breaks them is
    // refused rather than quietly reshaped. (Other geometry problems load and show as errors.)
    if (auto ok = checkChannels(input->channels, session.layers); !ok) return ok.error();
    State next = s;
    next.compute.setPicture(std::move(*input));
    next.image = session.image;
    next.compute.layers = session.layers;
    next.compute.selected = Selection{session.shownLayer, session.shownFilter, session.shownChannel};
    next.compute.shift = ShiftSettings{session.shiftEnabled, session.shiftDx, session.shiftDy};
    next.view.showNumbers = session.showNumbers;
    next.view.showGrid = session.showGrid;
    next.playback.step = session.step;
    next.playback.playing = session.playing;
    next.playback.speed = session.speed;
    next.playback.showWholeMap = session.wholeMap;
    next.pin = Cell{};
    next.hover = Cell{};
    s = std::move(next);
    return core::Ok{};
}

}  // namespace convscope::gui
