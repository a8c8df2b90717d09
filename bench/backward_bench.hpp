#pragma once
// The backward rows (issue 14): a conv's input and weight gradients and max pooling's input
// gradient on a 1024² map, on 1 and 2 threads. PyTorch's autograd times the same work in the
// same run (bench/torch_backward.py, printed beside ours by scripts/bench).
namespace convscope::bench {

void registerBackward();

}  // namespace convscope::bench
