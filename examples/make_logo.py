#!/usr/bin/env python3
"""Draws templates/logo.png: a dark-green rounded square with three white bars that rise
from left to right (a ramp-up: back to work step by step) and a white dot above them.

Only the standard library (zlib + struct): a tiny PNG encoder for 8-bit RGB, no alpha.
Edges are anti-aliased by 4x4 supersampling, but snapped to a few grey levels so the file
stays small (about 2 KB). Run:  python3 examples/make_logo.py [OUT.png]
"""
import struct
import sys
import zlib

SIZE = 300            # pixels; the letterhead prints it about 16 mm high
GREEN = (0x1E, 0x5B, 0x3C)
WHITE = (0xFF, 0xFF, 0xFF)
SUB = 4               # supersampling per axis
LEVELS = 4            # coverage levels kept for the anti-aliased edges


def rounded_rect(x, y, x0, y0, x1, y1, r):
    """True when (x, y) lies in the rectangle [x0,x1]×[y0,y1] with corner radius r."""
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def circle(x, y, cx, cy, r):
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


# Three bars standing on one base line, rising like the hours of a ramp-up plan.
BASE = 240
BARS = [(62, 196), (127, 152), (192, 108)]   # (left x, top y); each bar is 46 px wide
BAR_W = 46


def shape(x, y):
    """0 = background (white page), 1 = green square, 2 = white figure."""
    if not rounded_rect(x, y, 0, 0, SIZE, SIZE, 56):
        return 0
    for left, top in BARS:
        if rounded_rect(x, y, left, top, left + BAR_W, BASE, 9):
            return 2
    if circle(x, y, 215, 68, 23):
        return 2
    return 1


def pixel(px, py):
    counts = [0, 0, 0]
    for sy in range(SUB):
        for sx in range(SUB):
            counts[shape(px + (sx + 0.5) / SUB, py + (sy + 0.5) / SUB)] += 1
    n = SUB * SUB
    # White page outside the square, so 0 and 2 both mix in white.
    green = counts[1] / n
    green = round(green * LEVELS) / LEVELS
    return tuple(round(w + (g - w) * green) for g, w in zip(GREEN, WHITE))


def png(width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = bytearray()
    prev = bytes(width * 3)
    for row in rows:
        cur = bytes(c for p in row for c in p)
        # Filter "Up" (2) when the row above is similar, else "None" (0): plain shapes compress well.
        up = bytes((a - b) & 0xFF for a, b in zip(cur, prev))
        raw += b"\x02" + up if sum(1 for b in up if b) < sum(1 for b in cur if b != 0xFF) else b"\x00" + cur
        prev = cur
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "templates/logo.png"
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    data = png(SIZE, SIZE, rows)
    with open(out, "wb") as f:
        f.write(data)
    print(f"{out}: {SIZE}x{SIZE} RGB, {len(data)} bytes")


if __name__ == "__main__":
    main()
