#!/usr/bin/env python3
"""Compute, write and check schema/seed.tl: the seed's definitions plus the
smallest self-contained set of real layer-186 constructors they need.

The seed document (../shared/seed/phone.joinGroupCall.txt) names seven
`Updates` constructors and the `phone.joinGroupCall` function.  Their fields
name other types (MessageFwdHeader, Update, User, ...), whose constructors name
more types, and so on.  This tool picks, for every type reached, exactly one
constructor from api-layer186.tl so that the total number of types (and so of
constructors) in the closure is minimal, by an exact branch-and-bound search.

Usage (stdlib only):

    tools/seed_closure.py [SCHEMA]            print the chosen set and its size
    tools/seed_closure.py [SCHEMA] --emit     print the full schema/seed.tl text
    tools/seed_closure.py [SCHEMA] --write    (re)write schema/seed.tl
    tools/seed_closure.py [SCHEMA] --check    verify schema/seed.tl (exit 1 if not)

SCHEMA is the api-layer186.tl file or the directory holding it; default
$TL_SCHEMA_DIR, else ../shared/schema relative to the repository root.  The
seed document is looked up as SCHEMA_DIR/../seed/phone.joinGroupCall.txt
unless --seed PATH is given.

Search, exactly:
  * A constructor's "refs" are the non-builtin types its fields name, with
    `flags.N?T` -> T and `Vector<T>` -> Vector, T (recursively).
  * Always included: Bool (boolFalse, boolTrue), True (true) and the vector
    core line; builtins int, long, double, string, bytes, int128, int256, #.
  * If refs(c1) is a subset of refs(c2) for two constructors of one type, c2
    can never give a smaller closure than c1 (the closure is monotone in the
    refs), so only the inclusion-minimal ref sets are candidates.
  * Depth-first search over the still-unresolved types (sorted by name), trying
    candidates in order (new types added, own ref count, field count, line in
    the schema), pruning when chosen + unresolved >= best.  The first optimum
    found in that order is kept, so the result is deterministic.
"""

import argparse
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_FILE = "api-layer186.tl"
SEED_FILE = "phone.joinGroupCall.txt"
OUT = os.path.join(REPO, "schema", "seed.tl")
LAYER = 186

BUILTIN = {"int", "long", "double", "string", "bytes", "int128", "int256", "#",
           "Type", "Object"}
# Core lines always present in seed.tl (types they define count as resolved).
CORE_LINES = [
    "boolFalse#bc799737 = Bool;",
    "boolTrue#997275b5 = Bool;",
    "true#3fedd339 = True;",
    "vector#1cb5c415 {t:Type} # [ t ] = Vector t;",
]
CORE_TYPES = {"Bool", "True", "Vector"}

DEF_RE = re.compile(r"^([a-zA-Z][\w.]*)#([0-9a-f]{1,8})\b(.*?)=\s*([^;]+);$")


class Combinator:
    def __init__(self, line, lineno, section):
        m = DEF_RE.match(line)
        if not m:
            raise ValueError("not a combinator line: %r" % line)
        self.line = line
        self.lineno = lineno
        self.section = section
        self.name = m.group(1)
        self.id = m.group(2)
        body = m.group(3).strip()
        self.result = m.group(4).strip().split()[0]
        self.generics = set()
        self.fields = []  # (name, type text)
        for tok in body.split():
            if tok.startswith("{") and tok.endswith("}"):
                self.generics.add(tok[1:-1].split(":")[0])
                continue
            if ":" not in tok:
                continue  # e.g. `#` / `[ t ]` of the vector core line
            fname, ftype = tok.split(":", 1)
            self.fields.append((fname, ftype))

    def refs(self, ctor_type):
        """Non-builtin types named by the fields, in first-use order."""
        out = []
        for _, ftype in self.fields:
            for t in type_names(ftype, ctor_type, self.generics):
                if t not in out:
                    out.append(t)
        return out

    def field_refs(self, ctor_type):
        """[(field name, [types])] for fields naming non-builtin types."""
        out = []
        for fname, ftype in self.fields:
            ts = type_names(ftype, ctor_type, self.generics)
            if ts:
                out.append((fname, ts))
        return out


def type_names(ftype, ctor_type, generics):
    """Types named by a field type expression (flags stripped, Vector split)."""
    t = ftype
    if "?" in t:
        t = t.split("?", 1)[1]
    t = t.lstrip("!%")
    out = []
    for part in re.split(r"[<>\s()]+", t):
        if not part or part in BUILTIN or part in generics:
            continue
        if part == "true":
            part = "True"
        elif part == "vector":
            part = "Vector"
        elif part[0].islower():
            part = ctor_type.get(part, part)  # bare constructor used as type
        out.append(part)
    return out


def parse_tl(text):
    """All combinator lines of a TL text, with their section."""
    section = "types"
    out = []
    for i, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        if line == "---functions---":
            section = "functions"
            continue
        if line == "---types---":
            section = "types"
            continue
        if DEF_RE.match(line):
            out.append(Combinator(line, i, section))
    return out


def seed_lines(seed_text):
    """Definition lines and section markers of the seed document, in order."""
    out = []
    for raw in seed_text.split("\n"):
        line = raw.rstrip("\r")
        if line in ("---functions---", "---types---") or DEF_RE.match(line):
            out.append(line)
    return out


def solve(schema, roots):
    """Exact minimum closure: {type: Combinator} for every type reached."""
    ctor_type = {c.name: c.result for c in schema if c.section == "types"}
    by_type = {}
    for c in schema:
        if c.section == "types":
            by_type.setdefault(c.result, []).append(c)

    cands = {}
    for t, cs in by_type.items():
        keyed = sorted(cs, key=lambda c: (len(c.refs(ctor_type)), len(c.fields), c.lineno))
        minimal = []
        for c in keyed:
            r = set(c.refs(ctor_type))
            if any(set(m.refs(ctor_type)) <= r for m in minimal):
                continue
            minimal.append(c)
        cands[t] = minimal

    missing = sorted(t for t in roots if t not in by_type and t not in CORE_TYPES)
    if missing:
        raise SystemExit("types with no constructor in the schema: %s" % ", ".join(missing))

    best = [None]
    nodes = [0]

    def dfs(chosen, pending):
        nodes[0] += 1
        if best[0] is not None and len(chosen) + len(pending) >= len(best[0]):
            return
        if not pending:
            best[0] = dict(chosen)
            return
        t = min(pending)
        rest = set(pending)
        rest.discard(t)

        def new_types(c):
            return {r for r in c.refs(ctor_type)
                    if r not in chosen and r not in rest and r != t and r not in CORE_TYPES}

        for c in sorted(cands[t], key=lambda c: (len(new_types(c)), len(c.refs(ctor_type)),
                                                  len(c.fields), c.lineno)):
            nt = new_types(c)
            absent = sorted(x for x in nt if x not in cands)
            if absent:
                continue
            chosen[t] = c
            dfs(chosen, rest | nt)
            del chosen[t]

    dfs({}, set(t for t in roots if t not in CORE_TYPES))
    if best[0] is None:
        raise SystemExit("no closed set of constructors exists")
    return best[0], ctor_type, nodes[0]


def load(args):
    path = args.schema or os.environ.get("TL_SCHEMA_DIR") or os.path.join(REPO, "..", "shared", "schema")
    if os.path.isdir(path):
        schema_dir, schema_path = path, os.path.join(path, SCHEMA_FILE)
    else:
        schema_dir, schema_path = os.path.dirname(path), path
    seed_path = args.seed or os.path.join(schema_dir, "..", "seed", SEED_FILE)
    with open(schema_path, encoding="utf-8") as f:
        schema_text = f.read()
    with open(seed_path, encoding="utf-8") as f:
        seed_text = f.read()
    return schema_text, seed_text


def build(schema_text, seed_text):
    schema = parse_tl(schema_text)
    seed = seed_lines(seed_text)
    seed_defs = [Combinator(l, 0, "") for l in seed if DEF_RE.match(l)]
    ctor_type = {c.name: c.result for c in schema if c.section == "types"}
    roots = set()
    for c in seed_defs:
        roots.update(c.refs(ctor_type))
    roots -= {c.result for c in seed_defs if c.result == "Updates"}
    chosen, ctor_type, nodes = solve(schema, roots)
    return schema, seed, seed_defs, chosen, ctor_type, nodes


def users_of(t, combinators, ctor_type):
    """`name.field` strings of combinators whose fields name type t."""
    out = []
    for c in combinators:
        for fname, ts in c.field_refs(ctor_type):
            if t in ts:
                out.append("%s.%s" % (c.name, fname))
    return out


def render(schema, seed, seed_defs, chosen, ctor_type):
    lines = [
        "// seed.tl: the definitions tlgen was started from, made self-contained.",
        "//",
        "// Origin: the `phone.joinGroupCall` method page (shared/seed/phone.joinGroupCall.txt):",
        "// its seven `Updates` constructors and the function, copied verbatim, plus the",
        "// smallest set of real layer-186 constructors, copied verbatim from",
        "// shared/schema/api-layer186.tl, that defines every type they name, recursively.",
        "// Generated and checked by tools/seed_closure.py (--write / --check); do not edit by hand.",
        "// Each group comment is followed by a blank line: a comment directly above a",
        "// definition is its documentation, and these comments describe the file, not the items.",
        "",
        "// LAYER %d" % LAYER,
        "",
        "// Core: Bool, the `true` type of flag bits, and the boxed vector.",
        "",
    ]
    lines += CORE_LINES
    everyone = seed_defs + list(chosen.values())
    for t in sorted(chosen):
        c = chosen[t]
        used = users_of(t, everyone, ctor_type)
        lines.append("")
        lines.append("// %s, used by %s." % (t, ", ".join(used)))
        lines.append("")
        lines.append(c.line)
    lines.append("")
    lines.append("// The seed: the seven Updates constructors and phone.joinGroupCall, verbatim.")
    lines.append("")
    lines += seed
    return "\n".join(lines) + "\n"


def check(text, schema_text, seed_text):
    """Every line is a comment, blank, a section marker or byte-identical to a
    line of the schema or the seed; every type named is defined."""
    errors = []
    allowed = set(schema_text.split("\n")) | set(seed_text.split("\n"))
    section_lines = {"---functions---", "---types---"}
    for i, line in enumerate(text.split("\n"), 1):
        if not line or line.startswith("//") or line in section_lines:
            continue
        if line not in allowed:
            errors.append("line %d is not a line of the schema or the seed: %s" % (i, line))
    defs = parse_tl(text)
    ctor_type = {c.name: c.result for c in defs if c.section == "types"}
    defined = {c.result for c in defs if c.section == "types"}
    for c in defs:
        for t in c.refs(ctor_type):
            if t not in defined:
                errors.append("%s names %s, which seed.tl does not define" % (c.name, t))
        if c.section == "types" and c.result not in defined:
            errors.append("%s: result type %s undefined" % (c.name, c.result))
    for c in defs:
        if c.section == "functions" and c.result not in defined:
            errors.append("%s returns %s, which seed.tl does not define" % (c.name, c.result))
    seed = seed_lines(seed_text)
    got = [l for l in text.split("\n") if l in seed or l in section_lines]
    if got[-len(seed):] != seed:
        errors.append("seed definitions are not all present, verbatim and in order")
    if "// LAYER %d" % LAYER not in text.split("\n"):
        errors.append("missing `// LAYER %d`" % LAYER)
    return errors, defs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("schema", nargs="?", help="api-layer186.tl or its directory")
    ap.add_argument("--seed", help="seed document (default SCHEMA_DIR/../seed/%s)" % SEED_FILE)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--emit", action="store_true", help="print the seed.tl text")
    mode.add_argument("--write", action="store_true", help="write schema/seed.tl")
    mode.add_argument("--check", action="store_true", help="verify schema/seed.tl")
    args = ap.parse_args()

    schema_text, seed_text = load(args)
    schema, seed, seed_defs, chosen, ctor_type, nodes = build(schema_text, seed_text)
    text = render(schema, seed, seed_defs, chosen, ctor_type)

    if args.emit:
        sys.stdout.write(text)
        return 0
    if args.write:
        with open(OUT, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print("wrote %s (%d supporting constructors)" % (os.path.relpath(OUT), len(chosen)))
        return 0
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            current = f.read()
        errors, defs = check(current, schema_text, seed_text)
        if current != text:
            errors.append("schema/seed.tl differs from what --emit produces (run --write)")
        for e in errors:
            print("error: " + e, file=sys.stderr)
        if errors:
            return 1
        types = {c.result for c in defs if c.section == "types"}
        print("ok: schema/seed.tl has %d constructors, %d functions, %d types; "
              "every type defined, every line verbatim"
              % (sum(c.section == "types" for c in defs),
                 sum(c.section == "functions" for c in defs), len(types)))
        return 0

    print("types the seed names (besides Updates and the core Bool/True/Vector): %s" % ", ".join(sorted(
        {t for c in seed_defs for t in c.refs(ctor_type)} - {"Updates"} - CORE_TYPES)))
    print("chosen supporting constructors (one per type, minimal closure; %d search nodes):" % nodes)
    for t in sorted(chosen):
        print("  %-20s %s" % (t, chosen[t].line))
    print("core lines: %d (%s)" % (len(CORE_LINES), ", ".join(l.split("#")[0] for l in CORE_LINES)))
    print("size: %d supporting constructors + %d core lines = %d"
          % (len(chosen), len(CORE_LINES), len(chosen) + len(CORE_LINES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
