#!/usr/bin/python3
"""Generate torch.nn.functional.unfold fixtures (tests/golden/unfold_cases.json).

Each case is one image (C, H, W), the unfold arguments, and unfold's (C·KH·KW, L) matrix,
which `convscope-cli unfold` and core::unfold must reproduce. Regenerate from the repository
root with Debian's torch (not a pyenv python):

    /usr/bin/python3 tests/golden/make_unfold_golden.py
"""

import json
import os
import random

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def case(rng, name, shape, kernel, stride=1, padding=0, dilation=1):
    n = shape[0] * shape[1] * shape[2]
    x = torch.tensor([rng.uniform(-1, 1) for _ in range(n)], dtype=torch.float32).reshape(shape)
    m = F.unfold(x.unsqueeze(0), kernel, dilation=dilation, padding=padding, stride=stride)[0]
    pair = lambda v: [v, v] if isinstance(v, int) else list(v)
    return {"name": name, "input": {"shape": list(shape), "values": [float("%.9g" % v) for v in x.reshape(-1).tolist()]},
            "kernel_size": pair(kernel), "stride": pair(stride), "padding": pair(padding), "dilation": pair(dilation),
            "output": {"shape": list(m.shape), "values": [float("%.9g" % v) for v in m.reshape(-1).tolist()]}}


def main():
    rng = random.Random(13)
    cases = [
        case(rng, "one_channel_3x3", (1, 4, 4), 3, padding=1),
        case(rng, "every_parameter", (2, 7, 6), (3, 2), stride=(2, 1), padding=(1, 2), dilation=(1, 2)),
        case(rng, "strided_no_padding", (3, 5, 9), 2, stride=2),
    ]
    path = os.path.join(HERE, "unfold_cases.json")
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases")


if __name__ == "__main__":
    main()
