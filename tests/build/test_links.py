"""MkDocs' own link validation is on: a broken link or anchor in any page fails the strict build."""

from __future__ import annotations

import pytest

from support import copy_project, run_mkdocs_build


@pytest.mark.parametrize("link,message", [
    ("[нет такой страницы](no-such-page.md)", "no-such-page.md"),
    ("[нет такого раздела](prava.md#no-such-anchor)", "no-such-anchor"),
    ("[нет такого раздела здесь](#no-such-anchor-here)", "no-such-anchor-here"),
])
def test_broken_link_fails_the_build(tmp_path, link, message):
    project = copy_project(tmp_path / "project")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n\n{link}\n", encoding="utf-8")
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "WARNING" in build.log and message in build.log, build.log[-2000:]


def test_unbroken_project_copy_builds(tmp_path):
    """The scenario builds above fail because of what they break, not because a copy cannot build."""
    build = run_mkdocs_build(copy_project(tmp_path / "project"), tmp_path / "site")
    assert build.returncode == 0, build.log[-2000:]
