"""The events table as a user drives it: the cursor keys, the mouse, a long list that
scrolls under its header, and rows that stay right after an edit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from model import Session, load_sample, parse_scenario
from model.io import scenario_json
from tui.app import JiebeiApp
from tui.options import AppOptions
from tui.screens.forms import EventForm
from tui.widgets.base import update_in_place
from tui.widgets.events_table import EventsTable

WIDE = (120, 36)


def many_events(count: int = 60) -> Any:
    """The unpaid Fenqile overdue of the sample, then ``count`` old settled ones."""
    import json

    data = json.loads(scenario_json(load_sample("fenqile-unsettled")))
    as_of = date.fromisoformat(data["as_of"])
    for i in range(count):
        due = as_of - timedelta(days=760 + 7 * i)
        data["overdues"].append({
            "id": f"old{i}", "account": "huabei", "amount": 300 + i, "due": due.isoformat(),
            "settled": (due + timedelta(days=5)).isoformat(), "extension": None})
    return parse_scenario(data)


def make_app(scenario: Any = None) -> JiebeiApp:
    return JiebeiApp(Session(scenario or load_sample("several-unsettled")),
                     AppOptions(lang="en", first_run_notice=False))


def table(app: JiebeiApp) -> EventsTable:
    return app.query_one("#events-table", EventsTable)


def drawn(app: JiebeiApp) -> list[Strip]:
    """The table's lines as the screen has them: drawn anew only where the table asked
    to be redrawn (a line it forgets to refresh stays as it was)."""
    t = table(app)
    return t.render_lines(Region(0, 0, t.scrollable_content_region.width,
                                 t.scrollable_content_region.height))


def screen_lines(app: JiebeiApp) -> list[str]:
    """The table's lines as the screen shows them, header first."""
    return ["".join(seg.text for seg in strip).rstrip() for strip in drawn(app)]


def highlighted(app: JiebeiApp) -> list[str]:
    """The first word of each line drawn in the cursor's colours."""
    t = table(app)
    cursor = t.get_component_rich_style("events-table--cursor").bgcolor
    return [line.split()[0] for line, strip in zip(screen_lines(app), drawn(app), strict=True)
            if line.strip() and any(seg.style is not None and seg.style.bgcolor == cursor
                                    and seg.text.strip() for seg in strip)]


def first_words(app: JiebeiApp) -> list[str]:
    return [line.split()[0] for line in screen_lines(app) if line.strip()]


async def test_keys_move_the_cursor_and_the_list_scrolls_under_its_header():
    app = make_app(many_events())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.main.selected_event == "e1"
        await pilot.press("down", "down")
        assert app.main.selected_event == "old1"
        await pilot.press("end")
        await pilot.pause()
        assert app.main.selected_event == "old59"
        words = first_words(app)
        assert words[0] == "event"  # the header stays on top
        assert words[-1] == "old59"  # the last event is in view
        await pilot.press("pageup")
        await pilot.pause()
        assert app.main.selected_event in first_words(app)
        assert app.main.selected_event != "old59"
        await pilot.press("home")
        await pilot.pause()
        assert app.main.selected_event == "e1"
        assert first_words(app)[:2] == ["event", "e1"]
        await pilot.press("up")  # already on the first row: stays
        assert app.main.selected_event == "e1"


async def test_once_scrolled_the_highlight_and_edits_are_drawn_where_they_are():
    """Rows below the first page: the one highlighted is the one the keys act on, and an
    edit shows on its row."""
    app = make_app(many_events())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert highlighted(app) == ["old59"]
        for _ in range(3):
            await pilot.press("up")
        await pilot.pause()
        assert app.main.selected_event == "old56"
        assert highlighted(app) == ["old56"]
        before = screen_lines(app)
        await pilot.press("d", "y")  # delete old56: the rows under it move up
        await pilot.pause()
        assert "old56" not in " ".join(screen_lines(app))
        assert screen_lines(app) != before
        assert highlighted(app) == [app.main.selected_event]
        await pilot.press("ctrl+z", "up", "up")
        await pilot.pause()
        assert highlighted(app) == [app.main.selected_event]


async def test_home_after_a_wheel_scroll_shows_the_top_again():
    app = make_app(many_events())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        table(app).scroll_to(y=20, animate=False)
        await pilot.pause()
        assert "e1" not in first_words(app)
        await pilot.press("home")  # the cursor is on e1 already
        await pilot.pause()
        assert first_words(app)[:2] == ["event", "e1"]


async def test_a_click_highlights_a_row_and_a_second_click_opens_it():
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        t = table(app)
        assert app.main.selected_event == "e1"
        await pilot.click(t, offset=(3, 2))  # the second event, under the header
        await pilot.pause()
        assert app.main.selected_event == "e2"
        assert not isinstance(app.screen, EventForm)
        await pilot.click(t, offset=(3, 2))
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert "e2" in str(app.screen.query_one(".form-title", Static).render())


async def test_an_edit_redraws_its_row_and_keeps_the_cursor_on_its_event():
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("down")
        before = screen_lines(app)
        await pilot.press("s")  # settle e2 today
        await pilot.pause()
        after = screen_lines(app)
        assert app.main.selected_event == "e2"
        # (a date in place of "unpaid" widens its column: compare the words)
        changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True))
                   if a.split() != b.split()]
        assert [after[i].split()[0] for i in changed] == ["e2"]
        assert app.session.as_of.isoformat() in after[changed[0]]


async def test_an_emptied_table_has_no_cursor_and_says_so():
    app = make_app(load_sample("fenqile-unsettled"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("d", "y")
        await pilot.pause()
        assert table(app).row_count == 0
        assert app.main.selected_event is None
        assert first_words(app) == ["event"]
        hint = app.query_one("#events-empty", Static)
        assert "add" in str(hint.render()).lower()
        pane = app.query_one("#events")
        assert pane.region.contains_region(hint.region) and hint.region.height >= 1
        assert hint.region.y == table(app).region.y + 1  # right under the header


class Box(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("one line", id="box")
        yield Static("below", id="below")


async def test_a_static_that_gains_lines_grows_and_pushes_what_follows():
    """update_in_place skips the layout only when the height stays: a change of height
    must still move the widgets under it."""
    app = Box()
    async with app.run_test(size=(40, 10)) as pilot:
        box, below = app.query_one("#box", Static), app.query_one("#below", Static)
        assert below.region.y == 1
        update_in_place(box, "one\ntwo\nthree")
        await pilot.pause()
        assert box.region.height == 3 and below.region.y == 3
        update_in_place(box, "uno\ndos\ntres")  # the same height: text changes in place
        await pilot.pause()
        assert str(box.render()) == "uno\ndos\ntres" and below.region.y == 3
        update_in_place(box, "one")
        await pilot.pause()
        assert box.region.height == 1 and below.region.y == 1
