#include "bench_ui.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.hpp"

namespace convscope::gui {

UiBench::UiBench(int width, int height, int frames, int layers)
    : m_width(width), m_height(height), m_frames(frames), m_layers(layers) {}

void UiBench::setUp(App& app) {
    State& s = app.state;
    core::Tensor picture(1, m_height, m_width);
    for (int y = 0; y < m_height; ++y)
        for (int x = 0; x < m_width; ++x)
            picture.at(0, y, x) = 0.5f + 0.25f * std::sin(static_cast<float>(x) * 0.05f) +
                                  0.25f * std::cos(static_cast<float>(y) * 0.031f + static_cast<float>(x) * 0.007f);
    s.compute.setPicture(std::move(picture));
    s.compute.layers = {core::Conv2d{}, core::MaxPool2d{}};
    if (m_layers == 4) {
        core::Conv2d second;
        second.weights = core::Weights(1, 1, 3, 3, 1.0f / 9.0f);
        second.padding = {core::PaddingSpec::Kind::Explicit, 1, 1};
        s.compute.layers = {core::Conv2d{}, core::Activation{}, core::MaxPool2d{}, second};
    }
    s.compute.selected = Selection{};
    s.compute.conv()->weights = core::Weights(1, 1, 7, 7, 1.0f / 49.0f);
    s.compute.conv()->padding = {core::PaddingSpec::Kind::Explicit, 3, 3};
    s.playback.playing = false;
    s.playback.showWholeMap = true;
    s.view.showFrameStats = true;
}

void UiBench::beforeFrame(App& app, int frame) {
    if (frame % 8 != 4 || m_waiting) return;
    // The sweep a person makes with the sliders: kernel values, stride, padding, pooling.
    State& s = app.state;
    core::Conv2d& conv = *s.compute.conv();
    switch ((frame / 8) % 4) {
        case 0: conv.weights.at(0, 0, 3, 3) += 0.1f; break;
        case 1: conv.stride.h = conv.stride.w = conv.stride.h == 1 ? 2 : 1; break;
        case 2: conv.padding.height = conv.padding.width = conv.padding.height == 3 ? 2 : 3; break;
        default: {
            core::PoolParams q = core::poolParams(*s.compute.pool());
            q.mode = q.mode == core::PoolMode::Max ? core::PoolMode::Avg : core::PoolMode::Max;
            *s.compute.pool() = core::poolLayer(q);
            break;
        }
    }
    m_waiting = true;
    m_changedAt = std::chrono::steady_clock::now();
    m_generationAtChange = app.result().generation;
}

void UiBench::afterFrame(App& app, double frameMs) {
    m_frameMs.push_back(frameMs);
    if (app.result().generation != m_shownGeneration) {
        if (m_frameMs.size() > 1) m_resultFrameMs.push_back(frameMs);  // not the start-up result
        if (m_shownGeneration == 0) m_buffersAtFirstResult = app.buffersCreated();
        m_shownGeneration = app.result().generation;
    }
    m_buffersAtEnd = app.buffersCreated();
    const PipelineResult& r = app.result();
    double bytes = r.picture ? static_cast<double>(r.picture->size()) : 0.0;
    for (int i = 0; i < static_cast<int>(r.outputs.size()); ++i)
        bytes += static_cast<double>(r.output(i).values.size());
    m_shownMegabytes = std::max(m_shownMegabytes, bytes * sizeof(float) / 1e6);  // stride 1 has the largest
    if (m_waiting && app.result().generation != m_generationAtChange && !app.result().computing && app.mapsShown()) {
        // The frame that showed the new result has just been rendered.
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_changedAt).count();
        m_latencyMs.push_back(ms);
        if (++m_changesShown > kWarmUpChanges) m_steadyLatencyMs.push_back(ms);
        m_waiting = false;
    }
    if (m_changesShown > kWarmUpChanges) m_steadyFrameMs.push_back(frameMs);
}

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size()))) - 1;
    return v[std::min(i, v.size() - 1)];
}

}  // namespace

// The process's peak resident memory (VmHWM), in MB; 0 where /proc cannot tell.
double peakMegabytes() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0.0;
    char line[256];
    double kb = 0.0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %lf kB", &kb) == 1) break;
    std::fclose(f);
    return kb / 1e3;
}

std::string UiBench::report() const {
    char text[1400];
    std::snprintf(
        text, sizeof text,
        "bench-ui: %dx%d picture, 7x7 kernel, %d layers, %zu frames, %zu parameter changes\n"
        "frame time   p50 %6.2f ms   p95 %6.2f ms   p99 %6.2f ms\n"
        "  the %zu frames that showed a new result   p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms\n"
        "change → new output shown   p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms\n"
        "after the first %d changes (buffers warm): frame p99 %6.2f ms (%zu frames), change → shown p50 %6.2f "
        "ms   p95 %6.2f ms (%zu changes)\n"
        "large buffers made: %zu by the first result, %zu more during the sweep\n"
        "peak memory %.0f MB; the maps shown (picture and every layer's map, at their largest) %.0f MB: %.2fx\n",
        m_width, m_height, m_layers, m_frameMs.size(), m_latencyMs.size(), percentile(m_frameMs, 50),
        percentile(m_frameMs, 95), percentile(m_frameMs, 99), m_resultFrameMs.size(), percentile(m_resultFrameMs, 50),
        percentile(m_resultFrameMs, 95), percentile(m_resultFrameMs, 100), percentile(m_latencyMs, 50),
        percentile(m_latencyMs, 95), percentile(m_latencyMs, 100), kWarmUpChanges, percentile(m_steadyFrameMs, 99),
        m_steadyFrameMs.size(), percentile(m_steadyLatencyMs, 50), percentile(m_steadyLatencyMs, 95),
        m_steadyLatencyMs.size(), m_buffersAtFirstResult, m_buffersAtEnd - m_buffersAtFirstResult, peakMegabytes(),
        m_shownMegabytes, m_shownMegabytes > 0 ? peakMegabytes() / m_shownMegabytes : 0.0);
    return text;
}

}  // namespace convscope::gui
