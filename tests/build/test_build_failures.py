"""A few whole `mkdocs build --strict` runs proving that what the loaders and macros refuse really stops the build
(every single bad-data case is tested by direct calls in tests/unit/). Scenario builds run in parallel, once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from support import copy_project, run_mkdocs_build


def _bad_phone(project):
    path = project / "data" / "contacts.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    phone = next(c for c in doc["contacts"] if c["channel"] == "phone")
    phone["value"] = "8-800-555-49"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return f"data/contacts.yml: contact '{phone['id']}': field 'value' '8-800-555-49' is not a Russian phone number"


def _append(project, page: str, text: str) -> None:
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")


def _broken_links(project):
    _append(project, "index.md", "[нет такой страницы](no-such-page.md) [нет раздела](prava.md#no-such-anchor)")
    return "no-such-page.md"


def _unknown_macro(project):
    _append(project, "prava.md", "{{ contact(\"no-such-contact\") }}")
    return "docs/prava.md: contact('no-such-contact'): unknown contact 'no-such-contact'"


def _letter_without_a_page(project):
    (project / "docs" / "pisma" / "isk.md").unlink()
    return "data/letters.yml: letter 'court': its page docs/pisma/isk.md does not exist"


def _working_extras(project):
    """Must build: a letter link from a step page, Jinja-looking text in a letter body."""
    _append(project, "shagi/pretenziya.md", '{{ letter_link("claim") }} и '
                                            '{{ letter_link("bank", "заявление в банк") }}')
    path = project / "data" / "letters.yml"
    doc = path.read_text(encoding="utf-8")
    jinja_looking = "    body: |-\n      {{ 1 + 1 }} {% raw %} {#\n"
    path.write_text(doc.replace("    body: |-\n", jinja_looking, 1), encoding="utf-8")
    return ""


SCENARIOS = {"bad data": _bad_phone, "broken links": _broken_links, "unknown contact": _unknown_macro,
             "letter without a page": _letter_without_a_page, "working extras": _working_extras}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    # Copies are made one by one (tmp_path_factory is not thread-safe); only the builds run in parallel.
    projects, expected = {}, {}
    for name, edit in SCENARIOS.items():
        projects[name] = copy_project(tmp_path_factory.mktemp("scenario") / "project")
        expected[name] = edit(projects[name])
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(run_mkdocs_build, p, p.parent / "site") for name, p in projects.items()}
        return {name: (f.result(), expected[name]) for name, f in futures.items()}


@pytest.mark.parametrize("name", ["bad data", "unknown contact", "letter without a page"])
def test_refused_content_stops_the_build_with_its_message(builds, name):
    build, message = builds[name]
    assert build.returncode != 0
    assert message in build.log, build.log[-2000:]
    if name == "bad data":
        assert not (build.site_dir / "index.html").exists(), "no page may be rendered from bad data"


def test_broken_link_stops_the_strict_build(builds):
    build, message = builds["broken links"]
    assert build.returncode != 0
    assert "WARNING" in build.log and message in build.log, build.log[-2000:]


def test_letter_link_from_a_step_page_and_jinja_looking_letter_text(builds):
    """Also proves the scenario copies fail for what they break, not because a copy cannot build."""
    build, _ = builds["working extras"]
    assert build.returncode == 0, build.log[-2000:]
    html = (build.site_dir / "shagi" / "pretenziya" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../pisma/zayavlenie-v-bank/">заявление в банк</a>' in html
    assert '../../pisma/pretenziya/"' in html
    letters = (build.site_dir / "pisma" / "soobshchenie-v-chat" / "index.html").read_text(encoding="utf-8")
    assert "{{ 1 + 1 }} {% raw %} {#" in letters
