#pragma once
// A kernel's frequency response: the magnitude of its 2-D DFT, zero-padded to N×N and shifted
// so that DC is at the centre — numpy.fft.fftshift(numpy.abs(numpy.fft.fft2(k, (N, N)))) —
// with the DC gain (the sum of the weights), whether it is separable (rank 1: one column
// times one row) and what kind of filter that makes it.
//
// A plain DFT, computed as two passes of 1-D sums (KH·KW·N + KH·N² terms), in double: fast
// enough for the sizes a kernel is looked at (N ≤ 512) and exact to float rounding.
#include <string>
#include <vector>

#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

inline constexpr int kMaxFrequencySize = 512;

// One KH×KW slice of a kernel, row-major.
struct KernelSlice {
    int height = 0;
    int width = 0;
    std::vector<float> values;
};

// The slice of filter `filter`, input channel `channel`; an error naming the one outside.
Result<KernelSlice> kernelSlice(const Weights& weights, int filter, int channel);

// Rank 1 within a tolerance: values ≈ column · rowᵀ. The factors are scaled to the same
// length (a symmetric Gaussian gives the same 1-D Gaussian twice), the row's largest entry
// positive.
struct Separability {
    bool separable = false;
    std::vector<float> column;  // KH values (empty when not separable)
    std::vector<float> row;     // KW values
    double residual = 0.0;      // largest |value − column·row| of the best rank-1 fit tried
};
// `tolerance` is relative to the largest |value|; an all-zero kernel is separable (zeros).
Separability separability(const KernelSlice& k, double tolerance = 1e-5);

// What the magnitude says at a glance: the peak at DC and nowhere lower than it (all-pass:
// flat), the peak at DC (low-pass), DC near zero and the peak at the highest frequencies
// (high-pass) or in between (band-pass).
enum class FilterKind { AllPass, LowPass, HighPass, BandPass, Mixed };
const char* filterKindName(FilterKind kind);  // "all-pass", "low-pass", …

struct FrequencyResponse {
    int size = 0;                   // N
    std::vector<double> magnitude;  // N×N, row-major, DC at (N/2, N/2) (integer division, as fftshift)
    double dcGain = 0.0;            // the sum of the weights = the (signed) response at DC
    double peak = 0.0;              // largest magnitude
    FilterKind kind = FilterKind::Mixed;
    Separability separable;
};

// N from the kernel's larger side to kMaxFrequencySize; smaller would crop the kernel (numpy
// does), larger is refused with the limit named.
Result<FrequencyResponse> frequencyResponse(const KernelSlice& k, int size);

}  // namespace convscope::core
