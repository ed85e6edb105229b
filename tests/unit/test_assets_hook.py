"""hooks/assets.py by direct call, on small component folders made here: minification, bundle order and names."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from support import load_hook

assets = load_hook("assets")

COMPONENT_JS = """// A component as we write them: one IIFE, an init-once guard, globals and data attributes by name.
(() => {
  if (window.ozSample) return;
  window.ozSample = true;
  const rootAttribute = "data-oz-sample";
  function setupSample(container) {
    for (const element of container.querySelectorAll(`[${rootAttribute}]`)) element.dataset.ozSampleReady = "yes";
  }
  window.ozOnPage(setupSample);
})();
"""


def make_components(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_local_names_are_shortened_but_globals_properties_and_strings_are_kept(tmp_path):
    root = make_components(tmp_path, {"sample/sample.js": COMPONENT_JS})
    text = assets.minified(root / "sample" / "sample.js")
    assert "setupSample" not in text and "rootAttribute" not in text and "container" not in text
    for kept in ("window.ozSample", "window.ozOnPage", '"data-oz-sample"', ".dataset.ozSampleReady"):
        assert kept in text
    assert "//" not in text and "\n" not in text


def test_each_script_of_a_bundle_ends_its_statement(tmp_path):
    """Without the `;` the next file's `(() => {…})()` would call the result of this one's."""
    root = make_components(tmp_path, {"storage/storage.js": "(() => { window.ozStorage = 1; })()\n",
                                      "base/base.js": COMPONENT_JS, "base/site.css": "a { color: red; }\n"})
    built = assets.bundle(".js", root)
    assert [p.name for p in built.sources] == ["storage.js", "base.js"]
    first, second = built.text.splitlines()
    assert first.endswith(";") and second.startswith("(()=>{if(window.ozSample)return")
    digest = hashlib.sha256(built.text.encode("utf-8")).hexdigest()[:10]
    assert built.uri == f"assets/guide.{digest}.js"
    assert assets.bundle(".css", root).text == "a{color:red}\n"


@pytest.mark.parametrize(("name", "text", "where"), [
    ("sample/sample.js", "(() => {\n  const a = {;\n})();\n", r"components/sample/sample\.js: .*line 2"),
    ("sample/sample.js", "const s = `unterminated;\n", r"components/sample/sample\.js: .*unterminated"),
])
def test_a_source_the_minifier_cannot_parse_stops_the_build_naming_it(tmp_path, name, text, where):
    root = make_components(tmp_path, {name: text})
    with pytest.raises(PluginError, match=where):
        assets.bundle(".js", root)
