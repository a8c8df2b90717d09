#!/usr/bin/python3
"""Generate PyTorch fixtures for per-side and TensorFlow/ONNX "SAME" padding
(tests/golden/padding_cases.json).

PyTorch's nn.Conv2d pads both sides of an axis alike, so every case here is computed the way a
PyTorch user reproduces ONNX's `pads` or TensorFlow's padding="SAME": pad the input explicitly
with F.pad (left, right, top, bottom), then conv2d with padding=0. For same_upper / same_lower
the sides come from the TensorFlow/ONNX rule, written here on its own:

    out = ceil(H / s);  total = max(0, (out - 1)·s + d·(k - 1) + 1 - H)
    SAME_UPPER: before = total // 2, after = total - before   (odd cell at the end)
    SAME_LOWER: after = total // 2, before = total - after    (odd cell at the start)

Each case keeps the input, the layer as a convscope session writes it ("padding" as
{"top", "bottom", "left", "right"}, "same_upper" or "same_lower"), the sides the rule gives
and PyTorch's output. Strides 1-3, dilation, odd and even sizes, every padding mode.

Regenerate from the repository root with Debian's torch (not a pyenv python):

    /usr/bin/python3 tests/golden/make_padding_golden.py

Deterministic: fixed seeds, one torch thread.
"""

import json
import math
import os
import random

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


def flat(t):
    return [float("%.9g" % x) for x in t.detach().reshape(-1).tolist()]


def rand(rng, shape):
    n = math.prod(shape)
    return torch.tensor([rng.uniform(-1, 1) for _ in range(n)], dtype=torch.float32).reshape(shape)


def same_axis(size, k, s, d, upper):
    out = -(-size // s)
    total = max(0, (out - 1) * s + d * (k - 1) + 1 - size)
    half = total // 2
    return (half, total - half) if upper else (total - half, half)


def case(rng, name, c, h, w, oc, k, stride, dilation, padding, mode="zeros", groups=1):
    x = rand(rng, (1, c, h, w))
    weight = rand(rng, (oc, c // groups, k[0], k[1]))
    bias = rand(rng, (oc,))
    if isinstance(padding, str):
        upper = padding == "same_upper"
        top, bottom = same_axis(h, k[0], stride[0], dilation[0], upper)
        left, right = same_axis(w, k[1], stride[1], dilation[1], upper)
        sides = {"top": top, "bottom": bottom, "left": left, "right": right}
        desc = padding
    else:
        sides = dict(zip(("top", "bottom", "left", "right"), padding))
        desc = sides
    padded = F.pad(x, (sides["left"], sides["right"], sides["top"], sides["bottom"]),
                   mode="constant" if mode == "zeros" else mode)
    y = F.conv2d(padded, weight, bias, stride=stride, padding=0, dilation=dilation, groups=groups)
    if isinstance(padding, str):
        # The rule's promise: the output is ceil(H/s) × ceil(W/s), whatever the kernel.
        assert y.shape[2] == -(-h // stride[0]) and y.shape[3] == -(-w // stride[1]), name
    layer = {"type": "conv2d", "kernel": {"shape": list(weight.shape), "values": flat(weight)},
             "bias": flat(bias), "stride": list(stride), "padding": desc, "dilation": list(dilation),
             "groups": groups, "padding_mode": mode}
    return {"name": name, "input": {"shape": [c, h, w], "data": flat(x[0])}, "layer": layer, "sides": sides,
            "output": {"shape": list(y.shape[1:]), "data": flat(y[0])}}


def main():
    rng = random.Random(15)
    cases = []
    # Per side: each side on its own, all four different, with every padding mode.
    for mode in ("zeros", "reflect", "replicate", "circular"):
        cases.append(case(rng, f"per-side 0,2,1,3 {mode}", 2, 6, 7, 2, (3, 3), (1, 1), (1, 1), (0, 2, 1, 3), mode))
    cases.append(case(rng, "per-side top only", 1, 5, 5, 1, (3, 3), (1, 1), (1, 1), (2, 0, 0, 0)))
    cases.append(case(rng, "per-side right only, stride 2", 1, 6, 6, 1, (2, 2), (2, 2), (1, 1), (0, 0, 0, 1)))
    cases.append(case(rng, "per-side dilated 2, stride 3,2", 3, 9, 8, 2, (3, 2), (3, 2), (2, 2), (1, 3, 2, 0)))
    cases.append(case(rng, "per-side grouped", 4, 7, 6, 4, (3, 3), (2, 1), (1, 1), (1, 0, 0, 1), groups=2))
    # SAME_UPPER / SAME_LOWER: strides 1-3, odd and even sizes and kernels, dilation.
    for kind in ("same_upper", "same_lower"):
        for s in (1, 2, 3):
            for size in (7, 8):
                for k in (2, 3, 4):
                    cases.append(case(rng, f"{kind} H={size} k={k} s={s}", 1, size, size + 1, 2, (k, k), (s, s),
                                      (1, 1), kind))
        cases.append(case(rng, f"{kind} dilated 2, k 3, s 2", 2, 9, 10, 1, (3, 3), (2, 2), (2, 2), kind))
        cases.append(case(rng, f"{kind} dilated 3,1 k 3,4 s 1,3", 1, 10, 11, 1, (3, 4), (1, 3), (3, 1), kind))
        cases.append(case(rng, f"{kind} stride past the kernel", 1, 10, 10, 1, (2, 2), (3, 3), (1, 1), kind))
        cases.append(case(rng, f"{kind} reflect s 2", 1, 8, 7, 1, (4, 4), (2, 2), (1, 1), kind, "reflect"))
        cases.append(case(rng, f"{kind} 1x1 s 2 needs none", 1, 7, 8, 1, (1, 1), (2, 2), (1, 1), kind))
    # PyTorch's own "same" is SAME_UPPER at stride 1: check that here, on PyTorch.
    x = rand(rng, (1, 1, 6, 6))
    wgt = rand(rng, (1, 1, 4, 4))
    t, b = same_axis(6, 4, 1, 1, True)
    assert torch.equal(F.conv2d(x, wgt, padding="same"), F.conv2d(F.pad(x, (t, b, t, b)), wgt))
    with open(os.path.join(HERE, "padding_cases.json"), "w") as f:
        json.dump({"generator": "make_padding_golden.py", "torch": torch.__version__, "cases": cases}, f,
                  separators=(",", ":"))
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
