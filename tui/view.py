"""What the panes mirror: one immutable snapshot of the session, set as one reactive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from model.assessment import Assessment, Projection
from model.policy import Policy
from model.scenario import Scenario


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
    scenario: Scenario
    assessment: Assessment
    months: Later = field(repr=False)
    policy: Policy
    dirty: bool

    @property
    def projection(self) -> Projection:
        return self.months.get()

    @property
    def as_of(self) -> date:
        return self.assessment.as_of

    def product_name(self, account_id: str, lang: str) -> str:
        product = self.policy.catalog[self.scenario.account(account_id).product]
        return product.zh if lang == "zh" else product.en
