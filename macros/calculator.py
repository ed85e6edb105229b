"""calculator(): the deadline calculator, built from the computed fields listed under `results:` in letters.yml."""

from __future__ import annotations

from .context import Context


def register(env, ctx: Context) -> None:
    letters = ctx.site.letters

    @env.macro
    def calculator() -> str:
        return ctx.render.html("letters/calculator.html", fields=letters.calculator_inputs, results=letters.results)
