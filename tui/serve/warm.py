"""The launcher's rehearsal: one visitor's start-up, run once headless before any fork.

Every session starts the same way: the same CSS parsed against the same theme, the same
markup turned into the same styled text. Done once here, a fork starts with it made and
shared, and spends its CPU on what is its own (its layout, its frames). On two cores
with visitors arriving a few a second, that CPU is what the first frames wait for.

Textual keeps parsed CSS per app (``Stylesheet._parse_cache``), so each session parsed
it anew; ``share_parsed_css`` keeps it for the process instead, keyed by the theme's
variables as well, since the parse depends on them. Nothing here is needed for a
session to work: a rehearsal that fails leaves the launcher as it was.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

REHEARSAL_SIZE = (120, 36)

_parsed: dict[tuple[Any, ...], Any] = {}


def share_parsed_css() -> None:
    """Parsed CSS kept across the apps of this process and its forks."""
    from textual.css.stylesheet import Stylesheet

    own = Stylesheet._parse_rules
    if getattr(own, "shared", False):
        return

    def parse_rules(self: Stylesheet, css: str, read_from: Any,
                    is_default_rules: bool = False, tie_breaker: int = 0,
                    scope: str = "") -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope,
               tuple(self._variables.items()))
        rules = _parsed.get(key)
        if rules is None:
            rules = _parsed[key] = own(self, css, read_from, is_default_rules,
                                       tie_breaker, scope)
        return rules

    parse_rules.shared = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]


def rehearse(langs: tuple[str, ...] = ("en", "zh")) -> str | None:
    """A visitor's start-up in each language, up to the panes shown, the notice read and
    one month step; None, or why it could not be done (the launcher carries on)."""
    try:
        for lang in langs:
            asyncio.run(_visit(lang))
    except Exception as exc:  # a rehearsal only: every session still starts without it
        return f"{type(exc).__name__}: {exc}"
    return None


async def _visit(lang: str) -> None:
    from model import Session
    from model.samples import DEFAULT_SAMPLE, load_sample
    from tui.app import JiebeiApp
    from tui.options import AppOptions

    with tempfile.TemporaryDirectory(prefix="jiebei-rehearsal-") as folder:
        options = AppOptions.served(Path(folder), lang=lang)
        app = JiebeiApp(Session(load_sample(DEFAULT_SAMPLE)), options)
        async with app.run_test(size=REHEARSAL_SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter", "]")  # the notice, then a month
            await pilot.pause()
