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
    MapTexture shiftedConv, shiftedPool;  // the shift comparison
    CanvasView shiftedConvView, shiftedPoolView;
    ColorScale inputScale, kernelScale, convScale, poolScale;
    CanvasView inputView, kernelView, convView, poolView;
    MapTexture legendDiverging, legendGrey;
    // Where each view's canvas was drawn this frame (screen pixels), for "export as shown".
    struct ScreenRect {
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    };
    ScreenRect inputRect, convRect, poolRect;  // ramps drawn by the same shader, for the legends

    void initLegends(MapRenderer& renderer);
    // Uploads whatever changed since the last call.
    void sync(MapRenderer& renderer, const PipelineResult& result, const Reveal& reveal);
    const Reveal& shownReveal() const { return m_reveal; }  // what the textures hold

private:
    std::uint64_t m_generation = ~std::uint64_t{0};
    std::uint64_t m_paddedVersion = ~std::uint64_t{0};
    Reveal m_reveal{-2, -2};
};

}  // namespace convscope::gui
