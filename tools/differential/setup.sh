#!/usr/bin/env bash
# Create the differential test's Python venv (.venv-differential at the repository root, or
# $TLGEN_DIFFERENTIAL_VENV) and install tools/requirements-differential.txt into it, with
# tools/setup_venv.sh. Separate from .venv, which pins an older Telethon for the seed vectors.
# Usage: tools/differential/setup.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/tools/setup_venv.sh" \
    "${TLGEN_DIFFERENTIAL_VENV:-$ROOT/.venv-differential}" \
    "$ROOT/tools/requirements-differential.txt"
