"""Jiebei: the access state as a badge, the usable limit as a bar, the reopen date.

Its lines are one widget (``FlowText``): a step that changes one of them repaints that
line, and the compositor has one widget to draw for the pane, not one per line."""

from __future__ import annotations

from textual.app import ComposeResult

from model.assessment import JiebeiState, Reason
from tui.i18n import STATE_CHIP, STATE_MEANING, cost_words, flow, reopen_words, said, tr
from tui.markup import escape
from tui.view import View
from tui.widgets.base import Pane
from tui.widgets.flow_text import FlowText, Paragraph
from tui.widgets.style import STATE_STYLE

BAR_WIDTH = 28
WHY_ROWS = 3  # the pane's one reason; the Why pane has them all, whole


def money(value: float) -> str:
    return f"{value:,.0f}"


def limit_bar(usable: float, assessed: float, base: float, style: str) -> str:
    """█ usable · ▒ assessed but not usable now · ░ the rest of the base limit."""
    top = max(base, assessed, 1.0)
    used = round(BAR_WIDTH * usable / top)
    held = round(BAR_WIDTH * assessed / top) - used
    rest = BAR_WIDTH - used - held
    return (f"[{style}]{'█' * used}[/][$text-muted]{'▒' * held}{'░' * rest}[/]")


# While Jiebei is still available, the most useful thing to say about a fresh overdue is
# how long that lasts: inside the grace period, or not yet seen through the report.
COMING = ("notice-in-grace", "notice-not-yet-seen")


def headline(view: View) -> Reason:
    """The one reason the pane shows: the state's own, unless it is available and an
    overdue is on its way to being seen."""
    j = view.assessment.jiebei
    if j.state == JiebeiState.AVAILABLE.value:
        coming = [n for n in view.assessment.notices if n.rule in COMING]
        if coming:
            return coming[0]
    return j.reasons[0]


# Nothing in it scrolls: the pane itself takes the focus (Tab, a number key).
class JiebeiPane(Pane, can_focus=True):
    TITLE_KEY = "jiebei"

    def compose(self) -> ComposeResult:
        yield FlowText(id="jiebei-body")

    @property
    def body(self) -> FlowText:
        return self.query_one("#jiebei-body", FlowText)

    def show(self, view: View, lang: str) -> None:
        j = view.assessment.jiebei
        state = JiebeiState(j.state)
        style = STATE_STYLE[state.value]
        badge = (f"[reverse bold {style}] {escape(STATE_CHIP[lang][state.value])} [/] "
                 f"[bold {style}]{escape(STATE_MEANING[lang][state.value])}[/]")
        if j.base_limit is None:
            limit: tuple[str, ...] = (f"[$text-muted]{tr(lang, 'no_jiebei')}[/]",)
        else:
            limit = (
                f"{tr(lang, 'usable')} [bold]{money(j.limit)}[/] · {tr(lang, 'assessed')} "
                f"{money(j.assessed_limit)} · {tr(lang, 'base')} {money(j.base_limit)}",
                limit_bar(j.limit, j.assessed_limit, j.base_limit, style),
            )
        reopen_style = {"never": "$error", "now": "$success"}.get(j.reopen, "bold")
        reopen = f"[{reopen_style}]{escape(reopen_words(j, lang))}[/]"
        head, per_day, plan = cost_words(view.assessment.cost, lang)
        cost_line = (escape(head) + (f" [$error]{per_day}[/]" if per_day else "")
                     + (f" · {escape(plan)}" if plan else ""))
        first = headline(view)
        why = flow(f"{tr(lang, 'why')}{tr(lang, 'colon')}{said(first, lang)}", lang)
        self.body.update(badge, *limit, reopen, cost_line,
                         Paragraph(why, "$text-muted", rows=WHY_ROWS))
