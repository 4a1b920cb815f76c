#!/usr/bin/env python3
"""Telethon's half of tlgen's differential test (run it with .venv-differential's Python).

  telethon_corpus.py generate --seed S --values-per-def K --out CORPUS [--allow-out NAMES]
      For every definition of api-layer230.tl that the installed Telethon has with the same
      TL name and id (and that can be built from such definitions alone), builds K random
      Telethon objects, serializes them with Telethon (`bytes(obj)`) and writes `name hex`
      lines to CORPUS. Every value is first read back by Telethon itself
      (`BinaryReader.tgread_object`) and re-serialized; values Telethon cannot round-trip are
      skipped and reported. `--allow-out` writes the TL names that may appear anywhere inside a
      value (one a line): tlgen's random values use only those.

  telethon_corpus.py check --corpus CORPUS
      Reads `name hex` lines written by tlgen's encoder, decodes each with Telethon
      (`BinaryReader(data).tgread_object()`), re-encodes it and requires the identical bytes.

Both print one `differential-python: ...` summary line; `check` exits 1 on any mismatch.
The same seed gives the same corpus, byte for byte.
"""

import argparse
import inspect
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tlschema  # noqa: E402

from telethon.extensions import BinaryReader  # noqa: E402
from telethon.tl import alltlobjects  # noqa: E402

DEFAULT_SCHEMA = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "schema", "api-layer230.tl"
)
# Nesting depth after which values only use each type's cheapest constructor, no optional
# fields and empty vectors, so recursive types terminate.
DEEP = 3
PRIMITIVES = {"int", "long", "double", "string", "bytes", "int128", "int256", "Bool", "true"}

# Characters for random strings: ASCII, Latin-1, Cyrillic, Greek, CJK, emoji (4 UTF-8 bytes),
# combining marks, right-to-left text, zero-width joiner.
_ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.,!?@#",
    "éèàüößñçÅØ",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяЖЩ",
    "αβγδεζηθλμπσωΩ",
    "中文字符测试日本語한국어",
    "😀🎉🚀👍🏽🧪",
    "\u0301\u0308\u200d\u200b",
    "שלום مرحبا",
]


class Model:
    """The overlap of api-layer230.tl and the installed Telethon, and how to build values of it."""

    def __init__(self, schema_path):
        self.layer, defs = tlschema.load(schema_path)
        objects = alltlobjects.tlobjects
        self.all_defs = defs
        same = [d for d in defs if d.id in objects and _class_path(objects[d.id]) == d.telethon_class]
        self.by_name = {d.name: d for d in same}
        self.cls = {d.name: objects[d.id] for d in same}
        self.def_of = {cls: self.by_name[name] for name, cls in self.cls.items()}
        # The function generic `!X` fields hold: tlgen's dispatch instantiates generic functions
        # with the first non-generic function without fields.
        query = next((d for d in defs if d.is_function and not d.generic and not d.fields), None)
        self.query = query if query is not None and query.name in self.by_name else None
        # Same name and id, but another layout: Telegram sometimes adds fields to a constructor
        # without changing its id (`username#b4073647` gained `deletable` and `expired`). Such
        # definitions are excluded: first by their field names, then by a probe value encoded
        # by Telethon and by this script's own encoder of api-layer230.tl's layout.
        self.params = {}
        self.differs = {}
        for d in same:
            params = set(inspect.signature(_generated(self.cls[d.name]).__init__).parameters)
            params -= {"self", "args", "kwargs"}
            names = {f.name: _param_name(f.name, params) for f in d.fields if f.ty != "#"}
            if None in names.values() or set(names.values()) != params:
                self.differs[d.name] = "other fields"
                continue
            self.params[d.name] = names
        self.overlap = [d for d in same if d.name not in self.differs]
        self._cost()
        for d in list(self.overlap):
            if d not in self.covered:
                continue
            try:
                probe = Builder(self, random.Random(0)).build(d, all_flags=True)
                if self.encode_shallow(d, probe) != bytes(probe):
                    self.differs[d.name] = "another layout"
            except Exception as e:
                self.differs[d.name] = f"Telethon cannot encode a probe value: {e!r}"
        self.overlap = [d for d in same if d.name not in self.differs]
        self._cost()

    def encode_shallow(self, d, obj):
        """`obj` encoded by this script per `d`'s layout in api-layer230.tl; nested objects by
        Telethon."""
        return _encode_fields(self, d, obj, False)

    def encode(self, obj):
        """`obj` encoded entirely by this script per api-layer230.tl, independently of Telethon."""
        return _encode_fields(self, self.def_of[type(obj)], obj, True)

    def _cost(self):
        """Smallest nesting each type needs using only overlapping constructors (fixpoint)."""
        self.type_cost = {}  # boxed type -> (depth, cheapest constructor name)
        self.buildable = {}  # type -> [constructor names] that can be built
        changed = True
        while changed:
            changed = False
            for d in self.overlap:
                if d.is_function:
                    continue
                need = self.required_cost(d)
                if need is None:
                    continue
                old = self.type_cost.get(d.result)
                if old is None or need + 1 < old[0]:
                    self.type_cost[d.result] = (need + 1, d.name)
                    changed = True
        for d in self.overlap:
            if not d.is_function and self.required_cost(d) is not None:
                self.buildable.setdefault(d.result, []).append(d.name)
        self.covered = [d for d in self.overlap if self.required_cost(d) is not None]

    def ty_cost(self, ty):
        """Depth needed by a value of `ty`, None when it cannot be built."""
        if ty in PRIMITIVES:
            return 0
        if tlschema.vector_item(ty) is not None:
            return 0  # an empty vector always works
        if ty.startswith("!"):
            return 0 if self.query is not None else None
        c = self.type_cost.get(ty)
        return None if c is None else c[0]

    def required_cost(self, d):
        """Depth needed by `d` with every optional field absent, None when it cannot be built."""
        worst = 0
        for f in d.fields:
            if f.ty == "#" or f.flags_field is not None:
                continue
            c = self.ty_cost(f.ty)
            if c is None:
                return None
            worst = max(worst, c)
        return worst

    def allowed_names(self):
        """TL names that may appear anywhere in a value: the buildable overlapping definitions."""
        return sorted(d.name for d in self.covered)


def _generated(cls):
    """The class Telethon generated for a definition (`patched.Message` derives from it)."""
    return next((k for k in cls.__mro__ if "from_reader" in k.__dict__), cls)


def _class_path(cls):
    cls = _generated(cls)
    module = cls.__module__.split("telethon.tl.", 1)[-1]
    return f"{module}.{cls.__name__}"


def _param_name(name, params):
    for candidate in (name, "is_" + name, name + "_"):
        if candidate in params:
            return candidate
    return None


class Builder:
    """Random Telethon values of the model's definitions."""

    def __init__(self, model, rng):
        self.m = model
        self.rng = rng

    def build(self, d, depth=0, all_flags=False):
        """A random Telethon object of definition `d` (every possible flag set if `all_flags`)."""
        rng = self.rng
        deep = depth > DEEP
        # Flag bits: a bit may be set only when every field it guards can be built.
        bits = {}
        for f in d.fields:
            if f.flags_field is None:
                continue
            ok = self.m.ty_cost(f.ty) is not None
            key = (f.flags_field, f.bit)
            bits[key] = bits.get(key, True) and ok
        on = {k for k, ok in bits.items() if ok and (all_flags or (not deep and rng.random() < 0.5))}
        kwargs = {}
        for f in d.fields:
            if f.ty == "#":
                continue
            name = self.m.params[d.name][f.name]
            if f.flags_field is not None and (f.flags_field, f.bit) not in on:
                kwargs[name] = False if f.ty == "true" else None
                continue
            kwargs[name] = self.value(f.ty, f.name, depth + 1)
        return self.m.cls[d.name](**kwargs)

    def value(self, ty, field_name, depth):
        rng = self.rng
        if ty == "true":
            return True
        if ty == "Bool":
            return rng.random() < 0.5
        if ty == "int":
            return self.integer(32)
        if ty == "long":
            return self.integer(64)
        if ty == "int128":
            return self.integer(128)
        if ty == "int256":
            return self.integer(256)
        if ty == "double":
            return self.double()
        if ty == "string":
            return self.string()
        if ty == "bytes":
            return self.blob()
        item = tlschema.vector_item(ty)
        if item is not None:
            if self.m.ty_cost(item) is None or depth > DEEP:
                return []
            r = rng.random()
            if r < 0.25:
                n = 0
            elif r < 0.9 or depth > 1:
                n = rng.randint(1, 3)
            elif item in PRIMITIVES and item not in ("string", "bytes"):
                n = rng.randint(50, 300)  # a long vector
            else:
                n = rng.randint(4, 8)
            return [self.value(item, field_name, depth + 1) for _ in range(n)]
        if ty.startswith("!"):
            return self.m.cls[self.m.query.name]()
        if depth > DEEP:
            name = self.m.type_cost[ty][1]
        else:
            name = rng.choice(self.m.buildable[ty])
        return self.build(self.m.by_name[name], depth)

    def integer(self, bits):
        rng = self.rng
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        r = rng.random()
        if r < 0.15:
            return rng.choice([0, 1, -1, lo, hi, 255, 256, -256])
        if r < 0.5:
            return rng.randint(-1000, 100000)
        return rng.randint(lo, hi)

    def double(self):
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            return rng.choice([0.0, -0.0, 1.0, -1.5, 1e300, -1e-300, 5e-324, 2.0**53])
        return struct.unpack("<d", struct.pack("<d", rng.uniform(-1, 1) * 10.0 ** rng.randint(-20, 20)))[0]

    def _length(self):
        """A string/bytes length: empty, short, around the 254-byte boundary, or long."""
        rng = self.rng
        r = rng.random()
        if r < 0.1:
            return 0
        if r < 0.6:
            return rng.randint(1, 30)
        if r < 0.75:
            return rng.choice([250, 251, 252, 253, 254, 255, 256, 257])
        if r < 0.997:
            return rng.randint(254, 700)
        return rng.randint(65536, 70000)  # a length needing all three length bytes

    def string(self):
        rng = self.rng
        n = self._length()
        if rng.random() < 0.3:
            return "".join(rng.choice(_ALPHABETS[0]) for _ in range(n))  # exact byte length
        out = []
        size = 0
        while size < n:
            ch = rng.choice(rng.choice(_ALPHABETS))
            out.append(ch)
            size += len(ch.encode("utf-8"))
        return "".join(out)

    def blob(self):
        return self.rng.randbytes(self._length())


def _tl_bytes(data):
    """TL `bytes`: length prefix, data, zero padding to a multiple of 4."""
    n = len(data)
    head = bytes([n]) if n < 254 else bytes([254]) + n.to_bytes(3, "little")
    body = head + data
    return body + b"\0" * (-len(body) % 4)


def _encode_value(model, ty, value, deep):
    """`value` of TL type `ty` per api-layer230.tl; nested objects by Telethon unless `deep`."""
    if ty == "int":
        return struct.pack("<i", value)
    if ty == "long":
        return struct.pack("<q", value)
    if ty == "double":
        return struct.pack("<d", value)
    if ty in ("int128", "int256"):
        return value.to_bytes(16 if ty == "int128" else 32, "little", signed=True)
    if ty == "string":
        return _tl_bytes(value.encode("utf-8"))
    if ty == "bytes":
        return _tl_bytes(value)
    if ty == "Bool":
        return struct.pack("<I", 0x997275B5 if value else 0xBC799737)
    item = tlschema.vector_item(ty)
    if item is not None:
        head = struct.pack("<I", 0x1CB5C415) if ty.startswith("V") else b""
        return head + struct.pack("<i", len(value)) + b"".join(_encode_value(model, item, v, deep) for v in value)
    if deep:
        return model.encode(value)
    return bytes(value)


def _encode_fields(model, d, obj, deep):
    out = struct.pack("<I", d.id)
    params = model.params[d.name]
    for f in d.fields:
        if f.ty == "#":
            word = 0
            for g in d.fields:
                if g.flags_field == f.name:
                    v = getattr(obj, params[g.name])
                    if v is not None and not (g.ty == "true" and v is False):
                        word |= 1 << g.bit
            out += struct.pack("<I", word)
            continue
        v = getattr(obj, params[f.name])
        if f.flags_field is not None and (v is None or (f.ty == "true" and v is False)):
            continue
        if f.ty == "true":
            continue
        out += _encode_value(model, f.ty, v, deep)
    return out


def use_generated_classes():
    """Makes Telethon read every object as the class it generated from its schema.

    Telethon replaces `message`, `messageService` and `messageEmpty` with client classes
    (`telethon.tl.patched`) whose constructor rewrites out-of-range chat and channel ids inside
    `peerChat` / `peerChannel` (`utils.get_peer_id` "in case the user mixed things up":
    `peerChat chat_id:-1` comes back as `chat_id:1`). That is client convenience, not TL
    serialization, so the differential test reads and writes the generated classes, whose
    `_bytes` and `from_reader` the patched classes inherit unchanged.
    """
    for key, cls in list(alltlobjects.tlobjects.items()):
        alltlobjects.tlobjects[key] = _generated(cls)



def telethon_round_trip(data):
    """Telethon reads `data` as one object and writes it again: (object, bytes) or raises."""
    reader = BinaryReader(data)
    obj = reader.tgread_object()
    if reader.tell_position() != len(data):
        raise ValueError(f"read {reader.tell_position()} of {len(data)} bytes")
    return obj, bytes(obj)


def generate(args):
    use_generated_classes()
    model = Model(args.schema)
    rng = random.Random(args.seed)
    values = skipped = 0
    definitions = set()
    skipped_defs = {}
    with open(args.out, "w", encoding="utf-8") as out:
        for d in model.covered:
            builder = Builder(model, random.Random(rng.getrandbits(64)))
            for _ in range(args.values_per_def):
                obj = builder.build(d)
                try:
                    data = bytes(obj)
                    _, again = telethon_round_trip(data)
                    ok = again == data
                    if ok and model.encode(obj) != data:
                        raise ValueError("Telethon's bytes differ from api-layer230's layout")
                except Exception as e:  # Telethon cannot serialize or read it back
                    ok = False
                    skipped_defs.setdefault(d.name, repr(e)[:200])
                if not ok:
                    skipped += 1
                    skipped_defs.setdefault(d.name, "re-serialized bytes differ")
                    continue
                out.write(f"{d.name} {data.hex()}\n")
                values += 1
                definitions.add(d.name)
    if args.allow_out:
        with open(args.allow_out, "w", encoding="utf-8") as f:
            f.write("".join(n + "\n" for n in model.allowed_names()))
    for name, why in sorted(skipped_defs.items()):
        print(f"differential-python: skipped values of {name}: Telethon cannot round-trip them ({why})")
    for name, why in sorted(model.differs.items()):
        print(f"differential-python: excluded {name}: same name and id in Telethon, {why}")
    not_covered = len(model.overlap) - len(model.covered)
    print(
        f"differential-python: telethon layer {alltlobjects.LAYER}, schema layer {model.layer}: "
        f"{len(model.overlap)} shared definitions ({not_covered} not buildable from shared ones); "
        f"wrote {values} values of {len(definitions)} definitions to {args.out} "
        f"(seed {args.seed}, {args.values_per_def} per definition, {skipped} skipped)"
    )
    return 0


def check(args):
    use_generated_classes()
    model = Model(args.schema)
    values = mismatches = 0
    definitions = set()
    with open(args.corpus, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            name, _, hexdata = line.partition(" ")
            data = bytes.fromhex(hexdata)
            values += 1
            problem = None
            try:
                obj, again = telethon_round_trip(data)
                want = model.cls.get(name)
                if want is None:
                    problem = "not a definition shared with Telethon"
                elif type(obj) is not want:
                    problem = f"decoded as {type(obj).__name__}, expected {want.__name__}"
                elif again != data:
                    at = next((i for i, (a, b) in enumerate(zip(again, data)) if a != b), min(len(again), len(data)))
                    problem = (
                        f"re-encoded bytes differ at offset {at} ({len(data)} bytes from tlgen, "
                        f"{len(again)} from Telethon)\n  tlgen:    {data.hex()}\n  telethon: {again.hex()}"
                    )
            except Exception as e:
                problem = f"Telethon cannot decode it: {e!r}"
            if problem:
                mismatches += 1
                if mismatches <= args.show:
                    print(f"MISMATCH {args.corpus}:{lineno} {name}: {problem}")
            else:
                definitions.add(name)
    print(
        f"differential-python: checked {values} values of {len(definitions)} definitions "
        f"from {args.corpus} with Telethon {alltlobjects.LAYER}: {mismatches} mismatches"
    )
    return 1 if mismatches or values == 0 else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schema", default=DEFAULT_SCHEMA, help="api-layer230.tl")
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="write Telethon-serialized random values")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--values-per-def", type=int, default=3)
    g.add_argument("--out", required=True)
    g.add_argument("--allow-out")
    c = sub.add_parser("check", help="decode and re-encode tlgen-serialized values with Telethon")
    c.add_argument("--corpus", required=True)
    c.add_argument("--show", type=int, default=20, help="mismatches to print in full")
    args = ap.parse_args()
    return generate(args) if args.cmd == "generate" else check(args)


if __name__ == "__main__":
    sys.exit(main())
