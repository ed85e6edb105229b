"""pay_route(): «Как вы платили?» — the reader's way of paying and what it means for the refund and for a bank
dispute, one panel per method of data/payment.yml (template and JS in components/route/)."""

from __future__ import annotations

from .context import Context


def register(env, ctx: Context) -> None:
    @env.macro
    def pay_route(level: int = 3) -> str:
        """The block, once per page; `level` is the heading level of each method's panel (after an h2: 3)."""
        call = f"pay_route({level})"
        if not ctx.site.payment:
            raise ctx.fail(call, "data/payment.yml is missing or has no methods")
        if level not in range(2, 7):
            raise ctx.fail(call, "the heading level must be 2 to 6")
        return ctx.render.html("route/route.html", methods=tuple(ctx.site.payment.values()), level=level)
