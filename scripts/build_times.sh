#!/usr/bin/env bash
# Measures cold and incremental build times (debug and release) of a crate
# holding tlgen's generated code for Telegram's full API (api-layer230.tl),
# next to the same for grammers-tl-types 0.11.0 (which bundles the same layer),
# on one machine in one run.
#
# The default kinds build crates holding pre-generated code, so neither build
# runs a code generator:
#   tlgen-api     : `tlgen api-layer230.tl -o src/gen` + a path dependency on tl-runtime
#   grammers-api  : grammers-tl-types 0.11.0's sources (its runtime is in-crate) with
#                   the files its build.rs writes (default features) copied into src/gen
# cold        = `cargo clean` then `cargo build` (dependencies included: tl-runtime)
# incremental = `touch src/lib.rs` then `cargo build`
# buildrs     = (not in the default KINDS) cold builds of a fresh crate as a new user
#               writes it: tlgen-buildrs, whose build.rs runs tl_codegen::Builder on
#               api-layer230.tl and `include!`s the result, next to grammers-buildrs,
#               which depends on grammers-tl-types 0.11.0 from the registry (whose
#               own build.rs generates the same layer). Everything is compiled,
#               the generators and their dependencies included.
# pruned      = (not in the default KINDS) cold build of tlgen-pruned, tlgen's output
#               pruned with `--keep` to a client's root set (ROOTS below), next to
#               grammers-api (the full layer: grammers cannot prune)
# lean        = (not in the default KINDS) cold build of tlgen-lean, the whole layer
#               generated with `--lean`, next to grammers-api with its default features
# pruned-lean = (not in the default KINDS) the same, pruned as for `pruned`
# downstream  = (not in the default KINDS) a binary depending on the crate that
#               decodes and re-encodes `Updates`: `touch src/main.rs` then
#               `cargo build` of that binary alone, the API crate already built
# layout      = (not in the default KINDS) the workspace README's "From build.rs"
#               recommends (examples/client/): tl/, whose Cargo.toml, build.rs and
#               lib.rs are the example's with api-layer230.tl for the schema, and
#               app/, a binary depending on it with downstream's main.rs; next to
#               the same app depending on grammers-tl-types 0.11.0 from the
#               registry. Everything built once (untimed), then a comment line
#               appended to app/src/main.rs (on both sides) and `cargo build -p app`
# layout-cold = (not in the default KINDS) `cargo clean` then `cargo build` of the
#               same two workspaces: the first build, generators included
# The pre-generated crates are made (building tlgen, and grammers-tl-types
# once) only when KINDS has a kind that builds them.
# Each measurement alternates tlgen / grammers so load from other processes hits
# both alike.
#
# Usage: scripts/build_times.sh [WORK_DIR]   (default: target/build-times)
# Env:   TL_SCHEMA_DIR (default ../shared/schema), RUNS (default 1),
#        PROFILES (default "debug release"), KINDS (default "cold incremental"),
#        LAYOUT_PROFILE (TOML appended to the tlgen layout workspace's Cargo.toml,
#        e.g. profile settings to measure; default none), GRAMMERS_PROFILE (the
#        same for the grammers layout workspace; default none)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$ROOT/target/build-times}
SCHEMA_DIR=${TL_SCHEMA_DIR:-$ROOT/../shared/schema}
RUNS=${RUNS:-1}
PROFILES=${PROFILES:-debug release}
KINDS=${KINDS:-cold incremental}
LAYOUT_PROFILE=${LAYOUT_PROFILE:-}
GRAMMERS_PROFILE=${GRAMMERS_PROFILE:-}
# wants KIND... : whether KINDS has one of them.
wants() {
    local kind
    for kind in "$@"; do
        case " $KINDS " in *" $kind "*) return 0 ;; esac
    done
    return 1
}
PREGENERATED=false
if wants cold incremental pruned lean pruned-lean downstream; then PREGENERATED=true; fi
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
if $PREGENERATED; then
    (cd "$ROOT" && cargo build -q --release -p tlgen)
    "$ROOT/target/release/tlgen" "$SCHEMA_DIR/api-layer230.tl" -o "$T/src/gen" >/dev/null
fi
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

# --- tlgen crate pruned to a client's root set ------------------------------
ROOTS=${ROOTS:-messages.sendMessage messages.getHistory updates.getDifference updates.getState auth.sendCode auth.signIn users.getFullUser contacts.resolveUsername upload.getFile upload.saveFilePart help.getConfig}
P=$WORK/tlgen-pruned
rm -rf "$P"; mkdir -p "$P/src"
keep=(); for r in $ROOTS; do keep+=(--keep "$r"); done
if $PREGENERATED; then
    "$ROOT/target/release/tlgen" "$SCHEMA_DIR/api-layer230.tl" "${keep[@]}" -o "$P/src/gen" >/dev/null
fi
sed 's/name = "tlgen-api"/name = "tlgen-pruned"/' "$T/Cargo.toml" > "$P/Cargo.toml"
cp "$T/src/lib.rs" "$P/src/lib.rs"

# --- the lean mode, whole and pruned (KINDS=lean, pruned-lean) ----------------
L=$WORK/tlgen-lean
PL=$WORK/tlgen-pruned-lean
rm -rf "$L" "$PL"; mkdir -p "$L/src" "$PL/src"
if $PREGENERATED; then
    "$ROOT/target/release/tlgen" "$SCHEMA_DIR/api-layer230.tl" --lean -o "$L/src/gen" >/dev/null
    "$ROOT/target/release/tlgen" "$SCHEMA_DIR/api-layer230.tl" --lean "${keep[@]}" -o "$PL/src/gen" >/dev/null
fi
sed 's/name = "tlgen-api"/name = "tlgen-lean"/' "$T/Cargo.toml" > "$L/Cargo.toml"
sed 's/name = "tlgen-api"/name = "tlgen-pruned-lean"/' "$T/Cargo.toml" > "$PL/Cargo.toml"
cp "$T/src/lib.rs" "$L/src/lib.rs"
cp "$T/src/lib.rs" "$PL/src/lib.rs"

# --- build.rs crates (KINDS=buildrs) ----------------------------------------
BT=$WORK/tlgen-buildrs
BG=$WORK/grammers-buildrs
rm -rf "$BT" "$BG"; mkdir -p "$BT/src" "$BG/src"
cat > "$BT/Cargo.toml" <<TOML
[package]
name = "tlgen-buildrs"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
tl-runtime = { path = "$ROOT/tl-runtime" }

[build-dependencies]
tl-codegen = { path = "$ROOT/tl-codegen" }

[workspace]
TOML
cat > "$BT/build.rs" <<RS
fn main() -> Result<(), tl_codegen::BuildError> {
    tl_codegen::Builder::new()
        .schema("$SCHEMA_DIR/api-layer230.tl")
        .generate()?
        .write_to_out_dir()?;
    Ok(())
}
RS
cat > "$BT/src/lib.rs" <<'RS'
//! tlgen's output for api-layer230.tl, generated by build.rs.
#![allow(missing_docs)]
include!(concat!(env!("OUT_DIR"), "/api-layer230.rs"));
RS
cat > "$BG/Cargo.toml" <<'TOML'
[package]
name = "grammers-buildrs"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
grammers-tl-types = "=0.11.0"

[workspace]
TOML
echo 'pub use grammers_tl_types::*;' > "$BG/src/lib.rs"

# --- grammers crate --------------------------------------------------------
G=$WORK/grammers-api
GEN=$WORK/grammers-gen
rm -rf "$G" "$GEN"; mkdir -p "$G/src/gen"
if $PREGENERATED; then
    cp -r "$REGISTRY" "$GEN"
    chmod -R u+w "$GEN"
    # Run grammers' own build.rs once (untimed) to get its generated files.
    (cd "$GEN" && printf '\n[workspace]\n' >> Cargo.toml && CARGO_TARGET_DIR="$GEN/target" cargo build -q)
    OUT=$(dirname "$(ls -d "$GEN"/target/debug/build/grammers-tl-types-*/out/generated_types.rs | head -n1)")
    cp "$OUT"/generated_*.rs "$G/src/gen/"
    cp "$GEN"/src/*.rs "$G/src/"
    sed -i 's|concat!(env!("OUT_DIR"), "/|concat!(env!("CARGO_MANIFEST_DIR"), "/src/gen/|' "$G/src/generated.rs"
fi
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
downstream_main() { # file use-line
    cat > "$1" <<RS
$2
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
downstream() { # dir dependency-lines use-line
    mkdir -p "$1/src"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' \
        "$(basename "$1")" "$2" > "$1/Cargo.toml"
    downstream_main "$1/src/main.rs" "$3"
}
DT=$WORK/downstream-tlgen
DG=$WORK/downstream-grammers
rm -rf "$DT" "$DG"
downstream "$DT" "api = { package = \"tlgen-api\", path = \"$T\" }
tl-runtime = { path = \"$ROOT/tl-runtime\" }" "use tl_runtime::{Deserialize as _, Serialize as _};"
downstream "$DG" "api = { package = \"grammers-api\", path = \"$G\" }" \
    "use api::{Deserializable as _, Serializable as _};"

# --- workspaces laid out as the README recommends (KINDS=layout, layout-cold) --
# tlgen: the example's tl crate, generating api-layer230.tl, and the app; the
# profile settings under measurement go into the workspace's Cargo.toml.
LT=$WORK/layout-tlgen
LG=$WORK/layout-grammers
rm -rf "$LT" "$LG"; mkdir -p "$LT/tl/src" "$LG"
cat > "$LT/Cargo.toml" <<TOML
[workspace]
members = ["app", "tl"]
resolver = "3"

[workspace.dependencies]
tl-runtime = { path = "$ROOT/tl-runtime" }
tl-codegen = { path = "$ROOT/tl-codegen" }
$LAYOUT_PROFILE
TOML
EXAMPLE=$ROOT/examples/client/tl
cp "$EXAMPLE/Cargo.toml" "$LT/tl/Cargo.toml"
sed "s|\"../../../schema/seed.tl\"|\"$SCHEMA_DIR/api-layer230.tl\"|" "$EXAMPLE/build.rs" > "$LT/tl/build.rs"
sed 's|"/seed.rs"|"/api-layer230.rs"|' "$EXAMPLE/src/lib.rs" > "$LT/tl/src/lib.rs"
grep -q 'api-layer230.tl' "$LT/tl/build.rs" && grep -q 'api-layer230.rs' "$LT/tl/src/lib.rs" \
    || { echo "examples/client/tl no longer reads as this script expects" >&2; exit 1; }
# grammers: the same app, its types from the registry.
printf '[workspace]\nmembers = ["app"]\nresolver = "3"\n%s\n' "$GRAMMERS_PROFILE" > "$LG/Cargo.toml"
layout_app() { # dir dependency-lines use-line
    mkdir -p "$1/app/src"
    printf '[package]\nname = "app"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n[dependencies]\n%s\n' \
        "$2" > "$1/app/Cargo.toml"
    downstream_main "$1/app/src/main.rs" "$3"
}
layout_app "$LT" 'api = { package = "client-tl", path = "../tl" }
tl-runtime.workspace = true' "use tl_runtime::{Deserialize as _, Serialize as _};"
layout_app "$LG" 'api = { package = "grammers-tl-types", version = "=0.11.0" }' \
    "use api::{Deserializable as _, Serializable as _};"

if $PREGENERATED; then
    lines() { cat "$@" | wc -l; }
    echo "# generated lines: tlgen $(lines "$T"/src/gen/*.rs), pruned $(lines "$P"/src/gen/*.rs), lean $(lines "$L"/src/gen/*.rs), pruned lean $(lines "$PL"/src/gen/*.rs), grammers $(lines "$G"/src/gen/*.rs)"
    echo "# generated bytes: tlgen $(cat "$T"/src/gen/*.rs | wc -c), grammers $(cat "$G"/src/gen/*.rs | wc -c)"
fi

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
    if [ "$kind" = layout ]; then
        # The whole workspace built once (untimed), then the app edited and
        # rebuilt: the types crate is not compiled again.
        (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build -q "$@")
        echo "// an edit" >> "$dir/app/src/main.rs"
        build "$dir" -p app "$@"
        return
    fi
    if [ "$kind" = downstream ]; then
        # The API crate and everything else built once (untimed), then only the
        # downstream binary is rebuilt.
        local user=$DT; [ "$dir" = "$G" ] && user=$DG
        (cd "$user" && CARGO_TARGET_DIR="$user/target" cargo build -q "$@")
        touch "$user/src/main.rs"
        build "$user" "$@"
        return
    fi
    if [ "$kind" != incremental ]; then
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
            case $kind in
                buildrs) mine=$BT; theirs=$BG ;;
                pruned) mine=$P; theirs=$G ;;
                lean) mine=$L; theirs=$G ;;
                pruned-lean) mine=$PL; theirs=$G ;;
                layout | layout-cold) mine=$LT; theirs=$LG ;;
                *) mine=$T; theirs=$G ;;
            esac
            a=$(measure "$kind" "$mine" "${flags[@]}")
            b=$(measure "$kind" "$theirs" "${flags[@]}")
            printf '%-22s %10.2f %10.2f %8.2f\n' "$profile $kind" "$a" "$b" "$(echo "$a / $b" | bc -l)"
        done
    done
done
