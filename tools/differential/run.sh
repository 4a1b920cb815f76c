#!/usr/bin/env bash
# The differential test of tlgen's generated code against Telethon, both directions:
#   1. Telethon -> tlgen: random Telethon objects of every definition that Telethon has with the
#      same TL name and id as ../shared/schema/api-layer230.tl, serialized by Telethon, are decoded
#      by the generated types and re-encoded; the bytes must be identical.
#   2. tlgen -> Telethon: random values (tests/full-schema/src/synth.rs, built only from
#      constructors Telethon knows), encoded by the generated types, are decoded and re-encoded by
#      Telethon; the bytes must be identical.
# Sets up .venv-differential (tools/differential/setup.sh) first. Deterministic: the same
# --seed and --values-per-def give the same values, so a failure reproduces from its command.
#
# Usage: tools/differential/run.sh [--values-per-def K] [--seed S] [--keep DIR]
#   --values-per-def K   random values per definition and direction (default 3)
#   --seed S             seed of both generators (default 1)
#   --keep DIR           write the corpora and the allow-list to DIR and keep them
# Prints `differential: N definitions, X values telethon->tlgen, Y values tlgen->telethon,
# M mismatches`; exits 1 on any mismatch or failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VALUES=3
SEED=1
KEEP=""
while [ $# -gt 0 ]; do
    case "$1" in
        --values-per-def) VALUES="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --keep) KEEP="$2"; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "differential: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$VALUES$SEED" in *[!0-9]*|"") echo "differential: --values-per-def and --seed take numbers" >&2; exit 2 ;; esac

"$ROOT/tools/differential/setup.sh"
PY="${TLGEN_DIFFERENTIAL_VENV:-$ROOT/.venv-differential}/bin/python"
if [ -n "$KEEP" ]; then
    mkdir -p "$KEEP"
    WORK="$(cd "$KEEP" && pwd)"
else
    WORK="$(mktemp -d)"
    trap 'rm -rf "$WORK"' EXIT
fi
SCRIPT="$ROOT/tools/differential/telethon_corpus.py"
START=$SECONDS

echo "== differential: Telethon writes $VALUES values per definition (seed $SEED)"
"$PY" "$SCRIPT" generate --seed "$SEED" --values-per-def "$VALUES" \
    --out "$WORK/telethon.corpus" --allow-out "$WORK/allow.txt" | tee "$WORK/generate.log"

echo "== differential: tlgen decodes Telethon's values and writes its own"
# --workspace, not -p: features then unify as in `cargo test --workspace`, whose build
# this reuses (with -p, tl-codegen's features differ and the generated crate is rebuilt).
rust_status=0
(
    cd "$ROOT"
    TLGEN_DIFFERENTIAL_CORPUS="$WORK/telethon.corpus" \
    TLGEN_DIFFERENTIAL_OUT="$WORK/tlgen.corpus" \
    TLGEN_DIFFERENTIAL_ALLOW="$WORK/allow.txt" \
    TLGEN_DIFFERENTIAL_SEED="$SEED" \
    TLGEN_DIFFERENTIAL_VALUES="$VALUES" \
        cargo test -q --workspace --test differential -- --nocapture \
        telethon_corpus_round_trips write_tlgen_corpus
) 2>&1 | tee "$WORK/rust.log" || rust_status=1

echo "== differential: Telethon decodes tlgen's values"
python_status=0
if [ -s "$WORK/tlgen.corpus" ]; then
    "$PY" "$SCRIPT" check --corpus "$WORK/tlgen.corpus" | tee "$WORK/check.log" || python_status=1
else
    echo "differential: tlgen wrote no corpus" | tee "$WORK/check.log"
    python_status=1
fi

# The summary, from the lines each half printed.
number() { grep -o "$1" "$2" 2>/dev/null | head -1 | grep -o '^[0-9]*' || echo 0; }
defs=$(number '[0-9]* definitions to' "$WORK/generate.log")
to_tlgen=$(number '[0-9]* Telethon values' "$WORK/rust.log")
rust_mismatches=$(grep 'differential-rust: decoded' "$WORK/rust.log" | grep -o '[0-9]* mismatches' | grep -o '^[0-9]*' || echo "?")
to_telethon=$(grep 'differential-python: checked' "$WORK/check.log" | grep -o 'checked [0-9]*' | grep -o '[0-9]*' || echo 0)
python_mismatches=$(grep 'differential-python: checked' "$WORK/check.log" | grep -o '[0-9]* mismatches' | grep -o '^[0-9]*' || echo "?")
if [ "$rust_mismatches" = "?" ] || [ "$python_mismatches" = "?" ]; then
    mismatches="?"
else
    mismatches=$((rust_mismatches + python_mismatches))
fi
echo "differential: $defs definitions, $to_tlgen values telethon->tlgen, $to_telethon values tlgen->telethon, $mismatches mismatches (seed $SEED, $VALUES per definition, $((SECONDS - START)) s)"
if [ "$rust_status" -ne 0 ] || [ "$python_status" -ne 0 ] || [ "$mismatches" != 0 ]; then
    echo "differential: FAILED; reproduce with: tools/differential/run.sh --values-per-def $VALUES --seed $SEED --keep DIR" >&2
    exit 1
fi
