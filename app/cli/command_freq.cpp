#include "command_freq.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "convscope/core/frequency.hpp"
#include "convscope/core/text.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/files.hpp"

namespace convscope::cli {

CLI::App* addFreqCommand(CLI::App& app, FreqJob& job) {
    auto* cmd = app.add_subcommand(
        "freq", "A kernel's frequency response: |DFT| zero-padded to N×N, DC at the centre (numpy's fftshift)");
    cmd->add_option("--kernel", job.kernel, "Kernel: .npy/.csv (KH,KW) or .npy (OC,C,KH,KW)")->required();
    cmd->add_option("--size", job.size, "N: the DFT's size, from the kernel's size to 512 (default 64)");
    cmd->add_option("--output", job.output, "The N×N magnitude: .npy, .csv or .png")->required();
    cmd->add_option("--filter", job.filter, "Filter of a 4-D kernel (default 0)");
    cmd->add_option("--channel", job.channel, "Input channel of that filter (default 0)");
    cmd->add_flag("--json", job.json, "Print JSON");
    return cmd;
}

namespace {

std::string list(const std::vector<float>& v) {
    std::string s;
    for (float x : v) s += (s.empty() ? "" : ", ") + core::formatValue(x);
    return "[" + s + "]";
}

}  // namespace

int runFreq(const FreqJob& job) {
    auto array = io::readArray(job.kernel);
    if (!array) return fail(array.error(), kExitIo);
    auto weights = io::toWeights(*array, "kernel");
    if (!weights) return fail(weights.error(), kExitUsage);
    auto slice = core::kernelSlice(*weights, job.filter, job.channel);
    if (!slice) return fail(slice.error(), kExitUsage);
    auto r = core::frequencyResponse(*slice, job.size);
    if (!r) return fail(r.error(), kExitUsage);
    io::Array out;
    out.shape = {r->size, r->size};
    out.data.assign(r->magnitude.begin(), r->magnitude.end());
    auto bytes = io::encodeArray(job.output, out);
    if (!bytes) return fail(bytes.error(), kExitUsage);
    if (auto s = io::writeFileAtomic(job.output, *bytes); !s) return fail(s.error(), kExitIo);

    const core::Separability& sep = r->separable;
    if (job.json) {
        nlohmann::json j = {{"kernel_shape", {slice->height, slice->width}},
                            {"filter", job.filter},
                            {"channel", job.channel},
                            {"size", r->size},
                            {"dc_index", {r->size / 2, r->size / 2}},
                            {"dc_gain", r->dcGain},
                            {"peak", r->peak},
                            {"kind", core::filterKindName(r->kind)},
                            {"separable", sep.separable},
                            {"separable_residual", sep.residual}};
        if (sep.separable) {
            j["column"] = sep.column;
            j["row"] = sep.row;
        }
        std::cout << j.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "kernel " << slice->height << "×" << slice->width << " (filter " << job.filter << ", channel "
              << job.channel << "): |DFT| " << r->size << "×" << r->size << ", DC at (" << r->size / 2 << ","
              << r->size / 2 << ")\n";
    std::cout << "DC gain (sum of weights) " << core::formatValue(static_cast<float>(r->dcGain)) << ", peak "
              << core::formatValue(static_cast<float>(r->peak)) << ": " << core::filterKindName(r->kind) << "\n";
    if (sep.separable)
        std::cout << "separable (rank 1): column " << list(sep.column) << " × row " << list(sep.row) << "\n";
    else
        std::cout << "not separable (no column × row within tolerance; best rank-1 fit off by "
                  << core::formatValue(static_cast<float>(sep.residual)) << ")\n";
    return kExitOk;
}

}  // namespace convscope::cli
