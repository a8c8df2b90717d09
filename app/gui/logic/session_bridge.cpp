#include "session_bridge.hpp"

namespace convscope::gui {

io::Session toSession(const State& s) {
    io::Session out;
    out.image = s.image;
    if (!s.image) out.grid = s.compute.input;
    const ConvSettings& c = s.compute.conv;
    out.weights = c.weights;
    out.bias = c.bias;
    out.strideH = c.strideH;
    out.strideW = c.strideW;
    out.padding = c.padding;
    out.dilationH = c.dilationH;
    out.dilationW = c.dilationW;
    out.paddingMode = c.mode;
    out.poolEnabled = s.compute.pool.enabled;
    out.pool = s.compute.pool.params;
    out.shiftEnabled = s.compute.shift.enabled;
    out.shiftDx = s.compute.shift.dx;
    out.shiftDy = s.compute.shift.dy;
    out.showNumbers = s.view.showNumbers;
    out.showGrid = s.view.showGrid;
    out.uiScale = s.view.uiScale;
    out.lightTheme = s.view.lightTheme;
    out.step = s.playback.step;
    out.playing = s.playback.playing;
    out.speed = s.playback.speed;
    out.wholeMap = s.playback.showWholeMap;
    out.language = s.language;
    out.browseFolder = s.browseFolder;
    out.recentFiles = s.recentFiles;
    return out;
}

core::Status applySession(const io::Session& session, State& s) {
    auto input = io::sessionInput(session);
    if (!input) return input.error();
    State next = s;
    next.compute.input = std::move(*input);
    next.image = session.image;
    ConvSettings& c = next.compute.conv;
    c.weights = session.weights;
    c.bias = session.bias;
    c.strideH = session.strideH;
    c.strideW = session.strideW;
    c.padding = session.padding;
    c.dilationH = session.dilationH;
    c.dilationW = session.dilationW;
    c.mode = session.paddingMode;
    next.compute.pool.enabled = session.poolEnabled;
    next.compute.pool.params = session.pool;
    next.compute.shift = ShiftSettings{session.shiftEnabled, session.shiftDx, session.shiftDy};
    next.view.showNumbers = session.showNumbers;
    next.view.showGrid = session.showGrid;
    next.view.uiScale = session.uiScale;
    next.view.lightTheme = session.lightTheme;
    next.playback.step = session.step;
    next.playback.playing = session.playing;
    next.playback.speed = session.speed;
    next.playback.showWholeMap = session.wholeMap;
    next.language = session.language;
    next.browseFolder = session.browseFolder;
    next.recentFiles = session.recentFiles;
    next.pin = Cell{};
    next.hover = Cell{};
    s = std::move(next);
    return core::Ok{};
}

}  // namespace convscope::gui
