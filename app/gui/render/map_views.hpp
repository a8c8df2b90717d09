#pragma once
// The GPU side of the views: one slot per map (view_slots.hpp) with its value texture, colour
// scale, zoom and pan. A slot's texture is uploaded only when what it shows changes (a kernel
// edit leaves the padded input alone, a pooling edit leaves the conv map alone; another filter
// or channel is a change). Slots live as long as the app, so a view keeps its zoom when the
// selected block changes and comes back.
#include <cstdint>
#include <vector>

#include "../logic/backward_walk.hpp"
#include "../logic/pipeline.hpp"
#include "../logic/playback.hpp"
#include "../logic/reference_diff.hpp"
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
// The difference view's plane: |convscope − reference| or the ULP distance of `channel`.
MapSource diffSource(const ReferenceComparison& comparison, int channel, bool inUlps);

// The gradient map a Grad… view shows (null without one): see gradientMap in map_views.cpp.
const core::Tensor* gradientMap(View view, const PipelineResult& result);

struct MapViews {
    MapTexture shiftedConv, shiftedPool;  // the shift comparison
    CanvasView shiftedConvView, shiftedPoolView;
    MapTexture legendRamp;  // 0…1, drawn with either scale for the legends

    // The slot of `view`, made on first use.
    MapSlot& slot(View view);

    void initLegends(MapRenderer& renderer);
    // Uploads whatever changed since the last call; `reveal` is what the views show this frame.
    // `difference`: the difference view's plane (diffSource), or nothing.
    void sync(MapRenderer& renderer, const PipelineResult& result, const Reveal& reveal, const MapSource& difference);
    const Reveal& shownReveal() const { return m_reveal; }
    // Every view shows the maps of the result last synced (large maps go up over a few frames).
    bool upToDate() const { return !m_pending; }
    static constexpr std::size_t kUploadCellsPerFrame = std::size_t{20} << 20;
    // A transposed block's output while the scatter plays: the partial sums the view shows
    // (shownReveal().stamps ≥ 0), one output channel.
    core::Tensor scatterSums;

    // The backward playback's partial map (backward_walk.hpp: the input gradient's stamps or
    // the pooling's so far), drawn in place of its view's full map while the walk plays.
    // Recomputed and uploaded only when the step, the walk or the numbers change.
    void syncPartial(MapRenderer& renderer, const PipelineResult& result, const PlaybackState& playback);
    const std::vector<float>& partialValues() const { return m_partial; }
    const MapTexture& partialTexture() const { return m_partialTexture; }
    // The view the partial map stands in for this frame (View::None: none).
    View partialView() const { return m_partialView; }

private:
    void syncTransposed(MapRenderer& renderer, const PipelineResult& r, const Reveal& reveal);
    std::int64_t m_stamps = -2;
    std::vector<MapSlot> m_slots;
    std::uint64_t m_generation = ~std::uint64_t{0};
    bool m_pending = false;  // maps of m_generation's successor still to upload
    Reveal m_reveal{-2, -2};
    std::vector<float> m_partial;
    MapTexture m_partialTexture;
    View m_partialView = View::None;
    struct PartialKey {
        std::uint64_t generation = ~std::uint64_t{0};
        BackwardWalk walk = BackwardWalk::WeightGradient;
        std::int64_t step = -1;
        bool operator==(const PartialKey&) const = default;
    } m_partialKey;
};

}  // namespace convscope::gui
