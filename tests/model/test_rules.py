"""One test (or a few) per rule of model/README.md §3–§8, phrased as what a user would see."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from model import JiebeiState, assess, project
from model.rules import rules_for
from tests.conftest import AS_OF, event, scenario


def rules_of(a) -> list[str]:
    return [r.rule for r in a.jiebei.reasons]


def notice_rules(a) -> list[str]:
    return [n.rule for n in a.notices]


# --- §4 time: grace, reporting lag, extensions --------------------------------------

def test_settled_within_grace_is_not_an_overdue_anywhere():
    a = assess(scenario(event(due=date(2026, 10, 1), days=3)))
    assert a.score.likely == 700 and a.score.low == a.score.high == 700
    assert a.jiebei.state is JiebeiState.AVAILABLE
    assert a.report.records == ()
    assert a.events[0].status == "paid_in_grace"
    assert a.cost.total == 0


def test_one_day_past_grace_is_reported():
    a = assess(scenario(event(due=date(2026, 10, 1), days=4)))
    assert a.events[0].status == "settled"
    assert a.report.records[0].codes == {"2026-10": "1"}
    assert a.score.likely < 700


def test_unsettled_inside_grace_warns_and_changes_nothing_yet():
    a = assess(scenario(event(due=AS_OF - timedelta(days=2), days=None)))
    assert a.events[0].status == "in_grace"
    assert a.jiebei.state is JiebeiState.AVAILABLE
    assert "notice-in-grace" in notice_rules(a)


def test_other_lenders_reach_jiebei_only_after_the_reporting_lag():
    # Fenqile (not Ant): 20 days overdue, past grace but not yet uploaded.
    early = assess(scenario(event(due=AS_OF - timedelta(days=20), days=None)))
    assert early.jiebei.state is JiebeiState.AVAILABLE
    assert early.score.likely == 700
    assert "notice-not-yet-seen" in notice_rules(early)
    # 3 grace days + 30 days lag later Jiebei sees it.
    late = assess(scenario(event(due=AS_OF - timedelta(days=34), days=None)))
    assert late.jiebei.state is JiebeiState.SUSPENDED
    assert late.score.likely < 700


def test_ant_products_are_seen_at_once_after_grace():
    a = assess(scenario(event(account="huabei", due=AS_OF - timedelta(days=5), days=None)))
    assert a.jiebei.state is JiebeiState.SUSPENDED
    assert "suspended-unsettled" in rules_of(a)


def test_extension_agreed_before_due_is_not_overdue_but_shows_on_report():
    ext = {"agreed": "2026-11-10", "new_due": "2026-12-15", "fee": 45}
    a = assess(scenario(event(due=date(2026, 11, 15), days=None, extension=ext)))
    assert a.jiebei.state is JiebeiState.AVAILABLE
    assert a.events[0].status == "extended"
    assert a.report.records[0].special == "extension"
    assert a.cost.fees == 45
    assert "notice-extension-on-report" in notice_rules(a)


def test_extension_before_due_then_unpaid_is_overdue_from_the_new_due_date():
    ext = {"agreed": "2026-08-25", "new_due": "2026-09-30", "fee": 30}
    a = assess(scenario(event(due=date(2026, 9, 1), days=None, extension=ext)))
    assert a.events[0].days_overdue == (AS_OF - date(2026, 9, 30)).days
    assert a.jiebei.state is JiebeiState.SUSPENDED


def test_extension_agreed_after_due_keeps_the_days_already_overdue():
    ext = {"agreed": "2026-09-21", "new_due": "2026-12-31", "fee": 50}
    a = assess(scenario(event(due=date(2026, 9, 1), days=None, extension=ext)))
    ev = a.events[0]
    assert ev.status == "extended"
    assert ev.days_overdue == 20  # the clock stopped at the agreement
    assert a.report.records[0].codes["2026-09"] == "1"
    assert a.jiebei.state is JiebeiState.REDUCED  # the overdue happened, then was cured
    assert a.cost.fees == 50


def test_an_extended_event_once_settled_reads_settled_and_purges_from_settlement():
    ext = {"agreed": "2026-09-20", "new_due": "2026-10-20", "fee": 30}
    s = scenario(event(due=date(2026, 9, 10), days=22, extension=ext))  # settled 2026-10-02
    a = assess(s, as_of=date(2029, 1, 1))
    assert a.events[0].status == "settled"
    assert a.accounts[0].status == "settled"
    assert a.events[0].purge_on == date(2031, 10, 2)


def test_planned_settlement_after_as_of_is_still_unsettled_today():
    a = assess(scenario(event(due=date(2026, 10, 1), days=90)))  # settles 2026-12-30
    assert a.events[0].status == "overdue"
    assert a.jiebei.state is JiebeiState.SUSPENDED
    assert a.jiebei.reopen == "on_date"


def test_moving_the_as_of_date_ages_an_unsettled_event():
    s = scenario(event(due=date(2026, 10, 15), days=None))
    now = assess(s)
    later = assess(s, as_of=date(2027, 1, 29))
    assert later.events[0].days_overdue == now.events[0].days_overdue + 61
    assert later.score.likely < now.score.likely


# --- §5 the credit report -------------------------------------------------------------

@pytest.mark.parametrize(("days", "code"), [(1, "1"), (4, "1"), (30, "1"), (31, "2"), (60, "2"),
                                            (61, "3"), (90, "3"), (91, "4"), (150, "5"),
                                            (151, "6"), (180, "6"), (181, "7"), (400, "7")])
def test_pboc_code_by_days_overdue(policy, days, code):
    assert str(rules_for(policy).pboc_code(days)) == code


@pytest.mark.parametrize(("days", "risk"), [(0, "normal"), (1, "special_mention"),
                                            (90, "special_mention"), (91, "substandard"),
                                            (270, "substandard"), (271, "doubtful"),
                                            (360, "doubtful"), (361, "loss")])
def test_risk_class_by_days_overdue(policy, days, risk):
    assert rules_for(policy).risk_class(days).id == risk


def test_month_codes_follow_the_overdue_and_its_settlement():
    """model/README.md §4: the overdue month keeps its digit; paid while the loan runs on, the
    months after (the month of payment too) show N. C is never a settled instalment."""
    a = assess(scenario(event(due=date(2026, 8, 10), days=45)))  # settled 2026-09-24
    assert a.report.records[0].codes == {"2026-08": "1", "2026-09": "N"}
    grid = a.report.grid["fenqile"]
    months = a.report.months
    assert len(months) == 24 and months[-1] == "2026-11"
    assert grid[months.index("2026-08")] == "1"
    assert grid[months.index("2026-09")] == "N"
    assert grid[months.index("2026-10")] == "N"
    assert "C" not in grid


def test_c_is_for_an_account_paid_off_and_closed():
    from model import parse_scenario
    from model.io import scenario_json

    data = json.loads(scenario_json(scenario(event(due=date(2026, 8, 10), days=45))))
    data["accounts"][0]["closed"] = "2026-10-05"
    grid = assess(parse_scenario(data)).report.grid["fenqile"]
    assert grid[-4:] == ("1", "N", "C", "C")  # Aug, Sep, then closed from October


def test_unsettled_overdue_worsens_month_by_month():
    a = assess(scenario(event(due=date(2026, 7, 20), days=None)))
    codes = a.report.records[0].codes
    assert list(codes.values()) == ["1", "2", "3", "4", "5"]


def test_record_is_purged_five_years_after_settlement_and_never_while_unpaid():
    settled = assess(scenario(event(due=date(2026, 9, 10), days=22)))
    assert settled.report.records[0].purge_on == date(2031, 10, 2)
    assert settled.events[0].purge_on == date(2031, 10, 2)
    s = scenario(event(due=date(2026, 9, 10), days=22))
    assert assess(s, as_of=date(2031, 10, 1)).report.records != ()
    gone = assess(s, as_of=date(2031, 10, 2))
    assert gone.report.records == ()
    assert gone.score.likely == 700
    unpaid = scenario(event(due=date(2026, 9, 10), days=None))
    far = assess(unpaid, as_of=date(2040, 1, 1))
    assert far.report.records[0].purge_on is None
    assert "notice-never-purged" in notice_rules(far)


def test_report_shows_an_overdue_only_after_the_lenders_upload():
    s = scenario(event(due=AS_OF - timedelta(days=14), days=None))
    a = assess(s)
    assert a.report.records == ()
    assert a.events[0].on_report_from == AS_OF - timedelta(days=14) + timedelta(days=34)
    later = assess(s, as_of=AS_OF + timedelta(days=20))
    assert later.report.records[0].codes


def test_a_lender_that_does_not_report_leaves_no_record(tmp_path):
    from pathlib import Path

    from model import load_policy

    text = (Path(__file__).parents[2] / "model/policies/default.toml").read_text("utf-8")
    head, _, rest = text.partition('id = "fenqile"')
    rest = rest.replace("reports_to_pboc = { value = true", "reports_to_pboc = { value = false", 1)
    path = tmp_path / "quiet.toml"
    path.write_text(head + 'id = "fenqile"' + rest, "utf-8")
    quiet = load_policy(path)
    a = assess(scenario(event(due=date(2026, 6, 1), days=None)), quiet)
    assert a.report.records == ()
    assert a.jiebei.state is JiebeiState.AVAILABLE  # Jiebei learns of it only via the report


def test_an_extension_record_leaves_the_report_five_years_after_settlement():
    ext = {"agreed": "2026-09-05", "new_due": "2026-10-10", "fee": 20}
    s = scenario(event(account="huabei", due=date(2026, 9, 10), days=25, extension=ext))
    a = assess(s)
    assert a.report.records[0].special == "extension"
    assert a.report.records[0].purge_on == date(2031, 10, 5)
    assert assess(s, as_of=date(2031, 10, 5)).report.records == ()


def test_account_opened_later_shows_slash_before():
    s = scenario()
    data = s.model_dump(mode="json")
    data["accounts"][2]["opened"] = "2026-03-05"
    from model import parse_scenario

    a = assess(parse_scenario(data))
    row = a.report.grid["huabei"]
    assert row[a.report.months.index("2026-02")] == "/"
    assert row[a.report.months.index("2026-03")] == "N"


def test_lian_san_lei_liu_closes_jiebei_and_clears_when_the_window_passes():
    events = [event(f"e{i}", due=date(2026, m, 10), days=8) for i, m in enumerate(range(4, 10))]
    s = scenario(*events)
    a = assess(s)
    assert a.report.cumulative == 6 and a.report.lsll_triggered
    assert a.jiebei.state is JiebeiState.CLOSED
    assert "closed-lian-san-lei-liu" in rules_of(a)
    later = assess(s, as_of=date(2028, 8, 1))
    assert not later.report.lsll_triggered
    assert "closed-lian-san-lei-liu" not in rules_of(later)


def test_three_consecutive_overdue_months_trigger_lian_san():
    a = assess(scenario(event(due=date(2026, 8, 20), days=60)))  # settled 10-19: 1, 2, C
    assert a.report.consecutive == 2
    assert "closed-lian-san-lei-liu" not in rules_of(a)
    b = assess(scenario(event(due=date(2026, 8, 20), days=75)))  # settled 11-03: 1, 2, 3, C
    assert b.report.consecutive == 3
    assert "closed-lian-san-lei-liu" in rules_of(b)


# --- §6 the score -----------------------------------------------------------------------

@pytest.mark.parametrize(("score", "tier"), [(350, "poor"), (549, "poor"), (550, "fair"),
                                             (599, "fair"), (600, "good"), (649, "good"),
                                             (650, "very_good"), (699, "very_good"),
                                             (700, "excellent"), (950, "excellent")])
def test_tiers(policy, score, tier):
    assert rules_for(policy).tier(score).id == tier


def test_score_is_a_range_around_the_likely_value():
    a = assess(scenario(event(due=date(2026, 10, 1), days=None)))
    assert a.score.low < a.score.likely < a.score.high <= 700


def test_unsettled_penalty_grows_with_the_bucket():
    s = scenario(event(due=date(2026, 6, 1), days=None))
    m1 = assess(s, as_of=date(2026, 7, 10)).score.likely  # 39 days: M2 after lag
    m3 = assess(s, as_of=date(2026, 8, 20)).score.likely  # 80 days
    m4 = assess(s, as_of=date(2026, 10, 1)).score.likely  # 122 days
    assert 700 > m1 > m3 > m4


def test_settled_penalty_halves_every_half_life(policy):
    s = scenario(event(due=date(2025, 1, 10), days=10))
    soon = assess(s, as_of=date(2025, 2, 20))
    later = assess(s, as_of=date(2025, 8, 20))  # six months (the M1 half-life) on
    lost_soon = 700 - soon.score.likely
    lost_later = 700 - later.score.likely
    assert lost_soon > 0
    assert abs(lost_later - lost_soon / 2) <= 1.5


def test_repeat_events_add_less_each_but_always_add():
    one = assess(scenario(event("a", due=date(2026, 5, 1), days=10)))
    two = assess(scenario(event("a", due=date(2026, 5, 1), days=10),
                          event("b", due=date(2026, 6, 1), days=10)))
    lost_one = 700 - one.score.likely
    lost_two = 700 - two.score.likely
    assert lost_one < lost_two < 2 * lost_one


def test_several_products_unpaid_at_once_cost_extra():
    alone = assess(scenario(event("a", due=date(2026, 9, 1), days=None)))
    both = assess(scenario(event("a", due=date(2026, 9, 1), days=None),
                           event("b", "huabei", due=date(2026, 9, 1), days=None)))
    assert any(r.rule == "score-multi-debt" for r in both.score.reasons)
    assert not any(r.rule == "score-multi-debt" for r in alone.score.reasons)


def test_income_proof_adds_a_little():
    plain = assess(scenario(base=640))
    proof = assess(scenario(base=640, income_proof=True))
    assert 0 < proof.score.likely - plain.score.likely <= 20
    assert proof.jiebei.assessed_limit > plain.jiebei.assessed_limit


def test_income_proof_from_a_date_lifts_the_limit_at_the_next_reassessment():
    from model import parse_scenario

    data = scenario(base=640).model_dump(mode="json")
    data["profile"]["income_proof"] = "2026-11-20"
    s = parse_scenario(data)
    plain = assess(scenario(base=640))
    assert assess(s, as_of=date(2026, 11, 19)).score.likely == plain.score.likely
    early = assess(s)  # 9 days later: the score feels it, the limit not yet
    assert early.score.likely > plain.score.likely
    assert early.jiebei.assessed_limit == plain.jiebei.assessed_limit
    lifted = assess(s, as_of=date(2026, 12, 20))  # after the 30-day reassessment
    assert lifted.jiebei.assessed_limit > plain.jiebei.assessed_limit


def test_higher_base_loses_more_for_the_same_event():
    ev = event(due=date(2026, 9, 1), days=20)
    low = assess(scenario(ev, base=620))
    high = assess(scenario(ev, base=780))
    assert 780 - high.score.likely > 620 - low.score.likely


# --- §7 Jiebei ----------------------------------------------------------------------------

def test_frozen_when_any_debt_is_unpaid_past_ninety_days():
    a = assess(scenario(event(due=AS_OF - timedelta(days=91), days=None)))
    assert a.jiebei.state is JiebeiState.FROZEN
    assert a.events[0].non_performing and a.events[0].risk_class == "substandard"
    assert rules_of(a)[0] == "frozen-long-unpaid"
    b = assess(scenario(event(due=AS_OF - timedelta(days=90), days=None)))
    assert b.jiebei.state is not JiebeiState.FROZEN


def test_frozen_when_jiebei_itself_is_unpaid_past_thirty_days():
    a = assess(scenario(event(account="jiebei", due=AS_OF - timedelta(days=31), days=None),
                        jiebei_balance=5000))
    assert a.jiebei.state is JiebeiState.FROZEN
    assert "frozen-own-unpaid" in rules_of(a)
    b = assess(scenario(event(account="jiebei", due=AS_OF - timedelta(days=30), days=None),
                        jiebei_balance=5000))
    assert "frozen-own-unpaid" not in rules_of(b)


def test_closed_when_two_products_are_unpaid_at_once():
    a = assess(scenario(event("a", due=AS_OF - timedelta(days=40), days=None),
                        event("b", "huabei", due=AS_OF - timedelta(days=10), days=None)))
    assert a.jiebei.state is JiebeiState.CLOSED
    assert "closed-multi-product" in rules_of(a)


def test_closed_when_the_score_is_below_the_minimum():
    a = assess(scenario(base=590))
    assert a.jiebei.state is JiebeiState.CLOSED
    assert rules_of(a) == ["closed-low-score"]
    assert a.jiebei.reopen == "never"


def test_suspended_while_unpaid_and_seen():
    a = assess(scenario(event(due=AS_OF - timedelta(days=40), days=None)))
    assert a.jiebei.state is JiebeiState.SUSPENDED
    assert a.jiebei.limit == 0
    assert a.jiebei.assessed_limit > 0  # kept for display
    assert a.jiebei.reopen == "never"


def test_reduced_after_a_recent_settled_overdue_then_available_again():
    s = scenario(event(due=date(2026, 9, 10), days=22))  # settled 2026-10-02
    a = assess(s)
    assert a.jiebei.state is JiebeiState.REDUCED
    assert 0 < a.jiebei.limit < 30000
    assert a.jiebei.reopens_on == date(2027, 4, 2)
    assert assess(s, as_of=date(2027, 4, 1)).jiebei.state is JiebeiState.REDUCED
    assert assess(s, as_of=date(2027, 4, 2)).jiebei.state is JiebeiState.AVAILABLE


def test_reduced_when_the_score_falls_well_below_base():
    # Long settled (outside the reopen window) but a serious one: the score is still low.
    a = assess(scenario(event(due=date(2025, 12, 1), days=85)))
    assert "reduced-recent-overdue" not in rules_of(a)
    assert "reduced-score-drop" in rules_of(a)


def test_every_matching_rule_is_reported_worst_first():
    a = assess(scenario(event("a", due=AS_OF - timedelta(days=120), days=None),
                        event("b", "huabei", due=AS_OF - timedelta(days=10), days=None)))
    found = rules_of(a)
    assert found[0] == "frozen-long-unpaid"
    for rule in ("closed-multi-product", "suspended-unsettled", "reduced-score-drop"):
        assert rule in found
    states = [JiebeiState(r.split("-")[0]) for r in found]
    assert states == sorted(states, key=lambda s: -s.severity)


def test_reasons_carry_basis_events_and_both_languages():
    a = assess(scenario(event("late", due=AS_OF - timedelta(days=40), days=None)))
    reason = a.jiebei.reasons[0]
    assert reason.basis in ("documented", "reported", "folk", "assumption")
    assert reason.events == ("late",)
    assert "Fenqile" in reason.en and "分期乐" in reason.zh


def test_limit_is_rounded_and_lifted_by_income_proof():
    a = assess(scenario(event(due=date(2026, 9, 10), days=22)))
    assert a.jiebei.assessed_limit % 100 == 0
    b = assess(scenario(event(due=date(2026, 9, 10), days=22), income_proof=True))
    assert b.jiebei.assessed_limit > a.jiebei.assessed_limit


def test_available_to_borrow_is_limit_minus_balance():
    a = assess(scenario(jiebei_balance=12000))
    assert a.jiebei.limit == 30000
    assert a.jiebei.available_to_borrow == 18000


def test_reopen_date_before_an_upcoming_unpaid_bill_comes_due():
    # A settled Huabei overdue, and a Fenqile bill due next year with no payment planned:
    # Jiebei reopens after the reopen window, before the new bill could be seen.
    s = scenario(event("a", "huabei", due=date(2026, 10, 1), days=9),
                 event("b", due=date(2027, 12, 1), days=None))
    a = assess(s)
    assert a.jiebei.reopen == "on_date"
    assert a.jiebei.reopens_on == date(2027, 4, 10)


def test_reopen_never_names_the_unpaid_events():
    a = assess(scenario(event("late", due=AS_OF - timedelta(days=40), days=None)))
    assert a.jiebei.reopen == "never"
    assert a.jiebei.reopen_blocked_by == ("late",)


def test_reopen_now_when_available():
    a = assess(scenario())
    assert a.jiebei.reopen == "now" and a.jiebei.reopens_on is None
    assert rules_of(a) == ["available-clean"]


# --- §8 cost ------------------------------------------------------------------------------

def test_penalty_interest_per_day_on_the_overdue_amount():
    a = assess(scenario(event(due=date(2026, 9, 10), days=22, amount=1200)))
    assert a.cost.penalty_interest == pytest.approx(1200 * 0.0005 * 22)
    assert not a.cost.open_ended


def test_unpaid_cost_keeps_growing():
    s = scenario(event(due=date(2026, 10, 1), days=None, amount=1000))
    now = assess(s)
    later = assess(s, as_of=date(2026, 12, 29))
    assert now.cost.open_ended
    assert now.cost.growing_per_day == pytest.approx(1000 * 0.0005)
    assert later.cost.penalty_interest > now.cost.penalty_interest


def test_bank_card_penalty_rate_is_higher():
    huabei = assess(scenario(event(account="huabei", due=date(2026, 9, 1), days=20)))
    card = assess(scenario(event(account="card", due=date(2026, 9, 1), days=20)))
    assert card.cost.penalty_interest > huabei.cost.penalty_interest


# --- projection -----------------------------------------------------------------------------

def test_projection_months_and_recovery_after_settlement():
    s = scenario(event(due=date(2026, 9, 10), days=22))
    p = project(s, months=24)
    assert len(p.months) == 25
    assert p.months[0].date == AS_OF
    assert p.months[12].date == date(2027, 11, 29)
    likely = [m.score_likely for m in p.months]
    assert likely == sorted(likely)
    assert p.months[0].state is JiebeiState.REDUCED
    assert p.months[6].state is JiebeiState.AVAILABLE


def test_projection_of_an_unpaid_event_worsens_to_frozen():
    p = project(scenario(event(due=date(2026, 10, 15), days=None)), months=6)
    states = [m.state for m in p.months]
    assert states[0] is JiebeiState.SUSPENDED
    assert states[-1] is JiebeiState.FROZEN
    severities = [s.severity for s in states]
    assert severities == sorted(severities)


def test_the_fenqile_correction_is_said_once_however_many_fenqile_overdues():
    from datetime import date

    from model import AddEvent, assess, default_policy, load_sample

    scenario = load_sample("fenqile-settled")
    second = {"id": "e9", "account": "fenqile", "amount": 300, "due": date(2026, 10, 20),
              "settled": None, "extension": None}
    scenario = AddEvent(second).apply_to(scenario, scenario.as_of)
    notes = [n for n in assess(scenario, default_policy()).notices
             if n.rule == "notice-fenqile-funder"]
    assert len(notes) == 1 and set(notes[0].events) == {"e1", "e9"}


def test_the_freeze_is_folk_and_the_ninety_day_line_is_its_own_documented_reason():
    a = assess(scenario(event(due=AS_OF - timedelta(days=120), days=None)))
    by_rule = {r.rule: r for r in a.jiebei.reasons}
    assert by_rule["frozen-long-unpaid"].basis == "folk"
    fact = by_rule["frozen-non-performing"]
    assert fact.basis == "documented" and fact.params == ("risk.default_after_days",)
    assert "non-performing" in fact.en and "不良" in fact.zh
    assert "documented" not in {r.basis for r in a.jiebei.reasons if "freez" in r.en}


def test_recent_credit_applications_cost_points_and_say_why():
    none = assess(scenario(applications=0))
    six = assess(scenario(applications=6))
    assert six.score.likely < none.score.likely
    (reason,) = [r for r in six.score.reasons if r.rule == "score-applications"]
    assert reason.basis == "assumption" and "6 credit applications" in reason.en
    assert "6 次" in reason.zh
    assert six.jiebei.state is JiebeiState.REDUCED  # more than 4: 多头借贷
    assert "reduced-many-applications" in rules_of(six)
    # they stop counting three months after the scenario's date, and Jiebei reopens then
    assert six.jiebei.reopens_on == date(2027, 2, 28)
    later = assess(scenario(applications=6), as_of=date(2027, 3, 1))
    assert later.score.likely == none.score.likely


def test_two_applications_cost_nothing_and_files_without_the_field_stay_as_they_were():
    from model.io import scenario_json

    assert assess(scenario(applications=2)).score.likely == assess(scenario()).score.likely
    assert "recent_applications" not in scenario_json(scenario(applications=0))
    assert '"recent_applications": 3' in scenario_json(scenario(applications=3))
