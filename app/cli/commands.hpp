#pragma once
// One function per subcommand; each returns the process exit status:
// 0 success, 1 unreadable/malformed input or unwritable output, 2 invalid arguments or a
// geometry with no valid output. Messages go to stderr; no output file is touched on failure.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "arguments.hpp"

namespace convscope::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitIo = 1;
inline constexpr int kExitUsage = 2;

// Prints "convscope-cli: <message>" to stderr and returns the status: every command's way out.
int fail(const core::Error& e, int status);
int fail(const std::string& message, int status);

struct ConvJob {
    std::string session;  // instead of input, kernel, bias and options: the first conv2d layer
    std::string input;
    std::string kernel;
    std::string bias;
    ConvOptions options;
    std::string output;
};

struct PoolJob {
    std::string session;  // the session's first pooling layer, on the map that reaches it
    std::string input;
    PoolOptions options;
    std::string output;
    std::string indices;
};

// PoolJob.options.mode is empty unless given: required without a session.
struct ExplainAt {
    std::string at;  // "ROW,COL"
    int channel = 0;
    bool json = false;
};

int runConv(const ConvJob& job);
int runPool(const PoolJob& job);
int explainConv(const ConvJob& job, const ExplainAt& at);
int explainPool(const PoolJob& job, const ExplainAt& at);

// `shape conv`: kernelSize is "K", "KH,KW" or a kernel file whose shape gives the size.
int shapeConv(const std::string& inputShape, const std::string& kernelSize, const ConvOptions& options, bool json);
int shapePool(const std::string& inputShape, const PoolOptions& options, bool json);

// `stack --session FILE`: runs every layer of the session's stack, prints each layer's shape
// with its formulas, receptive field and cost, and writes layer1.npy … layerN.npy (C,H,W)
// into outputDir when one is given (all files or none).
int runStack(const std::string& session, const std::string& outputDir, bool json);

// A subcommand kept in its own file (command_*.cpp): it registers itself and hands back what
// runs it, so main.cpp needs a line per file.
struct Command {
    CLI::App* app;
    std::function<int()> run;
};
// `convt`, `explain convt`, `shape convt` (command_convt.cpp).
std::vector<Command> addConvTransposeCommands(CLI::App& app, CLI::App& explain, CLI::App& shape);
// `unfold` (command_unfold.cpp).
std::vector<Command> addUnfoldCommand(CLI::App& app);

// The built-in worked example: a small input, an edge kernel, one dot product written out,
// the output, and a max pooling of it.
int runDemo();

}  // namespace convscope::cli
