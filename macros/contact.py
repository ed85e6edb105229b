"""contact("contact-id"): one contact block from data/contacts.yml.

Every contact appears on the contacts page (a build test checks it); only there is it in the search index, so a
search for a phone or an office lists that page once, not every step that repeats the block."""

from __future__ import annotations

from .context import Context

CONTACTS_PAGE = "kontakty.md"


def register(env, ctx: Context) -> None:
    @env.macro
    def contact(contact_id: str, brief: bool = False) -> str:
        """A contact block; brief: only how to reach it (no «Что подготовить» and no note), for a page where those,
        written for the dispute, would mislead (the bank on the fraud page: block the card, not a claim)."""
        if contact_id not in ctx.site.contacts:
            raise ctx.fail(f"contact('{contact_id}')",
                           f"unknown contact '{contact_id}' (not defined in data/contacts.yml)")
        return ctx.render.html("contact/contact.html", contact=ctx.site.contacts[contact_id], brief=brief,
                               searchable=ctx.current_page() == CONTACTS_PAGE)
