"""Undo and redo of edits, and stepping the as-of date by months and back."""

from __future__ import annotations

from datetime import date

import pytest

from tests.tui.helpers import (
    DAYS,
    EVENT,
    NARROW,
    SCENARIO_DAY,
    SETTLED,
    STATUS,
    WIDE,
    badge,
    make_app,
    rows,
    shown_state,
    toasts,
)

# --- undo, redo -----------------------------------------------------------------------


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
        assert "●" not in app.title  # back to what was loaded
        assert app.main.check_action("undo", ()) is None

        await pilot.press(undo)  # nothing left: disabled, harmless
        await pilot.pause()
        assert rows(app) == original_rows

        await pilot.press(redo, redo)
        await pilot.pause()
        assert rows(app) == after_rows
        assert app.session.scenario == after
        assert "●" in app.title
        assert app.main.check_action("redo", ()) is None


# --- time -----------------------------------------------------------------------------


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
        assert not app.session.dirty and "●" not in app.title


async def test_going_back_before_the_due_date_shows_the_event_not_due():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("[", "[")
        await pilot.pause()
        assert app.session.as_of == date(2026, 9, 29)
        assert rows(app)[0][DAYS] == "0"
        assert rows(app)[0][STATUS] == "not due"
        assert shown_state(app) == "AVAILABLE"


async def test_stepping_past_the_years_covered_is_refused_in_chinese():
    from model import Session, load_sample
    from tui.app import JiebeiApp
    from tui.options import AppOptions

    scenario = load_sample("clean").model_copy(update={"as_of": date(2199, 12, 15)})
    app = JiebeiApp(Session(scenario), AppOptions(first_run_notice=False, lang="zh"))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("]")
        await pilot.pause()
        assert app.session.as_of == date(2199, 12, 15)
        assert any("2200-01-15 超出本模拟器覆盖的年份(1990–2199)" in t for t in toasts(app)), \
            toasts(app)


async def test_the_title_bar_shows_the_new_date_after_a_month_step():
    """The title line repaints without a layout: what it draws must still follow."""
    from textual.widgets._header import HeaderTitle

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("]")
        await pilot.pause()
        line = app.screen.query_one(HeaderTitle)
        drawn = "".join(segment.text for segment in line.render_line(0))
        assert str(app.session.as_of) in drawn and "2026-12-29" in drawn, drawn
