#pragma once
// `grad` and `learn`: the backward pass of a session's stack and learning its weights
// (command_grad.cpp, command_learn.cpp). Exit status as commands.hpp says; a diverging
// `learn` (a NaN or infinite loss) exits 1 naming the step.
#include <CLI/CLI.hpp>
#include <string>

namespace convscope::cli {

struct GradJob {
    std::string session;
    std::string target;  // T.npy, or empty with --sum
    bool sum = false;
    std::string outputDir;
    bool json = false;
};

struct LearnJob {
    std::string session;
    std::string target;
    int steps = 0;
    double lr = 0.0;
    double momentum = 0.0;
    std::string outputDir;
    bool json = false;
};

CLI::App* addGradCommand(CLI::App& app, GradJob& job);
int runGrad(const GradJob& job);

CLI::App* addLearnCommand(CLI::App& app, LearnJob& job);
int runLearn(const LearnJob& job);

}  // namespace convscope::cli
