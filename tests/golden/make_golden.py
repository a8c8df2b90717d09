#!/usr/bin/python3
"""Generate the PyTorch golden fixtures for convscope (tests/golden/cases.json).

How to regenerate (from the repository root):

    /usr/bin/python3 tests/golden/make_golden.py

Requirements: Debian 12's ``python3-torch`` (torch 1.13) and ``python3-numpy``
(``apt-get install python3-torch python3-numpy``).  Use /usr/bin/python3
explicitly: a pyenv/venv python usually has no torch.

Output is deterministic: every random choice comes from fixed-seed generators
and torch runs single-threaded, so rerunning with the same torch build gives a
byte-identical cases.json.  The script prints a summary (cases per op/mode,
error cases, and every distinct error message torch produced) to stdout.

What the file contains
----------------------
``{"torch_version": "...", "cases": [case, ...]}``, one case per line.  Every
expectation is computed by PyTorch itself (torch.nn.Conv2d, F.max_pool2d with
return_indices=True, F.avg_pool2d), so torch's own validity rules decide
whether a case is ``{"ok": true, ...}`` or ``{"ok": false, "error": ...}``.
Float32 values are written as the shortest decimal that round-trips to the
same double (= the same float32); NaN / +inf / -inf are written as the
strings "nan", "inf", "-inf".
"""

import json
import math
import os
import random
import sys
import warnings

import numpy as np
import torch
import torch.nn.functional as F

# Single thread: keeps float reductions in one fixed order, so outputs (and
# hence the file) are reproducible bit for bit.
torch.set_num_threads(1)
# We overwrite every parameter Conv2d initialises, but seed anyway so nothing
# in the run depends on ambient RNG state.
torch.manual_seed(0)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_PATH = os.path.join(HERE, "cases.json")

CASES = []
NAMES = set()


# --------------------------------------------------------------------------
# Value encoding
# --------------------------------------------------------------------------

def enc_float(v):
    """float32 -> JSON-able value that round-trips exactly.

    float(np.float32) is the exact double of the float32, and json.dumps
    writes the shortest repr of a double, which parses back to the same
    double, hence to the same float32.  JSON has no NaN/inf, so those are
    strings (the format agreed with the C++ side).
    """
    v = float(np.float32(v))
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc_tensor(t):
    return [enc_float(v) for v in np.asarray(t, dtype=np.float32).reshape(-1).tolist()]


def first_line(exc):
    msg = str(exc).strip()
    return msg.splitlines()[0] if msg else type(exc).__name__


def add_case(case):
    # Names are the fixture's identity in test output; duplicates would make
    # failures ambiguous, so refuse them outright.
    assert case["name"] not in NAMES, "duplicate case name " + case["name"]
    NAMES.add(case["name"])
    CASES.append(case)


# --------------------------------------------------------------------------
# Input generators.  Small integers keep every conv sum / pool sum exact in
# float32, so the C++ engine can be compared bit-exactly regardless of its
# summation order; the float cases exercise real rounding.
# --------------------------------------------------------------------------

def int_data(rng, shape, lo=-5, hi=5):
    n = int(np.prod(shape))
    return np.array([rng.randint(lo, hi) for _ in range(n)], dtype=np.float32).reshape(shape)


def float_data(rng, shape):
    n = int(np.prod(shape))
    # Uniform in [-1, 1], rounded to float32 (what the engine will read back).
    return np.array([rng.uniform(-1.0, 1.0) for _ in range(n)], dtype=np.float32).reshape(shape)


def distinct_data(rng, shape):
    """Distinct integer values: max pool results have no ties, so the
    returned indices are unambiguous (ties get their own dedicated cases)."""
    n = int(np.prod(shape))
    vals = list(range(-(n // 2), n - n // 2))
    rng.shuffle(vals)
    return np.array(vals, dtype=np.float32).reshape(shape)


def pair(v):
    return list(v) if isinstance(v, (tuple, list)) else [v, v]


# --------------------------------------------------------------------------
# Conv
# --------------------------------------------------------------------------

def conv_case(name, x, w, b, stride=1, padding=0, dilation=1, padding_mode="zeros"):
    """Record one conv case; expectation from torch.nn.Conv2d itself.

    x: (C,H,W) float32, w: (OC,C,KH,KW) float32, b: (OC,) or None.
    padding: int / pair / "same" / "valid".
    """
    x = np.asarray(x, dtype=np.float32)
    w = np.asarray(w, dtype=np.float32)
    C = x.shape[0]
    OC, WC, KH, KW = w.shape
    assert WC == C
    stride, dilation = pair(stride), pair(dilation)
    pad_json = padding if isinstance(padding, str) else pair(padding)
    case = {
        "name": name,
        "op": "conv",
        "input": {"shape": list(x.shape), "data": enc_tensor(x)},
        "weight": {"shape": list(w.shape), "data": enc_tensor(w)},
        "bias": None if b is None else enc_tensor(b),
        "stride": stride,
        "padding": pad_json,
        "dilation": dilation,
        "padding_mode": padding_mode,
    }
    try:
        with warnings.catch_warnings():
            # 'same' with even kernels warns about an extra copy; kernel 0
            # warns about initialising an empty tensor.  Irrelevant here.
            warnings.simplefilter("ignore")
            # Both construction and forward are inside the try: torch
            # validates some things in the constructor ('same' + stride,
            # padding strings) and the rest in F.pad / the conv kernel.
            m = torch.nn.Conv2d(
                C, OC, (KH, KW),
                stride=tuple(stride),
                padding=padding if isinstance(padding, str) else tuple(pair(padding)),
                dilation=tuple(dilation),
                bias=b is not None,
                padding_mode=padding_mode,
            )
            with torch.no_grad():
                m.weight.copy_(torch.from_numpy(w))
                if b is not None:
                    m.bias.copy_(torch.from_numpy(np.asarray(b, dtype=np.float32)))
                y = m(torch.from_numpy(x).unsqueeze(0))
        y = y.squeeze(0)
        case["expect"] = {"ok": True, "shape": list(y.shape), "data": enc_tensor(y.numpy())}
    except Exception as e:  # RuntimeError, ValueError, AssertionError, ...
        case["expect"] = {"ok": False, "error": first_line(e)}
    add_case(case)
    return case


def pstr(padding):
    if isinstance(padding, str):
        return padding
    ph, pw = pair(padding)
    return "p%d" % ph if ph == pw else "p%dx%d" % (ph, pw)


def sstr(prefix, v):
    a, b = pair(v)
    return "%s%d" % (prefix, a) if a == b else "%s%dx%d" % (prefix, a, b)


def auto_conv(rng, C, H, W, OC, KH, KW, stride=1, padding=0, dilation=1,
              padding_mode="zeros", bias=True, values="int", tag=""):
    """Build a conv case with generated data and a descriptive name."""
    gen = int_data if values == "int" else float_data
    x = gen(rng, (C, H, W))
    w = gen(rng, (OC, C, KH, KW))
    b = gen(rng, (OC,)) if bias else None
    name = "conv_%s%s_%s_%s_%s_k%dx%d_c%doc%d_on_%dx%d%s%s" % (
        tag + "_" if tag else "",
        padding_mode, pstr(padding), sstr("s", stride), sstr("d", dilation),
        KH, KW, C, OC, H, W,
        "" if bias else "_nobias",
        "_float" if values == "float" else "")
    return conv_case(name, x, w, b, stride, padding, dilation, padding_mode)


def gen_conv_handpicked():
    rng = random.Random(1001)

    # -- Classics -----------------------------------------------------------
    auto_conv(rng, 1, 5, 5, 1, 3, 3, tag="classic")                       # 5x5 * 3x3 -> 3x3
    auto_conv(rng, 1, 5, 5, 1, 3, 3, stride=2, padding=1, tag="classic")  # -> 3x3
    auto_conv(rng, 1, 5, 6, 1, 3, 3, stride=2, padding=1, padding_mode="reflect", tag="classic")
    auto_conv(rng, 1, 5, 5, 1, 3, 3, padding="valid", tag="classic")
    auto_conv(rng, 2, 6, 5, 2, 3, 3, stride=2, padding="valid", tag="classic")
    # Fixed 'ones' kernel: output = window sums, easy to eyeball.
    x = np.arange(25, dtype=np.float32).reshape(1, 5, 5)
    conv_case("conv_classic_ones3x3_on_arange5x5", x, np.ones((1, 1, 3, 3), np.float32), None)
    conv_case("conv_classic_ones3x3_p1_on_arange5x5", x, np.ones((1, 1, 3, 3), np.float32), None, padding=1)
    # Identity kernel (centre tap) with each padding mode: output shows the
    # padded input itself, i.e. exactly which border values each mode uses.
    ident = np.zeros((1, 1, 3, 3), np.float32)
    ident[0, 0, 1, 1] = 1
    x = np.arange(12, dtype=np.float32).reshape(1, 3, 4)
    for mode in ("zeros", "reflect", "replicate", "circular"):
        conv_case("conv_identity3x3_%s_p2_on_arange3x4" % mode, x, ident, None, padding=2, padding_mode=mode)
    # 1x1 identity with padding: shows padded input directly incl. corners.
    one = np.ones((1, 1, 1, 1), np.float32)
    for mode in ("zeros", "reflect", "replicate", "circular"):
        conv_case("conv_identity1x1_%s_p2x3_on_arange3x4" % mode, x, one, None, padding=(2, 3), padding_mode=mode)

    # -- padding='same' (odd and even kernels, dilation, all modes) ----------
    # torch: total = d*(k-1); left/top = total//2, right/bottom = total - left.
    for mode in ("zeros", "reflect", "replicate", "circular"):
        for (kh, kw), (dh, dw) in [((3, 3), (1, 1)), ((5, 5), (1, 1)), ((2, 2), (1, 1)),
                                   ((4, 4), (1, 1)), ((2, 3), (1, 1)), ((3, 2), (1, 1)),
                                   ((2, 2), (2, 2)), ((2, 2), (3, 3)), ((4, 2), (1, 3)),
                                   ((3, 3), (2, 1)), ((2, 3), (3, 2))]:
            auto_conv(rng, 1, 5, 6, 1, kh, kw, padding="same", dilation=(dh, dw),
                      padding_mode=mode, bias=(kh + kw) % 2 == 0, tag="same")
    auto_conv(rng, 2, 4, 4, 3, 3, 3, padding="same", tag="same")
    auto_conv(rng, 3, 5, 4, 2, 2, 4, padding="same", padding_mode="reflect", tag="same")
    auto_conv(rng, 1, 1, 1, 1, 3, 3, padding="same", tag="same")          # 1x1 input
    auto_conv(rng, 1, 1, 1, 1, 2, 2, padding="same", padding_mode="replicate", tag="same")
    auto_conv(rng, 1, 2, 3, 1, 4, 4, padding="same", padding_mode="circular", tag="same")
    auto_conv(rng, 1, 4, 5, 1, 3, 3, padding="same", values="float", tag="same")

    # -- 'valid' ---------------------------------------------------------------
    for mode in ("zeros", "reflect", "replicate", "circular"):
        auto_conv(rng, 1, 4, 5, 1, 2, 3, padding="valid", padding_mode=mode, tag="valid")
    auto_conv(rng, 1, 4, 5, 1, 2, 3, padding="valid", dilation=2, tag="valid")

    # -- Every padding mode x several (incl. asymmetric) paddings -------------
    for mode in ("zeros", "reflect", "replicate", "circular"):
        for pad in [(0, 0), (1, 1), (2, 2), (1, 2), (2, 0), (0, 1), (3, 1), (1, 3)]:
            auto_conv(rng, 1, 4, 5, 1, 3, 3, padding=pad, padding_mode=mode, tag="pad")
        for pad in [(1, 0), (2, 3)]:
            auto_conv(rng, 2, 4, 5, 2, 2, 3, stride=(2, 1), padding=pad, padding_mode=mode, tag="pad")

    # -- Strides (incl. sh != sw) ----------------------------------------------
    for s in [(1, 2), (2, 1), (2, 2), (3, 2), (2, 3), (3, 3), (4, 1), (5, 5)]:
        auto_conv(rng, 1, 7, 8, 1, 3, 3, stride=s, padding=1, tag="stride")
    auto_conv(rng, 1, 7, 8, 1, 2, 3, stride=(3, 2), padding=(1, 0), padding_mode="circular", tag="stride")
    auto_conv(rng, 1, 7, 8, 1, 3, 2, stride=(2, 3), padding=(0, 2), padding_mode="replicate", tag="stride")

    # -- Dilations 1..3 ----------------------------------------------------------
    for d in [(1, 2), (2, 1), (2, 2), (3, 3), (3, 1), (1, 3), (2, 3)]:
        auto_conv(rng, 1, 8, 8, 1, 3, 3, dilation=d, tag="dil")
    for mode in ("zeros", "reflect", "replicate", "circular"):
        auto_conv(rng, 1, 6, 7, 1, 3, 2, dilation=(2, 3), padding=(2, 1), padding_mode=mode, tag="dil")
    auto_conv(rng, 2, 9, 9, 2, 2, 2, dilation=3, stride=2, padding=1, tag="dil")

    # -- Non-square kernels --------------------------------------------------------
    for k in [(1, 3), (3, 1), (2, 4), (4, 2), (1, 5), (5, 1), (2, 5)]:
        auto_conv(rng, 1, 6, 6, 1, k[0], k[1], padding=(k[0] // 2, k[1] // 2), tag="kshape")

    # -- Bias / no bias, channels --------------------------------------------------
    for bias in (True, False):
        for C, OC in [(1, 1), (1, 3), (3, 1), (2, 2), (3, 3)]:
            auto_conv(rng, C, 4, 4, OC, 3, 3, padding=1, bias=bias, tag="chan")

    # -- 1x1 kernels -------------------------------------------------------------------
    auto_conv(rng, 3, 4, 5, 2, 1, 1, tag="k1")
    auto_conv(rng, 3, 4, 5, 2, 1, 1, stride=2, tag="k1")
    auto_conv(rng, 2, 3, 3, 2, 1, 1, padding=1, tag="k1")                  # pad ring = bias only
    auto_conv(rng, 2, 3, 3, 2, 1, 1, padding=(1, 2), padding_mode="reflect", tag="k1")
    auto_conv(rng, 1, 1, 1, 1, 1, 1, tag="k1")

    # -- Kernel exactly as large as the (padded) input -> 1x1 output -----------------
    auto_conv(rng, 1, 5, 5, 1, 5, 5, tag="kfull")
    auto_conv(rng, 1, 5, 5, 1, 7, 7, padding=1, tag="kfull")
    auto_conv(rng, 1, 5, 4, 1, 9, 8, padding=2, padding_mode="reflect", tag="kfull")
    auto_conv(rng, 2, 3, 4, 2, 9, 10, padding=3, padding_mode="circular", tag="kfull")
    auto_conv(rng, 1, 2, 2, 1, 12, 12, padding=5, padding_mode="replicate", tag="kfull")
    auto_conv(rng, 1, 5, 5, 1, 3, 3, dilation=2, tag="kfull")           # effective 5x5
    auto_conv(rng, 1, 4, 6, 1, 2, 3, dilation=(3, 2), padding=(0, 1), tag="kfull")  # eff 4x5 on 4x8

    # -- Boundary-valid paddings for reflect / circular / replicate ------------------
    auto_conv(rng, 1, 3, 4, 1, 3, 3, padding=(2, 3), padding_mode="reflect", tag="edge")   # pad = size-1
    auto_conv(rng, 1, 2, 2, 1, 2, 2, padding=1, padding_mode="reflect", tag="edge")
    auto_conv(rng, 1, 3, 3, 1, 3, 3, padding=3, padding_mode="circular", tag="edge")       # pad == size
    auto_conv(rng, 1, 1, 1, 1, 3, 3, padding=1, padding_mode="circular", tag="edge")
    auto_conv(rng, 1, 2, 3, 1, 2, 2, padding=(2, 3), padding_mode="circular", tag="edge")
    auto_conv(rng, 1, 1, 1, 1, 3, 3, padding=1, padding_mode="replicate", tag="edge")
    auto_conv(rng, 1, 2, 2, 1, 3, 3, padding=6, padding_mode="replicate", tag="edge")

    # -- Float data (summation order matters for these) -------------------------------
    auto_conv(rng, 2, 5, 5, 2, 3, 3, padding=1, values="float", tag="flt")
    auto_conv(rng, 3, 6, 5, 2, 2, 3, stride=(2, 1), padding=(1, 0), padding_mode="reflect", values="float", tag="flt")
    auto_conv(rng, 1, 6, 6, 3, 3, 3, dilation=2, padding=2, padding_mode="circular", values="float", tag="flt")
    auto_conv(rng, 3, 4, 4, 1, 4, 2, padding="same", padding_mode="replicate", bias=False, values="float", tag="flt")

    # -- Special values in conv input ----------------------------------------------------
    x = int_data(rng, (1, 4, 4))
    w = np.array([[[[1, 2, 1], [-1, 3, 2], [1, 1, -2]]]], np.float32)  # no zero taps
    xi = x.copy(); xi[0, 1, 1] = np.inf
    conv_case("conv_special_inf_input_p1", xi, w, np.array([1], np.float32), padding=1)
    xm = x.copy(); xm[0, 1, 1] = np.inf; xm[0, 2, 2] = -np.inf
    conv_case("conv_special_inf_and_neginf_input_p1", xm, w, None, padding=1)  # overlap -> nan
    xn = x.copy(); xn[0, 0, 3] = np.nan
    conv_case("conv_special_nan_input_reflect_p1", xn, w, None, padding=1, padding_mode="reflect")


def gen_conv_errors():
    rng = random.Random(1002)
    # Output size 0: (effective) kernel larger than (padded) input.
    auto_conv(rng, 1, 2, 2, 1, 3, 3, tag="err_ksize")
    auto_conv(rng, 1, 4, 5, 1, 2, 6, tag="err_ksize")                  # W only
    auto_conv(rng, 1, 5, 4, 1, 6, 2, tag="err_ksize")                  # H only
    auto_conv(rng, 1, 2, 2, 1, 5, 5, padding=1, tag="err_ksize")       # padded 4 < 5
    auto_conv(rng, 1, 3, 3, 1, 3, 3, dilation=2, tag="err_ksize")      # effective 5 > 3
    auto_conv(rng, 1, 4, 4, 1, 2, 2, dilation=(1, 4), tag="err_ksize")  # effective 2x5
    auto_conv(rng, 1, 2, 3, 1, 5, 6, padding=1, padding_mode="replicate", tag="err_ksize")
    auto_conv(rng, 1, 3, 3, 1, 8, 3, padding=(2, 1), padding_mode="circular", tag="err_ksize")
    auto_conv(rng, 1, 4, 4, 1, 9, 3, padding=(2, 1), padding_mode="reflect", tag="err_ksize")
    # Reflect: every pad must be < the input size of its dim.
    auto_conv(rng, 1, 3, 3, 1, 3, 3, padding=3, padding_mode="reflect", tag="err_reflect")
    auto_conv(rng, 1, 3, 5, 1, 3, 3, padding=(3, 0), padding_mode="reflect", tag="err_reflect")  # H
    auto_conv(rng, 1, 5, 3, 1, 3, 3, padding=(0, 3), padding_mode="reflect", tag="err_reflect")  # W
    auto_conv(rng, 1, 3, 3, 1, 3, 3, padding=(3, 4), padding_mode="reflect", tag="err_reflect")  # both
    auto_conv(rng, 1, 1, 1, 1, 3, 3, padding=1, padding_mode="reflect", tag="err_reflect")
    auto_conv(rng, 1, 1, 4, 1, 1, 3, padding=(0, 1), padding_mode="reflect", tag="err_reflect_ok_h0")  # pad 0 on size-1 dim is fine
    auto_conv(rng, 1, 2, 2, 1, 4, 4, padding="same", padding_mode="reflect", tag="err_reflect")  # same: (1,2)
    auto_conv(rng, 1, 3, 3, 1, 4, 4, padding="same", padding_mode="reflect", tag="err_reflect_ok")  # same: (1,2) < 3
    auto_conv(rng, 1, 2, 2, 1, 3, 3, padding="same", dilation=2, padding_mode="reflect", tag="err_reflect")  # pad 2
    # Circular: every pad must be <= input size.
    auto_conv(rng, 1, 3, 3, 1, 3, 3, padding=4, padding_mode="circular", tag="err_circular")
    auto_conv(rng, 1, 3, 5, 1, 3, 3, padding=(4, 0), padding_mode="circular", tag="err_circular")
    auto_conv(rng, 1, 5, 3, 1, 3, 3, padding=(1, 4), padding_mode="circular", tag="err_circular")
    auto_conv(rng, 1, 1, 1, 1, 3, 3, padding=2, padding_mode="circular", tag="err_circular")
    auto_conv(rng, 1, 1, 2, 1, 4, 4, padding="same", dilation=1, padding_mode="circular", tag="err_circular")  # (1,2) on H=1
    # 'same' + stride > 1 is rejected by the Conv2d constructor.
    auto_conv(rng, 1, 5, 5, 1, 3, 3, padding="same", stride=2, tag="err_same")
    auto_conv(rng, 1, 5, 5, 1, 3, 3, padding="same", stride=(1, 2), tag="err_same")
    auto_conv(rng, 1, 5, 5, 1, 2, 2, padding="same", stride=(3, 1), padding_mode="reflect", tag="err_same")
    # Non-positive stride / dilation, zero-sized kernel.
    auto_conv(rng, 1, 4, 4, 1, 3, 3, stride=0, tag="err_stride")
    auto_conv(rng, 1, 4, 4, 1, 3, 3, stride=(1, 0), padding=1, tag="err_stride")
    auto_conv(rng, 1, 4, 4, 1, 3, 3, stride=(0, 2), padding=1, padding_mode="reflect", tag="err_stride")
    auto_conv(rng, 1, 4, 4, 1, 3, 3, dilation=0, tag="err_dil")
    auto_conv(rng, 1, 4, 4, 1, 3, 3, dilation=(2, 0), tag="err_dil")
    auto_conv(rng, 1, 4, 4, 1, 0, 3, tag="err_k0")
    auto_conv(rng, 1, 4, 4, 1, 2, 0, bias=False, tag="err_k0")
    # Precedence when several rules fail at once.
    auto_conv(rng, 1, 2, 2, 1, 7, 7, padding=2, padding_mode="reflect", tag="err_prec_reflect_and_ksize")
    auto_conv(rng, 1, 2, 2, 1, 3, 3, padding="same", stride=0, tag="err_prec_same_and_stride0")
    auto_conv(rng, 1, 2, 2, 1, 3, 3, stride=0, dilation=0, tag="err_prec_stride0_dil0")
    auto_conv(rng, 1, 2, 2, 1, 5, 5, stride=0, tag="err_prec_stride0_ksize")
    auto_conv(rng, 1, 2, 2, 1, 5, 5, dilation=0, tag="err_prec_dil0_ksize")


def gen_conv_random(n):
    """Seeded sweep.  Rejection-samples so ~90% of cases are valid (the
    error rules already have dedicated cases), but keeps the rest."""
    rng = random.Random(2024)
    modes = ("zeros", "reflect", "replicate", "circular")
    i = 0
    while i < n:
        C, OC = rng.randint(1, 3), rng.randint(1, 3)
        H, W = rng.randint(1, 12), rng.randint(1, 12)
        KH, KW = rng.randint(1, 5), rng.randint(1, 5)
        s = (rng.randint(1, 3), rng.randint(1, 3))
        d = (rng.choice((1, 1, 2, 3)), rng.choice((1, 1, 2, 3)))
        mode = rng.choice(modes)
        r = rng.random()
        if r < 0.15:
            padding = "same"
            s = (1, 1)
        elif r < 0.22:
            padding = "valid"
        else:
            padding = (rng.randint(0, 3), rng.randint(0, 3))
        bias = rng.random() < 0.6
        values = "float" if rng.random() < 0.25 else "int"
        if values == "float" and C * H * W > 100:
            continue  # keep float cases small (their text is ~3x longer)
        # Predict validity cheaply to steer the mix; torch stays the oracle.
        pads = None
        if padding == "same":
            pads = [(dd * (kk - 1) // 2, dd * (kk - 1) - dd * (kk - 1) // 2) for kk, dd in ((KH, d[0]), (KW, d[1]))]
        elif padding == "valid":
            pads = [(0, 0), (0, 0)]
        else:
            pads = [(padding[0], padding[0]), (padding[1], padding[1])]
        ok = True
        for (pl, pr), size, kk, dd in zip(pads, (H, W), (KH, KW), d):
            if mode == "reflect" and (pl >= size or pr >= size):
                ok = False
            if mode == "circular" and (pl > size or pr > size):
                ok = False
            if size + pl + pr < dd * (kk - 1) + 1:
                ok = False
        if not ok and rng.random() < 0.85:
            continue
        rng_data = random.Random(rng.getrandbits(32))
        auto_conv(rng_data, C, H, W, OC, KH, KW, stride=s, padding=padding, dilation=d,
                  padding_mode=mode, bias=bias, values=values, tag="rand%03d" % i)
        i += 1


# --------------------------------------------------------------------------
# Pool
# --------------------------------------------------------------------------

def pool_case(name, mode, x, kernel, stride, padding=0, dilation=1, ceil_mode=False,
              count_include_pad=True):
    """Record one pooling case; expectation from torch.nn.functional."""
    x = np.asarray(x, dtype=np.float32)
    kernel, stride, padding, dilation = pair(kernel), pair(stride), pair(padding), pair(dilation)
    if mode == "avg":
        assert dilation == [1, 1]  # avg_pool2d has no dilation parameter
    case = {
        "name": name,
        "op": "pool",
        "input": {"shape": list(x.shape), "data": enc_tensor(x)},
        "mode": mode,
        "kernel": kernel,
        "stride": stride,
        "padding": padding,
        "dilation": dilation,
        "ceil_mode": bool(ceil_mode),
        "count_include_pad": bool(count_include_pad),
    }
    xt = torch.from_numpy(x).unsqueeze(0)  # (1,C,H,W), contiguous NCHW
    try:
        if mode == "max":
            # return_indices=True selects max_pool2d_with_indices, the op
            # whose indices (flat into H*W of the unpadded input) we record.
            y, idx = F.max_pool2d(xt, tuple(kernel), tuple(stride), tuple(padding),
                                  tuple(dilation), ceil_mode, True)
            y, idx = y.squeeze(0), idx.squeeze(0)
            case["expect"] = {"ok": True, "shape": list(y.shape), "data": enc_tensor(y.numpy()),
                              "indices": [int(v) for v in idx.reshape(-1).tolist()]}
        else:
            y = F.avg_pool2d(xt, tuple(kernel), tuple(stride), tuple(padding),
                             ceil_mode, count_include_pad).squeeze(0)
            case["expect"] = {"ok": True, "shape": list(y.shape), "data": enc_tensor(y.numpy())}
    except Exception as e:
        case["expect"] = {"ok": False, "error": first_line(e)}
    add_case(case)
    return case


def pool_name(mode, C, H, W, k, s, p, d, ceil, cip, tag="", values="int"):
    return "pool_%s%s_k%s_%s_%s%s%s%s_c%d_on_%dx%d%s" % (
        tag + "_" if tag else "", mode,
        "%dx%d" % tuple(pair(k)), sstr("s", s), pstr(p),
        ("_" + sstr("d", d)) if mode == "max" else "",
        "_ceil" if ceil else "",
        ("_noincl" if not cip else "") if mode == "avg" else "",
        C, H, W, "_float" if values == "float" else "")


def auto_pool(rng, mode, C, H, W, k, s=None, p=0, d=1, ceil=False, cip=True,
              values="int", tag=""):
    if s is None:
        s = k  # torch's default stride = kernel, written explicitly
    if values == "int":
        # Distinct values for max so indices are unambiguous; small ints for
        # avg so window sums are exact.
        x = distinct_data(rng, (C, H, W)) if mode == "max" else int_data(rng, (C, H, W))
    else:
        x = float_data(rng, (C, H, W))
    return pool_case(pool_name(mode, C, H, W, k, s, p, d, ceil, cip, tag, values),
                     mode, x, k, s, p, d, ceil, cip)


def ceil_info(size, k, s, p, d):
    """torch 1.13 pooling_output_shape, used only to *find* interesting
    ceil-mode cases; the expectations still come from torch."""
    eff = d * (k - 1) + 1
    floor_n = (size + 2 * p - eff) // s + 1
    raw = (size + 2 * p - eff + s - 1) // s + 1
    ceil_n = raw - 1 if (raw - 1) * s >= size + p else raw
    return floor_n, raw, ceil_n


def gen_pool_handpicked():
    rng = random.Random(3001)

    # -- Classics ---------------------------------------------------------------
    for mode in ("max", "avg"):
        auto_pool(rng, mode, 1, 4, 4, 2, tag="classic")
        auto_pool(rng, mode, 1, 5, 5, 3, 1, tag="classic")
        auto_pool(rng, mode, 1, 5, 5, 3, 2, 1, tag="classic")
        auto_pool(rng, mode, 2, 6, 6, 2, 2, tag="classic")

    # -- Windows 1..5 incl. non-square, default and other strides --------------
    for mode in ("max", "avg"):
        for k in [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (1, 3), (3, 1), (2, 3),
                  (3, 2), (2, 5), (5, 2), (4, 1)]:
            auto_pool(rng, mode, 1, 7, 8, k, tag="win")                   # stride = kernel
            auto_pool(rng, mode, 1, 7, 8, k, (1, 2), tag="win")
        for s in [1, (1, 2), (2, 1), 3, (3, 1)]:
            auto_pool(rng, mode, 2, 6, 7, (3, 2), s, tag="stride")

    # -- Padding up to half the window (incl. asymmetric) ----------------------
    for mode in ("max", "avg"):
        for k, p in [(2, 1), (3, 1), ((3, 3), (1, 0)), ((3, 3), (0, 1)), (4, 2),
                     (5, 2), ((4, 5), (2, 1)), ((2, 4), (1, 2)), ((1, 3), (0, 1))]:
            for s in (1, 2):
                auto_pool(rng, mode, 1, 5, 6, k, s, p, tag="pad")

    # -- Dilation (max only) --------------------------------------------------------
    for d in [2, 3, (1, 2), (2, 1), (2, 3), (3, 1)]:
        auto_pool(rng, "max", 1, 9, 9, 3, 1, 0, d, tag="dil")
        auto_pool(rng, "max", 1, 9, 9, 2, 2, 1, d, tag="dil")
    auto_pool(rng, "max", 2, 8, 7, (3, 2), (2, 1), (1, 1), (2, 3), tag="dil")
    auto_pool(rng, "max", 1, 7, 7, 2, 3, 1, 3, True, tag="dil")

    # -- ceil_mode: find cases where ceil adds a window, where torch's rule
    # removes the last ceil window (it would start in the right padding), and
    # where ceil makes an otherwise-too-small input valid.
    adds, drops, rescue = [], [], []
    for size in range(1, 10):
        for k in range(1, 5):
            for s in range(1, 5):
                for p in range(0, k // 2 + 1):
                    for d in (1, 2):
                        fl, raw, ce = ceil_info(size, k, s, p, d)
                        key = (size, k, s, p, d)
                        if ce > fl and fl >= 1:
                            adds.append(key)
                        if raw > ce and ce >= 1 and p > 0:
                            drops.append(key)
                        if fl < 1 <= ce:
                            rescue.append(key)
    pick = random.Random(3002)
    for group, tag, n in ((adds, "ceil_adds", 6), (drops, "ceil_drops_last", 6), (rescue, "ceil_rescue", 4)):
        chosen = pick.sample(group, n)
        chosen.sort()
        for j, (size, k, s, p, d) in enumerate(chosen):
            # Apply the interesting geometry in W; a plain geometry in H.
            for mode in ("max", "avg"):
                if mode == "avg" and d != 1:
                    continue
                for ceil in (False, True):
                    auto_pool(rng, mode, 1, 3, size, (2, k), (1, s), (1, p), (1, d), ceil, tag=tag)
                    if mode == "avg" and p > 0:
                        auto_pool(rng, mode, 1, 3, size, (2, k), (1, s), (1, p), (1, 1), ceil, False, tag=tag)
    # Explicit classic ones.
    for mode in ("max", "avg"):
        for ceil in (False, True):
            auto_pool(rng, mode, 1, 5, 5, 2, 2, 0, 1, ceil, tag="ceil")          # 2 vs 3
            auto_pool(rng, mode, 1, 5, 5, 3, 3, 1, 1, ceil, tag="ceil")          # drop rule
            auto_pool(rng, mode, 1, 2, 2, 3, 2, 0, 1, ceil, tag="ceil")          # window > input
            auto_pool(rng, mode, 2, 7, 6, (3, 2), (2, 4), (1, 1), 1, ceil, tag="ceil")
            auto_pool(rng, mode, 1, 6, 6, 4, 3, 2, 1, ceil, tag="ceil")

    # -- count_include_pad: divisor differs at edges ------------------------------
    for cip in (True, False):
        for k, s, p, ceil in [(3, 1, 1, False), (3, 2, 1, False), (3, 2, 1, True), (2, 2, 1, False),
                              (2, 2, 1, True), ((3, 5), (2, 3), (1, 2), True), (4, 3, 2, True),
                              ((1, 3), 1, (0, 1), False)]:
            auto_pool(rng, "avg", 2, 5, 6, k, s, p, 1, ceil, cip, tag="cip")
    # Ones input: output = divisor reciprocal pattern, easy to eyeball.
    ones = np.ones((1, 4, 5), np.float32)
    for cip in (True, False):
        for ceil in (False, True):
            pool_case("pool_cip_ones_avg_k3_s2_p1%s%s_on_4x5" % ("_ceil" if ceil else "", "" if cip else "_noincl"),
                      "avg", ones, 3, 2, 1, 1, ceil, cip)

    # -- Multiple channels -------------------------------------------------------------
    for mode in ("max", "avg"):
        auto_pool(rng, mode, 3, 5, 5, 2, 1, 1, tag="chan")
        auto_pool(rng, mode, 3, 6, 4, (3, 2), 2, (1, 0), 1, True, tag="chan")

    # -- Non-distinct ints for max (natural ties) and floats ----------------------------
    x = int_data(rng, (2, 6, 6), -2, 2)
    pool_case("pool_maxties_smallint_k3_s1_p1", "max", x, 3, 1, 1)
    pool_case("pool_maxties_smallint_k2_s2_d2_ceil", "max", x, 2, 2, 1, 2, True)
    for mode in ("max", "avg"):
        auto_pool(rng, mode, 2, 5, 6, 3, 2, 1, 1, True, values="float", tag="flt")
        auto_pool(rng, mode, 1, 7, 7, (2, 3), 1, (1, 1), 1, False, values="float", tag="flt")


def gen_pool_special():
    """Ties, NaN, +-inf.  These pin down torch's scan order: windows are scanned
    row-major (ih outer, iw inner); a candidate replaces the current max iff
    (val > max) || isnan(val); the initial max is -inf with index = first
    in-bounds tap of the window."""
    NAN, INF = np.nan, np.inf
    row = lambda *v: np.array([[list(v)]], np.float32)  # (1,1,W)

    def mx(name, x, k, s, p=0, d=1, ceil=False):
        pool_case("pool_special_max_" + name, "max", np.asarray(x, np.float32), k, s, p, d, ceil)

    def av(name, x, k, s, p=0, ceil=False, cip=True):
        pool_case("pool_special_avg_" + name, "avg", np.asarray(x, np.float32), k, s, p, 1, ceil, cip)

    # Ties.
    mx("tie_all_equal", row(2, 2, 2, 2), (1, 4), 1)
    mx("tie_first_and_last", row(5, 1, 0, 5), (1, 4), 1)
    mx("tie_middle", row(1, 4, 4, 2), (1, 4), 1)
    mx("tie_2d_rows", np.array([[[1, 3], [3, 0]]], np.float32), 2, 2)     # (0,1) vs (1,0)
    mx("tie_2d_col_first", np.array([[[0, 1], [3, 3]]], np.float32), 2, 2)
    mx("tie_overlapping_windows", row(1, 7, 7, 7, 2), (1, 3), 1)
    mx("tie_with_padding_negative", row(-1, -1), (1, 3), 1, (0, 1))      # padding never wins
    mx("tie_zero_vs_padding", row(0, 0, -3), (1, 3), 1, (0, 1))
    mx("tie_dilated", row(4, 0, 4, 0, 4), (1, 3), 1, 0, (1, 2))
    mx("tie_negzero_poszero", row(-0.0, 0.0, -0.0), (1, 3), 1)
    mx("tie_poszero_negzero", row(0.0, -0.0), (1, 2), 1)
    # NaN.
    mx("nan_one", row(1, NAN, 3, 2), (1, 4), 1)
    mx("nan_first", row(NAN, 5, 3, 9), (1, 4), 1)
    mx("nan_last", row(4, 5, 3, NAN), (1, 4), 1)
    mx("nan_two_in_window", row(1, NAN, 3, NAN, 2), (1, 5), 1)
    mx("nan_two_2d", np.array([[[NAN, 7], [1, NAN]]], np.float32), 2, 2)
    mx("nan_overlapping", row(0, 1, NAN, 2, 3, 4), (1, 3), 1, (0, 1))
    mx("nan_all", row(NAN, NAN, NAN), (1, 2), 1, (0, 1))
    mx("nan_with_inf", row(INF, NAN, INF, 1), (1, 4), 1)
    mx("nan_2d_ceil", np.array([[[1, 2, 3], [NAN, 5, NAN], [7, 8, 9]]], np.float32), 2, 2, 0, 1, True)
    # -inf.
    mx("neginf_all", row(-INF, -INF, -INF, -INF), (1, 2), 1, (0, 1))
    mx("neginf_window_2d", np.array([[[-INF, -INF, 1], [-INF, -INF, 2], [3, 4, 5]]], np.float32), 2, 1, 1)
    mx("neginf_dilated", row(-INF, 3, -INF, 3, -INF), (1, 3), 2, (0, 1), (1, 2))
    mx("neginf_all_2d_pad", np.full((1, 3, 3), -INF, np.float32), 3, 2, 1, 1, True)
    # A dilated window whose every tap lies in the padding: torch yields -inf
    # and the index of the first tap at/after the padding skip, which is
    # outside the input (== W here).  Quirk worth matching/deciding on.
    mx("all_taps_in_padding_dilated", row(1, 2), (1, 2), 1, (0, 1), (1, 3))
    mx("all_taps_in_padding_dilated_2d", np.array([[[1, 2], [3, 4]]], np.float32), 2, 1, 1, 3)
    # +inf.
    mx("posinf_one", row(1, INF, 3), (1, 2), 1)
    mx("posinf_two", row(INF, 2, INF), (1, 3), 1)
    mx("posinf_2d", np.array([[[1, INF], [INF, -INF]]], np.float32), 2, 2)

    # avg with special values.
    av("posinf", row(1, INF, 3, 4), (1, 2), 1)
    av("posinf_and_neginf", row(1, INF, -INF, 4), (1, 2), 1)
    av("neginf_padded", row(-INF, 2, 3), (1, 3), 2, (0, 1), True, False)
    av("nan", row(1, NAN, 3, 4), (1, 2), 1)
    av("inf_2d_cip", np.array([[[INF, 1, 1], [1, 1, 1], [1, 1, -2]]], np.float32), 2, 1, 1, False, True)


def gen_pool_errors():
    rng = random.Random(4001)
    # Padding rule, both sides of the boundary, incl. dilation (the rule uses
    # the raw kernel size, not the dilated one).
    for mode in ("max", "avg"):
        for k, p in [(1, 0), (1, 1), (2, 1), (2, 2), (3, 1), (3, 2), (4, 2), (4, 3), (5, 2), (5, 3)]:
            auto_pool(rng, mode, 1, 6, 6, k, 1, p, tag="err_pad")
        auto_pool(rng, mode, 1, 6, 6, (3, 2), 1, (1, 2), tag="err_pad")   # W side fails
        auto_pool(rng, mode, 1, 6, 6, (3, 2), 1, (2, 1), tag="err_pad")   # H side fails
        auto_pool(rng, mode, 1, 6, 6, (4, 5), 1, (3, 3), tag="err_pad")   # both fail
    for k, p, d in [(2, 1, 3), (2, 2, 3), (3, 2, 2), (3, 1, 3), (1, 1, 3), (4, 2, 2), (4, 3, 2)]:
        auto_pool(rng, "max", 1, 9, 9, k, 1, p, d, tag="err_paddil")
    # Output size < 1.
    for mode in ("max", "avg"):
        auto_pool(rng, mode, 1, 2, 2, 3, 1, tag="err_small")
        auto_pool(rng, mode, 1, 5, 2, 3, 1, tag="err_small")               # W only
        auto_pool(rng, mode, 1, 2, 5, 3, 1, tag="err_small")               # H only
        auto_pool(rng, mode, 1, 1, 1, 3, 1, 1, tag="err_small_ok")         # padding saves it
        auto_pool(rng, mode, 1, 1, 4, (4, 2), 1, (1, 1), tag="err_small")  # 1+2 < 4
        auto_pool(rng, mode, 1, 1, 4, (4, 2), 1, (2, 1), tag="err_small_ok")  # 1+4 >= 4
        auto_pool(rng, mode, 1, 2, 2, 3, 2, 0, 1, True, tag="err_small_ceil_ok")
        auto_pool(rng, mode, 1, 1, 1, 3, 3, 0, 1, True, tag="err_small_ceil")  # ceil can't help
        auto_pool(rng, mode, 1, 2, 2, 4, 1, 0, 1, True, tag="err_small_ceil")
    auto_pool(rng, "max", 1, 4, 4, 3, 1, 0, 2, tag="err_small")                # effective 5
    auto_pool(rng, "max", 1, 4, 4, 3, 1, 1, 3, tag="err_small")                # effective 7 > 6
    auto_pool(rng, "max", 1, 4, 4, 3, 2, 1, 3, True, tag="err_small_ceil")
    auto_pool(rng, "max", 1, 4, 4, 2, 1, 1, 3, tag="err_small_ok")             # effective 4 on 6
    # Zero stride / kernel / dilation.
    for mode in ("max", "avg"):
        auto_pool(rng, mode, 1, 4, 4, 2, 0, tag="err_stride0")
        auto_pool(rng, mode, 1, 4, 4, 2, (0, 1), tag="err_stride0")
        auto_pool(rng, mode, 1, 4, 4, 2, (1, 0), tag="err_stride0")
        auto_pool(rng, mode, 1, 4, 4, 0, 1, tag="err_k0")
        auto_pool(rng, mode, 1, 4, 4, (2, 0), 1, tag="err_k0")
    auto_pool(rng, "max", 1, 4, 4, 2, 1, 0, 0, tag="err_dil0")
    auto_pool(rng, "max", 1, 4, 4, 2, 1, 0, (1, 0), tag="err_dil0")
    # Precedence when several rules fail.
    auto_pool(rng, "max", 1, 2, 2, 5, 0, 3, tag="err_prec_stride0_pad")
    auto_pool(rng, "max", 1, 2, 2, 5, 1, 3, tag="err_prec_pad_small")
    auto_pool(rng, "max", 1, 4, 4, 0, 1, 1, tag="err_prec_k0_pad")
    auto_pool(rng, "max", 1, 4, 4, (3, 0), 1, 0, tag="err_prec_k0_w")
    auto_pool(rng, "avg", 1, 2, 2, (5, 3), 1, (1, 2), tag="err_prec_pad_w_small_h")
    auto_pool(rng, "max", 1, 1, 1, 2, 1, 0, 0, tag="err_prec_dil0_small")


def gen_pool_random(n):
    rng = random.Random(5005)
    i = 0
    while i < n:
        mode = rng.choice(("max", "avg"))
        C = rng.randint(1, 3)
        H, W = rng.randint(1, 12), rng.randint(1, 12)
        k = (rng.randint(1, 5), rng.randint(1, 5))
        s = k if rng.random() < 0.3 else (rng.randint(1, 4), rng.randint(1, 4))
        p = (rng.randint(0, k[0] // 2), rng.randint(0, k[1] // 2))
        d = (rng.choice((1, 1, 2, 3)), rng.choice((1, 1, 2, 3))) if mode == "max" else (1, 1)
        ceil = rng.random() < 0.5
        cip = rng.random() < 0.5
        values = "float" if rng.random() < 0.25 else "int"
        if values == "float" and C * H * W > 100:
            continue
        ok = all(ceil_info(sz, kk, ss, pp, dd)[2 if ceil else 0] >= 1
                 for sz, kk, ss, pp, dd in zip((H, W), k, s, p, d))
        if not ok and rng.random() < 0.85:
            continue
        rng_data = random.Random(rng.getrandbits(32))
        auto_pool(rng_data, mode, C, H, W, k, s, p, d, ceil, cip, values, tag="rand%03d" % i)
        i += 1


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def write(path):
    # One case per line: diffs of the fixture stay reviewable.  Keys keep
    # insertion order (the documented field order); allow_nan=False proves
    # no raw NaN/inf slipped through (they must be strings).
    lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in CASES]
    text = ('{"torch_version":%s,"cases":[\n' % json.dumps(torch.__version__)
            + ",\n".join(lines) + "\n]}\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def summary(nbytes):
    from collections import Counter
    kinds = Counter()
    errs = Counter()
    n_err = 0
    for c in CASES:
        kind = c["op"] if c["op"] == "conv" else "pool/" + c["mode"]
        ok = c["expect"]["ok"]
        kinds[(kind, ok)] += 1
        if not ok:
            n_err += 1
            errs[(kind, c["expect"]["error"])] += 1
    print("wrote %s: %d cases, %d bytes, torch %s" % (OUT_PATH, len(CASES), nbytes, torch.__version__))
    for kind in ("conv", "pool/max", "pool/avg"):
        print("  %-9s total %3d  ok %3d  error %3d" % (
            kind, kinds[(kind, True)] + kinds[(kind, False)], kinds[(kind, True)], kinds[(kind, False)]))
    print("  error cases: %d" % n_err)
    print("distinct error messages (count, op, message):")
    for (kind, msg), cnt in sorted(errs.items()):
        print("  %3d  %-9s %s" % (cnt, kind, msg))


def main():
    gen_conv_handpicked()
    gen_conv_errors()
    gen_conv_random(110)
    gen_pool_handpicked()
    gen_pool_special()
    gen_pool_errors()
    gen_pool_random(110)
    nbytes = write(OUT_PATH)
    summary(nbytes)


if __name__ == "__main__":
    sys.exit(main())
