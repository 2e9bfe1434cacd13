"""What-if: branches in the session, the standard choices, their comparison, the planner."""

from __future__ import annotations

from datetime import date

import pytest

from model import EditError, JiebeiState, Session, SettleEvent, default_policy, load_sample
from model.policy_edit import policy_with
from model.whatif import compare, latest_settlement, standard_choices

UNPAID = load_sample("fenqile-unsettled")  # e1: due 2026-10-15, unpaid, as of 2026-11-29


def test_standard_choices_cover_the_trade_off():
    policy = policy_with(default_policy(), {"extension.fee_rate": 0.05})  # ¥60 on ¥1,200
    choices = standard_choices(UNPAID, "e1", UNPAID.as_of, policy)
    assert list(choices) == ["settle-today", "settle-30-days", "settle-90-days", "extension",
                             "never"]
    rows = {o.name: o for o in compare(choices, policy)}
    assert rows["never"].reopen == "never" and rows["never"].cost_open_ended
    assert rows["settle-today"].reopens_on < rows["settle-30-days"].reopens_on
    assert rows["settle-30-days"].reopens_on <= rows["settle-90-days"].reopens_on
    assert rows["settle-today"].cost < rows["settle-30-days"].cost < rows["settle-90-days"].cost
    assert rows["extension"].cost == pytest.approx(rows["settle-today"].cost + 60)
    assert rows["settle-today"].score_12_months > rows["never"].score_12_months
    assert len(rows["never"].projection.months) == 25


def test_planner_finds_the_latest_settlement_that_still_reopens_in_time():
    target = date(2027, 12, 31)
    plan = latest_settlement(UNPAID, "e1", target)
    assert plan.reachable and plan.reopens_on <= target
    later = SettleEvent("e1", date.fromordinal(plan.settle_by.toordinal() + 1))
    from model import assess

    late = assess(later.apply_to(UNPAID, UNPAID.as_of))
    assert late.jiebei.reopen == "never" or late.jiebei.reopens_on > target


def test_planner_says_when_a_target_cannot_be_reached():
    plan = latest_settlement(UNPAID, "e1", date(2027, 3, 1))
    assert not plan.reachable
    assert "even settling today" in plan.why_en and "即使今天结清" in plan.why_zh
    assert plan.reopens_on is not None


def test_branches_fork_switch_rename_delete_and_stay_live():
    session = Session(UNPAID)
    names = []
    session.changed.connect(lambda state: names.append(state.branch_names))
    session.fork("settle today")
    session.apply(SettleEvent("e1"))
    assert session.branch == "settle today"
    assert session.assessment.jiebei.state is JiebeiState.REDUCED
    session.switch("main")
    assert session.assessment.jiebei.state is JiebeiState.SUSPENDED
    assert not session.can_undo  # each branch keeps its own history
    live = session.branch_scenarios()
    assert live["settle today"].event("e1").settled == UNPAID.as_of
    session.rename_branch("settle today", "pay now")
    assert session.branch_names == ("main", "pay now")
    with pytest.raises(EditError, match="already exists"):
        session.fork("pay now")
    session.delete_branch("pay now")
    with pytest.raises(EditError, match="last branch"):
        session.delete_branch("main")
    assert names[-1] == ("main",)


def test_planner_says_a_target_beyond_the_years_covered_is_not_reachable():
    scenario = load_sample("fenqile-unsettled")
    plan = latest_settlement(scenario, "e1", date(2200, 3, 1))
    assert not plan.reachable and "2199" in plan.why_en and "2199" in plan.why_zh
