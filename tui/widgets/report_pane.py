"""The credit report: 24 months of PBOC codes per account, and each record's purge date."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.i18n import tr
from tui.markup import escape
from tui.textwidth import pad
from tui.view import View
from tui.widgets.base import Pane
from tui.widgets.markup_lines import Cells, Line, MarkupLines
from tui.widgets.style import code_style

NAME_WIDTH = 12


def month_ruler(months: tuple[str, ...]) -> str:
    """Year-month labels every six months, over a grid of two cells per month."""
    cells = [" "] * (2 * len(months) + 8)
    for i, key in enumerate(months):
        if i % 6 == 0:
            label = key[2:]  # 26-09
            for j, ch in enumerate(label):
                cells[2 * i + j] = ch
    return "".join(cells).rstrip()


class ReportGrid(MarkupLines, can_focus=True):
    """The report's rows; focused, the scroll keys move them."""


class ReportPane(Pane):
    TITLE_KEY = "report"

    def compose(self) -> ComposeResult:
        yield ReportGrid(id="report-grid")

    def show(self, view: View, lang: str) -> None:
        r = view.assessment.report
        lines: list[Line] = [
            f"[$text-muted]{pad(tr(lang, 'month'), NAME_WIDTH)}{month_ruler(r.months)}[/]"]
        for account, codes in r.grid.items():
            # A month step shifts each row by a month: its pieces are drawn already.
            name = escape(pad(view.product_name(account, lang), NAME_WIDTH))
            cells = [f"[{code_style(c)}]{c}[/] " for c in codes]
            if cells:
                cells[-1] = cells[-1][:-1]
            lines.append(Cells((name, *cells)))
        flag = "$error" if r.lsll_triggered else "$success"
        state = tr(lang, "triggered" if r.lsll_triggered else "not_triggered")
        lines.append(
            f"{tr(lang, 'lsll')}: {tr(lang, 'consecutive')} {r.consecutive} · "
            f"{tr(lang, 'cumulative')} {r.cumulative} · [{flag}]{state}[/]"
        )
        for rec in r.records:
            purge = (f"{tr(lang, 'purge')} [bold]{rec.purge_on}[/]" if rec.purge_on
                     else f"[bold]{tr(lang, 'purge_never')}[/]")
            special = f" [$warning]{tr(lang, 'extension')}[/]" if rec.special else ""
            lines.append(
                f"[$text-muted]{escape(rec.event)}[/] {view.product_name(rec.account, lang)}"
                f"{special} · {tr(lang, 'upload')} {rec.on_report_from} · "
                f"{purge}"
            )
        lines.append(f"[$text-muted]{escape(tr(lang, 'code_legend'))}[/]")
        self.query_one("#report-grid", MarkupLines).set_lines(lines)
