"""The guided tour: its script, and walking it in the app."""

from __future__ import annotations

from datetime import date

import pytest

from model import assess, default_policy
from tests.tui.helpers import (
    NARROW,
    SETTLED,
    WIDE,
    jiebei_lines,
    make_app,
    rows,
    shown_state,
    toasts,
    type_text,
)
from tui.i18n import TOUR
from tui.screens.compare import CompareScreen
from tui.tour import STEPS, step_scenario
from tui.widgets.tour_panel import TourPanel

# --- the tour's script ----------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(STEPS)))
def test_each_step_shows_the_state_its_caption_describes(index: int):
    step = STEPS[index]
    result = assess(step_scenario(index), default_policy(), step.day)
    assert result.jiebei.state == step.state, TOUR['en'][index][0]


def test_every_step_has_both_languages():
    assert len(TOUR["en"]) == len(TOUR["zh"]) == len(STEPS)
    for (en_title, en_caption), (zh_title, zh_caption) in zip(TOUR["en"], TOUR["zh"],
                                                               strict=True):
        for en, zh in ((en_title, zh_title), (en_caption, zh_caption)):
            assert en and zh and en != zh
            assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)


# --- the tour in the app --------------------------------------------------------------


def tour_title(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.query_one(TourPanel).border_title)


async def test_the_tour_walks_forward_and_back_changing_the_live_model():
    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panel = app.query_one(TourPanel)
        assert panel.display and tour_title(app).startswith("Guided tour 1/10")
        assert app.session.scenario.overdues == ()  # step 1: everything on time
        assert shown_state(app) == "AVAILABLE"

        await pilot.press("n")
        await pilot.pause()
        assert tour_title(app).startswith("Guided tour 2/10")
        assert app.session.as_of == date(2026, 10, 17)
        assert [e.id for e in app.session.scenario.overdues] == ["e1"]

        await pilot.press("right", "right")  # arrows too, even with the table focused
        await pilot.pause()
        assert tour_title(app).startswith("Guided tour 4/10")
        assert shown_state(app) == "FROZEN"
        assert app.query_one("#report").has_class("-tour-focus")

        await pilot.press("left")
        await pilot.pause()
        assert tour_title(app).startswith("Guided tour 3/10")
        assert shown_state(app) == "SUSPENDED"
        assert app.session.as_of == date(2026, 11, 29)


async def test_leaving_the_tour_keeps_its_state_to_explore_in_its_own_branch():
    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        assert "branch Tour" in app.sub_title  # the steps are shown in the tour's branch
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query_one(TourPanel).display
        assert app.main.tour_step is None
        assert app.session.branch == "main"
        await pilot.press("b")  # the tour's branch is in the menu: switch to it
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.session.branch == "Tour"
        assert shown_state(app) == "SUSPENDED"  # step 3's story, to explore from
        await pilot.press("s")  # the app's own keys: settle the overdue today
        await pilot.pause()
        assert app.session.scenario.event("e1").settled == app.session.as_of
        await pilot.press("right")  # no tour: the arrow no longer moves any step
        await pilot.pause()
        assert app.main.tour_step is None


async def test_escape_in_a_dialog_during_the_tour_closes_the_dialog_only():
    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "n", "n", "n")  # 5/10: the choices
        await pilot.pause()
        assert tour_title(app).startswith("Guided tour 5/10")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("right")  # the dialog's own keys, not the tour's
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
        assert app.main.tour_step == 4 and app.query_one(TourPanel).display


async def test_the_tour_never_takes_your_work():
    """A renamed branch with an edit: the tour runs beside it, and leaving returns to it
    as it was, its undo history too."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("b", "r")
        await pilot.pause()
        await pilot.press(*["backspace"] * 4)
        await type_text(pilot, "mine")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")  # settle e1 today: the user's own change
        await pilot.press(*["right_square_bracket"] * 2)  # and a date of their own
        await pilot.pause()
        mine, day = app.session.scenario, app.session.as_of
        assert rows(app)[0][SETTLED] == "2026-11-29"

        await pilot.press("g")
        await pilot.pause()
        assert app.main.tour_step == 0
        assert app.session.branch == "Tour" and "branch Tour" in app.sub_title
        await pilot.press("n", "n", "n")
        await pilot.pause()
        assert rows(app)[0][SETTLED] == "unpaid"  # the tour's story, not the user's
        await pilot.press("escape")
        await pilot.pause()

        assert app.session.branch == "mine" and "branch mine" in app.sub_title
        assert app.session.scenario == mine and app.session.as_of == day
        assert rows(app)[0][SETTLED] == "2026-11-29"
        assert any("back to branch mine" in t for t in toasts(app))
        await pilot.press("ctrl+z")  # their undo history is theirs still
        await pilot.pause()
        assert rows(app)[0][SETTLED] == "unpaid"
        assert app.session.branch_names == ("mine", "Tour")


async def test_in_chinese_the_tours_branch_is_named_in_chinese():
    app = make_app("fenqile-unsettled", lang="zh")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert app.session.branch == "导览" and "分支 导览" in app.sub_title
        await pilot.press("escape", "g")  # again: the same branch, not a second one
        await pilot.pause()
        assert app.session.branch_names == ("main", "导览")


async def test_the_demo_opens_clean_and_quits_without_a_question(tmp_path):
    autosave = tmp_path / "autosave.json"
    app = make_app(tour=True, autosave_file=autosave)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        assert "●" not in app.title  # nothing unsaved: the story is the tour's
        assert not autosave.exists()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running  # no "unsaved changes" question
    assert app.return_code == 0


async def test_the_caption_follows_the_language():
    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert tour_title(app).startswith("导览 1/10")
        assert "小林" in str(app.query_one(TourPanel).render())


async def test_the_last_step_ends_the_tour():
    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*["n"] * len(STEPS))
        await pilot.pause()
        assert app.main.tour_step is None
        assert not app.query_one(TourPanel).display


async def test_while_still_available_the_jiebei_pane_says_how_long_that_lasts():
    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")  # two days late: inside the grace period
        await pilot.pause()
        assert shown_state(app) == "AVAILABLE"
        assert "inside the grace period" in " ".join(jiebei_lines(app))
        await pilot.press("n")  # 45 days: suspended, and the pane says why
        await pilot.pause()
        assert "overdue and unpaid" in " ".join(jiebei_lines(app))


async def test_after_a_resize_the_tours_pane_is_still_in_view():
    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "n")  # step 3 talks about the Why pane
        await pilot.pause()
        await pilot.resize_terminal(*NARROW)  # the panes stack and scroll
        await pilot.pause()
        await pilot.pause()
        main = app.query_one("#main")
        pane = app.query_one("#reasons")
        assert main.region.y <= pane.region.y < main.region.bottom  # its top is on screen


async def test_keys_typed_in_the_planner_during_the_tour_are_text():
    from textual.widgets import Input

    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "n", "n", "n")  # 5/10: the choices
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("tab", "end", "n", "k")  # the tour's next, compare's keep
        await pilot.pause()
        assert app.screen.query_one("#plan-target", Input).value.endswith("nk")
        assert app.main.tour_step == 4 and isinstance(app.screen, CompareScreen)
