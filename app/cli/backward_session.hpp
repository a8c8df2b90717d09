#pragma once
// What `grad` and `learn` share: a session's input and stack, planned, and a target map read
// from a file and checked against the stack's output.
#include <string>
#include <vector>

#include "convscope/core/backward.hpp"
#include "convscope/io/array.hpp"

namespace convscope::cli {

struct BackwardSession {
    core::Tensor input;
    std::vector<core::Layer> layers;
    core::StackPlan plan;
};

// The session, its input and its plan; on failure the error and `status` (1: unreadable,
// 2: a stack that cannot run).
core::Result<BackwardSession> loadBackwardSession(const std::string& file, int& status);

// ½·Σ(y − t)² against the target file ((H,W) or (C,H,W)), or the sum of the outputs when
// `file` is empty. A target of another shape than the stack's output is an error (status 2).
core::Result<core::Loss> loadLoss(const std::string& file, const core::StackPlan& plan, int& status);

// A float32 .npy of any shape, ready for writeFilesAtomic.
core::Result<std::string> npyBytes(const std::string& dir, const std::string& name, std::vector<std::int64_t> shape,
                                   const std::vector<float>& data, std::string& path);

// The shortest text that reads back as the same double (losses in reports and losses.csv).
std::string shortest(double v);

}  // namespace convscope::cli
