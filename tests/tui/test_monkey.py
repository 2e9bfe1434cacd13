"""A monkey at the keyboard: long runs of random keys (fixed seeds, so a failure replays)
at a narrow and a wide terminal size. Every so often the app must still be running, the
session's scenario must still be a valid scenario the engine can assess, and what the
panes show must match the session.

Keys that quit or touch files (q, ctrl+q, ctrl+c, ctrl+s, ctrl+o, ctrl+w) and the
command palette (ctrl+p, which can run Quit) are never pressed.

Speed: ``Pilot.press`` waits after every key for the process to look idle by sampling
CPU time over 20 ms sleeps (``textual._wait.wait_for_idle``), which costs 40-150 ms a key
on a small machine. Here that heuristic is swapped for a few event-loop turns while keys
are pressed; ``Pilot.press`` still waits for the screen and all its widgets to process
their pending messages after every key, and each checkpoint uses the real
``pilot.pause()`` (idle wait and a screen update) before it asserts anything.
"""

from __future__ import annotations

import asyncio
import random
from collections import deque

import pytest
import textual.app
from textual.widgets import Static

import model
from model import Session, load_sample
from tui.app import JiebeiApp
from tui.i18n import REMINDER
from tui.options import AppOptions
from tui.widgets.events_table import EventsTable

SIZES = {"narrow": (80, 24), "wide": (120, 36)}
SEEDS = (1729, 20261129)
KEYS_PER_RUN = 800
CHECK_EVERY = 100
START = {1729: "fenqile-unsettled", 20261129: "several-unsettled"}

FORBIDDEN = {"q", "ctrl+q", "ctrl+c", "ctrl+s", "ctrl+o", "ctrl+w", "ctrl+p"}

# Single keys, weighted by repetition: the app's own keys most, then what forms need.
SINGLE = [
    *"aaeesssxxddlltuuurryyn12ccpbggnk", "delete", "ctrl+z", "ctrl+y", "f1", "f2", "question_mark",
    "[", "]", "=", "[", "]",
    *"0123456789", "-", "-", ".", ",", "space",
    *["enter"] * 5, *["escape"] * 5,
    "tab", "tab", "shift+tab", "up", "down", "down", "left", "right", "home", "end",
    "backspace", "backspace", "ctrl+u",
]
# Whole fragments a user would type into the forms.
FRAGMENTS = [
    list("2026-10-01"), list("2026-12-"), list("2027-01-15"), list("2026-02-30"),
    list("1200"), list("0"), list("-5"), list("99999999999"), list("2026-11-29"),
]
assert FORBIDDEN.isdisjoint(SINGLE)


def next_keys(rng: random.Random) -> list[str]:
    if rng.random() < 0.08:
        return rng.choice(FRAGMENTS)
    return [rng.choice(SINGLE)]


async def fast_idle(*_args: object, **_kwargs: object) -> None:
    for _ in range(3):
        await asyncio.sleep(0)


def check(app: JiebeiApp, where: str) -> None:
    """The invariants: the app runs, the scenario is valid, the panes mirror the session."""
    assert app.is_running, f"{where}: the app stopped"
    session: Session = app.session
    s = session.scenario
    assert type(s).model_validate(s.model_dump()) == s, f"{where}: scenario does not round-trip"
    fresh = model.assess(s, session.policy, session.as_of)
    assessment = session.assessment
    assert fresh.jiebei.state == assessment.jiebei.state, where
    assert fresh.score.likely == assessment.score.likely, where

    main = app.screen_stack[0]
    badge = str(main.query_one("#jiebei-badge", Static).render())
    assert badge.split()[0] == str(assessment.jiebei.state).upper(), (
        f"{where}: badge {badge!r} but the session says {assessment.jiebei.state}")

    table = main.query_one("#events-table", EventsTable)
    shown = [row.cells[0].text for row in table.rows]
    assert sorted(shown) == sorted(e.id for e in s.overdues), f"{where}: table {shown}"
    assert ("●" in app.sub_title) == session.dirty, f"{where}: title {app.sub_title!r}"
    assert str(session.as_of) in app.sub_title, f"{where}: title {app.sub_title!r}"
    assert str(main.query_one("#reminder", Static).render()) == REMINDER[app.lang], where


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_never_break_the_app(seed: int, size: str,
                                               monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(textual.app, "wait_for_idle", fast_idle)
    rng = random.Random(seed)
    recent: deque[str] = deque(maxlen=40)
    app = JiebeiApp(Session(load_sample(START[seed])),
                    AppOptions(lang="en", first_run_notice=False))
    pressed = 0
    screens_seen: set[str] = set()
    states_seen: set[str] = set()
    async with app.run_test(size=SIZES[size]) as pilot:
        await pilot.pause()
        check(app, "at start")
        next_check = CHECK_EVERY
        while pressed < KEYS_PER_RUN:
            keys = next_keys(rng)
            await pilot.press(*keys)
            pressed += len(keys)
            recent.extend(keys)
            screens_seen.add(type(app.screen).__name__)
            where = f"seed {seed}, {size}, after {pressed} keys (last: {list(recent)})"
            assert app.is_running, f"{where}: the app stopped"
            if pressed >= next_check:
                next_check += CHECK_EVERY
                await pilot.pause()
                check(app, where)
                states_seen.add(str(app.session.assessment.jiebei.state))
                app.export_screenshot()  # every widget renders without error
        await pilot.pause()
        check(app, f"seed {seed}, {size}, at the end")
    # The run must have gone somewhere: into the forms and dialogs, not just the table.
    assert {"EventForm", "Confirm"} <= screens_seen, screens_seen
