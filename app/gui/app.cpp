#include "app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "logic/focus.hpp"
#include "logic/playback.hpp"
#include "panels/panels.hpp"

namespace convscope::gui {

bool App::init(std::string& error) {
    if (!m_renderer.init(error)) return false;
    m_maps.initLegends(m_renderer);
    return true;
}

void App::handleKeys() {
    std::vector<int> keys;
    keys.swap(m_keys);
    if (ImGui::GetIO().WantTextInput) return;  // typing a value: keys belong to the field
    PlaybackState& p = state.playback;
    const PipelineResult& r = m_pipeline.result();
    for (int key : keys) {
        switch (key) {
            case GLFW_KEY_SPACE: p.playing = !p.playing; break;
            case GLFW_KEY_RIGHT:
                p.playing = false;
                stepBy(p, r, 1);
                break;
            case GLFW_KEY_LEFT:
                p.playing = false;
                stepBy(p, r, -1);
                break;
            case GLFW_KEY_HOME: stepBy(p, r, -totalSteps(r)); break;
            case GLFW_KEY_END: stepBy(p, r, totalSteps(r)); break;
            case GLFW_KEY_ESCAPE: state.pin = Cell{}; break;
            default: break;
        }
    }
}

void App::frame(double dt) {
    handleKeys();
    m_pipeline.update(state.compute);
    const PipelineResult& r = m_pipeline.result();
    clampStep(state.playback, r);
    advance(state.playback, r, dt);

    m_maps.sync(m_renderer, r, revealAt(state.playback, r));

    const Focus focus = computeFocus(state, r);
    state.hover = Cell{};  // the views set it again if the pointer is over a cell
    const Layout layout = computeLayout(ImGui::GetIO().DisplaySize);
    drawControlsPanel(layout, state, r);
    drawViewsPanel(layout, state, r, focus, m_maps);
    drawComputationPanel(layout, state, r, focus);
    drawFormulaPanel(layout, state, r);

    if (state.view.showFrameStats) {
        ImGui::SetNextWindowPos({layout.viewsPos.x + layout.viewsSize.x - 230, 8});
        ImGui::SetNextWindowBgAlpha(0.75f);
        ImGui::Begin("##stats", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs);
        ImGui::Text("frame %.1f ms, compute %.2f ms", lastFrameMs, r.computeMs);
        ImGui::Text("input %d×%d", state.compute.input.height, state.compute.input.width);
        ImGui::End();
    }
}

}  // namespace convscope::gui
