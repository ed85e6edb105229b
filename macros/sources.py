"""Facts and sources: fact("fact-id") in a sentence, sources() and facts_table() on the «Источники» page."""

from __future__ import annotations

from .context import Context


def register(env, ctx: Context) -> None:
    site = ctx.site

    @env.macro
    def fact(fact_id: str) -> str:
        """A fact's short value (or its text), so a number lives in one place: data/facts.yml."""
        if fact_id not in site.facts:
            raise ctx.fail(f"fact('{fact_id}')", f"unknown fact '{fact_id}' (not defined in data/facts.yml)")
        found = site.facts[fact_id]
        return found.value or found.text

    @env.macro
    def sources() -> str:
        used_by = {s: [f for f in site.facts.values() if site.sources[s] in f.sources] for s in site.sources}
        return ctx.render.html("sources/sources.html", sources=site.sources.values(), used_by=used_by)

    @env.macro
    def facts_table() -> str:
        return ctx.render.html("sources/facts.html", facts=site.facts.values())
