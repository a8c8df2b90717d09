#pragma once
// The GPU side of the four views: one colour-mapped texture each, re-rendered only when the
// numbers or the revealed count change, plus each view's zoom and pan.
#include <cstdint>
#include <vector>

#include "../logic/pipeline.hpp"
#include "../logic/playback.hpp"
#include "canvas.hpp"
#include "map_texture.hpp"

namespace convscope::gui {

struct MapViews {
    MapTexture input, kernel, conv, pool;
    ColorScale inputScale, kernelScale, convScale, poolScale;
    CanvasView inputView, kernelView, convView, poolView;
    MapTexture legendDiverging, legendGrey;  // ramps drawn by the same shader, for the legends

    void initLegends(MapRenderer& renderer);
    // Uploads whatever changed since the last call.
    void sync(MapRenderer& renderer, const PipelineResult& result, const Reveal& reveal);

private:
    std::uint64_t m_generation = ~std::uint64_t{0};
    Reveal m_reveal{-2, -2};
};

}  // namespace convscope::gui
