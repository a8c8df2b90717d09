#!/usr/bin/python3
"""Generate PyTorch autograd fixtures for the backward pass and for learning
(tests/golden/backward_cases.json, tests/golden/learn_cases.json).

Layers are written as sessions write them (version 3 "layers"), so the same cases feed the
core tests and the CLI tests. Inputs, weights and targets are float32 values; autograd runs
on them widened to float64, so the fixture is the exact gradient that convscope's float32
must match within float rounding. Learning runs torch.optim.SGD, also in float64.

Regenerate from the repository root with Debian's torch (not a pyenv python):

    /usr/bin/python3 tests/golden/make_backward_golden.py

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
    return v


def flat(t):
    return [num(float(x)) for x in t.detach().reshape(-1).tolist()]


def tensor_json(t):
    return {"shape": list(t.shape), "data": flat(t)}


def f32(values, shape):
    return torch.tensor(values, dtype=torch.float32).reshape(shape)


def uniform(rng, shape, lo=-1.0, hi=1.0):
    n = math.prod(shape)
    return f32([rng.uniform(lo, hi) for _ in range(n)], shape)


def ints(rng, shape, lo=-3, hi=3):
    n = math.prod(shape)
    return f32([float(rng.randint(lo, hi)) for _ in range(n)], shape)


# ---- layers as sessions write them ------------------------------------------------------

def conv(w, b=None, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1, mode="zeros"):
    return {"type": "conv2d", "kernel": {"shape": list(w.shape), "values": flat(w)},
            "bias": flat(b) if b is not None else [], "stride": list(stride),
            "padding": padding if isinstance(padding, str) else list(padding), "dilation": list(dilation),
            "groups": groups, "padding_mode": mode}


def convt(w, b=None, stride=(1, 1), padding=(0, 0), output_padding=(0, 0), dilation=(1, 1), groups=1):
    """conv_transpose2d; w is PyTorch's (C, OC/groups, KH, KW)."""
    return {"type": "conv_transpose2d", "kernel": {"shape": list(w.shape), "values": flat(w)},
            "bias": flat(b) if b is not None else [], "stride": list(stride), "padding": list(padding),
            "output_padding": list(output_padding), "dilation": list(dilation), "groups": groups}


def relu():
    return {"type": "relu"}


def leaky(slope):
    return {"type": "leaky_relu", "negative_slope": slope}


def maxpool(k, stride=None, padding=(0, 0), dilation=(1, 1), ceil=False):
    return {"type": "max_pool2d", "kernel_size": list(k), "stride": list(stride or k), "padding": list(padding),
            "dilation": list(dilation), "ceil_mode": ceil}


def avgpool(k, stride=None, padding=(0, 0), ceil=False, cip=True):
    return {"type": "avg_pool2d", "kernel_size": list(k), "stride": list(stride or k), "padding": list(padding),
            "ceil_mode": ceil, "count_include_pad": cip}


def params_of(layer):
    """The layer's learnable tensors (float64 leaves), or None."""
    if layer["type"] not in ("conv2d", "conv_transpose2d"):
        return None
    w = torch.tensor(layer["kernel"]["values"], dtype=torch.float32).double().reshape(layer["kernel"]["shape"])
    b = torch.tensor(layer["bias"], dtype=torch.float32).double() if layer["bias"] else None
    w.requires_grad_(True)
    if b is not None:
        b.requires_grad_(True)
    return w, b


def run_layer(layer, x, p):
    t = layer["type"]
    if t == "conv2d":
        w, b = p
        mode = layer["padding_mode"]
        pad = layer["padding"]
        conv2d = torch.nn.Conv2d(1, 1, 1)  # only for its padding arithmetic via functional below
        del conv2d
        if mode == "zeros":
            return F.conv2d(x, w, b, tuple(layer["stride"]), pad if isinstance(pad, str) else tuple(pad),
                            tuple(layer["dilation"]), layer["groups"])
        # PyTorch's Conv2d with another padding mode pads with F.pad first, then convolves with 0 padding.
        kh, kw = w.shape[2], w.shape[3]
        dh, dw = layer["dilation"]
        if pad == "same":
            th, tw = dh * (kh - 1), dw * (kw - 1)
            pads = (tw // 2, tw - tw // 2, th // 2, th - th // 2)
        elif pad == "valid":
            pads = (0, 0, 0, 0)
        else:
            pads = (pad[1], pad[1], pad[0], pad[0])
        return F.conv2d(F.pad(x, pads, mode=mode), w, b, tuple(layer["stride"]), 0, tuple(layer["dilation"]),
                        layer["groups"])
    if t == "conv_transpose2d":
        w, b = p
        return F.conv_transpose2d(x, w, b, tuple(layer["stride"]), tuple(layer["padding"]),
                                  tuple(layer["output_padding"]), layer["groups"], tuple(layer["dilation"]))
    if t == "relu":
        return F.relu(x)
    if t == "leaky_relu":
        return F.leaky_relu(x, layer["negative_slope"])
    if t == "max_pool2d":
        return F.max_pool2d(x, tuple(layer["kernel_size"]), tuple(layer["stride"]), tuple(layer["padding"]),
                            tuple(layer["dilation"]), ceil_mode=layer["ceil_mode"])
    if t == "avg_pool2d":
        return F.avg_pool2d(x, tuple(layer["kernel_size"]), tuple(layer["stride"]), tuple(layer["padding"]),
                            ceil_mode=layer["ceil_mode"], count_include_pad=layer["count_include_pad"])
    raise ValueError(t)


def check_modules(layers, x):
    """The functional calls above equal nn.Conv2d & co. on the same values (float64)."""
    y = x
    for layer in layers:
        if layer["type"] == "conv2d":
            w, b = params_of(layer)
            pad = layer["padding"]
            m = torch.nn.Conv2d(w.shape[1] * layer["groups"], w.shape[0], tuple(w.shape[2:]),
                                stride=tuple(layer["stride"]), padding=pad if isinstance(pad, str) else tuple(pad),
                                dilation=tuple(layer["dilation"]), groups=layer["groups"], bias=b is not None,
                                padding_mode=layer["padding_mode"]).double()
            with torch.no_grad():
                m.weight.copy_(w)
                if b is not None:
                    m.bias.copy_(b)
            z = m(y)
            assert torch.allclose(z, run_layer(layer, y, (w, b))), layer
            y = z
        elif layer["type"] == "conv_transpose2d":
            w, b = params_of(layer)
            g = layer["groups"]
            m = torch.nn.ConvTranspose2d(w.shape[0], w.shape[1] * g, tuple(w.shape[2:]), stride=tuple(layer["stride"]),
                                         padding=tuple(layer["padding"]),
                                         output_padding=tuple(layer["output_padding"]), groups=g, bias=b is not None,
                                         dilation=tuple(layer["dilation"])).double()
            with torch.no_grad():
                m.weight.copy_(w)
                if b is not None:
                    m.bias.copy_(b)
            z = m(y)
            assert torch.allclose(z, run_layer(layer, y, (w, b))), layer
            y = z
        else:
            y = run_layer(layer, y, None)


def forward(layers, x, params):
    inputs, y = [], x
    for layer, p in zip(layers, params):
        y.retain_grad()
        inputs.append(y)
        y = run_layer(layer, y, p)
    return inputs, y


def loss_of(y, target):
    return y.sum() if target is None else 0.5 * ((y - target) ** 2).sum()


def grad_case(name, x, layers, rng=None):
    """The sum of the outputs as the loss, or with an rng ½·Σ(y − t)² against a random target."""
    x64 = x.double().unsqueeze(0).requires_grad_(True)
    check_modules(layers, x.double().unsqueeze(0))
    params = [params_of(l) for l in layers]
    inputs, y = forward(layers, x64, params)
    target = None if rng is None else uniform(rng, tuple(y.shape[1:]))
    t64 = None if target is None else target.double().unsqueeze(0)
    loss = loss_of(y, t64)
    loss.backward()
    expected = []
    for inp, p in zip(inputs, params):
        e = {"grad_input": tensor_json(inp.grad[0])}
        if p is not None:
            e["grad_weight"] = tensor_json(p[0].grad)
            e["grad_bias"] = flat(p[1].grad) if p[1] is not None else []
        expected.append(e)
    return {"name": name, "input": tensor_json(x), "layers": layers,
            "loss": "sum" if target is None else {"target": tensor_json(target)},
            "expected": {"loss": float(loss), "output": tensor_json(y[0].detach()), "layers": expected}}


def learn_case(name, x, layers, target, lr, momentum, steps=50):
    params = [params_of(l) for l in layers]
    leaves = [t for p in params if p is not None for t in p if t is not None]
    opt = torch.optim.SGD(leaves, lr=lr, momentum=momentum)
    x64 = x.double().unsqueeze(0)
    t64 = target.double().unsqueeze(0)
    losses, checkpoints = [], {}
    for step in range(1, steps + 1):
        opt.zero_grad()
        y = x64
        for layer, p in zip(layers, params):
            y = run_layer(layer, y, p)
        loss = loss_of(y, t64)
        losses.append(float(loss))
        loss.backward()
        opt.step()
        if step in (1, 10, 50):
            checkpoints[str(step)] = [
                None if p is None else {"weight": tensor_json(p[0]), "bias": flat(p[1]) if p[1] is not None else []}
                for p in params]
    return {"name": name, "input": tensor_json(x), "layers": layers, "target": tensor_json(target), "lr": lr,
            "momentum": momentum, "steps": steps, "losses": losses, "checkpoints": checkpoints}


def main():
    rng = random.Random(14)
    g = []
    # conv2d, one parameter at a time and all together; every padding mode.
    g.append(grad_case("conv_plain_sum", uniform(rng, (1, 5, 6)), [conv(uniform(rng, (1, 1, 3, 3)), uniform(rng, (1,)))]))
    for mode in ("zeros", "reflect", "replicate", "circular"):
        g.append(grad_case(f"conv_{mode}_stride_pad_dilation_groups", uniform(rng, (4, 9, 8)),
                           [conv(uniform(rng, (6, 2, 3, 2)), uniform(rng, (6,)), stride=(1, 2), padding=(2, 1),
                                 dilation=(2, 1), groups=2, mode=mode)], rng))
        g.append(grad_case(f"conv_{mode}_same_even_kernel", uniform(rng, (2, 6, 7)),
                           [conv(uniform(rng, (3, 2, 2, 4)), uniform(rng, (3,)), padding="same", mode=mode)]))
    g.append(grad_case("conv_stride2_pad1", uniform(rng, (2, 9, 10)),
                       [conv(uniform(rng, (3, 2, 3, 3)), uniform(rng, (3,)), stride=(2, 2), padding=(1, 1))], rng))
    g.append(grad_case("conv_stride3_dilation2_drops_rows", uniform(rng, (1, 12, 11)),
                       [conv(uniform(rng, (2, 1, 3, 3)), None, stride=(3, 2), padding=(0, 1), dilation=(2, 2))]))
    g.append(grad_case("conv_1x1_padding_beyond_kernel", uniform(rng, (2, 4, 5)),
                       [conv(uniform(rng, (2, 2, 1, 1)), uniform(rng, (2,)), padding=(2, 1))]))
    g.append(grad_case("conv_depthwise_valid", uniform(rng, (3, 7, 7)),
                       [conv(uniform(rng, (3, 1, 3, 3)), uniform(rng, (3,)), padding="valid", groups=3)], rng))
    g.append(grad_case("conv_large_stride_kernel", uniform(rng, (1, 16, 16)),
                       [conv(uniform(rng, (2, 1, 7, 7)), uniform(rng, (2,)), padding=(3, 3))], rng))
    # Activations: zeros in the input, where ReLU's gradient is 0.
    g.append(grad_case("relu_zeros", ints(rng, (2, 4, 5)), [relu()], rng))
    g.append(grad_case("leaky_relu_slope", ints(rng, (1, 5, 5)), [leaky(0.2)], rng))
    # Max pooling: ties (small integers), overlapping windows, ceil mode, padding, dilation.
    g.append(grad_case("max_ties_2x2", ints(rng, (2, 6, 6), 0, 1), [maxpool((2, 2))], rng))
    g.append(grad_case("max_overlap_3_stride1_ties", ints(rng, (1, 6, 7), 0, 2), [maxpool((3, 3), (1, 1))]))
    g.append(grad_case("max_overlap_pad_ceil", ints(rng, (2, 7, 8), -2, 2),
                       [maxpool((3, 3), (2, 2), padding=(1, 1), ceil=True)], rng))
    g.append(grad_case("max_dilated_ceil", uniform(rng, (1, 9, 9)),
                       [maxpool((2, 3), (2, 2), padding=(1, 1), dilation=(2, 2), ceil=True)]))
    g.append(grad_case("max_apart_pad_ceil_gaps", uniform(rng, (1, 8, 9)),
                       [maxpool((2, 2), (3, 3), padding=(1, 1), ceil=True)], rng))
    g.append(grad_case("max_all_equal", f32([1.0] * 32, (2, 4, 4)), [maxpool((2, 2), (1, 1))]))
    # Average pooling: PyTorch's divisor.
    for cip in (True, False):
        g.append(grad_case(f"avg_pad_ceil_cip_{cip}", uniform(rng, (2, 7, 6)),
                           [avgpool((3, 2), (2, 2), padding=(1, 1), ceil=True, cip=cip)], rng))
    g.append(grad_case("avg_apart_pad_ceil_gaps", uniform(rng, (2, 9, 8)),
                       [avgpool((2, 2), (3, 3), padding=(1, 1), ceil=True, cip=False)], rng))
    g.append(grad_case("avg_overlap", uniform(rng, (1, 6, 6)), [avgpool((3, 3), (1, 1))]))
    g.append(grad_case("avg_ceil_no_pad", uniform(rng, (1, 7, 7)), [avgpool((2, 2), ceil=True)]))
    # Stacks.
    g.append(grad_case("stack_conv_relu_max_conv", uniform(rng, (3, 12, 12)),
                       [conv(uniform(rng, (4, 3, 3, 3)), uniform(rng, (4,)), padding=(1, 1)), relu(),
                        maxpool((2, 2)), conv(uniform(rng, (2, 4, 3, 3)), uniform(rng, (2,)))], rng))
    g.append(grad_case("stack_reflect_leaky_avg_grouped", uniform(rng, (2, 11, 10)),
                       [conv(uniform(rng, (4, 2, 3, 3)), uniform(rng, (4,)), padding=(1, 1), mode="reflect"),
                        leaky(0.1), avgpool((3, 3), (2, 2), padding=(1, 1), ceil=True, cip=False),
                        conv(uniform(rng, (4, 2, 2, 2)), None, groups=2, mode="circular", padding=(1, 1)), relu(),
                        maxpool((2, 2), (1, 1))]))
    g.append(grad_case("stack_strided_dilated", uniform(rng, (1, 15, 14)),
                       [conv(uniform(rng, (3, 1, 3, 3)), uniform(rng, (3,)), stride=(2, 2), dilation=(2, 2),
                             padding=(2, 2), mode="replicate"), relu(),
                        conv(uniform(rng, (1, 3, 2, 2)), uniform(rng, (1,)), stride=(2, 1))], rng))

    # conv_transpose2d (its own seed, so the cases above keep their values): each parameter,
    # output_padding up to the dilation (rows no input reaches), groups, without bias, and the
    # autoencoder's round trip conv → ReLU → conv_transpose2d back to the input size.
    rt = random.Random(13)
    g.append(grad_case("convt_stride2_output_padding1", uniform(rt, (2, 4, 5)),
                       [convt(uniform(rt, (2, 3, 3, 3)), uniform(rt, (3,)), stride=(2, 2), padding=(1, 1),
                              output_padding=(1, 1))], rt))
    g.append(grad_case("convt_dilation2_no_bias", uniform(rt, (1, 5, 4)),
                       [convt(uniform(rt, (1, 2, 3, 2)), None, stride=(1, 2), padding=(2, 0), dilation=(2, 2))], rt))
    g.append(grad_case("convt_output_padding_beyond_stride_and_padding", uniform(rt, (2, 4, 4)),
                       [convt(uniform(rt, (2, 1, 3, 3)), uniform(rt, (1,)), stride=(1, 2), padding=(0, 1),
                              output_padding=(2, 1), dilation=(3, 2))], rt))
    g.append(grad_case("convt_groups2_stride_pad_dilation", uniform(rt, (4, 5, 6)),
                       [convt(uniform(rt, (4, 3, 2, 3)), uniform(rt, (6,)), stride=(2, 3), padding=(1, 2),
                              output_padding=(1, 2), dilation=(2, 1), groups=2)], rt))
    g.append(grad_case("convt_depthwise_kernel4_stride2", uniform(rt, (3, 4, 4)),
                       [convt(uniform(rt, (3, 1, 4, 4)), uniform(rt, (3,)), stride=(2, 2), padding=(1, 1),
                              groups=3)]))
    g.append(grad_case("stack_conv_relu_convt_round_trip", uniform(rt, (2, 8, 8)),
                       [conv(uniform(rt, (4, 2, 3, 3)), uniform(rt, (4,)), stride=(2, 2), padding=(1, 1)), relu(),
                        convt(uniform(rt, (4, 2, 3, 3)), uniform(rt, (2,)), stride=(2, 2), padding=(1, 1),
                              output_padding=(1, 1))], rt))
    g.append(grad_case("stack_convt_relu_max_convt_groups", uniform(rt, (2, 3, 4)),
                       [convt(uniform(rt, (2, 2, 2, 2)), None, stride=(2, 2)), relu(), maxpool((2, 2), (1, 1)),
                        convt(uniform(rt, (2, 1, 3, 3)), uniform(rt, (2,)), padding=(1, 1), groups=2)]))

    learn = []
    # Learning Sobel x: the target is the input filtered by it; the kernel starts from zeros.
    x = uniform(rng, (1, 12, 12), 0.0, 1.0)
    sobel = f32([-1, 0, 1, -2, 0, 2, -1, 0, 1], (1, 1, 3, 3))
    target = F.conv2d(x.double().unsqueeze(0), sobel.double(), padding=1)[0].float()
    zero = conv(torch.zeros(1, 1, 3, 3), torch.zeros(1), padding=(1, 1))
    learn.append(learn_case("sobel_from_zeros_sgd", x, [zero], target, lr=0.002, momentum=0.0))
    learn.append(learn_case("sobel_from_zeros_momentum", x, [zero], target, lr=0.001, momentum=0.9))
    x = uniform(rng, (2, 8, 8))
    learn.append(learn_case("stack_conv_relu_max_conv_momentum", x,
                            [conv(uniform(rng, (3, 2, 3, 3), -0.5, 0.5), uniform(rng, (3,), -0.1, 0.1),
                                  padding=(1, 1)), relu(), maxpool((2, 2)),
                             conv(uniform(rng, (1, 3, 3, 3), -0.5, 0.5), uniform(rng, (1,), -0.1, 0.1),
                                  padding=(1, 1))],
                            uniform(rng, (1, 4, 4)), lr=0.05, momentum=0.5))

    # The autoencoder's round trip learning to reproduce its input (its own seed, as above).
    x = uniform(rt, (1, 8, 8))
    learn.append(learn_case("round_trip_conv_relu_convt_momentum", x,
                            [conv(uniform(rt, (3, 1, 3, 3), -0.5, 0.5), uniform(rt, (3,), -0.1, 0.1),
                                  stride=(2, 2), padding=(1, 1)), relu(),
                             convt(uniform(rt, (3, 1, 3, 3), -0.5, 0.5), uniform(rt, (1,), -0.1, 0.1),
                                   stride=(2, 2), padding=(1, 1), output_padding=(1, 1))],
                            x, lr=0.02, momentum=0.5))

    for path, key, cases in (("backward_cases.json", "cases", g), ("learn_cases.json", "cases", learn)):
        with open(os.path.join(HERE, path), "w") as f:
            json.dump({"torch_version": torch.__version__, key: cases}, f, separators=(",", ":"))
            f.write("\n")
    print(f"{len(g)} gradient cases, {len(learn)} learning cases")


if __name__ == "__main__":
    main()
