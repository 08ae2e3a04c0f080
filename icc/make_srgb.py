#!/usr/bin/env python3
"""Writes icc/brevgen-srgb.icc: a compact sRGB IEC 61966-2.1 ICC v2 display profile for
PDF/A output intents, derived from Debian's icc-profiles-free sRGB.icc.

Kept from Debian's profile: the header (only the size changes), the white point and the
red, green and blue colorants, exactly. Changed: the three 1 024-entry tone curves become
one shared 'curv' tag resampled from the same curve with the fewest entries whose linear
interpolation stays within 0.5/255 of the IEC 61966-2.1 formula everywhere; the chad,
chrm and device descriptions go, the description and copyright are short.

    python3 icc/make_srgb.py [SOURCE.icc] [OUTPUT.icc]

prints the entry count and the measured maximum error. Only the standard library is used.
"""
import struct
import sys

SOURCE = "/usr/share/color/icc/sRGB.icc"
OUTPUT = "icc/brevgen-srgb.icc"
BOUND = 0.5 / 255
SAMPLES = 1 << 16  # where the interpolated curve is compared with the formula (dense: "everywhere")


def iec_srgb(v):
    """IEC 61966-2.1: encoded value (0..1) to linear light."""
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def tags(profile):
    count = struct.unpack(">I", profile[128:132])[0]
    out = {}
    for i in range(count):
        sig, offset, size = struct.unpack(">4sII", profile[132 + 12 * i:144 + 12 * i])
        out[sig.decode("latin-1")] = profile[offset:offset + size]
    return out


def curve_entries(curv):
    if curv[:4] != b"curv":
        raise SystemExit("the source's rTRC is not a curv")
    n = struct.unpack(">I", curv[8:12])[0]
    return list(struct.unpack(">%dH" % n, curv[12:12 + 2 * n]))


def interpolate(table, x):
    """The curve `table` (uint16 entries, evenly spaced over 0..1) at x, as ICC readers do."""
    pos = x * (len(table) - 1)
    i = min(int(pos), len(table) - 2)
    f = pos - i
    return (table[i] * (1 - f) + table[i + 1] * f) / 65535


def resample(table, n):
    return [round(interpolate(table, i / (n - 1)) * 65535) for i in range(n)]


def max_error(table):
    return max(abs(interpolate(table, k / (SAMPLES - 1)) - iec_srgb(k / (SAMPLES - 1))) for k in range(SAMPLES))


def text_description(text):
    """ICC v2 textDescriptionType: ASCII, an empty Unicode part, an empty ScriptCode part."""
    ascii_part = text.encode("ascii") + b"\0"
    return (b"desc" + bytes(4) + struct.pack(">I", len(ascii_part)) + ascii_part +
            struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + bytes(67))


def pad4(data):
    return data + bytes(-len(data) % 4)


def build(source):
    src = tags(source)
    full = curve_entries(src["rTRC"])
    if curve_entries(src["gTRC"]) != full or curve_entries(src["bTRC"]) != full:
        raise SystemExit("the source's three tone curves differ")
    n = next(n for n in range(2, len(full) + 1) if max_error(resample(full, n)) <= BOUND)
    table = resample(full, n)
    curv = b"curv" + bytes(4) + struct.pack(">I", n) + struct.pack(">%dH" % n, *table)
    elements = [  # (signatures sharing the data, data)
        (["desc"], text_description("sRGB")),
        (["cprt"], b"text" + bytes(4) + b"no copyright\0"),
        (["wtpt"], src["wtpt"]),
        (["rXYZ"], src["rXYZ"]),
        (["gXYZ"], src["gXYZ"]),
        (["bXYZ"], src["bXYZ"]),
        (["rTRC", "gTRC", "bTRC"], curv),
    ]
    tag_count = sum(len(sigs) for sigs, _ in elements)
    offset = 128 + 4 + 12 * tag_count
    table_bytes, data_bytes = b"", b""
    for sigs, data in elements:
        for sig in sigs:
            table_bytes += struct.pack(">4sII", sig.encode("ascii"), offset, len(data))
        data_bytes += pad4(data)
        offset += len(pad4(data))
    header = struct.pack(">I", offset) + source[4:128]
    return header + struct.pack(">I", tag_count) + table_bytes + data_bytes, n, max_error(table)


def main():
    source_path = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    output_path = sys.argv[2] if len(sys.argv) > 2 else OUTPUT
    with open(source_path, "rb") as f:
        source = f.read()
    profile, n, error = build(source)
    with open(output_path, "wb") as f:
        f.write(profile)
    print("%s: %d bytes, %d curve entries, max error %.4f/255 against IEC 61966-2.1" %
          (output_path, len(profile), n, error * 255))


if __name__ == "__main__":
    main()
