"""Comparing the repayment choices for one event, the planner, keeping choices as branches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Input

from tests.tui.helpers import (
    NARROW,
    WIDE,
    make_app,
    text,
    toasts,
    type_text,
)

# --- the comparison -------------------------------------------------------------------


async def test_compare_needs_an_event():
    app = make_app("clean")
    async with app.run_test(size=WIDE):
        assert app.main.check_action("compare", ()) is None


async def test_enter_in_the_comparison_does_not_open_the_event_form():
    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


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


# --- the planner ----------------------------------------------------------------------


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
        assert str(result.render()) == "2027-02-30 is not a real date"  # as the CLI says


async def test_a_resize_while_typing_a_target_leaves_the_planner_as_it_was():
    """The dialog is composed again across the narrow width: what is being typed keeps
    the keys (q in the table would close the dialog), and the answer shown stays the one
    for the date asked, not a judgement of half a date."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        answer = str(app.screen.query_one("#plan-result").render())
        field = app.screen.query_one("#plan-target", Input)
        field.focus()
        field.value = ""
        await type_text(pilot, "2027-0")
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        field = app.screen.query_one("#plan-target", Input)
        assert app.focused is field and field.value == "2027-0"
        assert str(app.screen.query_one("#plan-result").render()) == answer
        await type_text(pilot, "3-01q")
        await pilot.pause()
        assert type(app.screen).__name__ == "CompareScreen"  # q was typed, not obeyed
        assert field.value == "2027-03-01q"


@pytest.mark.parametrize(("lang", "typed", "message"), [
    ("en", "2200-03-01", "2200-03-01 is outside the years 1990–2199"),
    ("zh", "2200-03-01", "2200-03-01 超出本模拟器覆盖的年份(1990–2199)"),
    ("zh", "2027-02-30", "2027-02-30 不是真实存在的日期"),
    ("zh", "next year", "不是日期:格式为 YYYY-MM-DD"),
])
async def test_planner_refuses_a_target_it_cannot_take_in_the_users_words(
    lang: str, typed: str, message: str
):
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        field = app.screen.query_one("#plan-target", Input)
        field.focus()
        field.value = ""
        await type_text(pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert message in str(app.screen.query_one("#plan-result").render())


# --- keeping the choices --------------------------------------------------------------


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


# --- the comparison as the user sees it, at both sizes ---------------------------------


async def _compare(pilot):  # type: ignore[no-untyped-def]
    from tui.screens.compare import CompareScreen

    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CompareScreen)
    return pilot.app.screen


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_at_120x36_every_choice_the_planner_and_the_hint_fit_without_scrolling(
        lang: str):
    from textual.containers import VerticalScroll
    from textual.widgets import DataTable

    from tui.i18n import tr

    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _compare(pilot)
        await pilot.pause()
        box = screen.query_one(VerticalScroll)
        assert box.max_scroll_y == 0  # nothing below the fold
        table = screen.query_one("#compare-table", DataTable)
        assert table.max_scroll_x == 0  # the last column, +12 mo, whole
        assert str(table.columns["score_12"].label) == tr(lang, "score_12")
        for widget in (table, screen.query_one("#plan-target"), screen.query_one("#plan-result"),
                       screen.query("Static").last()):
            assert box.region.contains_region(widget.region), widget


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_at_80x24_the_choices_read_whole(lang: str):
    from textual.widgets import DataTable

    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        screen = await _compare(pilot)
        table = screen.query_one("#compare-table", DataTable)
        assert table.max_scroll_x == 0
        labels = [app.main.choice_label(o.name) for o in screen.outcomes]
        assert "30-day extension" in labels or "展期 30 天" in labels
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == labels
        chart = text(app, "#compare-chart")
        for label in labels:
            assert any(line.startswith(label + " ") for line in chart.splitlines()), label
        width = screen.query_one("#compare-chart").size.width
        for line in chart.splitlines()[:-1]:  # each bar line on one row (the legend wraps)
            assert cell_len(line) <= width, line


async def test_keys_typed_in_the_planner_are_text_not_commands():
    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await _compare(pilot)
        await pilot.press("tab")  # into the planner's date
        await pilot.pause()
        field = app.screen.query_one("#plan-target", Input)
        assert app.focused is field
        await pilot.press("end", "k", "c", "q")  # keep, close and quit, elsewhere
        await pilot.pause()
        assert field.value.endswith("kcq")
        assert isinstance(app.screen, CompareScreen) and app.is_running
        assert app.session.branch_names == ("main",)  # nothing kept as branches


async def test_escape_closes_only_what_is_on_top_of_the_comparison():
    from textual.widgets import DataTable

    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        compare = await _compare(pilot)
        await pilot.press("tab", "escape")  # leaves the planner: the comparison stays
        await pilot.pause()
        assert app.screen is compare
        assert isinstance(app.focused, DataTable)
        await pilot.press("ctrl+p")  # the command palette, on top of the comparison
        await pilot.pause()
        assert app.screen is not compare
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is compare
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_at_80x24_the_page_keys_scroll_the_comparison_down_to_the_planner():
    from textual.containers import VerticalScroll

    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        body = app.screen.query_one(VerticalScroll)
        planner = app.screen.query_one("#plan-target", Input)
        assert body.max_scroll_y > 0  # it does not fit: the planner starts out of sight
        assert planner.region.y >= body.region.bottom
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert body.region.y <= planner.region.y < body.region.bottom  # now in sight
        await pilot.press("pageup", "pageup", "pageup")
        await pilot.pause()
        assert body.scroll_y == 0


# --- at the calendar's end (2199-12-31) ------------------------------------------------


def _app_near_the_calendars_end():  # type: ignore[no-untyped-def]
    """The unpaid Fenqile overdue as of 2199-12-20: 30 days on is past the last year."""
    from model import Session, load_sample
    from model.edits import UpdateEvent
    from tui.app import JiebeiApp
    from tui.options import AppOptions

    start = load_sample("fenqile-unsettled")
    late = UpdateEvent("e1", {"due": date(2199, 11, 1)}).apply_to(
        start.model_copy(update={"as_of": date(2199, 12, 20)}), date(2199, 12, 20))
    return JiebeiApp(Session(late), AppOptions(first_run_notice=False, lang="en"))


async def test_near_the_calendars_end_c_compares_only_the_choices_it_can_hold():
    from tui.screens.compare import CompareScreen

    app = _app_near_the_calendars_end()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one("#compare-table")
        shown = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert shown == ["settle today", "never pay"]
        # the planner starts on the last day covered, and answers for it
        assert app.screen.query_one("#plan-target", Input).value == "2199-12-31"
        assert "Not reachable by 2199-12-31" in text(app, "#plan-result")


async def test_near_the_calendars_end_x_is_refused_in_words_not_a_crash():
    app = _app_near_the_calendars_end()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert app.is_running
        assert app.session.scenario.event("e1").extension is None
        assert ("30-day extension: 2200-01-19 is outside the years 1990–2199"
                in " ".join(toasts(app)))
