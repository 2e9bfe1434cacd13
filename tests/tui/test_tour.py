"""The guided tour: its script, and walking it in the app."""

from __future__ import annotations

from datetime import date

import pytest

from model import assess, default_policy
from tests.tui.helpers import NARROW, WIDE, make_app, shown_state
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


async def test_leaving_the_tour_keeps_its_state_to_explore():
    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query_one(TourPanel).display
        assert app.main.tour_step is None
        assert shown_state(app) == "SUSPENDED"
        await pilot.press("s")  # the app's own keys: settle the overdue today
        await pilot.pause()
        assert app.session.scenario.event("e1").settled == date(2026, 11, 29)
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


async def test_g_starts_the_tour_and_its_steps_can_be_undone():
    app = make_app("fenqile-settled")
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        await pilot.press("g")
        await pilot.pause()
        assert app.main.tour_step == 0
        assert app.session.scenario != before
        await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        assert app.session.scenario == before  # the tour's change was one undoable edit


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
    from tui.widgets.flow_text import FlowText

    app = make_app(tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")  # two days late: inside the grace period
        await pilot.pause()
        assert shown_state(app) == "AVAILABLE"
        assert "inside the grace period" in app.query_one("#jiebei-why", FlowText).plain
        await pilot.press("n")  # 45 days: suspended, and the pane says why
        await pilot.pause()
        assert "overdue and unpaid" in app.query_one("#jiebei-why", FlowText).plain


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
