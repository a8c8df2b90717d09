#!/usr/bin/python3
"""Generate numpy fixtures for kernels' frequency responses (tests/golden/freq_cases.json).

Each case keeps a kernel (KH, KW), a size N and numpy's answer:

    numpy.fft.fftshift(numpy.abs(numpy.fft.fft2(k, (N, N))))

(DC moved to (N//2, N//2)), plus the sum of the weights and numpy's matrix rank (SVD, singular values below
1e-5 · max|k| counted as zero: float32 weights of a separable kernel are rank 1 only to
float rounding) to say whether the kernel is separable.

Regenerate from the repository root:

    /usr/bin/python3 tests/golden/make_freq_golden.py
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def gaussian(size, sigma):
    x = np.arange(size) - (size - 1) / 2
    g = np.exp(-x * x / (2 * sigma * sigma))
    g /= g.sum()
    return np.outer(g, g).astype(np.float32)


def main():
    rng = np.random.default_rng(15)
    kernels = {
        "gaussian 5x5 sigma 1": gaussian(5, 1.0),
        "laplacian 3x3": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], np.float32),
        "sobel x": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], np.float32),
        "box 3x3": np.full((3, 3), 1 / 9, np.float32),
        "random 3x4": rng.uniform(-1, 1, (3, 4)).astype(np.float32),
        "identity 1x1": np.ones((1, 1), np.float32),
    }
    cases = []
    for name, k in kernels.items():
        for n in (8, 9, 16):
            mag = np.fft.fftshift(np.abs(np.fft.fft2(k.astype(np.float64), (n, n))))
            cases.append({"name": f"{name} N={n}", "kernel": {"shape": list(k.shape),
                                                              "values": [float(v) for v in k.reshape(-1)]},
                          "size": n, "magnitude": [float("%.12g" % v) for v in mag.reshape(-1)],
                          "dc_gain": float(k.astype(np.float64).sum()),
                          "rank": int(np.linalg.matrix_rank(k.astype(np.float64), tol=1e-5 * np.abs(k).max()))})
    with open(os.path.join(HERE, "freq_cases.json"), "w") as f:
        json.dump({"generator": "make_freq_golden.py", "numpy": np.__version__, "cases": cases}, f,
                  separators=(",", ":"))
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
