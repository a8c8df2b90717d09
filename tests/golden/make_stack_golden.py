#!/usr/bin/python3
"""Generate PyTorch fixtures for whole stacks (tests/golden/stack_cases.json).

Each case is up to four stages of conv2d -> activation -> pooling, run by PyTorch itself;
the file keeps every stage's conv output, activated output and pooled output, so
stack_golden_test.cpp can compare each intermediate map with convscope's.

Regenerate from the repository root with Debian's torch (not a pyenv python):

    /usr/bin/python3 tests/golden/make_stack_golden.py

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


def num(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v  # a float32 widened to double: json writes it exactly


def flat(t):
    return [num(float(x)) for x in t.detach().reshape(-1).tolist()]


def small_ints(rng, shape, lo=-3, hi=3):
    n = 1
    for d in shape:
        n *= d
    return torch.tensor([float(rng.randint(lo, hi)) for _ in range(n)], dtype=torch.float32).reshape(shape)


def uniform(rng, shape):
    n = 1
    for d in shape:
        n *= d
    return torch.tensor([rng.uniform(-1, 1) for _ in range(n)], dtype=torch.float32).reshape(shape)


def run_case(name, x, stages):
    out = {"name": name, "input": {"shape": list(x.shape), "data": flat(x)}, "stages": []}
    for st in stages:
        w, b = st["weight"], st["bias"]
        pad = st["padding"]
        mode = st["padding_mode"]
        conv = torch.nn.Conv2d(w.shape[1], w.shape[0], tuple(w.shape[2:]), stride=tuple(st["stride"]),
                               padding=pad if isinstance(pad, str) else tuple(pad), dilation=tuple(st["dilation"]),
                               bias=b is not None, padding_mode=mode)
        with torch.no_grad():
            conv.weight.copy_(w)
            if b is not None:
                conv.bias.copy_(b)
            c = conv(x.unsqueeze(0))
        act = st["activation"]
        if act == "relu":
            a = F.relu(c)
        elif act == "leaky_relu":
            a = F.leaky_relu(c, st["slope"])
        else:
            a = c
        p = st["pool"]
        if p is None:
            y = a
        elif p["mode"] == "max":
            y = F.max_pool2d(a, tuple(p["window"]), tuple(p["stride"]), tuple(p["padding"]), tuple(p["dilation"]),
                             ceil_mode=p["ceil_mode"])
        else:
            y = F.avg_pool2d(a, tuple(p["window"]), tuple(p["stride"]), tuple(p["padding"]), ceil_mode=p["ceil_mode"],
                             count_include_pad=p["count_include_pad"])
        out["stages"].append({
            "kernel": {"shape": list(w.shape), "data": flat(w)},
            "bias": flat(b) if b is not None else [],
            "stride": st["stride"], "padding": pad, "dilation": st["dilation"], "padding_mode": mode,
            "activation": act, "slope": st["slope"], "pool": p,
            "conv": {"shape": list(c.shape[1:]), "data": flat(c[0])},
            "activated": flat(a[0]),
            "output": {"shape": list(y.shape[1:]), "data": flat(y[0])},
        })
        x = y[0]
    return out


def stage(rng, cin, cout, k, *, stride=(1, 1), padding=(1, 1), dilation=(1, 1), mode="zeros", act="relu",
          slope=0.01, pool="max", window=(2, 2), pstride=None, ppad=(0, 0), pdil=(1, 1), ceil=False, cip=True,
          ints=True, bias=True):
    gen = small_ints if ints else uniform
    p = None
    if pool is not None:
        p = {"mode": pool, "window": list(window), "stride": list(pstride or window), "padding": list(ppad),
             "dilation": list(pdil), "ceil_mode": ceil, "count_include_pad": cip}
    return {"weight": gen(rng, (cout, cin, k[0], k[1])), "bias": gen(rng, (cout,)) if bias else None,
            "stride": list(stride), "padding": padding if isinstance(padding, str) else list(padding),
            "dilation": list(dilation), "padding_mode": mode, "activation": act, "slope": slope, "pool": p}


def main():
    rng = random.Random(8)
    cases = []
    # The example: conv(3→4, 3×3) → ReLU → max 2 → conv(4→2, 3×3), on a 3-channel picture.
    x = uniform(rng, (3, 12, 12))
    cases.append(run_case("rgb_conv4_relu_max2_conv2", x, [
        stage(rng, 3, 4, (3, 3), ints=False), stage(rng, 4, 2, (3, 3), padding=(0, 0), pool=None, act="none",
                                                    ints=False)]))
    # Integer grids: every value exact, whatever the summation order.
    x = small_ints(rng, (1, 11, 9))
    cases.append(run_case("ints_leaky_avg_ceil", x, [
        stage(rng, 1, 3, (3, 2), stride=(1, 2), act="leaky_relu", slope=0.25, pool="avg", window=(3, 3),
              pstride=(2, 2), ppad=(1, 1), ceil=True, cip=False),
        stage(rng, 3, 2, (2, 2), padding=(0, 0), act="relu", pool="max", window=(2, 2), pstride=(1, 1))]))
    x = uniform(rng, (2, 13, 13))
    cases.append(run_case("dilated_reflect_four_stages", x, [
        stage(rng, 2, 3, (3, 3), dilation=(2, 2), padding=(2, 2), mode="reflect", ints=False, pool=None),
        stage(rng, 3, 3, (3, 3), mode="replicate", ints=False, pool="max", window=(3, 3), pstride=(2, 2),
              ppad=(1, 1), pdil=(1, 1)),
        stage(rng, 3, 2, (1, 1), padding=(0, 0), ints=False, act="leaky_relu", slope=0.1, pool="avg",
              window=(2, 2), ceil=True),
        stage(rng, 2, 1, (2, 2), padding="same", mode="circular", ints=False, act="none", pool=None)]))
    x = small_ints(rng, (3, 10, 10), 0, 9)
    cases.append(run_case("max_dilated_pool_no_bias", x, [
        stage(rng, 3, 8, (3, 3), bias=False, pool="max", window=(2, 2), pstride=(2, 2), pdil=(2, 2)),
        stage(rng, 8, 2, (3, 3), stride=(2, 2), pool=None, act="relu")]))
    with open(os.path.join(HERE, "stack_cases.json"), "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} stack cases")


if __name__ == "__main__":
    main()
