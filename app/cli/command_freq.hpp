#pragma once
// `convscope-cli freq`: a kernel slice's frequency response (core/frequency.hpp) written as an
// N×N magnitude, DC at the centre, with its DC gain, kind and separability.
#include <CLI/CLI.hpp>
#include <string>

namespace convscope::cli {

struct FreqJob {
    std::string kernel;
    int size = 64;
    std::string output;
    int filter = 0;   // of a 4-D kernel (OC, C, KH, KW)
    int channel = 0;  // its input channel
    bool json = false;
};

CLI::App* addFreqCommand(CLI::App& app, FreqJob& job);
int runFreq(const FreqJob& job);

}  // namespace convscope::cli
