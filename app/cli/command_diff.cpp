#include "command_diff.hpp"

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "convscope/core/diff.hpp"
#include "convscope/core/stack.hpp"
#include "convscope/core/text.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/session.hpp"
#include "report.hpp"

namespace convscope::cli {

CLI::App* addDiffCommand(CLI::App& app, DiffJob& job) {
    auto* cmd = app.add_subcommand("diff", "Compare a session layer's output with your own (a .npy, .csv or picture)");
    cmd->add_option("--session", job.session, "A session saved by the app")->required();
    cmd->add_option("--layer", job.layer, "Layer K, 1-based (default: the last)");
    cmd->add_option("--reference", job.reference, "Your output: .npy/.csv (H,W) or .npy (C,H,W), or a picture")
        ->required();
    cmd->add_option("--atol", job.atol, "Absolute tolerance (default 1e-8, as numpy.allclose)");
    cmd->add_option("--rtol", job.rtol, "Relative tolerance (default 1e-5): |a − b| ≤ atol + rtol·|b|, b yours");
    cmd->add_option("--worst", job.worst, "List at most this many differing cells (default 10)");
    cmd->add_flag("--json", job.json, "Print JSON");
    return cmd;
}

namespace {

// JSON has no NaN or infinity: they travel as strings, as in sessions.
nlohmann::json jsonNumber(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return v;
}

std::string diffText(double v) {
    return std::isinf(v) ? "inf" : core::formatValue(static_cast<float>(v));
}

nlohmann::json reportJson(const DiffJob& job, int layer, const core::DiffReport& r) {
    nlohmann::json worst = nlohmann::json::array();
    for (const core::DiffCell& c : r.worst)
        worst.push_back({{"channel", c.channel},
                         {"row", c.row},
                         {"col", c.col},
                         {"convscope", jsonNumber(c.ours)},
                         {"reference", jsonNumber(c.reference)},
                         {"abs_diff", jsonNumber(c.absDiff)},
                         {"ulps", c.ulps}});
    return {{"layer", layer},
            {"shape", shapeJson(r.shape)},
            {"cells", r.cells},
            {"outside", r.outside},
            {"within_tolerance", r.ok()},
            {"atol", job.atol},
            {"rtol", job.rtol},
            {"max_abs_diff", jsonNumber(r.maxAbsDiff)},
            {"max_ulps", r.maxUlps},
            {"worst", worst}};
}

void printReport(std::ostream& out, const DiffJob& job, int layer, const std::string& label,
                 const core::DiffReport& r) {
    out << "layer " << layer << " (" << label << ") "
        << core::shapeText(r.shape.channels, r.shape.height, r.shape.width) << " against " << job.reference << ": "
        << r.cells << " cells, " << r.outside << " outside |convscope − yours| ≤ " << job.atol << " + " << job.rtol
        << "·|yours|\n";
    out << "largest difference " << diffText(r.maxAbsDiff) << " (" << r.maxUlps << " ULPs)\n";
    if (r.worst.empty()) return;
    out << "worst cells (channel,row,col):\n";
    for (const core::DiffCell& c : r.worst)
        out << "  (" << c.channel << "," << c.row << "," << c.col << ")  convscope " << core::formatValue(c.ours)
            << "  yours " << core::formatValue(c.reference) << "  |diff| " << diffText(c.absDiff) << "  " << c.ulps
            << " ULPs\n";
    if (r.outside > static_cast<std::int64_t>(r.worst.size()))
        out << "  … and " << r.outside - static_cast<std::int64_t>(r.worst.size()) << " more\n";
}

}  // namespace

int runDiff(const DiffJob& job) {
    if (!(job.atol >= 0.0 && std::isfinite(job.atol)))
        return fail("--atol must be a finite number ≥ 0 (got " + std::to_string(job.atol) + ")", kExitUsage);
    if (!(job.rtol >= 0.0 && std::isfinite(job.rtol)))
        return fail("--rtol must be a finite number ≥ 0 (got " + std::to_string(job.rtol) + ")", kExitUsage);
    if (job.worst < 0) return fail("--worst must be ≥ 0", kExitUsage);
    auto session = io::loadSession(job.session);
    if (!session) return fail(session.error().message, kExitIo);
    auto input = io::sessionInput(*session);
    if (!input) return fail(input.error().message, kExitIo);
    auto refArray = io::readArray(job.reference);
    if (!refArray) return fail(refArray.error().message, kExitIo);
    auto reference = io::toTensor(*refArray, "reference");
    if (!reference) return fail(reference.error().message, kExitUsage);

    const auto& layers = session->layers;
    const int count = static_cast<int>(layers.size());
    const int layer = job.layer == 0 ? count : job.layer;
    if (layer < 1 || layer > count)
        return fail(
            "--layer " + std::to_string(job.layer) + " is not a layer of the session (1…" + std::to_string(count) + ")",
            kExitUsage);
    const core::StackPlan plan = core::planStack(core::shapeOf(*input), layers);
    if (plan.failed >= 0 && plan.failed < layer) return fail(plan.namedError().message, kExitUsage);
    const core::LayerPlan& layerPlan = plan.plans[static_cast<std::size_t>(layer - 1)];
    const std::string label = core::layerLabel(layers[static_cast<std::size_t>(layer - 1)]);

    // Shapes first: a reference of another shape says what would explain it, without running.
    if (auto mismatch = core::explainShapes(layerPlan, core::shapeOf(*reference))) {
        const std::string text = core::shapeExplanationText(*mismatch);
        if (job.json)
            std::cout << nlohmann::json{{"layer", layer},
                                        {"shape", shapeJson(mismatch->ours)},
                                        {"reference_shape", shapeJson(mismatch->reference)},
                                        {"shape_explanation", text}}
                             .dump(2)
                      << "\n";
        return fail("layer " + std::to_string(layer) + " (" + label + "): " + text, kExitUsage);
    }

    std::vector<core::LayerOutput> outputs;
    core::LayerWorkspace workspace;
    if (auto s = core::runStackInto(*input, layers, plan, outputs, workspace, 0, layer); !s)
        return fail(s.error().message, kExitUsage);
    const core::Tensor& ours = outputs[static_cast<std::size_t>(layer - 1)].values;
    const core::DiffReport r =
        core::diffMaps(ours, *reference, {job.atol, job.rtol}, static_cast<std::size_t>(job.worst));
    if (job.json)
        std::cout << reportJson(job, layer, r).dump(2) << "\n";
    else
        printReport(std::cout, job, layer, label, r);
    return r.ok() ? kExitOk : kExitDiffers;
}

}  // namespace convscope::cli
