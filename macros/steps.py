"""Step components: checklist("step-id") and next_step("step-id"); a step page must call both."""

from __future__ import annotations

from content import Step

from .context import BuildError, Context


def _step(ctx: Context, call: str, step_id: str) -> Step:
    if step_id not in ctx.site.steps:
        raise ctx.fail(call, f"unknown step '{step_id}' (not defined in data/steps.yml)")
    step = ctx.site.steps[step_id]
    if ctx.current_page() != step.page:
        raise ctx.fail(call, f"step '{step_id}' belongs on docs/{step.page}")
    return step


def register(env, ctx: Context) -> None:
    @env.macro
    def checklist(step_id: str) -> str:
        """The step's checklist: real labelled checkboxes with stable ids from data/steps.yml."""
        step = _step(ctx, f"checklist('{step_id}')", step_id)
        ctx.rendered["checklist"].add(step_id)
        return ctx.render.html("checklist/checklist.html", step=step)

    @env.macro
    def next_step(step_id: str) -> str:
        """'If this did not help' block with a Markdown link (so MkDocs validates it) to the next step."""
        step = _step(ctx, f"next_step('{step_id}')", step_id)
        ctx.rendered["next_step"].add(step_id)
        target = ctx.site.steps[step.next] if step.next else None
        href = ctx.link(target.page if target else "index.md")
        return ctx.render.markdown("next_step/next_step.md", step=step, target=target, href=href)


def check_all_rendered(ctx: Context) -> None:
    """After the build: every step's page called its checklist() and next_step()."""
    for kind, done in ctx.rendered.items():
        missing = [s for s in ctx.site.steps.values() if s.id not in done]
        if missing:
            raise BuildError(f"data/steps.yml: step '{missing[0].id}' has no {kind}() call on docs/{missing[0].page}")
