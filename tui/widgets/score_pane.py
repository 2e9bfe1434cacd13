"""The score: the likely value large, the range, the tier, the change, the months ahead."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.widgets import Digits, Sparkline, Static

from tui.i18n import said, tr
from tui.view import View
from tui.widgets.base import Pane

# A projection of the months ahead quicker than this is drawn with the answer: a frame
# of its own costs more than that (the whole screen around the chart is composed again).
# A slower one (many events) waits a frame, so that the answer is not held up.
CHART_WITH_ANSWER = 0.003  # seconds


# Nothing in it scrolls: the pane itself takes the focus (Tab, a number key).
class ScorePane(Pane, can_focus=True):
    TITLE_KEY = "score"
    _months_took = 0.0  # how long the last projection of the months ahead took

    def compose(self) -> ComposeResult:
        yield Static(id="score-headline")
        yield Digits(id="score-digits")
        yield Static(id="score-range")
        yield Sparkline(id="score-spark")
        yield Static(id="score-spark-label")

    def show(self, view: View, lang: str) -> None:
        s = view.assessment.score
        tier = next(t for t in view.policy.score.tiers.value if t.id == s.tier)
        tier_words = said(tier, lang)
        self.query_one("#score-digits", Digits).update(str(s.likely))
        change_style = "$success" if s.change >= 0 else "$error"
        self.put("#score-headline",
            f"{tr(lang, 'likely')} [b $accent]{s.likely}[/] ({s.low}–{s.high}) · "
            f"[b]{tier_words}[/] · {tr(lang, 'from_base')} {s.base}: "
            f"[{change_style}]{s.change:+d}[/]"
        )
        self.put("#score-range",
            f"{tr(lang, 'range')} {s.low}–{s.high} · [bold]{tier_words}[/]\n"
            f"{tr(lang, 'from_base')} {s.base}: [{change_style}]{s.change:+d}[/]"
        )
        if view.ahead.ready or self._months_took < CHART_WITH_ANSWER:
            self._show_months(view, lang)
        else:  # the answer first; the chart of the months ahead in the frame after
            self.call_after_refresh(self._show_months_if_current, view, lang)

    def _show_months_if_current(self, view: View, lang: str) -> None:
        if view is self.view and lang == self.lang:  # else a later view has its own turn
            self._show_months(view, lang)

    def _show_months(self, view: View, lang: str) -> None:
        made_now, started = not view.ahead.ready, time.perf_counter()
        months = view.projection.months
        if made_now:  # a projection already made says nothing of how long one takes
            self._months_took = time.perf_counter() - started
        self.query_one("#score-spark", Sparkline).data = [m.score_likely for m in months]
        self.put("#score-spark-label",
            f"[$text-muted]{tr(lang, 'next_24')}: {months[0].score_likely} → "
            f"{months[-1].score_likely}[/]"
        )
