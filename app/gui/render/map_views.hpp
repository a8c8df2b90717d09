#pragma once
// The GPU side of the four views: one value texture each, uploaded only when what it shows
// changes (a kernel edit leaves the padded input alone, a pooling edit leaves the conv map
// alone; another filter or channel is a change), plus each view's colour scale, zoom and pan.
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
    MapTexture legendRamp;  // 0…1, drawn with either scale for the legends
    // Where each view's canvas was drawn this frame (screen pixels), for "export as shown".
    struct ScreenRect {
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    };
    ScreenRect inputRect, convRect, poolRect;

    void initLegends(MapRenderer& renderer);
    // Uploads whatever changed since the last call; `reveal` is what the views show this frame.
    void sync(MapRenderer& renderer, const PipelineResult& result, const Reveal& reveal);
    const Reveal& shownReveal() const { return m_reveal; }

private:
    std::uint64_t m_generation = ~std::uint64_t{0};
    std::uint64_t m_paddedVersion = ~std::uint64_t{0};
    std::uint64_t m_convVersion = ~std::uint64_t{0};
    std::uint64_t m_poolVersion = ~std::uint64_t{0};
    int m_filter = -1;  // the conv/pool plane the textures hold
    Reveal m_reveal{-2, -2};
};

}  // namespace convscope::gui
