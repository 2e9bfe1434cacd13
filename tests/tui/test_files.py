"""Files: samples, save and save as, open, autosave, recent files, a demo session's folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList

from model import SAMPLE_NAMES, load_sample, load_scenario
from model.io import load_branches
from model.recent import KEEP, read_recent, remember
from model.samples import sample_text
from tests.tui.helpers import (
    DAYS,
    WIDE,
    answer_prompt,
    badge,
    clear_and_type,
    english_words,
    make_app,
    rows,
    shown_state,
    text,
    toasts,
    type_text,
)
from tui.screens.dialogs import Confirm, PathPrompt, SamplePicker, UnsavedConfirm

# --- samples --------------------------------------------------------------------------


async def test_f2_picks_a_sample():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, SamplePicker)
        options = app.screen.query_one("#samples", OptionList)
        assert options.option_count == len(SAMPLE_NAMES)
        assert options.highlighted == 0
        await pilot.press(*["down"] * SAMPLE_NAMES.index("long-unpaid"), "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SamplePicker)
        assert shown_state(app) == "FROZEN"
        assert "FROZEN" in badge(app)
        assert app.session.scenario == load_sample("long-unpaid")
        assert app.sub_title.endswith("· Long unpaid")
        assert "●" not in app.title
        assert rows(app)[0][DAYS] == "167"


async def test_f2_with_unsaved_changes_asks_first():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        edited = app.session.scenario
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedConfirm)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert app.session.scenario is edited
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SamplePicker)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.session.scenario == load_sample(SAMPLE_NAMES[2])
        assert not app.session.dirty


async def test_unsaved_confirm_before_opening_a_sample_does_not_say_quit():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "f2")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedConfirm)
        for button in ("#save", "#discard", "#keep"):
            assert "Quit" not in str(app.screen.query_one(button, Button).label)
        assert str(app.screen.query_one("#keep", Button).label).endswith("(n)")  # its key


async def test_save_first_then_the_sample_opens(in_tmp: Path):
    """The unsaved question's "Save first": asked where (the work has no file yet), saved
    there, then the samples are offered, as asked."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "f2")
        await pilot.pause()
        edited = app.session.scenario
        await answer_prompt(pilot, ("s",), "kept.json")
        assert isinstance(app.screen, SamplePicker)
        assert load_branches(in_tmp / "kept.json")["main"] == edited
        await pilot.press("escape")
        await pilot.pause()
        assert not app.session.dirty and app.path == Path("kept.json")


async def test_sample_picker_works_from_the_keyboard_alone():
    """The whole choice with keys only, as a keyboard user would: f2, down, enter."""
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.session.scenario == load_sample(SAMPLE_NAMES[1])


# --- save, save as --------------------------------------------------------------------


async def test_ctrl_s_without_a_path_saves_as(tmp_path: Path):
    app = make_app("fenqile-unsettled")
    target = tmp_path / "mine.json"
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "●" in app.title
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        prompt = app.screen.query_one("#path", Input)
        assert app.focused is prompt
        assert prompt.value == "scenario.json"
        await type_text(pilot, str(target))  # the default is selected: typing replaces it
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert target.is_file()
        assert load_scenario(target) == app.session.scenario
        assert "●" not in app.title
        assert not app.session.dirty
        assert app.path == target
        assert any(f"Saved to {target}" in t for t in toasts(app)), toasts(app)

        # Now the app knows the path: ctrl+s saves there without asking.
        await pilot.press("e")
        await pilot.pause()
        await clear_and_type(pilot, "999")
        await pilot.press("enter")
        await pilot.pause()
        assert "●" in app.title
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert load_scenario(target) == app.session.scenario
        assert load_scenario(target).event("e1").amount == 999
        assert "●" not in app.title


async def test_save_refuses_to_overwrite_a_file_that_is_not_a_scenario(in_tmp: Path):
    tmp_path = in_tmp
    app = make_app("fenqile-unsettled")
    notes = tmp_path / "notes.json"
    notes.write_text("my notes, not a scenario\n", encoding="utf-8")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await type_text(pilot, "notes.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        message = text(app, "#form-error")
        assert message.startswith("notes.json: not valid JSON"), message
        assert notes.read_text(encoding="utf-8") == "my notes, not a scenario\n"
        assert app.session.dirty and "●" in app.title
        assert app.path is None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert notes.read_text(encoding="utf-8") == "my notes, not a scenario\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


async def test_save_onto_a_named_pipe_is_refused_at_once(in_tmp: Path):
    """Checking what is there before writing over it reads it: a pipe nobody writes to
    held the whole app until someone did. It reads as empty now, not a scenario."""
    import os
    import stat

    os.mkfifo(in_tmp / "pipe.json")
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "ctrl+s")
        await pilot.pause()
        await type_text(pilot, "pipe.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert "pipe.json: not valid JSON" in text(app, "#form-error")
        assert stat.S_ISFIFO((in_tmp / "pipe.json").stat().st_mode)  # still the pipe


async def test_save_as_into_a_missing_folder_is_refused(in_tmp: Path):
    tmp_path = in_tmp
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await type_text(pilot, "nope/x.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert "no such folder" in text(app, "#form-error")
        assert list(tmp_path.iterdir()) == []


async def save_as(app, pilot, typed: str) -> str:
    """Type a path into save as and press enter: what the dialog then says."""
    if not isinstance(app.screen, PathPrompt):
        await pilot.press("ctrl+w")
        await pilot.pause()
    await clear_and_type(pilot, typed)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PathPrompt), "refused: the dialog stays open"
    return text(app, "#form-error")


@pytest.mark.parametrize(("lang", "no_folder", "under_a_file", "a_folder"), [
    ("en", "nope: no such folder", "notes/x.json: part of the path is a file, not a folder",
     "sub: is a folder"),
    ("zh", "nope:没有这个文件夹", "notes/x.json:路径中有一部分是文件,不是文件夹",
     "sub:是文件夹"),
])
async def test_save_as_says_why_a_path_cannot_be_used_in_the_users_words(
    in_tmp: Path, lang: str, no_folder: str, under_a_file: str, a_folder: str
):
    (in_tmp / "notes").write_text("a file, not a folder", encoding="utf-8")
    (in_tmp / "sub").mkdir()
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        assert await save_as(app, pilot, "nope/x.json") == no_folder
        assert await save_as(app, pilot, "notes/x.json") == under_a_file
        assert await save_as(app, pilot, "sub") == a_folder
        assert sorted(p.name for p in in_tmp.iterdir()) == ["notes", "sub"]
        assert app.path is None


@pytest.mark.parametrize(("lang", "errno_name", "message"), [
    ("en", "ENOSPC", "x.json: the disk is full"),
    ("zh", "ENOSPC", "x.json:磁盘已满"),
    ("en", "EACCES", "x.json: permission denied"),
    ("zh", "EACCES", "x.json:没有权限"),
    ("zh", "EROFS", "x.json:文件系统为只读"),
])
async def test_an_os_error_on_saving_is_said_in_the_users_words(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, lang: str, errno_name: str, message: str
):
    import errno
    import os

    import tui.features.files as files

    def refuse(*args: object, **kwargs: object) -> None:
        code = getattr(errno, errno_name)
        raise OSError(code, os.strerror(code), "x.json")

    monkeypatch.setattr(files, "save_branches", refuse)  # as a full or read-only disk does
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        assert await save_as(app, pilot, "x.json") == message
        assert app.path is None and not (in_tmp / "x.json").exists()


@pytest.mark.parametrize(("lang", "missing", "not_json"), [
    ("en", "missing.json: no such file or folder", "notes.json: not valid JSON (line 1"),
    ("zh", "missing.json:没有这个文件或文件夹", "notes.json:不是有效的 JSON(第 1 行"),
])
async def test_open_says_why_a_file_cannot_be_opened_in_the_users_words(
    in_tmp: Path, lang: str, missing: str, not_json: str
):
    (in_tmp / "notes.json").write_text("my notes\n", encoding="utf-8")
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        for typed, message in (("missing.json", missing), ("notes.json", not_json)):
            await clear_and_type(pilot, typed)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PathPrompt)
            assert text(app, "#form-error").startswith(message)


async def test_open_says_what_is_wrong_inside_a_file_in_chinese(in_tmp: Path):
    bad = load_sample("fenqile-settled").model_dump(mode="json")
    bad["overdues"][0]["settled"] = "2026-09-01"  # before its due date
    (in_tmp / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    app = make_app("fenqile-unsettled", lang="zh")
    async with app.run_test(size=WIDE) as pilot:
        await answer_prompt(pilot, ("ctrl+o",), "bad.json")
        assert text(app, "#form-error") == (
            "bad.json:overdues[0].settled:结清日(2026-09-01)早于到期日(2026-09-10),不构成逾期")


def _scenario(**changes: object) -> dict[str, object]:
    return {**load_sample("fenqile-settled").model_dump(mode="json"), **changes}


@pytest.mark.parametrize(("content", "said"), [
    (["a", "list"], "shape.json:顶层应为 JSON 对象"),
    (_scenario(format="jiebei-sim/scenario@9"),
     "shape.json:format:此版本无法读取格式 'jiebei-sim/scenario@9'(应为 jiebei-sim/scenario@1)"),
    (_scenario(branches=["pay now"]), "shape.json:branches:应为以名称为键的情景对象"),
    (_scenario(branch=""), "shape.json:branch:应为分支的名称"),
    (_scenario(branches={"pay now": 3}), "shape.json:branches.pay now:应为 JSON 对象"),
    (_scenario(branches={"main": {}}), "shape.json:branches.main:有两个分支同名"),
    (_scenario(accounts=[{"id": "a", "product": "nope"}], overdues=[]),
     "shape.json:accounts[0].product:未知产品 nope;目录中有:"),
    (_scenario(accounts=[{"id": "a", "product": "jiebei"}]),
     "shape.json:overdues[0].account:记录 e1 所属的账户 fenqile 不在账户列表中(a)"),
])
async def test_a_file_of_the_wrong_shape_is_said_in_chinese(
    in_tmp: Path, content: object, said: str
):
    (in_tmp / "shape.json").write_text(json.dumps(content), encoding="utf-8")
    app = make_app("fenqile-unsettled", lang="zh")
    async with app.run_test(size=WIDE) as pilot:
        await answer_prompt(pilot, ("ctrl+o",), "shape.json")
        assert isinstance(app.screen, PathPrompt)  # not opened: the dialog says why
        shown = text(app, "#form-error")
        assert shown.startswith(said)
        # The file's own names (its fields, its branch, its product) are not English.
        names = ["pay now", "nope", "branches", "branch", "format", *app.session.policy.catalog]
        assert english_words(shown, *names) == [], shown


async def test_w_saves_as_where_a_browser_keeps_ctrl_w(in_tmp: Path):
    """In the browser room ctrl+w would close the tab: w saves as, to the file typed."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await type_text(pilot, "mine.json")
        await pilot.press("enter")
        await pilot.pause()
    assert load_scenario(in_tmp / "mine.json") == load_sample("fenqile-unsettled")


async def test_saving_keeps_every_branch(tmp_path: Path):
    from model.io import load_branches

    app = make_app("fenqile-unsettled")
    target = tmp_path / "whatif.json"
    async with app.run_test(size=WIDE) as pilot:
        app.session.fork("pay now")
        await pilot.press("s")
        await pilot.pause()
        app.path = target
        await pilot.press("ctrl+s")
        await pilot.pause()
        branches = load_branches(target)
        assert list(branches) == ["main", "pay now"]
        assert branches["pay now"].event("e1").settled is not None
        assert branches["main"].event("e1").settled is None
        assert not app.session.dirty


# --- open -----------------------------------------------------------------------------


async def test_ctrl_o_opens_a_file_and_reports_a_bad_path(in_tmp: Path):
    source = in_tmp / "long.json"
    source.write_text(sample_text("long-unpaid"), encoding="utf-8")
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert app.screen.query_one("#path", Input).value == ""
        await type_text(pilot, "missing.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert "no such file" in text(app, "#form-error")
        assert shown_state(app) == "SUSPENDED"

        await clear_and_type(pilot, "long.json")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert shown_state(app) == "FROZEN"
        assert app.session.scenario == load_scenario(source)
        assert app.sub_title.endswith("· Long unpaid")
        assert app.path is not None and app.path.resolve() == source.resolve()
        assert "●" not in app.title


async def test_ctrl_o_refuses_a_file_that_is_not_a_valid_scenario(in_tmp: Path):
    broken = in_tmp / "broken.json"
    broken.write_text('{"format": "jiebei-sim/scenario@1", "name": "x"}', encoding="utf-8")
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "broken.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        message = text(app, "#form-error")
        assert message.startswith("broken.json: ") and "as_of" in message, message
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.scenario is before
        assert shown_state(app) == "SUSPENDED"


# --- autosave -------------------------------------------------------------------------


async def test_unsaved_work_is_autosaved_and_offered_back(tmp_path: Path):
    from model.autosave import read_autosave

    autosave = tmp_path / "autosave.json"
    app = make_app("fenqile-unsettled", autosave_file=autosave)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert autosave.exists()  # unsaved work is on disk after every change
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not autosave.exists()  # back to what was loaded: nothing unsaved
        await pilot.press("s")
        await pilot.pause()
    unsaved = read_autosave(autosave)
    assert unsaved is not None and unsaved.branches["main"].event("e1").settled is not None

    again = make_app("fenqile-unsettled", autosave_file=autosave, unsaved=unsaved)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert shown_state(again) == "REDUCED"  # settled, as left last time
        assert again.session.dirty  # restored work is still unsaved


async def test_declining_the_restore_discards_it(tmp_path: Path):
    from model.autosave import read_autosave, write_autosave

    autosave = tmp_path / "autosave.json"
    write_autosave(autosave, {"main": load_sample("clean")}, None)
    app = make_app("fenqile-unsettled", autosave_file=autosave,
                   unsaved=read_autosave(autosave))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not autosave.exists()
        assert shown_state(app) == "SUSPENDED"


# --- a demo session's folder ----------------------------------------------------------


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


# --- recent files ---------------------------------------------------------------------


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


async def test_a_file_opened_from_the_command_line_joins_the_recent_files(tmp_path: Path):
    mine = tmp_path / "mine.json"
    mine.write_text(sample_text("fenqile-settled"), encoding="utf-8")
    listing = tmp_path / "recent.json"
    app = make_app("fenqile-settled", path=mine, recent_file=listing)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert read_recent(listing) == [mine.resolve()]


@pytest.mark.parametrize(("lang", "words"), [("en", "press Enter again to replace it"),
                                             ("zh", "再按一次回车即覆盖它")])
async def test_save_as_onto_another_file_asks_before_replacing_it(in_tmp: Path, lang: str,
                                                                  words: str):
    """A slip of the path must not cost the work in another file."""
    from model.io import save_scenario

    other = in_tmp / "other.json"
    save_scenario(load_sample("clean"), other)
    before = other.read_bytes()
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        await answer_prompt(pilot, ("s", "w"), "other.json")
        assert isinstance(app.screen, PathPrompt)  # asked, not saved
        assert words in text(app, "#form-error")
        assert other.read_bytes() == before and app.session.dirty
        await pilot.press("enter")  # yes: replace it
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert load_scenario(other) == app.session.scenario and not app.session.dirty
        await pilot.press("e")
        await pilot.pause()
        await clear_and_type(pilot, "999")
        await pilot.press("enter", "w")  # save as onto the file now open: no question
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert load_scenario(other).event("e1").amount == 999
