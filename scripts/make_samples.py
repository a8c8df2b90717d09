#!/usr/bin/env python3
"""Writes convscope's built-in sample images to assets/samples/ (64×64 greyscale PNG).

Run from the repository root:  python3 scripts/make_samples.py
Only the Python standard library is used (PNG = zlib + struct), so the pictures are
reproducible anywhere; the results are committed.
"""
import math
import os
import struct
import zlib

SIZE = 64
OUT = os.path.join(os.path.dirname(__file__), "..", "assets", "samples")


def write_png(path, pixels):
    """pixels: rows of 0..255 ints."""
    h, w = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)  # filter type 0 per row

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))  # 8-bit grey
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def image(fn):
    return [[max(0, min(255, int(round(fn(x + 0.5, y + 0.5) * 255)))) for x in range(SIZE)] for y in range(SIZE)]


def smooth_disc(d, r, edge=1.0):
    """1 inside radius r, 0 outside, with a one-pixel soft edge (anti-aliasing)."""
    return max(0.0, min(1.0, (r - d) / edge + 0.5))


def segment_distance(px, py, ax, ay, bx, by):
    vx, vy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)))
    return math.hypot(px - (ax + t * vx), py - (ay + t * vy))


def strokes(segments, width):
    def fn(x, y):
        d = min(segment_distance(x, y, *s) for s in segments)
        return smooth_disc(d, width / 2)
    return fn


def digit_seven(x, y):
    # A handwritten-style 7: a slightly tilted top bar and a curved-ish downstroke.
    return strokes([(16, 14, 47, 12), (47, 12, 38, 30), (38, 30, 28, 52), (24, 33, 42, 32)], 6.0)(x, y)


def letter_a(x, y):
    return strokes([(14, 54, 32, 9), (32, 9, 50, 54), (21, 38, 43, 38)], 5.5)(x, y)


def checkerboard(x, y):
    return 1.0 if (int(x // 8) + int(y // 8)) % 2 == 0 else 0.0


def stripes(x, y):
    # Four quadrants, stripes at 0°, 45°, 90° and 135°: edge kernels answer each differently.
    angle = [0, 45, 90, 135][(0 if y < SIZE / 2 else 2) + (0 if x < SIZE / 2 else 1)]
    a = math.radians(angle)
    u = x * math.cos(a) + y * math.sin(a)
    return 0.5 + 0.5 * math.cos(2 * math.pi * u / 8.0)


def circles(x, y):
    d = math.hypot(x - 32, y - 32)
    return 1.0 if int(d // 5) % 2 == 0 else 0.0


def gradient(x, y):
    return (x + y) / (2 * SIZE)


def scene(x, y):
    # A small synthetic landscape: sky gradient, a sun, two hills and a house.
    v = 0.55 + 0.35 * (1 - y / SIZE)
    v = max(v, smooth_disc(math.hypot(x - 48, y - 14), 7))
    hill1 = 40 + 8 * math.sin(x / 9.0)
    hill2 = 46 + 5 * math.sin(x / 5.0 + 1.3)
    if y > hill1:
        v = 0.35 + 0.05 * math.sin(x * 1.7 + y * 2.3)
    if y > hill2:
        v = 0.22 + 0.04 * math.sin(x * 2.9 - y * 1.1)
    if 12 <= x <= 26 and 30 <= y <= 44:
        v = 0.8
    if 17 <= x <= 21 and 37 <= y <= 44:
        v = 0.1
    if 12 <= x <= 26 and 22 <= y < 30 and abs(x - 19) <= (y - 22) * 0.9:
        v = 0.45
    return v


SAMPLES = {
    "digit-7": digit_seven,
    "letter-A": letter_a,
    "checkerboard": checkerboard,
    "stripes": stripes,
    "circles": circles,
    "gradient": gradient,
    "scene": scene,
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, fn in SAMPLES.items():
        write_png(os.path.join(OUT, name + ".png"), image(fn))
        print("wrote", os.path.join("assets", "samples", name + ".png"))
