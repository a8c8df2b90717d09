#include "convscope/core/stack.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

#include "convscope/core/errors.hpp"

namespace convscope::core {

Error inLayer(int index, Error e) {
    e.message = "layer " + std::to_string(index + 1) + ": " + e.message;
    return e;
}

Error StackPlan::namedError() const {
    return sizeOk ? inLayer(failed, error) : error;
}

StackPlan planStack(const Shape& input, const std::vector<Layer>& layers) {
    StackPlan stack;
    stack.input = input;
    if (layers.empty() || layers.size() > static_cast<std::size_t>(kMaxLayers)) {
        stack.failed = 0;
        stack.sizeOk = false;
        stack.error = engineError(ErrorId::StackSize, "layers",
                                  {{"max", std::to_string(kMaxLayers)}, {"count", std::to_string(layers.size())}});
        return stack;
    }
    Shape shape = input;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        auto plan = planLayer(layers[i], shape);
        if (!plan) {
            stack.failed = static_cast<int>(i);
            stack.error = plan.error();
            return stack;
        }
        shape = plan->out;
        stack.plans.push_back(*plan);
    }
    return stack;
}

Status runStackInto(const Tensor& input, const std::vector<Layer>& layers, const StackPlan& plan,
                    std::vector<LayerOutput>& outputs, LayerWorkspace& workspace, int from, int to) {
    // Exactly one output per layer: after a layer is removed, a longer vector would keep the
    // removed layers' maps at its end. The remaining outputs keep their storage.
    outputs.resize(layers.size());
    std::vector<LayerOutput*> at(outputs.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) at[i] = &outputs[i];
    return runStackInto(input, layers, plan, at, workspace, from, to);
}

Status runStackInto(const Tensor& input, const std::vector<Layer>& layers, const StackPlan& plan,
                    const std::vector<LayerOutput*>& outputs, LayerWorkspace& workspace, int from, int to,
                    StackProgress* progress) {
    const int planned = static_cast<int>(plan.plans.size());
    if (to < 0 || to > planned) to = planned;
    std::optional<ReportProgressTo> report;
    if (progress) report.emplace(progress->tasks);
    for (int i = std::max(from, 0); i < to; ++i) {
        if (progress) {
            if (progress->tasks.cancelled.load(std::memory_order_relaxed)) return Ok{};
            progress->tasks.done.store(0, std::memory_order_relaxed);
            progress->tasks.total.store(0, std::memory_order_relaxed);
            progress->layer.store(i, std::memory_order_relaxed);
        }
        const Tensor& in = i == 0 ? input : outputs[static_cast<std::size_t>(i - 1)]->values;
        const auto index = static_cast<std::size_t>(i);
        if (auto s = runLayer(layers[index], plan.plans[index], in, *outputs[index], workspace); !s)
            return inLayer(i, s.error());
    }
    if (!plan.ok() && to == planned) return plan.namedError();
    return Ok{};
}

Result<std::vector<LayerOutput>> runStack(const Tensor& input, const std::vector<Layer>& layers) {
    const StackPlan plan = planStack(shapeOf(input), layers);
    if (!plan.ok()) return plan.namedError();
    std::vector<LayerOutput> outputs;
    LayerWorkspace workspace;
    if (auto s = runStackInto(input, layers, plan, outputs, workspace); !s) return s.error();
    return outputs;
}

LayerCost totalCost(const StackPlan& plan) {
    LayerCost total;
    for (const LayerPlan& p : plan.plans) {
        total.parameters += p.cost.parameters;
        total.multiplyAdds += p.cost.multiplyAdds;
    }
    return total;
}

// ---- Receptive fields -------------------------------------------------------------------

std::vector<LayerWindows> stackWindows(const StackPlan& plan) {
    std::vector<LayerWindows> windows;
    for (const LayerPlan& p : plan.plans) windows.push_back(p.windows);
    return windows;
}

namespace {

FieldAxis nextField(const FieldAxis& f, const AxisWindow& w) {
    // A transposed layer's window slides over its input with zeros inserted: one step of it is
    // 1/upsample of an input cell, so the unit shrinks by upsample and the rest is a conv's rule.
    const std::int64_t u = w.upsample;
    FieldAxis next{f.size * u + (effectiveKernel(w.kernel, w.dilation) - 1) * f.jump, f.jump * w.stride,
                   f.start * u - w.padBefore * f.jump, f.scale * u};
    const std::int64_t g = std::gcd(std::gcd(next.size, next.jump), std::gcd(next.start, next.scale));
    if (g > 1) next = {next.size / g, next.jump / g, next.start / g, next.scale / g};
    return next;
}

// Marks every input cell that output cells `out` read along one axis.
std::vector<char> sourcesAlong(const AxisWindow& w, PaddingMode mode, const std::vector<char>& out) {
    std::vector<char> in(static_cast<std::size_t>(w.input), 0);
    for (std::size_t o = 0; o < out.size(); ++o) {
        if (!out[o]) continue;
        for (std::int64_t j = 0; j < w.kernel; ++j) {
            const std::int64_t src = windowSource(w, tapIndex(w, static_cast<std::int64_t>(o), j), mode);
            if (src >= 0) in[static_cast<std::size_t>(src)] = 1;
        }
    }
    return in;
}

// Marks every output cell that reads at least one of the input cells `in` along one axis.
std::vector<char> readersAlong(const AxisWindow& w, PaddingMode mode, const std::vector<char>& in) {
    std::vector<char> out(static_cast<std::size_t>(countWindows(w)), 0);
    for (std::size_t o = 0; o < out.size(); ++o)
        for (std::int64_t j = 0; j < w.kernel && !out[o]; ++j) {
            const std::int64_t src = windowSource(w, tapIndex(w, static_cast<std::int64_t>(o), j), mode);
            if (src >= 0 && in[static_cast<std::size_t>(src)]) out[o] = 1;
        }
    return out;
}

}  // namespace

FieldSpan FieldAxis::of(std::int64_t cell) const {
    auto floorDiv = [](std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
    const std::int64_t lo = start + cell * jump;
    return {-floorDiv(-lo, scale), floorDiv(lo + size - scale, scale)};
}

std::vector<FieldGeometry> receptiveFields(const std::vector<LayerWindows>& layers) {
    std::vector<FieldGeometry> fields{FieldGeometry{}};
    for (const LayerWindows& layer : layers) {
        const FieldGeometry& f = fields.back();
        fields.push_back({nextField(f.rows, layer.rows), nextField(f.cols, layer.cols)});
    }
    return fields;
}

std::vector<LevelSize> levelSizes(const std::vector<LayerWindows>& layers) {
    std::vector<LevelSize> sizes;
    if (layers.empty()) return sizes;
    sizes.push_back({layers.front().rows.input, layers.front().cols.input});
    for (const LayerWindows& layer : layers) sizes.push_back({countWindows(layer.rows), countWindows(layer.cols)});
    return sizes;
}

CellSets lineage(const std::vector<LayerWindows>& layers, int level, std::int64_t row, std::int64_t col) {
    const std::vector<LevelSize> sizes = levelSizes(layers);
    CellSets sets;
    for (const LevelSize& s : sizes) {
        sets.rows.emplace_back(static_cast<std::size_t>(s.height), 0);
        sets.cols.emplace_back(static_cast<std::size_t>(s.width), 0);
    }
    if (level < 0 || static_cast<std::size_t>(level) >= sizes.size()) return sets;
    const auto L = static_cast<std::size_t>(level);
    if (row < 0 || row >= sizes[L].height || col < 0 || col >= sizes[L].width) return sets;
    sets.rows[L][static_cast<std::size_t>(row)] = 1;
    sets.cols[L][static_cast<std::size_t>(col)] = 1;
    for (std::size_t l = L; l > 0; --l) {
        const LayerWindows& layer = layers[l - 1];
        sets.rows[l - 1] = sourcesAlong(layer.rows, layer.mode, sets.rows[l]);
        sets.cols[l - 1] = sourcesAlong(layer.cols, layer.mode, sets.cols[l]);
    }
    for (std::size_t l = L; l < layers.size(); ++l) {
        const LayerWindows& layer = layers[l];
        sets.rows[l + 1] = readersAlong(layer.rows, layer.mode, sets.rows[l]);
        sets.cols[l + 1] = readersAlong(layer.cols, layer.mode, sets.cols[l]);
    }
    return sets;
}

}  // namespace convscope::core
