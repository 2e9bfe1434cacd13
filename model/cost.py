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
    """The plan's cost; an unpaid event counts so far and adds ``growing_per_day`` more
    each day, so "leave unpaid" never looks cheaper than a dated settlement."""
    interest = 0.0
    fees = 0.0
    per_day = 0.0
    for f in facts:
        interest += event_interest(f, t)
        fees += f.fee
        if any(s.end == NEVER and s.reportable for s in f.spells):
            per_day += f.event.amount * f.interest_rate
    return Cost(penalty_interest=interest, fees=fees, growing_per_day=per_day)
