#include "transposed_walk.hpp"

#include <algorithm>

namespace convscope::gui {

const core::ConvTranspose2d* transposedLayer(const PipelineResult& r) {
    const auto& layers = r.convInputs.layers;
    const int index = r.block.first;
    if (!r.hasConv || index < 0 || index >= static_cast<int>(layers.size()) || index >= r.validOutputs) return nullptr;
    return std::get_if<core::ConvTranspose2d>(&layers[static_cast<std::size_t>(index)]);
}

const core::Tensor& transposedOutput(const PipelineResult& r) {
    static const core::Tensor none;
    return transposedLayer(r) ? r.output(r.block.first).values : none;
}

TransposedSlice transposedSlice(const PipelineResult& r) {
    const core::ConvTranspose2d* layer = transposedLayer(r);
    if (!layer) return {};
    const core::Weights& k = layer->weights;  // (C, OC/groups, KH, KW)
    const int outChannels = std::max(1, transposedOutput(r).channels);
    const int perGroupIn = std::max(1, k.outChannels / std::max(layer->groups, 1));
    TransposedSlice s;
    s.outChannel = std::clamp(r.convInputs.selected.filter, 0, outChannels - 1);
    const int group = s.outChannel / std::max(k.inChannels, 1);
    s.inChannel = group * perGroupIn + std::clamp(r.convInputs.selected.channel, 0, perGroupIn - 1);
    s.o = s.outChannel % std::max(k.inChannels, 1);
    return s;
}

std::int64_t transposedSteps(const PipelineResult& r, TransposedMode mode) {
    if (!transposedLayer(r)) return 0;
    const core::Tensor& walked = mode == TransposedMode::Equivalent ? transposedOutput(r) : r.stageInput();
    return std::int64_t{walked.height} * walked.width;
}

TransposedCell transposedCellAt(const PipelineResult& r, TransposedMode mode, std::int64_t step) {
    const core::Tensor& walked = mode == TransposedMode::Equivalent ? transposedOutput(r) : r.stageInput();
    const int w = std::max(1, walked.width);
    return {static_cast<int>(step / w), static_cast<int>(step % w)};
}

std::vector<StampCell> stampOf(const core::ConvTranspose2d& layer, const core::Shape& out, int i, int j) {
    std::vector<StampCell> cells;
    const core::Weights& k = layer.weights;
    for (int m = 0; m < k.height; ++m)
        for (int n = 0; n < k.width; ++n) {
            const int y = i * layer.stride.h - layer.padding.h + m * layer.dilation.h;
            const int x = j * layer.stride.w - layer.padding.w + n * layer.dilation.w;
            if (y >= 0 && y < out.height && x >= 0 && x < out.width) cells.push_back({y, x, m, n});
        }
    return cells;
}

void scatterPartialSums(const PipelineResult& r, std::int64_t stamps, core::Tensor& out) {
    const core::ConvTranspose2d* layer = transposedLayer(r);
    if (!layer) {
        out = core::Tensor();
        return;
    }
    const core::Tensor& in = r.stageInput();
    const core::Tensor& full = transposedOutput(r);
    const TransposedSlice sl = transposedSlice(r);
    const float bias = layer->bias.empty() ? 0.0f : layer->bias[static_cast<std::size_t>(sl.outChannel)];
    if (out.channels != 1 || out.height != full.height || out.width != full.width)
        out = core::Tensor(1, full.height, full.width);
    std::fill(out.data.begin(), out.data.end(), bias);
    const core::Shape shape = core::shapeOf(full);
    const std::int64_t cells = std::min<std::int64_t>(stamps, std::int64_t{in.height} * in.width);
    for (std::int64_t cell = 0; cell < cells; ++cell) {
        const int i = static_cast<int>(cell / in.width), j = static_cast<int>(cell % in.width);
        const float v = in.at(sl.inChannel, i, j);
        for (const StampCell& s : stampOf(*layer, shape, i, j))
            out.at(0, s.row, s.col) += v * layer->weights.at(sl.inChannel, sl.o, s.m, s.n);
    }
}

void focusTransposed(const State& s, const PipelineResult& r, Focus& f) {
    const core::ConvTranspose2d* layer = transposedLayer(r);
    if (!layer) return;
    const core::Tensor& in = r.stageInput();
    const core::Tensor& out = transposedOutput(r);
    const auto inside = [](const core::Tensor& t, int row, int col) {
        return row >= 0 && col >= 0 && row < t.height && col < t.width;
    };
    const Cell active = s.hover.valid() ? s.hover : s.pin;
    if (active.valid() && active.view == View::Input && inside(in, active.row, active.col)) {
        f.inputCell = GridPos{active.row, active.col};
        f.stampSource = f.inputCell;
    } else if (active.valid() && active.view == View::Transposed && inside(out, active.row, active.col)) {
        f.transposedCell = GridPos{active.row, active.col};
    } else if (!active.valid() || active.view == View::Kernel) {
        const TransposedMode mode = s.transposed.mode;
        if (s.playback.step < transposedSteps(r, mode)) {
            const TransposedCell at = transposedCellAt(r, mode, s.playback.step);
            (mode == TransposedMode::Equivalent ? f.transposedCell : f.stampSource) = GridPos{at.row, at.col};
        }
    }
    if (f.stampSource)
        for (const StampCell& c : stampOf(*layer, core::shapeOf(out), f.stampSource->row, f.stampSource->col))
            f.stampCells.push_back({c.row, c.col});
    if (f.transposedCell) {
        auto t = core::traceConvTranspose(in, *layer, transposedSlice(r).outChannel, f.transposedCell->row,
                                          f.transposedCell->col);
        if (t) f.transposedTerms = std::move(t->terms);
    }
}

}  // namespace convscope::gui
