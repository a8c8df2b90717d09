#pragma once
// Dense float32 arrays in row-major order. Tensor is a feature map stack (C,H,W);
// Weights is a filter bank (OC,C,KH,KW), the layout of PyTorch's conv2d weight.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace convscope::core {

// Equal bit for bit: NaN equals NaN and −0 differs from 0. This is "the same numbers" for
// state comparisons — a state holding a NaN must compare equal to itself, or the app would
// take it for a change on every frame.
inline bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

struct Tensor {
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<float> data;

    Tensor() = default;
    Tensor(int c, int h, int w, float fill = 0.0f)
        : channels(c),
          height(h),
          width(w),
          data(static_cast<std::size_t>(c) * static_cast<std::size_t>(h) * static_cast<std::size_t>(w), fill) {}

    std::size_t size() const { return data.size(); }
    std::size_t planeSize() const { return static_cast<std::size_t>(height) * static_cast<std::size_t>(width); }
    bool empty() const { return data.empty(); }

    float& at(int c, int y, int x) { return data[index(c, y, x)]; }
    float at(int c, int y, int x) const { return data[index(c, y, x)]; }
    float* plane(int c) { return data.data() + static_cast<std::size_t>(c) * planeSize(); }
    const float* plane(int c) const { return data.data() + static_cast<std::size_t>(c) * planeSize(); }

    // Changes the shape, reusing the storage when it is large enough (fresh memory is slow
    // to touch on these machines, so pipelines resize rather than reallocate).
    void reshape(int c, int h, int w) {
        channels = c;
        height = h;
        width = w;
        data.resize(static_cast<std::size_t>(c) * static_cast<std::size_t>(h) * static_cast<std::size_t>(w));
    }

    std::size_t index(int c, int y, int x) const {
        return (static_cast<std::size_t>(c) * static_cast<std::size_t>(height) + static_cast<std::size_t>(y)) *
                   static_cast<std::size_t>(width) +
               static_cast<std::size_t>(x);
    }

    bool operator==(const Tensor& o) const {
        return channels == o.channels && height == o.height && width == o.width && sameBits(data, o.data);
    }
};

struct Weights {
    int outChannels = 0;
    int inChannels = 0;
    int height = 0;
    int width = 0;
    std::vector<float> data;

    Weights() = default;
    Weights(int oc, int c, int kh, int kw, float fill = 0.0f)
        : outChannels(oc),
          inChannels(c),
          height(kh),
          width(kw),
          data(static_cast<std::size_t>(oc) * static_cast<std::size_t>(c) * static_cast<std::size_t>(kh) *
                   static_cast<std::size_t>(kw),
               fill) {}

    float& at(int o, int c, int m, int n) { return data[index(o, c, m, n)]; }
    float at(int o, int c, int m, int n) const { return data[index(o, c, m, n)]; }

    std::size_t index(int o, int c, int m, int n) const {
        return ((static_cast<std::size_t>(o) * static_cast<std::size_t>(inChannels) + static_cast<std::size_t>(c)) *
                    static_cast<std::size_t>(height) +
                static_cast<std::size_t>(m)) *
                   static_cast<std::size_t>(width) +
               static_cast<std::size_t>(n);
    }

    bool operator==(const Weights& o) const {
        return outChannels == o.outChannels && inChannels == o.inChannels && height == o.height && width == o.width &&
               sameBits(data, o.data);
    }
};

}  // namespace convscope::core
