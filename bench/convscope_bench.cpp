// The speed workloads of issue 5, each with one thread and with all of them. When OpenCV
// was found at configure time, each workload is also run through OpenCV on the same data
// with the same thread count, after checking that both give the same numbers:
//   conv   → cv::filter2D (zero border = our zero padding k/2; correlation, as ours), then
//            every second row/col for stride 2; several input channels: per-channel
//            filter2D summed per output filter
//   max    → cv::dilate with a w×w rectangle anchored at its top-left corner, subsampled
//   avg    → cv::blur likewise
// Names are kind/size/params/tN/impl; the machine's limits (copy bandwidth, multiply-add
// peak; machine_limits.hpp) run in the same program as limit/copy/tN and limit/fma/tN.
// scripts/bench runs this with JSON output and prints ours / OpenCV and ours / limit.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "backward_bench.hpp"
#include "convscope/core/conv.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/vector_isa.hpp"
#include "machine_limits.hpp"

#ifdef CONVSCOPE_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace core = convscope::core;

namespace {

struct ConvCase {
    int inChannels;
    int outChannels;
    int size;
    int kernel;
    int stride;
};

struct PoolCase {
    core::PoolMode mode;
    int window;
    int stride;
    int size;
};

std::vector<float> randomValues(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> v(n);
    for (float& x : v) x = dist(rng);
    return v;
}

core::Tensor randomTensor(int c, int h, int w, unsigned seed) {
    core::Tensor t(c, h, w);
    t.data = randomValues(t.size(), seed);
    return t;
}

core::ConvParams convParams(const ConvCase& k) {
    core::ConvParams p;
    p.strideH = p.strideW = k.stride;
    p.padding = {k.kernel / 2, k.kernel / 2, k.kernel / 2, k.kernel / 2};
    return p;
}

core::PoolParams poolParams(const PoolCase& k) {
    core::PoolParams p;
    p.mode = k.mode;
    p.windowH = p.windowW = k.window;
    p.strideH = p.strideW = k.stride;
    return p;
}

void convOurs(benchmark::State& state, ConvCase k, int threads) {
    core::setThreadCount(threads);
    const core::Tensor input = randomTensor(k.inChannels, k.size, k.size, 1);
    core::Weights weights(k.outChannels, k.inChannels, k.kernel, k.kernel);
    weights.data = randomValues(weights.data.size(), 2);
    const core::ConvParams params = convParams(k);
    core::Tensor out;
    core::ConvWorkspace workspace;
    // One untimed call touches the output and scratch memory, as a reused pipeline has.
    if (!core::conv2dInto(input, weights, {}, params, out, workspace)) state.SkipWithError("conv2d failed");
    for (auto _ : state) {
        (void)core::conv2dInto(input, weights, {}, params, out, workspace);
        benchmark::DoNotOptimize(out.data.data());
        benchmark::ClobberMemory();
    }
    // What the call cannot do with less: read the input and write the output once, and one
    // multiply-add per tap per output (scripts/bench divides by the measured limits).
    state.counters["bytes"] = static_cast<double>((input.size() + out.size()) * sizeof(float));
    state.counters["macs"] = static_cast<double>(out.size()) * static_cast<double>(k.inChannels) * k.kernel * k.kernel;
}

void poolOurs(benchmark::State& state, PoolCase k, int threads) {
    core::setThreadCount(threads);
    const core::Tensor input = randomTensor(1, k.size, k.size, 3);
    const core::PoolParams params = poolParams(k);
    core::PoolOutput out;
    if (!core::pool2dInto(input, params, out)) state.SkipWithError("pool2d failed");
    for (auto _ : state) {
        (void)core::pool2dInto(input, params, out);
        benchmark::DoNotOptimize(out.values.data.data());
        benchmark::DoNotOptimize(out.indices.data());
        benchmark::ClobberMemory();
    }
    // Memory-bound: the input read once, the values (and max's int64 indices) written once.
    state.counters["bytes"] = static_cast<double>((input.size() + out.values.size()) * sizeof(float) +
                                                  out.indices.size() * sizeof(std::int64_t));
    state.counters["macs"] = 0.0;
}

#ifdef CONVSCOPE_HAVE_OPENCV

// dst(y, x) = src(y·s, x·s), split over OpenCV's threads like its own filters.
void subsample(const cv::Mat& src, cv::Mat& dst, int stride) {
    cv::parallel_for_(cv::Range(0, dst.rows), [&](const cv::Range& r) {
        for (int y = r.start; y < r.end; ++y) {
            const float* s = src.ptr<float>(y * stride);
            float* d = dst.ptr<float>(y);
            for (int x = 0; x < dst.cols; ++x) d[x] = s[x * stride];
        }
    });
}

// Both sides agree to float rounding, or the timing compares different computations.
bool same(const std::vector<float>& ours, const cv::Mat& theirs, float tolerance) {
    if (theirs.total() != ours.size()) return false;
    const float* t = theirs.ptr<float>(0);
    for (std::size_t i = 0; i < ours.size(); ++i)
        if (!(std::fabs(ours[i] - t[i]) <= tolerance * std::max(1.0f, std::fabs(t[i])))) return false;
    return true;
}

cv::Mat planeMat(core::Tensor& t, int c) {
    return cv::Mat(t.height, t.width, CV_32F, t.plane(c));
}

cv::Mat planeMat(const core::Tensor& t, int c) {
    return cv::Mat(t.height, t.width, CV_32F, const_cast<float*>(t.plane(c)));
}

void convOpenCv(benchmark::State& state, ConvCase k, int threads) {
    cv::setNumThreads(threads);
    const core::Tensor input = randomTensor(k.inChannels, k.size, k.size, 1);
    core::Weights weights(k.outChannels, k.inChannels, k.kernel, k.kernel);
    weights.data = randomValues(weights.data.size(), 2);
    std::vector<cv::Mat> kernels;  // [o·C + c]
    for (int o = 0; o < k.outChannels; ++o)
        for (int c = 0; c < k.inChannels; ++c)
            kernels.push_back(cv::Mat(k.kernel, k.kernel, CV_32F, &weights.at(o, c, 0, 0)).clone());
    auto ours = core::conv2d(input, weights, {}, convParams(k));
    if (!ours) {
        state.SkipWithError("conv2d failed");
        return;
    }
    core::Tensor out(k.outChannels, ours->height, ours->width);
    cv::Mat full(k.size, k.size, CV_32F), term(k.size, k.size, CV_32F);
    auto run = [&] {
        for (int o = 0; o < k.outChannels; ++o) {
            cv::Mat dst = k.stride == 1 ? planeMat(out, o) : full;
            for (int c = 0; c < k.inChannels; ++c) {
                cv::Mat& target = c == 0 ? dst : term;
                cv::filter2D(planeMat(input, c), target, CV_32F,
                             kernels[static_cast<std::size_t>(o * k.inChannels + c)], cv::Point(-1, -1), 0.0,
                             cv::BORDER_CONSTANT);
                if (c > 0) cv::add(dst, term, dst);
            }
            if (k.stride != 1) {
                cv::Mat o2 = planeMat(out, o);
                subsample(full, o2, k.stride);
            }
        }
    };
    run();
    if (!same(ours->data, cv::Mat(1, static_cast<int>(out.size()), CV_32F, out.data.data()), 1e-4f))
        state.SkipWithError("OpenCV's result differs from ours");
    for (auto _ : state) {
        run();
        benchmark::DoNotOptimize(out.data.data());
        benchmark::ClobberMemory();
    }
}

void poolOpenCv(benchmark::State& state, PoolCase k, int threads) {
    cv::setNumThreads(threads);
    const core::Tensor input = randomTensor(1, k.size, k.size, 3);
    auto ours = core::pool2d(input, poolParams(k));
    if (!ours) {
        state.SkipWithError("pool2d failed");
        return;
    }
    core::Tensor out(1, ours->values.height, ours->values.width);
    cv::Mat full(k.size, k.size, CV_32F);
    const cv::Mat window = cv::Mat::ones(k.window, k.window, CV_8U);
    const cv::Mat src = planeMat(input, 0);
    cv::Mat dst = planeMat(out, 0);
    auto run = [&] {
        if (k.mode == core::PoolMode::Max)
            cv::dilate(src, full, window, cv::Point(0, 0));
        else
            cv::blur(src, full, cv::Size(k.window, k.window), cv::Point(0, 0));
        subsample(full, dst, k.stride);
    };
    run();
    // Exact for max; blur sums in another order (and in double), so avg agrees to rounding.
    if (!same(ours->values.data, dst, k.mode == core::PoolMode::Max ? 0.0f : 1e-5f))
        state.SkipWithError("OpenCV's result differs from ours");
    for (auto _ : state) {
        run();
        benchmark::DoNotOptimize(out.data.data());
        benchmark::ClobberMemory();
    }
}

#endif

template <class Case, class Fn>
void add(const std::string& name, Fn fn, const Case& k, int threads) {
    benchmark::RegisterBenchmark(name.c_str(), fn, k, threads)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MinTime(0.2);
}

// 1 and all threads (once if that is 1).
std::vector<int> threadCounts() {
    const int all = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    return all == 1 ? std::vector<int>{1} : std::vector<int>{1, all};
}

template <class Case, class Ours, class Theirs>
void addBoth(const std::string& workload, const Case& k, Ours ours, [[maybe_unused]] Theirs theirs) {
    for (int threads : threadCounts()) {
        const std::string prefix = workload + "/t" + std::to_string(threads);
        add(prefix + "/ours", ours, k, threads);
#ifdef CONVSCOPE_HAVE_OPENCV
        add(prefix + "/opencv", theirs, k, threads);
#endif
    }
}

void registerAll() {
#ifdef CONVSCOPE_HAVE_OPENCV
    auto convTheirs = convOpenCv;
    auto poolTheirs = poolOpenCv;
#else
    auto convTheirs = convOurs;
    auto poolTheirs = poolOurs;
#endif
    convscope::bench::registerLimits(threadCounts());
    for (int size : {256, 512, 1024, 2048})
        for (int kernel : {3, 5, 7, 11})
            for (int stride : {1, 2})
                addBoth(
                    "conv1to1/" + std::to_string(size) + "/k" + std::to_string(kernel) + "/s" + std::to_string(stride),
                    ConvCase{1, 1, size, kernel, stride}, convOurs, convTheirs);
    for (int size : {512, 1024})
        for (int kernel : {3, 5})
            addBoth("conv3to8/" + std::to_string(size) + "/k" + std::to_string(kernel) + "/s1",
                    ConvCase{3, 8, size, kernel, 1}, convOurs, convTheirs);
    for (core::PoolMode mode : {core::PoolMode::Max, core::PoolMode::Avg})
        for (int window : {2, 3})
            for (int size : {512, 1024, 2048})
                addBoth(std::string(core::poolModeName(mode)) + "pool/" + std::to_string(size) + "/w" +
                            std::to_string(window) + "/s2",
                        PoolCase{mode, window, 2, size}, poolOurs, poolTheirs);
}

// ---- Depthwise rows (issue 12) -----------------------------------------------------------
// A depthwise 3×3 conv (groups = channels = 32, one filter per channel, zero padding 1) at
// stride 1 and 2, on 1 and 2 threads, against OpenCV's per-channel cv::filter2D (zero
// border; stride 2 keeps every second row and column of the full result). OpenCV's filter
// runs on one thread per call, so its side splits the channels over its threads itself.

struct DepthwiseCase {
    int channels;
    int size;
    int kernel;
    int stride;
};

core::ConvParams depthwiseParams(const DepthwiseCase& k) {
    core::ConvParams p;
    p.strideH = p.strideW = k.stride;
    p.padding = {k.kernel / 2, k.kernel / 2, k.kernel / 2, k.kernel / 2};
    p.groups = k.channels;
    return p;
}

core::Weights depthwiseWeights(const DepthwiseCase& k) {
    core::Weights w(k.channels, 1, k.kernel, k.kernel);
    w.data = randomValues(w.data.size(), 5);
    return w;
}

void depthwiseOurs(benchmark::State& state, DepthwiseCase k, int threads) {
    core::setThreadCount(threads);
    const core::Tensor input = randomTensor(k.channels, k.size, k.size, 4);
    const core::Weights weights = depthwiseWeights(k);
    const core::ConvParams params = depthwiseParams(k);
    core::Tensor out;
    core::ConvWorkspace workspace;
    if (!core::conv2dInto(input, weights, {}, params, out, workspace)) state.SkipWithError("conv2d failed");
    for (auto _ : state) {
        (void)core::conv2dInto(input, weights, {}, params, out, workspace);
        benchmark::DoNotOptimize(out.data.data());
        benchmark::ClobberMemory();
    }
}

#ifdef CONVSCOPE_HAVE_OPENCV

void depthwiseOpenCv(benchmark::State& state, DepthwiseCase k, int threads) {
    cv::setNumThreads(threads);
    const core::Tensor input = randomTensor(k.channels, k.size, k.size, 4);
    core::Weights weights = depthwiseWeights(k);
    auto ours = core::conv2d(input, weights, {}, depthwiseParams(k));
    if (!ours) {
        state.SkipWithError("conv2d failed");
        return;
    }
    std::vector<cv::Mat> kernels;
    for (int c = 0; c < k.channels; ++c)
        kernels.push_back(cv::Mat(k.kernel, k.kernel, CV_32F, &weights.at(c, 0, 0, 0)).clone());
    core::Tensor out(k.channels, ours->height, ours->width);
    // One full-resolution scratch per thread for stride 2, allocated once.
    std::vector<cv::Mat> full(static_cast<std::size_t>(threads));
    for (cv::Mat& m : full) m = cv::Mat(k.size, k.size, CV_32F, cv::Scalar(0));
    auto run = [&] {
        cv::parallel_for_(
            cv::Range(0, threads),
            [&](const cv::Range& r) {
                for (int t = r.start; t < r.end; ++t)
                    for (int c = t; c < k.channels; c += threads) {
                        cv::Mat dst = k.stride == 1 ? planeMat(out, c) : full[static_cast<std::size_t>(t)];
                        cv::filter2D(planeMat(input, c), dst, CV_32F, kernels[static_cast<std::size_t>(c)],
                                     cv::Point(-1, -1), 0.0, cv::BORDER_CONSTANT);
                        if (k.stride != 1) {
                            cv::Mat o = planeMat(out, c);
                            for (int y = 0; y < o.rows; ++y) {
                                const float* s = dst.ptr<float>(y * k.stride);
                                float* d = o.ptr<float>(y);
                                for (int x = 0; x < o.cols; ++x) d[x] = s[x * k.stride];
                            }
                        }
                    }
            },
            threads);
    };
    run();
    if (!same(ours->data, cv::Mat(1, static_cast<int>(out.size()), CV_32F, out.data.data()), 1e-4f))
        state.SkipWithError("OpenCV's result differs from ours");
    for (auto _ : state) {
        run();
        benchmark::DoNotOptimize(out.data.data());
        benchmark::ClobberMemory();
    }
}

#endif

void registerDepthwise() {
#ifdef CONVSCOPE_HAVE_OPENCV
    auto theirs = depthwiseOpenCv;
#else
    auto theirs = depthwiseOurs;
#endif
    for (int size : {256, 1024})
        for (int stride : {1, 2})
            for (int threads : {1, 2}) {
                const DepthwiseCase k{32, size, 3, stride};
                const std::string prefix = "depthwise32/" + std::to_string(size) + "/k3/s" + std::to_string(stride) +
                                           "/t" + std::to_string(threads);
                add(prefix + "/ours", depthwiseOurs, k, threads);
#ifdef CONVSCOPE_HAVE_OPENCV
                add(prefix + "/opencv", theirs, k, threads);
#else
                (void)theirs;
#endif
            }
}

// ---- end of the depthwise rows ------------------------------------------------------------

}  // namespace

void registerConvTranspose();  // conv_transpose_bench.cpp

int main(int argc, char** argv) {
    benchmark::AddCustomContext("convscope_vector_isa", core::vectorIsaName(core::vectorIsa()));
#ifdef CONVSCOPE_HAVE_OPENCV
    benchmark::AddCustomContext("opencv", CV_VERSION);
#endif
    registerAll();
    registerDepthwise();
    registerConvTranspose();
    convscope::bench::registerBackward();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
