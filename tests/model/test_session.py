"""The reactive session: edits, validation, undo/redo, time and signals."""

from __future__ import annotations

from datetime import date

import pytest

from model import (
    AddAccount,
    AddEvent,
    EditError,
    ExtendEvent,
    JiebeiState,
    LeaveUnpaid,
    RemoveAccount,
    RemoveEvent,
    Session,
    SettleEvent,
    UpdateAccount,
    UpdateEvent,
    UpdateProfile,
    load_sample,
)
from tests.conftest import scenario

NEW_OVERDUE = {"id": "e9", "account": "fenqile", "amount": 900, "due": "2026-10-01"}


@pytest.fixture
def session() -> Session:
    return Session(scenario())


def test_adding_an_overdue_lowers_the_score_and_changes_jiebei(session):
    seen = []
    session.changed.connect(seen.append)
    assert session.assessment.jiebei.state is JiebeiState.AVAILABLE
    result = session.apply(AddEvent(NEW_OVERDUE))
    assert [state.assessment for state in seen] == [result]
    assert seen[0].scenario is session.scenario and seen[0].can_undo and seen[0].dirty
    assert result.score.likely < 700
    assert result.jiebei.state is JiebeiState.SUSPENDED
    assert session.assessment is result


def test_settle_today_uses_the_sessions_date(session):
    session.apply(AddEvent(NEW_OVERDUE))
    session.step_months(1)
    session.apply(SettleEvent("e9"))
    assert session.scenario.event("e9").settled == date(2026, 12, 29)
    rules = [r.rule for r in session.assessment.jiebei.reasons]
    assert "suspended-unsettled" not in rules
    assert "reduced-recent-overdue" in rules


def test_invalid_edits_raise_and_change_nothing(session):
    session.apply(AddEvent(NEW_OVERDUE))
    before = session.scenario
    seen = []
    session.changed.connect(seen.append)
    bad = [
        AddEvent({**NEW_OVERDUE, "id": "e10", "amount": -5}),
        AddEvent({**NEW_OVERDUE, "id": "e10", "account": "nope"}),
        AddEvent(NEW_OVERDUE),  # duplicate id
        UpdateEvent("e9", {"settled": "2026-09-01"}),  # before due
        UpdateEvent("e9", {"due": "2026-02-30"}),
        UpdateEvent("missing", {"amount": 5}),
        ExtendEvent("e9", {"agreed": "2026-10-05", "new_due": "2026-10-01", "fee": 1}),
        UpdateProfile({"base_score": 1200}),
        AddAccount({"id": "x", "product": "unknown-product"}),
        UpdateAccount("jiebei", {"limit": 999_999}),
        RemoveAccount("fenqile"),  # still has an event
    ]
    for edit in bad:
        with pytest.raises(EditError) as info:
            session.apply(edit)
        assert str(info.value), edit
    assert session.scenario is before
    assert seen == []
    assert session.can_undo and not session.can_redo


def test_error_messages_name_the_field(session):
    with pytest.raises(EditError, match=r"amount"):
        session.apply(AddEvent({**NEW_OVERDUE, "amount": 0}))
    with pytest.raises(EditError, match=r"accounts\[\d\]\.product"):
        session.apply(AddAccount({"id": "x", "product": "nope"}))
    session.apply(AddEvent(NEW_OVERDUE))
    with pytest.raises(EditError, match="still has overdue events"):
        session.apply(RemoveAccount("fenqile"))


def test_undo_and_redo_walk_the_snapshots(session):
    history = []
    session.changed.connect(lambda state: history.append((state.can_undo, state.can_redo)))
    first = session.scenario
    session.apply(AddEvent(NEW_OVERDUE))
    second = session.scenario
    session.apply(SettleEvent("e9", date(2026, 10, 20)))
    assert session.undo() and session.scenario is second
    assert session.undo() and session.scenario is first
    assert not session.undo()
    assert session.assessment.jiebei.state is JiebeiState.AVAILABLE
    assert session.redo() and session.scenario is second
    assert session.assessment.jiebei.state is JiebeiState.SUSPENDED
    session.apply(RemoveEvent("e9"))  # a new edit drops the redo branch
    assert not session.can_redo
    assert history[-1] == (True, False)


def test_every_edit_kind(session):
    session.apply(AddAccount({"id": "bt", "product": "baitiao", "limit": 5000}))
    session.apply(AddEvent({**NEW_OVERDUE, "account": "bt"}))
    session.apply(ExtendEvent("e9", {"agreed": "2026-10-10", "new_due": "2027-01-10",
                                     "fee": 20}))
    assert session.assessment.events[0].status == "extended"
    session.apply(ExtendEvent("e9", None))
    session.apply(SettleEvent("e9", date(2026, 10, 30)))
    session.apply(LeaveUnpaid("e9"))
    assert session.scenario.event("e9").settled is None
    session.apply(UpdateProfile({"income_proof": True}))
    assert session.scenario.profile.income_proof
    session.apply(RemoveEvent("e9"))
    session.apply(RemoveAccount("bt"))
    assert [a.id for a in session.scenario.accounts] == ["fenqile", "jiebei", "huabei", "card"]


def test_time_moves_without_touching_history(session):
    session.apply(AddEvent(NEW_OVERDUE))
    days = session.assessment.events[0].days_overdue
    session.step_months(2)
    assert session.as_of == date(2027, 1, 29)
    assert session.assessment.events[0].days_overdue > days
    session.step_months(-3)
    session.reset_as_of()
    assert session.as_of == session.scenario.as_of
    assert session.undo() and session.as_of == date(2026, 11, 29)


def test_stepping_months_does_not_drift_past_february(session):
    for _ in range(6):
        session.step_months(1)
    assert session.as_of == date(2027, 5, 29)
    session.step_months(-6)
    assert session.as_of == date(2026, 11, 29)


def test_as_of_outside_the_calendar_is_refused(session):
    with pytest.raises(EditError, match="outside"):
        session.set_as_of(date(9999, 12, 31))
    assert session.as_of == date(2026, 11, 29)


def test_projection_follows_the_current_snapshot(session):
    assert session.projection.months[-1].state is JiebeiState.AVAILABLE
    session.apply(AddEvent(NEW_OVERDUE))
    assert session.projection.months[-1].state is JiebeiState.FROZEN
    assert len(session.projection.months) == 25


HARSHER = {"score.buckets.0.penalty.high": 80, "score.buckets.1.penalty.high": 120}


@pytest.mark.parametrize("sample", ["fenqile-unsettled", "many-small", "extension"])
def test_the_months_ahead_after_any_walk_are_those_made_afresh(sample: str):
    """A month step reuses the month points already made; after steps both ways, edits,
    undo and a policy change, each projection is still the one made from nothing."""
    from model import project
    from model.policy_edit import policy_with

    session = Session(load_sample(sample))
    walk = [lambda: session.step_months(1), lambda: session.step_months(1),
            lambda: session.step_months(-3), lambda: session.apply(AddEvent(NEW_OVERDUE)),
            lambda: session.step_months(2), lambda: session.undo(),
            lambda: session.step_months(1),
            lambda: session.set_policy(policy_with(session.policy, HARSHER)),
            lambda: session.step_months(-1), lambda: session.step_months(12)]
    for step in walk:
        step()
        fresh = project(session.scenario, session.policy, 24, session.as_of)
        assert session.projection == fresh


def test_dirty_until_saved_and_replace_starts_fresh(session):
    assert not session.dirty
    session.apply(AddEvent(NEW_OVERDUE))
    assert session.dirty
    session.mark_saved()
    assert not session.dirty
    session.replace(load_sample("long-unpaid"))
    assert not session.dirty and not session.can_undo
    assert session.assessment.jiebei.state is JiebeiState.FROZEN


def test_a_session_refuses_a_scenario_its_policy_cannot_read():
    data = scenario().model_dump(mode="json")
    data["accounts"][1]["limit"] = 500  # below the policy's Jiebei minimum
    from model import Scenario

    with pytest.raises(EditError, match=r"accounts\[1\]\.limit"):
        Session(Scenario.model_validate(data))


def test_a_batch_is_one_step_of_history(session):
    from model import Batch, UpdateAccount

    session.apply(Batch((UpdateProfile({"base_score": 640}),
                         UpdateAccount("jiebei", {"limit": 50000}))))
    assert session.scenario.profile.base_score == 640
    assert session.assessment.jiebei.base_limit == 50000
    assert session.undo()
    assert session.scenario.profile.base_score == 700
    assert session.scenario.account("jiebei").limit == 30000
    with pytest.raises(EditError):  # the second part is invalid: nothing applies
        session.apply(Batch((UpdateProfile({"base_score": 640}),
                             UpdateAccount("jiebei", {"limit": 10}))))
    assert session.scenario.profile.base_score == 700


def test_every_change_is_announced_with_what_views_show(session):
    """Saving, renaming a branch and moving the date change what a view shows (the
    unsaved mark, the branch's name, the date): each is announced, with the new state."""
    seen = []
    session.changed.connect(seen.append)
    session.apply(AddEvent(NEW_OVERDUE))
    assert seen[-1].dirty
    session.mark_saved()
    assert len(seen) == 2 and not seen[-1].dirty
    session.fork("what if")
    assert seen[-1].branch == "what if" and seen[-1].branch_names == ("main", "what if")
    session.rename_branch("what if", "pay now")
    assert len(seen) == 4 and seen[-1].branch == "pay now"
    session.step_months(1)
    assert not seen[-1].at_scenario_date
    session.reset_as_of()
    assert seen[-1].at_scenario_date


def test_a_batch_is_announced_once_for_its_end_state(session):
    seen = []
    session.changed.connect(seen.append)
    with session.batch():
        session.fork("settle")
        session.apply(AddEvent(NEW_OVERDUE))
        session.switch("main")
    assert len(seen) == 1
    assert seen[0].branch == "main" and seen[0].branch_names == ("main", "settle")
    assert seen[0].scenario is session.scenario
    with session.batch():
        pass  # nothing changed: nothing to announce
    assert len(seen) == 1


# --- problems, field by field, in no language -------------------------------------------


def test_a_refused_edit_names_every_problem_with_a_code_and_its_values() -> None:
    """A front end words each problem itself (in Chinese, say): the model gives where,
    a code and the values, every one at once, and keeps an English line."""
    session = Session(load_sample("fenqile-unsettled"))
    refusal = session.refusal(AddEvent({**NEW_OVERDUE, "amount": 0, "settled": "2026-09-01"}))
    assert refusal is not None
    found = {(p.where, p.code): dict(p.values) for p in refusal.problems}
    assert found == {
        ("amount", "greater_than"): {"gt": "0"},
        ("settled", "settled_before_due"): {"settled": "2026-09-01", "due": "2026-10-01"},
    }
    assert "settled (2026-09-01) is before due (2026-10-01)" in str(refusal)
    assert session.check(AddEvent(NEW_OVERDUE)) is None and session.refusal(
        AddEvent(NEW_OVERDUE)) is None


def test_a_batch_reports_the_problems_of_every_edit_in_it() -> None:
    from model import Batch

    session = Session(load_sample("clean"))
    refusal = session.refusal(Batch((UpdateProfile({"base_score": 2000}),
                                     UpdateAccount("jiebei", {"limit": 10**9}))))
    assert refusal is not None
    assert [(p.where, p.code) for p in refusal.problems] == [
        ("base_score", "less_than_equal"), ("limit", "less_than_equal")]


def test_a_limit_outside_the_policy_is_a_problem_on_the_limit() -> None:
    session = Session(load_sample("clean"))
    refusal = session.refusal(UpdateAccount("jiebei", {"limit": 10**7}))
    assert refusal is not None
    (problem,) = refusal.problems
    assert problem.code == "jiebei_limit_range" and problem.where.endswith(".limit")
    assert problem.values["limit"] == "10,000,000"


@pytest.mark.parametrize(("typed", "code"), [
    ("2026-02-30", "not_real_date"), ("2026-2-3", "not_a_date"), ("soon", "not_a_date"),
    ("1800-01-01", "outside_calendar"),
])
def test_a_typed_day_is_refused_with_what_it_is_not(typed: str, code: str) -> None:
    from model.errors import InputError
    from model.scenario import read_day

    with pytest.raises(InputError) as caught:
        read_day(typed)
    assert [p.code for p in caught.value.problems] == [code]
    assert read_day(" 2026-02-28 ") == date(2026, 2, 28)


def test_show_in_branch_leaves_the_users_branches_and_unsaved_work_alone():
    s = Session(load_sample("fenqile-unsettled"))
    s.apply(SettleEvent("e1", date(2026, 11, 29)))
    mine = s.scenario
    heard: list[object] = []
    s.changed.connect(heard.append)
    story = load_sample("clean")
    s.show_in_branch("Tour", story)
    assert len(heard) == 1  # one announcement for the new branch and its story
    assert s.branch == "Tour" and s.scenario == story and not s.can_undo
    s.show_in_branch("Tour", load_sample("fenqile-unsettled"))
    assert s.can_undo  # a step there, which undo takes back
    s.switch("main")
    assert s.scenario == mine and s.can_undo  # untouched, its undo too
    assert s.dirty  # the user's settle is still unsaved
    s.undo()
    assert not s.dirty  # and the tour's branch was never unsaved work


def test_a_month_step_makes_one_new_month_point(monkeypatch: pytest.MonkeyPatch):
    """The months ahead after a step are the ones already made, plus one (the speed of
    a month step rests on it; the figures are checked by the test above)."""
    import model.engine as engine

    session = Session(load_sample("fenqile-unsettled"))
    assert session.projection  # the months ahead, made once
    made = []
    point = engine._month_point
    monkeypatch.setattr(engine, "_month_point", lambda *a, **k: made.append(1) or point(*a, **k))
    session.step_months(1)
    assert session.projection
    assert len(made) == 1


@pytest.mark.parametrize("name", ["\x1b[31mred", "bell\x07", "a\x00b"])
def test_a_branch_name_with_control_characters_is_refused(name: str):
    """It would be printed as it is (a saved file's errors, the CLI): escape codes then
    act on the terminal instead of reading as a name."""
    session = Session(load_sample("fenqile-unsettled"))
    with pytest.raises(EditError) as refused:
        session.fork(name)
    assert refused.value.problems[0].code == "control_characters"
    with pytest.raises(EditError):
        session.rename_branch("main", name)
    assert session.branch_names == ("main",)


@pytest.mark.parametrize("text", ["first line\n\tsecond, indented", "written\r\non Windows"])
def test_a_description_keeps_its_lines_and_tabs(text: str):
    data = load_sample("clean").model_dump()
    data["description"] = text
    from model.scenario import Scenario

    assert Scenario.model_validate(data).description == text
