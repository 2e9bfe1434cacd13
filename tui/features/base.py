"""What every feature of the main screen uses: the session, the view and the language,
one way to apply an edit, and one way to edit through a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from model import EditError, InputError, Session
from model.edits import Edit
from model.errors import AlreadySettled
from tui.i18n import refusal_words, tr
from tui.view import View
from tui.widgets.events_pane import EventsPane

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.app import JiebeiApp

    _Screen = Screen[None]
else:
    _Screen = object

# A form's dry run: the model's refusal (its problems field by field), or None.
Check = Callable[[dict[str, Any]], "InputError | None"]
FormData = dict[str, Any] | None  # what a form returns: its fields, or None if cancelled


class Feature(_Screen):
    """A mixin of the main screen. (For the type checker it is a Screen; at run time a
    plain class, so MainScreen's one Screen base gives every feature the same screen.)"""

    view: View | None
    lang: str

    @property
    def jiebei(self) -> JiebeiApp:
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session:
        return self.jiebei.session

    @property
    def shown(self) -> View:
        """The view on screen (there is one from the first mount on)."""
        assert self.view is not None
        return self.view

    @property
    def selected_event(self) -> str | None:
        """The event highlighted in the events table, which the event keys act on."""
        return self.query_one(EventsPane).selected_event

    def apply_edit(self, edit: Edit) -> bool:
        """Apply an edit to the session; a refusal is a notice, never an error."""
        try:
            self.session.apply(edit)
        except AlreadySettled as exc:
            self.refuse_settled(exc)
            return False
        except EditError as exc:
            self.notify(refusal_words(exc, self.lang), severity="error")
            return False
        return True

    def edit_in_form(self, make: Callable[[dict[str, Any]], Edit],
                     form: Callable[[Check], Screen[FormData]],
                     then: Callable[[], object] | None = None) -> None:
        """Open the form ``form(check)`` makes; every try is checked as the edit ``make``
        builds from the fields (a dry run, so errors show in the form), and Save applies
        that same edit. ``then`` runs once it is applied."""
        def check(data: dict[str, Any]) -> InputError | None:
            return self.session.refusal(make(data))

        def done(data: FormData) -> None:
            if data is not None and self.apply_edit(make(data)) and then is not None:
                then()

        self.app.push_screen(form(check), done)

    def refuse_settled(self, exc: AlreadySettled) -> None:
        """History is not a choice: say when it was paid and how to change that."""
        self.notify(tr(self.lang, "already_settled", event=exc.event_id, day=exc.settled),
                    severity="warning")
