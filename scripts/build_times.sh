#!/usr/bin/env bash
# Measures cold and incremental build times (debug and release) of a crate
# holding tlgen's generated code for Telegram's full API (api-layer230.tl),
# next to the same for grammers-tl-types 0.11.0 (which bundles the same layer),
# on one machine in one run.
#
# Both crates hold pre-generated code, so neither build runs a code generator:
#   tlgen-api     : `tlgen api-layer230.tl -o src/gen` + a path dependency on tl-runtime
#   grammers-api  : grammers-tl-types 0.11.0's sources (its runtime is in-crate) with
#                   the files its build.rs writes (default features) copied into src/gen
# cold        = `cargo clean` then `cargo build` (dependencies included: tl-runtime)
# incremental = `touch src/lib.rs` then `cargo build`
# downstream  = (not in the default KINDS) a binary depending on the crate that
#               decodes and re-encodes `Updates`: `touch src/main.rs` then
#               `cargo build` of that binary alone, the API crate already built
# Each measurement alternates tlgen / grammers so load from other processes hits
# both alike.
#
# Usage: scripts/build_times.sh [WORK_DIR]   (default: target/build-times)
# Env:   TL_SCHEMA_DIR (default ../shared/schema), RUNS (default 1),
#        PROFILES (default "debug release"), KINDS (default "cold incremental")
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$ROOT/target/build-times}
SCHEMA_DIR=${TL_SCHEMA_DIR:-$ROOT/../shared/schema}
RUNS=${RUNS:-1}
PROFILES=${PROFILES:-debug release}
KINDS=${KINDS:-cold incremental}
REGISTRY=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/grammers-tl-types-0.11.0 2>/dev/null | head -n1 || true)
if [ -z "$REGISTRY" ]; then
    (cd "$ROOT" && cargo fetch -q)
    REGISTRY=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/grammers-tl-types-0.11.0 | head -n1)
fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(rustc --version)"

# --- tlgen crate -----------------------------------------------------------
T=$WORK/tlgen-api
rm -rf "$T"; mkdir -p "$T/src"
(cd "$ROOT" && cargo build -q --release -p tlgen)
"$ROOT/target/release/tlgen" "$SCHEMA_DIR/api-layer230.tl" -o "$T/src/gen" >/dev/null
cat > "$T/Cargo.toml" <<TOML
[package]
name = "tlgen-api"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
tl-runtime = { path = "$ROOT/tl-runtime" }

[workspace]
TOML
cat > "$T/src/lib.rs" <<'RS'
//! tlgen's output for api-layer230.tl.
#![allow(missing_docs)]
#[path = "gen/mod.rs"]
mod tl;
pub use tl::*;
RS

# --- grammers crate --------------------------------------------------------
G=$WORK/grammers-api
GEN=$WORK/grammers-gen
rm -rf "$G" "$GEN"; mkdir -p "$G/src/gen"
cp -r "$REGISTRY" "$GEN"
chmod -R u+w "$GEN"
# Run grammers' own build.rs once (untimed) to get its generated files.
(cd "$GEN" && printf '\n[workspace]\n' >> Cargo.toml && CARGO_TARGET_DIR="$GEN/target" cargo build -q)
OUT=$(dirname "$(ls -d "$GEN"/target/debug/build/grammers-tl-types-*/out/generated_types.rs | head -n1)")
cp "$OUT"/generated_*.rs "$G/src/gen/"
cp "$GEN"/src/*.rs "$G/src/"
sed -i 's|concat!(env!("OUT_DIR"), "/|concat!(env!("CARGO_MANIFEST_DIR"), "/src/gen/|' "$G/src/generated.rs"
cat > "$G/Cargo.toml" <<'TOML'
[package]
name = "grammers-api"
version = "0.0.0"
edition = "2024"
publish = false

[features]
default = ["impl-debug", "impl-from-enum", "impl-from-type", "tl-api"]
deserializable-functions = []
impl-debug = []
impl-from-enum = []
impl-from-type = []
impl-serde = []
tl-api = []
tl-mtproto = []

[workspace]
TOML

# --- downstream crates (KINDS=downstream) -----------------------------------
# A binary using each generated crate: it decodes `Updates` and encodes it
# again, which pulls in the serializer of nearly every type. tlgen's
# serializers are `#[inline]` and grammers' are generic, so on both sides they
# are compiled here, in the crate that uses them, not in the API crate.
downstream() { # dir dependency-lines use-line
    mkdir -p "$1/src"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' \
        "$(basename "$1")" "$2" > "$1/Cargo.toml"
    cat > "$1/src/main.rs" <<RS
$3
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(path).unwrap_or_default();
    match api::enums::Updates::from_bytes(&bytes) {
        Ok(updates) => println!("{}", updates.to_bytes().len()),
        Err(e) => println!("{e}"),
    }
}
RS
}
DT=$WORK/downstream-tlgen
DG=$WORK/downstream-grammers
rm -rf "$DT" "$DG"
downstream "$DT" "api = { package = \"tlgen-api\", path = \"$T\" }
tl-runtime = { path = \"$ROOT/tl-runtime\" }" "use tl_runtime::{Deserialize as _, Serialize as _};"
downstream "$DG" "api = { package = \"grammers-api\", path = \"$G\" }" \
    "use api::{Deserializable as _, Serializable as _};"

lines() { cat "$@" | wc -l; }
echo "# generated lines: tlgen $(lines "$T"/src/gen/*.rs), grammers $(lines "$G"/src/gen/*.rs)"
echo "# generated bytes: tlgen $(cat "$T"/src/gen/*.rs | wc -c), grammers $(cat "$G"/src/gen/*.rs | wc -c)"

now() { date +%s.%N; }
# build DIR PROFILE_FLAG -> prints seconds
build() {
    local dir=$1; shift
    local t0 t1
    t0=$(now)
    (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build -q "$@")
    t1=$(now)
    echo "$t1 - $t0" | bc
}
measure() { # kind dir flags...
    local kind=$1 dir=$2; shift 2
    if [ "$kind" = downstream ]; then
        # The API crate and everything else built once (untimed), then only the
        # downstream binary is rebuilt.
        local user=$DT; [ "$dir" = "$G" ] && user=$DG
        (cd "$user" && CARGO_TARGET_DIR="$user/target" cargo build -q "$@")
        touch "$user/src/main.rs"
        build "$user" "$@"
        return
    fi
    if [ "$kind" = cold ]; then
        (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo clean -q)
    else
        touch "$dir/src/lib.rs"
    fi
    build "$dir" "$@"
}

printf '%-22s %10s %10s %8s\n' measurement tlgen_s grammers_s ratio
for run in $(seq "$RUNS"); do
    for profile in $PROFILES; do
        flags=(); [ "$profile" = release ] && flags=(--release)
        for kind in $KINDS; do
            a=$(measure "$kind" "$T" "${flags[@]}")
            b=$(measure "$kind" "$G" "${flags[@]}")
            printf '%-22s %10.2f %10.2f %8.2f\n' "$profile $kind" "$a" "$b" "$(echo "$a / $b" | bc -l)"
        done
    done
done
