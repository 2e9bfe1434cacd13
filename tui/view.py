"""What the panes mirror: one immutable snapshot of the session, set as one reactive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from model.assessment import Assessment, Projection
from model.io import MAIN_BRANCH
from model.policy import Policy
from model.scenario import Scenario
from model.session import SessionState
from tui.i18n import said


class Later:
    """A projection made on first use, then kept: the months ahead feed only the score's
    chart, which can be drawn a frame after the answer (see ScorePane)."""

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], Projection]) -> None:
        self._make = make
        self._value: Projection | None = None

    @property
    def ready(self) -> bool:
        return self._value is not None

    def get(self) -> Projection:
        if self._value is None:
            self._value = self._make()
        return self._value


@dataclass(frozen=True, slots=True)
class View:
    """One ``SessionState`` as the panes read it, with the months ahead made on first use."""

    scenario: Scenario
    assessment: Assessment
    months: Later = field(repr=False)
    policy: Policy
    dirty: bool
    branch: str = MAIN_BRANCH
    branch_names: tuple[str, ...] = (MAIN_BRANCH,)
    can_undo: bool = False
    can_redo: bool = False

    @classmethod
    def of(cls, state: SessionState) -> View:
        return cls(scenario=state.scenario, assessment=state.assessment,
                   months=Later(state.months), policy=state.policy, dirty=state.dirty,
                   branch=state.branch, branch_names=state.branch_names,
                   can_undo=state.can_undo, can_redo=state.can_redo)

    @property
    def projection(self) -> Projection:
        return self.months.get()

    @property
    def as_of(self) -> date:
        return self.assessment.as_of

    @property
    def at_scenario_date(self) -> bool:
        return self.as_of == self.scenario.as_of

    def product_name(self, account_id: str, lang: str) -> str:
        product = self.policy.catalog[self.scenario.account(account_id).product]
        return said(product, lang)
