#!/usr/bin/env bash
# Create the differential test's Python venv (.venv-differential at the repository root) and
# install tools/requirements-differential.txt into it. Idempotent: does only what is missing,
# and says what it did. Separate from .venv (tools/setup_venv.sh), which pins an older Telethon
# for the seed vectors. Usage: tools/differential/setup.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${TLGEN_DIFFERENTIAL_VENV:-$ROOT/.venv-differential}"
REQ="$ROOT/tools/requirements-differential.txt"

if [ -x "$VENV/bin/python" ]; then
    echo "differential setup: $VENV already exists"
else
    python3 -m venv "$VENV"
    echo "differential setup: created $VENV with $(python3 --version 2>&1)"
fi

# Every `name==version` pin of the requirements file already installed?
if "$VENV/bin/python" - "$REQ" <<'PY'
import sys
from importlib import metadata
ok = True
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, _, want = line.partition("==")
    try:
        have = metadata.version(name.strip())
    except metadata.PackageNotFoundError:
        have = None
    if have != want.strip():
        ok = False
sys.exit(0 if ok else 1)
PY
then
    echo "differential setup: requirements already installed ($(grep -c '==' "$REQ") pins of tools/requirements-differential.txt)"
else
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQ"
    echo "differential setup: installed tools/requirements-differential.txt into $VENV"
fi
