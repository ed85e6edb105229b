"""Fill-in letters from data/letters.yml: letter(), letters_index(), letter_link().

One letter per page: the letter with anchor `<anchor>` lives on docs/pisma/<anchor>.md (a small Markdown page: front
matter and `{{ letter("<id>") }}`), and docs/pisma/index.md lists them all with `{{ letters_index() }}`. The anchor is
also the letter's old anchor on the single letters page (pisma/#<anchor>): the index keeps it as the id of the
letter's entry, so old links still land on it (and components/letters-index/letters-index.js follows them to the page).

Markdown pages rather than pages generated from the data in a hook: MkDocs then treats them like every other page
(nav, search, sitemap, link validation, front matter title and description), and a letter page can carry its own
notes. The build fails when a letter has no page, when its page does not call letter() or when it is not in the nav
(MkDocs' `omitted_files` validation under --strict).

The data is loaded and validated by content/ (the body syntax: content/letter_body.py). The browser side
(components/letters/letters.js, with the reader's values from components/fields/fields.js) only fills the rendered
text in: the texts live in the HTML, so the page reads, and the letters can be copied by hand, without JavaScript.
"""

from __future__ import annotations

from content import Letter

from .context import BuildError, Context
from .deadlines import engine_root

LETTERS_DIR = "pisma"
INDEX_PAGE = f"{LETTERS_DIR}/index.md"
FILE = "data/letters.yml"

_rendered: set[str] = set()  # letters whose page called letter() in this build


CASE_PAGE = "delo.md"  # «Моё дело»


def letter_page(found: Letter) -> str:
    """The source of a letter's own page, relative to docs/, e.g. 'pisma/pretenziya.md'."""
    return f"{LETTERS_DIR}/{found.anchor}.md"


def register(env, ctx: Context, docs_dir) -> None:
    letters = ctx.site.letters.letters
    _rendered.clear()
    if any(letter_page(found) == INDEX_PAGE for found in letters.values()):
        raise BuildError(f"{FILE}: a letter's anchor 'index' would take the page of the list of letters")
    owners = {INDEX_PAGE: "the letters", **{letter_page(found): f"letter '{found.id}'" for found in letters.values()}}
    for page, owner in owners.items():
        if not (docs_dir / page).is_file():
            raise BuildError(f"{FILE}: {owner}: its page docs/{page} does not exist")

    def get(call: str, letter_id: str) -> Letter:
        if letter_id not in letters:
            raise ctx.fail(call, f"unknown letter '{letter_id}' (not defined in {FILE})")
        return letters[letter_id]

    @env.macro
    def letter(letter_id: str) -> str:
        """A letter's page: how its form works, the remember / erase block, the letter (its form and preview)."""
        call = f"letter('{letter_id}')"
        found = get(call, letter_id)
        if ctx.current_page() != letter_page(found):
            raise ctx.fail(call, f"the letter belongs on docs/{letter_page(found)} "
                                 f"(elsewhere, use letter_link('{letter_id}'))")
        if letter_id in _rendered:
            raise BuildError(f"docs/{letter_page(found)}: {call} is used twice")
        title = (getattr(ctx.env.page, "meta", None) or {}).get("title")
        if title and title != found.title:
            raise ctx.fail(call, f"the page title '{title}' differs from the letter's title '{found.title}' "
                                 f"in {FILE}")
        _rendered.add(letter_id)
        # the events of «Моё дело» that are the reader sending this letter (data/case.yml `letter:`)
        events = ctx.site.case.events.values() if ctx.site.case else ()
        sent = [event for event in events if event.letter == letter_id]
        # what to log after it: an event that cannot come before it and fills a letters' date (the claim received)
        then = [event for event in events if event.field and any(s.id in event.after for s in sent)]
        return ctx.render.markdown("letters/letter_page.md", letter=found, index=ctx.link(INDEX_PAGE),
                                   sent=sent, then=then[:1], case_page=ctx.link(CASE_PAGE) if sent else "",
                                   calculator=ctx.link("kalkulyator.md"),
                                   privacy=ctx.render.html("fields/privacy.html"),
                                   form=ctx.render.html("letters/letter.html", letter=found),
                                   engine=engine_root(ctx) if any(f.fn for f in found.fields) else "")

    @env.macro
    def letters_index() -> str:
        """The letters with what each is for and where it goes, linking to their pages (Markdown, so MkDocs checks
        the links); each entry's id is the letter's old anchor on this page."""
        if ctx.current_page() != INDEX_PAGE:
            raise ctx.fail("letters_index()", f"the list of letters belongs on docs/{INDEX_PAGE}")
        pages = {found.id: ctx.link(letter_page(found)) for found in letters.values()}
        return ctx.render.markdown("letters-index/letters_index.md", letters=letters.values(), pages=pages)

    @env.macro
    def letter_link(letter_id: str, text: str = "") -> str:
        """A Markdown link from the current page to the letter's own page."""
        found = get(f"letter_link('{letter_id}')", letter_id)
        return f"[{text or found.title}]({ctx.link(letter_page(found))})"


def check_all_rendered(ctx: Context) -> None:
    """After the build: every letter's page called its letter()."""
    missing = [found for found in ctx.site.letters.letters.values() if found.id not in _rendered]
    if missing:
        raise BuildError(f"{FILE}: letter '{missing[0].id}' has no letter('{missing[0].id}') call on "
                         f"docs/{letter_page(missing[0])}")
