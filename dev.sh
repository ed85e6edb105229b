#!/usr/bin/env bash
# One entry point for people and CI.
#   bash dev.sh serve          — install the site's locked dependencies, then serve at http://127.0.0.1:8000/
#   bash dev.sh build          — install the site's locked dependencies, then build site/ (strict)
#   bash dev.sh test [args]    — install the test lock and Chromium, then run all tests in 3 processes (extra args
#                                go to pytest)
#   bash dev.sh test --fast    — everything but the browser tests (no Chromium needed); under 20 s
#   bash dev.sh lint           — ruff over the whole repository
# Dependencies come from lock files with exact versions and hashes (pip-compile --generate-hashes from
# pyproject.toml, Python 3.11): requirements.lock (build/serve) and requirements-test.lock (site + test extra).
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
export NO_MKDOCS_2_WARNING=1  # mkdocs-material's end-of-life banner on every build
PY="$VENV/bin/python"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

apt_install() {
  command -v apt-get >/dev/null || return 1
  echo "dev.sh: installing system package(s) with apt-get: $*" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

setup_python() {
  local lock="$1"
  if [ ! -x "$PY" ]; then
    local python=python3
    command -v python3.11 >/dev/null && python=python3.11  # the version the locks are compiled for
    "$python" -m venv "$VENV" 2>/dev/null || { apt_install python3-venv && rm -rf "$VENV" && "$python" -m venv "$VENV"; }
  fi
  # Reinstall only when the lock changed since the last install of that lock.
  local stamp="$VENV/.installed-$(basename "$lock")-$(sha256sum "$lock" | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "dev.sh: installing $lock into $VENV" >&2
    "$PY" -m pip install -q --disable-pip-version-check --require-hashes -r "$lock"
    rm -f "$VENV/.installed-$(basename "$lock")-"* && touch "$stamp"
  fi
}

setup_browser() {
  # Browser tests drive Debian's Chromium; Playwright's own download is the fallback where apt is not available.
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  if [ -x /usr/bin/chromium ]; then export CHROMIUM_PATH=/usr/bin/chromium; return; fi
  if apt_install chromium; then export CHROMIUM_PATH=/usr/bin/chromium; return; fi
  echo "dev.sh: apt is not available; installing Playwright's own Chromium" >&2
  "$PY" -m playwright install chromium
  export CHROMIUM_PATH=""
}

run_pytest() {
  set +e
  "$PY" -m pytest "$@"
  local code=$?
  set -e
  # Exit code 5 means pytest collected no tests: in this repository that is always a mistake.
  if [ "$code" = 5 ]; then echo "dev.sh: pytest collected no tests" >&2; exit 1; fi
  exit "$code"
}

case "${1:-}" in
  serve)
    setup_python requirements.lock
    exec "$VENV/bin/mkdocs" serve --strict -a "${ADDR:-127.0.0.1:8000}"
    ;;
  build)
    setup_python requirements.lock
    exec "$VENV/bin/mkdocs" build --strict
    ;;
  test)
    shift
    setup_python requirements-test.lock
    if [ "${1:-}" = "--fast" ]; then
      shift
      run_pytest -m "not browser" "$@"
    fi
    setup_browser
    # Three processes: the browser tests mostly wait on pages, not on the 2 cores (≈ 4 min instead of 5).
    run_pytest -n 3 "$@"
    ;;
  lint)
    setup_python requirements-test.lock
    exec "$VENV/bin/ruff" check .
    ;;
  *)
    echo "usage: bash dev.sh serve | build | test [--fast] [pytest args] | lint" >&2
    exit 2
    ;;
esac
