// `convscope-cli grad --session FILE (--target T.npy | --sum) --output-dir DIR [--json]`:
// one backward pass of the session's stack, every gradient autograd gives, as .npy files.
#include <iostream>
#include <nlohmann/json.hpp>

#include "backward_session.hpp"
#include "command_backward.hpp"
#include "commands.hpp"
#include "convscope/io/files.hpp"

namespace convscope::cli {

CLI::App* addGradCommand(CLI::App& app, GradJob& job) {
    auto* cmd = app.add_subcommand("grad", "The backward pass of a session's stack: every layer's gradients");
    cmd->add_option("--session", job.session, "A session saved by the app")->required();
    auto* target =
        cmd->add_option("--target", job.target, "Loss ½·Σ(y − t)² against this map (.npy/.csv, (H,W) or (C,H,W))");
    auto* sum = cmd->add_flag("--sum", job.sum, "Loss = the sum of the outputs (gradient 1 everywhere)");
    target->excludes(sum);
    sum->excludes(target);
    cmd->add_option("--output-dir", job.outputDir,
                    "Write layerK.grad_input.npy, and for conv2d and conv_transpose2d layerK.grad_weight.npy and "
                    "layerK.grad_bias.npy")
        ->required();
    cmd->add_flag("--json", job.json, "Print JSON");
    return cmd;
}

int runGrad(const GradJob& job) {
    if (job.target.empty() && !job.sum)
        return fail(core::makeError("target", "give --target T.npy or --sum: the loss the gradients are of"),
                    kExitUsage);
    int status = kExitOk;
    auto s = loadBackwardSession(job.session, status);
    if (!s) return fail(s.error(), status);
    auto loss = loadLoss(job.target, s->plan, status);
    if (!loss) return fail(loss.error(), status);

    std::vector<core::LayerOutput> outputs;
    core::LayerWorkspace forward;
    if (auto r = core::runStackInto(s->input, s->layers, s->plan, outputs, forward); !r)
        return fail(r.error(), kExitUsage);
    core::StackGradients grads;
    core::BackwardWorkspace backward;
    if (auto r = core::backwardStackInto(s->input, s->layers, s->plan, outputs, *loss, grads, backward); !r)
        return fail(r.error(), kExitUsage);

    // Every file encoded first, then all written together: all or none.
    std::vector<io::FileContent> files;
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t k = 0; k < grads.layers.size(); ++k) {
        const core::LayerGrad& g = grads.layers[k];
        const std::string prefix = "layer" + std::to_string(k + 1) + ".";
        nlohmann::json l = {{"layer", k + 1}, {"type", core::layerType(s->layers[k])}};
        core::Status encoded = core::Ok{};
        auto add = [&](const std::string& name, std::vector<std::int64_t> shape, const std::vector<float>& data) {
            if (!encoded) return;
            std::string path;
            auto bytes = npyBytes(job.outputDir, prefix + name + ".npy", shape, data, path);
            if (!bytes) {
                encoded = bytes.error();
                return;
            }
            files.push_back({path, std::move(*bytes)});
            l[name] = {{"file", path}, {"shape", shape}};
        };
        add("grad_input", {g.input.channels, g.input.height, g.input.width}, g.input.data);
        if (core::layerWeights(s->layers[k])) {
            // The weight gradient has the weight's PyTorch shape: (OC, C/groups, KH, KW) for a
            // conv2d, (C, OC/groups, KH, KW) for a conv_transpose2d.
            const core::Weights& w = g.weight;
            add("grad_weight", {w.outChannels, w.inChannels, w.height, w.width}, w.data);
            // A PyTorch layer without bias has no bias gradient (its bias is None).
            if (!core::layerBias(s->layers[k])->empty())
                add("grad_bias", {static_cast<std::int64_t>(g.bias.size())}, g.bias);
        }
        if (!encoded) return fail(encoded.error(), kExitIo);
        layers.push_back(l);
    }
    if (auto w = io::writeFilesAtomic(files); !w) return fail(w.error(), kExitIo);

    if (job.json) {
        std::cout << nlohmann::json{{"loss", grads.loss}, {"layers", layers}}.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "loss " << shortest(grads.loss) << "\n";
    for (const auto& l : layers) {
        std::cout << "layer " << l["layer"].get<int>() << " " << l["type"].get<std::string>() << ":";
        for (const char* name : {"grad_input", "grad_weight", "grad_bias"})
            if (l.contains(name)) std::cout << " " << l[name]["file"].get<std::string>();
        std::cout << "\n";
    }
    return kExitOk;
}

}  // namespace convscope::cli
