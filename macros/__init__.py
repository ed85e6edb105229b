"""mkdocs-macros entry point: content data from data/*.yml rendered through overrides/components/*."""

from __future__ import annotations

import posixpath
from pathlib import Path

from . import letters
from .data import DataError, SiteData, load_site_data
from .progress import register as register_progress
from .render import Renderer

ROOT = Path(__file__).resolve().parent.parent


def _current_page(env) -> str:
    page = getattr(env, "page", None)
    return page.file.src_uri if page is not None else "?"


def _relative(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def define_env(env) -> None:
    docs_dir = Path(env.conf["docs_dir"])
    data: SiteData = load_site_data(ROOT / "data", docs_dir)
    render = Renderer(ROOT / "components")
    rendered: dict[str, set[str]] = {"checklist": set(), "next_step": set()}
    env.variables["site_data"] = data
    letters.register(env, ROOT / "data", docs_dir, render)

    def fail(call: str, problem: str) -> DataError:
        return DataError(f"docs/{_current_page(env)}: {call}: {problem}")

    def step_for(call: str, step_id: str):
        if step_id not in data.steps:
            raise fail(call, f"unknown step '{step_id}' (not defined in data/steps.yml)")
        step = data.steps[step_id]
        if _current_page(env) != step.page:
            raise fail(call, f"step '{step_id}' belongs on docs/{step.page}")
        return step

    @env.macro
    def checklist(step_id: str) -> str:
        """The step's checklist: real labelled checkboxes with stable ids from data/steps.yml."""
        step = step_for(f"checklist('{step_id}')", step_id)
        rendered["checklist"].add(step_id)
        return render.html("checklist/checklist.html", step=step)

    @env.macro
    def next_step(step_id: str) -> str:
        """'If this did not help' block with a Markdown link (so MkDocs validates it) to the next step."""
        step = step_for(f"next_step('{step_id}')", step_id)
        rendered["next_step"].add(step_id)
        target = data.steps[step.next] if step.next else None
        href = _relative(step.page, target.page if target else "index.md")
        return render.markdown("next_step/next_step.md", step=step, target=target, href=href)

    @env.macro
    def contact(contact_id: str) -> str:
        if contact_id not in data.contacts:
            raise fail(f"contact('{contact_id}')", f"unknown contact '{contact_id}' (not defined in data/contacts.yml)")
        return render.html("contact/contact.html", contact=data.contacts[contact_id])

    @env.macro
    def fact(fact_id: str) -> str:
        """A fact's short value (or its text), so a number lives in one place: data/facts.yml."""
        if fact_id not in data.facts:
            raise fail(f"fact('{fact_id}')", f"unknown fact '{fact_id}' (not defined in data/facts.yml)")
        found = data.facts[fact_id]
        return found.value or found.text

    @env.macro
    def sources() -> str:
        used_by = {s: [f for f in data.facts.values() if data.sources[s] in f.sources] for s in data.sources}
        return render.html("sources/sources.html", sources=data.sources.values(), used_by=used_by)

    @env.macro
    def facts_table() -> str:
        return render.html("sources/facts.html", facts=data.facts.values())

    def check_all_rendered(env) -> None:
        for kind, done in rendered.items():
            missing = [s.id for s in data.steps.values() if s.id not in done]
            if missing:
                raise DataError(f"data/steps.yml: step '{missing[0]}' has no {kind}() call on docs/"
                                f"{data.steps[missing[0]].page}")

    env.variables["_check_all_rendered"] = check_all_rendered
    register_progress(env, data, render)


def on_post_build(env) -> None:
    env.variables["_check_all_rendered"](env)
