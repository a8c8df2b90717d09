#pragma once
// `convscope --bench-ui`: a scripted sweep of slider changes on a synthetic picture, timing
// every frame and the delay from a parameter change to the frame that shows its result.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace convscope::gui {

class App;

class UiBench {
public:
    // `layers`: 2 (a 7×7 conv and a 2×2 max pool) or 4 (then a ReLU and a 3×3 conv too).
    UiBench(int width, int height, int frames, int layers = 2);
    void setUp(App& app);                   // the synthetic picture and a 7×7 kernel
    void beforeFrame(App& app, int frame);  // the scripted change, every few frames
    void afterFrame(App& app, double frameMs);
    bool done(int frame) const { return frame >= m_frames; }
    std::string report() const;

private:
    int m_width;
    int m_height;
    int m_frames;
    int m_layers;
    std::size_t m_buffersAtFirstResult = 0;  // large buffers the pipeline had made by then
    std::size_t m_buffersAtEnd = 0;
    double m_shownMegabytes = 0;  // the picture and every layer's map, the most at once
    std::vector<double> m_frameMs;
    std::vector<double> m_latencyMs;
    std::vector<double> m_resultFrameMs;
    // The sweep once every pooled buffer has grown to its largest shape: two rounds of the
    // four kinds of change (stride and padding change the shapes).
    static constexpr int kWarmUpChanges = 8;
    int m_changesShown = 0;
    std::vector<double> m_steadyFrameMs;
    std::vector<double> m_steadyLatencyMs;  // frames that showed a new result (uploads, fits)
    std::uint64_t m_shownGeneration = 0;
    bool m_waiting = false;
    std::chrono::steady_clock::time_point m_changedAt;
    std::uint64_t m_generationAtChange = 0;
};

}  // namespace convscope::gui
