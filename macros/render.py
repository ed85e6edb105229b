"""Jinja rendering of the components. Templates live in components/<name>/; Python only passes data.

Every template can use the global `facts` (fact id -> content.Fact), e.g.
`data-penalty-rate="{{ facts['penalty-rate'].number }}"`, so numbers the JS needs come from data/facts.yml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
_NEWLINES = re.compile(r"\s*\n\s*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def ru_date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def bold(text: str) -> Markup:
    """Escape text, then turn **x** into <strong>x</strong>: the only markup data text may carry."""
    return Markup(_BOLD.sub(r"<strong>\1</strong>", str(escape(text))))


class Renderer:
    def __init__(self, templates: Path, facts: Mapping[str, object] | None = None):
        self.env = Environment(
            loader=FileSystemLoader(str(templates)),
            autoescape=select_autoescape(["html"], default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["ru_date"] = ru_date
        self.env.filters["bold"] = bold
        self.env.globals["facts"] = dict(facts or {})

    def html(self, template: str, **context) -> str:
        """Render an HTML component on one line, so Markdown keeps it as one raw HTML block."""
        out = self.env.get_template(template).render(**context).strip()
        return _NEWLINES.sub(" ", _BETWEEN_TAGS.sub("><", out))

    def markdown(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context).strip()
