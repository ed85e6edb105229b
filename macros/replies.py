"""Answers to Ozon's standard chat replies from data/replies.yml, on docs/otvety-ozon.md: replies_index(),
replies_form() and replies() (templates in components/replies/).

An answer is a letter body (content/letter_body.py) rendered with the letters component's parts, so the letters'
script (components/letters/letters.js) fills it with what the reader typed — here, in the letters or in the
calculator — and Material's copy button copies the filled text. No JavaScript of its own.
"""

from __future__ import annotations

import html
import re

from content import LetterField, Reply

from .context import BuildError, Context

REPLIES_PAGE = "otvety-ozon.md"
SOURCES_PAGE = "istochniki.md"  # every source has the anchor #src-<id> there (components/sources/sources.html)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


def markdown_text(text: str) -> str:
    """Plain text for a Markdown heading or link text: HTML-escaped, Markdown's special characters backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def form_fields(replies: list[Reply], fields: dict[str, LetterField]) -> list[LetterField]:
    """The inputs the answers need, in the order data/letters.yml declares them (the letters' form order); a computed
    field brings the inputs it is computed from."""
    needed = {name for reply in replies for f in reply.fields
              for name in (f.inputs if f.type == "computed" else (f.id,))}
    return [f for f in fields.values() if f.id in needed]


def _check_slots(nodes, where: str) -> None:
    """A choice field's text comes from its radio buttons inside the same letters root, and a card has none: so an
    answer may test a choice field ([[if demand=refund]]) but not print it."""
    for node in nodes:
        if isinstance(node, str):
            continue
        if node.kind == "slot" and node.field.type == "choice":
            raise BuildError(f"{where}: '[[{node.field.id}]]' is a choice field: test it with [[if …]] instead of "
                             f"printing it")
        if node.kind == "if":
            _check_slots(node.then, where)
            _check_slots(node.otherwise, where)


def register(env, ctx: Context) -> None:
    entries = ctx.site.replies
    used: set[str] = set()
    titles = {r.id: markdown_text(f"«{r.ozon_says}»") for r in entries.values()}
    for reply in entries.values():
        _check_slots(reply.answer, f"data/replies.yml: reply '{reply.id}': field 'answer'")

    def on_replies_page(call: str) -> None:
        if ctx.current_page() != REPLIES_PAGE:
            raise ctx.fail(call, f"the replies belong on docs/{REPLIES_PAGE}")
        if call in used:
            raise BuildError(f"docs/{REPLIES_PAGE}: {call} is used twice")
        used.add(call)

    @env.macro
    def replies_index() -> str:
        """Ozon's phrases as a list of same-page links to their cards."""
        on_replies_page("replies_index()")
        return ctx.render.markdown("replies/replies_index.md", replies=entries.values(), titles=titles)

    @env.macro
    def replies_form() -> str:
        """The order data the answers use, and the letters' remember / erase block."""
        on_replies_page("replies_form()")
        fields = form_fields(list(entries.values()), ctx.site.letters.fields)
        return ctx.render.html("replies/replies_form.html", fields=fields)

    @env.macro
    def replies() -> str:
        """Every card of data/replies.yml, in file order."""
        on_replies_page("replies()")
        sources_page = ctx.link(SOURCES_PAGE)
        cards = []
        for reply in entries.values():
            sources = [f"[{markdown_text(s.title)}]({sources_page}#src-{s.id})" for s in reply.sources]
            answer = ctx.render.html("replies/answer.html", reply=reply)
            cards.append(ctx.render.markdown("replies/reply.md", reply=reply, title=titles[reply.id],
                                             sources=sources, answer=answer))
        return "\n\n".join(cards)
