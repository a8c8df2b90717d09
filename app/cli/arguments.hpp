#pragma once
// Turning the CLI's text options into engine parameters. Kept apart from main.cpp so the
// same parsing serves every subcommand (conv, pool, explain, shape).
#include <string>
#include <utility>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"

namespace convscope::cli {

// "N" or "NH,NW" → (NH, NW). Any integer, negatives included (the engine names the rule
// they break); junk or out-of-range text is an error naming the option.
core::Result<std::pair<int, int>> parsePair(const std::string& option, const std::string& text);

// One integer option ("--groups 2"); junk or out-of-range text is an error naming it.
core::Result<int> parseInt(const std::string& option, const std::string& text);

// Conv padding: "P" or "PH,PW" (both sides alike), "T,B,L,R" (per side), or one of "same",
// "valid", "same_upper", "same_lower".
core::Result<core::PaddingSpec> parsePaddingSpec(const std::string& text);

struct ConvOptions {
    std::string stride = "1";
    std::string padding = "0";
    std::string dilation = "1";
    std::string paddingMode = "zeros";
    std::string groups = "1";  // the kernel then holds C/groups input channels per filter
};

struct PoolOptions {
    std::string mode;  // required by pool/explain; `shape pool` defaults to max
    std::string window;
    std::string stride;  // empty: the window
    std::string padding = "0";
    std::string dilation = "1";
    bool ceilMode = false;
    bool excludePad = false;
};

// same_upper / same_lower resolve against the input's height and width.
core::Result<core::ConvParams> toConvParams(const ConvOptions& o, int kernelH, int kernelW, int inputH, int inputW);
core::Result<core::PoolParams> toPoolParams(const PoolOptions& o);

}  // namespace convscope::cli
