"""Snapshots of the main screens: a changed picture fails until a person accepts it
(``pytest --snapshot-update``, then look at the SVGs under ``__snapshots__``).

Synchronous tests (pytest-textual-snapshot runs the app itself); fixed sample dates;
cursor blink off so a frame never depends on timing.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from model import Session, load_sample
from tui.app import JiebeiApp
from tui.options import AppOptions


def app_for(sample: str, lang: str = "en", theme: str = "textual-dark") -> JiebeiApp:
    app = JiebeiApp(Session(load_sample(sample)), AppOptions(lang=lang, first_run_notice=False))
    app.theme = theme
    return app


def typing(*keys: str):
    """Press keys, then stop the cursor blinking so the frame is the same every time."""

    async def run(pilot: Pilot) -> None:
        await pilot.press(*keys)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    return run


def test_settled_overdue_wide(snap_compare):
    assert snap_compare(app_for("fenqile-settled"), terminal_size=(120, 36))


def test_unsettled_chinese_narrow(snap_compare):
    assert snap_compare(app_for("fenqile-unsettled", lang="zh"), terminal_size=(80, 24))


def test_several_products_light(snap_compare):
    app = app_for("several-unsettled", theme="jiebei-light")
    assert snap_compare(app, terminal_size=(120, 36))


def test_settle_today_then_six_months(snap_compare):
    keys = ["s", "]", "]", "]", "]", "]", "]"]
    assert snap_compare(app_for("fenqile-unsettled"), press=keys, terminal_size=(120, 36))


def test_add_form_shows_inline_errors(snap_compare):
    keys = ["a", "0", "tab", *"2026-02-30", "ctrl+s"]
    assert snap_compare(app_for("clean"), terminal_size=(120, 36), run_before=typing(*keys))


def test_help_screen_in_chinese(snap_compare):
    assert snap_compare(app_for("fenqile-settled", lang="zh"), press=["question_mark"],
                        terminal_size=(120, 36))


def test_compare_choices(snap_compare):
    assert snap_compare(app_for("fenqile-unsettled"), press=["c"], terminal_size=(120, 36))


def test_guided_tour_step_in_chinese_narrow(snap_compare):
    assert snap_compare(app_for("fenqile-unsettled", lang="zh"), terminal_size=(80, 24),
                        press=["g", "n", "n"])


def test_compare_cursor_six_months_on(snap_compare):
    assert snap_compare(app_for("fenqile-unsettled"), terminal_size=(120, 36),
                        run_before=typing("c", *["right_square_bracket"] * 6))
