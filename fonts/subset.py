#!/usr/bin/python3
"""Subsets one TrueType font for brevgen at build time.

Usage: subset.py SOURCE.ttf OUTPUT.ttf RANGES

RANGES is a comma-separated list of code points or ranges in hex ("20-7E,A0-FF,20AC").
Must run under Debian's /usr/bin/python3, which has python3-fonttools.

Why each step (see fonts/README.md):
- subsetting keeps letters small (~12 KB instead of ~90 KB) and font loading < 1 ms;
- composite glyphs are decomposed because libharu 2.3.0 draws them wrong;
- hinting and OpenType layout tables are dropped: libharu uses neither, and PDF viewers
  rasterise at high resolution anyway.
"""

import sys

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont


def parse_ranges(text):
    """Turns "20-7E,20AC" into a sorted list of code points."""
    cps = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        first = int(lo, 16)
        last = int(hi, 16) if hi else first
        if last < first:
            raise ValueError(f"bad range {part!r}")
        cps.update(range(first, last + 1))
    return sorted(cps)


def subset_font(font, unicodes):
    """Keeps only `unicodes`, no hinting, no layout tables, post format 3."""
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "gasp", "FFTM", "DSIG",
                            "LTSH", "VDMX", "hdmx", "PCLT", "BASE", "JSTF", "MATH"]
    options.glyph_names = False   # post format 3
    options.name_IDs = ["*"]      # keep copyright and licence strings (OFL asks for them)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_bounds = True
    options.prune_unicode_ranges = True
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def decompose_composites(font):
    """Replaces every composite glyph by a simple glyph with the components' outlines."""
    glyf = font["glyf"]
    glyph_set = font.getGlyphSet()
    composites = [name for name in font.getGlyphOrder() if glyf[name].isComposite()]
    for name in composites:
        recorder = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(recorder)
        pen = TTGlyphPen(None)
        recorder.replay(pen)
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        glyf[name] = glyph
    return len(composites)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    source, output, ranges = argv[1], argv[2], argv[3]
    unicodes = parse_ranges(ranges)
    font = TTFont(source)
    subset_font(font, unicodes)
    decompose_composites(font)
    # A second pass drops the glyphs that were only there as components.
    subset_font(font, unicodes)
    font.save(output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
