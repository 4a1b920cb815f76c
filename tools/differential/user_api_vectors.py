#!/usr/bin/env python3
"""Expected wire bytes for tests/user-api, from an independent implementation.

Builds a few requests and responses of Telegram's API the way a client would,
with Telethon's own classes, serializes them with Telethon (`bytes(obj)`),
checks that Telethon reads them back to the same bytes and the same value, and
writes tests/user-api/tests/vectors/telethon.txt:

    # produced by tools/differential/user_api_vectors.py with telethon==X (layer N), ...
    # case_name: <the value: every field in schema order, flags words included>
    case_name <lowercase hex of the boxed serialization>

tests/user-api builds the same values with the generated API (`new`,
`with_*`, `Default`) and compares its bytes with these, and decodes the
responses with it.

Run it with the differential venv (tools/differential/setup.sh creates it):

    .venv-differential/bin/python tools/differential/user_api_vectors.py           write the file
    .venv-differential/bin/python tools/differential/user_api_vectors.py --check   fail if stale

The schema is api-layer230.tl from $TL_SCHEMA_DIR, else ../shared/schema beside
the repository (or --schema PATH). Before anything is written the script
asserts that:
  * every Telethon object inside every value (requests, constructors, nested
    ones) is the class of an api-layer230.tl definition of the same TL name,
    with the same constructor id, and has every field that definition lists;
  * the flags word Telethon wrote first equals the one the description states;
  * `BinaryReader(data).tgread_object()` reads the whole input, re-serializes
    to the same bytes and describes to the same text.

Telethon's conventions, as the description follows them: an optional field is
absent when None or False, except an optional Bool, which is absent only when
None (a False one is written as boolFalse); `true` flags are Python bools;
`int256` is a Python int written as 32 little-endian bytes (described here as
those bytes); fields holding dates are datetimes on read (described as ints).
"""

import argparse
import datetime
import difflib
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCHEMA_FILE = "api-layer230.tl"
OUT = os.path.join(REPO, "tests", "user-api", "tests", "vectors", "telethon.txt")

sys.dont_write_bytecode = True  # keep tools/ free of __pycache__
sys.path.insert(0, HERE)
import tlschema  # noqa: E402  (stdlib-only sibling module)

import telethon  # noqa: E402
import telethon.tl  # noqa: E402
from telethon.extensions import BinaryReader  # noqa: E402
from telethon.tl import alltlobjects, functions, types  # noqa: E402
from telethon.tl.tlobject import TLObject  # noqa: E402


def default_schema_path():
    """api-layer230.tl in $TL_SCHEMA_DIR, else in ../shared/schema beside the repository."""
    directory = os.environ.get("TL_SCHEMA_DIR") or os.path.join(os.path.dirname(REPO), "shared", "schema")
    return os.path.join(directory, SCHEMA_FILE)


# ---------------------------------------------------------------------------
# the schema and Telethon's classes


class Schema:
    """api-layer230.tl's definitions, and Telethon's class for each one it has."""

    def __init__(self, path):
        self.layer, defs = tlschema.load(path)
        self.by_class = {}
        for d in defs:
            cls = telethon_class(d)
            if cls is not None:
                self.by_class[cls] = d

    def definition(self, obj):
        """The definition `obj` is a value of, after checking Telethon's id and fields."""
        cls = type(obj)
        d = self.by_class.get(cls)
        if d is None:
            raise SystemExit("Telethon's %s.%s is no definition of %s" % (cls.__module__, cls.__name__, SCHEMA_FILE))
        if cls.CONSTRUCTOR_ID != d.id:
            raise SystemExit("%s: %s says #%08x, Telethon's %s has #%08x"
                             % (d.name, SCHEMA_FILE, d.id, cls.__name__, cls.CONSTRUCTOR_ID))
        for f in d.fields:
            if f.ty != "#" and not hasattr(obj, f.name):
                raise SystemExit("%s: Telethon's %s has no field %s" % (d.name, cls.__name__, f.name))
        return d


def telethon_class(d):
    """Telethon's class for definition `d` (`types.messages.Chats`, ...), or None."""
    obj = telethon.tl
    for part in d.telethon_class.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj if isinstance(obj, type) and issubclass(obj, TLObject) else None


# ---------------------------------------------------------------------------
# describing a value exactly, from the schema's field list


def rust_str(s):
    """A string as a Rust literal, with its UTF-8 length when that is not its length."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    lit = '"' + "".join(out) + '"'
    n = len(s.encode("utf-8"))
    return lit if n == len(s) else "%s (%d bytes)" % (lit, n)


def hex_bytes(b):
    return "hex:%s (%d bytes)" % (b.hex(), len(b))


def present(v, ty):
    """Whether Telethon writes optional field value `v` of type `ty`."""
    if ty == "Bool":
        return v is not None
    return not (v is None or v is False)


class Describer:
    def __init__(self, schema):
        self.schema = schema
        self.used = set()  # TL names of every definition described

    def flags_word(self, obj, d, flags_field):
        word = 0
        for f in d.fields:
            if f.flags_field == flags_field and present(getattr(obj, f.name), f.ty):
                word |= 1 << f.bit
        return word

    def value(self, v, ty):
        item = tlschema.vector_item(ty)
        if item is not None:
            return "[" + ", ".join(self.value(x, item) for x in v) + "]"
        if ty == "Bool":
            assert isinstance(v, bool), (ty, v)
            return "true" if v else "false"
        if ty in ("int", "long"):
            if isinstance(v, datetime.datetime):
                v = int(v.timestamp())
            assert isinstance(v, int) and not isinstance(v, bool), (ty, v)
            return str(v)
        if ty == "string":
            assert isinstance(v, str), (ty, v)
            return rust_str(v)
        if ty == "bytes":
            assert isinstance(v, bytes), (ty, v)
            return hex_bytes(v)
        if ty in ("int128", "int256"):
            return hex_bytes(v.to_bytes(int(ty[3:]) // 8, "little", signed=True))
        if ty == "double":
            return repr(float(v))
        assert isinstance(v, TLObject), (ty, v)
        return self.obj(v)

    def obj(self, o):
        d = self.schema.definition(o)
        self.used.add(d.name)
        parts = []
        for f in d.fields:
            if f.ty == "#":
                parts.append("%s=0x%08x" % (f.name, self.flags_word(o, d, f.name)))
                continue
            v = getattr(o, f.name)
            if f.ty == "true":
                parts.append("%s=%s" % (f.name, "true" if v else "false"))
            elif f.flags_field is not None and not present(v, f.ty):
                parts.append("%s=None" % f.name)
            else:
                parts.append("%s=%s" % (f.name, self.value(v, f.ty)))
        return "%s{%s}" % (d.name, " ".join(parts)) if parts else d.name

    def top(self, o):
        """The outermost value, written without braces: `name f=v f=v`."""
        d = self.obj(o)
        if d.endswith("}"):
            head, _, body = d.partition("{")
            return head + " " + body[:-1]
        return d


# ---------------------------------------------------------------------------
# the cases: what tests/user-api builds (requests) or decodes (responses)

T = types
DATE = 1700000000
CALL = T.InputGroupCall(id=0x0123456789ABCDEF, access_hash=-0x7EDCBA9876543210)
PARAMS = T.DataJSON(data='{"ufrag":"a"}')
# 32 bytes e0..ff; the last byte has the high bit set, so Telethon's int is negative.
PUBLIC_KEY = bytes(range(0xE0, 0x100))
BLOCK = b"block\x00\xff"
PEER = T.InputPeerUser(user_id=777000111, access_hash=-0x0102030405060708)
PHONE = "+15550100123"
API_ID = 12345
API_HASH = "0123456789abcdef0123456789abcdef"


def cases():
    """(name, Telethon object) for every case, in file order."""
    join = functions.phone.JoinGroupCallRequest
    send = functions.messages.SendMessageRequest
    send_code = functions.auth.SendCodeRequest
    key = int.from_bytes(PUBLIC_KEY, "little", signed=True)
    return [
        ("join_group_call_muted", join(
            call=CALL, join_as=T.InputPeerSelf(), params=PARAMS, muted=True, invite_hash="x")),
        ("join_group_call_public_key", join(
            call=CALL, join_as=T.InputPeerSelf(), params=PARAMS, muted=True, invite_hash="x",
            public_key=key, block=BLOCK)),
        ("send_message_silent", send(
            peer=PEER, message="Привет, мир! 👋", random_id=0x1122334455667788, silent=True)),
        ("send_message_scheduled", send(
            peer=PEER, message="Жирный текст", random_id=-0x0102030405060708,
            schedule_date=DATE + 3600,
            entities=[T.MessageEntityBold(offset=0, length=6), T.MessageEntityBold(offset=7, length=5)])),
        ("send_code_default_settings", send_code(
            phone_number=PHONE, api_id=API_ID, api_hash=API_HASH, settings=T.CodeSettings())),
        ("send_code_token", send_code(
            phone_number=PHONE, api_id=API_ID, api_hash=API_HASH,
            settings=T.CodeSettings(allow_flashcall=True, token="t", app_sandbox=False))),
        ("updates_too_long", T.UpdatesTooLong()),
        ("update_short_delete_messages", T.UpdateShort(
            update=T.UpdateDeleteMessages(messages=[3, 4, 5], pts=120, pts_count=3), date=DATE)),
        ("updates_new_message", T.Updates(
            updates=[T.UpdateNewMessage(
                message=T.Message(id=42, peer_id=T.PeerUser(user_id=777), date=DATE, message="hello", out=True),
                pts=121, pts_count=1)],
            users=[], chats=[], date=DATE, seq=7)),
        ("message", T.Message(
            id=101, peer_id=T.PeerUser(user_id=777), date=DATE, message="Hi ✋", out=True,
            from_id=T.PeerUser(user_id=778), entities=[T.MessageEntityBold(offset=0, length=2)],
            offline=True)),
        ("message_service", T.MessageService(
            id=102, peer_id=T.PeerChat(chat_id=4242), date=DATE,
            action=T.MessageActionChatDeleteUser(user_id=778), silent=True)),
        ("message_empty", T.MessageEmpty(id=103, peer_id=None)),
        ("message_empty_peer", T.MessageEmpty(id=104, peer_id=T.PeerChat(chat_id=4242))),
    ]


# ---------------------------------------------------------------------------


def run_case(name, obj, desc):
    """Telethon's bytes for `obj` and its description, after checking the round trip."""
    text = desc.top(obj)
    data = bytes(obj)
    d = desc.schema.definition(obj)
    assert data[:4] == struct.pack("<I", d.id), "%s: does not start with #%08x" % (name, d.id)
    if d.fields and d.fields[0].ty == "#":
        word = desc.flags_word(obj, d, d.fields[0].name)
        got = struct.unpack("<I", data[4:8])[0]
        assert got == word, "%s: Telethon wrote flags 0x%08x, the description says 0x%08x" % (name, got, word)
    reader = BinaryReader(data)
    back = reader.tgread_object()
    left = len(data) - reader.tell_position()
    assert left == 0, "%s: Telethon's reader left %d bytes" % (name, left)
    again = bytes(back)
    assert again == data, "%s: Telethon's round trip differs\n%s\n%s" % (name, data.hex(), again.hex())
    back_text = desc.top(back)
    assert back_text == text, "%s: read back as\n%s\nnot\n%s" % (name, back_text, text)
    return data, text


def render(schema_path):
    """The text of the vectors file and the number of cases."""
    schema = Schema(schema_path)
    desc = Describer(schema)
    lines = [
        "# produced by tools/differential/user_api_vectors.py with telethon==%s (layer %d), ids and fields"
        % (telethon.__version__, alltlobjects.LAYER),
        "# checked against %s (layer %s); do not edit. Each case: `# name: value` (TL name, then"
        % (SCHEMA_FILE, schema.layer),
        "# every field in schema order; flags words as computed; None = absent optional field; strings",
        "# as Rust literals; bytes and int256 as hex; dates as int), then `name <hex of the boxed",
        "# serialization>`.",
    ]
    names = set()
    for name, obj in cases():
        assert name not in names, "case %s appears twice" % name
        names.add(name)
        data, text = run_case(name, obj, desc)
        lines.append("# %s: %s" % (name, text))
        lines.append("%s %s" % (name, data.hex()))
    return "\n".join(lines) + "\n", len(names), desc.used


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the vectors file is stale")
    ap.add_argument("--schema", default=None, help="api-layer230.tl (default: $TL_SCHEMA_DIR or ../shared/schema)")
    args = ap.parse_args()
    schema_path = args.schema or default_schema_path()
    if not os.path.isfile(schema_path):
        print("error: %s not found (set TL_SCHEMA_DIR or pass --schema)" % schema_path, file=sys.stderr)
        return 1
    text, n, used = render(schema_path)
    rel = os.path.relpath(OUT, REPO)
    if args.check:
        try:
            with open(OUT, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(keepends=True), text.splitlines(keepends=True),
                                        "%s (committed)" % rel, "%s (regenerated)" % rel)
            sys.stderr.writelines(diff)
            print("error: %s is stale; run .venv-differential/bin/python tools/differential/user_api_vectors.py"
                  % rel, file=sys.stderr)
            return 1
        print("ok: %s is up to date (%d cases, %d definitions checked)" % (rel, n, len(used)))
        return 0
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s: %d cases, %d definitions checked, telethon==%s (layer %d)"
          % (rel, n, len(used), telethon.__version__, alltlobjects.LAYER))
    return 0


if __name__ == "__main__":
    sys.exit(main())
