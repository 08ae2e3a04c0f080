#!/usr/bin/env python3
"""LIX (læsbarhedsindeks) of a letter's body text, read from the PDF with pdftotext.

    python3 examples/lix.py out/information-medarbejder.pdf [more.pdf …]

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters. The body text is what is left when the letterhead, the address and reference
block (page 1 above the subject line), the running header and the footer are taken away.
A sentence ends at . ! ? or : (not after abbreviations such as "fx." or "tlf.", ordinal
numbers such as "2." or short dates such as "30.11."), and at the end of a text block
without such a sign: a heading, a list item, a table cell. Below 35 is easy; 35–45 is
ordinary newspaper text; above 45 is hard. The letters aim at 45 or lower.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {"x": "http://www.w3.org/1999/xhtml"}
BODY_TOP_PAGE1 = 240.0   # points from the top: the subject line starts below this
HEADER_BOTTOM = 50.0     # the running header of pages 2+ ends above this
FOOTER_TOP = 790.0       # the footer starts below this

ABBREVIATIONS = {"fx.", "f.eks.", "tlf.", "nr.", "stk.", "kl.", "ca.", "jf.", "pr.", "att.", "evt.",
                 "bl.a.", "dvs.", "mv.", "m.v.", "ift.", "t.", "man.", "tirs.", "ons.", "tors.",
                 "fre.", "lør.", "søn.", "cvr-nr.", "cpr-nr.", "journalnr.", "litra"}
END = re.compile(r"[.!?:]$")
ORDINAL_OR_DATE = re.compile(r"^\d+\.(\d+\.)?$")


def blocks(pdf):
    html = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", pdf, "-"],
                          check=True, capture_output=True).stdout
    root = ET.fromstring(html)
    for number, page in enumerate(root.iter(f"{{{NS['x']}}}page"), start=1):
        for block in page.iter(f"{{{NS['x']}}}block"):
            y0, y1 = float(block.get("yMin")), float(block.get("yMax"))
            if y0 > FOOTER_TOP or (number > 1 and y1 < HEADER_BOTTOM) or (number == 1 and y0 < BODY_TOP_PAGE1):
                continue
            words = []
            for line in block.iter(f"{{{NS['x']}}}line"):
                line_words = [w.text or "" for w in line.iter(f"{{{NS['x']}}}word")]
                # A word hyphenated at the end of the line above goes on in this line.
                if words and words[-1].endswith("-") and line_words and line_words[0][:1].islower():
                    words[-1] = words[-1][:-1] + line_words.pop(0) if len(words[-1]) > 1 else words[-1]
                words.extend(line_words)
            if words:
                yield words


def lix(pdf):
    n_words = n_long = n_sentences = 0
    for words in blocks(pdf):
        ended = False
        for w in words:
            letters = sum(ch.isalpha() for ch in w)
            if any(ch.isalnum() for ch in w):
                n_words += 1
                n_long += letters > 6
            ended = False
            if END.search(w) and w.lower() not in ABBREVIATIONS and not ORDINAL_OR_DATE.match(w):
                n_sentences += 1
                ended = True
        if not ended:
            n_sentences += 1
    return n_words, n_sentences, n_long


def main():
    for pdf in sys.argv[1:]:
        w, s, l = lix(pdf)
        value = w / max(s, 1) + 100 * l / max(w, 1)
        print(f"{pdf}: LIX {value:.0f}  ({w} words, {s} sentences, {l} long words; "
              f"{w / max(s, 1):.1f} words per sentence, {100 * l / max(w, 1):.0f} % long)")


if __name__ == "__main__":
    main()
