#pragma once
// The machine's own limits, measured in the same run as the workloads so that scripts/bench
// can print each row against them (ours / limit):
//   limit/copy/tN  a streaming copy (non-temporal stores) of two large arrays, already
//                  touched, on N threads;
//                  counter `bytes` = bytes read + bytes written per iteration
//   limit/fma/tN   independent multiply-add chains in the vector width the engine uses
//                  (vector_isa.hpp) on N threads; counter `macs` = scalar multiply-adds per
//                  iteration
// A workload row carries the same counters (bytes it must read and write once, multiply-adds
// it must do); its limit is the larger of bytes / bandwidth and macs / peak.
#include <vector>

namespace convscope::bench {

void registerLimits(const std::vector<int>& threadCounts);

}  // namespace convscope::bench
