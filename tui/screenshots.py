"""``jiebei-sim screenshots [DIR]``: SVGs of the app's main states, made by the app itself.

Each shot runs the real app headless on a built-in sample, presses the keys a user
would, and exports what the terminal shows. Dates come from the samples, so the
pictures only change when the app does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from model import Session, load_sample
from model.io import atomic_write_text


@dataclass(frozen=True)
class Shot:
    name: str
    sample: str
    lang: str = "en"
    theme: str = "textual-dark"
    size: tuple[int, int] = (120, 36)
    keys: tuple[str, ...] = ()


SHOTS = (
    Shot("settled-en-dark-120x36", "fenqile-settled"),
    Shot("unsettled-en-dark-120x36", "fenqile-unsettled"),
    Shot("unsettled-zh-dark-120x36", "fenqile-unsettled", lang="zh"),
    Shot("several-en-light-120x36", "several-unsettled", theme="jiebei-light"),
    Shot("several-zh-light-120x36", "several-unsettled", lang="zh", theme="jiebei-light"),
    Shot("frozen-en-dark-120x36", "long-unpaid"),
    Shot("many-small-en-ansi-120x36", "many-small", theme="ansi-dark"),
    Shot("settled-en-dark-80x24", "fenqile-settled", size=(80, 24)),
    Shot("unsettled-zh-light-80x24", "fenqile-unsettled", lang="zh", theme="jiebei-light",
         size=(80, 24)),
    Shot("settle-today-en-dark-120x36", "fenqile-unsettled", keys=("s",)),
    Shot("six-months-later-en-dark-120x36", "fenqile-unsettled",
         keys=("s", "]", "]", "]", "]", "]", "]")),
    Shot("add-event-en-dark-120x36", "clean", keys=("a", "0", "tab", *"2026-02-30")),
    Shot("help-zh-dark-120x36", "fenqile-settled", lang="zh", keys=("question_mark",)),
    Shot("compare-en-dark-120x36", "fenqile-unsettled", keys=("c",)),
    Shot("policy-en-dark-120x36", "fenqile-settled", keys=("P",)),
    Shot("compare-zh-light-120x36", "fenqile-unsettled", lang="zh", theme="jiebei-light",
         keys=("c",)),
    Shot("compare-cursor-en-dark-120x36", "fenqile-unsettled", keys=("c", *"]]]]]]")),
    Shot("planner-en-dark-120x36", "fenqile-unsettled", keys=("c", "tab")),
    Shot("branch-picker-en-dark-120x36", "fenqile-unsettled", keys=("c", "k", "b", "c")),
    Shot("tour-en-dark-120x36", "fenqile-unsettled", keys=("g", "n", "n")),
    Shot("tour-zh-dark-80x24", "fenqile-unsettled", lang="zh", size=(80, 24),
         keys=("g", "n", "n", "n", "n", "n")),
)


async def take(shot: Shot) -> str:
    from tui.app import JiebeiApp
    from tui.options import AppOptions

    app = JiebeiApp(Session(load_sample(shot.sample)),
                    AppOptions(lang=shot.lang, first_run_notice=False))
    async with app.run_test(size=shot.size) as pilot:
        app.theme = shot.theme
        await pilot.pause()
        for key in shot.keys:
            await pilot.press(key)
        await pilot.pause()
        return app.export_screenshot(title=f"jiebei-sim · {shot.name}")


async def take_all(folder: Path, shots: tuple[Shot, ...] = SHOTS,
                   written: Callable[[Path], None] = lambda path: None) -> list[Path]:
    """Write every shot; ``written`` hears of each file the moment it is on disk."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for shot in shots:
        path = folder / f"{shot.name}.svg"
        atomic_write_text(path, await take(shot))
        written(path)
        paths.append(path)
    return paths


def main(folder: str | None, shots: tuple[Shot, ...] = SHOTS) -> int:
    target = Path(folder or "screenshots")
    # Each shot takes a while: name each file as it lands, so the wait is not silent.
    paths = asyncio.run(take_all(target, shots, lambda path: print(path, flush=True)))
    print(f"{len(paths)} screenshots written to {target}")
    return 0
