#!/usr/bin/env bash
# Runs every cargo-fuzz target of this directory for a bounded time on stable Rust.
#
#   fuzz/run-ci.sh            # each target for 30 seconds
#   FUZZ_SECONDS=300 fuzz/run-ci.sh
#   FUZZ_CORPUS_DIR=/tmp/corpus fuzz/run-ci.sh   # keep new inputs elsewhere
#
# Installs cargo-fuzz if missing, builds with `-s none` (no sanitizer, so no
# nightly toolchain is needed), starts each target from its committed seeds
# (fuzz/seeds/TARGET) plus the local corpus ($FUZZ_CORPUS_DIR/TARGET, default
# fuzz/corpus/TARGET, not committed),
# and exits non-zero as soon as a target finds a crash (libFuzzer writes the input
# to fuzz/artifacts/TARGET/; turn it into a regression test with its exact bytes).
# The decode and json_encode targets read the schemas from $TL_SCHEMA_DIR, else
# ../../shared/schema (at build time).
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-30}"
corpus="${FUZZ_CORPUS_DIR:-corpus}"
targets=(parse_check decode json_encode docs)

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

echo "== cargo fuzz build -s none"
cargo fuzz build -s none

# A libFuzzer dictionary of every constructor id of the two schemas (little-endian),
# so that the decode target reaches constructor bodies sooner.
schema_dir="${TL_SCHEMA_DIR:-../../shared/schema}"
dict="$(mktemp)"
trap 'rm -f "$dict"' EXIT
grep -ohE '^[A-Za-z_.0-9]+#[0-9a-f]{1,8}' "$schema_dir/api-layer230.tl" "$schema_dir/mtproto.tl" |
    cut -d'#' -f2 | sort -u |
    while read -r id; do
        v=$((16#$id))
        printf '"\\x%02x\\x%02x\\x%02x\\x%02x"\n' \
            $((v & 255)) $(((v >> 8) & 255)) $(((v >> 16) & 255)) $(((v >> 24) & 255))
    done >"$dict"

# For the json_encode target: every constructor, function and field name of
# api-layer230 as a JSON string, so that inputs name real definitions sooner.
names="$(mktemp)"
trap 'rm -f "$dict" "$names"' EXIT
{
    grep -ohE '^[A-Za-z_.0-9]+#' "$schema_dir/api-layer230.tl" | tr -d '#'
    grep -ohE ' [a-z_0-9]+:' "$schema_dir/api-layer230.tl" | tr -d ' :'
} | sort -u | sed 's/.*/"\"&\""/' >"$names"

for target in "${targets[@]}"; do
    echo "== fuzz $target for ${seconds}s"
    mkdir -p "$corpus/$target" "seeds/$target"
    extra=()
    if [ "$target" = decode ]; then
        extra=(-dict="$dict")
    elif [ "$target" = json_encode ]; then
        extra=(-dict="$names")
    fi
    cargo fuzz run -s none "$target" "$corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -print_final_stats=1 "${extra[@]}"
done
echo "== fuzz: no findings"
