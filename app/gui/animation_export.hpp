#pragma once
// Runs an Export animation over the app's own frames: for each playback position of the
// selected stage the app renders the window as usual, and after rendering the region (the
// views or the whole window) is read back from the back buffer and handed to the writer. The
// same path serves the dialog and `convscope --export-animation`, so the frames are exactly
// what --screenshot renders at those positions.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "logic/animation.hpp"
#include "logic/pipeline.hpp"
#include "logic/state.hpp"

namespace convscope::gui {

class AnimationExport {
public:
    // Frames rendered before the first capture, as a screenshot run renders a few: ImGui
    // settles its windows' sizes over the first frames.
    static constexpr int kWarmupFrames = 3;
    // Frames rendered at each position, the last captured: a window's scrollbar follows the
    // previous frame's content, so a position's first frame can still show the last one's.
    static constexpr int kFramesPerPosition = 2;

    struct Outcome {
        core::Status status = core::Ok{};
        bool cancelled = false;
        std::int64_t frames = 0;
        std::string path;
    };

    void start(const AnimationRequest& request, const State& state);
    bool running() const { return m_running; }
    const AnimationRequest& request() const { return m_request; }
    void cancel() { m_cancel = true; }
    std::int64_t done() const { return m_index; }
    std::int64_t total() const { return m_range.count; }

    // Before the panels are built, with the pipeline's result finished: the playback goes to
    // the position being recorded (paused). Ends the export when it was cancelled or there is
    // nothing to record; the person's playback is then put back.
    void beforeFrame(State& state, const PipelineResult& result);
    // After rendering: every kFramesPerPosition-th frame, reads back the region (framebuffer
    // pixels, top-left origin) and writes it; ends the export after the last position.
    void afterRender(State& state, int x, int y, int width, int height, int framebufferHeight);

    // The outcome of the export that ended, once.
    std::optional<Outcome> takeOutcome();

private:
    void finish(State& state, core::Status status, bool cancelled = false);

    AnimationRequest m_request;
    PlaybackState m_saved;
    std::unique_ptr<AnimationWriter> m_writer;
    PositionRange m_range;
    bool m_rangeKnown = false;
    std::int64_t m_index = 0;
    int m_warmup = 0;
    int m_framesAtPosition = 0;
    bool m_running = false;
    bool m_cancel = false;
    std::optional<Outcome> m_outcome;
};

}  // namespace convscope::gui
