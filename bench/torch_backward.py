#!/usr/bin/python3
"""The backward rows of convscope_bench (bench/backward_bench.cpp) timed with PyTorch's autograd
kernels, for scripts/bench to print beside ours. Prints one JSON object: {"torch": version,
"rows": {"convback_input/1024/k3/t1": ms, …}} — the median of several warm runs.

The conv rows call aten.convolution_backward, the op autograd runs for a conv, with one
output_mask entry set (input or weight gradient alone); the pool row calls
aten.max_pool2d_with_indices_backward with the forward pass's indices. Float32, batch 1.
Needs Debian's python3-torch (/usr/bin/python3); exits 3 without torch.
"""

import json
import statistics
import sys
import time

try:
    import torch
except ImportError:
    sys.exit(3)


def median_ms(fn, seconds=0.2, runs=3):
    fn()  # warm: allocations and one-time dispatch
    times = []
    for _ in range(runs):
        n, start = 0, time.perf_counter()
        while True:
            fn()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        times.append(elapsed / n * 1e3)
    return statistics.median(times)


def main():
    torch.manual_seed(0)
    rows = {}
    size = 1024
    for threads in (1, 2):
        torch.set_num_threads(threads)
        t = f"/t{threads}"
        for k in (3, 7):
            x = torch.rand(1, 1, size, size) * 2 - 1
            w = torch.rand(1, 1, k, k) * 2 - 1
            g = torch.rand(1, 1, size, size) * 2 - 1
            for name, mask in (("input", [True, False, False]), ("weight", [False, True, False])):
                def run(mask=mask):
                    torch.ops.aten.convolution_backward(g, x, w, None, [1, 1], [k // 2, k // 2], [1, 1], False,
                                                        [0, 0], 1, mask)
                rows[f"convback_{name}/{size}/k{k}{t}"] = median_ms(run)
        x = torch.rand(1, 1, size, size) * 2 - 1
        _, indices = torch.ops.aten.max_pool2d_with_indices(x, [2, 2], [2, 2], [0, 0], [1, 1], False)
        g = torch.rand(1, 1, size // 2, size // 2)
        rows[f"maxpoolback/{size}/w2/s2{t}"] = median_ms(
            lambda: torch.ops.aten.max_pool2d_with_indices_backward(g, x, [2, 2], [2, 2], [0, 0], [1, 1], False,
                                                                     indices))
    print(json.dumps({"torch": torch.__version__, "rows": rows}))


if __name__ == "__main__":
    main()
