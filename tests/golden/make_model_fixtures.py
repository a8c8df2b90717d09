#!/usr/bin/python3
"""Trained-model fixtures for the model readers (tests/io/model_*_test.cpp, tests/cli).

Run with Debian's torch:  /usr/bin/python3 tests/golden/make_model_fixtures.py
Writes tests/golden/models/:
  *.onnx           small PyTorch models exported with torch.onnx.export (several opsets),
                   and hand-built ONNX graphs for what torch never exports (asymmetric pads,
                   auto_pad SAME_UPPER / SAME_LOWER), encoded here with a tiny protobuf writer
                   (python3-protobuf is not installed; the wire format is simple)
  <model>.input.npy         the (C,H,W) input
  <model>.layerK.npy        what PyTorch computes after the K-th layer of the model's chain
  weights.npz / weights_compressed.npz / weights.safetensors   tensors of several dtypes
  cases.json       what each model's chain is and what the tensor files hold
Every expected value is computed by torch (F.pad + conv2d for the hand-built graphs).
"""
import io
import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(15)
cases = {"onnx": [], "tensors": {}}


def save(name, array):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(array, dtype=np.float32))


def export(name, model, shape, opset, chain, layer_outputs):
    """Exports `model`, saves its input and the outputs after each listed module index."""
    model.eval()
    x = torch.randn(1, *shape)
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["output"],
                      do_constant_folding=True)
    save(name + ".input.npy", x[0].numpy())
    outputs = []
    with torch.no_grad():
        y = x
        for i, module in enumerate(model):
            y = module(y)
            if i in layer_outputs:
                outputs.append(name + ".layer%d.npy" % (len(outputs) + 1))
                save(outputs[-1], y[0].numpy())
    cases["onnx"].append({"model": name + ".onnx", "opset": opset, "input": name + ".input.npy",
                          "nodes": chain, "outputs": outputs})


# 1. Opset 11: conv with bias and padding, ReLU, max pool in ceil mode on an odd size, a grouped
#    dilated conv with unequal padding per axis, leaky ReLU, and an average pool that excludes
#    its padding. Each module is one ONNX node, so nodes 1..6 are the whole chain.
export("cnn_op11", nn.Sequential(
    nn.Conv2d(3, 4, 3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2, ceil_mode=True),
    nn.Conv2d(4, 6, 3, padding=(1, 2), dilation=(1, 2), groups=2),
    nn.LeakyReLU(0.2),
    nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False),
), (3, 9, 11), 11, "1..6", [0, 1, 2, 3, 4, 5])

# 2. Opset 13: strided conv without bias, depthwise conv, max pool with padding and dilation.
export("cnn_op13", nn.Sequential(
    nn.Conv2d(2, 4, (3, 2), stride=(2, 1), bias=False),
    nn.Conv2d(4, 4, 3, padding=1, groups=4),
    nn.MaxPool2d(3, stride=1, padding=1, dilation=2),
), (2, 12, 10), 13, "1..3", [0, 1, 2])

# 3. Opset 17: a conv, a transposed conv and a classifier head (Flatten → Gemm): the head's
#    two nodes are listed as unsupported with their reasons; the conv and the transposed conv run.
export("head_op17", nn.Sequential(
    nn.Conv2d(1, 2, 3),
    nn.ConvTranspose2d(2, 1, 2, stride=2),
    nn.Flatten(),
    nn.Linear(64, 3),
), (1, 6, 6), 17, "1..2", [0, 1])

# 4. Opset 9: torch writes the average pool as a Pad node (even of zeros) and an AveragePool,
#    so only the conv runs; 1..3 is refused, naming node 2 (Pad).
export("pool_op9", nn.Sequential(
    nn.Conv2d(1, 3, 3, stride=2, padding=1),
    nn.AvgPool2d(2, stride=1),
), (1, 7, 7), 9, "1..1", [0])

# 5. Opset 13: conv → ReLU → transposed conv, an autoencoder's round trip back to the input
#    size: stride 2, padding 1, output_padding 1, groups 2, dilation on the way back too.
export("convt_op13", nn.Sequential(
    nn.Conv2d(2, 4, 3, stride=2, padding=1),
    nn.ReLU(),
    nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1, groups=2),
    nn.ConvTranspose2d(2, 3, (3, 2), stride=(1, 2), padding=(2, 0), dilation=(2, 1), bias=False),
), (2, 8, 10), 13, "1..4", [0, 1, 2, 3])

# ---- hand-built ONNX ------------------------------------------------------------------------


def varint(n):
    out = b""
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(number, wire, payload):
    return varint(number << 3 | wire) + payload


def vint(number, n):
    return field(number, 0, varint(n))


def vbytes(number, data):
    if isinstance(data, str):
        data = data.encode()
    return field(number, 2, varint(len(data)) + data)


def attr_ints(name, values):
    return vbytes(1, name) + b"".join(vint(8, v) for v in values) + vint(20, 7)


def attr_string(name, value):
    return vbytes(1, name) + vbytes(4, value) + vint(20, 3)


def tensor(name, array):
    array = np.ascontiguousarray(array, dtype=np.float32)
    return b"".join(vint(1, d) for d in array.shape) + vint(2, 1) + vbytes(8, name) + vbytes(9, array.tobytes())


def value_info(name, shape):
    dims = b"".join(vbytes(1, vint(1, d)) for d in shape)
    return vbytes(1, name) + vbytes(2, vbytes(1, vint(1, 1) + vbytes(2, dims)))


def node(op, inputs, outputs, name, attributes=()):
    return (b"".join(vbytes(1, i) for i in inputs) + b"".join(vbytes(2, o) for o in outputs) + vbytes(3, name) +
            vbytes(4, op) + b"".join(vbytes(5, a) for a in attributes))


def model(nodes, initializers, inputs, outputs, opset=11):
    graph = (b"".join(vbytes(1, n) for n in nodes) + vbytes(2, "handmade") +
             b"".join(vbytes(5, t) for t in initializers) + b"".join(vbytes(11, v) for v in inputs) +
             b"".join(vbytes(12, v) for v in outputs))
    return vint(1, 7) + vbytes(2, "convscope fixtures") + vbytes(7, graph) + vbytes(8, vint(2, opset))


def same_pads(size, k, s, d, upper):
    """ONNX's auto_pad SAME_* along one axis, straight from the operator definition."""
    out = -(-size // s)
    total = max(0, (out - 1) * s + d * (k - 1) + 1 - size)
    return (total // 2, total - total // 2) if upper else (total - total // 2, total // 2)


# 5. Asymmetric pads and auto_pad: conv pads [top, left, bottom, right] = [0, 1, 2, 1];
#    then SAME_UPPER with stride 2 on an odd size; then SAME_LOWER with stride 2, dilation 2.
x = torch.randn(1, 2, 9, 8)
w1, b1 = torch.randn(3, 2, 3, 3), torch.randn(3)
w2 = torch.randn(3, 3, 2, 2)
w3, b3 = torch.randn(2, 3, 3, 2), torch.randn(2)
y1 = F.conv2d(F.pad(x, (1, 1, 0, 2)), w1, b1)                 # F.pad: (left, right, top, bottom)
t, b = same_pads(y1.shape[2], 2, 2, 1, True)
l, r = same_pads(y1.shape[3], 2, 2, 1, True)
y2 = F.conv2d(F.pad(y1, (l, r, t, b)), w2, stride=2)
t3, b3_ = same_pads(y2.shape[2], 3, 2, 2, False)
l3, r3 = same_pads(y2.shape[3], 2, 2, 2, False)
y3 = F.conv2d(F.pad(y2, (l3, r3, t3, b3_)), w3, b3, stride=2, dilation=2)
onnx_bytes = model(
    [node("Conv", ["x", "w1", "b1"], ["y1"], "conv_pads", [attr_ints("pads", [0, 1, 2, 1]),
                                                              attr_ints("kernel_shape", [3, 3])]),
     node("Conv", ["y1", "w2"], ["y2"], "conv_same_upper", [attr_string("auto_pad", "SAME_UPPER"),
                                                              attr_ints("strides", [2, 2])]),
     node("Conv", ["y2", "w3", "b3"], ["y3"], "conv_same_lower", [attr_string("auto_pad", "SAME_LOWER"),
                                                                    attr_ints("strides", [2, 2]),
                                                                    attr_ints("dilations", [2, 2])])],
    [tensor("w1", w1), tensor("b1", b1), tensor("w2", w2), tensor("w3", w3), tensor("b3", b3)],
    [value_info("x", [1, 2, 9, 8])], [value_info("y3", list(y3.shape))])
with open(os.path.join(OUT, "pads_handmade.onnx"), "wb") as f:
    f.write(onnx_bytes)
save("pads_handmade.input.npy", x[0].numpy())
for i, y in enumerate([y1, y2, y3]):
    save("pads_handmade.layer%d.npy" % (i + 1), y[0].numpy())
cases["onnx"].append({"model": "pads_handmade.onnx", "opset": 11, "input": "pads_handmade.input.npy",
                      "nodes": "1..3", "outputs": ["pads_handmade.layer%d.npy" % (i + 1) for i in range(3)],
                      "pads": {"conv_same_upper": [t, b, l, r], "conv_same_lower": [t3, b3_, l3, r3]}})

# ---- .npz and safetensors -----------------------------------------------------------------

kernel = torch.randn(4, 3, 3, 3).numpy()
tensors = {
    "conv1.weight": kernel,                                   # float32 (OC, C, KH, KW)
    "conv1.bias": np.arange(4, dtype=np.float64) / 8,         # float64
    "steps": np.array([-3, 0, 7], dtype=np.int8),
    "tf_kernel_hwio": np.ascontiguousarray(kernel.transpose(2, 3, 1, 0)),  # TensorFlow's layout
    "half": np.array([[0.5, -2.0], [65504.0, 6.1e-05]], dtype=np.float16),
    "mask": np.array([True, False, True]),
    "complex": np.array([1 + 2j], dtype=np.complex64),        # listed, refused on load
}
np.savez(os.path.join(OUT, "weights.npz"), **tensors)
np.savez_compressed(os.path.join(OUT, "weights_compressed.npz"), **tensors)
cases["tensors"]["npz"] = {name: {"shape": list(a.shape), "dtype": a.dtype.str} for name, a in tensors.items()}


def bf16_bytes(a):
    bits = np.ascontiguousarray(a, dtype=np.float32).view(np.uint32)
    return (bits >> 16).astype(np.uint16).tobytes()  # values chosen exact in bfloat16


st = [
    ("conv1.weight", "F32", list(kernel.shape), kernel.astype("<f4").tobytes()),
    ("half", "F16", [2, 2], tensors["half"].astype("<f2").tobytes()),
    ("brain", "BF16", [3], bf16_bytes(np.array([1.5, -0.25, 2.0 ** 100], dtype=np.float32))),
    ("index", "I64", [2], np.array([5, -9], dtype="<i8").tobytes()),
    ("fp8", "F8_E4M3", [2], b"\x38\x40"),
]
header, data = {"__metadata__": {"format": "pt"}}, b""
for name, dtype, shape, raw in st:
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * ((8 - len(text) % 8) % 8)
with open(os.path.join(OUT, "weights.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
cases["tensors"]["safetensors"] = {name: {"shape": shape, "dtype": dtype} for name, dtype, shape, _ in st}

with open(os.path.join(OUT, "cases.json"), "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")

# ---- hostile .npz files (the C++ tests damage the good ones further) ------------------------
import zipfile  # noqa: E402


def npy_header(descr, shape):
    dims = ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "")
    h = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (descr, dims)
    h += " " * ((64 - (10 + len(h) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h.encode()


with zipfile.ZipFile(os.path.join(OUT, "hostile_size.npz"), "w") as z:  # shape (4,) float32, 8 bytes of data
    z.writestr("k.npy", npy_header("<f4", (4,)) + np.zeros(2, "<f4").tobytes())
with zipfile.ZipFile(os.path.join(OUT, "hostile_huge.npz"), "w") as z:  # 2^29 float32 values = 2 GiB
    z.writestr("k.npy", npy_header("<f4", (1 << 29,)))
with zipfile.ZipFile(os.path.join(OUT, "hostile_not_npy.npz"), "w") as z:
    z.writestr("k.npy", npy_header("<f4", (1,)) + np.zeros(1, "<f4").tobytes())
    z.writestr("README.txt", b"not an array")
