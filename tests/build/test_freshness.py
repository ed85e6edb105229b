"""Every fact, contact and source carries a check date; a command lists the ones older than 12 months."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import yaml

from support import ROOT


def _run(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "stale_facts.py"), *args],
                          capture_output=True, text=True, timeout=60)


def test_every_fact_and_contact_has_a_source_and_a_date():
    for name, key in (("facts.yml", "facts"), ("contacts.yml", "contacts"), ("sources.yml", "sources")):
        for entry in yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))[key]:
            assert isinstance(entry.get("checked"), dt.date), f"{name}: {entry['id']} has no check date"
            if key == "facts":
                assert entry.get("sources"), f"{name}: {entry['id']} has no source"
            if key == "contacts":
                assert entry.get("source"), f"{name}: {entry['id']} has no source"


def test_stale_command_lists_old_entries(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("sources.yml", "facts.yml", "contacts.yml", "steps.yml", "letters.yml"):
        (data / name).write_text((ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    facts = yaml.safe_load((data / "facts.yml").read_text(encoding="utf-8"))
    facts["facts"][0]["checked"] = dt.date(2020, 1, 31)
    (data / "facts.yml").write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    old = _run("--data", str(data), "--fail")
    assert old.returncode == 1
    assert f"31.01.2020  fact     {facts['facts'][0]['id']}" in old.stdout
    fresh = _run("--fail")
    assert fresh.returncode == 0, fresh.stdout
    later = _run("--today", "2099-01-01")
    assert later.returncode == 0 and "entries last checked more than 12 months ago" in later.stdout
