"""Overdue events: add, edit, settle today, extend and delete, through their keys and forms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input

from tests.tui.helpers import (
    AMOUNT,
    DAYS,
    DUE,
    EVENT,
    PRODUCT,
    SCENARIO_DAY,
    SETTLED,
    STATUS,
    WIDE,
    badge,
    clear_and_type,
    make_app,
    rows,
    shown_score,
    shown_state,
    table,
    text,
    toasts,
    type_text,
)
from tui.features.events import ON_AN_EVENT as EVENT_ACTIONS
from tui.screens.dialogs import Confirm, PathPrompt
from tui.screens.forms import EventForm, ExtensionForm
from tui.widgets.key_footer import KeyBar

# --- adding through the form ----------------------------------------------------------


async def test_add_event_through_the_form_updates_every_pane():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        assert table(app).row_count == 0
        assert shown_state(app) == "AVAILABLE"
        assert "No overdue events" in text(app, "#events-empty")
        score_before = shown_score(app)

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert app.focused is not None and app.focused.id == "f-amount"
        await type_text(pilot, "1200")
        await pilot.press("tab")
        await type_text(pilot, "2026-10-01")  # the due field's default is selected: replaced
        await pilot.press("enter")
        await pilot.pause()

        assert not isinstance(app.screen, EventForm)
        assert table(app).row_count == 1
        row = rows(app)[0]
        assert row[EVENT] == "e1"
        assert row[PRODUCT] == "Fenqile"
        assert row[AMOUNT] == "1,200"
        assert row[DUE] == "2026-10-01"
        assert row[SETTLED] == "unpaid"
        assert row[STATUS] == "overdue"
        assert row[DAYS] == str((SCENARIO_DAY - date(2026, 10, 1)).days)
        assert not app.query_one("#events-empty").display

        assert shown_state(app) == "SUSPENDED"
        assert app.session.assessment.jiebei.state == "suspended"
        assert shown_score(app) < score_before
        assert shown_score(app) == app.session.assessment.score.likely
        assert "●" in app.title  # unsaved
        event = app.session.scenario.event("e1")
        assert (event.account, event.amount, event.due, event.settled) == (
            "fenqile", 1200.0, date(2026, 10, 1), None)


def form_words(app) -> list[str]:
    """Every line of words the open form shows: its title, labels, hints and errors."""
    return [str(w.render()) for w in app.screen.query("Static, Label") if str(w.render())]


def said_once(app, words: str) -> bool:
    return sum(words in line for line in form_words(app)) == 1


@pytest.mark.parametrize(
    ("lang", "amount", "due", "settled", "field", "message"),
    [
        ("en", "0", "2026-10-01", "", "f-amount", "a positive amount"),
        ("zh", "0", "2026-10-01", "", "f-amount", "须为正数"),
        ("en", "1200", "2026-02-30", "", "f-due", "2026-02-30 is not a real date"),
        ("zh", "1200", "2026-02-30", "", "f-due", "2026-02-30 不是真实存在的日期"),
        ("en", "1200", "2026-10-01", "2026-09-01", "f-settled",
         "settled (2026-09-01) is before due (2026-10-01)"),
        ("zh", "1200", "2026-10-01", "2026-09-01", "f-settled",
         "结清日(2026-09-01)早于到期日(2026-10-01)"),
    ],
    ids=["amount-zero", "amount-zero-zh", "no-such-day", "no-such-day-zh",
         "settled-before-due", "settled-before-due-zh"],
)
async def test_invalid_input_keeps_the_form_open_and_changes_nothing(
    lang: str, amount: str, due: str, settled: str, field: str, message: str
):
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        rows_before = rows(app)
        badge_before = badge(app)

        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, amount)
        await pilot.press("tab")
        await type_text(pilot, due)
        await pilot.press("tab")
        await type_text(pilot, settled)
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, EventForm), "the form closed on invalid input"
        # Said once, under its own field, and nowhere else.
        assert message in text(app, f"#{field}-error")
        assert app.screen.query_one(f"#{field}", Input).has_class("-invalid")
        assert said_once(app, message), form_words(app)
        assert text(app, "#form-error") == ""
        assert app.session.scenario is before
        assert not app.session.dirty and not app.session.can_undo

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EventForm)
        assert app.session.scenario is before
        assert rows(app) == rows_before
        assert badge(app) == badge_before
        assert "●" not in app.title


@pytest.mark.parametrize(
    ("lang", "required", "not_real", "before_due"),
    [("en", "required", "2026-02-30 is not a real date",
      "settled (2026-01-01) is before due (2026-10-01)"),
     ("zh", "必填", "2026-02-30 不是真实存在的日期", "结清日(2026-01-01)早于到期日(2026-10-01)")],
)
async def test_every_problem_is_shown_at_once_each_under_its_field(
    lang: str, required: str, not_real: str, before_due: str
):
    """Enter on a form with several mistakes: all of them at once, each once."""
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")  # amount left empty
        await clear_and_type(pilot, "2026-02-30")
        await pilot.press("tab")
        await type_text(pilot, "2026-01-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert text(app, "#f-amount-error") == required
        assert text(app, "#f-due-error") == not_real
        assert said_once(app, not_real)

        await pilot.press("shift+tab")  # a real due date: now the settlement is wrong
        await clear_and_type(pilot, "2026-10-01")
        await pilot.press("enter")
        await pilot.pause()
        assert text(app, "#f-amount-error") == required  # still empty, still said
        assert text(app, "#f-due-error") == ""
        assert before_due in text(app, "#f-settled-error")
        assert said_once(app, before_due) and said_once(app, required), form_words(app)
        assert text(app, "#form-error") == ""
        assert app.session.scenario is before


@pytest.mark.parametrize("typed", ["100000001", "1e308"])
async def test_an_amount_over_the_models_bound_is_said_while_typing(typed: str):
    """As -5 or abc are: not only once Save finds it."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, typed)
        await pilot.pause()
        assert text(app, "#f-amount-error") == "must be at most 100,000,000"


@pytest.mark.parametrize(("lang", "example"), [("en", "e.g. 1200"), ("zh", "例如 1200")])
async def test_the_amount_is_empty_with_an_example_not_a_value(lang: str, example: str):
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        amount = app.screen.query_one("#f-amount", Input)
        assert amount.value == "" and amount.placeholder == example
        # The due date has a real default (it is a value, not a grey example).
        due = app.screen.query_one("#f-due", Input).value
        assert due == (app.session.as_of - timedelta(days=30)).isoformat()


async def test_form_save_button_and_ctrl_s_submit_too():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "300")
        await pilot.click("#form-save")
        await pilot.pause()
        assert table(app).row_count == 1
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "400")
        await pilot.press("ctrl+s")  # inside the form: submit, not "save the file"
        await pilot.pause()
        assert table(app).row_count == 2
        assert [r[AMOUNT] for r in rows(app)] == ["300", "400"]
        assert not isinstance(app.screen, PathPrompt)


async def test_settled_hint_stays_visible():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        hint = text(app, "#f-settled-error")
        assert hint.startswith("blank = unpaid")


async def test_settled_hint_survives_a_failed_submit():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "0")  # invalid amount: the submit is refused
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert text(app, "#f-settled-error").startswith("blank = unpaid")
        await pilot.press("tab", "tab", "1", "backspace")  # typing in the field itself
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-settled"
        assert text(app, "#f-settled-error").startswith("blank = unpaid")
        await type_text(pilot, "2026-13-01")  # an error replaces the hint while it lasts
        await pilot.pause()
        assert text(app, "#f-settled-error") == "2026-13-01 is not a real date"
        await pilot.press("ctrl+u")  # empty again: unpaid, the hint is back
        await pilot.pause()
        assert text(app, "#f-settled-error").startswith("blank = unpaid")


# --- edit, settle, extension, delete --------------------------------------------------


async def test_edit_with_e_changes_the_amount():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert rows(app)[0][AMOUNT] == "1,200"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        form = app.screen
        assert form.query_one("#f-amount", Input).value == "1200"
        assert form.query_one("#f-due", Input).value == "2026-10-15"
        assert form.query_one("#f-settled", Input).value == ""
        await clear_and_type(pilot, "2500")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EventForm)
        assert rows(app)[0][AMOUNT] == "2,500"
        assert app.session.scenario.event("e1").amount == 2500
        assert "●" in app.title


async def test_edit_can_settle_through_the_settled_field():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab")
        assert app.focused is not None and app.focused.id == "f-settled"
        await type_text(pilot, "2026-11-01")
        await pilot.press("enter")
        await pilot.pause()
        assert rows(app)[0][SETTLED] == "2026-11-01"
        assert rows(app)[0][STATUS] == "settled"
        assert shown_state(app) != "SUSPENDED"


async def test_enter_on_an_event_opens_the_edit_form():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert app.focused is table(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)


async def test_settle_today_turns_an_unpaid_event_settled():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert shown_state(app) == "SUSPENDED"
        assert rows(app)[0][SETTLED] == "unpaid"
        await pilot.press("s")
        await pilot.pause()
        row = rows(app)[0]
        assert row[SETTLED] == SCENARIO_DAY.isoformat()
        assert row[STATUS] == "settled"
        assert app.session.scenario.event("e1").settled == SCENARIO_DAY
        assert shown_state(app) != "SUSPENDED"
        assert shown_state(app) == app.session.assessment.jiebei.state.upper()


async def test_settle_today_before_the_due_date_is_refused_with_a_message():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        before = app.session.scenario
        await pilot.press("[", "[")  # 2026-09-29: e1 is not due yet
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.session.scenario is before
        assert rows(app)[0][SETTLED] == "unpaid"
        assert any("is before due" in t for t in toasts(app)), toasts(app)


async def test_a_settlement_after_the_as_of_date_is_shown_as_planned():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("e", "tab", "tab", *"2026-12-15", "enter")
        await pilot.pause()
        assert rows(app)[0][SETTLED] == "2026-12-15*"
        await pilot.press("]")  # a month on, the plan has happened
        await pilot.pause()
        assert rows(app)[0][SETTLED] == "2026-12-15"


async def test_extension_through_its_form():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExtensionForm)
        form = app.screen
        assert form.query_one("#x-agreed", Input).value == "2026-11-29"
        assert form.query_one("#x-new-due", Input).value == "2026-12-29"
        # The policy's standard extension: 30 days, 1% of the ¥1,200 overdue.
        assert form.query_one("#x-fee", Input).value == "12"
        await pilot.press("tab", "tab")
        assert app.focused is not None and app.focused.id == "x-fee"
        await type_text(pilot, "30")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExtensionForm)
        ext = app.session.scenario.event("e1").extension
        assert ext is not None
        assert (ext.agreed, ext.new_due, ext.fee) == (SCENARIO_DAY, date(2026, 12, 29), 30)
        assert rows(app)[0][STATUS] == "extended"
        assert shown_state(app) == app.session.assessment.jiebei.state.upper()


async def test_x_on_an_extended_event_since_settled_says_it_is_history():
    """Extended, then settled today: x says when it was paid, as s and c do (README),
    rather than opening the extension to be changed."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("x", "enter")  # the standard extension, agreed today
        await pilot.pause()
        await pilot.press("s")  # then paid today
        await pilot.pause()
        before = app.session.scenario
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, ExtensionForm)
        assert "e1 was settled on 2026-11-29: that is history" in toasts(app)[-1]
        assert app.session.scenario is before


async def test_extension_form_refuses_a_new_due_before_the_agreement():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "2026-11-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExtensionForm)
        assert "must come after" in text(app, "#x-new-due-error")
        assert text(app, "#form-error") == ""
        assert app.session.scenario is before
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.scenario is before
        assert rows(app)[0][STATUS] == "overdue"


@pytest.mark.parametrize(("lang", "hint", "refused"), [
    ("en", "0 if the lender charges none", "0 or more (0 if none)"),
    ("zh", "机构不收费则填 0", "须为 0 或以上(不收费填 0)"),
])
async def test_an_extension_fee_of_zero_is_allowed_and_says_so(lang: str, hint: str,
                                                               refused: str):
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert text(app, "#x-fee-error") == hint
        await pilot.press("tab", "tab")
        await clear_and_type(pilot, "-5")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExtensionForm)
        assert text(app, "#x-fee-error") == refused
        await clear_and_type(pilot, "0")
        await pilot.pause()
        assert text(app, "#x-fee-error") == hint  # valid again: the hint is back
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExtensionForm)
        ext = app.session.scenario.event("e1").extension
        assert ext is not None and ext.fee == 0


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "settled (2026-09-01) is before due (2026-09-10)"),
    ("zh", "结清日(2026-09-01)早于到期日(2026-09-10)"),
])
async def test_editing_an_event_to_settle_before_its_due_is_said_under_settled(
    lang: str, message: str
):
    app = make_app("fenqile-settled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        assert before.event("e1").due == date(2026, 9, 10)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        await pilot.press("tab", "tab")
        assert app.focused is not None and app.focused.id == "f-settled"
        await clear_and_type(pilot, "2026-09-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert message in text(app, "#f-settled-error")
        assert said_once(app, message)
        assert app.session.scenario is before


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "settled (2026-09-01) is before due (2026-10-15)"),
    ("zh", "结清日(2026-09-01)早于到期日(2026-10-15)"),
])
async def test_a_refused_edit_outside_a_form_is_said_in_the_users_language(
    lang: str, message: str
):
    from model import SettleEvent

    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        assert app.session.scenario.event("e1").due == date(2026, 10, 15)
        app.screen.apply_edit(SettleEvent("e1", date(2026, 9, 1)))
        await pilot.pause()
        assert any(message in t for t in toasts(app)), toasts(app)


@pytest.mark.parametrize("key", ["d", "delete"])
@pytest.mark.parametrize("answer", ["y", "button"])
async def test_delete_removes_the_row(key: str, answer: str):
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert [r[EVENT] for r in rows(app)] == ["e1", "e2"]
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "e1" in text(app, ".form-title")
        if answer == "y":
            await pilot.press("y")
        else:
            await pilot.click("#yes")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        assert [r[EVENT] for r in rows(app)] == ["e2"]
        assert [e.id for e in app.session.scenario.overdues] == ["e2"]


@pytest.mark.parametrize("answer", ["escape", "n", "button"])
async def test_delete_can_be_cancelled(answer: str):
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        if answer == "button":
            await pilot.click("#no")
        else:
            await pilot.press(answer)
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        assert [r[EVENT] for r in rows(app)] == ["e1", "e2"]
        assert app.session.scenario is before


async def test_delete_acts_on_the_highlighted_row():
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down")
        assert app.main.selected_event == "e2"
        await pilot.press("d", "y")
        await pilot.pause()
        assert [r[EVENT] for r in rows(app)] == ["e1"]


# --- what applies when ----------------------------------------------------------------


async def test_event_keys_are_disabled_without_events():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.main.selected_event is None
        for action in sorted(EVENT_ACTIONS):
            assert app.main.check_action(action, ()) is None, action
        assert app.main.check_action("add_event", ()) is True
        footer = {h.key: h for h in app.query_one(KeyBar).shown}
        for key in ("e", "s", "x"):  # (d is in help: at 120 columns the bar has no room)
            assert not footer[key].enabled, key  # drawn dimmed
        assert footer["a"].enabled

        before = app.session.scenario
        await pilot.press("e", "s", "x", "d", "delete")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert app.session.scenario is before
        assert table(app).row_count == 0


async def test_event_keys_enable_once_there_is_an_event():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a", *"500", "enter")
        await pilot.pause()
        assert app.main.selected_event == "e1"
        for action in EVENT_ACTIONS:
            assert app.main.check_action(action, ()) is True, action
        footer = {h.key: h for h in app.query_one(KeyBar).shown}
        assert footer["s"].enabled
