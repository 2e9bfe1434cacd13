"""App-wide: language, theme, help, quitting, the keymap, the first-run notice, names as typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.color import Color
from textual.geometry import Region
from textual.widgets import OptionList, Static

from tests.tui.helpers import (
    NARROW,
    SETTLED,
    WIDE,
    badge,
    footer_words,
    make_app,
    rows,
    shown_state,
    table,
    text,
    toasts,
    type_text,
)
from tui.app import JiebeiApp
from tui.i18n import REMINDER
from tui.screens.dialogs import Disclaimer, QuitConfirm
from tui.screens.forms import EventForm
from tui.screens.help import HelpScreen

# --- language -------------------------------------------------------------------------


async def test_l_switches_to_chinese_and_back():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.query_one("#jiebei").border_title == "Jiebei"
        assert footer_words(app)["a"] == "Add"
        assert text(app, "#reminder") == REMINDER["en"]

        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "zh"
        assert app.query_one("#jiebei").border_title == "借呗"
        assert app.query_one("#events").border_title == "逾期记录"
        words = footer_words(app)
        assert words["a"] == "添加"
        assert words["s"] == "结清"
        assert words["q"] == "退出"
        assert words["l"] == "English"
        assert text(app, "#reminder") == REMINDER["zh"]
        assert "暂停借款" in badge(app)
        assert rows(app)[0][SETTLED] == "未还"
        assert "截至" in app.sub_title

        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert app.query_one("#jiebei").border_title == "Jiebei"
        assert footer_words(app)["a"] == "Add"
        assert text(app, "#reminder") == REMINDER["en"]
        assert "new borrowing paused" in badge(app)
        assert rows(app)[0][SETTLED] == "unpaid"


async def test_forms_follow_the_language():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("l", "a")
        await pilot.pause()
        assert text(app, ".form-title") == "添加逾期记录"
        await pilot.press("0", "enter")
        await pilot.pause()
        assert text(app, "#f-amount-error") == "须为正数"  # under the field, once
        assert text(app, "#form-error") == ""


# --- theme ----------------------------------------------------------------------------


async def test_t_cycles_the_themes():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert app.theme == "textual-dark"
        seen = []
        for _ in range(3):
            await pilot.press("t")
            await pilot.pause()
            assert app.current_theme.name == app.theme
            seen.append(app.theme)
        assert seen == ["jiebei-light", "ansi-dark", "textual-dark"]
        assert shown_state(app) == "SUSPENDED"  # the panes survive every theme


async def test_theme_change_recolours_the_events_table():
    """The table keeps the rows it drew: a new theme must draw them in its colours.
    (The second event: the cursor's colours cover the first.)"""
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        for _ in range(3):
            unpaid = rows(app)[1][SETTLED]
            drawn = [s for s in table(app).render_line(2) if s.text.strip() == unpaid]
            expected = app.get_css_variables()["error"]  # the theme's error colour, as CSS
            assert drawn and drawn[0].style is not None and drawn[0].style.color
            assert drawn[0].style.color == Color.parse(expected).rich_color, app.theme
            await pilot.press("t")
            await pilot.pause()
        assert app.theme == "textual-dark"


async def test_theme_change_recolours_the_report():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        grid = app.query_one("#report-grid")
        before = grid.render_lines(Region(0, 0, *grid.size))[0]
        app.theme = "textual-light"
        await pilot.pause()
        after = grid.render_lines(Region(0, 0, *grid.size))[0]
        assert after.text == before.text
        words, was = next(iter(after)), next(iter(before))  # not the padding after them
        assert words.text == was.text and words.style != was.style


# --- help and dialogs -----------------------------------------------------------------


def help_lines(app: JiebeiApp) -> list[str]:
    """Every line of text on the help screen."""
    return [line for static in app.screen.query(Static)
            for line in str(static.render()).splitlines()]


async def test_help_opens_and_escape_closes():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = "\n".join(help_lines(app))
        assert "Keys and meanings" in body
        for words in ("Settle", "Extend", "Redo", "Samples", "Quit", "Command palette"):
            assert words in body
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.focused is table(app)


async def test_help_line_for_the_bracket_key_has_no_markup_left():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        line = next(x for x in help_lines(app) if "−1 mo" in x)
        assert "[/]" not in line
        assert re.fullmatch(r"\s+\[\s+−1 mo", line)


@pytest.mark.parametrize(("key", "control"), [
    ("f2", "#samples"), ("ctrl+o", "#path"), ("ctrl+w", "#path"), ("?", "VerticalScroll"),
])
async def test_dialogs_focus_their_control(key: str, control: str):
    """Regression: an app-wide AUTO_FOCUS once left these dialogs with nothing focused."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not app.screen_stack[0]
        assert app.focused is app.screen.query_one(control)


# --- quitting -------------------------------------------------------------------------


async def test_q_with_unsaved_changes_asks_and_escape_keeps_running():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitConfirm)
        assert "unsaved" in text(app, ".form-title")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, QuitConfirm)
        assert app.session.dirty
        await pilot.press("q", "y")
        await pilot.pause()
        assert not app.is_running


async def test_q_with_nothing_unsaved_exits():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


# --- first-run notice -----------------------------------------------------------------


async def test_first_run_disclaimer_is_shown_and_enter_dismisses_it():
    app = make_app("fenqile-unsettled", first_run_notice=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Disclaimer)
        assert "Before you start" in text(app, ".form-title")
        await pilot.press("s")  # the app's keys wait behind the notice
        await pilot.pause()
        assert app.session.scenario.event("e1").settled is None
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Disclaimer)
        assert app.screen is app.screen_stack[0]


async def test_dismissing_the_disclaimer_writes_the_marker(tmp_path: Path):
    marker = tmp_path / "config" / "disclaimer-seen"
    app = make_app("fenqile-unsettled", first_run_notice=True, notice_marker=marker)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Disclaimer)
        assert not marker.exists()  # shown is not read
        await pilot.click("#ok")
        await pilot.pause()
        assert not isinstance(app.screen, Disclaimer)
        assert marker.exists()


async def test_no_disclaimer_when_not_first_run():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert len(app.screen_stack) == 1


async def test_the_notice_in_chinese_never_starts_a_line_with_punctuation():
    from tui.linebreak import NO_START
    from tui.widgets.flow_text import FlowText

    app = make_app("fenqile-unsettled", lang="zh", first_run_notice=True)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Disclaimer)
        body = app.screen.query(FlowText).first().plain
        assert "蚂蚁集团" in body.replace("\n", "")
        assert all(line[:1] not in NO_START for line in body.splitlines()), body


# --- keymap ---------------------------------------------------------------------------


def write_keymap(tmp_path: Path) -> Path:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"event.add" = "n"\n', encoding="utf-8")
    return keymap


async def test_keymap_file_rebinds_add_to_n(tmp_path: Path):
    app = make_app("fenqile-unsettled", keymap_file=write_keymap(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, EventForm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        await pilot.press("escape")
        await pilot.pause()
        assert footer_words(app).get("n") == "Add"
        assert "a" not in footer_words(app)
        await pilot.press("l", "n")  # the keymap survives the change of language
        await pilot.pause()
        assert isinstance(app.screen, EventForm)


async def test_a_broken_keymap_file_is_reported_not_fatal(tmp_path: Path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text("this is = = not toml", encoding="utf-8")
    app = make_app("fenqile-unsettled", keymap_file=keymap)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.is_running
        assert any("keymap" in (n.title or "") for n in app._notifications)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)


async def test_help_shows_the_keys_of_the_keymap(tmp_path: Path):
    app = make_app("fenqile-unsettled", keymap_file=write_keymap(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        add = next(x for x in help_lines(app) if x.rstrip().endswith(" Add"))
        assert add.split()[0] == "n"


# --- the user's words -----------------------------------------------------------------


async def test_names_that_look_like_markup_show_as_written(in_tmp: Path):
    """Scenario, branch and file names are the user's words: "[/]" in one must neither
    vanish nor end the app."""
    from model import Rename
    from tui.screens.branches import BranchPicker, BranchScreen
    from tui.screens.compare import CompareScreen

    odd = "x [/] [b]y"
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        app.session.apply(Rename(odd))
        app.session.fork(odd)
        await pilot.pause()
        assert odd in app.sub_title
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BranchScreen)
        options = app.screen.query_one("#branches", OptionList)
        assert odd in str(options.get_option_at_index(1).prompt)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, BranchPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert odd in text(app, "#compare-chart")
        await pilot.press("escape", "ctrl+w")
        await pilot.pause()
        await type_text(pilot, "[/]x.json")  # a path that is not a folder: refused inline
        await pilot.press("enter")
        await pilot.pause()
        assert text(app, "#form-error") == "[: no such folder"  # "[" shown, not eaten
        app.notify(f"Saved to {odd}")
        await pilot.pause()
        assert any(odd in t for t in toasts(app))
