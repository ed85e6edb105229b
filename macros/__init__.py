"""mkdocs-macros entry point: content from data/*.yml (loaded by content/) rendered through components/*/.

One module per component registers its macros; context.py holds what they share (the current page, relative
links, the error that stops the build).
"""

from __future__ import annotations

from pathlib import Path

from content import DataError, load_site

from . import calculator, case, contact, deadlines, fields, letters, progress, replies, route, sources, steps
from .context import BuildError, Context
from .render import Renderer

_context: Context | None = None  # this build's context, for on_post_build


def define_env(env) -> None:
    global _context
    root = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    try:
        site = load_site(root / "data", docs_dir, root / "components" / "letters" / "calculations.json")
    except DataError as exc:
        raise BuildError(str(exc)) from None
    render = Renderer(root / "components", facts=site.facts)
    _context = ctx = Context(env, site, render)
    steps.register(env, ctx)
    progress.register(env, ctx)
    contact.register(env, ctx)
    sources.register(env, ctx)
    fields.register(env, ctx)
    letters.register(env, ctx, docs_dir)
    calculator.register(env, ctx)
    deadlines.register(env, ctx)
    route.register(env, ctx)
    replies.register(env, ctx)
    case.register(env, ctx)


def on_post_build(env) -> None:
    if _context is not None:
        steps.check_all_rendered(_context)
        letters.check_all_rendered(_context)
