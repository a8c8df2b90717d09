// Transposed-conv rows (issue 13): conv_transpose2d 1→1 and 8→8 channels on 512² and 1024²,
// kernel 3 (padding 1, output_padding 1) and kernel 4 (padding 1), stride 2 — both double the
// size, as a decoder's upsampling does — on 1 and 2 threads. Names
// convt<C>to<OC>/<size>/k<K>/s2/t<N>/ours; bench/torch_conv_transpose.py times PyTorch's
// conv_transpose2d on the same shapes (warm, torch.set_num_threads(N)) under the same names
// with /torch, and scripts/bench prints the two side by side.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "convscope/core/layers/conv_transpose2d.hpp"
#include "convscope/core/parallel.hpp"

namespace core = convscope::core;

namespace {

struct ConvTransposeCase {
    int channels;
    int size;
    int kernel;
    int threads;
};

core::ConvTranspose2d layerFor(const ConvTransposeCase& k) {
    core::ConvTranspose2d layer;
    layer.weights = core::Weights(k.channels, k.channels, k.kernel, k.kernel);
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    for (float& w : layer.weights.data) w = dist(rng);
    layer.bias.assign(static_cast<std::size_t>(k.channels), 0.25f);
    layer.stride = {2, 2};
    layer.padding = {1, 1};
    layer.outputPadding = k.kernel == 3 ? core::Hw{1, 1} : core::Hw{0, 0};
    return layer;
}

void convTransposeOurs(benchmark::State& state, ConvTransposeCase k) {
    core::setThreadCount(k.threads);
    core::Tensor input(k.channels, k.size, k.size);
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    for (float& v : input.data) v = dist(rng);
    const core::ConvTranspose2d layer = layerFor(k);
    auto plan = core::planLayer(layer, core::shapeOf(input));
    if (!plan) {
        state.SkipWithError(plan.error().message.c_str());
        return;
    }
    core::LayerOutput out;
    core::LayerWorkspace workspace;
    (void)core::runLayer(layer, *plan, input, out, workspace);  // warm: buffers allocated and touched
    for (auto _ : state) {
        (void)core::runLayer(layer, *plan, input, out, workspace);
        benchmark::DoNotOptimize(out.values.data.data());
        benchmark::ClobberMemory();
    }
    state.counters["macs"] = static_cast<double>(plan->cost.multiplyAdds);
    state.counters["bytes"] = static_cast<double>((input.size() + out.values.size()) * sizeof(float));
}

}  // namespace

void registerConvTranspose() {
    for (int channels : {1, 8})
        for (int size : {512, 1024})
            for (int kernel : {3, 4})
                for (int threads : {1, 2}) {
                    const std::string name = "convt" + std::to_string(channels) + "to" + std::to_string(channels) +
                                             "/" + std::to_string(size) + "/k" + std::to_string(kernel) + "/s2/t" +
                                             std::to_string(threads) + "/ours";
                    benchmark::RegisterBenchmark(name.c_str(), convTransposeOurs,
                                                 ConvTransposeCase{channels, size, kernel, threads})
                        ->Unit(benchmark::kMillisecond)
                        ->UseRealTime()
                        ->MinTime(0.2);
                }
}
