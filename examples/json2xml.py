#!/usr/bin/env python3
"""Writes the XML twin of a JSON case file (docs/case-data.md, "JSON and XML"):
root <sag>, one element per key, a JSON array as the same element repeated.

    python3 examples/json2xml.py examples/referat.json > examples/referat.xml
"""
import json
import sys
from xml.sax.saxutils import escape


def element(tag, value, depth, out):
    pad = "  " * depth
    if isinstance(value, list):
        for item in value:
            element(tag, item, depth, out)
    elif isinstance(value, dict):
        out.append(f"{pad}<{tag}>")
        for key, item in value.items():
            element(key, item, depth + 1, out)
        out.append(f"{pad}</{tag}>")
    else:
        text = json.dumps(value) if isinstance(value, bool) else str(value)
        out.append(f"{pad}<{tag}>{escape(text)}</{tag}>")


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    name = path.rsplit("/", 1)[-1]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f"<!-- The same case as {name}: arrays are repeated elements. -->", "<sag>"]
    for key, value in case.items():
        element(key, value, 1, out)
    out.append("</sag>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
