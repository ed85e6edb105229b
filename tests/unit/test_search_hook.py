"""hooks/search_index.py: cutting out data-search-exclude elements (Material's own parser ends an exclusion at the
first nested element of the same tag) and writing the index as UTF-8."""

from __future__ import annotations

import importlib.util
import json
from types import SimpleNamespace

from support import ROOT


def _load_hook(name: str):
    """A hook module from hooks/ (MkDocs loads them by path; they are not a package)."""
    spec = importlib.util.spec_from_file_location(f"hooks_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


search_index = _load_hook("search_index")


def test_an_excluded_element_goes_with_everything_nested_in_it():
    html = ('<p>до</p><div class="form" data-search-exclude><div><label>Поле</label><input id="x"></div>'
            '<div><p>ещё</div></div><p>после</p>\n<section data-search-exclude="">x</section><p>конец</p>')
    assert search_index.without_excluded(html) == "<p>до</p><p>после</p>\n<p>конец</p>"


def test_html_without_exclusions_is_untouched():
    html = "<h2 id=a>Заголовок</h2>\n<p>текст <br> и <img src=x></p>"
    assert search_index.without_excluded(html) == html


def test_the_index_is_rewritten_as_utf8_with_collapsed_whitespace(tmp_path):
    (tmp_path / "search").mkdir()
    path = tmp_path / "search" / "search_index.json"
    doc = {"location": "", "title": "Шаг  1", "text": "<p>Претензия \n  ок</p>"}
    data = {"config": {"lang": ["ru"]}, "docs": [doc]}
    path.write_text(json.dumps(data), encoding="utf-8")
    search_index.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    raw = path.read_text(encoding="utf-8")
    assert "Претензия ок" in raw and "\\u" not in raw
    assert json.loads(raw)["docs"][0]["title"] == "Шаг 1"
