"""The overdue events: add, edit, settle today, extend, delete. Each acts on the event
highlighted in the events table."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from model import AddEvent, ExtendEvent, RemoveEvent, SettleEvent, UpdateEvent
from model.edits import Edit, refuse_if_settled
from model.errors import AlreadySettled, EditError
from model.whatif import standard_extension
from tui.bindings import Can, Refusal, binding
from tui.features.base import Feature
from tui.i18n import refusal_words, tr
from tui.numbers import exact_number
from tui.widgets.events_pane import EventsPane
from tui.widgets.events_table import EventsTable

BINDINGS = [
    binding("a", "add_event", "event.add"),
    binding("e", "edit_event", "event.edit"),
    binding("s", "settle_today", "event.settle"),
    binding("x", "extend", "event.extend"),
    binding("d,delete", "delete_event", "event.delete", key_display="d"),
]

# Shown dimmed while no event is highlighted; pressed, they say why.
ON_AN_EVENT = {"edit_event", "settle_today", "extend", "delete_event", "compare", "plan",
               "keep_choices"}


class Events(Feature):
    def needs_an_event(self) -> Can:
        """Whether the keys of ``ON_AN_EVENT`` have an event to act on."""
        if self.selected_event is not None:
            return True
        if not self.session.scenario.overdues:
            return Refusal("why_no_event", {"keys": self.jiebei.keys_of("event.add")})
        return Refusal("why_no_selection")

    def account_choices(self) -> list[tuple[str, str]]:
        view = self.shown
        return [(f"{view.product_name(a.id, self.lang)} ({a.id})", a.id)
                for a in view.scenario.accounts]

    def _new_event_id(self) -> str:
        taken = {e.id for e in self.session.scenario.overdues}
        n = len(taken) + 1
        while f"e{n}" in taken:
            n += 1
        return f"e{n}"

    def action_add_event(self) -> None:
        from tui.screens.forms import EventForm

        if not self.session.scenario.accounts:
            self.notify(tr(self.lang, "no_jiebei"), severity="warning")
            return
        event_id = self._new_event_id()
        accounts = self.account_choices()
        default = next((a for _, a in accounts if a == "fenqile"), accounts[0][1])
        initial = {"account": default, "due": (self.session.as_of - timedelta(days=30))}

        def make(data: dict[str, Any]) -> Edit:
            return AddEvent({"id": event_id, **data})

        def highlight_it() -> None:
            table = self.query_one(EventsPane).table
            table.move_cursor(row=table.get_row_index(event_id))

        self.edit_in_form(make, lambda check: EventForm(
            tr(self.lang, "add_event"), self.lang, check, accounts, initial), highlight_it)

    def action_edit_event(self) -> None:
        from tui.screens.forms import EventForm

        event_id = self.selected_event
        if event_id is None:
            return
        event = self.session.scenario.event(event_id)
        initial = {"account": event.account, "amount": exact_number(event.amount),
                   "due": event.due, "settled": event.settled}

        def make(data: dict[str, Any]) -> Edit:
            return UpdateEvent(event_id, data)

        self.edit_in_form(make, lambda check: EventForm(
            f"{tr(self.lang, 'edit_event')} · {event_id}", self.lang, check,
            self.account_choices(), initial))

    def on_events_table_row_selected(self, event: EventsTable.RowSelected) -> None:
        """Enter on an event, or a click on the highlighted one: edit it."""
        self.action_edit_event()

    def action_settle_today(self) -> None:
        event_id = self.selected_event
        if event_id is not None:
            self.apply_edit(SettleEvent(event_id))

    def action_extend(self) -> None:
        """Agree an extension, or look again at the one agreed: the form starts from the
        event's own extension, else from the policy's standard one agreed today."""
        from tui.screens.forms import ExtensionForm

        event_id = self.selected_event
        if event_id is None:
            return
        s = self.session
        try:  # settled, with or without an extension: history, as s and c say
            refuse_if_settled(s.scenario, event_id, s.as_of)
        except AlreadySettled as exc:
            self.refuse_settled(exc)
            return
        extension = s.scenario.event(event_id).extension
        if extension is None:
            try:
                extension = standard_extension(s.scenario, event_id, s.as_of, s.policy)
            except EditError as exc:  # due again past the calendar's end
                days = s.policy.extension.days.value
                said = tr(self.lang, "choice_extension", days=days)
                self.notify(f"{said}{tr(self.lang, 'colon')}{refusal_words(exc, self.lang)}",
                            severity="error")
                return

        def make(data: dict[str, Any]) -> Edit:
            return ExtendEvent(event_id, data)

        agreed = extension
        self.edit_in_form(make, lambda check: ExtensionForm(
            f"{tr(self.lang, 'extension_title')} · {event_id}", self.lang, check, agreed))

    def action_delete_event(self) -> None:
        from tui.screens.dialogs import Confirm

        event_id = self.selected_event
        if event_id is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.apply_edit(RemoveEvent(event_id))

        self.app.push_screen(Confirm(tr(self.lang, "confirm_delete", event=event_id),
                                     tr(self.lang, "delete"), tr(self.lang, "cancel")), done)
