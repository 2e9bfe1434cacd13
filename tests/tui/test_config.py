"""Settings that stick: config.toml keeps the theme and the language between starts,
changes only its own lines, and a file that does not parse is never written over."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import make_app
from tui.config import UserFiles, read_settings, save_setting, with_setting
from tui.options import AppOptions


async def test_a_theme_and_language_changed_in_the_app_are_there_at_the_next_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    first = make_app(**_local())
    async with first.run_test() as pilot:
        await pilot.pause()
        assert first.theme == "textual-dark"
        await pilot.press("t", "l")  # light, then Chinese
        await pilot.pause()
        assert (first.theme, first.lang) == ("jiebei-light", "zh")
    again = make_app(**_local())
    async with again.run_test() as pilot:
        await pilot.pause()
        assert (again.theme, again.lang) == ("jiebei-light", "zh")
        assert "主题" not in again.sub_title  # a plain start: no notice of a change


def _local() -> dict[str, object]:
    """make_app's options as a local start would read them (the notice already read)."""
    options = AppOptions.local()
    return {"lang": options.lang, "theme": options.theme,
            "config_file": options.config_file, "config_problems": options.config_problems}


async def test_the_command_line_wins_over_the_file_and_is_not_written_back(tmp_path: Path,
                                                                        monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    config = UserFiles.here().config
    config.parent.mkdir(parents=True)
    config.write_text('theme = "light"\nlang = "zh"\n', "utf-8")
    options = AppOptions.local(lang="en", theme="terminal")
    assert (options.lang, options.theme) == ("en", "terminal")
    app = make_app(lang=options.lang, theme=options.theme, config_file=options.config_file)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "ansi-dark"
    assert config.read_text("utf-8") == 'theme = "light"\nlang = "zh"\n'


def test_saving_a_setting_keeps_the_users_comments_and_other_lines(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('# mine\ntheme = "dark"  # I like it dark\n\n[later]\nx = 1\n', "utf-8")
    save_setting(config, "theme", "light")
    save_setting(config, "lang", "zh")
    assert config.read_text("utf-8") == (
        '# mine\ntheme = "light"  # I like it dark\n\nlang = "zh"\n[later]\nx = 1\n')
    assert with_setting("", "lang", "en") == 'lang = "en"\n'


def test_a_file_that_does_not_parse_is_reported_and_never_written_over(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text("theme = light\n", "utf-8")  # no quotes: not TOML
    settings = read_settings(config)
    assert not settings.readable
    assert [p.kind for p in settings.problems] == ["unreadable"]
    with pytest.raises(ValueError):
        save_setting(config, "theme", "dark")
    assert config.read_text("utf-8") == "theme = light\n"


@pytest.mark.parametrize(("lang", "words"), [("en", "is not one of"), ("zh", "不在")])
async def test_a_bad_value_is_named_in_the_users_language_and_the_default_used(
        tmp_path: Path, lang: str, words: str):
    config = tmp_path / "config.toml"
    config.write_text('theme = "pink"\ncolour = "red"\n', "utf-8")
    settings = read_settings(config)
    assert settings.theme is None and settings.readable
    app = make_app(lang=lang, config_file=config, config_problems=settings.problems)
    async with app.run_test() as pilot:
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any("pink" in n and words in n for n in notices), notices
        assert any("colour" in n for n in notices), notices
        assert app.theme == "textual-dark"


def test_recent_files_move_to_the_state_folder_once(tmp_path: Path):
    files = UserFiles(tmp_path / "c", tmp_path / "d", tmp_path / "s")
    files.data_dir.mkdir()
    files.old_recent.write_text('{"format": "jiebei-sim/recent@1", "files": []}', "utf-8")
    files.move_old_recent()
    assert files.recent.exists() and not files.old_recent.exists()
    assert files.recent.parent == tmp_path / "s"


def test_the_tour_neither_offers_nor_writes_over_last_times_unsaved_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from model import load_sample
    from model.autosave import write_autosave

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    autosave = UserFiles.here().autosave
    autosave.parent.mkdir(parents=True)
    write_autosave(autosave, {"main": load_sample("clean")}, None)
    assert AppOptions.local().unsaved is not None  # a plain start offers it back
    demo = AppOptions.local(tour=True)
    assert demo.unsaved is None and demo.autosave_file is None


def test_a_second_copy_of_the_app_leaves_the_first_copys_unsaved_work_alone():
    """Two copies open at once (two terminals): the second is not offered the first's
    live work as "last time's", so it can neither restore nor discard it, and its own
    unsaved work goes to a file of its own. Once the first has ended without saving (a
    closed terminal), the next start offers that work back."""
    from model import load_sample
    from model.autosave import read_autosave, write_autosave

    first = AppOptions.local()
    assert first.unsaved is None and first.autosave_file is not None
    first.autosave_file.parent.mkdir(parents=True, exist_ok=True)
    write_autosave(first.autosave_file, {"main": load_sample("fenqile-unsettled")}, None)
    kept = first.autosave_file.read_bytes()

    second = AppOptions.local()
    assert second.unsaved is None  # nothing of the first's is offered
    assert second.autosave_file is not None and second.autosave_file != first.autosave_file
    write_autosave(second.autosave_file, {"main": load_sample("clean")}, None)
    assert first.autosave_file.read_bytes() == kept

    assert first.autosave_claim is not None
    first.autosave_claim.release()  # the first copy's terminal is closed
    third = AppOptions.local()
    assert third.unsaved is not None and third.autosave_file == first.autosave_file
    assert third.unsaved.branches == read_autosave(first.autosave_file).branches


def test_work_left_by_any_copy_is_offered_to_the_next_start():
    from model import load_sample
    from model.autosave import write_autosave

    first, second = AppOptions.local(), AppOptions.local()
    assert second.autosave_file is not None
    write_autosave(second.autosave_file, {"main": load_sample("clean")}, None)
    for options in (first, second):  # the first quits saved; the second is killed
        assert options.autosave_claim is not None
        options.autosave_claim.release()
    again = AppOptions.local()
    assert again.unsaved is not None and again.autosave_file == second.autosave_file


def test_a_copy_that_finds_every_autosave_held_says_it_keeps_none():
    from model.autosave import AUTOSAVE_SLOTS

    running = [AppOptions.local() for _ in range(AUTOSAVE_SLOTS)]
    assert all(options.autosave_problem is None for options in running)
    one_more = AppOptions.local(lang="en")
    assert one_more.autosave_file is None and one_more.unsaved is None
    assert one_more.autosave_problem is not None
    assert "keeps no autosave" in one_more.autosave_problem
