#pragma once
// One frame, one way: update the pipeline from the state, sync the GPU, build the panels.
#include <string>
#include <vector>

#include "logic/pipeline.hpp"
#include "logic/playback.hpp"
#include "logic/state.hpp"
#include "render/map_texture.hpp"
#include "render/map_views.hpp"

namespace convscope::gui {

class App {
public:
    // GL resources; call with a current context. On failure `error` says why.
    bool init(std::string& error);
    void frame(double dt);  // between ImGui::NewFrame and ImGui::Render
    bool animating() const { return state.playback.playing && totalSteps(m_pipeline.result()) > 0; }
    const PipelineResult& result() const { return m_pipeline.result(); }

    // Keys pressed since the last frame, from GLFW's key callback: ImGui 1.86 samples key
    // state once a frame and misses a press and release that fall within one frame.
    void queueKey(int key) { m_keys.push_back(key); }

    State state = defaultState();
    double lastFrameMs = 0.0;

private:
    void handleKeys();

    std::vector<int> m_keys;
    Pipeline m_pipeline;
    MapRenderer m_renderer;
    MapViews m_maps;
};

}  // namespace convscope::gui
