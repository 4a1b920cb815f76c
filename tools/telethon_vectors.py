#!/usr/bin/env python3
"""Expected wire bytes for schema/seed.tl, from an independent implementation.

Builds values of every constructor in schema/seed.tl with Telethon's own
generated classes, serializes them with Telethon's own serializer
(`bytes(obj)`), checks that Telethon's reader reads them back to the same
value and the same bytes, and writes generated/tests/vectors/telethon_seed.txt:

    # produced by tools/telethon_vectors.py with telethon==X, layer N; do not edit
    # case_name: <every field value, flags word and flag booleans included>
    case_name <lowercase hex of the boxed serialization>

Run it with the project's venv (tools/setup_venv.sh creates it):

    .venv/bin/python tools/telethon_vectors.py            write the vectors file
    .venv/bin/python tools/telethon_vectors.py --check    fail if the file is stale

Before anything is written the script asserts that:
  * Telethon's class for every constructor serialized has the constructor id
    that schema/seed.tl gives that name, and that every seed.tl constructor is
    exercised by some case (`vector` inside the Updates values, `true` as a set
    flag bit, `boolTrue`/`boolFalse` through a Telethon request with a Bool field);
  * the flags word Telethon wrote equals the one the description states;
  * `BinaryReader(data).tgread_object()` re-serialized gives the same bytes and
    describes to the same text.

Telethon quirks handled here: optional fields are absent when None or False
(an optional int 0 or string "" is present), `true` flags are Python bools,
fields named `date`/`*_date` are datetimes on read (ints are accepted on write
and printed as ints here), `long` is signed 64-bit.
"""

import argparse
import datetime
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SEED_TL = os.path.join(REPO, "schema", "seed.tl")
OUT = os.path.join(REPO, "generated", "tests", "vectors", "telethon_seed.txt")

sys.dont_write_bytecode = True  # keep tools/ free of __pycache__
sys.path.insert(0, HERE)
from seed_closure import parse_tl  # noqa: E402  (stdlib-only sibling tool)

import telethon  # noqa: E402
from telethon.extensions import BinaryReader  # noqa: E402
from telethon.tl import alltlobjects, functions, types  # noqa: E402
from telethon.tl.tlobject import TLObject  # noqa: E402


# ---------------------------------------------------------------------------
# seed.tl and Telethon's classes


def load_seed():
    with open(SEED_TL, encoding="utf-8") as f:
        defs = parse_tl(f.read())
    return {c.name: c for c in defs}


def tl_name_of_class(cls):
    """TL name Telethon's class stands for: module namespace + lowerCamel name."""
    name = cls.__name__
    if name.endswith("Request") and issubclass(cls, telethon.tl.tlobject.TLRequest):
        name = name[: -len("Request")]
    name = name[0].lower() + name[1:]
    mod = cls.__module__.split(".")
    ns = mod[3:] if len(mod) > 3 else []  # telethon.tl.types[.ns]
    return ".".join(ns + [name])


def telethon_classes():
    return {tl_name_of_class(cls): cls for cls in alltlobjects.tlobjects.values()}


# ---------------------------------------------------------------------------
# describing a value exactly, from seed.tl's field list


def rust_str(s):
    """A string as a Rust literal; a long repetition as `"unit".repeat(n)`."""
    def lit(x):
        out = []
        for ch in x:
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
        return '"' + "".join(out) + '"'

    n = len(s.encode("utf-8"))
    if len(s) > 40:
        for unit_len in range(1, 21):
            unit = s[:unit_len]
            if len(s) % unit_len == 0 and unit * (len(s) // unit_len) == s:
                return "%s.repeat(%d) (%d bytes)" % (lit(unit), len(s) // unit_len, n)
    if any(ord(ch) > 0x7F for ch in s):
        return "%s (%d bytes)" % (lit(s), n)
    return lit(s)


def date_int(v):
    if isinstance(v, datetime.datetime):
        return int(v.timestamp())
    return v


def present(v):
    """Telethon's (and TL's) rule for an optional field: absent when None/False."""
    return not (v is None or v is False)


class Describer:
    def __init__(self, seed):
        self.seed = seed
        self.by_id = {int(c.id, 16): c for c in seed.values()}
        self.covered = set()

    def combinator(self, obj):
        cid = obj.CONSTRUCTOR_ID
        c = self.by_id.get(cid)
        if c is None:
            raise AssertionError("%s: Telethon id %08x is not in seed.tl" % (type(obj).__name__, cid))
        if tl_name_of_class(type(obj)) != c.name:
            raise AssertionError("Telethon %s has id %08x, which seed.tl gives to %s"
                                 % (type(obj).__name__, cid, c.name))
        return c

    def flags_word(self, obj, c, flags_field):
        word = 0
        for fname, ftype in c.fields:
            if "?" in ftype and ftype.split(".", 1)[0] == flags_field:
                bit = int(ftype.split(".", 1)[1].split("?", 1)[0])
                if present(getattr(obj, fname)):
                    word |= 1 << bit
        return word

    def value(self, v, ftype):
        if isinstance(v, list):
            self.covered.add("vector")
            inner = ftype[ftype.index("<") + 1: ftype.rindex(">")]
            return "[" + ", ".join(self.value(x, inner) for x in v) + "]"
        if isinstance(v, TLObject):
            return self.obj(v)
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return rust_str(v)
        if isinstance(v, datetime.datetime):
            return str(date_int(v))
        if isinstance(v, int):
            return str(v)
        raise AssertionError("cannot describe %r" % (v,))

    def obj(self, o):
        c = self.combinator(o)
        self.covered.add(c.name)
        parts = [c.name]
        for fname, ftype in c.fields:
            if ftype == "#":
                parts.append("%s=0x%08x" % (fname, self.flags_word(o, c, fname)))
                continue
            if not hasattr(o, fname):
                raise AssertionError("Telethon %s has no field %s" % (type(o).__name__, fname))
            v = getattr(o, fname)
            base = ftype.split("?", 1)[1] if "?" in ftype else ftype
            if base == "true":
                if v:
                    self.covered.add("true")
                parts.append("%s=%s" % (fname, "true" if v else "false"))
            elif "?" in ftype and not present(v):
                parts.append("%s=None" % fname)
            else:
                parts.append("%s=%s" % (fname, self.value(v, base)))
        return "%s{%s}" % (parts[0], " ".join(parts[1:])) if len(parts) > 1 else parts[0]

    def top(self, o):
        d = self.obj(o)
        # the outermost value is written without braces: `name f=v f=v`
        if d.endswith("}") and "{" in d:
            head, _, body = d.partition("{")
            return head + " " + body[:-1]
        return d


# ---------------------------------------------------------------------------
# the cases

T = types
DATE = 1700000000
LONG_NEG = -0x7EDCBA9876543210  # a negative long: sign-extension and byte order
ASCII_300 = "0123456789" * 30          # 300 bytes: 4-byte length prefix
ASCII_253 = "x" * 253                  # longest 1-byte length prefix
ASCII_254 = "y" * 254                  # shortest 4-byte length prefix
CYRILLIC_260 = "й" * 130               # 130 chars but 260 bytes: length is in bytes
MIXED = "Привет, мир! 👋 «ünïcödé»"    # 2-, 3- and 4-byte UTF-8 sequences


def fwd_full():
    return T.MessageFwdHeader(
        date=DATE - 3600, imported=True, saved_out=True,
        from_id=T.PeerUser(user_id=1001), from_name="Forwarder",
        channel_post=77, post_author="Author ✍", saved_from_peer=T.PeerUser(user_id=1002),
        saved_from_msg_id=55, saved_from_id=T.PeerUser(user_id=1003),
        saved_from_name="Saver", saved_date=DATE - 60, psa_type="covid")


def entities2():
    return [T.MessageEntityUnknown(offset=0, length=5),
            T.MessageEntityUnknown(offset=6, length=300)]


def cases():
    out = []

    def add(name, obj):
        out.append((name, obj))

    # --- core: Bool (Telethon has no Bool class; it is serialized inline in
    # classes with a Bool field, here account.updateStatus, whose id is cut off)
    add("bool_true", ("bool", True))
    add("bool_false", ("bool", False))

    # --- supporting constructors, standalone
    add("chat_empty", T.ChatEmpty(id=1234567890123))
    add("data_json", T.DataJSON(data='{"ssrc":12345,"ufrag":"abc"}'))
    add("data_json_empty", T.DataJSON(data=""))
    add("input_group_call", T.InputGroupCall(id=0x0123456789ABCDEF, access_hash=LONG_NEG))
    add("input_peer_empty", T.InputPeerEmpty())
    add("message_entity_unknown", T.MessageEntityUnknown(offset=3, length=7))
    add("message_fwd_header_min", T.MessageFwdHeader(date=DATE))
    add("message_fwd_header_all", fwd_full())
    add("message_fwd_header_shared_bit", T.MessageFwdHeader(
        date=DATE, saved_from_peer=T.PeerUser(user_id=9), saved_from_msg_id=10))
    add("message_fwd_header_mix", T.MessageFwdHeader(
        date=DATE, saved_out=True, from_name="", channel_post=0, psa_type="x"))
    add("message_media_empty", T.MessageMediaEmpty())
    add("message_reply_story_header", T.MessageReplyStoryHeader(peer=T.PeerUser(user_id=4242), story_id=17))
    add("peer_user", T.PeerUser(user_id=777))
    add("peer_user_negative", T.PeerUser(user_id=LONG_NEG))
    add("update_saved_gifs", T.UpdateSavedGifs())
    add("user_empty", T.UserEmpty(id=123456789))

    # --- Updates
    add("updates_too_long", T.UpdatesTooLong())

    add("update_short_message_min", T.UpdateShortMessage(
        id=1, user_id=777, message="hi", pts=2, pts_count=1, date=DATE))
    add("update_short_message_all", T.UpdateShortMessage(
        id=100, user_id=LONG_NEG, message="all fields", pts=200, pts_count=3, date=DATE,
        out=True, mentioned=True, media_unread=True, silent=True, fwd_from=fwd_full(),
        via_bot_id=93372553, reply_to=T.MessageReplyStoryHeader(peer=T.PeerUser(user_id=5), story_id=6),
        entities=entities2(), ttl_period=86400))
    add("update_short_message_mix", T.UpdateShortMessage(
        id=2, user_id=778, message=MIXED, pts=3, pts_count=1, date=DATE,
        mentioned=True, silent=True, fwd_from=T.MessageFwdHeader(date=DATE - 1),
        entities=[], ttl_period=0))
    add("update_short_message_len_253", T.UpdateShortMessage(
        id=3, user_id=779, message=ASCII_253, pts=4, pts_count=1, date=DATE))
    add("update_short_message_len_254", T.UpdateShortMessage(
        id=4, user_id=780, message=ASCII_254, pts=5, pts_count=1, date=DATE))
    add("update_short_message_long_300", T.UpdateShortMessage(
        id=5, user_id=781, message=ASCII_300, pts=6, pts_count=1, date=DATE, out=True))
    add("update_short_message_cyrillic_260", T.UpdateShortMessage(
        id=6, user_id=782, message=CYRILLIC_260, pts=7, pts_count=1, date=DATE,
        entities=[T.MessageEntityUnknown(offset=0, length=130)]))
    add("update_short_message_empty_text", T.UpdateShortMessage(
        id=7, user_id=783, message="", pts=8, pts_count=1, date=DATE, media_unread=True))

    add("update_short_chat_message_min", T.UpdateShortChatMessage(
        id=10, from_id=777, chat_id=888, message="hello chat", pts=11, pts_count=1, date=DATE))
    add("update_short_chat_message_all", T.UpdateShortChatMessage(
        id=11, from_id=777, chat_id=LONG_NEG, message=ASCII_300, pts=12, pts_count=2, date=DATE,
        out=True, mentioned=True, media_unread=True, silent=True, fwd_from=fwd_full(),
        via_bot_id=-1, reply_to=T.MessageReplyStoryHeader(peer=T.PeerUser(user_id=7), story_id=8),
        entities=entities2(), ttl_period=604800))
    add("update_short_chat_message_mix", T.UpdateShortChatMessage(
        id=12, from_id=779, chat_id=889, message=MIXED, pts=13, pts_count=1, date=DATE,
        out=True, via_bot_id=42, reply_to=T.MessageReplyStoryHeader(peer=T.PeerUser(user_id=9), story_id=10)))

    add("update_short_saved_gifs", T.UpdateShort(update=T.UpdateSavedGifs(), date=DATE))

    add("updates_combined_empty", T.UpdatesCombined(
        updates=[], users=[], chats=[], date=DATE, seq_start=0, seq=0))
    add("updates_combined_full", T.UpdatesCombined(
        updates=[T.UpdateSavedGifs(), T.UpdateSavedGifs()],
        users=[T.UserEmpty(id=1), T.UserEmpty(id=2)], chats=[T.ChatEmpty(id=3)],
        date=DATE, seq_start=41, seq=42))
    add("updates_empty", T.Updates(updates=[], users=[], chats=[], date=DATE, seq=0))
    add("updates_full", T.Updates(
        updates=[T.UpdateSavedGifs()], users=[T.UserEmpty(id=LONG_NEG)],
        chats=[T.ChatEmpty(id=5), T.ChatEmpty(id=6)], date=DATE, seq=7))
    add("updates_users_only", T.Updates(
        updates=[], users=[T.UserEmpty(id=11), T.UserEmpty(id=12), T.UserEmpty(id=13)],
        chats=[], date=DATE, seq=1))

    add("update_short_sent_message_min", T.UpdateShortSentMessage(
        id=20, pts=21, pts_count=1, date=DATE))
    add("update_short_sent_message_all", T.UpdateShortSentMessage(
        id=21, pts=22, pts_count=2, date=DATE, out=True, media=T.MessageMediaEmpty(),
        entities=entities2(), ttl_period=3600))
    add("update_short_sent_message_mix", T.UpdateShortSentMessage(
        id=22, pts=23, pts_count=1, date=DATE, out=True, media=T.MessageMediaEmpty()))

    # --- phone.joinGroupCall
    call = T.InputGroupCall(id=0x0123456789ABCDEF, access_hash=LONG_NEG)
    params = T.DataJSON(data='{"ssrc":12345,"ufrag":"abc"}')
    J = functions.phone.JoinGroupCallRequest
    add("phone_join_group_call_none", J(call=call, join_as=T.InputPeerEmpty(), params=params))
    add("phone_join_group_call_muted", J(call=call, join_as=T.InputPeerEmpty(), params=params, muted=True))
    add("phone_join_group_call_video_stopped_invite_hash", J(
        call=call, join_as=T.InputPeerEmpty(), params=params, video_stopped=True, invite_hash="AbCdEf123"))
    add("phone_join_group_call_all", J(
        call=call, join_as=T.InputPeerEmpty(), params=T.DataJSON(data=MIXED),
        muted=True, video_stopped=True, invite_hash=ASCII_300))
    return out


# ---------------------------------------------------------------------------


def bool_bytes(v):
    req = functions.account.UpdateStatusRequest(offline=v)
    data = bytes(req)
    head = struct.pack("<I", req.CONSTRUCTOR_ID)
    assert data.startswith(head) and len(data) == 8, data.hex()
    return data[4:]


def run_case(name, obj, desc):
    if isinstance(obj, tuple) and obj[0] == "bool":
        v = obj[1]
        data = bool_bytes(v)
        back = BinaryReader(data).tgread_object()
        assert back is v, (name, back)
        assert bool_bytes(back) == data
        c = desc.seed["boolTrue" if v else "boolFalse"]
        assert data == struct.pack("<I", int(c.id, 16)), (name, data.hex())
        desc.covered.add(c.name)
        return data, c.name + " (Telethon serializes Bool inline; bytes from account.updateStatus offline=%s)" % (
            "true" if v else "false")

    text = desc.top(obj)
    data = bytes(obj)
    assert data[:4] == struct.pack("<I", obj.CONSTRUCTOR_ID), name
    c = desc.combinator(obj)
    if c.fields and c.fields[0][1] == "#":
        word = desc.flags_word(obj, c, c.fields[0][0])
        got = struct.unpack("<I", data[4:8])[0]
        assert got == word, "%s: Telethon wrote flags %08x, description says %08x" % (name, got, word)
    reader = BinaryReader(data)
    back = reader.tgread_object()
    assert reader.tell_position() == len(data), "%s: reader left %d bytes" % (name, len(data) - reader.tell_position())
    again = bytes(back)
    assert again == data, "%s: round trip differs\n%s\n%s" % (name, data.hex(), again.hex())
    back_text = desc.top(back)
    assert back_text == text, "%s: read back as\n%s\nnot\n%s" % (name, back_text, text)
    return data, text


def render():
    seed = load_seed()
    classes = telethon_classes()
    # every seed.tl combinator that Telethon has a class for must have the same id
    diffs = []
    for name, c in sorted(seed.items()):
        cls = classes.get(name)
        if cls is not None and cls.CONSTRUCTOR_ID != int(c.id, 16):
            diffs.append("%s: seed.tl #%s, Telethon #%08x" % (name, c.id, cls.CONSTRUCTOR_ID))
    if diffs:
        raise SystemExit("Telethon ids differ from seed.tl:\n  " + "\n  ".join(diffs))

    desc = Describer(seed)
    lines = ["# produced by tools/telethon_vectors.py with telethon==%s, layer %d; do not edit"
             % (telethon.__version__, alltlobjects.LAYER),
             "# Each case: `# name: value` (TL constructor, then every field in schema order; flags words",
             "# as computed; None = absent optional field; strings as Rust literals; dates as int),",
             "# then `name <hex of the boxed serialization>`."]
    names = set()
    for name, obj in cases():
        assert name not in names, name
        names.add(name)
        data, text = run_case(name, obj, desc)
        lines.append("# %s: %s" % (name, text))
        lines.append("%s %s" % (name, data.hex()))
    missing = sorted(set(seed) - desc.covered)
    if missing:
        raise SystemExit("seed.tl constructors no case exercises: " + ", ".join(missing))
    return "\n".join(lines) + "\n", len(names)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the vectors file is stale")
    args = ap.parse_args()
    text, n = render()
    rel = os.path.relpath(OUT, REPO)
    if args.check:
        try:
            with open(OUT, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print("error: %s is stale; run tools/telethon_vectors.py" % rel, file=sys.stderr)
            return 1
        print("ok: %s is up to date (%d cases)" % (rel, n))
        return 0
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s: %d cases, telethon==%s, layer %d" % (rel, n, telethon.__version__, alltlobjects.LAYER))
    return 0


if __name__ == "__main__":
    sys.exit(main())
