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


def scoped_components(root: Path) -> Path:
    """Three page-scoped components (one needs the others first, one only for its script) and one core component."""
    return make_components(root, {
        "engine/engine.js": "(() => { window.ozEngine = 1; })();\n", "engine/page-scoped": "page-scoped\n",
        "list/list.js": "(() => { window.ozList = 1; })();\n", "list/list.css": ".list { margin: 0; }\n",
        "list/page-scoped": "page-scoped\n",
        "file/file.js": "(() => { window.ozFile = window.ozEngine + window.ozList; })();\n",
        "file/file.css": ".file { margin: 0; }\n", "file/page-scoped": "page-scoped\nrequires: engine list.js\n",
        "list-index/list-index.js": "(() => { window.ozListIndex = 1; })();\n",
        "list-index/page-scoped": "page-scoped\nalso: data-field=\"list-kind\"\n",
        "core/core.js": "(() => { window.ozCore = 1; })();\n",
    })


def test_a_page_bundle_holds_what_the_page_shows_requirements_first(tmp_path):
    root = scoped_components(tmp_path)
    assert assets.shown('<div data-oz-file></div><div data-oz-list-index=""></div>', root) == ["file", "list-index"]
    assert assets.shown('<div data-oz-list-index></div>', root) == ["list-index"]  # not "list"
    assert assets.shown('<input data-field="list-kind">', root) == ["list-index"]  # its `also:` line
    assert assets.bundled(["file"], root) == {".js": ("engine", "list", "file"), ".css": ("file",)}
    assert assets.bundled(["list", "file"], root) == {".js": ("list", "engine", "file"), ".css": ("list", "file")}
    scripts = assets.bundle(".js", root, ("engine", "list", "file"))
    assert scripts.uri.startswith("assets/page.")
    assert [p.parent.name for p in scripts.sources] == ["engine", "list", "file"]
    assert "ozCore" not in scripts.text and "ozListIndex" not in scripts.text
    assert "ozEngine" not in assets.bundle(".js", root).text, "page-scoped components stay out of the core bundle"


def test_a_script_for_first_use_is_served_on_its_own_never_in_a_bundle(tmp_path):
    root = scoped_components(tmp_path)
    make_components(root, {"file/tools.later.js": "(() => { window.ozFile.tools = 1; })();\n"})
    scripts = assets.bundle(".js", root, ("engine", "list", "file"))
    assert "tools" not in scripts.text and [p.name for p in scripts.sources] == ["engine.js", "list.js", "file.js"]
    later = assets.later(root)
    assert list(later) == ["file"] and later["file"].text == "(()=>{window.ozFile.tools=1})();\n"
    digest = hashlib.sha256(later["file"].text.encode()).hexdigest()[:10]
    assert later["file"].uri == f"assets/later.{digest}.js"


@pytest.mark.parametrize(("files", "message"), [
    ({"core/tools.later.js": "(() => {})();\n"}, r"components/core/tools\.later\.js: only a page-scoped component"),
    ({"file/a.later.js": "(() => {})();\n", "file/b.later.js": "(() => {})();\n"},
     r"components/file/b\.later\.js: a component has at most one \.later\.js script"),
])
def test_a_script_for_first_use_out_of_place_stops_the_build(tmp_path, files, message):
    root = make_components(scoped_components(tmp_path), files)
    with pytest.raises(PluginError, match=message):
        assets.bundle(".js", root)
        assets.later(root)


@pytest.mark.parametrize(("marker", "message"), [
    ("requires: engine nothing\n", r"components/file/page-scoped: requires unknown page-scoped component nothing"),
    ("requires: core\n", r"requires unknown page-scoped component core"),
    ("requires: list.json\n", r"requires unknown page-scoped component list\.json"),
])
def test_an_unknown_requirement_stops_the_build(tmp_path, marker, message):
    root = scoped_components(tmp_path)
    (root / "file" / "page-scoped").write_text(marker, encoding="utf-8")
    with pytest.raises(PluginError, match=message):
        assets.bundled(["file"], root)


def test_a_requirements_loop_stops_the_build(tmp_path):
    root = scoped_components(tmp_path)
    (root / "engine" / "page-scoped").write_text("requires: file\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"requirements loop file -> engine -> file"):
        assets.bundled(["file"], root)


minifying = load_hook("minifying")

# tdewolff/minify 2.24.12 moves the destructuring declaration in front of the one its parenthesised initializer reads.
REORDERED_BY_THE_MINIFIER = """(() => {
  for (const el of document.querySelectorAll("[data-x]")) {
    const data = el.dataset;
    const [field, options] = (data.when || "").split("=");
    console.log(field, options, data.x);
  }
})();
"""


def test_a_script_the_minifier_would_break_never_ships(tmp_path):
    """Either the minifier keeps the order (a fixed release) or the build stops naming the file — never a bundle
    that throws a ReferenceError."""
    root = make_components(tmp_path, {"sample/sample.js": REORDERED_BY_THE_MINIFIER})
    try:
        text = assets.minified(root / "sample" / "sample.js")
    except PluginError as error:
        assert "components/sample/sample.js: cannot be minified: the minifier reordered declarations" in str(error)
    else:
        assert minifying.declaration_order_errors(text) == []


@pytest.mark.parametrize(("code", "names"), [
    ('const[n,s]=(t.w||"").s(),t=e.dataset', {"t"}),  # what the minifier wrote for the source above
    ("const a={t},t=2", {"t"}),
    ("let a=`x${t}`,t=1", {"t"}),
    ("const a=/[/]t/g.test(t),t=1", {"t"}),
    ("const a=b/t/2,t=1", {"t"}),
    ("const t=e.dataset,[n,s]=(t.w||\"\").s()", set()),  # the order of the source
    ("const a=o.t,t=1", set()),  # a property name
    ("const a={t:1},t=2", set()),  # an object key
    ("const a=`${'}'}t`,t=1", set()),  # text of a template and a string
    ("const a=/t/.test(s),t=1", set()),  # a regular expression
    ("const a=x.map(t=>t+1),t=2", set()),  # a function: its own parameter, and it runs later
    ("const a=x.map((t,n)=>{const s=t;return s}),t=2", set()),
    ("const a=function(){return t},t=1", set()),
    ("for(const[t,s]of e)h(t)", set()),
    ("const I=\" \",z=1e6,S=new WeakSet", set()),
])
def test_reads_of_a_later_declarator_are_found(code, names):
    found = minifying.declaration_order_errors(code)
    assert len(found) == (1 if names else 0), found
    assert all(f"reads {', '.join(sorted(names))} before it is defined" in line for line in found)
