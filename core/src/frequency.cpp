#include "convscope/core/frequency.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

#include "convscope/core/text.hpp"

namespace convscope::core {

Result<KernelSlice> kernelSlice(const Weights& weights, int filter, int channel) {
    if (filter < 0 || filter >= weights.outChannels)
        return makeError("filter", "filter " + num(filter) + " is outside the kernel's " + num(weights.outChannels) +
                                       " filter(s) (0…" + num(weights.outChannels - 1) + ")");
    if (channel < 0 || channel >= weights.inChannels)
        return makeError("channel", "channel " + num(channel) + " is outside the kernel's " + num(weights.inChannels) +
                                        " input channel(s) (0…" + num(weights.inChannels - 1) + ")");
    KernelSlice k{weights.height, weights.width, {}};
    const std::size_t plane = static_cast<std::size_t>(weights.height) * weights.width;
    const std::size_t start = (static_cast<std::size_t>(filter) * weights.inChannels + channel) * plane;
    k.values.assign(weights.data.begin() + static_cast<std::ptrdiff_t>(start),
                    weights.data.begin() + static_cast<std::ptrdiff_t>(start + plane));
    return k;
}

Separability separability(const KernelSlice& k, double tolerance) {
    Separability s;
    const auto at = [&](int m, int n) {
        return static_cast<double>(k.values[static_cast<std::size_t>(m * k.width + n)]);
    };
    // The largest entry as pivot: its column and row give the rank-1 fit K ≈ col · row / pivot.
    int pm = 0, pn = 0;
    double largest = 0.0;
    for (int m = 0; m < k.height; ++m)
        for (int n = 0; n < k.width; ++n)
            if (std::fabs(at(m, n)) > largest) {
                largest = std::fabs(at(m, n));
                pm = m;
                pn = n;
            }
    std::vector<double> col(static_cast<std::size_t>(k.height)), row(static_cast<std::size_t>(k.width));
    if (largest > 0.0) {
        for (int m = 0; m < k.height; ++m) col[static_cast<std::size_t>(m)] = at(m, pn);
        for (int n = 0; n < k.width; ++n) row[static_cast<std::size_t>(n)] = at(pm, n) / at(pm, pn);
    }
    for (int m = 0; m < k.height; ++m)
        for (int n = 0; n < k.width; ++n)
            s.residual = std::max(
                s.residual, std::fabs(at(m, n) - col[static_cast<std::size_t>(m)] * row[static_cast<std::size_t>(n)]));
    s.separable = s.residual <= tolerance * largest;
    if (!s.separable) return s;
    // Same length for both factors, the row's largest entry positive.
    double colNorm = 0.0, rowNorm = 0.0;
    for (double v : col) colNorm += v * v;
    for (double v : row) rowNorm += v * v;
    double scale = rowNorm > 0.0 ? std::sqrt(std::sqrt(colNorm) / std::sqrt(rowNorm)) : 1.0;
    const auto peak =
        std::max_element(row.begin(), row.end(), [](double a, double b) { return std::fabs(a) < std::fabs(b); });
    if (peak != row.end() && *peak < 0.0) scale = -scale;
    for (double v : col) s.column.push_back(static_cast<float>(scale != 0.0 ? v / scale : v));
    for (double v : row) s.row.push_back(static_cast<float>(v * scale));
    return s;
}

const char* filterKindName(FilterKind kind) {
    switch (kind) {
        case FilterKind::AllPass: return "all-pass";
        case FilterKind::LowPass: return "low-pass";
        case FilterKind::HighPass: return "high-pass";
        case FilterKind::BandPass: return "band-pass";
        case FilterKind::Mixed: return "mixed";
    }
    return "mixed";
}

namespace {

// Where the peak is, from 0 (DC) to 1 (the highest frequency on either axis), and the lowest
// magnitude, decide the kind.
FilterKind classify(const FrequencyResponse& r) {
    const int n = r.size;
    const int centre = n / 2;
    const double dc = r.magnitude[static_cast<std::size_t>(centre * n + centre)];
    double lowest = r.magnitude.front();
    double peakRadius = 0.0;
    for (int u = 0; u < n; ++u)
        for (int v = 0; v < n; ++v) {
            const double m = r.magnitude[static_cast<std::size_t>(u * n + v)];
            lowest = std::min(lowest, m);
            if (m >= r.peak * (1 - 1e-9)) {
                const double radius = std::max(std::abs(u - centre), std::abs(v - centre)) / std::max(1.0, n / 2.0);
                peakRadius = std::max(peakRadius, radius);
            }
        }
    if (r.peak == 0.0) return FilterKind::Mixed;
    if (lowest >= 0.99 * r.peak) return FilterKind::AllPass;
    if (dc >= 0.99 * r.peak) return FilterKind::LowPass;
    if (dc <= 0.1 * r.peak) return peakRadius >= 0.75 ? FilterKind::HighPass : FilterKind::BandPass;
    return FilterKind::Mixed;
}

}  // namespace

Result<FrequencyResponse> frequencyResponse(const KernelSlice& k, int size) {
    if (size > kMaxFrequencySize)
        return makeError("size", "size " + num(size) + " is larger than " + num(kMaxFrequencySize) +
                                     ": a kernel's response needs no more cells (and a plain DFT would be slow)");
    if (size < std::max(k.height, k.width) || size < 1)
        return makeError("size", "size " + num(size) + " is smaller than the kernel (" + num(k.height) + "×" +
                                     num(k.width) + "): the DFT would crop it");
    const int n = size;
    // Twiddles e^{−2πi j/N}; index (u·m) mod N keeps every angle exact to one rounding.
    std::vector<std::complex<double>> twiddle(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) twiddle[static_cast<std::size_t>(j)] = std::polar(1.0, -2.0 * std::numbers::pi * j / n);
    // Rows first: A(m, v) = Σ_n k(m, n) e^{−2πi v n/N}; then X(u, v) = Σ_m A(m, v) e^{−2πi u m/N}.
    std::vector<std::complex<double>> rows(static_cast<std::size_t>(k.height) * n);
    for (int m = 0; m < k.height; ++m)
        for (int v = 0; v < n; ++v) {
            std::complex<double> sum = 0.0;
            for (int c = 0; c < k.width; ++c)
                sum += static_cast<double>(k.values[static_cast<std::size_t>(m * k.width + c)]) *
                       twiddle[static_cast<std::size_t>((static_cast<long>(v) * c) % n)];
            rows[static_cast<std::size_t>(m) * n + v] = sum;
        }
    FrequencyResponse r;
    r.size = n;
    r.magnitude.assign(static_cast<std::size_t>(n) * n, 0.0);
    const int shift = n / 2;  // fftshift: frequency index i lands at (i + N/2) mod N
    for (int u = 0; u < n; ++u)
        for (int v = 0; v < n; ++v) {
            std::complex<double> sum = 0.0;
            for (int m = 0; m < k.height; ++m)
                sum += rows[static_cast<std::size_t>(m) * n + v] *
                       twiddle[static_cast<std::size_t>((static_cast<long>(u) * m) % n)];
            const int su = (u + shift) % n;
            const int sv = (v + shift) % n;
            r.magnitude[static_cast<std::size_t>(su) * n + sv] = std::abs(sum);
        }
    for (float w : k.values) r.dcGain += w;
    r.peak = *std::max_element(r.magnitude.begin(), r.magnitude.end());
    r.kind = classify(r);
    r.separable = separability(k);
    return r;
}

}  // namespace convscope::core
