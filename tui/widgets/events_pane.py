"""Overdue events: the table the user edits. Keys act on the highlighted row."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.widgets import Static

from tui.i18n import STATUS, tr
from tui.view import View
from tui.widgets.base import Pane
from tui.widgets.events_table import Cell, EventsTable, Row
from tui.widgets.style import STATUS_STYLE, code_style

# The purge date of each record is in the credit report pane, beside its codes.
COLUMNS = ("event", "product", "amount", "due", "settled", "status", "days", "code")


@runtime_checkable
class NamesKeys(Protocol):
    """The app, which knows the keys a keymap moved (``JiebeiApp.keys_named``)."""

    def keys_named(self, words: str, **ids: str) -> tuple[str, dict[str, object]]: ...


class EventsPane(Pane):
    TITLE_KEY = "events"

    def compose(self) -> ComposeResult:
        yield EventsTable(id="events-table")
        yield Static(id="events-empty")

    @property
    def table(self) -> EventsTable:
        return self.query_one("#events-table", EventsTable)

    @property
    def selected_event(self) -> str | None:
        return self.table.selected_key

    def show(self, view: View, lang: str) -> None:
        events = {e.id: e for e in view.scenario.overdues}
        rows = []
        for status in view.assessment.events:
            src = events[status.id]
            settled = (src.settled.isoformat() if src.settled
                       else tr(lang, "unsettled"))
            if src.settled and src.settled > view.as_of:
                settled += "*"  # a planned settlement
            rows.append(Row(status.id, (
                Cell(status.id),
                Cell(view.product_name(status.account, lang)),
                Cell(f"{src.amount:,.0f}", right=True),
                Cell(src.due.isoformat()),
                Cell(settled, "" if src.settled else "$error"),
                Cell(STATUS[lang].get(status.status, status.status),
                     STATUS_STYLE.get(status.status, "")),
                Cell(str(status.days_overdue), right=True),
                Cell(status.pboc_code, code_style(status.pboc_code)),
            )))
        self.table.show(tuple(tr(lang, key) for key in COLUMNS), tuple(rows))
        # Empty, the table is its header alone, and the hint shows under it.
        self.table.set_class(not rows, "-empty")
        self.query_one("#events-empty", Static).display = not rows
        if not rows:
            self.put("#events-empty", self._empty_words(lang))

    def _empty_words(self, lang: str) -> str:
        """The hint under an empty table, naming the key that adds an event now."""
        if isinstance(self.app, NamesKeys):
            words, keys = self.app.keys_named("no_events", keys="event.add")
            return tr(lang, words, **keys)
        return tr(lang, "no_events")

    def keys_moved(self) -> None:
        """A keymap was applied (after the first screen): the hint names its keys."""
        self._refresh_pane()
