#pragma once
// `convscope-cli diff`: a session layer's output against a reference array (someone's own
// kernel, another framework), within numpy.allclose's tolerance.
#include <CLI/CLI.hpp>
#include <string>

namespace convscope::cli {

// Exit 3: cells differ beyond the tolerance (0, 1 and 2 as for every command).
inline constexpr int kExitDiffers = 3;

struct DiffJob {
    std::string session;
    int layer = 0;  // 1-based; 0: the last
    std::string reference;
    double atol = 1e-8;  // numpy.allclose's defaults
    double rtol = 1e-5;
    int worst = 10;  // how many of the worst cells to list
    bool json = false;
};

CLI::App* addDiffCommand(CLI::App& app, DiffJob& job);
int runDiff(const DiffJob& job);

}  // namespace convscope::cli
