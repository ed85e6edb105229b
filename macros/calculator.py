"""calculator(): the deadline calculator, built from the computed fields listed under `results:` in letters.yml; a
view of the deadline engine, whose root (with the production calendar) it includes, so its page loads the engine's
bundle (hooks/assets.py)."""

from __future__ import annotations

from .context import Context
from .deadlines import calendar_data


def register(env, ctx: Context) -> None:
    letters = ctx.site.letters

    @env.macro
    def calculator() -> str:
        return ctx.render.html("letters/calculator.html", fields=letters.calculator_inputs, results=letters.results,
                               calendar=calendar_data())
