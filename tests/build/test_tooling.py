"""The lock files pin every dependency of pyproject.toml at its pinned version, each with hashes, and dev.sh,
CI and the Pages workflow install from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib
import yaml

from support import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    pins = {}
    for entry in entries:
        match = PIN.match(entry)
        if match:
            assert "--hash=sha256:" in entry, f"{lock}: {match[1]} has no hash"
            pins[_norm(match[1])] = match[2]
    return pins


@pytest.mark.parametrize("lock,groups", [("requirements.lock", ["site"]), ("requirements-test.lock", ["site", "test"])])
def test_lock_pins_every_dependency_with_hashes(lock, groups):
    pins = _locked(lock)
    wanted = list(PYPROJECT["project"]["dependencies"])
    if "test" in groups:
        wanted += PYPROJECT["project"]["optional-dependencies"]["test"]
    for requirement in wanted:
        name, _, version = re.match(r"([A-Za-z0-9_.\-]+)\s*(==)?\s*([^,<>=\s]*)", requirement).groups()
        assert _norm(name) in pins, f"{lock} lacks {name}"
        if version:
            assert pins[_norm(name)] == version, f"{lock}: {name} {pins[_norm(name)]} != pyproject {version}"
    if "test" not in groups:
        assert "pytest" not in pins and "playwright" not in pins, "serve/build must not install test dependencies"


def test_dev_sh_installs_from_the_locks_with_hashes():
    script = (ROOT / "dev.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r \"$lock\"" in script
    assert "setup_python requirements.lock" in script and "setup_python requirements-test.lock" in script


def test_workflow_caches_on_the_locks():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    paths = [s.get("with", {}).get("cache-dependency-path") for job in flow["jobs"].values() for s in job["steps"]]
    assert {"requirements.lock", "requirements-test.lock"} <= set(paths)


COPIED = re.compile(r"Copied from mkdocs-material (\S+) (partials/\S+?);")


COPIES = [p for p in sorted((ROOT / "overrides").rglob("*.html")) if COPIED.search(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("override", COPIES, ids=lambda p: p.name)
def test_theme_copies_match_the_installed_theme(override):
    """A partial copied from the theme (to change one thing) is re-synced when the theme is upgraded: it names the
    version it was copied from, which must be the installed one, and keeps every line of the original but at most the
    one it changes (search.html: the dialog's name)."""
    import importlib.metadata

    import material

    text = override.read_text(encoding="utf-8")
    version, partial = COPIED.search(text).groups()
    assert version == importlib.metadata.version("mkdocs-material"), (
        f"{override.name} was copied from mkdocs-material {version}: compare it with the installed theme's {partial} "
        "and update it and its version")
    original = (Path(material.__file__).parent / "templates" / partial).read_text(encoding="utf-8")
    original = re.sub(r"^\{#-.*?-#\}", "", original, count=1, flags=re.S)  # the theme's licence comment
    ours = {line.strip() for line in text.splitlines()}
    lost = [line for line in original.splitlines() if line.strip() and line.strip() not in ours]
    assert len(lost) <= 1, f"{override.name} changes lines of the theme's {partial} beyond its own addition: {lost}"
