#pragma once
// Square pooling parameters in one call, for the pooling tests.
#include "convscope/core/pool.hpp"

inline convscope::core::PoolParams squarePool(convscope::core::PoolMode mode, int window, int stride, int pad = 0) {
    convscope::core::PoolParams p;
    p.mode = mode;
    p.windowH = p.windowW = window;
    p.strideH = p.strideW = stride;
    p.padH = p.padW = pad;
    return p;
}
