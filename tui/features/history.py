"""Moving through versions and through time: undo and redo the edits of this branch;
step the as-of date a month back or forward, or back to the scenario's own date."""

from __future__ import annotations

from model import EditError
from tui.bindings import Can, Refusal, binding
from tui.features.base import Feature
from tui.i18n import refusal_words, tr

BINDINGS = [
    binding("ctrl+z,u", "undo", "history.undo", key_display="^z"),
    binding("ctrl+y,r", "redo", "history.redo", show=False, key_display="^y"),
    binding("left_square_bracket", "month(-1)", "time.back", key_display="["),
    binding("right_square_bracket", "month(1)", "time.forward", key_display="]"),
    binding("equals_sign", "reset_date", "time.reset", show=False, key_display="="),
]


class History(Feature):
    def can_undo(self) -> Can:
        return True if self.shown.can_undo else Refusal("nothing_undo")

    def can_redo(self) -> Can:
        return True if self.shown.can_redo else Refusal("nothing_redo")

    def can_reset_date(self) -> Can:
        if self.shown.at_scenario_date:
            return Refusal("why_at_scenario_date", {"day": self.shown.as_of})
        return True

    def action_undo(self) -> None:
        if not self.session.undo():
            self.notify(tr(self.lang, "nothing_undo"))

    def action_redo(self) -> None:
        if not self.session.redo():
            self.notify(tr(self.lang, "nothing_redo"))

    def action_month(self, months: int) -> None:
        try:
            self.session.step_months(months)
        except EditError as exc:
            self.notify(refusal_words(exc, self.lang), severity="error")

    def action_reset_date(self) -> None:
        self.session.reset_as_of()
