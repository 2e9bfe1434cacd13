"""What the app tests share: an app on a sample, and what its panes show (text, cells)."""

from __future__ import annotations

import re
from datetime import date

from textual.dom import DOMNode

from model import Session, load_sample
from tui.app import JiebeiApp
from tui.options import AppOptions
from tui.widgets.events_table import EventsTable
from tui.widgets.key_footer import KeyBar
from tui.widgets.score_pane import glyph

WIDE = (120, 36)
NARROW = (80, 24)
SCENARIO_DAY = date(2026, 11, 29)  # the as-of date of every built-in sample
PANES = ("jiebei", "score", "events", "reasons", "accounts", "report")
# The columns of the events table (tui/widgets/events_pane.py COLUMNS).
EVENT, PRODUCT, AMOUNT, DUE, SETTLED, STATUS, DAYS, CODE = range(8)


def make_app(sample: str = "fenqile-unsettled", **kwargs) -> JiebeiApp:
    kwargs.setdefault("first_run_notice", False)
    kwargs.setdefault("lang", "en")
    return JiebeiApp(Session(load_sample(sample)), AppOptions(**kwargs))


def text(app: JiebeiApp, selector: str) -> str:
    """The plain text a Static (or Label) on the current screen renders."""
    return str(app.screen.query_one(selector).render())


def lines(where: DOMNode, selector: str) -> list[str]:
    """The lines a pane's text (a ``LineView``) shows, as plain text."""
    return str(where.query_one(selector).render()).split("\n")


def jiebei_lines(where: DOMNode) -> list[str]:
    """The Jiebei pane's lines: the badge, the limit and its bar, when it reopens, the
    cost, and the reason why."""
    return lines(where, "#jiebei-body")


def badge(app: JiebeiApp) -> str:
    return jiebei_lines(app)[0]


def shown_state(app: JiebeiApp) -> str:
    """The state word the badge shows in capitals, e.g. SUSPENDED."""
    return badge(app).split()[0]


def table(app: JiebeiApp) -> EventsTable:
    return app.query_one("#events-table", EventsTable)


def rows(app: JiebeiApp) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table(app).rows]


def read_digits(rows: list[str]) -> str:
    """What three rows of large digits (as the score pane draws them) read as."""
    glyphs = {glyph(c): c for c in "0123456789-+"}
    width = max(len(row) for row in rows)
    padded = [row.ljust(width) for row in rows]
    return "".join(glyphs[tuple(row[i:i + 3] for row in padded)]
                   for i in range(0, len(padded[0].rstrip()), 3))


def shown_score(where: DOMNode) -> int:
    """The likely score in the pane's large digits (at a wide size)."""
    return int(read_digits(lines(where, "#score-body")[:3]))


def footer_words(app: JiebeiApp) -> dict[str, str]:
    """Footer key -> description, as the footer widgets show them (after a pause: the
    footer composes its keys after the first refresh)."""
    return {h.key: h.description for h in app.query_one(KeyBar).shown}


def toasts(app: JiebeiApp) -> list[str]:
    """The notifications on screen (the app must run with ``notifications=True``)."""
    return [str(t.render()) for t in app.screen.query("Toast")]


async def type_text(pilot, value: str) -> None:
    await pilot.press(*value)


async def answer_prompt(pilot, keys: tuple[str, ...], value: str) -> None:
    """Open a one-line prompt with ``keys`` (``ctrl+o``; ``b`` then ``n``), type
    ``value`` into it and press Enter, as a user answers it."""
    await pilot.press(*keys)
    await pilot.pause()
    await type_text(pilot, value)
    await pilot.press("enter")
    await pilot.pause()


async def clear_and_type(pilot, value: str) -> None:
    """Empty the focused Input (cursor to the end, delete everything left) and type."""
    await pilot.press("end", "ctrl+u", *value)


def english_words(said: str, *names: str) -> list[str]:
    """The words of English in a message: runs of plain lowercase letters. A name the
    user gave (``names``), a code (``score.min``, ``up_to_days``) or a short label such as
    M2 or JSON is not English."""
    for name in names:
        said = said.replace(name, " ")
    tokens = re.findall(r"[\w.\-'/@\[\]]+", said, re.ASCII)
    return [w for w in tokens if re.fullmatch(r"[a-z]{2,}", w)]
