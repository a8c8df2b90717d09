#!/usr/bin/python3
"""Generate the conv_transpose2d error fixtures (tests/golden/conv_transpose_errors.json).

Each case is an input shape and an nn.ConvTranspose2d's arguments that PyTorch refuses, with
PyTorch's own message, and the id of the convscope error that names the same rule (chosen
here, by a person; PyTorch has no ids). Next to every refused case stands an accepted
neighbour, one step inside the rule, with PyTorch's output shape: the rule's edge is where
PyTorch puts it. conv_transpose_golden_test.cpp checks both.

Regenerate from the repository root with Debian's torch (not a pyenv python):

    /usr/bin/python3 tests/golden/make_conv_transpose_errors.py
"""

import json
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def pair(v):
    return [v, v] if isinstance(v, int) else list(v)


def case(name, input_shape, weight_shape, *, error_id=None, stride=1, padding=0, output_padding=0, dilation=1,
         groups=1, bias=None):
    x = torch.zeros((1,) + tuple(input_shape))
    w = torch.zeros(tuple(weight_shape))
    b = torch.zeros(bias) if bias is not None else None
    desc = {"name": name, "input_shape": list(input_shape), "kernel_shape": list(weight_shape),
            "bias": bias if bias is not None else 0, "stride": pair(stride), "padding": pair(padding),
            "output_padding": pair(output_padding), "dilation": pair(dilation), "groups": groups}
    try:
        y = F.conv_transpose2d(x, w, b, stride=stride, padding=padding, output_padding=output_padding,
                               groups=groups, dilation=dilation)
        assert error_id is None, f"{name}: PyTorch accepts it, {tuple(y.shape)}"
        desc["output_shape"] = list(y.shape[1:])
    except RuntimeError as e:
        assert error_id is not None, f"{name}: PyTorch refuses it: {e}"
        desc["torch_error"] = str(e).splitlines()[0]
        desc["error_id"] = error_id
    return desc


def main():
    c = []
    # output_padding must be smaller than the stride or the dilation (either one suffices).
    c.append(case("output_padding_equals_stride", (2, 4, 4), (2, 3, 3, 3), stride=2, output_padding=2,
                  error_id="output_padding_too_large"))
    c.append(case("output_padding_below_stride", (2, 4, 4), (2, 3, 3, 3), stride=2, output_padding=1))
    c.append(case("output_padding_width_only", (2, 4, 4), (2, 3, 3, 3), stride=(3, 1), output_padding=(2, 1),
                  error_id="output_padding_too_large"))
    c.append(case("output_padding_below_dilation", (2, 4, 4), (2, 3, 3, 3), dilation=2, output_padding=1))
    c.append(case("output_padding_negative", (2, 4, 4), (2, 3, 3, 3), stride=2, output_padding=-1,
                  error_id="output_padding_negative"))
    # The output must have a cell: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1 ≥ 1.
    c.append(case("padding_crops_everything", (2, 4, 4), (2, 3, 3, 3), padding=3,
                  error_id="conv_transpose_output_too_small"))
    c.append(case("padding_leaves_one_cell", (2, 4, 4), (2, 3, 3, 3), padding=(2, 1)))
    c.append(case("padding_crops_width", (2, 1, 1), (2, 1, 1, 1), stride=2, padding=(0, 1),
                  error_id="conv_transpose_output_too_small"))
    c.append(case("padding_negative", (2, 4, 4), (2, 3, 3, 3), padding=-1, error_id="padding_negative_axis"))
    c.append(case("stride_zero", (2, 4, 4), (2, 3, 3, 3), stride=0, error_id="value_too_small"))
    c.append(case("dilation_zero", (2, 4, 4), (2, 3, 3, 3), dilation=(1, 0), error_id="value_too_small"))
    c.append(case("groups_zero", (2, 4, 4), (2, 3, 3, 3), groups=0, error_id="groups_not_positive"))
    # Channels: the weight's first dimension is the input's channels; groups split them.
    c.append(case("channels_mismatch", (2, 4, 4), (3, 3, 3, 3), error_id="kernel_channel_mismatch"))
    c.append(case("groups_do_not_divide", (3, 4, 4), (3, 1, 3, 3), groups=2, error_id="groups_input_channels"))
    c.append(case("groups_divide", (4, 4, 4), (4, 1, 3, 3), groups=2))
    c.append(case("bias_wrong_length", (2, 4, 4), (2, 3, 3, 3), bias=2, error_id="bias_size_mismatch"))
    c.append(case("bias_groups_length", (4, 4, 4), (4, 3, 3, 3), groups=2, bias=6))

    path = os.path.join(HERE, "conv_transpose_errors.json")
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": c}, f, indent=1)
        f.write("\n")
    print(f"{len(c)} cases")


if __name__ == "__main__":
    main()
