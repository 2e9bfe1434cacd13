"""Comparing the repayment choices for one event, the planner, keeping choices as branches."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Input

from tests.tui.helpers import (
    NARROW,
    WIDE,
    make_app,
    text,
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
