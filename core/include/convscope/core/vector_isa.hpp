#pragma once
// Which vector instructions the engine's inner loops use. The binary holds each loop three
// times — AVX-512, AVX2 + FMA, and baseline x86-64 (SSE2) — and uses the widest the CPU
// runs. Lowering the choice lets tests check the narrower copies on a machine that has
// them all, and lets benchmarks compare them.
namespace convscope::core {

enum class VectorIsa { Baseline, Avx2, Avx512 };

const char* vectorIsaName(VectorIsa isa);

// The widest the CPU runs.
VectorIsa bestVectorIsa();

// The one in use: bestVectorIsa() unless lowered by setVectorIsa.
VectorIsa vectorIsa();

// Uses `isa`, or the widest the CPU runs if that is narrower. Affects calls that start
// after it returns; returns the one now in use.
VectorIsa setVectorIsa(VectorIsa isa);

}  // namespace convscope::core
