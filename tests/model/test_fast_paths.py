"""The engine's shortcuts give exactly what the plain definitions give (issue 10).

Report codes come from each spell's digit steps, not month by month; 连三累六 counts runs
of months, not months; projections and the reopen search read only the events Jiebei
can still see. Each is checked here against the definition it replaces, under the
default policy and under policies with other code steps, digit caps and thresholds.
"""

from __future__ import annotations

import tomllib
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import assess, project
from model.dates import add_months, month_end_ordinal, month_of_ordinal
from model.facts import EventFacts, Spell, scenario_facts, seen_from
from model.jiebei import Standing, assessed_limit, findings_at
from model.policy import Policy, _default_text
from model.report import LsllCheck, lsll_check, spell_codes
from model.rules import Rules, rules_for
from model.score import estimate_score
from tests.conftest import AS_OF, event, scenario

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ACCOUNTS = ("fenqile", "huabei", "jiebei", "card")


def _policy(**changes: dict[str, object]) -> Policy:
    data = tomllib.loads(_default_text())
    for section, values in changes.items():
        for key, value in values.items():
            data[section][key]["value"] = value
    return Policy.model_validate(data)


POLICIES = (
    _policy(),
    _policy(report={"code_step_days": 7, "max_code": 3, "lsll_min_code": 2}),
    _policy(report={"code_step_days": 45, "lsll_min_code": 3, "lsll_window_months": 6},
            timing={"grace_days": 0, "report_lag_days": 0}),
    _policy(report={"max_code": 2, "lsll_min_code": 5}),
    _policy(report={"code_step_days": 1, "max_code": 9, "lsll_min_code": 9},
            timing={"grace_days": 10, "report_lag_days": 61}),
)


def reference_codes(spell: Spell, t: int, rules: Rules) -> tuple[tuple[int, str], ...]:
    """Month by month, as the report legend reads: each month's status at its end (on
    ``t`` for the current month); the month an overdue ends shows C (N after an
    extension), unless it also began that month."""
    if t < spell.reportable_from or t >= spell.purge_on:
        return ()
    first = month_of_ordinal(spell.reportable_from)
    last_day = min(spell.end, t)
    last = month_of_ordinal(last_day)
    ended = spell.end <= t
    out = []
    for m in range(first, last + 1):
        if ended and m == last and m != first:
            out.append((m, "N"))  # paid (or cured) while the loan runs on
        else:
            cut = min(month_end_ordinal(m), last_day)
            out.append((m, str(rules.pboc_code(cut - spell.start))))
    return tuple(out)


def reference_lsll(facts: tuple[EventFacts, ...], t: int, rules: Rules) -> LsllCheck:
    """Every month of every spell Jiebei sees, then the window's runs, month by month."""
    last = month_of_ordinal(t)
    first = last - rules.lsll_window_months + 1
    months_by_account: dict[str, set[int]] = {}
    involved = []
    for f in facts:
        hit = False
        for spell in f.spells:
            if spell.seen_by_ant_from > t:
                continue
            for m, code in reference_codes(spell, t, rules):
                if first <= m <= last and code.isdigit() and int(code) >= rules.lsll_min_code:
                    months_by_account.setdefault(f.account, set()).add(m)
                    hit = True
        if hit:
            involved.append(f.id)
    consecutive = cumulative = 0
    for months in months_by_account.values():
        cumulative += len(months)
        run = 0
        for m in range(first, last + 1):
            run = run + 1 if m in months else 0
            consecutive = max(consecutive, run)
    return LsllCheck(consecutive, cumulative, tuple(involved))


@st.composite
def plans(draw) -> list[dict]:
    """Up to six events: settled, unpaid, planned, extended before or after the due."""
    events = []
    for i in range(draw(st.integers(1, 6))):
        due = draw(st.dates(min_value=date(2019, 1, 1), max_value=AS_OF + timedelta(days=60)))
        days = draw(st.one_of(st.none(), st.integers(0, 900)))
        ev = event(f"e{i}", draw(st.sampled_from(ACCOUNTS)), due=due, days=days)
        if draw(st.booleans()):
            limit = days if days is not None else 120
            agreed = due + timedelta(days=draw(st.integers(-20, max(-20, limit))))
            new_due = max(agreed, due) + timedelta(days=draw(st.integers(1, 90)))
            ev["extension"] = {"agreed": agreed.isoformat(), "new_due": new_due.isoformat(),
                               "fee": 10}
        events.append(ev)
    return events


days_asked = st.integers(-400, 240 * 31)  # from before the as-of date to 20 years on


@SETTINGS
@given(events=plans(), policy=st.sampled_from(POLICIES),
       offsets=st.lists(days_asked, min_size=1, max_size=8))
def test_codes_and_lsll_match_their_definitions(events, policy, offsets):
    rules = rules_for(policy)
    facts = scenario_facts(scenario(*events), rules)
    for offset in offsets:
        t = AS_OF.toordinal() + offset
        for f in facts:
            for spell in f.spells:
                assert spell_codes(spell, t, rules) == reference_codes(spell, t, rules)
        assert lsll_check(facts, t, rules) == reference_lsll(facts, t, rules)


@SETTINGS
@given(events=plans(), policy=st.sampled_from(POLICIES), start=days_asked,
       later=st.lists(st.integers(0, 240), min_size=1, max_size=6),
       base=st.integers(350, 950), proof=st.booleans())
def test_the_events_jiebei_cannot_see_change_nothing(events, policy, start, later, base,
                                                     proof):
    rules = rules_for(policy)
    facts = scenario_facts(scenario(*events, base=base), rules)
    t0 = AS_OF.toordinal() + start
    seen = seen_from(facts, t0)
    standing = Standing(base_score=base, income_proof_from=0 if proof else None,
                        base_limit=30000.0, reassessment_days=rules.reassessment_days)
    for months in later:
        t = add_months(date.fromordinal(t0), months).toordinal()
        full = estimate_score(facts, t, base, proof, rules)
        assert estimate_score(seen, t, base, proof, rules) == full
        assert findings_at(seen, t, full.likely, base, rules) == \
            findings_at(facts, t, full.likely, base, rules)
        assert assessed_limit(seen, t, full.likely, standing, rules) == \
            assessed_limit(facts, t, full.likely, standing, rules)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=plans(), policy=st.sampled_from(POLICIES), start=days_asked,
       months=st.integers(0, 30))
def test_each_projected_month_is_that_day_assessed(events, policy, start, months):
    s = scenario(*events)
    day = AS_OF + timedelta(days=start)
    for k, point in enumerate(project(s, policy, months, as_of=day).months):
        a = assess(s, policy, add_months(day, k))
        assert (point.score_low, point.score_likely, point.score_high, point.tier) == \
            (a.score.low, a.score.likely, a.score.high, a.score.tier)
        assert (point.state, point.limit, point.assessed_limit, point.cost) == \
            (a.jiebei.state, a.jiebei.limit, a.jiebei.assessed_limit, a.cost.so_far)
