"""MkDocs hook: numbers that must not break across lines on a phone.

In the text of every page (not in tags, their attributes, scripts or styles), a space inside a number written in
groups («1 000 000») or before «%» and «₽» («0,5 %», «100 000 ₽») becomes a no-break space, and a phone number
written with spaces and hyphens («8 800 300-30-00») is wrapped in ``<span class="oz-nowrap">``
(components/base/site.css) — not given no-break hyphens, so that a copied number stays dialable. Texts come from
data files and Markdown written with ordinary spaces; a 390 px screen otherwise shows «1 000 | 000 ₽» or «8 800
300-30- | 00».
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
TEXT = re.compile(r">([^<]+)<")
CODE = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>)", re.S)  # left as they are
GROUPED = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=[%₽])")
PHONE = re.compile(r"(?<![\w+-])(?:\+7|8)(?:[ \u00a0-]\d{3}){2}-\d\d-\d\d(?![\d-])")


def keep_together(text: str) -> str:
    """The text with no-break spaces in grouped numbers, before % and ₽, and phone numbers kept on one line."""
    text = GROUPED.sub(NBSP, text)
    return PHONE.sub(lambda m: f'<span class="oz-nowrap">{m.group(0)}</span>', text)


def in_text(html: str) -> str:
    """keep_together() on the text between tags, outside scripts and styles."""
    parts = CODE.split(html)
    return "".join(part if i % 2 else TEXT.sub(lambda m: ">" + keep_together(m.group(1)) + "<", part)
                   for i, part in enumerate(parts))


def on_post_page(output: str, page, config) -> str:
    """The whole page: its content and what the theme adds (the navigation, the table of contents, the title)."""
    return in_text(output)
