"""The repayment choices for one event, side by side (settle today, in 30 or 90 days,
extend, never), with a planner; kept, each becomes a what-if branch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from model import Replace
from model.dates import add_months
from model.errors import AlreadySettled
from model.scenario import LATEST_DAY, Scenario
from model.whatif import Plan, compare, latest_settlement, standard_choices
from tui.bindings import Command, binding
from tui.features.base import Feature
from tui.i18n import tr

if TYPE_CHECKING:
    from tui.screens.compare import CompareScreen

BINDINGS = [binding("c", "compare", "event.compare")]
# Reached by keys inside the comparison (its planner field, k); the palette runs them here.
COMMANDS = [Command("choices.plan", "plan"), Command("choices.keep", "keep_choices")]


class Choices(Feature):
    def choice_label(self, name: str) -> str:
        return tr(self.lang, f"choice_{name}", days=self.session.policy.extension.days.value)

    def action_compare(self) -> None:
        if (opened := self.choices_screen()) is not None:
            self.app.push_screen(*opened)

    async def action_plan(self) -> None:
        """The comparison, with the planner's date field ready to type in."""
        from textual.widgets import Input

        if (opened := self.choices_screen()) is not None:
            await self.app.push_screen(*opened)
            opened[0].query_one("#plan-target", Input).focus()

    def action_keep_choices(self) -> None:
        event_id = self.selected_event
        if event_id is None:
            return
        s = self.session
        try:
            choices = standard_choices(s.scenario, event_id, s.as_of, s.policy)
        except AlreadySettled as exc:
            self.refuse_settled(exc)
            return
        self.keep_choices(event_id, choices)

    def choices_screen(self) -> tuple[CompareScreen, Callable[[bool | None], None]] | None:
        """The comparison of the highlighted event's choices and what to do when it
        closes (None if there is nothing to compare)."""
        from tui.screens.compare import CompareScreen

        event_id = self.selected_event
        if event_id is None:
            return None
        s = self.session
        event = s.scenario.event(event_id)
        try:
            choices = standard_choices(s.scenario, event_id, s.as_of, s.policy)
        except AlreadySettled as exc:
            self.refuse_settled(exc)
            return None
        outcomes = compare(choices, s.policy, s.as_of)
        title = tr(self.lang, "compare_title", event=event_id, amount=event.amount,
                   product=self.shown.product_name(event.account, self.lang), due=event.due)
        scenario, policy, today = s.scenario, s.policy, s.as_of

        def planner(target: date) -> Plan:
            return latest_settlement(scenario, event_id, target, policy, today)

        def keep(yes: bool | None) -> None:
            if yes:
                self.keep_choices(event_id, choices)

        labels = {name: self.choice_label(name) for name in choices}
        screen = CompareScreen(title, self.lang, outcomes, labels=labels, choices=True,
                               planner=planner,
                               target=min(add_months(today, 12), LATEST_DAY))
        return screen, keep

    def keep_choices(self, event_id: str, choices: dict[str, Scenario]) -> None:
        """Each standard choice becomes a branch (saved with the file), named in words;
        the screen comes back to the branch it was on, drawn once."""
        s = self.session
        home = s.branch
        with s.batch():
            for name, scenario in choices.items():
                label = f"{event_id}: {self.choice_label(name)}"
                if label in s.branch_names:
                    continue
                s.fork(label)
                s.apply(Replace(scenario, label))
            s.switch(home)
        self.notify(tr(self.lang, "kept_branches", count=len(choices)))
