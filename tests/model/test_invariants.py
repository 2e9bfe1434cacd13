"""model/README.md §11: invariants any sane policy keeps, checked on generated scenarios."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import JiebeiState, assess, default_policy, project
from model.facts import NEVER, scenario_facts
from model.rules import rules_for
from tests.conftest import AS_OF, event, scenario

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ACCOUNTS = ("fenqile", "huabei", "jiebei", "card")

due_dates = st.dates(min_value=date(2022, 1, 1), max_value=AS_OF + timedelta(days=20))
settle_days = st.one_of(st.none(), st.integers(min_value=0, max_value=420))


@st.composite
def plain_events(draw, min_size: int = 0, max_size: int = 5) -> list[dict]:
    n = draw(st.integers(min_value=min_size, max_value=max_size))
    return [
        event(f"e{i}", draw(st.sampled_from(ACCOUNTS)), due=draw(due_dates),
              days=draw(settle_days), amount=draw(st.integers(100, 20000)))
        for i in range(n)
    ]


@st.composite
def events_with_extensions(draw) -> list[dict]:
    events = draw(plain_events())
    for ev in events:
        if draw(st.booleans()) and ev["settled"] is None:
            due = date.fromisoformat(ev["due"])
            agreed = due + timedelta(days=draw(st.integers(-20, 40)))
            new_due = max(agreed, due) + timedelta(days=draw(st.integers(1, 90)))
            ev["extension"] = {"agreed": agreed.isoformat(), "new_due": new_due.isoformat(),
                               "fee": draw(st.integers(0, 200))}
    return events


bases = st.integers(min_value=350, max_value=950)


def reopen_key(a) -> int:
    """Comparable reopen: now < a date < never."""
    if a.jiebei.reopen == "now":
        return a.as_of.toordinal()
    if a.jiebei.reopen == "never":
        return NEVER
    return a.jiebei.reopens_on.toordinal()


def cost_key(a) -> float:
    """An unpaid plan's cost has no end: it only counts so far, and keeps growing."""
    return float("inf") if a.cost.open_ended else a.cost.total


def observable(a) -> dict:
    out = a.to_json()
    out.pop("events")  # the grace-settled event itself is listed there
    out.pop("notices")
    for account in out["accounts"]:
        account.pop("events")
    return out


@SETTINGS
@given(events=events_with_extensions(), base=bases,
       due=st.dates(min_value=date(2022, 1, 1), max_value=AS_OF - timedelta(days=3)),
       grace=st.integers(0, 3), account=st.sampled_from(ACCOUNTS))
def test_an_event_settled_within_grace_changes_nothing(events, base, due, grace, account):
    # Settled by the as-of date (a planned one would still show as "in grace" today).
    before = assess(scenario(*events, base=base))
    extra = event("grace", account, due=due, days=grace)
    after = assess(scenario(*events, extra, base=base))
    assert observable(after) == observable(before)


@SETTINGS
@given(events=plain_events(max_size=4), base=bases, due=due_dates,
       account=st.sampled_from(ACCOUNTS),
       d1=st.integers(0, 400), more=st.one_of(st.none(), st.integers(1, 400)),
       as_of=st.dates(min_value=AS_OF - timedelta(days=400), max_value=AS_OF + timedelta(700)))
def test_more_days_overdue_never_helps(events, base, due, account, d1, more, as_of):
    shorter = event("x", account, due=due, days=d1)
    longer = event("x", account, due=due, days=None if more is None else d1 + more)
    a = assess(scenario(*events, shorter, base=base), as_of=as_of)
    b = assess(scenario(*events, longer, base=base), as_of=as_of)
    assert b.score.likely <= a.score.likely
    assert b.score.low <= a.score.low and b.score.high <= a.score.high
    assert b.jiebei.state.severity >= a.jiebei.state.severity
    assert b.jiebei.assessed_limit <= a.jiebei.assessed_limit
    # settling earlier never makes the reopen date later nor the cost higher
    assert reopen_key(a) <= reopen_key(b)
    assert cost_key(a) <= cost_key(b) + 1e-9


@SETTINGS
@given(events=events_with_extensions(), b1=bases, b2=bases, proof=st.booleans())
def test_a_higher_base_loses_at_least_as_many_points(events, b1, b2, proof):
    low, high = sorted((b1, b2))
    a = assess(scenario(*events, base=low, income_proof=proof))
    b = assess(scenario(*events, base=high, income_proof=proof))
    assert high - b.score.likely >= low - a.score.likely
    assert high - b.score.low >= low - a.score.low


@SETTINGS
@given(events=events_with_extensions(), base=bases, proof=st.booleans(),
       gaps=st.lists(st.integers(1, 400), min_size=1, max_size=6))
def test_score_never_falls_once_everything_is_settled_and_seen(events, base, proof, gaps):
    s = scenario(*events, base=base, income_proof=proof)
    rules = rules_for(default_policy())
    facts = scenario_facts(s, rules)
    if any(f.never_settled for f in facts):
        return
    # Reporting lag: an overdue settled before the lender's upload is seen only later.
    quiet = max([AS_OF.toordinal()]
                + [sp.end for f in facts for sp in f.spells]
                + [sp.seen_by_ant_from for f in facts for sp in f.spells
                   if sp.seen_by_ant_from < NEVER])
    day = date.fromordinal(quiet)
    previous = assess(s, as_of=day).score
    for gap in gaps:
        day += timedelta(days=gap)
        current = assess(s, as_of=day).score
        assert current.likely >= previous.likely
        assert current.low >= previous.low and current.high >= previous.high
        previous = current


@SETTINGS
@given(due=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 10, 1)),
       days=st.integers(4, 400), account=st.sampled_from(ACCOUNTS))
def test_settled_record_leaves_the_report_five_years_after_settlement(due, days, account):
    s = scenario(event("x", account, due=due, days=days))
    settled = due + timedelta(days=days)
    purge = settled.replace(year=settled.year + 5) if not (
        settled.month == 2 and settled.day == 29) else date(settled.year + 5, 2, 28)
    on_record = assess(s, as_of=max(settled, purge - timedelta(days=1)))
    assert [r.purge_on for r in on_record.report.records] == [purge]
    gone = assess(s, as_of=purge)
    assert gone.report.records == ()
    assert gone.score.likely == 700


@SETTINGS
@given(due=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 10, 1)),
       years=st.integers(1, 30), account=st.sampled_from(ACCOUNTS))
def test_unsettled_record_never_leaves_the_report(due, years, account):
    s = scenario(event("x", account, due=due, days=None))
    a = assess(s, as_of=AS_OF + timedelta(days=365 * years))
    assert len(a.report.records) == 1
    assert a.report.records[0].purge_on is None
    assert a.jiebei.state is not JiebeiState.AVAILABLE


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=events_with_extensions(), base=st.integers(600, 950),
       samples=st.lists(st.floats(0, 1), min_size=5, max_size=15))
def test_reopen_date_is_the_first_available_day(events, base, samples):
    s = scenario(*events, base=base)
    a = assess(s)
    if a.jiebei.reopen == "never":  # then no day in the next ten years is available
        for fraction in samples:
            day = AS_OF + timedelta(days=1 + int(fraction * 3650))
            assert assess(s, as_of=day).jiebei.state is not JiebeiState.AVAILABLE, day
        return
    if a.jiebei.reopen == "now":
        assert a.jiebei.state is JiebeiState.AVAILABLE
        return
    first = a.jiebei.reopens_on
    assert first > AS_OF
    assert assess(s, as_of=first).jiebei.state is JiebeiState.AVAILABLE
    span = (first - AS_OF).days
    for fraction in [*samples, 1.0]:
        day = AS_OF + timedelta(days=max(0, min(span - 1, int(fraction * span))))
        assert assess(s, as_of=day).jiebei.state is not JiebeiState.AVAILABLE, day


@SETTINGS
@given(events=events_with_extensions(), base=bases, proof=st.booleans(),
       as_of=st.dates(min_value=date(2022, 1, 1), max_value=date(2032, 1, 1)))
def test_any_assessment_is_well_formed_and_deterministic(events, base, proof, as_of):
    s = scenario(*events, base=base, income_proof=proof)
    a = assess(s, as_of=as_of)
    assert 350 <= a.score.low <= a.score.likely <= a.score.high <= 950
    assert a.score.tier in ("poor", "fair", "good", "very_good", "excellent")
    assert a.jiebei.reasons and all(r.en and r.zh for r in a.jiebei.reasons)
    assert a.jiebei.limit <= a.jiebei.assessed_limit
    if not a.jiebei.state.can_borrow:
        assert a.jiebei.limit == 0
    assert json.dumps(a.to_json()) == json.dumps(assess(s, as_of=as_of).to_json())
    months = project(s, months=3, as_of=as_of).months
    assert months[0].score_likely == a.score.likely and months[0].state == a.jiebei.state


@SETTINGS
@given(events=events_with_extensions(), base=bases, proof=st.booleans(),
       n1=st.integers(0, 50), more=st.integers(0, 50),
       as_of=st.dates(min_value=AS_OF - timedelta(days=60), max_value=AS_OF + timedelta(200)))
def test_more_credit_applications_never_help(events, base, proof, n1, more, as_of):
    n2 = min(50, n1 + more)
    a = assess(scenario(*events, base=base, income_proof=proof, applications=n1), as_of=as_of)
    b = assess(scenario(*events, base=base, income_proof=proof, applications=n2), as_of=as_of)
    assert b.score.likely <= a.score.likely
    assert b.score.low <= a.score.low and b.score.high <= a.score.high
    assert b.jiebei.state.severity >= a.jiebei.state.severity
    assert reopen_key(a) <= reopen_key(b)
