"""Bad content data must stop the build with a message naming the file, the entry and the field."""

from __future__ import annotations

import pytest
import yaml

from support import copy_project, run_mkdocs_build


def _edit(project, name, change):
    path = project / "data" / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _first_step_page(project):
    return project / "docs" / yaml.safe_load((project / "data/steps.yml").read_text(encoding="utf-8"))["steps"][0]["page"]


def _append_to_first_step(project, text):
    page = _first_step_page(project)
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")


def _duplicate_step(doc):
    doc["steps"].append(dict(doc["steps"][0]))


def _duplicate_item(doc):
    doc["steps"][1]["items"].append({"id": doc["steps"][1]["items"][0]["id"], "text": "Ещё раз"})


def _item_without_text(doc):
    del doc["steps"][0]["items"][0]["text"]


def _positional_item_id(doc):
    doc["steps"][0]["items"][0]["id"] = "1"


def _unknown_next(doc):
    doc["steps"][0]["next"] = "no-such-step"


def _bad_phone(doc):
    phone = next(c for c in doc["contacts"] if c["channel"] == "phone")
    phone["value"] = "8-800-555-49"


def _bad_url(doc):
    web = next(c for c in doc["contacts"] if c["channel"] == "web")
    web["url"] = "htps//example"


def _bad_date(doc):
    doc["contacts"][0]["checked"] = "25.11.2026"


def _unknown_source(doc):
    doc["contacts"][0]["source"] = "no-such-source"


def _missing_source_date(doc):
    del doc["sources"][0]["checked"]


def _source_without_url(doc):
    source = next(s for s in doc["sources"] if not s.get("law"))
    del source["url"]


def _fact_without_source(doc):
    doc["facts"][0]["sources"] = []


def _duplicate_contact(doc):
    doc["contacts"].append(dict(doc["contacts"][0]))


DATA_CASES = [
    ("steps.yml", _duplicate_step, "duplicate id"),
    ("steps.yml", _duplicate_item, "duplicate id"),
    ("steps.yml", _item_without_text, "field 'text' is missing"),
    ("steps.yml", _positional_item_id, "is not a valid id"),
    ("steps.yml", _unknown_next, "unknown step 'no-such-step'"),
    ("contacts.yml", _bad_phone, "is not a Russian phone number"),
    ("contacts.yml", _bad_url, "is not a valid https:// URL"),
    ("contacts.yml", _bad_date, "is not a date"),
    ("contacts.yml", _unknown_source, "unknown source 'no-such-source'"),
    ("contacts.yml", _duplicate_contact, "duplicate id"),
    ("sources.yml", _missing_source_date, "field 'checked' is missing"),
    ("sources.yml", _source_without_url, "field 'url' is missing"),
    ("facts.yml", _fact_without_source, "field 'sources' must be a non-empty list"),
]


@pytest.mark.parametrize("name,change,message", DATA_CASES, ids=[c[1].__name__.strip("_") for c in DATA_CASES])
def test_bad_data_fails_the_build(tmp_path, name, change, message):
    project = copy_project(tmp_path / "project")
    _edit(project, name, change)
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"data/{name}:" in build.log and message in build.log, build.log[-2000:]
    assert not (tmp_path / "site" / "index.html").exists(), "no page may be rendered from bad data"


@pytest.mark.parametrize("call,message", [
    ('{{ contact("no-such-contact") }}', "unknown contact 'no-such-contact'"),
    ('{{ checklist("no-such-step") }}', "unknown step 'no-such-step'"),
    ('{{ fact("no-such-fact") }}', "unknown fact 'no-such-fact'"),
    ('{{ no_such_macro() }}', "no_such_macro"),
])
def test_page_referencing_unknown_data_fails_the_build(tmp_path, call, message):
    project = copy_project(tmp_path / "project")
    _append_to_first_step(project, call)
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert message in build.log, build.log[-2000:]


def test_step_page_without_its_checklist_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = _first_step_page(project)
    text = page.read_text(encoding="utf-8")
    step_id = yaml.safe_load((project / "data/steps.yml").read_text(encoding="utf-8"))["steps"][0]["id"]
    call = f'{{{{ checklist("{step_id}") }}}}'
    assert call in text
    page.write_text(text.replace(call, ""), encoding="utf-8")
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"step '{step_id}' has no checklist() call" in build.log, build.log[-2000:]
