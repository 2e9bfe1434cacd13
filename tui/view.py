"""What the panes mirror: one immutable snapshot of the session, set as one reactive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from model.assessment import Assessment, Projection
from model.policy import Policy
from model.scenario import Scenario


@dataclass(frozen=True, slots=True)
class View:
    scenario: Scenario
    assessment: Assessment
    projection: Projection
    policy: Policy
    dirty: bool

    @property
    def as_of(self) -> date:
        return self.assessment.as_of

    def product_name(self, account_id: str, lang: str) -> str:
        product = self.policy.catalog[self.scenario.account(account_id).product]
        return product.zh if lang == "zh" else product.en
