#pragma once
// State → numbers. update() compares the compute inputs with the last applied ones and
// recomputes only when they differ. An invalid setting keeps the last good result on screen
// and records the engine's message; buffers are reused across recomputations.
#include <cstdint>
#include <string>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "state.hpp"

namespace convscope::gui {

struct PipelineResult {
    // Conv stage: the last valid computation and the inputs that produced it.
    bool hasConv = false;
    ComputeInputs convInputs;  // what the shown conv result was computed from
    core::ConvParams convParams;
    core::ConvPlan convPlan;
    core::Tensor padded;  // the input with its padding materialised, for the input view
    core::Tensor conv;
    std::string convError;  // the current settings' problem; empty when they are valid

    // Pool stage, over `conv`.
    bool hasPool = false;
    core::PoolParams poolParams;
    core::PoolPlan poolPlan;
    core::PoolOutput pool;
    std::string poolError;
    std::uint64_t convVersion = 0;      // bumps with every new conv map
    std::uint64_t poolConvVersion = 0;  // the conv map the shown pool was computed from

    std::uint64_t generation = 0;  // bumps on every change of the numbers above
    double computeMs = 0.0;
};

class Pipeline {
public:
    // Returns true when the result changed.
    bool update(const ComputeInputs& inputs);
    const PipelineResult& result() const { return m_result; }

private:
    bool m_applied = false;
    ComputeInputs m_last;
    PipelineResult m_result;
    core::ConvWorkspace m_workspace;
};

// The padded input as the input view shows it: every padding cell holds the value the
// convolution reads there (0, or the copied pixel for reflect/replicate/circular).
void materialisePadding(const core::Tensor& input, const core::ConvPlan& plan, core::PaddingMode mode,
                        core::Tensor& padded);

}  // namespace convscope::gui
