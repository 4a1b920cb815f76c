#!/usr/bin/env python3
"""Counts the definitions of api-layer230.tl that Telethon has with the same name and id.

Usage:
  overlap.py [--schema PATH] [ALLTLOBJECTS.py | telethon-X.whl]...

With no file, the installed Telethon's `telethon/tl/alltlobjects.py` is read. For each source
prints one line: its Telethon layer, the constructors and functions shared by id and TL name,
and how many ids are shared under another name. Used to choose the pinned Telethon version of
tools/requirements-differential.txt (the one with the largest overlap).
"""

import argparse
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tlschema  # noqa: E402

DEFAULT_SCHEMA = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "schema", "api-layer230.tl"
)


def read_tlobjects(text: str):
    """`(layer, {id: dotted class path})` from the text of Telethon's alltlobjects.py."""
    layer = int(re.search(r"^LAYER\s*=\s*(\d+)", text, re.M).group(1))
    objects = {
        int(m.group(1), 16): m.group(2)
        for m in re.finditer(r"^\s*(0x[0-9a-fA-F]+):\s*([A-Za-z0-9_.]+),", text, re.M)
    }
    return layer, objects


def overlap(defs, objects):
    """Definitions whose id Telethon knows as the class of the same TL name."""
    return [d for d in defs if objects.get(d.id) == d.telethon_class]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schema", default=DEFAULT_SCHEMA)
    ap.add_argument("sources", nargs="*")
    args = ap.parse_args()
    _, defs = tlschema.load(args.schema)
    sources = args.sources
    if not sources:
        import telethon.tl.alltlobjects as m

        sources = [m.__file__]
    for src in sources:
        if src.endswith(".whl"):
            with zipfile.ZipFile(src) as z:
                text = z.read("telethon/tl/alltlobjects.py").decode("utf-8")
        else:
            with open(src, encoding="utf-8") as f:
                text = f.read()
        layer, objects = read_tlobjects(text)
        shared = overlap(defs, objects)
        cons = sum(1 for d in shared if not d.is_function)
        funcs = len(shared) - cons
        renamed = sum(1 for d in defs if d.id in objects and objects[d.id] != d.telethon_class)
        print(
            f"{os.path.basename(src)}: layer {layer}, {len(shared)} shared definitions "
            f"({cons} constructors, {funcs} functions) of {len(defs)}; {renamed} ids under another name"
        )


if __name__ == "__main__":
    main()
