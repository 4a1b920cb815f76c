#!/usr/bin/env python3
"""Write and check schema/seed-docs.json: the documentation of the seed's
phone.joinGroupCall, taken from the seed page itself
(../shared/seed/phone.joinGroupCall.txt), in the JSON format of gotd's getdoc
that tlgen's `--docs` reads (the format of ../shared/docs/telegram-docs.json).

The page's description, each parameter's description and its errors (code,
type, description) are copied as the page states them. The page's footnote
link ("invite link »") lost its target in the text copy, so the entry has no
`links`. The page's result type is checked against the function's TL line.

Usage (stdlib only):

    tools/seed_docs.py            print the JSON
    tools/seed_docs.py --write    (re)write schema/seed-docs.json
    tools/seed_docs.py --check    exit 1 unless schema/seed-docs.json is up to date

The page is ../shared/seed/phone.joinGroupCall.txt beside the repository, or
$TL_SEED_DIR/phone.joinGroupCall.txt.
"""

import argparse
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "schema", "seed-docs.json")
PAGE = "phone.joinGroupCall.txt"


def page_path():
    seed_dir = os.environ.get("TL_SEED_DIR") or os.path.join(REPO, "..", "shared", "seed")
    return os.path.join(seed_dir, PAGE)


def section(lines, title, end):
    """The non-empty lines after the line `title`, up to the line `end`."""
    start = lines.index(title) + 1
    stop = lines.index(end, start)
    return [l for l in lines[start:stop] if l.strip()]


def parse(text):
    lines = [l.rstrip() for l in text.split("\n")]
    name = lines[0].strip()
    definition = next(l for l in lines if l.startswith(name + "#"))
    # The description: the lines between the title and the first TL line.
    first_tl = next(i for i, l in enumerate(lines) if re.match(r"^[a-zA-Z][\w.]*#[0-9a-f]+ ", l))
    description = [l.strip() for l in lines[1:first_tl] if l.strip()]

    params = section(lines, "Parameters", "Result")
    if params[0].split() != ["Name", "Type", "Description"]:
        raise SystemExit("unexpected parameter table header: %r" % params[0])
    parameters = {}
    for row in params[1:]:
        pname, _ptype, pdesc = row.split(None, 2)
        # The TL line must have the parameter, with the type the page gives.
        if not re.search(r"(^| )%s:%s( |$)" % (re.escape(pname), re.escape(_ptype)), definition):
            raise SystemExit("parameter %s:%s is not in %s" % (pname, _ptype, definition))
        parameters[pname] = {"name": pname, "description": pdesc}

    result = section(lines, "Result", "Possible errors")
    tl_result = definition.rsplit("=", 1)[1].strip().rstrip(";").strip()
    if result != [tl_result]:
        raise SystemExit("the page's result %r is not the TL line's %r" % (result, tl_result))

    rows = section(lines, "Possible errors", "Related pages")
    if rows[0].split() != ["Code", "Type", "Description"]:
        raise SystemExit("unexpected error table header: %r" % rows[0])
    errors = []
    for row in rows[1:]:
        code, etype, edesc = row.split(None, 2)
        errors.append({"code": int(code), "type": etype, "description": edesc})

    return {
        "index": {"categories": [{"name": "method", "values": [name]}]},
        "methods": {
            name: {
                "name": name,
                "description": description,
                "parameters": parameters,
                "errors": errors,
            }
        },
        # The global error list: the errors the page names.
        "errors": {e["type"]: e for e in sorted(errors, key=lambda e: e["type"])},
    }


def render(doc):
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write schema/seed-docs.json")
    mode.add_argument("--check", action="store_true", help="verify schema/seed-docs.json")
    args = ap.parse_args()
    with open(page_path(), encoding="utf-8") as f:
        text = render(parse(f.read()))
    if args.write:
        with open(OUT, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print("wrote %s" % os.path.relpath(OUT))
        return 0
    if args.check:
        try:
            with open(OUT, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print("error: schema/seed-docs.json is not what tools/seed_docs.py makes of the "
                  "seed page (run tools/seed_docs.py --write)", file=sys.stderr)
            return 1
        print("ok: schema/seed-docs.json is up to date with the seed page")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
