#!/usr/bin/python3
"""check_tagged.py FILE.pdf: checks a letter's structure tree against its extracted text.

Prints one problem per line and exits 1 when there is any:
- the PDF is not tagged, pdftotext warns, there is no H1, a role is not standard, or a
  Figure has no alternative text;
- the text pdftotext returns, less the page furniture (footer, running header,
  "Side X af Y"), is not exactly the text of the structure tree in the same order.

The comparison is by characters, ignoring white space and hyphens (pdftotext joins words
hyphenated at line ends). Inside a Table or a Figure, characters are compared as a
multiset: pdftotext reads wrapped table cells line by line across the row and chart
labels by height, while the tree (rightly) holds them cell by cell. Repeated header rows
of a table, artifacts on continuation pages, are allowed inside their table, and so is the
"(fortsat fra forrige side)" line above a row or fact box continued from the page before."""
import collections
import re
import subprocess
import sys

STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
            "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
            "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
            "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
            "Formula", "Form"}


def chars(text):
    return re.sub(r"[\s\-\u00ad]", "", text)


# The artifact above the part of a table row or fact box continued from the page before.
CONTINUED = chars("(fortsat fra forrige side)")


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.stdout, p.stderr


def tree_blocks(tree_text):
    """[(kind, text, header_text)]: kind 'seq' for ordinary text, 'bag' for a Table/Figure."""
    blocks, roles = [], []
    group = None  # (indent, kind, texts, header)
    for line in tree_text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if group and indent <= group[0]:
            blocks.append(("bag", "".join(group[2]), group[3]))
            group = None
        m = re.match(r'^"(.*)"$', body)
        if m:
            if group:
                group[2].append(m.group(1))
                if group[4][0] == 1:  # still in the first row: the header
                    group[3] += m.group(1)
            else:
                blocks.append(("seq", m.group(1), ""))
            continue
        role = re.match(r"^([A-Za-z0-9]+)", body)
        if not role or body.startswith("/") or role.group(1) == "Object":  # Object: a link's OBJR
            continue
        roles.append(role.group(1))
        if group is None and role.group(1) in ("Table", "Figure"):
            group = [indent, role.group(1), [], "", [0]]
        elif group and role.group(1) == "TR":
            group[4][0] += 1
    if group:
        blocks.append(("bag", "".join(group[2]), group[3]))
    return blocks, roles


def extracted_text(path, pages, problems):
    """The words pdftotext returns, in its order, less page furniture found by position:
    the footer zone at the foot of every page and the running header on pages 2+."""
    _, warnings = run(["pdftotext", path, "/dev/null"])
    if warnings.strip():
        problems.append("pdftotext: " + warnings.strip().splitlines()[0])
    html, _ = run(["pdftotext", "-bbox", path, "-"])
    out = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", html, re.S), start=1):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        for y_min, y_max, word in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', page):
            if float(y_min) > height - 56 or (number > 1 and float(y_max) < 52):
                continue
            out.append(chars(word.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')))
    return "".join(out)


def merge_bags(blocks):
    """A table right before a chart is one region to pdftotext's column reading."""
    out = []
    for b in blocks:
        if out and b[0] == "bag" and out[-1][0] == "bag":
            out[-1] = ("bag", out[-1][1] + b[1], out[-1][2] + b[2])
        else:
            out.append(b)
    return out


def compare(blocks, text, pages):
    blocks = merge_bags(blocks)
    pos = 0
    for index, (kind, block, header) in enumerate(blocks):
        following = chars(blocks[index + 1][1]) if index + 1 < len(blocks) else ""

        want = chars(block)
        if kind == "seq":
            if text[pos:pos + len(want)] != want:
                return f"tree text {block[:60]!r} not found in reading order at {text[pos:pos + 60]!r}"
            pos += len(want)
            continue
        need = collections.Counter(want)
        extra = collections.Counter((chars(header) + CONTINUED) * max(pages - 1, 0))
        while sum(need.values()) > 0:
            if pos >= len(text):
                return f"table or figure text missing: {''.join(need.elements())[:60]!r}"
            c = text[pos]
            if need[c] > 0:
                need[c] -= 1
            elif extra[c] > 0:
                extra[c] -= 1
            else:
                return f"unexpected {text[pos:pos + 40]!r} inside a table or figure"
            pos += 1
        # What is left of repeated header rows, up to where the next block starts.
        while pos < len(text) and extra[text[pos]] > 0 and not (following and text.startswith(following, pos)):
            extra[text[pos]] -= 1
            pos += 1
    if pos != len(text):
        return f"text outside the structure tree: {text[pos:pos + 80]!r}"
    return None


def main(path):
    problems = []
    info, _ = run(["pdfinfo", path])
    if "Tagged:          yes" not in info:
        problems.append("not tagged")
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    tree, _ = run(["pdfinfo", "-struct-text", path])
    blocks, roles = tree_blocks(tree)
    for r in sorted(set(roles) - STANDARD):
        problems.append(f"non-standard role {r}")
    if "H1" not in roles:
        problems.append("no H1")
    objects, _ = run(["qpdf", "--json=1", "--json-key=objects", path])
    figures = len(re.findall(r'"/S": "/Figure"', objects))
    with_alt = len(re.findall(r'"/Alt": "[^"]+"[^}]*"/S": "/Figure"|"/S": "/Figure"[^}]*"/Alt": "[^"]+"', objects))
    if not objects:
        problems.append("qpdf could not list the objects")
    if figures != with_alt:
        problems.append(f"{figures - with_alt} of {figures} figures without alternative text")
    problem = compare(blocks, extracted_text(path, pages, problems), pages)
    if problem:
        problems.append(problem)
    for p in problems:
        print(f"{path}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
