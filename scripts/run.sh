#!/usr/bin/env bash
# The main job on a fresh machine: set up .venv, then open JupyterLab on the dashboard notebook
# with the sample corpus. With --headless: execute the notebooks and write the exports instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh
exec .venv/bin/python -m workbench demo "$@"
