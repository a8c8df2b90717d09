#include "map_views.hpp"

#include "../logic/stack_edit.hpp"

namespace convscope::gui {

void MapViews::initLegends(MapRenderer& renderer) {
    std::vector<float> ramp(64);
    for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<float>(i) / 63.0f;
    legendRamp.upload(renderer, ramp.data(), 1, 64);
}

void MapViews::sync(MapRenderer& renderer, const PipelineResult& r, const Reveal& reveal) {
    if (!r.hasConv) return;
    m_reveal = reveal;
    if (r.generation == m_generation) return;
    m_generation = r.generation;
    // Scales come from the unpadded input and the whole maps, so they do not jump while
    // cells are revealed one by one.
    const Selection& shown = r.convInputs.selected;  // the filter and channel on screen
    const bool filterChanged = shown.filter != m_filter;
    m_filter = shown.filter;
    if (r.paddedVersion != m_paddedVersion) {  // also bumps when another channel is shown
        const core::Tensor& in = r.stageInput();
        inputScale = ColorScale::fit(in.plane(r.inputChannel()), in.planeSize());
        input.upload(renderer, r.padded().plane(r.inputChannel()), r.padded().height, r.padded().width);
        m_paddedVersion = r.paddedVersion;
    }
    if (const core::Conv2d* layer = r.convInputs.conv()) {
        const core::Weights& k = layer->weights;
        const std::size_t kernelCells = static_cast<std::size_t>(k.height) * static_cast<std::size_t>(k.width);
        const float* slice = kernelSlice(k, shown.filter, shown.channel);
        kernelScale = ColorScale::fit(slice, kernelCells);
        kernel.upload(renderer, slice, k.height, k.width);
    }
    if (r.convVersion != m_convVersion || filterChanged) {
        convScale = ColorScale::fit(r.activated().plane(shown.filter), r.activated().planeSize());
        conv.upload(renderer, r.activated().plane(shown.filter), r.activated().height, r.activated().width);
        m_convVersion = r.convVersion;
    }
    if (r.hasPool && (r.poolVersion != m_poolVersion || filterChanged)) {
        poolScale = ColorScale::fit(r.pool().values.plane(shown.filter), r.pool().values.planeSize());
        pool.upload(renderer, r.pool().values.plane(shown.filter), r.pool().values.height, r.pool().values.width);
        m_poolVersion = r.poolVersion;
    }
    if (r.hasShift) {
        // Drawn with the unshifted maps' scales, so equal values look equal.
        shiftedConv.upload(renderer, r.shiftedConv().plane(shown.filter), r.shiftedConv().height, r.shiftedConv().width);
        shiftedPool.upload(renderer, r.shiftedPool().plane(shown.filter), r.shiftedPool().height, r.shiftedPool().width);
    }
}

}  // namespace convscope::gui
