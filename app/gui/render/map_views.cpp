#include "map_views.hpp"

#include "../logic/stack_edit.hpp"

namespace convscope::gui {

void MapViews::initLegends(MapRenderer& renderer) {
    std::vector<float> ramp(64);
    for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<float>(i) / 63.0f;
    legendGrey.upload(renderer, ramp.data(), 1, 64, -1, ColorScale{0.0f, 1.0f, false});
    legendDiverging.upload(renderer, ramp.data(), 1, 64, -1, ColorScale{0.0f, 1.0f, true});
}

void MapViews::sync(MapRenderer& renderer, const PipelineResult& r, const Reveal& reveal) {
    if (!r.hasConv) return;
    const bool numbersChanged = r.generation != m_generation;
    if (numbersChanged) {
        // Scales come from the unpadded input and the whole maps, so they do not jump while
        // cells are revealed one by one.
        const Selection& shown = r.convInputs.selected;  // the filter and channel on screen
        if (r.paddedVersion != m_paddedVersion) {
            const core::Tensor& in = r.stageInput;
            inputScale = ColorScale::fit(in.plane(shown.channel), in.planeSize());
            input.upload(renderer, r.padded.plane(shown.channel), r.padded.height, r.padded.width, -1, inputScale);
            m_paddedVersion = r.paddedVersion;
        }
        const core::Weights& k = r.convInputs.stage().conv.weights;
        const std::size_t kernelCells = static_cast<std::size_t>(k.height) * static_cast<std::size_t>(k.width);
        const float* slice = kernelSlice(k, shown.filter, shown.channel);
        kernelScale = ColorScale::fit(slice, kernelCells);
        kernel.upload(renderer, slice, k.height, k.width, -1, kernelScale);
        convScale = ColorScale::fit(r.activated.plane(shown.filter), r.activated.planeSize());
        if (r.hasPool) poolScale = ColorScale::fit(r.pool.values.plane(shown.filter), r.pool.values.planeSize());
    }
    if (numbersChanged && r.hasShift) {
        // Same colour scales as the unshifted maps, so equal values look equal.
        const int f = r.convInputs.selected.filter;
        shiftedConv.upload(renderer, r.shiftedConv.plane(f), r.shiftedConv.height, r.shiftedConv.width, -1, convScale);
        shiftedPool.upload(renderer, r.shiftedPool.plane(f), r.shiftedPool.height, r.shiftedPool.width, -1, poolScale);
    }
    if (numbersChanged)
        conv.upload(renderer, r.activated.plane(r.convInputs.selected.filter), r.activated.height, r.activated.width,
                    reveal.conv, convScale);
    else if (reveal.conv != m_reveal.conv)
        conv.recolour(renderer, reveal.conv, convScale);
    if (r.hasPool && numbersChanged)
        pool.upload(renderer, r.pool.values.plane(r.convInputs.selected.filter), r.pool.values.height,
                    r.pool.values.width, reveal.pool, poolScale);
    else if (r.hasPool && reveal.pool != m_reveal.pool)
        pool.recolour(renderer, reveal.pool, poolScale);
    m_generation = r.generation;
    m_reveal = reveal;
}

}  // namespace convscope::gui
