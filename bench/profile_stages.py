#!/usr/bin/python3
"""Where a letter's instructions go, stage by stage, counted with callgrind.

Usage: bench/profile_stages.py [BUILD_DIR] [KIND] [CASE]
       (defaults: build indkaldelse examples/indkaldelse-arbejdsgiver.json)

Prints two markdown tables: a whole `brevgen render` process (cold: dynamic loading, the
command line, loading fonts and templates, the letter, exit) and one letter inside a running
process (warm: brevgen_bench, the mean of 20 letters after the first). Instruction counts
are exact and do not depend on the machine's load, unlike times; a stage's share of the
instructions is a fair guide to its share of the time, except for page faults and system
calls (reading files, mapping libraries), which callgrind does not count.
Needs valgrind (callgrind_annotate comes with it).
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# (stage, function whose inclusive cost it is); indented stages are part of the one above.
LETTER = [
    ("read and validate the case", r"brevgen::Renderer::Impl::prepare\("),
    ("  of which reading JSON", r"brevgen::data::read_json\("),
    ("view (enrich the case)", r"brevgen::letters::enrich\("),
    ("merge the template (mustache)", r"brevgen::letters::Merger::merge\("),
    ("markup (parse the merged XML)", r"brevgen::markup::parse\("),
    ("layout (lines, blocks, pages)", r"brevgen::layout::layout_letter\("),
    ("PDF: fonts (subsets, widths, ToUnicode)", r"brevgen::pdf::Writer::Impl::embed_fonts\("),
    ("PDF: images (logo)", r"brevgen::pdf::Writer::Impl::add_images\("),
    ("PDF: page content and its Flate", r"brevgen::pdf::paint_page\("),
    ("PDF: structure tree", r"brevgen::pdf::write_structure\("),
    ("PDF: info dictionary and XMP", r"brevgen::pdf::write_metadata\("),
    ("PDF: serialising objects", r"brevgen::pdf::serialise\b"),
    ("PDF: file identifier (MD5)", r"brevgen::pdf::finish_id\("),
    ("  all Flate compression (zlib)", r"brevgen::pdf::haru::deflate\b"),
]
PROCESS = [
    ("dynamic loading and relocation", r"_dl_start\b"),
    ("command line (CLI11)", r"brevgen::cli::add_commands\("),
    ("fonts: every face read (the four letter faces; the fallback is not needed)", r"brevgen::fonts::FontMetrics::load\("),
    ("engine: templates (read, expand, parse)", r"brevgen::letters::TemplateSet::load\("),
    ("engine: templates checked against samples", r"check_template_names\("),
    ("PDF writer set-up (ICC profiles)", r"brevgen::pdf::Writer::Writer\("),
    ("the letter (below, first time)", r"brevgen::Renderer::render\("),
    ("  of which the PNG logo's check", r"brevgen::pdf::decode_png\("),
    ("  of which the fonts' first subsets", r"brevgen::pdf::Writer::Impl::embed_fonts\("),
]


def callgrind(cmd, extra):
    out = tempfile.NamedTemporaryFile(prefix="brevgen-cg-", delete=False).name
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + extra + cmd,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                          check=True, capture_output=True, text=True).stdout
    os.unlink(out)
    costs = []
    total = 0
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([\s\d.]+%\)\s+(.*)", line)
        if not m:
            continue
        value = int(m.group(1).replace(",", ""))
        if "PROGRAM TOTALS" in m.group(2):
            total = value
        else:
            costs.append((value, m.group(2)))
    return total, costs


def cost_of(costs, pattern):
    found = [v for v, name in costs if re.search(pattern, name)]
    return max(found) if found else 0


def table(title, rows, total, costs, divide=1):
    print(f"\n{title}\n")
    print("| stage | M instructions | share |")
    print("|---|---|---|")
    for stage, pattern in rows:
        v = cost_of(costs, pattern) / divide
        label = stage.replace("  ", "&nbsp;&nbsp;")
        print(f"| {label} | {v / 1e6:.2f} | {100 * v / (total / divide):.0f} % |")
    print(f"| **total** | **{total / divide / 1e6:.2f}** | 100 % |")


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
    kind = sys.argv[2] if len(sys.argv) > 2 else "indkaldelse"
    case = os.path.abspath(sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "examples/indkaldelse-arbejdsgiver.json"))
    scratch = tempfile.mkdtemp(prefix="brevgen-profile-")

    total, costs = callgrind([os.path.join(build, "brevgen"), "render", kind, case, "-o", os.path.join(scratch, "x.pdf")], [])
    table(f"Cold: one `brevgen render {kind}` process (callgrind)", PROCESS, total, costs)

    # Warm: 21 letters, the first left out (it builds the per-thread caches).
    bench = [os.path.join(build, "bench", "brevgen_bench"), kind, case]
    one, first_costs = callgrind(bench + ["1", scratch], ["--toggle-collect=brevgen::Renderer::render(*"])
    many, costs = callgrind(bench + ["21", scratch], ["--toggle-collect=brevgen::Renderer::render(*"])
    print(f"\nWarm: one letter in a running process (brevgen_bench, mean of letters 2–21, callgrind)\n")
    print("| stage | M instructions | share |")
    print("|---|---|---|")
    per_letter = (many - one) / 20
    for stage, pattern in LETTER:
        v = (cost_of(costs, pattern) - cost_of(first_costs, pattern)) / 20
        label = stage.replace("  ", "&nbsp;&nbsp;")
        print(f"| {label} | {v / 1e6:.2f} | {100 * v / per_letter:.0f} % |")
    print(f"| **total** | **{per_letter / 1e6:.2f}** | 100 % |")


if __name__ == "__main__":
    main()
