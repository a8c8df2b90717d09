#pragma once
// One frame, one way: update the pipeline from the state, sync the GPU, build the panels.
#include <string>

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

    State state = defaultState();
    double lastFrameMs = 0.0;

private:
    void handleKeys();

    Pipeline m_pipeline;
    MapRenderer m_renderer;
    MapViews m_maps;
};

}  // namespace convscope::gui
