"""App-wide: language, theme, help, quitting, the keymap, the first-run notice, names as typed."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest
from textual.color import Color
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.widgets import OptionList, Static

from tests.tui.helpers import (
    NARROW,
    PANES,
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
from tui.i18n import COMMANDS, REMINDER
from tui.main_screen import MainScreen
from tui.screens.dialogs import UnsavedConfirm
from tui.screens.forms import EventForm
from tui.screens.help import HelpScreen
from tui.widgets.key_footer import KeyBar
from tui.widgets.notice_panel import NoticePanel

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
        assert badge(app).split() == ["暂停", "暂时不能新借"]
        assert rows(app)[0][SETTLED] == "未还"
        assert "截至" in app.sub_title

        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert app.query_one("#jiebei").border_title == "Jiebei"
        assert footer_words(app)["a"] == "Add"
        assert text(app, "#reminder") == REMINDER["en"]
        assert badge(app).split() == ["SUSPENDED", *["no", "new", "borrowing", "for", "now"]]
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


async def test_theme_change_recolours_the_key_bar():
    """The key bar keeps the looks it drew: a new theme must draw them anew."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        before = list(bar.render_line(0))
        await pilot.press("t")
        await pilot.pause()
        after = list(bar.render_line(0))
        assert [s.text for s in after] == [s.text for s in before]
        assert [s.style for s in after] != [s.style for s in before]


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
        keys = {line.split("  ")[-1].strip(): line.split() for line in help_lines(app)
                if line.startswith("  ")}
        # Undo and redo answer to u and r as well: help says so.
        assert keys["Undo"][:2] == ["^z", "u"] and keys["Redo"][:2] == ["^y", "r"]
        for n, pane in enumerate(PANES, start=1):  # a number key for every pane
            assert any(line.split()[:1] == [str(n)] for line in help_lines(app)), pane
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.focused is table(app)


async def test_help_names_the_dialogs_keys_and_they_do_what_it_says():
    from textual.widgets import Input

    from tui.screens.compare import CompareScreen

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        body = "\n".join(help_lines(app))
        assert "tab the planner" in body and "k keep the choices as branches" in body
        assert "n new from this one" in body and "r rename" in body
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("tab")  # the planner, as help says
        assert isinstance(app.focused, Input) and app.focused.id == "plan-target"
        await pilot.press("escape", "k")  # back to the table; k keeps the choices
        await pilot.pause()
        assert len(app.session.branch_names) == 1 + 5  # the five choices, beside main


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
        assert isinstance(app.screen, UnsavedConfirm)
        assert "unsaved" in text(app, ".form-title")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, UnsavedConfirm)
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


def notice_shown(app: JiebeiApp) -> bool:
    panel = app.screen.query_one("#notice", NoticePanel)
    return panel.display and panel.border_title == "Before you start"


async def test_first_run_notice_shows_beside_the_panes_and_enter_closes_it():
    app = make_app("fenqile-unsettled", first_run_notice=True)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert notice_shown(app)
        assert "SUSPENDED" in badge(app)  # the answer, beside the notice
        await pilot.press("s")  # the screen's keys wait behind the notice, and say so
        await pilot.pause()
        assert app.session.scenario.event("e1").settled is None
        assert any("Read the notice first" in t for t in toasts(app))
        await pilot.press("enter")  # closes the notice, and edits nothing
        await pilot.pause()
        assert not notice_shown(app) and app.screen is app.screen_stack[0]
        await pilot.press("s")  # now the keys act
        await pilot.pause()
        assert app.session.scenario.event("e1").settled is not None


@pytest.mark.parametrize("close", ["escape", "click"])
async def test_closing_the_notice_writes_the_marker(tmp_path: Path, close: str):
    marker = tmp_path / "config" / "disclaimer-seen"
    app = make_app("fenqile-unsettled", first_run_notice=True, notice_marker=marker)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert notice_shown(app)
        assert not marker.exists()  # shown is not read
        if close == "click":
            await pilot.click("#notice")
        else:
            await pilot.press(close)
        await pilot.pause()
        assert not notice_shown(app)
        assert marker.exists()


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_closing_the_notice_leaves_nothing_of_it_on_the_terminal(size):
    """What a terminal shows, drawn from the frames the app sends (pyte), once the notice
    is closed: the panes where it was, as the screen holds them."""
    import pyte

    app = make_app("fenqile-settled", lang="zh", first_run_notice=True)
    terminal = pyte.Screen(*size)
    stream = pyte.Stream(terminal)
    display = app._display

    def sent(screen, update) -> None:  # type: ignore[no-untyped-def]
        display(screen, update)
        if update is not None:
            stream.feed(update.render_segments(app.console))

    app._display = sent  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "开始之前" in "".join(terminal.display)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        held = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
        assert [row.rstrip() for row in terminal.display] == held
        assert "开始之前" not in "".join(terminal.display)


@pytest.mark.parametrize("served", [False, True])
async def test_the_notice_is_in_the_users_language_and_for_a_visitor_in_both(
        tmp_path: Path, served: bool):

    extra = {"sandbox": tmp_path} if served else {}
    app = make_app("fenqile-unsettled", lang="zh", first_run_notice=True, **extra)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        shown = app.screen.query_one("#notice", NoticePanel).plain
        assert "蚂蚁集团" in shown
        assert ("Not affiliated" in shown) is served  # a visitor's language may be guessed wrong


async def test_no_notice_when_not_first_run():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert len(app.screen_stack) == 1
        assert not app.screen.query_one("#notice", NoticePanel).display


async def test_the_notice_in_chinese_never_starts_a_line_with_punctuation():
    from tui.linebreak import NO_START

    app = make_app("fenqile-unsettled", lang="zh", first_run_notice=True)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#notice", NoticePanel).plain
        assert "蚂蚁集团" in body.replace("\n", "")
        assert all(line[:1] not in NO_START for line in body.splitlines()), body


# --- keymap ---------------------------------------------------------------------------


def write_keymap(tmp_path: Path, lines: str = '"event.add" = "plus"\n') -> Path:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text(lines, encoding="utf-8")
    return keymap


async def test_keymap_file_rebinds_add_to_plus(tmp_path: Path):
    app = make_app("fenqile-unsettled", keymap_file=write_keymap(tmp_path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert not toasts(app)  # a key no other key uses: nothing to warn about
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, EventForm)
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        await pilot.press("escape")
        await pilot.pause()
        assert footer_words(app).get("plus") == "Add"
        assert "a" not in footer_words(app)
        await pilot.press("l", "plus")  # the keymap survives the change of language
        await pilot.pause()
        assert isinstance(app.screen, EventForm)


async def test_a_keymap_value_that_is_not_text_is_named_and_changes_nothing(tmp_path: Path):
    """``"event.add" = 5`` is a mistake (keys are written "a,insert"), not the key 5: the
    pane key 5 keeps its job, and a notice says which line is wrong."""
    keymap = write_keymap(tmp_path, '"event.add" = 5\n"history.undo" = "u"\n')
    app = make_app("fenqile-unsettled", keymap_file=keymap)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        said = " ".join(toasts(app))
        assert "event.add" in said and "as text" in said
        assert "both" not in said  # no clash with pane 5 reported
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)  # a still adds


async def test_the_empty_events_hint_names_the_key_a_keymap_gave_add(tmp_path: Path):
    app = make_app("clean", keymap_file=write_keymap(tmp_path, '"event.add" = "insert"\n'))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert text(app, "#events-empty") == "No overdue events. Press insert to add one."
        await pilot.press("l")
        await pilot.pause()
        assert text(app, "#events-empty") == "没有逾期记录。按 insert 添加。"
        await pilot.press("insert")  # the key it names adds one
        await pilot.pause()
        assert isinstance(app.screen, EventForm)


async def test_a_keymap_for_the_tours_esc_leaves_esc_to_the_notice(tmp_path: Path):
    """Textual's keymap drops every binding of a key it remaps away from: Esc, shared by
    the tour and the notice, must survive a keymap that moves either of them."""
    keymap = write_keymap(tmp_path, '"tour.leave" = "x"\n')
    app = make_app("fenqile-unsettled", first_run_notice=True, keymap_file=keymap)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert notice_shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not notice_shown(app)


async def test_a_keymap_for_the_notice_leaves_esc_to_the_tour(tmp_path: Path):
    keymap = write_keymap(tmp_path, '"notice.close" = "space"\n')
    app = make_app("fenqile-unsettled", first_run_notice=True, tour=True,
                   keymap_file=keymap)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # no longer the notice's: it stays up
        await pilot.pause()
        assert notice_shown(app)
        await pilot.press("space")
        await pilot.pause()
        assert not notice_shown(app)
        assert app.main.tour_step is not None
        await pilot.press("escape")  # the tour's own key still
        await pilot.pause()
        assert app.main.tour_step is None


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_notice_and_the_tour_name_the_keys_a_keymap_gave_them(
        tmp_path: Path, lang: str):
    keymap = write_keymap(tmp_path, '"notice.close" = "space"\n"tour.leave" = "ctrl+l"\n')
    app = make_app("fenqile-unsettled", lang=lang, first_run_notice=True, tour=True,
                   keymap_file=keymap)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        notice = " ".join(text(app, "#notice").split())
        tour = " ".join(text(app, "#tour").split())
        if lang == "en":
            assert "space: continue" in notice and "Esc" not in notice
            assert "→ n next · ← back · ^l leave the tour" in tour
        else:
            assert "space:继续" in notice and "Esc" not in notice
            assert "→ n 下一步 · ← 上一步 · ^l 结束导览" in tour
        await pilot.press("ctrl+l")  # not yet: the notice first, and it says so
        await pilot.pause()
        assert app.main.tour_step is not None
        said = ("Read the notice first: space closes it" if lang == "en"
                else "请先读完提示:按 space 关闭")
        assert said in toasts(app)
        await pilot.press("space")
        await pilot.pause()
        assert not app.screen.query_one("#notice").display
        await pilot.press("ctrl+l")  # the key the line names leaves the tour
        await pilot.pause()
        assert app.main.tour_step is None


async def test_without_a_keymap_the_notice_and_the_tour_keep_their_own_words():
    app = make_app("fenqile-unsettled", first_run_notice=True, tour=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "Enter or Esc: continue" in text(app, "#notice")
        assert "→ or n next · ← back · Esc leave the tour" in text(app, "#tour")


async def test_keys_that_are_off_stay_off_under_the_notice():
    """→ is the tour's key, off outside the tour: under the notice it reaches the events
    table as always, not a "read the notice first"."""
    app = make_app("fenqile-unsettled", first_run_notice=True)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert not any("Read the notice first" in t for t in toasts(app))
        await pilot.press("s")  # a key of the screen's that is on: refused, with why
        await pilot.pause()
        assert any("Read the notice first" in t for t in toasts(app))


async def test_esc_in_help_over_the_notice_closes_help_only():
    app = make_app("fenqile-unsettled", first_run_notice=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")  # the app's keys work under the notice
        await pilot.pause()
        assert app.screen is not app.main
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main
        assert notice_shown(app)  # still to read
        await pilot.press("escape")
        await pilot.pause()
        assert not notice_shown(app)


def readme_keymap_example() -> str:
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    return re.search(r"keymap\.toml.*?`(\"[a-z_.]+\" = \"[^`]+\")`", readme, re.S)[1]


async def test_the_readme_keymap_example_works_and_clashes_with_nothing(tmp_path: Path):
    example = readme_keymap_example()
    binding_id, keys = (part.strip().strip('"') for part in example.split("="))
    app = make_app("fenqile-unsettled", keymap_file=write_keymap(tmp_path, example + "\n"))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert app.keymap == {binding_id: keys}
        assert not toasts(app), toasts(app)  # no unknown id, no key taken twice


@pytest.mark.parametrize(("lang", "unknown", "clash"), [
    ("en", "no key has the id event.ad", "n is both “Add” and “Tour: next step”"),
    ("zh", "没有 id 为 event.ad 的按键", "n 同时用于“添加”和“导览:下一步”"),
])
async def test_a_keymap_names_an_unknown_id_or_a_key_taken_twice(
        tmp_path: Path, lang: str, unknown: str, clash: str):
    """The tour's n is the tour's: a keymap that gives it to Add is told so."""
    keymap = write_keymap(tmp_path, '"event.ad" = "z"\n"event.add" = "n"\n')
    app = make_app("fenqile-unsettled", keymap_file=keymap, lang=lang)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        said = " ".join(toasts(app))
        assert unknown in said and clash in said, said
        assert "event.ad" not in app.keymap


async def test_a_broken_keymap_file_is_reported_not_fatal(tmp_path: Path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text("this is = = not toml", encoding="utf-8")
    app = make_app("fenqile-unsettled", keymap_file=keymap)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.is_running
        assert any(n.title == "Keymap" and "keymap.toml" in n.message for n in app._notifications)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)


async def test_help_shows_the_keys_of_the_keymap(tmp_path: Path):
    app = make_app("fenqile-unsettled", keymap_file=write_keymap(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        add = next(x for x in help_lines(app) if x.rstrip().endswith(" Add"))
        assert add.split()[0] == "+"


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


async def test_the_title_names_the_open_file_and_a_sample_in_the_users_language(tmp_path):
    from model.io import save_scenario

    app = make_app("fenqile-settled", lang="zh")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.title == "jiebei-sim"  # no file yet
        assert "分期乐逾期一次,已结清" in app.sub_title
        assert "Fenqile" not in app.sub_title
        await pilot.press("l")
        assert "One missed Fenqile payment, settled" in app.sub_title
    plan = tmp_path / "my-plan.json"
    save_scenario(app.session.scenario, plan)
    opened = make_app("fenqile-settled", path=plan)
    async with opened.run_test() as pilot:
        await pilot.pause()
        assert opened.title == "my-plan.json"


# --- the command palette, and keys that cannot act -------------------------------------


async def palette_entries(app: JiebeiApp, pilot) -> list[tuple[str, str]]:
    """Open the palette: each entry's title and help, as listed with nothing typed."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    await palette.workers.wait_for_complete()
    await pilot.pause()
    options = palette.query_one(CommandList)
    entries = []
    for index in range(options.option_count):
        title, _, help_text = str(options.get_option_at_index(index).prompt).partition("\n")
        entries.append((title, help_text))
    return entries


async def test_the_palette_over_help_does_not_offer_to_close_the_notice():
    """The notice's key is the app's, but it acts on the main screen only: under a
    dialog, the palette does not list it (chosen there, it would do nothing)."""
    app = make_app("fenqile-unsettled", first_run_notice=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        close = COMMANDS["en"]["notice.close"]
        assert close in [title for title, _ in await palette_entries(app, pilot)]
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert close not in [title for title, _ in await palette_entries(app, pilot)]


def feature_modules() -> list[ModuleType]:
    import tui.features

    return [importlib.import_module(f"tui.features.{m.name}")
            for m in pkgutil.iter_modules(tui.features.__path__)]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_palette_lists_every_key_and_command_in_words(lang: str):
    """Walked by id: each of our bindings and each command reached in a dialog has one
    entry, titled and described in the user's language; Textual's own entries too."""
    # In the tour and under the first-run notice, so that their keys apply too.
    app = make_app("fenqile-unsettled", lang=lang, tour=True, first_run_notice=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        entries = await palette_entries(app, pilot)
        titles = [title for title, _ in entries]
        ids = [b.id for b in app.all_bindings() if b.id != "app.palette"]  # the palette itself
        ids += [c.id for c in MainScreen.PALETTE_ONLY]
        for feature in feature_modules():  # none of a feature's keys left out
            held = set(MainScreen.BINDINGS) | set(JiebeiApp.BINDINGS)  # (the notice's: app)
            assert set(getattr(feature, "BINDINGS", [])) <= held
            assert set(getattr(feature, "COMMANDS", [])) <= set(MainScreen.PALETTE_ONLY)
        for binding_id in ids:
            assert titles.count(COMMANDS[lang][binding_id]) == 1, binding_id
        assert titles.count(COMMANDS[lang]["system.screenshot"]) == 1
        assert len(titles) == len(set(titles))  # one Theme, one Quit: never twice
        textual_own = {"Keys", "Quit", "Theme", "Screenshot", "Maximize", "Minimize"}
        if lang == "zh":
            assert not textual_own & set(titles), textual_own & set(titles)
        else:
            assert "Keys" not in titles  # ours, "Keys and help", takes its place
        for title, help_text in entries:
            assert help_text and not re.match(r"(key|按键)\s*[:：]", help_text), title
        assert ("Pay it in full on the simulated date (s)"
                if lang == "en" else "在模拟日期全额还清 (s)") in [h for _, h in entries]


async def test_outside_the_tour_the_palette_leaves_out_the_tour_steps_only():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        titles = [title for title, _ in await palette_entries(app, pilot)]
        assert COMMANDS["en"]["tour.next"] not in titles
        for binding_id in ("history.redo", "time.reset", "choices.plan", "choices.keep",
                           "branch.fork", "branch.rename", "tour.start"):
            assert COMMANDS["en"][binding_id] in titles, binding_id


async def choose_in_palette(app: JiebeiApp, pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_text(pilot, words)
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_the_palette_runs_the_planner_new_branch_and_keep_as_branches():
    from tui.screens.compare import CompareScreen
    from tui.screens.dialogs import PathPrompt

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await choose_in_palette(app, pilot, COMMANDS["en"]["choices.plan"])
        assert isinstance(app.screen, CompareScreen)
        assert app.focused is app.screen.query_one("#plan-target")  # ready to type a date
        await pilot.press("escape", "escape")  # out of the planner, then the comparison
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
        await choose_in_palette(app, pilot, COMMANDS["en"]["branch.fork"])
        assert isinstance(app.screen, PathPrompt)
        await pilot.press("escape")
        await pilot.pause()
        branches = len(app.session.branch_names)
        await choose_in_palette(app, pilot, COMMANDS["en"]["choices.keep"])
        assert len(app.session.branch_names) > branches  # a branch per repayment choice


@pytest.mark.parametrize(("lang", "no_event", "at_date", "no_redo"), [
    ("en", "No overdue event yet: add one first (a)",
     "Already at the scenario's date (2026-11-29)", "Nothing to redo"),
    ("zh", "还没有逾期记录:请先添加一条(a)", "已经是情景日期(2026-11-29)", "没有可重做的操作"),
])
async def test_a_key_that_cannot_act_says_why(lang: str, no_event: str, at_date: str,
                                              no_redo: str):
    app = make_app("clean", lang=lang)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        before = app.session.scenario
        for key, why in (("s", no_event), ("x", no_event), ("c", no_event),
                         ("equals_sign", at_date), ("ctrl+y", no_redo)):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.main, key  # nothing opened...
            assert toasts(app) == [why], key  # ...and the notice says why
        assert app.session.scenario is before
        footer = {h.key: h for h in app.query_one(KeyBar).shown}
        assert not footer["s"].enabled  # still drawn dimmed


async def test_choosing_a_command_that_cannot_act_in_the_palette_says_why():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await choose_in_palette(app, pilot, COMMANDS["en"]["history.redo"])
        assert "Nothing to redo" in toasts(app)


async def test_the_palettes_screenshot_is_told_of_in_the_users_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path))
    app = make_app("fenqile-unsettled", lang="zh")
    async with app.run_test(size=WIDE) as pilot:
        await choose_in_palette(app, pilot, COMMANDS["zh"]["system.screenshot"])
        for _ in range(40):  # the file is written off the event loop
            await pilot.pause(0.05)
            if any("截图已保存" in n.message for n in app._notifications):
                break
        (shot,) = tmp_path.glob("*.svg")
        assert shot.read_text("utf-8").startswith("<svg")
        said = [n.message for n in app._notifications]
        assert f"截图已保存 {shot}" in said, said
