// `unfold`: the conv's input as one matrix (im2col), equal to torch.nn.functional.unfold.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "convscope/core/unfold.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/files.hpp"

namespace convscope::cli {

namespace {

struct UnfoldJob {
    std::string input;
    std::string kernel;
    ConvOptions options;
    std::string output;
};

int run(const UnfoldJob& job) {
    // The kernel's size: "K", "KH,KW", or a kernel file whose last two dimensions give it.
    int kh = 0;
    int kw = 0;
    if (auto k = parsePair("kernel", job.kernel)) {
        kh = k->first;
        kw = k->second;
    } else {
        auto arr = io::readArray(job.kernel);
        if (!arr) return fail(arr.error(), kExitIo);
        auto w = io::toWeights(*arr, "kernel");
        if (!w) return fail(w.error(), kExitIo);
        kh = w->height;
        kw = w->width;
    }
    auto inArray = io::readArray(job.input);
    if (!inArray) return fail(inArray.error(), kExitIo);
    auto input = io::toTensor(*inArray, "input");
    if (!input) return fail(input.error(), kExitIo);
    // "same_upper" and "same_lower" need the input's size to place their padding.
    auto params = toConvParams(job.options, kh, kw, input->height, input->width);
    if (!params) return fail(params.error(), kExitUsage);
    auto matrix = core::unfold(*input, kh, kw, *params);
    if (!matrix) return fail(matrix.error(), kExitUsage);
    auto bytes = io::encodeArray(job.output, io::fromTensor(*matrix, true));
    if (!bytes) return fail(bytes.error(), kExitUsage);
    if (auto s = io::writeFileAtomic(job.output, *bytes); !s) return fail(s.error(), kExitIo);
    return kExitOk;
}

}  // namespace

std::vector<Command> addUnfoldCommand(CLI::App& app) {
    auto job = std::make_shared<UnfoldJob>();
    auto* cmd = app.add_subcommand(
        "unfold",
        "The conv's input unfolded (im2col), as torch.nn.functional.unfold for one image: a (C·KH·KW, L) matrix, "
        "row c·KH·KW + m·KW + n for channel c's kernel tap (m, n), column oh·OW + ow for output position (oh, ow) "
        "(L = OH·OW); the conv is then the kernel, flattened to (OC, C·KH·KW), times this matrix");
    cmd->add_option("--input", job->input, "Input: .npy (H,W)/(C,H,W), .csv, or an image")->required();
    cmd->add_option("--kernel,--kernel-size", job->kernel, "K, KH,KW or a kernel file (only its size is used)")
        ->required();
    cmd->add_option("--stride", job->options.stride, "S or SH,SW (default 1)");
    cmd->add_option("--padding", job->options.padding, "P, PH,PW, same or valid (default 0)");
    cmd->add_option("--dilation", job->options.dilation, "D or DH,DW (default 1)");
    cmd->add_option("--padding-mode", job->options.paddingMode,
                    "zeros (as unfold) | reflect | replicate | circular: the values the conv reads");
    cmd->add_option("--groups", job->options.groups, "G (default 1): C divisible by G; the matrix is the same");
    cmd->add_option("--output", job->output, "Output: .npy or .csv, (C·KH·KW, L)")->required();
    return {{cmd, [job] { return run(*job); }}};
}

}  // namespace convscope::cli
