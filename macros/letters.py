"""Fill-in letters from data/letters.yml: letter(), letters_index(), letter_link(), letters_privacy().

The data is loaded and validated by content/ (the body syntax: content/letter_body.py). The browser side
(components/letters/letters.js) only fills the rendered text in: the texts live in the HTML, so the page reads,
and the letters can be copied by hand, without JavaScript.
"""

from __future__ import annotations

from content import Letter

from .context import BuildError, Context

LETTERS_PAGE = "pisma.md"
FILE = "data/letters.yml"


def register(env, ctx: Context, docs_dir) -> None:
    letters = ctx.site.letters.letters
    if not (docs_dir / LETTERS_PAGE).is_file():
        raise BuildError(f"{FILE}: the letters page docs/{LETTERS_PAGE} does not exist")
    rendered: set[str] = set()

    def get(call: str, letter_id: str) -> Letter:
        if letter_id not in letters:
            raise ctx.fail(call, f"unknown letter '{letter_id}' (not defined in {FILE})")
        return letters[letter_id]

    @env.macro
    def letter(letter_id: str) -> str:
        """A letter's heading (Markdown, so it is in the TOC and its anchor is checked), its form and preview."""
        call = f"letter('{letter_id}')"
        found = get(call, letter_id)
        if ctx.current_page() != LETTERS_PAGE:
            raise ctx.fail(call, f"letters belong on docs/{LETTERS_PAGE} (elsewhere, use letter_link('{letter_id}'))")
        if letter_id in rendered:
            raise BuildError(f"docs/{LETTERS_PAGE}: {call} is used twice")
        rendered.add(letter_id)
        html = ctx.render.html("letters/letter.html", letter=found)
        return f"## {found.title} {{: #{found.anchor} }}\n\n{html}\n"

    @env.macro
    def letters_index() -> str:
        """The list of letters with same-page links (Markdown, so MkDocs checks every anchor exists)."""
        return ctx.render.markdown("letters/letter_index.md", letters=letters.values())

    @env.macro
    def letter_link(letter_id: str, text: str = "") -> str:
        """A Markdown link from the current page to the letter on the letters page."""
        found = get(f"letter_link('{letter_id}')", letter_id)
        return f"[{text or found.title}]({ctx.link(LETTERS_PAGE)}#{found.anchor})"

    @env.macro
    def letters_privacy() -> str:
        return ctx.render.html("letters/letter_privacy.html")
