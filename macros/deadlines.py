"""deadline_engine(): the root of the deadline engine (components/deadlines/), with the production calendar.

A page that shows it links the engine's page-scoped bundle (hooks/assets.py). calculator() and letter() of a letter
with computed fields include it.
"""

from __future__ import annotations

from functools import cache

from content.calendar import production_calendar

from .context import Context


@cache
def calendar_data() -> dict:
    """The compact production calendar (computed once per process; the holidays package is pinned)."""
    return production_calendar().compact()


def engine_root(ctx: Context) -> str:
    return ctx.render.html("deadlines/deadlines.html", calendar=calendar_data())


def register(env, ctx: Context) -> None:
    @env.macro
    def deadline_engine() -> str:
        return engine_root(ctx)
