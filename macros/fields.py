"""fields_privacy(): the remember / erase block of the reader's order fields (components/fields/privacy.html).

The fields' inputs themselves come with the forms that hold them (letter(), calculator(), replies_form(),
case_page()), through the template macros of components/fields/fields.html; a letter's page and «Моё дело» include
the block themselves. This macro is for other pages with a form (the calculator).
"""

from __future__ import annotations

from .context import Context


def register(env, ctx: Context) -> None:
    @env.macro
    def fields_privacy() -> str:
        return ctx.render.html("fields/privacy.html")
