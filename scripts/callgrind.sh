#!/usr/bin/env bash
# Instruction counts (callgrind "Ir") of the benchmark workloads, tlgen next to
# grammers: repeatable where wall-clock time on a shared machine is not.
# Each workload is run with ITERS iterations and with 0, and the difference
# divided by ITERS is reported, so building and checking the payloads is not
# counted.
#
# Usage: scripts/callgrind.sh [WORKLOAD...]   (default: all)
# Env:   ITERS (default 20; parse/generate use 1), CARGO_TARGET_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
(cd "$ROOT" && cargo build -q --release -p tlgen-benches --example profile)
BIN=$TARGET/release/examples/profile
OUT=$(mktemp -d)
ir() { # workload side iters -> total Ir
    valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.out" "$BIN" "$@" >/dev/null 2>"$OUT/err" ||
        { cat "$OUT/err" >&2; exit 1; }
    grep -m1 '^summary:' "$OUT/cg.out" | awk '{print $2}'
}
WORKLOADS=("$@")
[ ${#WORKLOADS[@]} -eq 0 ] && WORKLOADS=(parse parse-only generate generate-unformatted encode-updates decode-updates encode-messages
    decode-messages encode-join decode-join encode-file decode-file)
printf '%-20s %16s %16s %8s\n' workload tlgen_Ir/iter grammers_Ir/iter ratio
for w in "${WORKLOADS[@]}"; do
    n=${ITERS:-20}
    case $w in parse* | generate*) n=${ITERS:-1} ;; esac
    per() { echo "($(ir "$w" "$1" "$n") - $(ir "$w" "$1" 0)) / $n" | bc; }
    t=$(per tlgen)
    g=$(per grammers)
    printf '%-20s %16d %16d %8.2f\n' "$w" "$t" "$g" "$(echo "$t / $g" | bc -l)"
done
m=$(echo "($(ir memcpy-file tlgen 20) - $(ir memcpy-file tlgen 0)) / 20" | bc)
printf '%-20s %16d\n' memcpy-file "$m"
e=$(echo "($(ir encode-updates-exact tlgen 20) - $(ir encode-updates-exact tlgen 0)) / 20" | bc)
printf '%-20s %16d\n' encode-updates-exact "$e"
rm -rf "$OUT"
