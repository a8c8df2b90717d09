#include "map_views.hpp"

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
    if (r.paddedVersion != m_paddedVersion) {
        const core::Tensor& in = r.convInputs.input;
        inputScale = ColorScale::fit(in.data.data(), in.planeSize());
        input.upload(renderer, r.padded.plane(0), r.padded.height, r.padded.width);
        m_paddedVersion = r.paddedVersion;
    }
    const core::Weights& k = r.convInputs.conv.weights;
    const std::size_t kernelCells = static_cast<std::size_t>(k.height) * static_cast<std::size_t>(k.width);
    kernelScale = ColorScale::fit(k.data.data(), kernelCells);
    kernel.upload(renderer, k.data.data(), k.height, k.width);
    if (r.convVersion != m_convVersion) {
        convScale = ColorScale::fit(r.conv.plane(0), r.conv.planeSize());
        conv.upload(renderer, r.conv.plane(0), r.conv.height, r.conv.width);
        m_convVersion = r.convVersion;
    }
    if (r.hasPool && (r.poolConvVersion != m_poolConvVersion || !(r.poolParams == m_poolParams))) {
        poolScale = ColorScale::fit(r.pool.values.plane(0), r.pool.values.planeSize());
        pool.upload(renderer, r.pool.values.plane(0), r.pool.values.height, r.pool.values.width);
        m_poolConvVersion = r.poolConvVersion;
        m_poolParams = r.poolParams;
    }
    if (r.hasShift) {
        // Drawn with the unshifted maps' scales, so equal values look equal.
        shiftedConv.upload(renderer, r.shiftedConv.plane(0), r.shiftedConv.height, r.shiftedConv.width);
        shiftedPool.upload(renderer, r.shiftedPool.plane(0), r.shiftedPool.height, r.shiftedPool.width);
    }
}

}  // namespace convscope::gui
