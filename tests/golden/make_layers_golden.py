#!/usr/bin/python3
"""Generate PyTorch fixtures for stacks of layers in free order (tests/golden/layers_cases.json).

Each case is an nn.Sequential of Conv2d (with groups), ConvTranspose2d, ReLU, LeakyReLU,
MaxPool2d and AvgPool2d in the order a real network uses them (a VGG block, depthwise
separable, grouped, pool first, an autoencoder's round trip, ...), run by PyTorch itself. The file keeps the input, each layer described with
the keys convscope's version-3 sessions use (PyTorch's argument names), and every layer's
output, so layers_golden_test.cpp can compare each intermediate map with convscope's.

Regenerate from the repository root with Debian's torch (not a pyenv python):

    /usr/bin/python3 tests/golden/make_layers_golden.py

Deterministic: fixed seeds, one torch thread.
"""

import json
import math
import os
import random

import torch
from torch import nn

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


def num(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    # Nine significant digits identify a float32; the shorter text keeps the file small.
    return float("%.9g" % v)


def flat(t):
    return [num(float(x)) for x in t.detach().reshape(-1).tolist()]


def values(rng, shape, ints):
    n = 1
    for d in shape:
        n *= d
    # Small integers make every sum exact whatever the order; uniform values test rounding.
    gen = (lambda: float(rng.randint(-3, 3))) if ints else (lambda: rng.uniform(-1, 1))
    return torch.tensor([gen() for _ in range(n)], dtype=torch.float32).reshape(shape)


def pair(v):
    return [v, v] if isinstance(v, int) else list(v)


# ---- layers: each returns (the nn module, its description as a version-3 session writes it)


def conv(rng, cin, cout, k, *, stride=1, padding=0, dilation=1, groups=1, mode="zeros", bias=True, ints=False):
    k = pair(k)
    weight = values(rng, (cout, cin // groups, k[0], k[1]), ints)
    b = values(rng, (cout,), ints) if bias else None
    m = nn.Conv2d(cin, cout, tuple(k), stride=tuple(pair(stride)),
                  padding=padding if isinstance(padding, str) else tuple(pair(padding)),
                  dilation=tuple(pair(dilation)), groups=groups, bias=bias, padding_mode=mode)
    with torch.no_grad():
        m.weight.copy_(weight)
        if bias:
            m.bias.copy_(b)
    desc = {"type": "conv2d", "kernel": {"shape": list(weight.shape), "values": flat(weight)},
            "bias": flat(b) if bias else [], "stride": pair(stride),
            "padding": padding if isinstance(padding, str) else pair(padding), "dilation": pair(dilation),
            "groups": groups, "padding_mode": mode}
    return m, desc


def conv_t(rng, cin, cout, k, *, stride=1, padding=0, output_padding=0, dilation=1, groups=1, bias=True,
           ints=False):
    k = pair(k)
    weight = values(rng, (cin, cout // groups, k[0], k[1]), ints)  # (C, OC/groups, KH, KW)
    b = values(rng, (cout,), ints) if bias else None
    m = nn.ConvTranspose2d(cin, cout, tuple(k), stride=tuple(pair(stride)), padding=tuple(pair(padding)),
                           output_padding=tuple(pair(output_padding)), groups=groups, bias=bias,
                           dilation=tuple(pair(dilation)))
    with torch.no_grad():
        m.weight.copy_(weight)
        if bias:
            m.bias.copy_(b)
    desc = {"type": "conv_transpose2d", "kernel": {"shape": list(weight.shape), "values": flat(weight)},
            "bias": flat(b) if bias else [], "stride": pair(stride), "padding": pair(padding),
            "output_padding": pair(output_padding), "dilation": pair(dilation), "groups": groups}
    return m, desc


def relu():
    return nn.ReLU(), {"type": "relu"}


def leaky_relu(slope):
    return nn.LeakyReLU(slope), {"type": "leaky_relu", "negative_slope": slope}


def max_pool(k, stride=None, padding=0, dilation=1, ceil=False):
    stride = k if stride is None else stride
    m = nn.MaxPool2d(tuple(pair(k)), tuple(pair(stride)), tuple(pair(padding)), tuple(pair(dilation)),
                     ceil_mode=ceil)
    return m, {"type": "max_pool2d", "kernel_size": pair(k), "stride": pair(stride), "padding": pair(padding),
               "dilation": pair(dilation), "ceil_mode": ceil}


def avg_pool(k, stride=None, padding=0, ceil=False, include_pad=True):
    stride = k if stride is None else stride
    m = nn.AvgPool2d(tuple(pair(k)), tuple(pair(stride)), tuple(pair(padding)), ceil_mode=ceil,
                     count_include_pad=include_pad)
    return m, {"type": "avg_pool2d", "kernel_size": pair(k), "stride": pair(stride), "padding": pair(padding),
               "ceil_mode": ceil, "count_include_pad": include_pad}


def run_case(name, x, layers, exact=False):
    model = nn.Sequential(*[m for m, _ in layers])
    outputs = []
    y = x.unsqueeze(0)
    with torch.no_grad():
        for m in model:  # Sequential's own order, keeping every intermediate map
            y = m(y)
            outputs.append({"shape": list(y.shape[1:]), "values": flat(y[0])})
        whole = model(x.unsqueeze(0))
        if exact:  # float32 gives the float64 numbers: no rounding anywhere
            assert torch.equal(model.double()(x.double().unsqueeze(0)), y.double()), name
    assert torch.equal(whole, y), name
    return {"name": name, "input": {"shape": list(x.shape), "values": flat(x)},
            "layers": [d for _, d in layers], "outputs": outputs}


def main():
    rng = random.Random(12)
    cases = []

    # VGG block on an RGB-ish picture: conv, ReLU, conv, ReLU, max pool.
    cases.append(run_case("vgg_block_rgb", values(rng, (3, 12, 12), False), [
        conv(rng, 3, 6, 3, padding=1), relu(), conv(rng, 6, 6, 3, padding=1), relu(), max_pool(2)]))

    # Two convs back to back, no activation between them; the second strided and padded.
    cases.append(run_case("conv_conv", values(rng, (4, 10, 10), True), [
        conv(rng, 4, 4, 3, ints=True), conv(rng, 4, 2, 3, stride=2, padding=1, ints=True)]))

    # Pool first (ceil mode and padding), 'same' conv, ReLU, avg pool ignoring its padding.
    cases.append(run_case("pool_first", values(rng, (3, 13, 13), False), [
        max_pool(3, 2, 1, ceil=True), conv(rng, 3, 4, 3, padding="same"), relu(),
        avg_pool(2, 2, 1, ceil=True, include_pad=False)]))

    # Depthwise separable (MobileNet): depthwise 3×3 (groups = C), pointwise 1×1, ReLU.
    cases.append(run_case("depthwise_separable_rgb", values(rng, (3, 14, 14), False), [
        conv(rng, 3, 3, 3, padding=1, groups=3, bias=False), conv(rng, 3, 8, 1), relu()]))

    # Grouped, G = 2: reflect padding, leaky ReLU, then dilated with replicate padding.
    cases.append(run_case("grouped_g2", values(rng, (4, 10, 10), True), [
        conv(rng, 4, 6, 3, padding=1, groups=2, mode="reflect", ints=True), leaky_relu(0.25),
        conv(rng, 6, 4, 3, padding=2, dilation=2, groups=2, mode="replicate", ints=True)]))

    # Grouped, G = 4 on 8 channels: strided circular conv, ReLU, grouped pointwise 1×1.
    cases.append(run_case("grouped_g4", values(rng, (8, 9, 9), False), [
        conv(rng, 8, 8, 3, stride=2, padding=1, groups=4, mode="circular"), relu(),
        conv(rng, 8, 4, 1, groups=4)]))

    # Channel multiplier 2: groups = C, OC = 2C; then a dilated max pool with padding.
    cases.append(run_case("depthwise_multiplier2", values(rng, (4, 11, 11), False), [
        conv(rng, 4, 8, 3, padding="same", groups=4), relu(), max_pool(3, 2, 1, dilation=2)]))

    # Every padding mode in turn, with rectangular kernels, per-axis stride and dilation.
    cases.append(run_case("padding_modes", values(rng, (2, 11, 12), False), [
        conv(rng, 2, 2, 3, padding=1, mode="zeros"), leaky_relu(0.1),
        conv(rng, 2, 2, (3, 2), padding=(2, 1), stride=(1, 2), mode="reflect"),
        conv(rng, 2, 2, (2, 3), padding=(1, 2), dilation=(2, 1), mode="replicate"),
        conv(rng, 2, 2, 3, padding=(2, 1), dilation=(2, 1), mode="circular")]))

    # Depthwise, stride 2 and dilation 2 with reflect padding, then avg pool with ceil mode.
    cases.append(run_case("depthwise_stride_dilation", values(rng, (8, 16, 16), False), [
        conv(rng, 8, 8, 3, stride=2, padding=2, dilation=2, groups=8, mode="reflect"),
        avg_pool(3, 2, 1, ceil=True, include_pad=True)]))

    # Depthwise kernels the engine has fast paths for (5×5 and 7×7 square, rows wider than
    # a vector), then an 11×11 over channel pairs. Its 242-term sums would round past the
    # float32 tolerance, so this case is integers throughout: exact in any order (checked).
    cases.append(run_case("depthwise_wide_rows", values(rng, (4, 14, 40), True), [
        conv(rng, 4, 4, 5, padding=2, groups=4, ints=True),
        conv(rng, 4, 4, 7, padding=3, groups=4, mode="replicate", ints=True), relu(),
        conv(rng, 4, 2, 11, padding=5, groups=2, ints=True)], exact=True))

    # ---- conv_transpose2d (issue 13), alone and in stacks ----------------------------------
    # The textbook case: 4×4, 3×3, stride 2 (overlapping stamps: the checkerboard).
    cases.append(run_case("convt_4x4_k3_s2", values(rng, (1, 4, 4), True), [
        conv_t(rng, 1, 1, 3, stride=2, ints=True)], exact=True))
    # Kernel 4, stride 2, padding 1: the DCGAN upsampler (every cell gets four stamps).
    cases.append(run_case("convt_k4_s2_p1", values(rng, (2, 5, 6), False), [
        conv_t(rng, 2, 3, 4, stride=2, padding=1)]))
    # Every parameter at once, per axis: odd sizes, output_padding below the stride,
    # dilation, rectangular kernel, no bias.
    cases.append(run_case("convt_every_parameter", values(rng, (3, 7, 5), False), [
        conv_t(rng, 3, 2, (3, 2), stride=(3, 2), padding=(2, 1), output_padding=(2, 1), dilation=(2, 3),
               bias=False)]))
    # output_padding allowed by the dilation alone (stride 1), padding past d·(k − 1): the
    # equivalent convolution crops.
    cases.append(run_case("convt_dilation_output_padding", values(rng, (2, 6, 7), False), [
        conv_t(rng, 2, 2, 3, stride=1, padding=(3, 1), output_padding=1, dilation=2)]))
    # Stride larger than the kernel: cells no stamp reaches hold the bias alone.
    cases.append(run_case("convt_stride_past_kernel", values(rng, (2, 4, 3), True), [
        conv_t(rng, 2, 2, 2, stride=3, output_padding=(2, 1), ints=True)], exact=True))
    # Groups 2 (4 → 6 channels) and depthwise (groups = C, one output each), 1×1 kernel.
    cases.append(run_case("convt_groups", values(rng, (4, 5, 5), False), [
        conv_t(rng, 4, 6, 3, stride=2, padding=1, output_padding=1, groups=2), relu(),
        conv_t(rng, 6, 6, 3, stride=1, padding=1, groups=6), conv_t(rng, 6, 2, 1, stride=2)]))
    # An autoencoder's round trip: conv down by 2, ReLU, transposed conv back to the input size.
    cases.append(run_case("convt_autoencoder_round_trip", values(rng, (3, 16, 16), False), [
        conv(rng, 3, 8, 3, stride=2, padding=1), relu(),
        conv_t(rng, 8, 3, 3, stride=2, padding=1, output_padding=1)]))
    # Odd input, down twice and up twice, with max pooling and a leaky ReLU between.
    cases.append(run_case("convt_unet_like", values(rng, (2, 13, 11), False), [
        conv(rng, 2, 4, 3, padding=1), relu(), max_pool(2), conv(rng, 4, 4, 3, stride=2, padding=1),
        leaky_relu(0.1), conv_t(rng, 4, 4, 4, stride=2, padding=1), relu(),
        conv_t(rng, 4, 2, 3, stride=2, padding=1, output_padding=(0, 1))]))

    path = os.path.join(HERE, "layers_cases.json")
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
