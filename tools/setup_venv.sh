#!/usr/bin/env bash
# Create a Python venv and install a pinned requirements file into it. Idempotent: does only
# what is missing, and says what it did.
# Usage: tools/setup_venv.sh [VENV [REQUIREMENTS]]
#   defaults: .venv at the repository root, tools/requirements.txt (Telethon for the seed
#   vectors; then: .venv/bin/python tools/telethon_vectors.py --check).
#   tools/differential/setup.sh calls it for .venv-differential.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${1:-$ROOT/.venv}"
REQ="${2:-$ROOT/tools/requirements.txt}"

if [ -x "$VENV/bin/python" ]; then
    echo "setup_venv: $VENV already exists"
else
    python3 -m venv "$VENV"
    echo "setup_venv: created $VENV with $(python3 --version 2>&1)"
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
    echo "setup_venv: requirements already installed ($(grep -c '==' "$REQ") pins of $REQ)"
else
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQ"
    echo "setup_venv: installed $REQ into $VENV"
fi
"$VENV/bin/python" -m pip freeze --disable-pip-version-check | sed 's/^/setup_venv:   /'
