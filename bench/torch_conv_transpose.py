#!/usr/bin/python3
"""PyTorch's side of the transposed-conv bench rows (bench/conv_transpose_bench.cpp).

Times torch.nn.functional.conv_transpose2d on the same shapes and arguments as the
convt<C>to<OC>/<size>/k<K>/s2/t<N>/ours rows, warm (a few runs first), with
torch.set_num_threads(N), and prints one JSON object: {"torch": "1.13.1", "rows":
{"convt1to1/512/k3/s2/t1": milliseconds (median of 7 timings of enough runs to last ~0.2 s), …}}.
scripts/bench runs it with Debian's /usr/bin/python3 and prints it beside ours; without torch
it prints {"torch": null} and exits 0.
"""

import json
import statistics
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    print(json.dumps({"torch": None, "rows": {}}))
    sys.exit(0)


def time_ms(fn):
    fn()  # warm: buffers allocated, threads started
    runs, start = 0, time.perf_counter()
    while time.perf_counter() - start < 0.2:
        fn()
        runs += 1
    runs = max(runs, 1)
    # Debian's torch (reference BLAS) takes seconds for the 8-channel rows: 3 timings there.
    slow = (time.perf_counter() - start) / runs > 0.5
    samples = []
    for _ in range(3 if slow else 7):
        start = time.perf_counter()
        for _ in range(runs):
            fn()
        samples.append((time.perf_counter() - start) * 1e3 / runs)
    return statistics.median(samples)


def main():
    rows = {}
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    torch.manual_seed(0)
    with torch.no_grad():
        for channels in (1, 8):
            for size in (512, 1024):
                for kernel in (3, 4):
                    x = torch.rand(1, channels, size, size) * 2 - 1
                    w = torch.rand(channels, channels, kernel, kernel) * 2 - 1
                    b = torch.full((channels,), 0.25)
                    op = 1 if kernel == 3 else 0
                    for threads in (1, 2):
                        name = f"convt{channels}to{channels}/{size}/k{kernel}/s2/t{threads}"
                        if only and only not in name:
                            continue
                        torch.set_num_threads(threads)
                        rows[name] = time_ms(lambda: F.conv_transpose2d(x, w, b, stride=2, padding=1,
                                                                        output_padding=op))
    print(json.dumps({"torch": torch.__version__, "rows": rows}))


if __name__ == "__main__":
    main()
