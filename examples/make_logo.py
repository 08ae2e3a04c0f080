#!/usr/bin/env python3
"""Draws templates/logo.png: a dark-green rounded square with three white bars that rise
from left to right (a ramp-up: back to work step by step) and a white dot above them.

Only the standard library (zlib + struct): a tiny PNG encoder for palette images, no
alpha. Edges are anti-aliased by 4x4 supersampling, but snapped to a few levels, so the
picture has five colours: a 4-bit palette PNG (brevgen passes its data into the PDF as an
/Indexed image) of about 1 KB. Run:  python3 examples/make_logo.py [OUT.png]
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
    """An indexed PNG of `rows` (RGB tuples): the palette in order of first appearance, the
    fewest bits per index that hold it."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    palette = list(dict.fromkeys(p for row in rows for p in row))
    if len(palette) > 256:
        raise SystemExit("more than 256 colours: not a palette image")
    bits = next(b for b in (1, 2, 4, 8) if len(palette) <= 1 << b)
    index = {p: i for i, p in enumerate(palette)}
    per_byte = 8 // bits

    def packed(row):
        out = bytearray((width * bits + 7) // 8)
        for x, p in enumerate(row):
            out[x // per_byte] |= index[p] << (8 - bits * (x % per_byte + 1))
        return bytes(out)

    raw = bytearray()
    for row in rows:  # filter "None" throughout: the PNG specification's advice for palettes
        raw += b"\x00" + packed(row)
    ihdr = struct.pack(">IIBBBBB", width, height, bits, 3, 0, 0, 0)  # palette, no interlace
    plte = bytes(c for p in palette for c in p)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"PLTE", plte) +
            chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")), bits, len(palette)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "templates/logo.png"
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    data, bits, colours = png(SIZE, SIZE, rows)
    with open(out, "wb") as f:
        f.write(data)
    print(f"{out}: {SIZE}x{SIZE}, {colours} colours in a {bits}-bit palette, {len(data)} bytes")


if __name__ == "__main__":
    main()
