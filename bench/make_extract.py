#!/usr/bin/env python3
"""Writes a batch extract of N letter orders made from one example case, for benchmarks.

    bench/make_extract.py N [--case examples/indkaldelse-arbejdsgiver.json] [--kind indkaldelse]
                            [--format ndjson|xml] [--paper-every K] [--broken] > extract

Every order gets its own id (B-0000001 …) and journal number, so every letter differs.
--paper-every K marks every K-th order for paper mail; --broken replaces order 2 with a
line that is not JSON and drops /brevdato from order 3 (for error-path runs).
"""

import argparse
import copy
import json
import os
import sys
from xml.sax.saxutils import escape, quoteattr


def to_xml(value, name):
    """The case-data XML twin of a JSON value (docs/case-data.md, "JSON and XML")."""
    if isinstance(value, list):
        return "".join(to_xml(item, name) for item in value)
    if isinstance(value, dict):
        return f"<{name}>" + "".join(to_xml(v, k) for k, v in value.items()) + f"</{name}>"
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"<{name}>{escape(str(value))}</{name}>"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--case", default=os.path.join(here, "..", "examples", "indkaldelse-arbejdsgiver.json"))
    parser.add_argument("--kind", default="indkaldelse")
    parser.add_argument("--format", choices=["ndjson", "xml"], default="ndjson")
    parser.add_argument("--paper-every", type=int, default=0)
    parser.add_argument("--broken", action="store_true")
    args = parser.parse_args()
    with open(args.case, encoding="utf-8") as f:
        base = json.load(f)
    out = sys.stdout
    if args.format == "xml":
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<ordrer>\n')
    for i in range(1, args.n + 1):
        case = copy.deepcopy(base)
        case["journalnummer"] = f"2026-{i:07d}"
        if args.paper_every and i % args.paper_every == 0:
            case["forsendelse"] = "papir"
        if args.broken and i == 3:
            del case["brevdato"]
        order_id = f"B-{i:07d}"
        if args.format == "xml":
            out.write(f"  <ordre id={quoteattr(order_id)} kind={quoteattr(args.kind)}>{to_xml(case, 'sag')}</ordre>\n")
        elif args.broken and i == 2:
            out.write('{"id": "B-0000002", "kind": "indkaldelse", "case": {"brevdato": \n')
        else:
            record = {"id": order_id, "kind": args.kind, "case": case}
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    if args.format == "xml":
        out.write("</ordrer>\n")


if __name__ == "__main__":
    main()
