"""hooks/csp.py: the hashes that go into each page's policy, and what no hash can allow."""

from __future__ import annotations

import base64
import hashlib
import importlib.util

import pytest
from mkdocs.exceptions import PluginError

from support import ROOT

spec = importlib.util.spec_from_file_location("hooks_csp", ROOT / "hooks" / "csp.py")
csp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(csp)

PAGE = ('<meta http-equiv="Content-Security-Policy" content="script-src \'self\' CSP_SCRIPT_HASHES">'
        '<script>a=1</script><script src="x.js"></script><script type="application/json">{"b": 2}</script>'
        '<p>a &lt; b</p><script>\nif (1 < 2) a = "</p>"\n</script><script>a=1</script>')


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_inline_script_that_runs_is_hashed_once_and_nothing_else():
    out = csp.with_hashes(PAGE, "docs/x.md")
    second = '\nif (1 < 2) a = "</p>"\n'  # the exact text between the tags, newlines included
    assert f"script-src 'self' {sha('a=1')} {sha(second)}\"" in out
    assert "CSP_SCRIPT_HASHES" not in out


@pytest.mark.parametrize("html", ['<button onclick="go()">x</button>', '<a href="javascript:go()">x</a>'])
def test_handlers_and_javascript_urls_stop_the_build(html):
    with pytest.raises(PluginError, match=r"docs/x\.md: .*refuses inline handlers"):
        csp.with_hashes(PAGE + html, "docs/x.md")


def test_a_page_without_the_policy_stops_the_build():
    with pytest.raises(PluginError, match=r"404\.html: no Content-Security-Policy"):
        csp.with_hashes("<p>x</p>", "404.html")
