"""The Textual app as a user meets it: real key presses through Pilot, and assertions on
what the panes show (rendered text, table cells), checked against the session."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.color import Color
from textual.geometry import Region
from textual.widgets import Button, Digits, Input, OptionList, Static

from model import SAMPLE_NAMES, Session, load_sample, load_scenario
from model.samples import sample_text
from tui.app import JiebeiApp
from tui.features.events import ON_AN_EVENT as EVENT_ACTIONS
from tui.i18n import BASIS, REMINDER
from tui.options import AppOptions
from tui.screens.dialogs import Confirm, Disclaimer, PathPrompt, QuitConfirm, SamplePicker
from tui.screens.forms import EventForm, ExtensionForm
from tui.screens.help import HelpScreen
from tui.widgets.events_table import EventsTable
from tui.widgets.key_footer import KeyBar

WIDE = (120, 36)
NARROW = (80, 24)
SCENARIO_DAY = date(2026, 11, 29)  # the as-of date of every built-in sample
PANES = ("jiebei", "score", "events", "reasons", "accounts", "report")
# The columns of the events table (tui/widgets/events_pane.py COLUMNS).
EVENT, PRODUCT, AMOUNT, DUE, SETTLED, STATUS, DAYS, CODE = range(8)


def make_app(sample: str = "fenqile-unsettled", **kwargs) -> JiebeiApp:
    kwargs.setdefault("first_run_notice", False)
    kwargs.setdefault("lang", "en")
    return JiebeiApp(Session(load_sample(sample)), AppOptions(**kwargs))


def text(app: JiebeiApp, selector: str) -> str:
    """The plain text a Static (or Label) on the current screen renders."""
    return str(app.screen.query_one(selector).render())


def badge(app: JiebeiApp) -> str:
    return str(app.query_one("#jiebei-badge", Static).render())


def shown_state(app: JiebeiApp) -> str:
    """The state word the badge shows in capitals, e.g. SUSPENDED."""
    return badge(app).split()[0]


def table(app: JiebeiApp) -> EventsTable:
    return app.query_one("#events-table", EventsTable)


def rows(app: JiebeiApp) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table(app).rows]


def shown_score(app: JiebeiApp) -> int:
    return int(app.query_one("#score-digits", Digits).value)


def footer_words(app: JiebeiApp) -> dict[str, str]:
    """Footer key -> description, as the footer widgets show them (after a pause: the
    footer composes its keys after the first refresh)."""
    return {h.key: h.description for h in app.query_one(KeyBar).shown}


def toasts(app: JiebeiApp) -> list[str]:
    """The notifications on screen (the app must run with ``notifications=True``)."""
    return [str(t.render()) for t in app.screen.query("Toast")]


async def type_text(pilot, value: str) -> None:
    await pilot.press(*value)


async def clear_and_type(pilot, value: str) -> None:
    """Empty the focused Input (cursor to the end, delete everything left) and type."""
    await pilot.press("end", "ctrl+u", *value)


# --- adding through the form ------------------------------------------------------------


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
        assert "●" in app.sub_title  # unsaved
        event = app.session.scenario.event("e1")
        assert (event.account, event.amount, event.due, event.settled) == (
            "fenqile", 1200.0, date(2026, 10, 1), None)


@pytest.mark.parametrize(
    ("amount", "due", "settled", "field", "message"),
    [
        ("0", "2026-10-01", "", "f-amount", "a positive amount"),
        ("1200", "2026-02-30", "", "f-due", "not a date"),
        ("1200", "2026-10-01", "2026-09-01", None, "is before due"),
    ],
    ids=["amount-zero", "no-such-day", "settled-before-due"],
)
async def test_invalid_input_keeps_the_form_open_and_changes_nothing(
    amount: str, due: str, settled: str, field: str | None, message: str
):
    app = make_app("fenqile-unsettled")
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
        assert message in text(app, "#form-error")
        if field is not None:  # a field-level problem is also shown beside the field
            assert message in text(app, f"#{field}-error")
            assert app.screen.query_one(f"#{field}", Input).has_class("-invalid")
        assert app.session.scenario is before
        assert not app.session.dirty and not app.session.can_undo

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EventForm)
        assert app.session.scenario is before
        assert rows(app) == rows_before
        assert badge(app) == badge_before
        assert "●" not in app.sub_title


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
        assert text(app, "#f-settled-error") == "not a date: use YYYY-MM-DD"
        await pilot.press("ctrl+u")  # empty again: unpaid, the hint is back
        await pilot.pause()
        assert text(app, "#f-settled-error").startswith("blank = unpaid")


# --- edit, settle, extension, delete ---------------------------------------------------


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
        assert "●" in app.sub_title


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
        assert "must come after" in text(app, "#form-error")
        assert app.session.scenario is before
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.scenario is before
        assert rows(app)[0][STATUS] == "overdue"


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


# --- undo, redo -------------------------------------------------------------------------


@pytest.mark.parametrize(("undo", "redo"), [("ctrl+z", "ctrl+y"), ("u", "r")])
async def test_undo_and_redo_restore(undo: str, redo: str):
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        original = app.session.scenario
        original_rows = rows(app)
        original_badge = badge(app)
        assert app.main.check_action("undo", ()) is None
        assert app.main.check_action("redo", ()) is None

        await pilot.press("d", "y")  # delete e1
        await pilot.pause()
        await pilot.press("s")  # settle e2 today
        await pilot.pause()
        after = app.session.scenario
        after_rows = rows(app)
        assert [r[EVENT] for r in after_rows] == ["e2"]
        assert after_rows[0][SETTLED] == SCENARIO_DAY.isoformat()
        assert badge(app) != original_badge

        await pilot.press(undo)
        await pilot.pause()
        assert rows(app)[0][SETTLED] == "unpaid"
        await pilot.press(undo)
        await pilot.pause()
        assert rows(app) == original_rows
        assert badge(app) == original_badge
        assert app.session.scenario == original
        assert "●" not in app.sub_title  # back to what was loaded
        assert app.main.check_action("undo", ()) is None

        await pilot.press(undo)  # nothing left: disabled, harmless
        await pilot.pause()
        assert rows(app) == original_rows

        await pilot.press(redo, redo)
        await pilot.pause()
        assert rows(app) == after_rows
        assert app.session.scenario == after
        assert "●" in app.sub_title
        assert app.main.check_action("redo", ()) is None


# --- time -------------------------------------------------------------------------------


async def test_month_keys_move_the_as_of_date_and_equals_returns():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert rows(app)[0][DAYS] == "45"
        assert "2026-11-29" in app.sub_title and "⏱" not in app.sub_title
        assert app.main.check_action("reset_date", ()) is None

        await pilot.press("]")
        await pilot.pause()
        assert app.session.as_of == date(2026, 12, 29)
        assert "as of 2026-12-29" in app.sub_title and "⏱" in app.sub_title
        assert rows(app)[0][DAYS] == "75"  # an unpaid event keeps ageing

        await pilot.press("]")
        await pilot.pause()
        assert app.session.as_of == date(2027, 1, 29)
        assert rows(app)[0][DAYS] == "106"

        await pilot.press("[")
        await pilot.pause()
        assert app.session.as_of == date(2026, 12, 29)
        assert rows(app)[0][DAYS] == "75"

        await pilot.press("=")
        await pilot.pause()
        assert app.session.as_of == SCENARIO_DAY
        assert "as of 2026-11-29" in app.sub_title and "⏱" not in app.sub_title
        assert rows(app)[0][DAYS] == "45"
        # moving in time is not an edit of the scenario
        assert not app.session.dirty and "●" not in app.sub_title


async def test_going_back_before_the_due_date_shows_the_event_not_due():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("[", "[")
        await pilot.pause()
        assert app.session.as_of == date(2026, 9, 29)
        assert rows(app)[0][DAYS] == "0"
        assert rows(app)[0][STATUS] == "not due"
        assert shown_state(app) == "AVAILABLE"


# --- language, theme, help -------------------------------------------------------------


async def test_l_switches_to_chinese_and_back():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.query_one("#jiebei").border_title == "Jiebei"
        assert footer_words(app)["a"] == "Add"
        assert text(app, "#reminder") == REMINDER["en"]

        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "zh"
        assert app.query_one("#jiebei").border_title == "借呗"
        assert app.query_one("#events").border_title == "逾期记录"
        words = footer_words(app)
        assert words["a"] == "添加"
        assert words["s"] == "结清"
        assert words["q"] == "退出"
        assert words["l"] == "English"
        assert text(app, "#reminder") == REMINDER["zh"]
        assert "暂停借款" in badge(app)
        assert rows(app)[0][SETTLED] == "未还"
        assert "截至" in app.sub_title

        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert app.query_one("#jiebei").border_title == "Jiebei"
        assert footer_words(app)["a"] == "Add"
        assert text(app, "#reminder") == REMINDER["en"]
        assert "new borrowing paused" in badge(app)
        assert rows(app)[0][SETTLED] == "unpaid"


async def test_forms_follow_the_language():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("l", "a")
        await pilot.pause()
        assert text(app, ".form-title") == "添加逾期记录"
        await pilot.press("0", "enter")
        await pilot.pause()
        assert text(app, "#form-error") == "须为正数"


async def test_t_cycles_the_themes():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert app.theme == "textual-dark"
        seen = []
        for _ in range(3):
            await pilot.press("t")
            await pilot.pause()
            assert app.current_theme.name == app.theme
            seen.append(app.theme)
        assert seen == ["jiebei-light", "ansi-dark", "textual-dark"]
        assert shown_state(app) == "SUSPENDED"  # the panes survive every theme


async def test_theme_change_recolours_the_events_table():
    """The table keeps the rows it drew: a new theme must draw them in its colours.
    (The second event: the cursor's colours cover the first.)"""
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        for _ in range(3):
            unpaid = rows(app)[1][SETTLED]
            drawn = [s for s in table(app).render_line(2) if s.text.strip() == unpaid]
            expected = app.get_css_variables()["error"]  # the theme's error colour, as CSS
            assert drawn and drawn[0].style is not None and drawn[0].style.color
            assert drawn[0].style.color == Color.parse(expected).rich_color, app.theme
            await pilot.press("t")
            await pilot.pause()
        assert app.theme == "textual-dark"


def help_lines(app: JiebeiApp) -> list[str]:
    """Every line of text on the help screen."""
    return [line for static in app.screen.query(Static)
            for line in str(static.render()).splitlines()]


async def test_help_opens_and_escape_closes():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = "\n".join(help_lines(app))
        assert "Keys and meanings" in body
        for words in ("Settle", "Extend", "Redo", "Samples", "Quit", "Command palette"):
            assert words in body
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.focused is table(app)


async def test_help_line_for_the_bracket_key_has_no_markup_left():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        line = next(x for x in help_lines(app) if "−1 mo" in x)
        assert "[/]" not in line
        assert re.fullmatch(r"\s+\[\s+−1 mo", line)


@pytest.mark.parametrize(("key", "control"), [
    ("f2", "#samples"), ("ctrl+o", "#path"), ("ctrl+w", "#path"), ("?", "VerticalScroll"),
])
async def test_dialogs_focus_their_control(key: str, control: str):
    """Regression: an app-wide AUTO_FOCUS once left these dialogs with nothing focused."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not app.screen_stack[0]
        assert app.focused is app.screen.query_one(control)


async def test_sample_picker_works_from_the_keyboard_alone():
    """The whole choice with keys only, as a keyboard user would: f2, down, enter."""
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.session.scenario == load_sample(SAMPLE_NAMES[1])


async def test_1_and_2_move_the_focus_between_events_and_reasons():
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert app.focused is table(app)
        await pilot.press("2")
        await pilot.pause()
        assert app.focused is app.query_one("#reasons-scroll")
        await pilot.press("s")  # the event keys still act on the highlighted event
        await pilot.pause()
        assert rows(app)[0][SETTLED] == SCENARIO_DAY.isoformat()
        await pilot.press("1")
        await pilot.pause()
        assert app.focused is table(app)


# --- samples, files ---------------------------------------------------------------------


async def test_f2_picks_a_sample():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, SamplePicker)
        options = app.screen.query_one("#samples", OptionList)
        assert options.option_count == len(SAMPLE_NAMES)
        assert options.highlighted == 0
        await pilot.press(*["down"] * SAMPLE_NAMES.index("long-unpaid"), "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SamplePicker)
        assert shown_state(app) == "FROZEN"
        assert "frozen" in badge(app)
        assert app.session.scenario == load_sample("long-unpaid")
        assert app.sub_title.endswith("· Long unpaid")
        assert "●" not in app.sub_title
        assert rows(app)[0][DAYS] == "167"


async def test_f2_with_unsaved_changes_asks_first():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        edited = app.session.scenario
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert app.session.scenario is edited
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SamplePicker)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.session.scenario == load_sample(SAMPLE_NAMES[2])
        assert not app.session.dirty


async def test_unsaved_confirm_before_opening_a_sample_does_not_say_quit():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "f2")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Quit" not in str(app.screen.query_one("#yes", Button).label)
        assert str(app.screen.query_one("#no", Button).label).endswith("(n)")  # says its key


async def test_ctrl_s_without_a_path_saves_as(tmp_path: Path):
    app = make_app("fenqile-unsettled")
    target = tmp_path / "mine.json"
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "●" in app.sub_title
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        prompt = app.screen.query_one("#path", Input)
        assert app.focused is prompt
        assert prompt.value == "scenario.json"
        await type_text(pilot, str(target))  # the default is selected: typing replaces it
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert target.is_file()
        assert load_scenario(target) == app.session.scenario
        assert "●" not in app.sub_title
        assert not app.session.dirty
        assert app.path == target
        assert any(f"Saved to {target}" in t for t in toasts(app)), toasts(app)

        # Now the app knows the path: ctrl+s saves there without asking.
        await pilot.press("e")
        await pilot.pause()
        await clear_and_type(pilot, "999")
        await pilot.press("enter")
        await pilot.pause()
        assert "●" in app.sub_title
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert load_scenario(target) == app.session.scenario
        assert load_scenario(target).event("e1").amount == 999
        assert "●" not in app.sub_title


async def test_save_refuses_to_overwrite_a_file_that_is_not_a_scenario(in_tmp: Path):
    tmp_path = in_tmp
    app = make_app("fenqile-unsettled")
    notes = tmp_path / "notes.json"
    notes.write_text("my notes, not a scenario\n", encoding="utf-8")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await type_text(pilot, "notes.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        message = text(app, "#form-error")
        assert message.startswith("notes.json: not valid JSON"), message
        assert notes.read_text(encoding="utf-8") == "my notes, not a scenario\n"
        assert app.session.dirty and "●" in app.sub_title
        assert app.path is None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert notes.read_text(encoding="utf-8") == "my notes, not a scenario\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


async def test_save_as_into_a_missing_folder_is_refused(in_tmp: Path):
    tmp_path = in_tmp
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await type_text(pilot, "nope/x.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert "no such folder" in text(app, "#form-error")
        assert list(tmp_path.iterdir()) == []


async def test_w_saves_as_where_a_browser_keeps_ctrl_w(in_tmp: Path):
    """In the browser room ctrl+w would close the tab: w saves as, to the file typed."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await type_text(pilot, "mine.json")
        await pilot.press("enter")
        await pilot.pause()
    assert load_scenario(in_tmp / "mine.json") == load_sample("fenqile-unsettled")


async def test_ctrl_o_opens_a_file_and_reports_a_bad_path(in_tmp: Path):
    source = in_tmp / "long.json"
    source.write_text(sample_text("long-unpaid"), encoding="utf-8")
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert app.screen.query_one("#path", Input).value == ""
        await type_text(pilot, "missing.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert "no such file" in text(app, "#form-error")
        assert shown_state(app) == "SUSPENDED"

        await clear_and_type(pilot, "long.json")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert shown_state(app) == "FROZEN"
        assert app.session.scenario == load_scenario(source)
        assert app.sub_title.endswith("· Long unpaid")
        assert app.path is not None and app.path.resolve() == source.resolve()
        assert "●" not in app.sub_title


async def test_ctrl_o_refuses_a_file_that_is_not_a_valid_scenario(in_tmp: Path):
    broken = in_tmp / "broken.json"
    broken.write_text('{"format": "jiebei-sim/scenario@1", "name": "x"}', encoding="utf-8")
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "broken.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        message = text(app, "#form-error")
        assert message.startswith("broken.json: ") and "as_of" in message, message
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.scenario is before
        assert shown_state(app) == "SUSPENDED"


# --- quitting ---------------------------------------------------------------------------


async def test_q_with_unsaved_changes_asks_and_escape_keeps_running():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitConfirm)
        assert "unsaved" in text(app, ".form-title")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, QuitConfirm)
        assert app.session.dirty
        await pilot.press("q", "y")
        await pilot.pause()
        assert not app.is_running


async def test_q_with_nothing_unsaved_exits():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


# --- what applies when -----------------------------------------------------------------


async def test_event_keys_are_disabled_without_events():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.main.selected_event is None
        for action in sorted(EVENT_ACTIONS):
            assert app.main.check_action(action, ()) is None, action
        assert app.main.check_action("add_event", ()) is True
        footer = {h.key: h for h in app.query_one(KeyBar).shown}
        for key in ("e", "s", "x", "d"):
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


async def test_first_run_disclaimer_is_shown_and_enter_dismisses_it():
    app = make_app("fenqile-unsettled", first_run_notice=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Disclaimer)
        assert "Before you start" in text(app, ".form-title")
        await pilot.press("s")  # the app's keys wait behind the notice
        await pilot.pause()
        assert app.session.scenario.event("e1").settled is None
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Disclaimer)
        assert app.screen is app.screen_stack[0]


async def test_dismissing_the_disclaimer_writes_the_marker(tmp_path: Path):
    marker = tmp_path / "config" / "disclaimer-seen"
    app = make_app("fenqile-unsettled", first_run_notice=True, notice_marker=marker)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Disclaimer)
        assert not marker.exists()  # shown is not read
        await pilot.click("#ok")
        await pilot.pause()
        assert not isinstance(app.screen, Disclaimer)
        assert marker.exists()


async def test_no_disclaimer_when_not_first_run():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert len(app.screen_stack) == 1


# --- layout -----------------------------------------------------------------------------


def within(region: Region, width: int, height: int) -> bool:
    return (region.width > 0 and region.height > 0 and region.x >= 0 and region.y >= 0
            and region.right <= width and region.bottom <= height)


async def test_narrow_terminal_stacks_the_panes_and_shows_the_answer_first():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow") and not screen.has_class("-wide")
        badge_widget = app.query_one("#jiebei-badge")
        assert within(badge_widget.region, *NARROW), badge_widget.region
        assert "SUSPENDED" in badge(app)
        # what is on the terminal at the badge's place is the badge
        assert screen.get_widget_at(badge_widget.region.x, badge_widget.region.y)[0] is (
            badge_widget)
        # one column: each pane spans the width, in the documented order
        tops = [app.query_one(f"#{p}").region.y for p in PANES[:2]]
        assert tops == sorted(tops)
        widths = {app.query_one(f"#{pane}").region.width for pane in PANES}
        assert len(widths) == 1 and widths.pop() >= NARROW[0] - 1  # less a scrollbar


async def test_narrow_terminal_still_works_with_keys():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert shown_state(app) == app.session.assessment.jiebei.state.upper()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        form = app.screen.query_one(".form")
        assert within(form.region, *NARROW)


async def test_wide_terminal_shows_all_six_panes_at_once():
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        regions = {}
        for pane in PANES:
            region = app.query_one(f"#{pane}").region
            assert within(region, *WIDE), (pane, region)
            regions[pane] = region
        names = list(regions)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                assert not regions[a].overlaps(regions[b]), (a, b)
        assert within(app.query_one("#jiebei-badge").region, *WIDE)
        assert within(app.query_one("#reminder").region, *WIDE)


def many_old_events(count: int = 60) -> Session:
    """The unpaid Fenqile overdue, among ``count`` older ones settled within days, years
    ago: each a record on the report."""
    from datetime import timedelta

    from model import parse_scenario
    from model.io import scenario_json

    data = json.loads(scenario_json(load_sample("fenqile-unsettled")))
    for i in range(count):
        due = SCENARIO_DAY - timedelta(days=760 + 7 * i)
        data["overdues"].append({"id": f"old{i}", "account": "huabei", "amount": 300,
                                 "due": due.isoformat(),
                                 "settled": (due + timedelta(days=5)).isoformat()})
    return Session(parse_scenario(data))


def drawn(widget) -> list[str]:
    """The rows a widget draws now, as the compositor would ask for them."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.size))]


async def test_many_report_records_scroll_inside_their_pane_at_120x36():
    app = JiebeiApp(many_old_events(), AppOptions(lang="en", first_run_notice=False))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for pane in PANES:
            assert within(app.query_one(f"#{pane}").region, *WIDE), pane
        assert app.query_one("#events-table").region.height >= 5  # the events keep room
        grid = app.query_one("#report-grid")
        assert not any("old59" in row for row in drawn(grid))
        grid.scroll_end(animate=False)
        await pilot.pause()
        assert any("old59" in row for row in drawn(grid))


async def test_an_edit_redraws_the_report_record_it_changes():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        grid = app.query_one("#report-grid")
        record = next(row for row in drawn(grid) if row.lstrip().startswith("e1 "))
        assert "kept while unpaid" in record
        await pilot.press("s")
        await pilot.pause()
        record = next(row for row in drawn(grid) if row.lstrip().startswith("e1 "))
        assert "purged 2031-11-29" in record


async def test_theme_change_recolours_the_report():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        grid = app.query_one("#report-grid")
        before = grid.render_lines(Region(0, 0, *grid.size))[0]
        app.theme = "textual-light"
        await pilot.pause()
        after = grid.render_lines(Region(0, 0, *grid.size))[0]
        assert after.text == before.text
        words, was = next(iter(after)), next(iter(before))  # not the padding after them
        assert words.text == was.text and words.style != was.style


async def test_the_chart_of_the_months_ahead_follows_every_edit():
    """Drawn a frame after the answer, it must still end on the months of the latest
    state: here the sample with e1 settled on the as-of day, built from its file."""
    from model import parse_scenario, project
    from model.io import scenario_json

    data = json.loads(scenario_json(load_sample("fenqile-unsettled")))
    (e1,) = [e for e in data["overdues"] if e["id"] == "e1"]
    e1["settled"] = SCENARIO_DAY.isoformat()
    settled = project(parse_scenario(data), months=24).months
    unpaid = project(load_sample("fenqile-unsettled"), months=24).months

    def label(months) -> str:
        return f"{months[0].score_likely} → {months[-1].score_likely}"

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert text(app, "#score-spark-label").endswith(label(unpaid))
        await pilot.press("s", "ctrl+z", "ctrl+y")  # three states, one after the other
        await pilot.pause()
        assert text(app, "#score-spark-label").endswith(label(settled))
        spark = app.query_one("#score-spark")
        assert list(spark.data) == [m.score_likely for m in settled]


async def test_resizing_switches_the_layout():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert app.screen.has_class("-wide")
        await pilot.resize_terminal(*NARROW)
        assert app.screen.has_class("-narrow")
        assert within(app.query_one("#jiebei-badge").region, *NARROW)


# --- keymap -----------------------------------------------------------------------------


def write_keymap(tmp_path: Path) -> Path:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"event.add" = "n"\n', encoding="utf-8")
    return keymap


async def test_keymap_file_rebinds_add_to_n(tmp_path: Path):
    app = make_app("fenqile-unsettled", keymap_file=write_keymap(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, EventForm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        await pilot.press("escape")
        await pilot.pause()
        assert footer_words(app).get("n") == "Add"
        assert "a" not in footer_words(app)
        await pilot.press("l", "n")  # the keymap survives the change of language
        await pilot.pause()
        assert isinstance(app.screen, EventForm)


async def test_a_broken_keymap_file_is_reported_not_fatal(tmp_path: Path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text("this is = = not toml", encoding="utf-8")
    app = make_app("fenqile-unsettled", keymap_file=keymap)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.is_running
        assert any("keymap" in (n.title or "") for n in app._notifications)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)


async def test_help_shows_the_keys_of_the_keymap(tmp_path: Path):
    app = make_app("fenqile-unsettled", keymap_file=write_keymap(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        add = next(x for x in help_lines(app) if x.rstrip().endswith(" Add"))
        assert add.split()[0] == "n"


async def test_profile_form_changes_base_score_limit_and_income_proof():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "backspace", *"620", "tab")
        await pilot.press(*["backspace"] * 5, *"50000", "tab", "space", "ctrl+s")
        await pilot.pause()
        profile = app.session.scenario.profile
        assert (profile.base_score, profile.income_proof) == (620, True)
        assert app.session.assessment.jiebei.base_limit == 50000
        assert "50,000" in str(app.query_one("#jiebei-limit").render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.scenario.profile.base_score == 700  # one undo, the whole form


async def test_profile_form_refuses_a_score_out_of_range():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "backspace", *"999", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#p-score-error").render().plain.startswith("a whole")
        assert app.session.scenario.profile.base_score == 700


async def test_compare_needs_an_event():
    app = make_app("clean")
    async with app.run_test(size=WIDE):
        assert app.main.check_action("compare", ()) is None


async def test_branches_fork_switch_rename_compare_delete():
    from tui.screens.branches import BranchPicker, BranchScreen
    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("b", "n")
        await pilot.pause()
        await type_text(pilot, "pay now")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.branch == "pay now"
        assert "branch pay now" in app.sub_title
        await pilot.press("s")  # settle today, in this branch only
        await pilot.pause()
        assert shown_state(app) == "REDUCED"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BranchScreen)
        await pilot.press("up", "enter")  # back to main
        await pilot.pause()
        assert app.session.branch == "main" and shown_state(app) == "SUSPENDED"
        await pilot.press("b", "c")  # two branches: both are ticked, enter compares
        await pilot.pause()
        assert isinstance(app.screen, BranchPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one("#compare-table")
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["main",
                                                                                  "pay now"]
        await pilot.press("escape", "b", "down", "r")
        await pilot.pause()
        await pilot.press(*["backspace"] * 7)
        await type_text(pilot, "main")  # taken: refused inside the prompt
        await pilot.press("enter")
        await pilot.pause()
        assert "already exists" in str(app.screen.query_one("#form-error").render())
        await pilot.press(*["backspace"] * 4)
        await type_text(pilot, "settle")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.branch_names == ("main", "settle")
        await pilot.press("b", "down", "d", "y")
        await pilot.pause()
        assert app.session.branch_names == ("main",)
        assert "branch" not in app.sub_title


async def test_help_and_quit_hints_are_visible_in_the_footer_at_120_columns():
    for lang in ("en", "zh"):
        app = make_app("fenqile-unsettled", lang=lang)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            bar = app.query_one(KeyBar)
            right = max(end for _, end, _ in bar.spans)
            assert right <= WIDE[0], (lang, right)  # nothing hidden past the edge
            keys = {h.key for h in bar.shown}
            for key in ("question_mark", "q", "a", "s", "l"):
                assert key in keys


async def test_help_and_quit_stay_on_screen_at_80_columns_when_keys_are_cut():
    for lang in ("en", "zh"):
        app = make_app("fenqile-unsettled", lang=lang)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            bar = app.query_one(KeyBar)
            line = bar.render().plain
            assert max(end for _, end, _ in bar.spans) <= NARROW[0], lang
            shown = [h.key for h in bar.shown]
            assert shown[-2:] == ["question_mark", "q"], (lang, shown)
            assert len(shown) < len(bar.hints)  # 80 columns cannot hold them all...
            assert "…" in line  # ...and the bar says that more keys are in the help


async def test_clicking_a_key_hint_runs_its_key():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        start = next(start for start, _, hint in bar.spans if hint.key == "question_mark")
        await pilot.click(KeyBar, offset=(start, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_planner_in_the_compare_screen_answers_for_a_typed_target():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        result = app.screen.query_one("#plan-result")
        assert "settle by 2026-12-14" in str(result.render())  # default: a year from now
        app.screen.query_one("#plan-target").focus()
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2027-03-01")
        await pilot.press("enter")
        await pilot.pause()
        assert str(result.render()).startswith("Not reachable by 2027-03-01")
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2027-02-30")
        await pilot.press("enter")
        await pilot.pause()
        assert "YYYY-MM-DD" in str(result.render())


async def test_saving_keeps_every_branch(tmp_path: Path):
    from model.io import load_branches

    app = make_app("fenqile-unsettled")
    target = tmp_path / "whatif.json"
    async with app.run_test(size=WIDE) as pilot:
        app.session.fork("pay now")
        await pilot.press("s")
        await pilot.pause()
        app.path = target
        await pilot.press("ctrl+s")
        await pilot.pause()
        branches = load_branches(target)
        assert list(branches) == ["main", "pay now"]
        assert branches["pay now"].event("e1").settled is not None
        assert branches["main"].event("e1").settled is None
        assert not app.session.dirty


async def test_unsaved_work_is_autosaved_and_offered_back(tmp_path: Path):
    from model.autosave import read_autosave

    autosave = tmp_path / "autosave.json"
    app = make_app("fenqile-unsettled", autosave_file=autosave)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert autosave.exists()  # unsaved work is on disk after every change
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not autosave.exists()  # back to what was loaded: nothing unsaved
        await pilot.press("s")
        await pilot.pause()
    unsaved = read_autosave(autosave)
    assert unsaved is not None and unsaved.branches["main"].event("e1").settled is not None

    again = make_app("fenqile-unsettled", autosave_file=autosave, unsaved=unsaved)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert shown_state(again) == "REDUCED"  # settled, as left last time
        assert again.session.dirty  # restored work is still unsaved


async def test_declining_the_restore_discards_it(tmp_path: Path):
    from model.autosave import read_autosave, write_autosave

    autosave = tmp_path / "autosave.json"
    write_autosave(autosave, {"main": load_sample("clean")}, None)
    app = make_app("fenqile-unsettled", autosave_file=autosave,
                   unsaved=read_autosave(autosave))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not autosave.exists()
        assert shown_state(app) == "SUSPENDED"


async def test_policy_screen_changes_the_rules_live_and_refuses_bad_values():
    from tui.screens.policy import PolicyScreen

    app = make_app("fenqile-settled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PolicyScreen)
        assert app.focused is app.screen.query(Input).first()  # ready to type
        months = app.screen.query_one("#pol-jiebei-reopen_after_clean_months")
        months.value = "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.policy.jiebei.reopen_after_clean_months.value == 1
        assert shown_state(app) == "AVAILABLE"  # the pane behind followed at once
        grace = app.screen.query_one("#pol-timing-grace_days")
        grace.value = "-1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#form-error").render())
        assert "timing.grace_days" in error
        assert app.session.policy.timing.grace_days.value == 3  # refused: unchanged
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session.policy.jiebei.reopen_after_clean_months.value == 6
        assert shown_state(app) == "REDUCED"
        assert grace.value == "3"


async def test_compare_choices_can_be_kept_as_branches_and_saved(tmp_path: Path):
    from model.io import load_branches

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        names = app.session.branch_names
        assert names[0] == "main" and len(names) == 6
        assert "e1: settle today" in names
        assert app.session.branch == "main"  # still where the user was
        app.path = tmp_path / "choices.json"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = load_branches(tmp_path / "choices.json")
        assert saved["e1: never pay"].event("e1").settled is None
        assert saved["e1: settle today"].event("e1").settled == app.session.as_of


async def test_compare_two_to_four_chosen_branches():
    from tui.screens.branches import BranchPicker
    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c", "k")  # six branches: main and the five choices
        await pilot.pause()
        await pilot.press("b", "c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, BranchPicker)
        assert picker.chosen == list(app.session.branch_names[:4])  # current first, 4 at most
        await pilot.press("space")  # untick main: three left
        await pilot.press("down", "down", "down", "down", "space")  # tick the fifth
        await pilot.press("down", "space")  # and the sixth: five ticked, one too many
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is picker
        assert "tick 2 to 4 branches (5 ticked)" in text(app, "#form-error")
        await pilot.press("space")  # untick the sixth again: four
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one("#compare-table")
        shown = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        names = app.session.branch_names
        assert shown == [names[1], names[2], names[3], names[4]]


async def test_compare_timeline_cursor_shows_each_choice_in_that_month():
    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("left_square_bracket")  # already at today: stays
        await pilot.press(*["right_square_bracket"] * 6)
        await pilot.pause()
        assert screen.cursor == 6
        chart = text(app, "#compare-chart")
        month = screen.outcomes[0].projection.months[6]
        assert f"{month.date:%Y-%m} · [ and ] move the cursor" in chart
        for outcome in screen.outcomes:
            here = outcome.projection.months[6]
            assert f"Score {here.score_likely}" in chart
            assert f"limit ¥{here.limit:,.0f}" in chart
        never = screen.outcomes[-1].projection.months[6]
        assert chart.rstrip().splitlines()[-2].endswith(never.state.en)  # never pay's band
        await pilot.press(*["right_square_bracket"] * 40)
        await pilot.pause()
        assert screen.cursor == screen.months - 1  # the end of the timeline, no further


async def test_why_pane_shows_each_reason_with_its_basis_label():
    from tui.linebreak import NO_START
    from tui.widgets.flow_text import FlowText

    for lang, size in (("en", WIDE), ("zh", NARROW), ("zh", WIDE)):
        app = make_app("several-unsettled", lang=lang)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            shown = app.query_one("#reasons-body", FlowText).plain
            flat = " ".join(line.strip() for line in shown.splitlines())
            for reason in app.session.assessment.jiebei.reasons:
                word = BASIS[lang][str(reason.basis)]
                assert (f"▌{word}" if lang == "en" else f"【{word}】") in shown
                if lang == "en":
                    assert reason.en[:30] in flat
                else:  # Chinese is shown without spaces
                    assert reason.zh.replace(" ", "")[:12] in flat.replace(" ", "")
            for line in shown.splitlines():
                assert line.strip()[:1] not in NO_START, (lang, size, line)


async def test_enter_in_the_comparison_does_not_open_the_event_form():
    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


async def test_planner_refuses_a_target_beyond_the_years_covered():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        field = app.screen.query_one("#plan-target", Input)
        field.focus()
        field.value = ""
        await type_text(pilot, "2200-03-01")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert "after 2199" in str(app.screen.query_one("#plan-result").render())


async def test_comparison_fits_80_columns_in_both_languages():
    from tui.screens.compare import CompareScreen

    for lang in ("en", "zh"):
        app = make_app("fenqile-unsettled", lang=lang)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, CompareScreen)
            table = app.screen.query_one("#compare-table")
            assert table.virtual_size.width <= table.size.width, lang  # every column shows
            chart = app.screen.query_one("#compare-chart")
            bars = str(chart.render()).splitlines()[:-1]  # the colour legend may wrap
            assert max(cell_len(line) for line in bars) <= chart.size.width, lang


async def test_a_refused_value_stays_visible_in_a_compact_form_at_80x24():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("p")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input) and field.compact
        field.value = ""
        await pilot.press(*"2000", "enter")
        await pilot.pause()
        assert field.has_class("-invalid")
        assert field.content_region.height == 1  # the typed text still has its row
        assert "2000" in str(field.render_line(0).text)


async def test_names_that_look_like_markup_show_as_written(in_tmp: Path):
    """Scenario, branch and file names are the user's words: "[/]" in one must neither
    vanish nor end the app."""
    from model import Rename
    from tui.screens.branches import BranchPicker, BranchScreen
    from tui.screens.compare import CompareScreen

    odd = "x [/] [b]y"
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        app.session.apply(Rename(odd))
        app.session.fork(odd)
        await pilot.pause()
        assert odd in app.sub_title
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BranchScreen)
        options = app.screen.query_one("#branches", OptionList)
        assert odd in str(options.get_option_at_index(1).prompt)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, BranchPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert odd in text(app, "#compare-chart")
        await pilot.press("escape", "ctrl+w")
        await pilot.pause()
        await type_text(pilot, "[/]x.json")  # a path that is not a folder: refused inline
        await pilot.press("enter")
        await pilot.pause()
        assert text(app, "#form-error") == "[: no such folder"  # "[" shown, not eaten
        app.notify(f"Saved to {odd}")
        await pilot.pause()
        assert any(odd in t for t in toasts(app))


async def test_chinese_branch_names_keep_the_chart_on_its_ruler_at_80_columns():
    from tui.screens.compare import BARS, CompareScreen

    app = make_app("fenqile-unsettled", lang="zh")
    async with app.run_test(size=NARROW) as pilot:
        app.session.fork("提前还款然后申请展期方案")  # 24 cells: longer than the name column
        await pilot.pause()
        await pilot.press("b", "c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        lines = text(app, "#compare-chart").splitlines()
        ruler_at = cell_len(lines[1]) - cell_len(lines[1].lstrip())
        score_lines = [line for line in lines  # a name, then the score bars
                       if line[:1] not in (" ", "█") and any(c in BARS for c in line)]
        assert len(score_lines) == 2
        for line in score_lines:
            first_bar = next(i for i, c in enumerate(line) if c in BARS)
            assert cell_len(line[:first_bar]) == ruler_at, line


async def test_the_notice_in_chinese_never_starts_a_line_with_punctuation():
    from tui.linebreak import NO_START
    from tui.widgets.flow_text import FlowText

    app = make_app("fenqile-unsettled", lang="zh", first_run_notice=True)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Disclaimer)
        body = app.screen.query(FlowText).first().plain
        assert "蚂蚁集团" in body.replace("\n", "")
        assert all(line[:1] not in NO_START for line in body.splitlines()), body
