#!/usr/bin/python3
"""Independent NumPy model of torch 1.13's conv2d / pooling rules, checked
against torch.  Optional helper; not needed to regenerate cases.json.

    /usr/bin/python3 tests/golden/check_rules.py

1. Replays every case in cases.json through the model below (validity rules,
   output shape, values, max-pool indices) and compares.
2. Runs a seeded brute-force sweep over many more parameter combinations,
   asking torch directly, to confirm the validity rules at their boundaries.

The model is the written-down form of the rules reported to the C++ engine
author; if this script passes, the rules are what torch does.
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

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


def dec(v):
    return {"nan": np.nan, "inf": np.inf, "-inf": -np.inf}.get(v, v) if isinstance(v, str) else v


def arr(d):
    return np.array([dec(v) for v in d["data"]], np.float32).reshape(d["shape"])


def floordiv(a, b):
    return a // b  # Python floors, like torch's div_rtn


# ---------------------------------------------------------------- pool model

def pool_out(size, k, p, s, d, ceil):
    """Returns output size or raises ValueError(kind)."""
    if s == 0:
        raise ValueError("stride0")
    if p > k // 2:
        raise ValueError("pad")
    n = floordiv(size + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil else 0), s) + 1
    if ceil and (n - 1) * s >= size + p:
        n -= 1
    return n


def pool_model(c):
    x = arr(c["input"])
    C, H, W = x.shape
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = c["kernel"], c["stride"], c["padding"], c["dilation"]
    ceil = c["ceil_mode"]
    # Order: H dim (stride, pad), W dim (stride, pad), then kernel>0,
    # dilation>0, output>=1.
    try:
        oh = pool_out(H, kh, ph, sh, dh, ceil)
        ow = pool_out(W, kw, pw, sw, dw, ceil)
    except ValueError as e:
        return {"ok": False, "kind": str(e)}
    if kh <= 0 or kw <= 0:
        return {"ok": False, "kind": "k0"}
    if dh <= 0 or dw <= 0:
        return {"ok": False, "kind": "dil0"}
    if oh < 1 or ow < 1:
        return {"ok": False, "kind": "small"}
    out = np.zeros((C, oh, ow), np.float32)
    idx = np.zeros((C, oh, ow), np.int64)
    for ch in range(C):
        for i in range(oh):
            for j in range(ow):
                if c["mode"] == "max":
                    h0, w0 = i * sh - ph, j * sw - pw
                    h1 = min(h0 + (kh - 1) * dh + 1, H)
                    w1 = min(w0 + (kw - 1) * dw + 1, W)
                    while h0 < 0:
                        h0 += dh
                    while w0 < 0:
                        w0 += dw
                    best, bi = np.float32(-np.inf), h0 * W + w0
                    for a in range(h0, h1, dh):
                        for b in range(w0, w1, dw):
                            v = x[ch, a, b]
                            if v > best or np.isnan(v):
                                best, bi = v, a * W + b
                    out[ch, i, j], idx[ch, i, j] = best, bi
                else:
                    h0, w0 = i * sh - ph, j * sw - pw
                    h1, w1 = min(h0 + kh, H + ph), min(w0 + kw, W + pw)
                    pool_size = (h1 - h0) * (w1 - w0)
                    h0, w0, h1, w1 = max(h0, 0), max(w0, 0), min(h1, H), min(w1, W)
                    acc = np.float32(0)
                    with np.errstate(invalid="ignore"):  # inf + -inf
                        for a in range(h0, h1):
                            for b in range(w0, w1):
                                acc = np.float32(acc + x[ch, a, b])
                    div = pool_size if c["count_include_pad"] else (h1 - h0) * (w1 - w0)
                    out[ch, i, j] = np.float32(acc / np.float32(div))
    r = {"ok": True, "data": out}
    if c["mode"] == "max":
        r["indices"] = idx
    return r


# ---------------------------------------------------------------- conv model

def conv_pads(c):
    (kh, kw) = c["weight"]["shape"][2:]
    (dh, dw) = c["dilation"]
    p = c["padding"]
    if p == "valid":
        return [(0, 0), (0, 0)]
    if p == "same":
        out = []
        for k, d in ((kh, dh), (kw, dw)):
            t = d * (k - 1)
            out.append((t // 2, t - t // 2))  # extra goes bottom/right
        return out
    return [(p[0], p[0]), (p[1], p[1])]


def conv_model(c):
    x = arr(c["input"]).astype(np.float64)
    w = arr(c["weight"]).astype(np.float64)
    b = None if c["bias"] is None else np.array([dec(v) for v in c["bias"]], np.float64)
    mode = c["padding_mode"]
    (sh, sw), (dh, dw) = c["stride"], c["dilation"]
    if c["padding"] == "same" and (sh, sw) != (1, 1):
        return {"ok": False, "kind": "same_stride"}
    C, H, W = x.shape
    OC, _, KH, KW = w.shape
    if KH <= 0 or KW <= 0:
        # Always an error, but torch's message depends on which later check
        # trips first (negative 'same' padding, negative effective kernel...).
        return {"ok": False, "kind": "conv_k0_any"}
    (pt, pb), (pl, pr) = conv_pads(c)
    if mode == "reflect":
        if not (pl < W and pr < W):
            return {"ok": False, "kind": "reflect"}
        if not (pt < H and pb < H):
            return {"ok": False, "kind": "reflect"}
    if mode == "circular":
        if max(pl, pr) > W or max(pt, pb) > H:
            return {"ok": False, "kind": "circular"}
    if sh <= 0 or sw <= 0:
        return {"ok": False, "kind": "stride"}
    eh, ew = dh * (KH - 1) + 1, dw * (KW - 1) + 1
    PH, PW = H + pt + pb, W + pl + pr
    if eh > PH or ew > PW:
        return {"ok": False, "kind": "ksize"}
    if dh <= 0 or dw <= 0:
        return {"ok": False, "kind": "dil"}
    npmode = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}[mode]
    xp = np.pad(x, ((0, 0), (pt, pb), (pl, pr)), mode=npmode)
    OH, OW = (PH - eh) // sh + 1, (PW - ew) // sw + 1
    y = np.zeros((OC, OH, OW))
    with np.errstate(invalid="ignore"):
        for o in range(OC):
            for i in range(OH):
                for j in range(OW):
                    win = xp[:, i * sh:i * sh + eh:dh, j * sw:j * sw + ew:dw]
                    y[o, i, j] = np.sum(win * w[o]) + (0 if b is None else b[o])
    return {"ok": True, "data": y}


KIND_WORDS = {
    "stride0": "stride should not be zero", "pad": "pad should be at most half",
    "k0": "kernel size should be greater than zero", "dil0": "dilation should be greater than zero",
    "small": "Output size is too small", "same_stride": "padding='same' is not supported",
    "reflect": "Padding size should be less than", "circular": "wrapping around more than once",
    "stride": "non-positive stride", "ksize": "Kernel size can't be greater",
    "dil": "dilation", "conv_k0_any": "",
}


def same_f32(a, b):
    a = np.asarray(a, np.float32).ravel()
    b = np.asarray(b, np.float32).ravel()
    return a.shape == b.shape and all(
        (np.isnan(u) and np.isnan(v)) or (u == v and math.copysign(1, u) == math.copysign(1, v))
        for u, v in zip(a.tolist(), b.tolist()))


def check_fixtures():
    cases = json.load(open(os.path.join(HERE, "cases.json")))["cases"]
    bad = 0
    float_conv_inexact = 0
    for c in cases:
        m = pool_model(c) if c["op"] == "pool" else conv_model(c)
        e = c["expect"]
        if m["ok"] != e["ok"]:
            print("VALIDITY MISMATCH", c["name"], m, e.get("error"))
            bad += 1
            continue
        if not e["ok"]:
            if KIND_WORDS[m["kind"]] not in e["error"]:
                print("ERROR KIND MISMATCH", c["name"], m["kind"], e["error"])
                bad += 1
            continue
        got = arr(e)
        if list(got.shape) != list(m["data"].shape):
            print("SHAPE MISMATCH", c["name"], got.shape, m["data"].shape)
            bad += 1
            continue
        if c["op"] == "pool":
            if not same_f32(got, m["data"]):
                print("POOL VALUE MISMATCH", c["name"])
                bad += 1
            if c["mode"] == "max" and list(m["indices"].ravel()) != e["indices"]:
                print("INDEX MISMATCH", c["name"], list(m["indices"].ravel()), e["indices"])
                bad += 1
        else:
            ref32 = m["data"].astype(np.float32)
            if not same_f32(got, ref32):
                # Only acceptable for float-data cases (rounding order).
                ok_close = np.allclose(got, ref32, rtol=1e-5, atol=1e-5, equal_nan=True)
                if "_float" in c["name"] or "flt" in c["name"]:
                    float_conv_inexact += 1
                    if not ok_close:
                        print("FLOAT CONV NOT CLOSE", c["name"])
                        bad += 1
                else:
                    print("CONV VALUE MISMATCH", c["name"])
                    bad += 1
    print("fixtures: %d cases, %d mismatches, %d float conv cases differ from the f64 "
          "reference in the last bits" % (len(cases), bad, float_conv_inexact))
    return bad


def sweep(n=6000):
    """Validity/shape of model vs torch over random small configs."""
    rng = random.Random(7)
    bad = 0
    for _ in range(n):
        if rng.random() < 0.5:
            H, W = rng.randint(1, 7), rng.randint(1, 7)
            k = [rng.randint(0, 6), rng.randint(0, 6)]
            s = [rng.randint(0, 4), rng.randint(0, 4)]
            p = [rng.randint(0, 4), rng.randint(0, 4)]
            mode = rng.choice(("max", "avg"))
            d = [rng.randint(0, 3), rng.randint(0, 3)] if mode == "max" else [1, 1]
            c = {"op": "pool", "mode": mode, "input": {"shape": [1, H, W], "data": [1.0] * (H * W)},
                 "kernel": k, "stride": s, "padding": p, "dilation": d,
                 "ceil_mode": rng.random() < 0.5, "count_include_pad": rng.random() < 0.5}
            m = pool_model(c)
            xt = torch.ones(1, 1, H, W)
            try:
                if mode == "max":
                    y = F.max_pool2d(xt, k, s, p, d, c["ceil_mode"], True)[0]
                else:
                    y = F.avg_pool2d(xt, k, s, p, c["ceil_mode"], c["count_include_pad"])
                t = {"ok": True, "shape": list(y.shape[-2:])}
            except Exception as ex:
                t = {"ok": False, "error": str(ex).splitlines()[0]}
        else:
            H, W = rng.randint(1, 6), rng.randint(1, 6)
            k = [rng.randint(0, 6), rng.randint(0, 6)]
            pm = rng.choice(("zeros", "reflect", "replicate", "circular"))
            pad = rng.choice(("same", "valid", [rng.randint(0, 5), rng.randint(0, 5)]))
            s = [rng.randint(0, 3), rng.randint(0, 3)]
            if rng.random() < 0.5:
                s = [1, 1]
            d = [rng.randint(0, 3), rng.randint(0, 3)]
            if rng.random() < 0.7:
                d = [max(1, v) for v in d]
            c = {"op": "conv", "input": {"shape": [1, H, W], "data": [1.0] * (H * W)},
                 "weight": {"shape": [1, 1] + k, "data": [1.0] * (k[0] * k[1])}, "bias": None,
                 "stride": s, "padding": pad, "dilation": d, "padding_mode": pm}
            m = conv_model(c)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    mod = torch.nn.Conv2d(1, 1, tuple(k), tuple(s), pad if isinstance(pad, str) else tuple(pad),
                                          tuple(d), bias=False, padding_mode=pm)
                    y = mod(torch.ones(1, 1, H, W))
                t = {"ok": True, "shape": list(y.shape[2:])}
            except Exception as ex:
                t = {"ok": False, "error": str(ex).splitlines()[0]}
        if m["ok"] != t["ok"]:
            print("SWEEP VALIDITY MISMATCH", c, m.get("kind"), t)
            bad += 1
        elif m["ok"] and list(m["data"].shape[-2:]) != t["shape"]:
            print("SWEEP SHAPE MISMATCH", c, m["data"].shape, t)
            bad += 1
        elif not m["ok"] and KIND_WORDS[m["kind"]] not in t["error"]:
            print("SWEEP ERROR-ORDER MISMATCH", c, m["kind"], t["error"])
            bad += 1
    print("sweep: %d configs, %d mismatches" % (n, bad))
    return bad


if __name__ == "__main__":
    sys.exit(1 if check_fixtures() + sweep() else 0)
