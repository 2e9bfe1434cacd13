"""The events table as a user drives it: the cursor keys, the mouse, a long list that
scrolls under its header, and rows that stay right after an edit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Static

from model import Session, load_sample, parse_scenario
from model.io import scenario_json
from tui.app import JiebeiApp
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
    return JiebeiApp(Session(scenario or load_sample("several-unsettled")), lang="en",
                     first_run_notice=False)


def table(app: JiebeiApp) -> EventsTable:
    return app.query_one("#events-table", EventsTable)


def screen_lines(app: JiebeiApp) -> list[str]:
    """The table's lines as drawn on the screen, header first."""
    t = table(app)
    return ["".join(seg.text for seg in t.render_line(y)).rstrip()
            for y in range(t.scrollable_content_region.height)]


def first_words(app: JiebeiApp) -> list[str]:
    return [line.split()[0] for line in screen_lines(app) if line.strip()]


async def test_keys_move_the_cursor_and_the_list_scrolls_under_its_header():
    app = make_app(many_events())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.selected_event == "e1"
        await pilot.press("down", "down")
        assert app.selected_event == "old1"
        await pilot.press("end")
        await pilot.pause()
        assert app.selected_event == "old59"
        words = first_words(app)
        assert words[0] == "event"  # the header stays on top
        assert words[-1] == "old59"  # the last event is in view
        await pilot.press("pageup")
        await pilot.pause()
        assert app.selected_event in first_words(app)
        assert app.selected_event != "old59"
        await pilot.press("home")
        await pilot.pause()
        assert app.selected_event == "e1"
        assert first_words(app)[:2] == ["event", "e1"]
        await pilot.press("up")  # already on the first row: stays
        assert app.selected_event == "e1"


async def test_a_click_highlights_a_row_and_a_second_click_opens_it():
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        t = table(app)
        assert app.selected_event == "e1"
        await pilot.click(t, offset=(3, 2))  # the second event, under the header
        await pilot.pause()
        assert app.selected_event == "e2"
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
        assert app.selected_event == "e2"
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
        assert app.selected_event is None
        assert first_words(app) == ["event"]
        assert app.query_one("#events-empty", Static).display


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
