"""What a plan costs beyond the debt itself: penalty interest and fees (model/README.md §7).

Two figures, because they differ whenever the plan has dates still to come: *so far*
(what has accrued by the as-of day) and *this plan's total* (up to the plan's last
settlement). An event the plan never settles has no total: its figure is a floor.
"""

from __future__ import annotations

from collections.abc import Sequence

from model.assessment import Cost
from model.facts import NEVER, EventFacts


def _interest_days(f: EventFacts, t: int, until_plan_ends: bool) -> int:
    """Days penalty interest runs: from the day after the due date in force to the end of
    each spell (none for a spell the plan settles within grace). An extension's spell
    ends on the day it is agreed, so its interest stops there."""
    days = 0
    for spell in f.spells:
        if not spell.reportable:
            continue
        end = spell.end if until_plan_ends and spell.end < NEVER else min(spell.end, t)
        days += max(0, end - spell.start)
    return days


def event_interest(f: EventFacts, t: int) -> float:
    """This plan's interest for one event (a floor, up to ``t``, while it is never settled)."""
    return f.event.amount * f.interest_rate * _interest_days(f, t, until_plan_ends=True)


def event_interest_so_far(f: EventFacts, t: int) -> float:
    return f.event.amount * f.interest_rate * _interest_days(f, t, until_plan_ends=False)


def accruing_on(f: EventFacts, t: int) -> bool:
    """Interest is running on day ``t``: a spell is open and not one the plan settles
    within grace."""
    return any(s.reportable and s.start < t < s.end for s in f.spells)


def plan_cost(facts: Sequence[EventFacts], t: int) -> Cost:
    interest = interest_so_far = fees = fees_so_far = per_day = 0.0
    open_ended = False
    for f in facts:
        interest += event_interest(f, t)
        interest_so_far += event_interest_so_far(f, t)
        ext = f.event.extension
        if ext is not None:
            fees += ext.fee
            if ext.agreed.toordinal() <= t:  # charged once, on the day it is agreed
                fees_so_far += ext.fee
        if accruing_on(f, t):
            per_day += f.event.amount * f.interest_rate
        open_ended = open_ended or f.never_settled
    return Cost(penalty_interest=interest, fees=fees, interest_so_far=interest_so_far,
                fees_so_far=fees_so_far, growing_per_day=per_day, open_ended=open_ended)


def so_far_total(facts: Sequence[EventFacts], t: int) -> float:
    """What has been spent by day ``t`` (``plan_cost(...).so_far``, without the rest): a
    projection asks it once a month."""
    interest = fees = 0.0  # summed as plan_cost sums them, to the last bit
    for f in facts:
        interest += event_interest_so_far(f, t)
        ext = f.event.extension
        if ext is not None and ext.agreed.toordinal() <= t:
            fees += ext.fee
    return interest + fees
