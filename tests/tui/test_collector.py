"""The garbage collector while the app starts (tui/collector.py): paused by the command
line, on again once the first screen is drawn, the start's objects frozen out of its walks.
Nothing may leave it off: a session that never collects again would only grow."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from model import load_sample
from model.autosave import read_autosave, write_autosave
from tests.tui.helpers import WIDE, make_app, shown_score
from tui import collector
from tui.cli import main


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The test's process as a person's: the collector on, nothing frozen; put back."""
    was_on = gc.isenabled()
    gc.unfreeze()
    gc.enable()
    yield
    collector.resume()  # a failed test must not leave it paused
    gc.unfreeze()
    (gc.enable if was_on else gc.disable)()


def test_a_quick_command_leaves_the_collector_on_and_nothing_frozen(
        collector_on: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["samples"]) == 0
    assert "fenqile-settled" in capsys.readouterr().out
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_command_that_fails_leaves_the_collector_on(
        collector_on: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "no-such-file.json"]) == 2
    assert "no-such-file.json" in capsys.readouterr().err
    assert gc.isenabled()


def test_a_rooms_server_runs_with_the_collector_on(
        collector_on: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` runs for hours: it must never run with the collector paused."""
    import tui.serve

    seen: list[bool] = []
    monkeypatch.setattr(tui.serve, "serve", lambda args: seen.append(gc.isenabled()) or 0)
    assert main(["serve", "--open"]) == 0
    assert seen == [True]


def test_opening_the_app_pauses_the_collector_until_its_first_screen(
        collector_on: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.start

    seen: list[bool] = []
    monkeypatch.setattr(tui.start, "run_app",
                        lambda *args, **kwargs: seen.append(gc.isenabled()) or 0)
    assert main(["fenqile-settled"]) == 0
    assert main(["demo"]) == 0
    assert seen == [False, False]  # while the model is read and the app starts
    assert gc.isenabled()  # and on again when the command returns (here, at once)


async def test_the_app_resumes_the_collector_once_its_first_screen_is_drawn(
        collector_on: None) -> None:
    collector.pause()  # as `jiebei-sim` does before it imports the model
    assert not gc.isenabled()
    app = make_app("fenqile-settled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert shown_score(app)  # the first screen, with its content
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start made: out of every later walk
        before = gc.get_freeze_count()
        await pilot.press("]")  # later work is collected as usual, not frozen
        await pilot.pause()
        assert gc.get_freeze_count() <= before  # (frozen objects can still be freed)


@pytest.mark.parametrize("answer", ["n", "y", "escape"])
async def test_answering_the_restore_question_at_once_resumes_the_collector(
        collector_on: None, tmp_path: Path, answer: str) -> None:
    """The question is pushed as the panes mount: answered before its first paint, it
    must not take the collector's resumption away with it."""
    autosave = tmp_path / "autosave.json"
    write_autosave(autosave, {"main": load_sample("clean")}, None)
    collector.pause()
    app = make_app("fenqile-unsettled", autosave_file=autosave,
                   unsaved=read_autosave(autosave))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(answer)
        await pilot.pause()
        assert app.screen is app.main
        assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off(collector_on: None) -> None:
    gc.disable()
    collector.pause()
    collector.resume(keep=True)
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
