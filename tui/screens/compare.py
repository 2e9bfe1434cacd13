"""Compare the standard repayment choices for one event, side by side.

A table (Jiebei now, reopen date, extra cost, score now / in 6 / in 12 months) and, for
each choice, the likely score month by month as a bar line and the usable limit as a
second, in the colour of Jiebei's state, on one shared month ruler. The numbers come from
``model.whatif``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from model.assessment import JiebeiState
from model.errors import EditError, InputError
from model.scenario import read_day
from model.whatif import Outcome, Plan
from tui.i18n import refusal_words, said, tr
from tui.markup import escape
from tui.textwidth import clip, pad
from tui.widgets.style import STATE_STYLE, rich_style
from tui.widths import WIDE_FROM

BARS = "▁▂▃▄▅▆▇█"
NAME_WIDTH = 20
NARROW_NAME_WIDTH = 18  # "30-day extension" reads whole at 80 columns
MIN_NAME_WIDTH = 8
CELLS = 2  # terminal cells per month: the 25 months fill about half the dialog


@dataclass(frozen=True)
class Fit:
    """How much the table shows. ``one_word_states``: Jiebei's state in one word (in
    English; Chinese is short already). ``short_cells``: shorter headers, whole yuan, no
    score ranges."""

    one_word_states: bool
    short_cells: bool


def column_widths(header: Sequence[Text], rows: Sequence[Sequence[Text]]) -> list[int]:
    """Each column's width: its widest cell, header included."""
    return [max(cell_len(cell.plain) for cell in column)
            for column in zip(header, *rows, strict=True)]


# From the fullest to the most compact (a narrow terminal's): the first that fits.
FITS = (Fit(False, False), Fit(True, False), Fit(True, True))


def score_bars(values: Sequence[int], low: int, high: int, cells: int = CELLS) -> str:
    span = max(1, high - low)
    return "".join(BARS[min(len(BARS) - 1, (v - low) * len(BARS) // (span + 1))] * cells
                   for v in values)


def score_with_range(outcome: Outcome, month: int, with_range: bool = True) -> str:
    """The likely score in a month, with its range: ``654 (632–676)``."""
    months = outcome.projection.months
    m = months[min(month, len(months) - 1)]
    if not with_range:
        return str(m.score_likely)
    return f"{m.score_likely} ({m.score_low}–{m.score_high})"


def limit_bars(limits: Sequence[float], top: float, cells: int = CELLS) -> str:
    """The usable Jiebei limit month by month; a gap where borrowing is not possible."""
    top = max(top, 1.0)
    return "".join(
        (BARS[min(len(BARS) - 1, int(v * len(BARS) / (top + 1)))] if v > 0 else " ") * cells
        for v in limits
    )


def state_limit_bars(limits: Sequence[float], states: Sequence[JiebeiState], top: float,
                     at: int = -1, cells: int = CELLS) -> str:
    """The usable limit month by month as bars in the colour of Jiebei's state that
    month (one line for both, so every choice fits on one screen); a dashed line where
    nothing can be borrowed; the cursor's month reversed."""
    bars = limit_bars(limits, top, cells)
    out = []
    for i, state in enumerate(states):
        cell = bars[cells * i: cells * (i + 1)]
        cell = "╌" * cells if not cell.strip() else cell
        look = STATE_STYLE[state.value] + (" reverse" if i == at else "")
        out.append(f"[{look}]{cell}[/]")
    return "".join(out)


def marked(bars: str, at: int, cells: int = CELLS) -> str:
    """The bar line with the cursor's month reversed, so it stands out in every line."""
    cut = slice(cells * at, cells * (at + 1))
    return f"{bars[:cut.start]}[reverse]{bars[cut]}[/reverse]{bars[cut.stop:]}"


def ruler(dates: Sequence[str], cells: int = CELLS) -> str:
    """Month labels (``27-05``) every six months, on the bars' scale."""
    line = [" "] * (cells * len(dates) + 6)
    for i, day in enumerate(dates):
        if i % 6 == 0:
            for j, ch in enumerate(day[2:7]):
                line[cells * i + j] = ch
    return "".join(line).rstrip()


class CompareScreen(ModalScreen[bool]):
    """Dismissed with True when the user asks to keep the choices as branches (k)."""

    BINDINGS = [
        Binding("escape,c,q", "close", "Close", id="compare.close"),
        Binding("k", "keep", "Keep as branches", id="compare.keep"),
        # The same keys as the main screen's months: move the cursor along the timeline.
        Binding("left_square_bracket", "cursor(-1)", "−1 mo", id="compare.back"),
        Binding("right_square_bracket", "cursor(1)", "+1 mo", id="compare.forward"),
        # The table holds only a few rows: the page keys scroll the whole comparison, so
        # the planner and the hint can be read on a small terminal.
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True,
                id="compare.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True,
                id="compare.page_up"),
    ]

    def __init__(self, title: str, lang: str, outcomes: list[Outcome],
                 labels: Mapping[str, str], choices: bool = False,
                 planner: Callable[[date], Plan] | None = None,
                 target: date | None = None) -> None:
        """``labels``: the name to show for each outcome. ``choices``: the outcomes are
        one event's standard choices (which ``k`` keeps as branches), not branches.
        ``planner``: for one event, the latest settlement day that reopens by a target."""
        super().__init__()
        self.title_text = title
        self.lang = lang
        self.outcomes = outcomes
        self.labels = labels
        self.choices = choices
        self.planner = planner
        self.target = target
        self.cursor = 0  # the month of the timeline cursor: 0 is today
        self.narrow = False  # set from the terminal's width when composed
        self._shown: tuple[Fit, int] | None = None  # the table's form, names' cells
        self._planned = ""  # the planner's last date asked for (Enter), as typed

    def label(self, outcome: Outcome) -> str:
        return self.labels.get(outcome.name, outcome.name)

    @property
    def cells(self) -> int:
        return 1 if self.narrow else CELLS

    @property
    def name_width(self) -> int:
        """Room for the longest name (choices read whole), up to a limit for long branch
        names; narrower on a narrow terminal."""
        longest = max(cell_len(self.label(o)) for o in self.outcomes) + 1
        return max(MIN_NAME_WIDTH, min(longest, NARROW_NAME_WIDTH if self.narrow else NAME_WIDTH))

    def compose(self) -> ComposeResult:
        lang = self.lang
        self.narrow = self.app.size.width < WIDE_FROM
        with VerticalScroll(classes="form compare -narrow" if self.narrow else "form compare"):
            yield Static(self.title_text, classes="form-title")
            yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
            yield Static(self._chart(), id="compare-chart")
            if self.planner is not None:
                with Horizontal(id="plan-row"):
                    yield Label(tr(lang, "plan_label"), classes="form-label")
                    yield Input(self.target.isoformat() if self.target else "",
                                placeholder="YYYY-MM-DD", id="plan-target", compact=True)
                yield Static(id="plan-result")
            hint = "compare_hint" if self.choices else "branch_compare_hint"
            yield Static(f"[$text-muted]{escape(tr(lang, hint))}[/]")

    def on_mount(self) -> None:
        self._fill()

    async def on_resize(self) -> None:
        """The terminal changed size: narrow and wide lay the comparison out differently
        (compose again); either way the table is fitted again. What was typed in the
        planner and the row highlighted are kept."""
        if (self.app.size.width < WIDE_FROM) == self.narrow:
            self.call_after_refresh(self._fit_table)
            return
        typed = self.query("#plan-target").first(Input).value if self.planner else None
        typing = isinstance(self.focused, Input)
        row = self.query_one("#compare-table", DataTable).cursor_row
        await self.recompose()
        if typed is not None:
            self.query_one("#plan-target", Input).value = typed
        self._fill(row)
        if typing:  # the planner keeps the keys: q or k in the table would act
            field = self.query_one("#plan-target", Input)
            field.focus()
            # after the focus, which selects it all: typing goes on where it was
            self.call_after_refresh(field.action_end)

    def _fill(self, row: int = 0) -> None:
        """The table in the form that fits (a first guess until it is laid out), the
        planner's answer for its date."""
        self._fill_table(FITS[-1] if self.narrow else FITS[0], self._name_cells)
        table = self.query_one("#compare-table", DataTable)
        table.move_cursor(row=row)
        table.focus()
        if self.planner is not None and self.target is not None:
            self._plan(self._planned or self.target.isoformat())  # what was asked, not typed
        self.call_after_refresh(self._fit_table)

    def _fit_table(self) -> None:
        """The fullest form whose columns fit the table's width, now that it is laid out:
        names whole with the score ranges, then Jiebei's state in a word, then the
        compact cells, then names clipped by what is still over."""
        table = self.query_one("#compare-table", DataTable)
        room = table.scrollable_content_region.width
        names = self._name_cells
        over = 0
        for fit in FITS[-1:] if self.narrow else FITS:
            if (over := self._table_width(fit, names) - room) <= 0:
                break
        if over > 0:
            names = max(MIN_NAME_WIDTH, names - over)
        if self._shown != (fit, names):
            row = table.cursor_row
            self._fill_table(fit, names)
            table.move_cursor(row=row)

    @property
    def _name_cells(self) -> int:
        """Names before any fitting: narrow, clipped as the chart clips them; wide, whole."""
        if self.narrow:
            return self.name_width
        return max(cell_len(self.label(o)) for o in self.outcomes)

    def _table_width(self, fit: Fit, names: int) -> int:
        widths = column_widths(*self._cells(fit, names))
        pad_cells = 2 * self.query_one("#compare-table", DataTable).cell_padding
        return sum(widths) + pad_cells * len(widths)

    def _columns(self, fit: Fit) -> tuple[str, ...]:
        """The table's columns, by the key of their header's words."""
        short = "_short" if fit.short_cells else ""
        return ("choice" if self.choices else "branch", "jiebei", f"reopen_col{short}",
                f"cost{short}", "score_now", "score_6", "score_12")

    def _cells(self, fit: Fit, names: int) -> tuple[list[Text], list[list[Text]]]:
        """The header and the rows of the table in the form ``fit``, names clipped to
        ``names`` cells."""
        lang = self.lang
        theme = self.app.get_css_variables()
        header = [Text(tr(lang, key)) for key in self._columns(fit)]
        rows = []
        for o in self.outcomes:
            state = o.state.value if fit.one_word_states and lang == "en" else said(o.state, lang)
            reopen = {"now": tr(lang, "reopen_now"), "never": tr(lang, "reopen_no")}.get(
                o.reopen, str(o.reopens_on))
            # Left unpaid, the cost keeps growing: what is shown is a floor.
            cost = ("≥" if o.cost_open_ended else "") + (
                f"¥{o.cost:,.0f}" if fit.short_cells else f"¥{o.cost:,.2f}")
            rows.append([
                Text(clip(self.label(o), names)),
                Text(state, style=rich_style(theme, STATE_STYLE[o.state.value])),
                Text(reopen, style=rich_style(theme, "$error") if o.reopen == "never" else ""),
                Text(cost, justify="right"),
                Text(str(o.score_now), justify="right"),
                Text(score_with_range(o, 6, not fit.short_cells), justify="right"),
                Text(score_with_range(o, 12, not fit.short_cells), justify="right"),
            ])
        return header, rows

    def _fill_table(self, fit: Fit, names: int) -> None:
        # Each column is given its width: left to measure its cells later, the table
        # could be drawn once at its headers' widths and not again (Textual 8).
        header, rows = self._cells(fit, names)
        table = self.query_one("#compare-table", DataTable)
        table.clear(columns=True)
        for text, width, key in zip(header, column_widths(header, rows), self._columns(fit),
                                    strict=True):
            table.add_column(text, width=width, key=key)
        for o, cells in zip(self.outcomes, rows, strict=True):
            table.add_row(*cells, key=o.name)
        self._shown = (fit, names)

    @property
    def months(self) -> int:
        return len(self.outcomes[0].projection.months)

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(self.months - 1, self.cursor + step))
        self.query_one("#compare-chart", Static).update(self._chart())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._plan(event.value)

    def _plan(self, text: str) -> None:
        """The planner: show the latest day to settle that still reopens Jiebei in time."""
        assert self.planner is not None
        self._planned = text
        lang = self.lang
        result = self.query_one("#plan-result", Static)
        try:
            target = read_day(text)  # the forms' and the CLI's own date check
        except InputError as exc:
            result.update(f"[$error]{escape(refusal_words(exc, lang))}[/]")
            return
        try:
            plan = self.planner(target)
        except (EditError, InputError) as exc:  # a date the model cannot take
            result.update(f"[$error]{escape(refusal_words(exc, lang))}[/]")
            return
        if plan.reachable:
            words = tr(lang, "plan_ok", target=target, settle_by=plan.settle_by,
                       reopens=plan.reopens_on)
            result.update(f"[$success]{escape(words)}[/]")
        else:
            why = plan.why_zh if lang == "zh" else plan.why_en
            result.update(f"[$error]{escape(tr(lang, 'plan_no', target=target, why=why))}[/]")

    def _chart(self) -> str:
        lang = self.lang
        scores = [m.score_likely for o in self.outcomes for m in o.projection.months]
        low, high = min(scores), max(scores)
        top_limit = max(m.assessed_limit for o in self.outcomes for m in o.projection.months)
        dates = [m.date.isoformat() for m in self.outcomes[0].projection.months]
        at, cells, indent = self.cursor, self.cells, pad("", self.name_width)
        wide = not self.narrow or lang == "zh"
        lines = [f"[b]{tr(lang, 'score')} · {tr(lang, 'jiebei')}[/b] "
                 f"[$text-muted]({low}–{high})[/]",
                 f"[$text-muted]{indent}{ruler(dates, cells)}[/]",
                 f"{indent}{' ' * (cells * at)}[b $accent]{'▼' * cells}[/] "
                 f"[$text-muted]{dates[at][:7]} · {escape(tr(lang, 'cursor_keys'))}[/]"]
        for o in self.outcomes:
            name = escape(pad(clip(self.label(o), self.name_width - 1), self.name_width))
            months = o.projection.months
            here = months[at]  # what the cursor's month holds, named at each line's end
            # Narrow, in English: the state's one word, so the line fits in 80 columns.
            state = said(here.state, lang) if wide else here.state.value
            bars = marked(score_bars([m.score_likely for m in months], low, high, cells), at,
                          cells)
            lines.append(f"{name}[$accent]{bars}[/] [$text-muted]{tr(lang, 'score')}[/] "
                         f"[b]{here.score_likely}[/b]")
            limit = state_limit_bars([m.limit for m in months], [m.state for m in months],
                                     top_limit, at, cells)
            lines.append(f"{indent}{limit} [$text-muted]{tr(lang, 'limit_bar')}[/] "
                         f"[b]¥{here.limit:,.0f}[/b] · "
                         f"[{STATE_STYLE[here.state.value]}]{escape(state)}[/]")
        lines.append("  ".join(f"[{STATE_STYLE[s.value]}]█[/] {said(s, lang)}"
                               for s in JiebeiState))
        return "\n".join(lines)

    def action_close(self) -> None:
        """Esc in the planner leaves the planner (back to the table), not the comparison."""
        if isinstance(self.focused, Input):
            self.query_one("#compare-table", DataTable).focus()
            return
        self.dismiss(False)

    def action_page(self, direction: int) -> None:
        body = self.query_one(VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_keep(self) -> None:
        if self.choices:  # not branches already
            self.dismiss(True)
