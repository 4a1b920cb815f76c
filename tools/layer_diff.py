#!/usr/bin/env python3
"""Count what a new layer of a TL schema adds, removes and changes, without
tlgen: an independent count that tests/cli_diff.rs holds `tlgen diff`'s JSON
against (tests/diff-186-230.json, for ../shared/schema/api-layer186.tl and
api-layer230.tl).

How it reads a schema, on its own: comments (`//`, `/* */`) are removed,
`---functions---` and `---types---` switch sections, the text is cut into
statements at `;`, and each statement `name#id fields... = Result` is split
into its name, its written id and the rest (white space collapsed). Core
lines (`int ? = Int;`, the `vector ... # [ t ] = Vector t` line) are left out.

A definition is identified by its section (constructor or function) and its
full name. It is:
  - added when only the new schema has it, removed when only the old one does;
  - changed when both have it with another written id or another definition
    text (white space collapsed; `Vector T` and `(Vector T)` read as
    `Vector<T>`).

Ids: the script compares the ids as written and never computes one. Telegram's
rule (CRC32 of a normalized text leaving out `flags.N?true` fields) keeps the
id when only such a field is added, so comparing ids alone would miss those
changes: the definition text is compared too. A definition without a written
id is an error here (every definition of api.tl writes one).

Usage (stdlib only):

    tools/layer_diff.py OLD.tl NEW.tl   print the counts and names as JSON
    tools/layer_diff.py --write         (re)write tests/diff-186-230.json
    tools/layer_diff.py --check         exit 1 unless it is up to date

The schemas are read from ../shared/schema beside the repository, or
$TL_SCHEMA_DIR.
"""

import argparse
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "tests", "diff-186-230.json")
OLD, NEW = "api-layer186.tl", "api-layer230.tl"


def schema_dir():
    return os.environ.get("TL_SCHEMA_DIR") or os.path.join(REPO, "..", "shared", "schema")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def vector_spelling(rest):
    """`Vector T` and `(Vector T)` as `Vector<T>` (one level is all api.tl uses)."""
    rest = re.sub(r"\((\w+) ([\w.%]+)\)", r"\1<\2>", rest)
    return re.sub(r"\b([Vv]ector) ([\w.%]+)", r"\1<\2>", rest)


def read(path):
    """{(section, name): (id, text)} for one schema file."""
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    defs = {}
    section = "constructor"
    for part in re.split(r"(---\s*\w+\s*---)", text):
        marker = re.fullmatch(r"---\s*(\w+)\s*---", part)
        if marker:
            section = {"functions": "function", "types": "constructor"}[marker.group(1)]
            continue
        for statement in part.split(";"):
            statement = " ".join(statement.split())
            if not statement:
                continue
            head, _, rest = statement.partition(" ")
            if re.search(r"(^| )\? ", " " + rest) or "[" in rest:
                continue  # a core line: `int ? = Int`, `vector ... # [ t ] = Vector t`
            name, hash_sign, written = head.partition("#")
            if not hash_sign:
                sys.exit(f"{path}: `{name}` has no written id; this script compares written ids only")
            key = (section, name)
            if key in defs:
                sys.exit(f"{path}: {section} `{name}` is defined twice")
            defs[key] = (int(written, 16), vector_spelling(rest))
    return defs


def compare(old_path, new_path):
    old, new = read(old_path), read(new_path)
    out = {"old": os.path.basename(old_path), "new": os.path.basename(new_path)}
    lists = {
        "added": sorted(k for k in new if k not in old),
        "removed": sorted(k for k in old if k not in new),
        "changed": sorted(k for k in new if k in old and new[k] != old[k]),
    }
    for what, keys in lists.items():
        out[what] = {
            kind + "s": [name for section, name in keys if section == kind]
            for kind in ("constructor", "function")
        }
        out[what]["counts"] = {k: len(v) for k, v in out[what].items()}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", metavar="SCHEMA", help="OLD.tl NEW.tl")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write tests/diff-186-230.json")
    mode.add_argument("--check", action="store_true", help="verify tests/diff-186-230.json")
    args = ap.parse_args()
    if args.files:
        if len(args.files) != 2 or args.write or args.check:
            ap.error("give OLD.tl NEW.tl, or --write / --check alone")
        paths = args.files
    else:
        paths = [os.path.join(schema_dir(), OLD), os.path.join(schema_dir(), NEW)]
    text = json.dumps(compare(*paths), indent=1, sort_keys=True) + "\n"
    if args.write:
        with open(OUT, "w", encoding="utf-8") as f:
            f.write(text)
    elif args.check:
        try:
            with open(OUT, encoding="utf-8") as f:
                current = f.read()
        except OSError as e:
            sys.exit(f"cannot read {OUT}: {e}")
        if current != text:
            print(f"{OUT} is not up to date (run tools/layer_diff.py --write)", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
