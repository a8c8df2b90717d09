#pragma once
// The GPU side of the views: one slot per map (view_slots.hpp) with its value texture, colour
// scale, zoom and pan. A slot's texture is uploaded only when what it shows changes (a kernel
// edit leaves the padded input alone, a pooling edit leaves the conv map alone; another filter
// or channel is a change). Slots live as long as the app, so a view keeps its zoom when the
// selected block changes and comes back.
#include <cstdint>
#include <vector>

#include "../logic/pipeline.hpp"
#include "../logic/playback.hpp"
#include "canvas.hpp"
#include "map_texture.hpp"

namespace convscope::gui {

// Where a view's canvas was drawn this frame (screen pixels), for "export as shown".
struct ScreenRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct MapSlot {
    View view = View::None;
    MapTexture texture;
    ColorScale scale;
    CanvasView canvas;
    ScreenRect rect;                            // empty when the slot was not drawn this frame
    std::uint64_t version = ~std::uint64_t{0};  // of the values the texture holds
};

// The numbers a view shows, picked from a pipeline result: the plane on screen, the values its
// colour scale is fitted to (the unpadded input for the padded view, so padding never widens
// it), and a version that changes whenever the plane's values may have.
struct MapSource {
    const float* values = nullptr;
    int height = 0;
    int width = 0;
    const float* scaleValues = nullptr;
    std::size_t scaleCount = 0;
    std::uint64_t version = 0;
};
// Nothing (values == nullptr) when the result has no such map.
MapSource mapSource(View view, const PipelineResult& result);

struct MapViews {
    MapTexture shiftedConv, shiftedPool;  // the shift comparison
    CanvasView shiftedConvView, shiftedPoolView;
    MapTexture legendRamp;  // 0…1, drawn with either scale for the legends

    // The slot of `view`, made on first use.
    MapSlot& slot(View view);

    void initLegends(MapRenderer& renderer);
    // Uploads whatever changed since the last call; `reveal` is what the views show this frame.
    void sync(MapRenderer& renderer, const PipelineResult& result, const Reveal& reveal);
    const Reveal& shownReveal() const { return m_reveal; }

private:
    std::vector<MapSlot> m_slots;
    std::uint64_t m_generation = ~std::uint64_t{0};
    Reveal m_reveal{-2, -2};
};

}  // namespace convscope::gui
