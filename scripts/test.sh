#!/usr/bin/env bash
# The whole test suite on a fresh machine: set up .venv (with test extras), Debian's Chromium for
# the browser test (apt-get, as root, when missing), lint, then pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh test
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the browser test"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; the browser test will say why it cannot run"
fi
.venv/bin/python -m ruff check workbench tests bench
exec .venv/bin/python -m pytest -q -p no:cacheprovider --timeout=900 "$@"
