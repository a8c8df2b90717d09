// convscope-cli: the engine without a window. Every number the GUI shows can be
// reproduced here (`explain` prints the same trace the computation panel draws).
#include <CLI/CLI.hpp>
#include <iostream>

#include "command_backward.hpp"
#include "command_diff.hpp"
#include "command_freq.hpp"
#include "command_model.hpp"
#include "commands.hpp"

using namespace convscope::cli;

namespace {

constexpr const char* kConvPaddingHelp =
    "P, PH,PW, T,B,L,R (top,bottom,left,right), same (PyTorch's: stride 1), valid, same_upper or same_lower "
    "(TensorFlow/ONNX: output ceil(H/S), the odd cell at the end / at the start) (default 0)";

// --session stands for the input, the kernel and every parameter: it excludes them.
CLI::Option* addSession(CLI::App* cmd, std::string& session) {
    return cmd->add_option("--session", session,
                           "A session saved by the app: its first conv2d layer, on what reaches it");
}

void addConvOptions(CLI::App* cmd, ConvJob& job, bool withOutput) {
    CLI::Option* session = addSession(cmd, job.session);
    for (CLI::Option* o :
         {cmd->add_option("--input", job.input,
                          "Input: .npy (H,W)/(C,H,W), .csv, or an image (required without --session)"),
          cmd->add_option("--kernel", job.kernel,
                          "Kernel: .npy/.csv (KH,KW) or .npy (OC,C/groups,KH,KW) (required without --session)"),
          cmd->add_option("--bias", job.bias, "Bias: .npy/.csv with OC values"),
          cmd->add_option("--stride", job.options.stride, "S or SH,SW (default 1)"),
          cmd->add_option("--padding", job.options.padding, kConvPaddingHelp),
          cmd->add_option("--dilation", job.options.dilation, "D or DH,DW (default 1)"),
          cmd->add_option("--padding-mode", job.options.paddingMode, "zeros | reflect | replicate | circular"),
          cmd->add_option("--groups", job.options.groups,
                          "G (default 1): C and OC divisible by G, the kernel (OC, C/G, KH, KW); G = C is depthwise")})
        o->excludes(session);
    if (withOutput) cmd->add_option("--output", job.output, "Output: .npy, .csv or .png")->required();
}

void addPoolOptions(CLI::App* cmd, PoolJob& job, bool withOutput) {
    CLI::Option* session = addSession(cmd, job.session);
    session->description("A session saved by the app: its first pooling layer, on what reaches it");
    for (CLI::Option* o : {cmd->add_option("--input", job.input,
                                           "Input: .npy (H,W)/(C,H,W), .csv, or an image (required without --session)"),
                           cmd->add_option("--mode", job.options.mode, "max | avg (required without --session)"),
                           cmd->add_option("--window", job.options.window, "W or WH,WW (required without --session)"),
                           cmd->add_option("--stride", job.options.stride, "S or SH,SW (default: the window)"),
                           cmd->add_option("--padding", job.options.padding, "P or PH,PW (default 0)"),
                           cmd->add_option("--dilation", job.options.dilation, "D or DH,DW, max only (default 1)"),
                           cmd->add_flag("--ceil-mode", job.options.ceilMode, "Round the output size up"),
                           cmd->add_flag("--exclude-pad", job.options.excludePad,
                                         "Average over input cells only (count_include_pad off)")})
        o->excludes(session);
    if (withOutput) {
        cmd->add_option("--output", job.output, "Output: .npy, .csv or .png")->required();
        cmd->add_option("--indices", job.indices, "Max only: argmax indices as .npy (int64) or .csv");
    }
}

void addExplainOptions(CLI::App* cmd, ExplainAt& at) {
    cmd->add_option("--at", at.at, "Output position ROW,COL")->required();
    cmd->add_option("--channel", at.channel, "Output channel (default 0)");
    cmd->add_flag("--json", at.json, "Print JSON");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"convscope-cli: convolution and pooling, exactly as PyTorch computes them"};
    app.require_subcommand(1);

    ConvJob conv;
    PoolJob pool;
    ExplainAt at;
    std::string inputShape, kernelSize;
    bool json = false;

    auto* convCmd = app.add_subcommand("conv", "2-D convolution (PyTorch's conv2d)");
    addConvOptions(convCmd, conv, true);
    auto* poolCmd = app.add_subcommand("pool", "Max or average pooling (max_pool2d / avg_pool2d)");
    addPoolOptions(poolCmd, pool, true);

    auto* explain = app.add_subcommand("explain", "Write out the computation of one output value");
    explain->require_subcommand(1);
    auto* explainConvCmd = explain->add_subcommand("conv", "Explain one conv output value");
    addConvOptions(explainConvCmd, conv, false);
    addExplainOptions(explainConvCmd, at);
    auto* explainPoolCmd = explain->add_subcommand("pool", "Explain one pooled value");
    addPoolOptions(explainPoolCmd, pool, false);
    addExplainOptions(explainPoolCmd, at);

    auto* shape = app.add_subcommand("shape", "Work out output sizes with the formula");
    shape->require_subcommand(1);
    auto* shapeConvCmd = shape->add_subcommand("conv", "Output size of a convolution");
    shapeConvCmd->add_option("--input-shape", inputShape, "H,W")->required();
    shapeConvCmd->add_option("--kernel,--kernel-size", kernelSize, "K, KH,KW or a kernel file")->required();
    shapeConvCmd->add_option("--stride", conv.options.stride, "S or SH,SW (default 1)");
    shapeConvCmd->add_option("--padding", conv.options.padding, kConvPaddingHelp);
    shapeConvCmd->add_option("--dilation", conv.options.dilation, "D or DH,DW (default 1)");
    shapeConvCmd->add_option("--padding-mode", conv.options.paddingMode, "zeros | reflect | replicate | circular");
    shapeConvCmd->add_option("--groups", conv.options.groups, "G (default 1); with a kernel file, C = its C/G · G");
    shapeConvCmd->add_flag("--json", json, "Print JSON");
    auto* shapePoolCmd = shape->add_subcommand("pool", "Output size of a pooling");
    shapePoolCmd->add_option("--input-shape", inputShape, "H,W")->required();
    shapePoolCmd->add_option("--mode", pool.options.mode, "max | avg (default max)");
    shapePoolCmd->add_option("--window", pool.options.window, "W or WH,WW")->required();
    shapePoolCmd->add_option("--stride", pool.options.stride, "S or SH,SW (default: the window)");
    shapePoolCmd->add_option("--padding", pool.options.padding, "P or PH,PW (default 0)");
    shapePoolCmd->add_option("--dilation", pool.options.dilation, "D or DH,DW (default 1)");
    shapePoolCmd->add_flag("--ceil-mode", pool.options.ceilMode, "Round the output size up");
    shapePoolCmd->add_flag("--exclude-pad", pool.options.excludePad, "count_include_pad off");
    shapePoolCmd->add_flag("--json", json, "Print JSON");

    std::string stackSession, outputDir;
    auto* stackCmd = app.add_subcommand("stack", "Run a session's whole stack of layers, first to last");
    stackCmd->add_option("--session", stackSession, "A session saved by the app")->required();
    stackCmd->add_option("--output-dir", outputDir, "Write layer1.npy … layerN.npy (C,H,W) here");
    stackCmd->add_flag("--json", json, "Print JSON");

    DiffJob diffJob;
    auto* diffCmd = addDiffCommand(app, diffJob);
    FreqJob freqJob;
    auto* freqCmd = addFreqCommand(app, freqJob);
    ModelJob modelJob;
    const ModelCommands modelCmds = addModelCommands(app, modelJob);
    GradJob grad;
    auto* gradCmd = addGradCommand(app, grad);
    LearnJob learn;
    auto* learnCmd = addLearnCommand(app, learn);

    auto* demo = app.add_subcommand("demo", "A worked example: one dot product, the output, its pooling");

    std::vector<Command> commands = addConvTransposeCommands(app, *explain, *shape);
    for (Command& c : addUnfoldCommand(app)) commands.push_back(std::move(c));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "convscope-cli: " << e.what() << "\n(run with --help for usage)\n";
        return kExitUsage;
    }

    if (*convCmd) return runConv(conv);
    if (*poolCmd) return runPool(pool);
    if (*explainConvCmd) return explainConv(conv, at);
    if (*explainPoolCmd) return explainPool(pool, at);
    if (*shapeConvCmd) return shapeConv(inputShape, kernelSize, conv.options, json);
    if (*shapePoolCmd) return shapePool(inputShape, pool.options, json);
    if (*stackCmd) return runStack(stackSession, outputDir, json);
    if (*diffCmd) return runDiff(diffJob);
    if (*freqCmd) return runFreq(freqJob);
    if (*modelCmds.list) return runModelList(modelJob);
    if (*modelCmds.stack) return runModelStack(modelJob);
    if (*gradCmd) return runGrad(grad);
    if (*learnCmd) return runLearn(learn);
    if (*demo) return runDemo();
    for (const Command& c : commands)
        if (*c.app) return c.run();
    return kExitUsage;
}
