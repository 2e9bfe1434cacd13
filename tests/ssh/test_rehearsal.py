"""The launcher's rehearsal (``tui.serve.warm``): what a session shares from it must be
what it would have made itself. Each case runs in a fresh interpreter, since sharing
parsed CSS changes Textual for the whole process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# An app in a theme, headless: the colours its screen and a pane's title are drawn in.
SHOW = """
import asyncio, json, sys
from model import Session
from model.samples import load_sample
from tui.app import JiebeiApp
from tui.options import AppOptions
if sys.argv[1] == "warm":
    from tui.serve import warm
    warm.share_parsed_css()
    assert warm.rehearse() is None
    assert warm._parsed
async def show(theme):
    app = JiebeiApp(Session(load_sample("fenqile-settled")),
                    AppOptions(lang="en", theme=theme, first_run_notice=False))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.query_one("#jiebei")
        return [str(app.screen.styles.background), str(pane.styles.border_title_color),
                str(pane.styles.border.top[1])]
print(json.dumps({t: asyncio.run(show(t)) for t in ("dark", "light")}))
"""


def shown(mode: str) -> dict[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", SHOW, mode], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_session_after_the_rehearsal_draws_in_its_own_themes_colours():
    cold, warm = shown("cold"), shown("warm")
    assert warm == cold
    assert warm["dark"] != warm["light"]  # the shared parse is the theme's own
