"""A monkey at the keyboard: long runs of random keys (fixed seeds, so a failure replays)
at a narrow and a wide terminal size. Every so often the app must still be running, the
session's scenario must still be a valid scenario that its file form gives back exactly,
the session's answer must be the one the engine gives afresh for that rebuilt scenario
(so never a stale one), and what the panes show must match that answer.

Keys that quit or touch files (q, ctrl+q, ctrl+c, ctrl+s, ctrl+o, ctrl+w) and the
command palette (ctrl+p, which can run Quit) are never pressed.

Speed: ``Pilot.press`` waits after every key for the process to look idle by sampling
CPU time over 20 ms sleeps, which costs 40-150 ms a key on a small machine. So keys are
sent here as a terminal sends them, through public API only: ``App.post_message`` with
the ``events.Key`` a terminal reports, then ``pilot.pause(0)``, which waits for the app,
the screen and all its widgets to process their pending messages, without the CPU-idle
sampling. Each checkpoint uses the full ``pilot.pause()`` (idle wait and a screen
update) before it asserts anything.
"""

from __future__ import annotations

import json
import random
from collections import deque

import pytest
from textual import events
from textual.keys import key_to_character
from textual.pilot import Pilot
from textual.widgets import Static

import model
from model import Session, load_sample, parse_scenario
from model.assessment import JiebeiState
from model.io import scenario_json
from tests.tui.helpers import jiebei_lines, lines, shown_score
from tui.app import JiebeiApp
from tui.i18n import REMINDER, STATE_CHIP, STATE_MEANING
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


# The names a terminal gives the punctuation keys pressed here (Textual's key names).
PUNCTUATION = {",": "comma", "-": "minus", ".": "full_stop", "=": "equals_sign",
               "[": "left_square_bracket", "]": "right_square_bracket"}


async def press(pilot: Pilot[None], keys: list[str]) -> None:
    """Each key as the terminal reports it, handled by the app and the focused widget
    before the next one is sent (see Speed, above)."""
    for key in keys:
        pilot.app.post_message(events.Key(PUNCTUATION.get(key, key), key_to_character(key)))
        await pilot.pause(0)


def check(app: JiebeiApp, where: str) -> None:
    """The invariants: the app runs, the scenario is valid, the panes mirror the session."""
    assert app.is_running, f"{where}: the app stopped"
    session: Session = app.session
    s = session.scenario
    rebuilt = parse_scenario(json.loads(scenario_json(s)))  # as a saved file would give it
    assert rebuilt == s and rebuilt is not s, f"{where}: scenario does not round-trip"
    fresh = model.assess(rebuilt, session.policy, session.as_of)
    assessment = session.assessment
    assert fresh.as_of == session.as_of, where
    assert fresh == assessment, f"{where}: the session's answer is not the engine's"

    main = app.screen_stack[0]
    state = JiebeiState(fresh.jiebei.state)
    badge = jiebei_lines(main)[0]
    chip, words = badge.split(None, 1)
    assert (chip, words.strip()) == (STATE_CHIP[app.lang][state.value],
                                     STATE_MEANING[app.lang][state.value]), (
        f"{where}: badge {badge!r} but the engine says {state}")
    if app.lang == "en":
        assert chip == str(state).upper(), f"{where}: badge {badge!r} but {state}"
    if main.has_class("-wide"):  # in large digits
        score = shown_score(main)
        assert score == fresh.score.likely, f"{where}: score {score}"
    else:  # in the headline: likely 628 (607–649)
        head = lines(main, "#score-body")[0]
        assert f" {fresh.score.likely} (" in head, f"{where}: score {head!r}"

    table = main.query_one("#events-table", EventsTable)
    shown = [row.cells[0].text for row in table.rows]
    assert sorted(shown) == sorted(e.id for e in s.overdues), f"{where}: table {shown}"
    assert ("●" in app.title) == session.dirty, f"{where}: title {app.sub_title!r}"
    assert str(session.as_of) in app.sub_title, f"{where}: title {app.sub_title!r}"
    assert str(main.query_one("#reminder", Static).render()) == REMINDER[app.lang], where


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_never_break_the_app(seed: int, size: str):
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
            await press(pilot, keys)
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
