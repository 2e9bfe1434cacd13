"""Each repayment choice is what its label says (model/README.md §8).

The expected scenario of every comparison row is written here from §8's words, as plain
data, without the edits or ``standard_choices`` that the app uses; assessing and
projecting it must give the row's every column.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import (
    EditError,
    ExtendEvent,
    SettleEvent,
    assess,
    default_policy,
    load_sample,
    parse_scenario,
    project,
)
from model.errors import AlreadySettled
from model.io import scenario_json
from model.policy_edit import policy_with
from model.rules import rules_for
from model.whatif import COMPARE_MONTHS, compare, latest_settlement, standard_choices

AS_OF = date(2026, 11, 29)
POLICY = default_policy()
DAYS = POLICY.extension.days.value
RATE = POLICY.extension.fee_rate.value


def as_data(scenario: Any) -> dict[str, Any]:
    import json

    return json.loads(scenario_json(scenario))


def expected_scenarios(data: dict[str, Any], event_id: str, as_of: date
                       ) -> dict[str, dict[str, Any]]:
    """§8, literally: each choice is a plan made on the as-of date for this one event."""
    def with_event(**changes: Any) -> dict[str, Any]:
        out = {**data, "overdues": [dict(e) for e in data["overdues"]]}
        for e in out["overdues"]:
            if e["id"] == event_id:
                e.update(changes)
        return out

    event = next(e for e in data["overdues"] if e["id"] == event_id)
    planned = (event["extension"] is not None
               and date.fromisoformat(event["extension"]["agreed"]) > as_of)
    if planned:  # agreed after today: a plan, which every choice (a plan too) replaces
        event = {**event, "extension": None}
        data = with_event(extension=None)
    new_due = as_of + timedelta(days=DAYS)
    out = {
        "settle-today": with_event(settled=as_of.isoformat()),
        "settle-30-days": with_event(settled=(as_of + timedelta(days=30)).isoformat()),
        "settle-90-days": with_event(settled=(as_of + timedelta(days=90)).isoformat()),
        # agreed today, due again extension.days later, for fee_rate of the amount once;
        # the plan pays on the new due date
        "extension": with_event(
            extension={"agreed": as_of.isoformat(), "new_due": new_due.isoformat(),
                       "fee": round(RATE * event["amount"], 2)},
            settled=new_due.isoformat()),
        "never": with_event(settled=None),
    }
    if event["extension"] is not None:  # one extension per event: no second one offered
        out["extension"] = {"impossible": True}
    return out


def row_of(data: dict[str, Any], as_of: date) -> dict[str, Any]:
    scenario = parse_scenario(data)
    a = assess(scenario, POLICY, as_of)
    p = project(scenario, POLICY, COMPARE_MONTHS, as_of)
    likely = [m.score_likely for m in p.months]
    return {"state": a.jiebei.state, "reopen": a.jiebei.reopen,
            "reopens_on": a.jiebei.reopens_on, "cost": a.cost.total,
            "cost_open_ended": a.cost.open_ended, "score_now": a.score.likely,
            "score_6_months": likely[6], "score_12_months": likely[12],
            "projection": p}


# --- generated scenarios ----------------------------------------------------------------

ACCOUNTS = [
    {"id": "fenqile", "product": "fenqile", "limit": 20000, "balance": 6000},
    {"id": "jiebei", "product": "jiebei", "limit": 30000, "balance": 0},
    {"id": "huabei", "product": "huabei", "limit": 8000, "balance": 1500},
    {"id": "card", "product": "bank_card", "limit": 10000, "balance": 2000},
]


@st.composite
def overdue(draw: st.DrawFn, eid: str) -> dict[str, Any]:
    due = AS_OF + timedelta(days=draw(st.integers(-400, 20)))
    kind = draw(st.sampled_from(["unpaid", "planned", "past", "extended"]))
    amount = draw(st.sampled_from([1200, 99.99, 1234567, 0.01, 5000.5]))
    out: dict[str, Any] = {"id": eid, "account": draw(st.sampled_from(ACCOUNTS))["id"],
                           "amount": amount, "due": due.isoformat(), "settled": None,
                           "extension": None}
    if kind == "planned":
        out["settled"] = (max(due, AS_OF) + timedelta(days=draw(st.integers(1, 200)))
                          ).isoformat()
    elif kind == "past" and due < AS_OF:
        out["settled"] = (due + timedelta(days=draw(st.integers(0, (AS_OF - due).days)))
                          ).isoformat()
    elif kind == "extended":
        agreed = due + timedelta(days=draw(st.integers(-10, 40)))
        out["extension"] = {"agreed": agreed.isoformat(),
                            "new_due": (max(agreed, due) + timedelta(days=30)).isoformat(),
                            "fee": draw(st.sampled_from([0, 12, 45.5]))}
    return out


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(1, 4))
    events = [draw(overdue(f"e{i + 1}")) for i in range(n)]
    proof = draw(st.sampled_from([False, True, "2026-10-01"]))
    return {"format": "jiebei-sim/scenario@1", "name": "generated", "as_of": AS_OF.isoformat(),
            "profile": {"base_score": draw(st.integers(550, 800)), "income_proof": proof},
            "accounts": ACCOUNTS, "overdues": events}


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.data())
def test_every_comparison_row_is_the_scenario_its_label_describes(data, pick):
    try:
        scenario = parse_scenario(data)
    except Exception:  # a generated combination the format refuses (e.g. dates)
        return
    event_id = pick.draw(st.sampled_from([e.id for e in scenario.overdues]))
    event = scenario.event(event_id)
    if event.settled is not None and event.settled <= AS_OF:
        with pytest.raises(AlreadySettled) as refused:
            standard_choices(scenario, event_id, AS_OF, POLICY)
        assert refused.value.settled == event.settled
        return
    rows = {o.name: o for o in compare(standard_choices(scenario, event_id, AS_OF, POLICY),
                                       POLICY, AS_OF)}
    for name, expected in expected_scenarios(as_data(scenario), event_id, AS_OF).items():
        try:
            want = row_of(expected, AS_OF)
        except Exception:  # §8's plan is impossible for these dates: no row is invented
            assert name not in rows, name
            continue
        got = rows[name]
        for column, value in want.items():
            assert getattr(got, column) == value, (name, column)
    if "extension" in rows and "settle-today" in rows:
        # §8: the extension stops interest on the day it is agreed (today) and charges
        # its fee once, so it costs what settling today costs, plus the fee
        fee = round(RATE * event.amount, 2)
        assert rows["extension"].cost == pytest.approx(rows["settle-today"].cost + fee)
    assert rows["never"].cost_open_ended  # left unpaid, its cost has no end


# --- the findings of issue 10, one test each ----------------------------------------------

SETTLED = load_sample("fenqile-settled")  # e1 due 2026-09-10, settled 2026-10-02
UNPAID = load_sample("fenqile-unsettled")  # e1 due 2026-10-15, unpaid


def test_settling_an_event_already_settled_is_refused_with_its_date():
    with pytest.raises(AlreadySettled, match="settled on 2026-10-02") as refused:
        SettleEvent("e1").apply_to(SETTLED, SETTLED.as_of)
    assert refused.value.settled == date(2026, 10, 2)
    assert "edit the event" in str(refused.value)


def test_a_planned_settlement_is_still_a_choice():
    planned = SettleEvent("e1", date(2027, 1, 5)).apply_to(UNPAID, UNPAID.as_of)
    again = SettleEvent("e1").apply_to(planned, UNPAID.as_of)  # today instead
    assert again.event("e1").settled == UNPAID.as_of
    assert set(standard_choices(planned, "e1", UNPAID.as_of)) == {
        "settle-today", "settle-30-days", "settle-90-days", "extension", "never"}


def test_an_extension_planned_for_a_later_day_is_a_plan_each_choice_replaces():
    """A newcomer's case: e1 to be extended on 2026-12-10. Settling today (before that
    day) must still be a choice: it means the extension is never needed."""
    data = as_data(UNPAID)
    data["overdues"][0]["extension"] = {"agreed": "2026-12-10", "new_due": "2027-01-10",
                                        "fee": 12}
    planned = parse_scenario(data)
    choices = standard_choices(planned, "e1", UNPAID.as_of)
    assert list(choices) == ["settle-today", "settle-30-days", "settle-90-days",
                             "extension", "never"]
    today = choices["settle-today"].event("e1")
    assert (today.settled, today.extension) == (UNPAID.as_of, None)
    assert choices["extension"].event("e1").extension.agreed == UNPAID.as_of  # today's
    assert choices["never"].event("e1").extension is None
    plan = latest_settlement(planned, "e1", date(2028, 6, 1))  # the planner answers too
    assert plan.reachable and plan.settle_by is not None


def test_comparing_choices_for_a_settled_event_is_refused():
    with pytest.raises(AlreadySettled):
        standard_choices(SETTLED, "e1", SETTLED.as_of)
    with pytest.raises(AlreadySettled):
        latest_settlement(SETTLED, "e1", date(2027, 12, 1))


def test_the_extension_choice_costs_its_fee_and_shows_on_the_report():
    rows = {o.name: o for o in compare(standard_choices(UNPAID, "e1", UNPAID.as_of))}
    fee = 0.01 * 1200  # the default policy: 1% of the amount
    assert rows["extension"].cost == pytest.approx(rows["settle-today"].cost + fee)
    extended = standard_choices(UNPAID, "e1", UNPAID.as_of)["extension"]
    record = assess(extended).report.records[0]
    assert record.special == "extension"  # its 展期 record


def test_the_unpaid_fenqile_comparison_has_five_different_rows_each_with_a_cost():
    rows = compare(standard_choices(UNPAID, "e1", UNPAID.as_of))
    assert len(rows) == 5
    shown = {(o.state, o.reopens_on, o.cost, o.cost_open_ended, o.score_12_months)
             for o in rows}
    assert len(shown) == 5 and all(o.cost > 0 for o in rows)
    never = rows[-1]
    assert never.name == "never" and never.cost_open_ended  # a floor: "≥ ¥27.00"


def test_the_extension_and_its_days_come_from_the_policy():
    policy = policy_with(default_policy(), {"extension.days": 60, "extension.fee_rate": 0.03})
    ext = standard_choices(UNPAID, "e1", UNPAID.as_of, policy)["extension"].event("e1")
    assert ext.extension is not None
    assert ext.extension.new_due == UNPAID.as_of + timedelta(days=60)
    assert ext.extension.fee == pytest.approx(36)
    assert ext.settled == ext.extension.new_due
    assert default_policy().extension.days.basis == "assumption"


def test_an_extended_event_is_called_extended_not_settled():
    extended = standard_choices(UNPAID, "e1", UNPAID.as_of)["extension"]
    a = assess(extended)
    assert a.events[0].status == "extended"
    words = " ".join(r.en for r in (*a.score.reasons, *a.jiebei.reasons))
    assert "extended" in words
    assert "settled" not in words


def test_an_extension_not_yet_overdue_has_no_growing_cost():
    a = assess(load_sample("extension"))
    assert a.cost.growing_per_day == 0
    assert a.cost.so_far == pytest.approx(45)  # its fee, agreed already
    assert a.cost.open_ended  # the plan has no payment yet: the total is a floor


def test_cost_so_far_is_nothing_before_the_event_was_due():
    a = assess(SETTLED, as_of=date(2020, 1, 1))
    assert a.cost.so_far == 0 and a.cost.growing_per_day == 0
    assert a.cost.total == pytest.approx(1200 * 0.0005 * 22)  # this plan's total
    assert a.cost.differs


def test_interest_accrues_per_day_only_while_an_event_is_unpaid_past_its_due_date():
    assert assess(UNPAID).cost.growing_per_day == pytest.approx(1200 * 0.0005)
    assert assess(UNPAID, as_of=date(2026, 10, 1)).cost.growing_per_day == 0  # not yet due
    assert assess(SETTLED).cost.growing_per_day == 0


def test_two_equal_policies_compare_without_recursing():
    a = policy_with(default_policy(), {"timing.grace_days": 3})
    b = policy_with(default_policy(), {"timing.grace_days": 3})
    assert rules_for(a) is not rules_for(b)  # each compiled for itself
    assert a.bases and a == b  # what a policy keeps of itself is not compared


def test_a_scenario_holds_at_most_a_thousand_events():
    data = as_data(UNPAID)
    data["overdues"] = [dict(data["overdues"][0], id=f"e{i}") for i in range(1001)]
    with pytest.raises(Exception, match="at most 1,000 overdue events; this one has 1,001"):
        parse_scenario(data)


def test_extend_refuses_nothing_but_the_dates_it_cannot_hold():
    with pytest.raises(EditError, match="new due date"):
        ExtendEvent("e1", {"agreed": "2026-11-29", "new_due": "2026-11-20", "fee": 0}
                    ).apply_to(UNPAID, UNPAID.as_of)


def test_a_projection_month_costs_what_has_been_spent_by_then():
    from model.cost import so_far_total
    from model.facts import scenario_facts

    extended = standard_choices(UNPAID, "e1", UNPAID.as_of)["extension"]
    rules = rules_for(default_policy())
    facts = scenario_facts(extended, rules)
    for day in (date(2026, 10, 1), UNPAID.as_of, date(2027, 3, 1)):
        t = day.toordinal()
        assert so_far_total(facts, t) == pytest.approx(assess(extended, as_of=day).cost.so_far)


# --- the calendar's end (2199-12-31) --------------------------------------------------


def unpaid_on(as_of: str, due: str) -> Any:
    """The unpaid Fenqile overdue, moved to other dates."""
    data = as_data(UNPAID)
    data["as_of"] = as_of
    data["overdues"][0].update(due=due, settled=None)
    return parse_scenario(data)


def test_near_the_calendars_end_the_choices_past_it_are_left_out_not_a_crash():
    """As of 2199-12-20, settling in 30 or 90 days and a 30-day extension would all fall
    in 2200, which the simulator does not cover: only what it can hold is offered."""
    late = unpaid_on("2199-12-20", "2199-11-01")
    choices = standard_choices(late, "e1", late.as_of)
    assert list(choices) == ["settle-today", "never"]
    rows = compare(choices, POLICY, late.as_of)
    assert [o.name for o in rows] == ["settle-today", "never"]
    assert latest_settlement(late, "e1", date(2199, 12, 31)).reopens_on is not None


def test_a_long_standard_extension_past_the_calendars_end_is_left_out():
    policy = policy_with(default_policy(), {"extension.days": 3650})
    late = unpaid_on("2191-01-10", "2190-12-01")  # ten years on is 2201
    choices = standard_choices(late, "e1", late.as_of, policy)
    assert list(choices) == ["settle-today", "settle-30-days", "settle-90-days", "never"]
    soon = unpaid_on("2189-01-10", "2188-12-01")  # ten years on is 2199: still offered
    assert "extension" in standard_choices(soon, "e1", soon.as_of, policy)


def test_the_standard_extension_past_the_calendars_end_is_refused_as_an_edit_is():
    from model.whatif import standard_extension

    late = unpaid_on("2199-12-20", "2199-11-01")
    with pytest.raises(EditError, match="2200-01-19 is outside the years 1990–2199") as no:
        standard_extension(late, "e1", late.as_of)
    [problem] = no.value.problems
    assert (problem.where, problem.code) == ("new_due", "outside_calendar")
    assert problem.values["day"] == "2200-01-19"
