#include "backward_bench.hpp"

#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "convscope/core/conv_backward.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/pool_backward.hpp"

namespace convscope::bench {

namespace {

namespace core = convscope::core;

core::Tensor randomTensor(int c, int h, int w, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    core::Tensor t(c, h, w);
    for (float& x : t.data) x = dist(rng);
    return t;
}

enum class Grad { Input, Weight };

// conv 1→1, k×k, stride 1, zero padding k/2 (PyTorch's Conv2d(1, 1, k, padding=k//2)): only
// the gradient the row names, as autograd's convolution_backward with one output_mask entry.
void convBackward(benchmark::State& state, int size, int k, Grad which, int threads) {
    core::setThreadCount(threads);
    const core::Tensor input = randomTensor(1, size, size, 1);
    core::Weights weights(1, 1, k, k);
    weights.data = randomTensor(1, k, k, 2).data;
    const core::Tensor gradOut = randomTensor(1, size, size, 3);
    core::ConvParams params;
    params.padding = {k / 2, k / 2, k / 2, k / 2};
    core::ConvBackwardWorkspace ws;
    core::Tensor gradInput;
    core::Weights gradWeight(1, 1, k, k);
    core::TransposedConv t;
    t.padTop = t.padLeft = k / 2;
    t.outHeight = t.outWidth = size;
    // What conv2dBackwardInto does for each gradient, timed apart.
    auto run = [&] {
        if (which == Grad::Input) {
            core::convTranspose2dInto(gradOut, weights, t, gradInput, ws);
        } else {
            core::padInto(input, params.padding, params.mode, ws.padded);
            core::convWeightGradInto(ws.padded, gradOut, 1, 1, 1, 1, 1, gradWeight, ws);
        }
    };
    run();  // touches the buffers once, as a reused pipeline has
    for (auto _ : state) {
        run();
        benchmark::DoNotOptimize(gradInput.data.data());
        benchmark::DoNotOptimize(gradWeight.data.data());
        benchmark::ClobberMemory();
    }
    state.counters["bytes"] = static_cast<double>(size) * size * sizeof(float) * 2;  // two maps read or written once
    state.counters["macs"] = static_cast<double>(size) * size * k * k;
}

// max_pool2d 2×2 stride 2: the gradient scattered to the winners the forward pass kept.
void maxPoolBackward(benchmark::State& state, int size, int threads) {
    core::setThreadCount(threads);
    const core::Tensor input = randomTensor(1, size, size, 4);
    core::PoolParams params;  // max 2×2, stride 2
    core::PoolOutput forward;
    if (!core::pool2dInto(input, params, forward)) state.SkipWithError("pool2d failed");
    const core::Tensor gradOut = randomTensor(1, size / 2, size / 2, 5);
    core::Tensor gradInput;
    auto run = [&] { return core::maxPool2dBackwardInto(forward, gradOut, size, size, params, gradInput).ok(); };
    if (!run()) state.SkipWithError("max pool backward failed");
    for (auto _ : state) {
        run();
        benchmark::DoNotOptimize(gradInput.data.data());
        benchmark::ClobberMemory();
    }
    // The gradient input written whole, the output gradient and the int64 indices read.
    state.counters["bytes"] = static_cast<double>(size) * size * sizeof(float) +
                              static_cast<double>(gradOut.size()) * (sizeof(float) + sizeof(std::int64_t));
    state.counters["macs"] = 0.0;
}

void add(const std::string& name, auto fn) {
    benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(0.2);
}

}  // namespace

void registerBackward() {
    for (int threads : {1, 2}) {
        const std::string t = "/t" + std::to_string(threads) + "/ours";
        for (int k : {3, 7}) {
            const std::string kernel = "/k" + std::to_string(k);
            add("convback_input/1024" + kernel + t,
                [=](benchmark::State& s) { convBackward(s, 1024, k, Grad::Input, threads); });
            add("convback_weight/1024" + kernel + t,
                [=](benchmark::State& s) { convBackward(s, 1024, k, Grad::Weight, threads); });
        }
        add("maxpoolback/1024/w2/s2" + t, [=](benchmark::State& s) { maxPoolBackward(s, 1024, threads); });
    }
}

}  // namespace convscope::bench
