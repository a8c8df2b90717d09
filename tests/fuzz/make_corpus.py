#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora into tests/fuzz/corpus/<target>/: a few small valid
files of each kind and a few broken ones (sessions: the lessons' scenes and one per feature
of the format). Plain Python (no NumPy, no PIL); the JPEG seed comes from
netpbm's pnmtojpeg when it is installed. Re-running rewrites the same bytes.
Crashers found by fuzzing are kept next to these as regress-*.* and are not touched here,
nor are session/v2-lesson-*.json: the lessons' scenes as they were in version 2, before the
lessons moved to version 3 (tests/io/fuzz_regression_test.cpp loads both and compares)."""
import glob
import json
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def out(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# ---- .npy -------------------------------------------------------------------------------
def npy(descr, shape, payload, version=1, fortran=False):
    dims = ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "")
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (descr, fortran, dims)
    pre = 10 if version == 1 else 12
    header += " " * ((64 - (pre + len(header) + 1) % 64) % 64) + "\n"
    size = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + size + header.encode("latin1") + payload


f4 = lambda vals: struct.pack("<%df" % len(vals), *vals)
out("npy", "f4-2x3.npy", npy("<f4", (2, 3), f4([1, 2, 3, 4, 5, 6])))
out("npy", "f4-1x2x2.npy", npy("<f4", (1, 2, 2), f4([0.5, float("nan"), float("inf"), -1])))
out("npy", "f8-3.npy", npy("<f8", (3,), struct.pack("<3d", 1.5, -2, 1e300)))
out("npy", "i8-2x2.npy", npy("<i8", (2, 2), struct.pack("<4q", 1, -2, 2**40, -(2**62))))
out("npy", "i4-2x2.npy", npy("<i4", (2, 2), struct.pack("<4i", 7, -7, 2**31 - 1, -(2**31))))
out("npy", "u1-1x4.npy", npy("|u1", (1, 4), bytes([0, 1, 128, 255])))
out("npy", "i1-4-v2.npy", npy("|i1", (4,), bytes([0, 1, 128, 255]), version=2))
out("npy", "f4-2x2-v3.npy", npy("<f4", (2, 2), f4([1, 2, 3, 4]), version=3))
out("npy", "f4-kernel-2x1x3x3.npy", npy("<f4", (2, 1, 3, 3), f4(list(range(18)))))
out("npy", "scalar.npy", npy("<f4", (), f4([3])))
out("npy", "zero-dim.npy", npy("<f4", (0, 3), b""))
out("npy", "bad-truncated-data.npy", npy("<f4", (4, 4), f4([1, 2, 3])))
out("npy", "bad-fortran.npy", npy("<f4", (2, 2), f4([1, 2, 3, 4]), fortran=True))
out("npy", "bad-big-endian.npy", npy(">f4", (2,), struct.pack(">2f", 1, 2)))
out("npy", "bad-dtype.npy", npy("<c8", (1,), b"\0" * 8))
out("npy", "bad-huge-shape.npy", npy("<f4", (2**40, 2**40), b""))
out("npy", "bad-header-length.npy", b"\x93NUMPY\x01\x00\xff\xff{'descr': '<f4'")
out("npy", "bad-magic.npy", b"\x93NUMPX\x01\x00\x10\x00{}              ")
out("npy", "empty.npy", b"")

# ---- .csv -------------------------------------------------------------------------------
out("csv", "2x3.csv", "1,2,3\n4,5,6\n")
out("csv", "spaces-crlf-bom.csv", "\ufeff# a comment\r\n 1 , -2.5e3\r\n\r\n3,+4\r\n")
out("csv", "nan-inf.csv", "nan,inf,-inf\nNaN,Infinity,-Infinity\n1e-45,3.4028235e38,-0\n")
out("csv", "column.csv", "1\n2\n3\n")
out("csv", "bad-ragged.csv", "1,2,3\n4,5\n")
out("csv", "bad-field.csv", "1,2,x\n")
out("csv", "bad-empty-field.csv", "1,,3\n")
out("csv", "bad-only-comments.csv", "# nothing\n\n")
out("csv", "empty.csv", "")


# ---- images -----------------------------------------------------------------------------
def png(width, height, color_type, bit_depth, rows, palette=None, ihdr=None):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\0" + r for r in rows)
    body = chunk(b"IHDR", ihdr or struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0))
    if palette:
        body += chunk(b"PLTE", palette)
    body += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


out("image", "grey-4x3.png", png(4, 3, 0, 8, [bytes([0, 85, 170, 255])] * 3))
out("image", "rgb-2x2.png", png(2, 2, 2, 8, [bytes([255, 0, 0, 0, 255, 0]), bytes([0, 0, 255, 9, 9, 9])]))
out("image", "rgba-16bit-1x2.png", png(1, 2, 6, 16, [b"\xff\xff\0\0\x80\0\xff\xff", b"\0\0\0\0\0\0\0\0"]))
out("image", "palette-2x1.png", png(2, 1, 3, 8, [bytes([0, 1])], palette=b"\xff\0\0\0\0\xff"))
out("image", "grey-1bit-9x1.png", png(9, 1, 0, 1, [bytes([0b10101010, 0b10000000])]))
# A valid header claiming 100000×100000: must be refused before decoding.
out("image", "bad-huge-header.png", png(100000, 100000, 0, 8, [b"\0"]))
out("image", "grey-3x2.pgm", b"P5\n3 2\n255\n" + bytes([0, 51, 102, 153, 204, 255]))
out("image", "grey16-2x1.pgm", b"P5 2 1 65535 " + bytes([0xFF, 0xFF, 0, 0]))
out("image", "rgb-2x1.ppm", b"P6\n# comment\n2 1\n255\n" + bytes([255, 0, 0, 0, 0, 255]))
out("image", "bad-truncated.pgm", b"P5\n100 100\n255\n" + bytes(10))

bmp_rows = [bytes([0, 0, 255, 0, 255, 0]) + b"\0\0", bytes([255, 0, 0, 255, 255, 255]) + b"\0\0"]
bmp_pixels = b"".join(bmp_rows)
out("image", "rgb-2x2.bmp",
    b"BM" + struct.pack("<IHHI", 54 + len(bmp_pixels), 0, 0, 54)
    + struct.pack("<IiiHHIIiiII", 40, 2, 2, 1, 24, 0, len(bmp_pixels), 2835, 2835, 0, 0) + bmp_pixels)
out("image", "rgb-2x2.tga",
    bytes([0, 0, 2]) + bytes(5) + struct.pack("<HHHHBB", 0, 0, 2, 2, 24, 0) + bytes([0, 0, 255] * 2 + [255, 0, 0] * 2))
out("image", "grey-rle-3x1.tga",
    bytes([0, 0, 11]) + bytes(5) + struct.pack("<HHHHBB", 0, 0, 3, 1, 8, 0) + bytes([0x82, 200]))
out("image", "white-1x1.gif",
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
out("image", "flat-2x2.hdr", b"#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 2 +X 2\n" + bytes([128, 64, 32, 129] * 4))
out("image", "rgb-2x2.psd",
    b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, 2, 2, 8, 3) + struct.pack(">IIIH", 0, 0, 0, 0) + bytes(range(12)))
out("image", "bad-garbage.png", b"\x89PNG\r\n\x1a\nthis is not a chunk")
out("image", "empty.png", b"")
if shutil.which("pnmtojpeg"):
    with tempfile.NamedTemporaryFile(suffix=".ppm") as ppm:
        ppm.write(b"P6\n4 4\n255\n" + bytes((i * 37) % 256 for i in range(48)))
        ppm.flush()
        jpg = subprocess.run(["pnmtojpeg", "--quality=50", ppm.name], capture_output=True, check=True).stdout
        out("image", "rgb-4x4.jpg", jpg)
        prog = subprocess.run(["pnmtojpeg", "--progressive", ppm.name], capture_output=True, check=True).stdout
        out("image", "rgb-4x4-progressive.jpg", prog)

# ---- CLI options (see fuzz_cli_args.cpp for the line layout) ------------------------------
cli = {
    "conv-28-k3-s2-p1.txt": "conv\n28,28\n3\n2\n1\n1\nzeros\n\n13,13",
    "conv-same-reflect.txt": "conv\n5,6\n2,3\n1\nsame\n2\nreflect\n5\n1,2",
    "conv-circular-nan.txt": "conv\n7,7\n3\n1,2\n3\n1\ncircular\nn4\n3,3",
    "conv-replicate-dilated.txt": "conv\n6,9\n2,3\n3,1\n2,4\n2,3\nreplicate\ni\n0,0",
    "conv-valid.txt": "conv\n4,5\n1,2\n+2\nvalid\n1\nzeros\n8\n1,1",
    "conv-kernel-too-big.txt": "conv\n4,4\n5\n1\n0\n1\nzeros",
    "conv-stride-max.txt": "conv\n4,4\n3\n2147483647\n0\n1\nzeros\n\n0,0",
    "conv-negative-padding.txt": "conv\n28,28\n3\n1\n-1",
    "conv-huge-padding.txt": "conv\n28,28\n3\n1\n2000000000",
    "conv-same-stride2.txt": "conv\n8,8\n3\n2\nsame",
    "conv-junk.txt": "conv\n8,x\n3,,\n1,2,3\nmirror\n0",
    "pool-max-2.txt": "pool\n6,6\n2\n\n0\n1\nmax\n\n2,2",
    "pool-avg-ceil-exclude.txt": "pool\n7,5\n3\n2\n1\n1\navg\ncx\n1,1",
    "pool-max-dilated-ceil.txt": "pool\n9,9\n3\n2\n1\n2\nmax\nc5n\n2,2",
    "pool-window-0.txt": "pool\n4,4\n0",
    "pool-pad-too-big.txt": "pool\n4,4\n2\n\n2",
    "pool-avg-dilation.txt": "pool\n4,4\n2\n\n0\n2\navg",
    "pool-huge-window.txt": "pool\n4,4\n2000000000\n1\n1000000000\n1\nmax\n\n0,0",
    "conv-huge-kernel-rows.txt": "conv\n100000,1\n50000,1\n1\n0\n1\nzeros",
}
for name, text in cli.items():
    out("cli_args", name, text)

# ---- sessions ---------------------------------------------------------------------------
# Real sessions: each lesson's scene (a session without "format"/"version") made whole, and
# one session per feature of the format (README "Session format"), written as the app does:
# version 3 (a list of layers), and versions 1 and 2 (stages), which still load.
LESSONS = os.path.join(HERE, "..", "..", "assets", "lessons")


def session(**changes):
    s = {
        "format": "convscope-session",
        "version": 2,
        "input": {"grid": {"shape": [1, 4, 4], "values": [i % 5 - 2 for i in range(16)]}},
        "kernel": {"shape": [1, 1, 3, 3], "values": [-1, 0, 1, -2, 0, 2, -1, 0, 1]},
        "bias": [],
        "conv": {"stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "padding_mode": "zeros"},
        "pool": {"enabled": True, "mode": "max", "window": [2, 2], "stride": [2, 2], "padding": [0, 0],
                 "dilation": [1, 1], "ceil_mode": False, "count_include_pad": True},
    }
    for path, value in changes.items():
        keys = path.split("__")
        d = s
        for k in keys[:-1]:
            d = d[k]
        d[keys[-1]] = value
    return json.dumps(s, indent=2, ensure_ascii=False) + "\n"


for lesson in sorted(glob.glob(os.path.join(LESSONS, "*.json"))):
    with open(lesson, encoding="utf-8") as f:
        scene = json.load(f)["scene"]
    whole = {"format": "convscope-session", "version": 3, **scene}
    out("session", "lesson-" + os.path.basename(lesson), json.dumps(whole, indent=2, ensure_ascii=False) + "\n")

out("session", "minimal.json", session())
out("session", "nan-inf-bias.json",
    session(input__grid__values=["nan", 1, "inf", "-inf"] + [0.5] * 12, bias=[0.25],
            kernel__values=[1e-30, -0.0, 3.5, 1, 1, 1, 1, 1, "nan"]))
out("session", "two-channels-two-filters.json",
    session(input__grid={"shape": [2, 3, 3], "values": list(range(18))},
            kernel={"shape": [2, 2, 2, 2], "values": [1, -1] * 8}, bias=[1, -1]))
out("session", "same-reflect-dilated.json",
    session(conv={"stride": [1, 1], "padding": "same", "dilation": [2, 1], "padding_mode": "reflect"}))
out("session", "valid-stride-circular.json",
    session(conv={"stride": [2, 3], "padding": "valid", "dilation": [1, 1], "padding_mode": "circular"}))
out("session", "replicate-pad2.json",
    session(conv={"stride": [1, 2], "padding": [2, 0], "dilation": [1, 1], "padding_mode": "replicate"}))
out("session", "avg-ceil-exclude.json",
    session(pool={"enabled": True, "mode": "avg", "window": [3, 2], "stride": [2, 1], "padding": [1, 1],
                  "dilation": [1, 1], "ceil_mode": True, "count_include_pad": False}))
out("session", "max-dilated-pool-off.json",
    session(pool={"enabled": False, "mode": "max", "window": [2, 2], "stride": [1, 1], "padding": [0, 0],
                  "dilation": [2, 2], "ceil_mode": False, "count_include_pad": True}))
out("session", "image-crop.json",
    session(input={"image": {"path": "/pictures/cat.png", "channel": "green", "max_side": 48, "range": "0-255",
                             "crop": [10, 20, 30, 40]}}))
out("session", "image-full-resolution.json",
    session(input={"image": {"path": "digit.png", "channel": "luminance", "max_side": 0}}))
out("session", "everything.json",
    session(shift={"enabled": True, "dx": -3, "dy": 2},
            view={"numbers": False, "grid": True, "scale": 2.5, "theme": "light"},
            playback={"step": 17, "playing": False, "speed": 0.25, "whole_map": True},
            language="zh-TW", files={"folder": "/home/老師/圖片", "recent": ["/tmp/a.png", "b.json"]}))
# Stacks (version 2): an activation, and later stages reading the channels before them.
def stage(oc, c, k, activation="relu", pool=True):
    return {"kernel": {"shape": [oc, c, k, k], "values": [(i % 3) - 1 for i in range(oc * c * k * k)]},
            "bias": [0.5] * oc,
            "conv": {"stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "padding_mode": "zeros"},
            "activation": {"kind": activation, "negative_slope": 0.1},
            "pool": {"enabled": pool, "mode": "avg", "window": [2, 2], "stride": [2, 2], "padding": [0, 0],
                     "dilation": [1, 1], "ceil_mode": True, "count_include_pad": False}}


out("session", "stack-two-stages.json",
    session(input__grid={"shape": [3, 8, 8], "values": [i % 7 for i in range(192)]},
            kernel={"shape": [4, 3, 3, 3], "values": [(i % 5) - 2 for i in range(108)]}, bias=[0, 1, 2, 3],
            activation={"kind": "relu", "negative_slope": 0.01}, later_stages=[stage(2, 4, 3, "leaky_relu", False)]))
out("session", "stack-four-stages.json",
    session(input__grid={"shape": [1, 16, 16], "values": [i % 9 for i in range(256)]},
            later_stages=[stage(1, 1, 3), stage(1, 1, 1, "none"), stage(1, 1, 2, "leaky_relu", False)]))
out("session", "bad-stack-five-stages.json", session(later_stages=[stage(1, 1, 3)] * 4))
out("session", "bad-activation.json", session(activation={"kind": "tanh"}))
out("session", "bad-truncated.json", session()[:200])
out("session", "version-1.json", session(version=1))
out("session", "bad-version.json", session(version=4))
out("session", "bad-version-2pow64.json", session(version=2**64 - 1))  # an unsigned JSON number
out("session", "bad-values-count.json", session(kernel__values=[1, 2, 3]))
out("session", "bad-stride-0.json", session(conv__stride=[0, 1]))
out("session", "bad-not-a-session.json", '{"format": "something-else", "version": 1}\n')
out("session", "empty.json", "")


# Version 3: layers in any order, each kind's keys as PyTorch names its arguments.
def conv2d(oc, cg, k, groups=1, **args):
    layer = {"type": "conv2d", "kernel": {"shape": [oc, cg, k, k], "values": [(i % 5) - 2 for i in range(oc * cg * k * k)]},
             "bias": [0.25] * oc, "stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": groups,
             "padding_mode": "zeros"}
    layer.update(args)
    return layer


MAX2 = {"type": "max_pool2d", "kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1],
        "ceil_mode": False}
AVG3 = {"type": "avg_pool2d", "kernel_size": [3, 3], "stride": [2, 1], "padding": [1, 1], "ceil_mode": True,
        "count_include_pad": False}


def session3(layers, channels=1, size=6, **changes):
    s = {
        "format": "convscope-session",
        "version": 3,
        "input": {"grid": {"shape": [channels, size, size], "values": [(i % 7) - 3 for i in range(channels * size * size)]}},
        "layers": layers,
    }
    s.update(changes)
    return json.dumps(s, indent=2, ensure_ascii=False) + "\n"


out("session", "v3-minimal.json", session3([conv2d(1, 1, 3)]))
out("session", "v3-every-kind.json",
    session3([conv2d(4, 1, 3, groups=2, padding="same", padding_mode="reflect"),
              {"type": "leaky_relu", "negative_slope": 0.2}, MAX2, conv2d(2, 4, 1, padding=[0, 0]),
              {"type": "relu"}, AVG3], channels=2, size=8,
             view={"layer": 3, "filter": 1, "channel": 3, "numbers": True, "grid": False}))
out("session", "v3-vgg-block.json",
    session3([conv2d(4, 3, 3), {"type": "relu"}, conv2d(4, 4, 3), {"type": "relu"}, MAX2], channels=3, size=8))
out("session", "v3-depthwise-separable.json",
    session3([conv2d(3, 1, 3, groups=3), conv2d(8, 3, 1, padding=[0, 0]), {"type": "relu"}], channels=3, size=8))
out("session", "v3-channel-multiplier.json",
    session3([conv2d(6, 1, 3, groups=3, padding_mode="circular", stride=[2, 1])], channels=3))
out("session", "v3-pool-first.json", session3([MAX2, conv2d(1, 1, 2, padding="valid", dilation=[1, 1])]))
out("session", "v3-defaults.json",
    session3([{"type": "conv2d", "kernel": {"shape": [1, 1, 2, 2], "values": [1, -1, -1, 1]}, "bias": []},
              {"type": "leaky_relu"}, {"type": "max_pool2d", "kernel_size": [2, 2]},
              {"type": "avg_pool2d", "kernel_size": [1, 2]}]))
out("session", "v3-twelve-layers.json", session3([conv2d(1, 1, 3), {"type": "relu"}] * 6, size=4))
out("session", "bad-v3-thirteen-layers.json", session3([{"type": "relu"}] * 13))
out("session", "bad-v3-no-layers.json", session3([]))
out("session", "bad-v3-unknown-type.json", session3([{"type": "lp_pool2d", "kernel_size": [2, 2]}]))
out("session", "bad-v3-unknown-key.json", session3([dict(AVG3, dilation=[1, 1])]))
out("session", "bad-v3-view-filter.json", session3([MAX2], view={"layer": 0, "filter": 1}))
out("session", "v3-groups-do-not-divide.json", session3([conv2d(3, 1, 3, groups=2)], channels=2))


# ---- trained models: .npz, safetensors, ONNX ------------------------------------------------
# The model fixtures (tests/golden/make_model_fixtures.py, which needs torch) are copied as
# they are; a few broken safetensors headers are written here.
MODELS = os.path.join(HERE, "..", "golden", "models")
for name in sorted(os.listdir(MODELS)):
    target = {".npz": "npz", ".safetensors": "safetensors", ".onnx": "onnx"}.get(os.path.splitext(name)[1])
    if target:
        with open(os.path.join(MODELS, name), "rb") as f:
            out(target, name, f.read())


def safetensors(header, data=b""):
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


F2 = struct.pack("<2f", 1.0, 2.0)
out("safetensors", "two-floats.safetensors", safetensors({"k": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}, F2))
out("safetensors", "bad-offsets.safetensors", safetensors({"k": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, F2))
out("safetensors", "bad-size.safetensors", safetensors({"k": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 8]}}, F2))
out("safetensors", "bad-huge.safetensors", safetensors({"k": {"dtype": "F32", "shape": [1 << 20, 1 << 20], "data_offsets": [0, 8]}}, F2))
out("safetensors", "bad-truncated.safetensors", safetensors({"k": {"dtype": "BF16", "shape": [4], "data_offsets": [0, 8]}}, F2)[:-3])
