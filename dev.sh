#!/usr/bin/env bash
# One entry point for people and CI.
#   bash dev.sh serve   — set everything up, then serve the site at http://127.0.0.1:8000/
#   bash dev.sh test    — set everything up (incl. Chromium for browser tests), then run all tests
#   bash dev.sh build   — set up, then build the site into site/ (strict)
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
export NO_MKDOCS_2_WARNING=1  # mkdocs-material's end-of-life banner on every build
PY="$VENV/bin/python"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

apt_install() {
  command -v apt-get >/dev/null || return 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

setup_python() {
  if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv && rm -rf "$VENV" && python3 -m venv "$VENV"; }
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    "$PY" -m pip install -q --disable-pip-version-check ".[test]"
    rm -f "$VENV"/.installed-* && touch "$stamp"
  fi
}

setup_browser() {
  # Browser tests drive Debian's Chromium; Playwright's own download is the fallback where apt is not available.
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  if [ -x /usr/bin/chromium ]; then export CHROMIUM_PATH=/usr/bin/chromium; return; fi
  if apt_install chromium; then export CHROMIUM_PATH=/usr/bin/chromium; return; fi
  echo "dev.sh: apt is not available; using Playwright's own Chromium" >&2
  "$PY" -m playwright install chromium
  export CHROMIUM_PATH=""
}

case "${1:-}" in
  serve)
    setup_python
    exec "$VENV/bin/mkdocs" serve --strict -a "${ADDR:-127.0.0.1:8000}"
    ;;
  build)
    setup_python
    exec "$VENV/bin/mkdocs" build --strict
    ;;
  test)
    shift
    setup_python
    setup_browser
    set +e
    "$PY" -m pytest "$@"
    code=$?
    set -e
    # Exit code 5 means pytest collected no tests: in this repository that is always a mistake.
    if [ "$code" = 5 ]; then echo "dev.sh: pytest collected no tests" >&2; exit 1; fi
    exit "$code"
    ;;
  *)
    echo "usage: bash dev.sh serve | test [pytest args] | build" >&2
    exit 2
    ;;
esac
