"""Overdue events: the table the user edits. Keys act on the highlighted row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui.i18n import STATUS, tr
from tui.view import View
from tui.widgets.base import Pane
from tui.widgets.style import STATUS_STYLE, code_style, rich_style

# The purge date of each record is in the credit report pane, beside its codes.
COLUMNS = ("event", "product", "amount", "due", "settled", "status", "days", "code")


class EventsPane(Pane):
    TITLE_KEY = "events"
    _shown: object = None  # what the table was last filled with

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(id="events-table", cursor_type="row",
                                           zebra_stripes=True)
        yield table
        yield Static(id="events-empty")

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#events-table", DataTable)

    @property
    def selected_event(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value)

    def show(self, view: View, lang: str) -> None:
        theme = self.app.get_css_variables()
        events = {e.id: e for e in view.scenario.overdues}
        rows = []
        for status in view.assessment.events:
            src = events[status.id]
            settled = (src.settled.isoformat() if src.settled
                       else tr(lang, "unsettled"))
            if src.settled and src.settled > view.as_of:
                settled += "*"  # a planned settlement
            words = STATUS[lang].get(status.status, status.status)
            rows.append((status.id, (
                Text(status.id),
                Text(view.product_name(status.account, lang)),
                Text(f"{src.amount:,.0f}", justify="right"),
                Text(src.due.isoformat()),
                Text(settled, style="" if src.settled else rich_style(theme, "$error")),
                Text(words, style=rich_style(theme, STATUS_STYLE.get(status.status, ""))),
                Text(str(status.days_overdue), justify="right"),
                Text(status.pboc_code, style=rich_style(theme, code_style(status.pboc_code))),
            )))
        # Only what changed is redrawn (a month step often changes nothing here, an edit
        # one row); Text equality ignores the base style and justification, so compare
        # those too.
        shown = (lang, [(key, [(t.plain, t.style, t.justify) for t in cells])
                        for key, cells in rows])
        if shown != self._shown:
            before, self._shown = self._shown, shown
            if isinstance(before, tuple) and self._same_rows(before, shown):
                self._update_cells(before, shown, rows)
            else:
                self._fill(rows, lang)
        empty = self.query_one("#events-empty", Static)
        empty.display = not rows
        self.put("#events-empty", tr(lang, "no_events"))

    @staticmethod
    def _same_rows(before: tuple[str, list[Any]], shown: tuple[str, list[Any]]) -> bool:
        """The same language and the same events in the same order: cells can be updated
        in place (rebuilding lays out every row of the table again)."""
        return before[0] == shown[0] and [k for k, _ in before[1]] == [k for k, _ in shown[1]]

    def _update_cells(self, before: tuple[str, list[Any]], shown: tuple[str, list[Any]],
                      rows: Sequence[tuple[str, tuple[Text, ...]]]) -> None:
        table = self.table
        for (key, old), (_, new), (_, cells) in zip(before[1], shown[1], rows, strict=True):
            for column, was, now, cell in zip(COLUMNS, old, new, cells, strict=True):
                if was != now:
                    # a wider cell (a date in place of "unpaid") widens its column
                    table.update_cell(key, column, cell, update_width=True)

    def _fill(self, rows: Sequence[tuple[str, tuple[Text, ...]]], lang: str) -> None:
        table = self.table
        keep = self.selected_event
        keep_row = table.cursor_row
        table.clear(columns=True)
        for key in COLUMNS:
            table.add_column(Text(tr(lang, key)), key=key)
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if keep is not None and any(key == keep for key, _ in rows):
            table.move_cursor(row=table.get_row_index(keep))
        elif table.row_count:
            table.move_cursor(row=min(keep_row, table.row_count - 1))
