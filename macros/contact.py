"""contact("contact-id"): one contact block from data/contacts.yml."""

from __future__ import annotations

from .context import Context


def register(env, ctx: Context) -> None:
    @env.macro
    def contact(contact_id: str) -> str:
        if contact_id not in ctx.site.contacts:
            raise ctx.fail(f"contact('{contact_id}')",
                           f"unknown contact '{contact_id}' (not defined in data/contacts.yml)")
        return ctx.render.html("contact/contact.html", contact=ctx.site.contacts[contact_id])
