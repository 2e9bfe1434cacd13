"""The engine: ``assess`` and ``project``. Pure functions: no I/O, no clock.

The as-of date is an input; everything time-dependent (days overdue, codes, decay) is
derived from it, so the same inputs always give the same answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from model.assessment import (
    AccountStatus,
    Assessment,
    EventStatus,
    JiebeiState,
    JiebeiView,
    MonthPoint,
    Projection,
    ReportView,
    ScoreView,
)
from model.cost import event_interest, event_interest_so_far, plan_cost, so_far_total
from model.dates import add_months, month_index
from model.explain import Namer, available_reason, jiebei_reasons, notices, score_reasons
from model.facts import NEVER, EventFacts, scenario_facts, seen_from
from model.jiebei import Standing, assessed_limit, findings_at, reopen, state_of
from model.policy import Policy, default_policy
from model.report import all_event_codes, lsll_check, report_grid, report_records
from model.rules import Rules, rules_for
from model.scenario import Scenario
from model.score import estimate_score
from model.validation import check_against_policy

# Account status precedence, worst first.
_ACCOUNT_ORDER = ("overdue", "in_grace", "extended", "settled")


def _standing(scenario: Scenario, rules: Rules) -> tuple[Standing, float]:
    jiebei = next((a for a in scenario.accounts if a.product == "jiebei"), None)
    proof = scenario.profile.income_proof
    standing = Standing(
        base_score=scenario.profile.base_score,
        income_proof_from=(None if proof is False else 0 if proof is True
                           else proof.toordinal()),
        base_limit=jiebei.limit if jiebei is not None else None,
        reassessment_days=rules.reassessment_days,
        applications=scenario.profile.recent_applications,
        applications_until=add_months(scenario.as_of, rules.applications_months).toordinal(),
    )
    return standing, (jiebei.balance if jiebei is not None else 0.0)


def _prepare(scenario: Scenario, policy: Policy | None) -> tuple[Rules, tuple[EventFacts, ...]]:
    policy = policy or default_policy()
    check_against_policy(scenario, policy)
    rules = rules_for(policy)
    return rules, scenario_facts(scenario, rules)


def assess(scenario: Scenario, policy: Policy | None = None, as_of: date | None = None
           ) -> Assessment:
    """Everything the app shows for one day: score, Jiebei, accounts, report, cost, why."""
    rules, facts = _prepare(scenario, policy)
    day = as_of or scenario.as_of
    t = day.toordinal()
    standing, jiebei_balance = _standing(scenario, rules)
    base = standing.base_score

    applications = standing.applications_on(t)
    score = estimate_score(facts, t, base, standing.proof_on(t), rules, applications)
    lsll = lsll_check(facts, t, rules)
    found = findings_at(facts, t, score.likely, base, rules, lsll, applications)
    state = state_of(found)
    assessed = assessed_limit(facts, t, score.likely, standing, rules)
    usable = assessed if state.can_borrow else 0.0
    when = reopen(facts, t, standing, rules, available_now=state is JiebeiState.AVAILABLE)

    names = Namer(facts, t)
    reasons = tuple(r for f in found for r in jiebei_reasons(f, rules, names, base)) or (
        available_reason(rules),
    )
    jiebei = JiebeiView(
        state=state,
        limit=usable,
        assessed_limit=assessed,
        base_limit=standing.base_limit,
        available_to_borrow=max(0.0, usable - jiebei_balance),
        reopens_on=date.fromordinal(when.on) if when.on is not None else None,
        reopen=when.when,
        reasons=reasons,
        reopen_blocked_by=when.blocking,
    )
    score_view = ScoreView(
        low=score.low,
        likely=score.likely,
        high=score.high,
        tier=rules.tier(score.likely).id,
        base=base,
        reasons=score_reasons(score, rules, names),
    )

    codes = all_event_codes(facts, t, rules)
    months, grid = report_grid(scenario.accounts, facts, t, rules, codes)
    report = ReportView(
        months=months,
        grid={row.account: row.codes for row in grid},
        records=tuple(report_records(facts, t, codes)),
        consecutive=lsll.consecutive,
        cumulative=lsll.cumulative,
        lsll_triggered=lsll.triggered(rules),
    )
    this_month = month_index(day)
    events = tuple(_event_status(f, t, rules, codes[f.id].get(this_month, "N")) for f in facts)
    by_account: dict[str, list[EventStatus]] = {a.id: [] for a in scenario.accounts}
    for e in events:
        by_account[e.account].append(e)
    accounts = tuple(
        _account_status(a.id, a.product, a.limit, a.balance, by_account[a.id],
                        report.grid[a.id][-1], rules)
        for a in scenario.accounts
    )
    return Assessment(
        as_of=day,
        score=score_view,
        jiebei=jiebei,
        accounts=accounts,
        events=events,
        report=report,
        cost=plan_cost(facts, t),
        notices=notices(facts, t, rules, jiebei=standing.base_limit is not None),
    )


def project(scenario: Scenario, policy: Policy | None = None, months: int = 24,
            as_of: date | None = None, known: dict[date, MonthPoint] | None = None
            ) -> Projection:
    """Month by month from the as-of date (month 0) under the current plan.

    ``known``: the points already made for this same scenario and policy, by day (a
    month step moves the start by a month, so all but one are). Each point depends on
    its day alone, so they are taken as they are; the new ones are added to it."""
    if months < 0:
        raise ValueError("months must not be negative")
    start = as_of or scenario.as_of
    days = [add_months(start, k) for k in range(months + 1)]
    if known is not None and all(day in known for day in days):
        return Projection(tuple(known[day] for day in days))
    rules, facts = _prepare(scenario, policy)
    standing, _ = _standing(scenario, rules)
    seen = seen_from(facts, start.toordinal())  # all that the score and Jiebei read
    points = known if known is not None else {}
    for day in days:
        if day not in points:
            points[day] = _month_point(facts, seen, day, standing, rules)
    return Projection(tuple(points[day] for day in days))


def _month_point(facts: Sequence[EventFacts], seen: Sequence[EventFacts], day: date,
                 standing: Standing, rules: Rules) -> MonthPoint:
    """``seen``: the events Jiebei sees on some day from ``day`` on (``seen_from``)."""
    t = day.toordinal()
    applications = standing.applications_on(t)
    score = estimate_score(seen, t, standing.base_score, standing.proof_on(t), rules,
                           applications)
    state = state_of(findings_at(seen, t, score.likely, standing.base_score, rules,
                                 applications=applications))
    assessed = assessed_limit(seen, t, score.likely, standing, rules)
    return MonthPoint(
        date=day,
        score_low=score.low,
        score_likely=score.likely,
        score_high=score.high,
        tier=rules.tier(score.likely).id,
        state=state,
        limit=assessed if state.can_borrow else 0.0,
        assessed_limit=assessed,
        cost=so_far_total(facts, t),
    )


def _event_status(f: EventFacts, t: int, rules: Rules, code: str) -> EventStatus:
    """``code``: the event's report code for the as-of month ("N" when none)."""
    open_days = 0
    last_days = 0
    worst = 0
    open_spell = None
    started = False
    seen = uploaded = NEVER  # the first reportable spell's dates (NEVER: none)
    purge = 0  # the last reportable spell's purge (EventFacts.purge_on)
    # One pass, with Spell.days_at and Spell.open_at inlined: this runs for every event
    # of every assessment.
    for s in f.spells:
        reportable = s.reportable_from != NEVER
        if reportable:
            seen = min(seen, s.seen_by_ant_from)
            uploaded = min(uploaded, s.on_report_from)
            purge = max(purge, s.purge_on)
        if s.start >= t:
            continue
        started = True
        days = (s.end if s.end < t else t) - s.start  # ≥ 0: no spell ends before it starts
        if reportable and days > worst:
            worst = days
        if t < s.end:
            open_days = days
            open_spell = s
        else:
            last_days = days
    event, ext = f.event, f.event.extension
    if event.settled is not None and event.settled.toordinal() <= t:
        status = "paid_in_grace" if started and not worst else "settled"
    elif open_spell is not None:
        status = "in_grace" if t < open_spell.reportable_from else "overdue"
    elif ext is not None and ext.agreed.toordinal() <= t:
        status = "extended"
    else:
        status = "upcoming"
    return EventStatus(
        id=f.id,
        account=f.account,
        status=status,
        days_overdue=open_days or last_days,
        worst_days=worst,
        bucket=rules.bucket_for(worst).id if worst > rules.grace_for(f.product) else None,
        pboc_code=code,
        risk_class=rules.risk_class(open_days).id,
        non_performing=open_days > rules.default_after_days,
        seen_by_jiebei_on=_day(seen),
        on_report_from=_day(uploaded),
        purge_on=_day(purge),
        penalty_interest=event_interest(f, t),
        fee=f.fee,
        interest_so_far=event_interest_so_far(f, t),
    )


def _account_status(account_id: str, product: str, limit: float, balance: float,
                    events: list[EventStatus], code: str, rules: Rules) -> AccountStatus:
    status = "normal"
    for candidate in _ACCOUNT_ORDER:
        if any(e.status == candidate for e in events):
            status = candidate
            break
    open_days = max((e.days_overdue for e in events if e.status in ("overdue", "in_grace")),
                    default=0)
    return AccountStatus(
        id=account_id,
        product=product,
        limit=limit,
        balance=balance,
        status=status,
        days_overdue=open_days,
        pboc_code=code,
        risk_class=rules.risk_class(open_days).id,
        events=tuple(e.id for e in events),
    )


def _day(ordinal: int) -> date | None:
    return date.fromordinal(ordinal) if 0 < ordinal < NEVER else None

