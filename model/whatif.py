"""What-if tools: the standard repayment choices, their comparison, and the planner.

All pure: they build scenarios with the same edits the session uses and ask the same
engine, so a comparison never disagrees with what the panes show for a branch.
model/README.md §8: every choice shows its total extra cost next to its reopen date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from model.assessment import JiebeiState, Projection
from model.edits import (
    Batch,
    Edit,
    ExtendEvent,
    LeaveUnpaid,
    SettleEvent,
    refuse_if_settled,
    validated,
)
from model.engine import assess, project
from model.errors import EditError
from model.policy import Policy, default_policy
from model.rules import rules_for
from model.scenario import LATEST_DAY, Extension, Scenario

COMPARE_MONTHS = 24


def standard_extension(scenario: Scenario, event_id: str, as_of: date,
                       policy: Policy | None = None) -> Extension:
    """The extension the policy describes, agreed on ``as_of`` (model/README.md §8): due
    again ``extension.days`` later, for ``extension.fee_rate`` of the amount, charged once.

    ``EditError`` (naming ``new_due``) when that day is past the calendar's last
    (``LATEST_DAY``): the simulator cannot hold it, as an edit could not."""
    rules = rules_for(policy or default_policy())
    amount = scenario.event(event_id).amount
    return validated(Extension, {"agreed": as_of,
                                 "new_due": as_of + timedelta(days=rules.extension_days),
                                 "fee": round(rules.extension_fee_rate * amount, 2)},
                     f"the standard extension of {event_id}")


def standard_choices(scenario: Scenario, event_id: str, as_of: date,
                     policy: Policy | None = None) -> dict[str, Scenario]:
    """Settle today, in 30 days, in 90 days, agree the standard extension today (and pay
    on its new due date), or never (model/README.md §8).

    An event already settled on ``as_of`` has no choices: ``AlreadySettled`` is raised.
    Choices that the event's dates make impossible (settling before it is due, or after
    the last day the simulator covers) are left out rather than invented; so is a second
    extension of an event already extended (a file holds one extension per event, and
    replacing it would rewrite history). An extension agreed after ``as_of`` is only a
    plan: the choices start without it.
    """
    event = refuse_if_settled(scenario, event_id, as_of)
    planned = _planned_extension(scenario, event_id, as_of)
    plans: dict[str, Edit] = {
        "settle-today": SettleEvent(event_id, as_of),
        "settle-30-days": SettleEvent(event_id, as_of + timedelta(days=30)),
        "settle-90-days": SettleEvent(event_id, as_of + timedelta(days=90)),
        "never": LeaveUnpaid(event_id),
    }
    if event.extension is None or planned:
        try:
            extension = standard_extension(scenario, event_id, as_of, policy)
        except EditError:  # due again past the calendar's end: left out, like the rest
            pass
        else:
            plans["extension"] = Batch((ExtendEvent(event_id, extension),
                                        SettleEvent(event_id, extension.new_due)))
    order = ("settle-today", "settle-30-days", "settle-90-days", "extension", "never")
    plans = {name: plans[name] for name in order if name in plans}
    base = _unplanned(scenario, event_id, as_of)  # every choice starts unpaid, unplanned
    out: dict[str, Scenario] = {}
    for name, edit in plans.items():
        try:
            out[name] = edit.apply_to(base, as_of)
        except EditError:
            continue
    return out


def _planned_extension(scenario: Scenario, event_id: str, as_of: date) -> bool:
    """An extension agreed after the as-of date is a plan, not history."""
    extension = scenario.event(event_id).extension
    return extension is not None and extension.agreed > as_of


def _unplanned(scenario: Scenario, event_id: str, as_of: date) -> Scenario:
    """The event as every plan starts it: unpaid, and without an extension still only
    planned (a plan of its own from today replaces it; settling before its day would
    otherwise contradict it)."""
    start: list[Edit] = [LeaveUnpaid(event_id)]
    if _planned_extension(scenario, event_id, as_of):
        start.append(ExtendEvent(event_id, None))
    return Batch(tuple(start), "start a plan").apply_to(scenario, as_of)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One branch at a glance: the row of the comparison table, and its timeline."""

    name: str
    state: JiebeiState
    reopen: str  # now | on_date | never
    reopens_on: date | None
    cost: float
    cost_open_ended: bool
    score_now: int
    projection: Projection

    def score_in(self, months: int) -> int:
        """The likely score ``months`` ahead (the last month projected, past its end)."""
        ahead = self.projection.months
        return ahead[min(months, len(ahead) - 1)].score_likely

    @property
    def score_6_months(self) -> int:
        return self.score_in(6)

    @property
    def score_12_months(self) -> int:
        return self.score_in(12)


def compare(branches: Mapping[str, Scenario], policy: Policy | None = None,
            as_of: date | None = None, months: int = COMPARE_MONTHS) -> list[Outcome]:
    """Each branch assessed on the same day and projected over the same months."""
    policy = policy or default_policy()
    out = []
    for name, scenario in branches.items():
        day = as_of or scenario.as_of
        a = assess(scenario, policy, day)
        p = project(scenario, policy, months, day)
        out.append(Outcome(
            name=name,
            state=a.jiebei.state,
            reopen=a.jiebei.reopen,
            reopens_on=a.jiebei.reopens_on,
            cost=a.cost.total,
            cost_open_ended=a.cost.open_ended,
            score_now=a.score.likely,
            projection=p,
        ))
    return out


@dataclass(frozen=True, slots=True)
class Plan:
    """The planner's answer: the latest settlement day that still reopens Jiebei by the
    target date, or why no such day exists."""

    reachable: bool
    settle_by: date | None
    reopens_on: date | None
    why_en: str = ""
    why_zh: str = ""


def latest_settlement(scenario: Scenario, event_id: str, target: date,
                      policy: Policy | None = None, as_of: date | None = None) -> Plan:
    """Binary search over settlement days: settling earlier never reopens later
    (model/README.md §11), so the days that reach the target form one stretch from ``as_of``."""
    policy = policy or default_policy()
    today = as_of or scenario.as_of
    event = refuse_if_settled(scenario, event_id, today)
    first = max(today, event.due)
    start = _unplanned(scenario, event_id, today)

    def reopens(day: date) -> date | None:
        settled = SettleEvent(event_id, day).apply_to(start, today)
        a = assess(settled, policy, today)
        if a.jiebei.reopen == "now":
            return today
        return a.jiebei.reopens_on if a.jiebei.reopen == "on_date" else None

    def in_time(day: date) -> bool:
        when = reopens(day)
        return when is not None and when <= target

    if target < today:
        return Plan(False, None, None, "the target date is already past",
                    "目标日期已经过去")
    if target > LATEST_DAY:
        return Plan(False, None, None,
                    f"the target is after {LATEST_DAY.year}, the last year this simulator covers",
                    f"目标日期晚于 {LATEST_DAY.year} 年,超出本模拟器的范围")
    if not in_time(first):
        when = reopens(first)
        if when is None:
            return Plan(False, None, None,
                        "even settling today does not reopen Jiebei under this plan "
                        "(another unpaid overdue or the score keeps it shut)",
                        "即使今天结清,按当前计划借呗也不会恢复(还有其他未还逾期或信用分过低)")
        return Plan(False, None, when,
                    f"even settling today, Jiebei reopens only on {when}",
                    f"即使今天结清,借呗也要到 {when} 才恢复")
    lo, hi = first, target  # in_time(lo); find the last such day up to the target
    if in_time(hi):
        return Plan(True, hi, reopens(hi))
    while (hi - lo).days > 1:
        mid = lo + timedelta(days=(hi - lo).days // 2)
        if in_time(mid):
            lo = mid
        else:
            hi = mid
    return Plan(True, lo, reopens(lo))
