#include "animation_export.hpp"

#include "gl/readback.hpp"
#include "logic/playback.hpp"

namespace convscope::gui {

void AnimationExport::start(const AnimationRequest& request, const State& state) {
    *this = AnimationExport{};
    m_request = request;
    m_saved = state.playback;
    m_warmup = kWarmupFrames;
    m_running = true;
}

void AnimationExport::beforeFrame(State& state, const PipelineResult& result) {
    if (!m_running) return;
    if (m_cancel) return finish(state, core::Ok{}, true);
    if (!m_rangeKnown) {
        m_range = positionsToExport(m_request.options, totalSteps(result));
        m_rangeKnown = true;
        if (m_range.count == 0)
            return finish(state, core::makeError("positions", "there is no playback position to export in that range"));
    }
    state.playback.playing = false;
    state.playback.accumulator = 0.0;
    state.playback.step = m_range.first + m_index;
}

void AnimationExport::afterRender(State& state, int x, int y, int width, int height, int framebufferHeight) {
    if (!m_running || !m_rangeKnown) return;
    if (m_warmup > 0) {
        --m_warmup;
        return;
    }
    if (++m_framesAtPosition < kFramesPerPosition) return;
    m_framesAtPosition = 0;
    if (!m_writer) {  // the region's size is known once a frame has been laid out
        auto writer = openAnimationWriter(m_request.path, width, height, m_request.options.fps, m_range.count);
        if (!writer) return finish(state, writer.error());
        m_writer = std::move(*writer);
    }
    if (auto added = m_writer->addFrame(readPixels(x, y, width, height, framebufferHeight)); !added)
        return finish(state, added.error());
    if (++m_index < m_range.count) return;
    finish(state, m_writer->commit());
}

void AnimationExport::finish(State& state, core::Status status, bool cancelled) {
    if (m_writer && (cancelled || !status)) m_writer->abort();
    m_writer.reset();
    state.playback = m_saved;
    m_running = false;
    m_outcome = Outcome{std::move(status), cancelled, m_index, m_request.path};
}

std::optional<AnimationExport::Outcome> AnimationExport::takeOutcome() {
    auto outcome = std::move(m_outcome);
    m_outcome.reset();
    return outcome;
}

}  // namespace convscope::gui
