#!/usr/bin/env bash
# What each part of the generated API costs to build: api-layer230.tl generated
# whole, with each `--omit` set below, and with `--lean`, each compiled as the
# same crate (a path dependency on tl-runtime, already built), debug and not
# incremental, alternating the variants in rounds so that load from other
# processes hits them alike. Prints each build's seconds and each variant's
# median.
#
# Usage: scripts/omit_costs.sh [WORK_DIR]   (default: target/omit-costs)
# Env:   TL_SCHEMA_DIR (default ../shared/schema), RUNS (default 3),
#        PROFILE (default debug; or release)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$ROOT/target/omit-costs}
SCHEMA=${TL_SCHEMA_DIR:-$ROOT/../shared/schema}/api-layer230.tl
RUNS=${RUNS:-3}
PROFILE=${PROFILE:-debug}
flags=(); [ "$PROFILE" = release ] && flags=(--release)
VARIANTS=(whole "debug" "docs" "builders,from,try-from,accessors" lean)

mkdir -p "$WORK/crate/src/gen"
WORK=$(cd "$WORK" && pwd)
(cd "$ROOT" && cargo build -q --release -p tlgen)
for v in "${VARIANTS[@]}"; do
    case $v in
        whole) args=() ;;
        lean) args=(--lean) ;;
        *) args=(--omit "$v") ;;
    esac
    "$ROOT/target/release/tlgen" "$SCHEMA" "${args[@]}" -q -o "$WORK/$v"
    echo "# $v: $(wc -l < "$WORK/$v/mod.rs") lines"
done
cat > "$WORK/crate/Cargo.toml" <<TOML
[package]
name = "omit-costs"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
tl-runtime = { path = "$ROOT/tl-runtime" }

[workspace]
TOML
printf '#![allow(missing_docs)]\n#[path = "gen/mod.rs"]\nmod tl;\npub use tl::*;\n' > "$WORK/crate/src/lib.rs"
cd "$WORK/crate"
# tl-runtime once, untimed.
cp "$WORK/whole/mod.rs" src/gen/mod.rs
CARGO_INCREMENTAL=0 cargo build -q --lib "${flags[@]}"

declare -A times
for run in $(seq "$RUNS"); do
    for v in "${VARIANTS[@]}"; do
        cp "$WORK/$v/mod.rs" src/gen/mod.rs
        t0=$(date +%s.%N)
        CARGO_INCREMENTAL=0 cargo build -q --lib "${flags[@]}"
        t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc)
        times[$v]="${times[$v]:-} $t"
        printf 'run %s %-36s %6.2f s\n' "$run" "$v" "$t"
    done
done
for v in "${VARIANTS[@]}"; do
    # shellcheck disable=SC2086
    median=$(printf '%s\n' ${times[$v]} | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    printf 'median %-36s %6.2f s\n' "$v" "$median"
done
