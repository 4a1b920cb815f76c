"""A small line parser for the TL schemas tlgen's differential test uses.

Enough of the TL grammar for Telegram's api.tl: `name#id {X:Type} field:Type ... = Result;`
definitions (possibly spanning lines), `//` comments, `---functions---` / `---types---`
sections, `flags.K?T` conditions, `Vector<T>` / `vector<T>`, `!X` and `// LAYER N`.
It does not validate: tlgen's own checker does that. Core lines (`int ? = Int;`) and
`vector {t:Type} ...` are skipped.
"""

import re
from dataclasses import dataclass, field


@dataclass
class Field:
    """One field of a definition: `name:[flags.K?]type`."""

    name: str
    ty: str
    flags_field: "str | None" = None
    bit: "int | None" = None


@dataclass
class Definition:
    """One constructor or function of the schema."""

    name: str
    id: int
    fields: list = field(default_factory=list)
    result: str = ""
    is_function: bool = False
    generic: bool = False

    @property
    def telethon_class(self) -> str:
        """The dotted path of Telethon's class for this definition, e.g. `types.messages.Chats`
        or `functions.messages.GetHistoryRequest` (Telethon's `snake_to_camel_case` naming)."""
        ns, _, name = self.name.rpartition(".")
        camel = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)
        camel = camel[:1].upper() + camel[1:].replace("_", "")
        if self.is_function:
            camel += "Request"
        root = "functions" if self.is_function else "types"
        return ".".join(p for p in (root, ns, camel) if p)


_DEF = re.compile(r"^([A-Za-z0-9_.]+)#([0-9a-fA-F]{1,8})\s*(.*?)=\s*([^;]+);$")
_FIELD = re.compile(r"^([A-Za-z0-9_]+):(?:([A-Za-z0-9_]+)\.([0-9]+)\?)?(.+)$")


def parse(text: str):
    """Returns `(layer, [Definition])` for the schema text."""
    layer = None
    defs = []
    functions = False
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        m = re.match(r"^//\s*LAYER\s+(\d+)", line)
        if m:
            layer = int(m.group(1))
            continue
        line = line.split("//", 1)[0].strip()
        if not line:
            continue
        if line == "---functions---":
            functions = True
            continue
        if line == "---types---":
            functions = False
            continue
        pending = f"{pending} {line}".strip()
        if not pending.endswith(";"):
            continue
        stmt, pending = pending, ""
        m = _DEF.match(stmt)
        if not m:
            continue  # core lines such as `int ? = Int;`
        name, hex_id, body, result = m.groups()
        if name == "vector":
            continue
        d = Definition(name=name, id=int(hex_id, 16), result=result.strip(), is_function=functions)
        for token in body.split():
            if token.startswith("{"):
                d.generic = True
                continue
            fm = _FIELD.match(token)
            if not fm:
                continue
            fname, flags_field, bit, ty = fm.groups()
            d.fields.append(Field(fname, ty, flags_field, int(bit) if bit is not None else None))
        defs.append(d)
    return layer, defs


def load(path: str):
    """Parses the schema file at `path`."""
    with open(path, encoding="utf-8") as f:
        return parse(f.read())


def vector_item(ty: str):
    """`T` for `Vector<T>` / `vector<T>`, else None."""
    for prefix in ("Vector<", "vector<"):
        if ty.startswith(prefix) and ty.endswith(">"):
            return ty[len(prefix):-1]
    return None
