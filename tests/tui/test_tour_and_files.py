"""The guided tour, demo-session sandboxing and recent files, as a user meets them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from model import assess, default_policy, load_scenario
from model.recent import KEEP, read_recent, remember
from model.samples import sample_text
from tests.tui.test_app import NARROW, WIDE, make_app, shown_state, text, type_text
from tui.screens.compare import CompareScreen
from tui.screens.dialogs import PathPrompt
from tui.tour import STEPS, step_scenario
from tui.widgets.tour_panel import TourPanel

# --- the tour's script ------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(STEPS)))
def test_each_step_shows_the_state_its_caption_describes(index: int):
    step = STEPS[index]
    result = assess(step_scenario(index), default_policy(), step.day)
    assert result.jiebei.state == step.state, step.title[0]


def test_every_step_has_both_languages():
    for step in STEPS:
        for text_pair in (step.title, step.caption):
            en, zh = text_pair
            assert en and zh and en != zh
            assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)


# --- the tour in the app ----------------------------------------------------------------


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


# --- a demo session's folder --------------------------------------------------------------


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A demo session's own folder, inside tmp_path (whose other files are "outside")."""
    folder = tmp_path / "session"
    folder.mkdir()
    return folder


async def test_a_demo_session_saves_only_inside_its_folder(tmp_path: Path, sandbox: Path):
    app = make_app(sandbox=sandbox)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+w")
        await pilot.pause()
        await type_text(pilot, "/tmp/x.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert "only use files in its own folder" in text(app, "#form-error")
        prompt = app.screen.query_one("#path", Input)
        prompt.value = ""
        await type_text(pilot, "../x.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)  # no way out by climbing up
        prompt.value = ""
        await type_text(pilot, "mine.json")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert load_scenario(sandbox / "mine.json") == app.session.scenario
        assert not (tmp_path / "x.json").exists()


async def test_a_demo_session_opens_only_inside_its_folder(tmp_path: Path, sandbox: Path):
    outside = tmp_path / "outside.json"  # a good scenario: only the folder stops it
    outside.write_text(sample_text("clean"), encoding="utf-8")
    app = make_app(sandbox=sandbox)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "../outside.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert "only use files in its own folder" in text(app, "#form-error")
        assert app.session.scenario.name != load_scenario(outside).name  # not opened


# --- recent files -------------------------------------------------------------------------


def test_recent_files_are_newest_first_without_repeats_and_capped(tmp_path: Path):
    listing = tmp_path / "data" / "recent.json"
    assert read_recent(listing) == []
    files = []
    for i in range(KEEP + 2):
        f = tmp_path / f"s{i}.json"
        f.write_text("{}", encoding="utf-8")
        files.append(f)
        remember(listing, f)
    remember(listing, files[3])
    shown = read_recent(listing)
    assert shown[0] == files[3].resolve()
    assert len(shown) == KEEP and len(set(shown)) == KEEP
    files[-1].unlink()  # a file that is gone is not offered
    assert files[-1].resolve() not in read_recent(listing)


def test_an_unreadable_recent_list_is_empty_and_left_alone(tmp_path: Path):
    listing = tmp_path / "recent.json"
    listing.write_text("not json", encoding="utf-8")
    assert read_recent(listing) == []
    assert listing.read_text(encoding="utf-8") == "not json"


async def test_a_saved_file_is_offered_when_opening(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    listing = tmp_path / "recent.json"
    app = make_app("fenqile-unsettled", recent_file=listing)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "ctrl+w")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = ""
        await type_text(pilot, "mine.json")
        await pilot.press("enter")
        await pilot.pause()
        assert read_recent(listing) == [(tmp_path / "mine.json").resolve()]

        await pilot.press("f2")  # open another sample, then come back through the list
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.path is None
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        choices = app.screen.query_one("#choices", OptionList)
        assert str(choices.get_option_at_index(0).prompt) == str(tmp_path / "mine.json")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert app.path == (tmp_path / "mine.json").resolve()
        assert app.session.scenario.event("e1").settled is not None


async def test_a_demo_session_saves_back_to_the_file_it_opened(sandbox: Path):
    mine = sandbox / "room.json"
    mine.write_text(sample_text("fenqile-unsettled"), encoding="utf-8")
    app = make_app(sandbox=sandbox, path=mine)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "ctrl+w")
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value == "room.json"
        await pilot.press("enter")
        await pilot.pause()
        assert load_scenario(mine) == app.session.scenario


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


async def test_a_file_opened_from_the_command_line_joins_the_recent_files(tmp_path: Path):
    mine = tmp_path / "mine.json"
    mine.write_text(sample_text("fenqile-settled"), encoding="utf-8")
    listing = tmp_path / "recent.json"
    app = make_app("fenqile-settled", path=mine, recent_file=listing)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert read_recent(listing) == [mine.resolve()]
