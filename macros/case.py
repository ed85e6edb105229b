"""case_page(): «Моё дело» (components/case/), rendered from data/case.yml, the letters' order fields and the steps.

The page shows the case root, the engine's root (deadline_engine(): the production calendar and the words of the
explanations) and the order fields' form; hooks/assets.py loads their bundles (components/case/page-scoped).
"""

from __future__ import annotations

import re

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from .context import Context
from .deadlines import engine_root
from .letters import INDEX_PAGE, letter_page
from .progress import page_url

# The letters' fields the reader enters once for the case (data/letters.yml ids; the letters use the same).
ORDER_FIELDS = ("order-number", "goods", "amount", "pay-method", "paid-on", "promised-on", "delivery", "demand",
                "new-date")
PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
MAX_CASES = 50  # cases a reader may keep (case.js refuses a new one, and an imported file with more, beyond it)


def register(env, ctx: Context) -> None:
    @env.macro
    def case_page() -> str:
        case = ctx.site.case
        if case is None:
            raise ctx.fail("case_page()", "data/case.yml is missing")
        fields = ctx.site.letters.fields
        missing = [f for f in ORDER_FIELDS if f not in fields]
        if missing:
            raise ctx.fail("case_page()", f"order field '{missing[0]}' is not defined in data/letters.yml")
        directory_urls = env.conf["use_directory_urls"]
        here = page_url(ctx.current_page(), directory_urls)
        steps = list(ctx.site.steps.values())
        letters = ctx.site.letters.letters
        letters_page = get_relative_url(page_url(INDEX_PAGE, directory_urls), here)
        # Action texts split at their placeholders: odd parts are text, even parts the names case.js fills in.
        actions = [{"action": a, "parts": PLACEHOLDER.split(a.text)} for a in case.actions]
        html = ctx.render.html(
            "case/case.html", case=case, fields=[fields[f] for f in ORDER_FIELDS], actions=actions, steps=steps,
            steps_by_id=ctx.site.steps,
            step_hrefs={s.id: get_relative_url(page_url(s.page, directory_urls), here) for s in steps},
            letter_hrefs={i: get_relative_url(page_url(letter_page(letter), directory_urls), here)
                          for i, letter in letters.items()},
            letters=letters, letters_page=letters_page, url=env.conf["site_url"].rstrip("/") + "/" + here,
            site_name=env.conf["site_name"], max_cases=MAX_CASES, engine_root=Markup(engine_root(ctx)))
        return html
