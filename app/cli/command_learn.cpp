// `convscope-cli learn --session FILE --target T.npy --steps N --lr LR [--momentum M]
// --output-dir DIR [--json]`: torch.optim.SGD on every weight and bias of the session's stack;
// the final weights as .npy and the loss of each step in losses.csv.
#include <iostream>
#include <nlohmann/json.hpp>

#include "backward_session.hpp"
#include "command_backward.hpp"
#include "commands.hpp"
#include "convscope/core/errors.hpp"
#include "convscope/io/files.hpp"

namespace convscope::cli {

CLI::App* addLearnCommand(CLI::App& app, LearnJob& job) {
    auto* cmd = app.add_subcommand("learn", "Learn a session's weights by SGD, as torch.optim.SGD");
    cmd->add_option("--session", job.session, "A session saved by the app: the starting weights")->required();
    cmd->add_option("--target", job.target, "The map the stack's output should become (.npy/.csv)")->required();
    cmd->add_option("--steps", job.steps, "Gradient steps (1…1000000)")->required()->check(CLI::Range(1, 1000000));
    cmd->add_option("--lr", job.lr, "Learning rate (≥ 0)")->required();
    cmd->add_option("--momentum", job.momentum, "Momentum (≥ 0, default 0)");
    cmd->add_option("--output-dir", job.outputDir,
                    "Write layerK.weight.npy / layerK.bias.npy (final) and losses.csv (step,loss)")
        ->required();
    cmd->add_flag("--json", job.json, "Print JSON");
    return cmd;
}

int runLearn(const LearnJob& job) {
    const core::SgdOptions options{static_cast<float>(job.lr), static_cast<float>(job.momentum)};
    if (auto s = core::checkSgdOptions(options); !s) return fail(s.error(), kExitUsage);
    int status = kExitOk;
    auto s = loadBackwardSession(job.session, status);
    if (!s) return fail(s.error(), status);
    auto loss = loadLoss(job.target, s->plan, status);
    if (!loss) return fail(loss.error(), status);
    if (!core::hasWeights(s->layers))
        return fail(core::engineError(core::ErrorId::NothingToLearn, "layers", {}), kExitUsage);

    core::Learner learner;
    std::vector<double> losses;
    for (int step = 1; step <= job.steps; ++step) {
        auto value = core::learnStep(s->input, s->layers, *loss, options, learner);
        // A diverging run is the data's fault, not the arguments': exit 1, nothing written.
        if (!value) return fail(value.error(), value.error().id == "loss_not_finite" ? kExitIo : kExitUsage);
        losses.push_back(*value);
    }

    std::vector<io::FileContent> files;
    nlohmann::json written = nlohmann::json::array();
    for (std::size_t k = 0; k < s->layers.size(); ++k) {
        // A conv2d's or conv_transpose2d's weights, in its PyTorch shape, and bias.
        const core::Weights* w = core::layerWeights(s->layers[k]);
        if (!w) continue;
        const std::string prefix = "layer" + std::to_string(k + 1) + ".";
        std::string path;
        auto bytes = npyBytes(job.outputDir, prefix + "weight.npy",
                              {w->outChannels, w->inChannels, w->height, w->width}, w->data, path);
        if (!bytes) return fail(bytes.error(), kExitIo);
        files.push_back({path, std::move(*bytes)});
        written.push_back(path);
        const std::vector<float>& bias = *core::layerBias(s->layers[k]);
        if (bias.empty()) continue;
        bytes = npyBytes(job.outputDir, prefix + "bias.npy", {static_cast<std::int64_t>(bias.size())}, bias, path);
        if (!bytes) return fail(bytes.error(), kExitIo);
        files.push_back({path, std::move(*bytes)});
        written.push_back(path);
    }
    std::string csv = "step,loss\n";
    for (std::size_t i = 0; i < losses.size(); ++i) csv += std::to_string(i + 1) + "," + shortest(losses[i]) + "\n";
    const std::string csvPath = (std::filesystem::path(job.outputDir) / "losses.csv").string();
    files.push_back({csvPath, csv});
    written.push_back(csvPath);
    if (auto w = io::writeFilesAtomic(files); !w) return fail(w.error(), kExitIo);

    if (job.json) {
        std::cout << nlohmann::json{{"steps", job.steps},
                                    {"lr", job.lr},
                                    {"momentum", job.momentum},
                                    {"losses", losses},
                                    {"first_loss", losses.front()},
                                    {"last_loss", losses.back()},
                                    {"files", written}}
                         .dump(2)
                  << "\n";
        return kExitOk;
    }
    std::cout << "step 1 loss " << shortest(losses.front()) << "\nstep " << job.steps << " loss "
              << shortest(losses.back()) << "\n";
    for (const auto& f : written) std::cout << f.get<std::string>() << "\n";
    return kExitOk;
}

}  // namespace convscope::cli
