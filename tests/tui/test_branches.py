"""What-if branches: fork, switch, rename, delete, and compare two to four of them."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.tui.helpers import (
    NARROW,
    WIDE,
    answer_prompt,
    english_words,
    make_app,
    shown_state,
    text,
    toasts,
    type_text,
)


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


async def test_deleting_a_branch_says_it_cannot_be_undone_and_it_cannot():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await answer_prompt(pilot, ("b", "n"), "settle")
        await pilot.press("s")  # a change of its own, with its undo
        await pilot.pause()
        await pilot.press("b", "d")  # the picker starts on the branch we are on
        await pilot.pause()
        assert "cannot be undone" in text(app, ".form-title")
        await pilot.press("y")
        await pilot.pause()
        assert app.session.branch_names == ("main",)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.branch_names == ("main",)


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


async def test_four_long_branch_names_side_by_side_fit_and_follow_a_resize():
    """The table shows every column whole: at 120x36 with the score ranges (Jiebei's
    state said in a word to make room), and again after the terminal shrinks to 80x24 and
    grows back, with the row highlighted kept."""
    from textual.widgets import DataTable

    from tui.screens.compare import CompareScreen

    def fits(table: DataTable) -> bool:
        return table.virtual_size.width <= table.scrollable_content_region.width

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c", "k", "b", "c", "enter")  # main and three choices
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one("#compare-table", DataTable)
        await pilot.press("down", "down")
        await pilot.pause()
        assert fits(table)
        assert "(" in str(table.get_row_at(0)[-1])  # the +12 months' range
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        table = app.screen.query_one("#compare-table", DataTable)
        assert fits(table) and table.cursor_row == 2
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        table = app.screen.query_one("#compare-table", DataTable)
        assert fits(table) and table.cursor_row == 2
        assert "(" in str(table.get_row_at(0)[-1])


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


async def test_restoring_unsaved_work_returns_to_the_branch_you_were_on(tmp_path):
    from model.autosave import read_autosave
    from tui.screens.dialogs import Confirm

    autosave = tmp_path / "autosave.json"
    app = make_app("fenqile-unsettled", autosave_file=autosave)
    async with app.run_test(size=WIDE) as pilot:
        await answer_prompt(pilot, ("b", "n"), "pay now")
        await pilot.press("s")  # settled in this branch only
        await pilot.pause()
    unsaved = read_autosave(autosave)
    assert unsaved is not None

    again = make_app("fenqile-unsettled", autosave_file=autosave, unsaved=unsaved)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert "branch pay now" in again.sub_title
        assert shown_state(again) == "REDUCED"  # the settled branch, as left


async def _picker_on_three_branches(pilot, app):  # type: ignore[no-untyped-def]
    for name in ("a", "b"):
        app.session.fork(name)
    app.session.switch("main")
    await pilot.pause()
    await pilot.press("b", "c")
    await pilot.pause()


@pytest.mark.parametrize("theme", ["textual-dark", "jiebei-light", "ansi-dark"])
async def test_ticked_and_unticked_branches_differ_by_a_mark_in_every_theme(theme: str):
    from tui.screens.branches import BranchPicker
    from tui.widgets.tick_list import TickList

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        app.theme = theme
        await _picker_on_three_branches(pilot, app)
        assert isinstance(app.screen, BranchPicker)
        await pilot.press("down", "space")  # untick "a"
        await pilot.pause()
        ticks = app.screen.query_one("#pick", TickList)
        shown = [ticks.render_line(y).text for y in range(3)]
        assert "✓" in shown[0] and "main" in shown[0]
        assert "✓" not in shown[1] and "a" in shown[1]
        assert "✓" in shown[2]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_hints_state_the_limits_the_picker_keeps(lang: str):
    from tui.screens.branches import COMPARE_FEWEST, COMPARE_MOST, BranchPicker

    limits = {"en": f"{COMPARE_FEWEST} to {COMPARE_MOST}",
              "zh": f"{COMPARE_FEWEST}–{COMPARE_MOST}"}[lang]
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        menu_hint = str(app.screen.query("Static").last().render())
        assert limits in menu_hint  # the branch menu's c
        await pilot.press("escape")
        await _picker_on_three_branches(pilot, app)
        assert isinstance(app.screen, BranchPicker)
        assert limits in str(app.screen.query("Static").last().render())
        await pilot.press("space", "down", "space")  # one left ticked: too few
        await pilot.press("enter")
        await pilot.pause()
        error = text(app, "#form-error")
        assert str(COMPARE_FEWEST) in error and str(COMPARE_MOST) in error
        assert app.screen.MOST == COMPARE_MOST and app.screen.FEWEST == COMPARE_FEWEST


async def test_deleting_the_last_branch_is_refused_in_chinese():
    app = make_app("fenqile-unsettled", lang="zh")
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.press("b", "d", "y")  # main is the only branch
        await pilot.pause()
        assert app.session.branch_names == ("main",)
        [said] = toasts(app)
        assert said.strip() == "不能删除最后一个分支"
        assert english_words(said) == []
