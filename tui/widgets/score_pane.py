"""The score: the likely value large, the range, the tier, the change, the months ahead.

The pane is one widget (``ScoreBody``): the large digits, the range, and the chart of the
months ahead are its lines, drawn with the line API and kept while they are unchanged.
"""

from __future__ import annotations

import time
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.app import ComposeResult
from textual.color import Color
from textual.renderables.digits import Digits
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from tui.i18n import said, tr
from tui.view import View
from tui.widgets.base import Pane
from tui.widgets.markup_lines import Cells, Line, LineView

# A projection of the months ahead quicker than this is drawn with the answer: a frame
# of its own costs more than that (the whole screen around the chart is composed again).
# A slower one (many events) waits a frame, so that the answer is not held up.
CHART_WITH_ANSWER = 0.003  # seconds
BARS = "▁▂▃▄▅▆▇█"


@lru_cache(maxsize=64)
def glyph(character: str) -> tuple[str, ...]:
    """One character in Textual's three-row digits: its three rows."""
    return tuple(s.text for s in Digits(character).render(RichStyle())
                 if isinstance(s, Segment) and s.text != "\n")


def digit_rows(text: str) -> tuple[Cells, ...]:
    """``text`` in Textual's three-row digits: three lines, a piece per character (a
    score's digits are drawn once each, then kept)."""
    glyphs = [glyph(c) for c in text]
    return tuple(Cells(tuple(f"[$accent]{g[row]}[/]" for g in glyphs)) for row in range(3))


@lru_cache(maxsize=64)
def buckets(count: int, width: int) -> tuple[tuple[int, int], ...]:
    """Which values each of ``width`` bars summarises: Textual's sparkline's own split
    (``textual.renderables.sparkline``), worked out once per number of values and width."""
    step = Fraction(count, width)
    spans = [(int(step * i), int(step * (i + 1))) for i in range(width)]
    kept = [(a, b) for a, b in spans if b > a]
    out, at, each = [], 0.0, len(kept) / width
    for _ in range(width):  # the same float steps as Textual's, so the same bars
        out.append(kept[int(at)])
        at += each
    return tuple(out)


def blend(low: RichColor, high: RichColor, ratio: float) -> RichColor:
    """As Textual's sparkline blends: the high colour alone where either is a terminal's
    own colour (the terminal theme), which cannot be mixed."""
    if low.triplet is None or high.triplet is None:
        return high
    return RichColor.from_rgb(*(a + (b - a) * ratio
                                for a, b in zip(low.triplet, high.triplet, strict=True)))


class Spark(NamedTuple):
    """The score of each month ahead as one row of bars, as Textual's sparkline draws
    them (the highest value of each bar's months; the colour from the error colour at the
    lowest to the success colour at the highest), made quickly: a month step draws it anew."""

    scores: tuple[int, ...]

    @property
    def plain(self) -> str:
        return ""

    def draw(self, widget: Widget, width: int, style: Style) -> list[Strip]:
        variables = widget.app.theme_variables  # as the theme last made them
        base = widget.background_colors[1]
        low, high = ((base + Color.parse(variables[name])).rich_color
                     for name in ("error", "success"))
        scores, under = self.scores, style.rich_style
        if len(scores) < 2:  # as Textual draws none or one value: a flat row
            colour = high if scores else low
            row = [Segment(("█" if scores else "▁") * width, under + RichStyle(color=colour))]
        else:
            least, most = min(scores), max(scores)
            extent = most - least or 1
            top = len(BARS) - 1
            looks: dict[int, tuple[str, RichStyle]] = {}  # by value: its bar and colour
            for value in set(scores):
                ratio = (value - least) / extent
                looks[value] = (BARS[min(top, int(ratio * top))],
                                under + RichStyle(color=blend(low, high, ratio)))
            row = [Segment(*looks[max(scores[first:end])])
                   for first, end in buckets(len(scores), width)]
        row = list(Segment.simplify(row))
        return [Strip(row).extend_cell_length(width, under)]


class ScoreBody(LineView):
    """Wide, the digits and the range above the chart; narrow, one headline line."""

    wide: tuple[Line, ...] = ()
    narrow: tuple[Line, ...] = ()
    chart: tuple[Line, ...] = ()

    def show(self, *, wide: tuple[Line, ...] | None = None,
             narrow: tuple[Line, ...] | None = None,
             chart: tuple[Line, ...] | None = None) -> None:
        self.wide = self.wide if wide is None else wide
        self.narrow = self.narrow if narrow is None else narrow
        self.chart = self.chart if chart is None else chart
        self.changed()

    def lines_at(self, width: int) -> tuple[Line, ...]:
        if self.is_attached and self.screen.has_class("-narrow"):
            return (*self.narrow, *self.chart)
        return (*self.wide, "", *self.chart)


# Nothing in it scrolls: the pane itself takes the focus (Tab, a number key).
class ScorePane(Pane, can_focus=True):
    TITLE_KEY = "score"
    _months_took = 0.0  # how long the last projection of the months ahead took

    def compose(self) -> ComposeResult:
        yield ScoreBody(id="score-body")

    @property
    def body(self) -> ScoreBody:
        return self.query_one("#score-body", ScoreBody)

    def show(self, view: View, lang: str) -> None:
        s = view.assessment.score
        tier = next(t for t in view.policy.score.tiers.value if t.id == s.tier)
        tier_words = said(tier, lang)
        change_style = "$success" if s.change >= 0 else "$error"
        change = f"{tr(lang, 'from_base')} {s.base}: [{change_style}]{s.change:+d}[/]"
        headline = (f"{tr(lang, 'likely')} [b $accent]{s.likely}[/] ({s.low}–{s.high}) · "
                    f"[b]{tier_words}[/] · {change}")
        wide: tuple[Line, ...] = (*digit_rows(str(s.likely)),
                f"{tr(lang, 'range')} {s.low}–{s.high} · [bold]{tier_words}[/]", change)
        if view.ahead.ready or self._months_took < CHART_WITH_ANSWER:
            chart = self._chart(view, lang)
        else:  # the answer first; the chart of the months ahead in the frame after
            chart = None
            self.call_after_refresh(self._show_months_if_current, view, lang)
        self.body.show(wide=wide, narrow=(headline,), chart=chart)

    def _show_months_if_current(self, view: View, lang: str) -> None:
        if view is self.view and lang == self.lang:  # else a later view has its own turn
            self.body.show(chart=self._chart(view, lang))

    def _chart(self, view: View, lang: str) -> tuple[Line, ...]:
        made_now, started = not view.ahead.ready, time.perf_counter()
        months = view.projection.months
        if made_now:  # a projection already made says nothing of how long one takes
            self._months_took = time.perf_counter() - started
        return (Spark(tuple(m.score_likely for m in months)),
                f"[$text-muted]{tr(lang, 'next_24')}: {months[0].score_likely} → "
                f"{months[-1].score_likely}[/]")
