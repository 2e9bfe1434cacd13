"""Compare the standard repayment choices for one event, side by side.

A table (Jiebei now, reopen date, extra cost, score now / in 6 / in 12 months) and, for
each choice, the likely score month by month as a bar line and Jiebei's state as a
coloured band, on one shared month ruler. The numbers come from ``model.whatif``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from model.assessment import JiebeiState
from model.whatif import Outcome
from tui.i18n import tr
from tui.textwidth import pad
from tui.widgets.style import STATE_STYLE, rich_style

BARS = "▁▂▃▄▅▆▇█"
NAME_WIDTH = 16


def score_bars(values: Sequence[int], low: int, high: int) -> str:
    span = max(1, high - low)
    return "".join(BARS[min(len(BARS) - 1, (v - low) * len(BARS) // (span + 1))]
                   for v in values)


def state_band(states: Sequence[JiebeiState]) -> str:
    return "".join(f"[{STATE_STYLE[s.value]}]█[/]" for s in states)


def ruler(dates: Sequence[str]) -> str:
    cells = [" "] * (len(dates) + 6)
    for i, day in enumerate(dates):
        if i % 6 == 0:
            for j, ch in enumerate(day[2:7]):  # 27-05
                cells[i + j] = ch
    return "".join(cells).rstrip()


class CompareScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,c,q", "close", "Close", id="compare.close")]

    def __init__(self, title: str, lang: str, outcomes: list[Outcome],
                 labels: Mapping[str, str] | None = None) -> None:
        """``labels``: names to show (branches); by default the standard choices' names."""
        super().__init__()
        self.title_text = title
        self.lang = lang
        self.outcomes = outcomes
        self.labels = labels

    def label(self, outcome: Outcome) -> str:
        if self.labels is not None:
            return self.labels.get(outcome.name, outcome.name)
        return tr(self.lang, f"choice_{outcome.name}")

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="form compare"):
            yield Static(self.title_text, classes="form-title")
            yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
            yield Static(self._chart(), id="compare-chart")
            yield Static(f"[$text-muted]{escape(tr(lang, 'compare_hint'))}[/]")

    def on_mount(self) -> None:
        lang = self.lang
        table = self.query_one("#compare-table", DataTable)
        theme = self.app.get_css_variables()
        for key in ("choice", "jiebei", "reopen_col", "cost", "score_now", "score_6",
                    "score_12"):
            table.add_column(tr(lang, key), key=key)
        for o in self.outcomes:
            state = o.state.zh if lang == "zh" else o.state.en
            reopen = {"now": tr(lang, "reopen_now"), "never": tr(lang, "reopen_no")}.get(
                o.reopen, str(o.reopens_on))
            cost = f"¥{o.cost:,.2f}" + (" +" if o.cost_open_ended else "")
            table.add_row(
                Text(self.label(o)),
                Text(state, style=rich_style(theme, STATE_STYLE[o.state.value])),
                Text(reopen, style=rich_style(theme, "$error") if o.reopen == "never" else ""),
                Text(cost, justify="right"),
                Text(str(o.score_now), justify="right"),
                Text(str(o.score_6_months), justify="right"),
                Text(str(o.score_12_months), justify="right"),
                key=o.name,
            )
        table.focus()

    def _chart(self) -> str:
        lang = self.lang
        scores = [m.score_likely for o in self.outcomes for m in o.projection.months]
        low, high = min(scores), max(scores)
        dates = [m.date.isoformat() for m in self.outcomes[0].projection.months]
        lines = [f"[b]{tr(lang, 'score')} · {tr(lang, 'jiebei')}[/b] "
                 f"[$text-muted]({low}–{high})[/]",
                 f"[$text-muted]{pad('', NAME_WIDTH)}{ruler(dates)}[/]"]
        for o in self.outcomes:
            name = escape(pad(self.label(o)[:NAME_WIDTH - 1], NAME_WIDTH))
            months = o.projection.months
            bars = score_bars([m.score_likely for m in months], low, high)
            lines.append(f"{name}[$accent]{bars}[/]")
            lines.append(f"{pad('', NAME_WIDTH)}{state_band([m.state for m in months])}")
        lines.append("  ".join(f"[{STATE_STYLE[s.value]}]█[/] {s.zh if lang == 'zh' else s.en}"
                               for s in JiebeiState))
        return "\n".join(lines)

    def action_close(self) -> None:
        self.dismiss(None)
