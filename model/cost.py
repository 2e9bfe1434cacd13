"""What a plan costs beyond the debt itself (DOMAIN.md §8): penalty interest and fees."""

from __future__ import annotations

from collections.abc import Sequence

from model.assessment import Cost
from model.facts import NEVER, EventFacts


def event_interest(f: EventFacts, t: int) -> float:
    """Penalty interest on the overdue amount for every day overdue under the plan.

    A spell settled within grace costs nothing; a planned settlement counts in full; an
    unsettled spell counts up to day ``t`` and keeps growing.
    """
    days = 0
    for spell in f.spells:
        if not spell.reportable:
            continue
        end = spell.end if spell.end < NEVER else t
        days += max(0, end - spell.start)
    return f.event.amount * f.interest_rate * days


def plan_cost(facts: Sequence[EventFacts], t: int) -> Cost:
    interest = 0.0
    fees = 0.0
    open_ended = False
    for f in facts:
        interest += event_interest(f, t)
        fees += f.fee
        open_ended = open_ended or f.never_settled
    return Cost(penalty_interest=interest, fees=fees, open_ended=open_ended)
