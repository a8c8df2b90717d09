#pragma once
// `model list` and `model stack`: a trained model's nodes (ONNX) or tensors (.npz,
// .safetensors), and a chain of its supported nodes run on an input.
#include <CLI/CLI.hpp>
#include <string>

namespace convscope::cli {

struct ModelJob {
    std::string model;
    std::string nodes;  // "FIRST..LAST"
    std::string input;
    std::string outputDir;
    bool json = false;
};

struct ModelCommands {
    CLI::App* list = nullptr;
    CLI::App* stack = nullptr;
};
ModelCommands addModelCommands(CLI::App& app, ModelJob& job);

// Exit 0, 1 when a file cannot be read or written, 2 for a node range that cannot run
// (an unsupported node names itself) or arguments that do not fit.
int runModelList(const ModelJob& job);
int runModelStack(const ModelJob& job);

}  // namespace convscope::cli
