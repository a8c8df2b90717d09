#include "map_views.hpp"

#include <algorithm>

#include "../logic/stack_edit.hpp"
#include "../logic/transposed_walk.hpp"

namespace convscope::gui {

namespace {

// A version that also changes with the plane shown (another filter is other values).
std::uint64_t planeVersion(std::uint64_t mapVersion, int plane) {
    return (mapVersion << 20) ^ static_cast<std::uint64_t>(plane);
}

}  // namespace

const core::Tensor* gradientMap(View view, const PipelineResult& r) {
    if (!r.hasGrads || !r.hasConv) return nullptr;
    const Block& b = r.block;
    const auto& layers = r.grads.layers;
    if (b.last >= static_cast<int>(layers.size())) return nullptr;
    switch (view) {
        case View::GradInput: return &layers[static_cast<std::size_t>(b.first)].input;
        case View::GradConv:
            // The gradient arriving at the conv's output (before its activation), the one its
            // weight gradient pairs with the input; without a conv, at the block's input.
            return b.conv >= 0 ? &r.grads.atOutput(b.conv) : &layers[static_cast<std::size_t>(b.first)].input;
        case View::GradPool: return b.pool >= 0 ? &r.grads.atOutput(b.pool) : nullptr;
        default: return nullptr;
    }
}

MapSource mapSource(View view, const PipelineResult& r) {
    if (!r.hasConv) return {};
    const int filter = r.convInputs.selected.filter;
    switch (view) {
        case View::Input: {  // the block's input, drawn inside its padding (GridFrame)
            const core::Tensor& in = r.stageInput();
            const float* plane = in.plane(r.inputChannel());
            return {plane, in.height,      in.width,
                    plane, in.planeSize(), r.inputVersion};  // also bumps for another channel
        }
        case View::Kernel: {
            const core::Conv2d* conv = r.convInputs.conv();
            const core::ConvTranspose2d* convT = transposedLayer(r);
            if (!conv && !convT) return {};
            const core::Weights& k = conv ? conv->weights : convT->weights;
            const TransposedSlice t = transposedSlice(r);  // (C, OC/groups, KH, KW): slice (c, o)
            const float* slice =
                conv ? kernelSlice(k, filter, r.convInputs.selected.channel) : kernelSlice(k, t.inChannel, t.o);
            const std::size_t cells = static_cast<std::size_t>(k.height) * static_cast<std::size_t>(k.width);
            return {slice, k.height, k.width, slice, cells, r.generation};  // a few cells: sent on every change
        }
        case View::Conv: {
            const core::Tensor& map = r.activated();
            return {map.plane(filter), map.height,      map.width,
                    map.plane(filter), map.planeSize(), planeVersion(r.convVersion, filter)};
        }
        case View::Transposed: {
            const core::Tensor& map = transposedOutput(r);
            if (map.empty()) return {};
            const int plane = transposedSlice(r).outChannel;
            // Any edit may change it (its layer's weights leave convVersion alone).
            return {map.plane(plane), map.height,      map.width,
                    map.plane(plane), map.planeSize(), planeVersion(r.generation, plane)};
        }
        case View::Pool: {
            if (!r.hasPool) return {};
            const core::Tensor& map = r.pool().values;
            return {map.plane(filter), map.height,      map.width,
                    map.plane(filter), map.planeSize(), planeVersion(r.poolVersion, filter)};
        }
        case View::GradKernel: {
            if (!r.hasGrads || r.block.conv < 0) return {};
            const core::Weights& k = r.grads.layers[static_cast<std::size_t>(r.block.conv)].weight;
            const float* slice = kernelSlice(k, filter, r.convInputs.selected.channel);
            const std::size_t cells = static_cast<std::size_t>(k.height) * static_cast<std::size_t>(k.width);
            return {slice, k.height, k.width, slice, cells, r.generation};
        }
        case View::GradInput:
        case View::GradConv:
        case View::GradPool: {
            const core::Tensor* map = gradientMap(view, r);
            if (!map || map->empty()) return {};
            const int plane = view == View::GradInput ? r.inputChannel() : std::min(filter, map->channels - 1);
            return {map->plane(plane), map->height,      map->width,
                    map->plane(plane), map->planeSize(), planeVersion(r.gradVersion, plane)};
        }
        case View::Diff:  // from the reference comparison: diffSource
        case View::None: break;
    }
    return {};
}

MapSource diffSource(const ReferenceComparison& c, int channel, bool inUlps) {
    if (!c.active || !c.report) return {};
    const core::Tensor& map = inUlps ? c.report->ulps : c.report->absDiff;
    const int plane = std::clamp(channel, 0, map.channels - 1);
    return {map.plane(plane), map.height,      map.width,
            map.plane(plane), map.planeSize(), planeVersion(c.version, plane * 2 + (inUlps ? 1 : 0))};
}

MapSlot& MapViews::slot(View view) {
    for (MapSlot& s : m_slots)
        if (s.view == view) return s;
    m_slots.emplace_back().view = view;
    return m_slots.back();
}

void MapViews::initLegends(MapRenderer& renderer) {
    std::vector<float> ramp(64);
    for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<float>(i) / 63.0f;
    legendRamp.upload(renderer, ramp.data(), 1, 64);
}

void MapViews::sync(MapRenderer& renderer, const PipelineResult& r, const Reveal& reveal, const MapSource& difference) {
    for (MapSlot& s : m_slots) s.rect = {};  // the views panel sets the rects of the slots it draws
    if (!r.hasConv) return;
    m_reveal = reveal;
    if (difference.values) {  // its own version: a new tolerance changes it, not the result
        MapSlot& s = slot(View::Diff);
        if (difference.version != s.version) {
            s.scale = ColorScale::fit(difference.scaleValues, difference.scaleCount);
            s.texture.upload(renderer, difference.values, difference.height, difference.width);
            s.version = difference.version;
        }
    }
    syncTransposed(renderer, r, reveal);
    // A view zoomed in since its map went up without level 0: the map is still the result's
    // (same version), so its values are there to upload.
    for (MapSlot& s : m_slots) {
        if (!s.texture.level0Missing()) continue;
        const MapSource source = mapSource(s.view, r);
        if (source.values && source.version == s.version) s.texture.uploadLevel0(source.values);
    }
    if (r.generation == m_generation) return;
    // A frame uploads maps up to kUploadCellsPerFrame (at least one): a new 4096² picture, its
    // conv map and its pooled map would otherwise all go up in one frame (~45 ms in llvmpipe);
    // the rest follow in the next frames, each view showing its previous map until then.
    std::size_t uploaded = 0;
    bool pending = false;
    for (View view : {View::Input, View::Kernel, View::Conv, View::Pool, View::GradInput, View::GradKernel,
                      View::GradConv, View::GradPool}) {
        const MapSource source = mapSource(view, r);
        if (!source.values) continue;
        MapSlot& s = slot(view);
        if (source.version == s.version) continue;
        const std::size_t cells = static_cast<std::size_t>(source.height) * static_cast<std::size_t>(source.width);
        if (uploaded > 0 && uploaded + cells > kUploadCellsPerFrame) {
            pending = true;
            continue;
        }
        uploaded += cells;
        // Scales come from whole maps (and the unpadded input), so they do not jump while
        // cells are revealed one by one. The upload reads a map's range on the way.
        s.texture.upload(renderer, source.values, source.height, source.width, MapTexture::Level0::IfDrawn);
        s.scale = source.scaleValues == source.values ? ColorScale::fit(s.texture.range())
                                                      : ColorScale::fit(source.scaleValues, source.scaleCount);
        if (view >= View::GradInput) s.scale = signedScale(s.scale);  // a gradient's sign is its meaning
        s.version = source.version;
    }
    m_pending = pending;
    if (pending) return;
    m_generation = r.generation;
    if (r.hasShift) {
        // Drawn with the unshifted maps' scales, so equal values look equal.
        const int filter = r.convInputs.selected.filter;
        shiftedConv.upload(renderer, r.shiftedConv().plane(filter), r.shiftedConv().height, r.shiftedConv().width);
        shiftedPool.upload(renderer, r.shiftedPool().plane(filter), r.shiftedPool().height, r.shiftedPool().width);
    }
}

void MapViews::syncPartial(MapRenderer& renderer, const PipelineResult& r, const PlaybackState& p) {
    const BackwardWalk walk = walkOf(p, r);
    const bool shown = walksBackward(r) && walk != BackwardWalk::WeightGradient && !p.showWholeMap;
    m_partialView = shown ? builtView(walk) : View::None;
    if (!shown) return;
    const PartialKey key{r.generation, walk, p.step};
    if (key == m_partialKey) return;
    m_partialKey = key;
    partialGradient(r, walk, p.step, m_partial);
    const MapSource full = mapSource(m_partialView, r);
    if (m_partial.empty() || m_partial.size() != static_cast<std::size_t>(full.height) * full.width) {
        m_partialView = View::None;
        return;
    }
    m_partialTexture.upload(renderer, m_partial.data(), full.height, full.width);
}

void MapViews::syncTransposed(MapRenderer& renderer, const PipelineResult& r, const Reveal& reveal) {
    const MapSource full = mapSource(View::Transposed, r);
    if (!full.values) return;
    MapSlot& s = slot(View::Transposed);
    const bool fresh = full.version != s.version;
    // The colours of the whole output, so that the partial sums grow into them.
    if (fresh) s.scale = ColorScale::fit(full.scaleValues, full.scaleCount);
    if (reveal.stamps >= 0) {
        if (fresh || reveal.stamps != m_stamps) {
            scatterPartialSums(r, reveal.stamps, scatterSums);
            s.texture.upload(renderer, scatterSums.data.data(), scatterSums.height, scatterSums.width);
        }
    } else if (fresh || m_stamps >= 0) {
        s.texture.upload(renderer, full.values, full.height, full.width);
    }
    s.version = full.version;
    m_stamps = reveal.stamps;
}

}  // namespace convscope::gui
