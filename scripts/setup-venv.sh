#!/usr/bin/env bash
# Create .venv (if needed) and install the workbench with the given extras, once per pyproject change.
# usage: scripts/setup-venv.sh [EXTRAS]      e.g. scripts/setup-venv.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-12)-${extras:-base}"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ -n "$extras" ]; then spec=".[$extras]"; else spec="."; fi
  .venv/bin/python -m pip install -q -e "$spec"
  touch "$stamp"
fi
