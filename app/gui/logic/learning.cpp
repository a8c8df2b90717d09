#include "learning.hpp"

#include <algorithm>
#include <random>

namespace convscope::gui {

void driveLearning(State& s, Pipeline& pipeline) {
    LearnSettings& l = s.learn;
    if (auto done = pipeline.takeLearnProgress()) {
        if (done->from == s.compute.layers) {
            s.compute.layers = std::move(done->layers);
            for (double v : done->losses) l.losses.push_back(static_cast<float>(v));
        }
        if (!l.running) l.stepsRequested = std::max(0, l.stepsRequested - static_cast<int>(done->losses.size()));
        if (!done->error.message.empty()) {
            l.error = done->error;
            l.running = false;
            l.stepsRequested = 0;
        }
    }
    if (pipeline.learning() || (!l.running && l.stepsRequested <= 0)) return;
    const int steps = l.running ? 1 << 20 : l.stepsRequested;
    if (pipeline.requestLearn(s.compute, core::SgdOptions{l.learningRate, l.momentum}, steps, kLearnChunkMs))
        l.error = {};
}

void resetWeights(State& s, bool random, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
    for (core::Layer& layer : s.compute.layers) {
        core::Weights* weights = core::layerWeights(layer);
        if (!weights) continue;  // no parameters to learn
        for (float& w : weights->data) w = random ? dist(rng) : 0.0f;
        for (float& b : *core::layerBias(layer)) b = random ? dist(rng) : 0.0f;
    }
    s.learn.losses.clear();
    s.learn.error = {};
}

}  // namespace convscope::gui
