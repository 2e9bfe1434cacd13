"""TUI benchmarks: start-up to first frame, and edit-to-screen latency. Prints medians.

Run: ``python tests/benchmarks/bench_tui.py [--runs N]``. A measurement, not a test: it
always exits 0.

- **First frame**: a fresh interpreter starts the app headless on the default sample and
  exits as soon as the first frame is composed and painted; the same for a bare Textual
  app with a Header and a Footer. Wall time of the whole process, side by side.
- **Edit to screen**: in one running app, press ``s`` (settle the highlighted unpaid
  event today) and wait until the Jiebei badge shows the new state; then undo. Median
  of 50 such edits; on the sample, and among 100 events (where the score's chart of the
  months ahead, drawn a frame later, is timed too).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

JIEBEI = """
from model import Session, load_sample
from tui.app import JiebeiApp
from tui.options import AppOptions

async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()

JiebeiApp(Session(load_sample("fenqile-settled")),
          AppOptions(lang="en", first_run_notice=False)).run(
    headless=True, size=(120, 36), auto_pilot=first_frame)
"""

BARE = """
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()

async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, size=(120, 36), auto_pilot=first_frame)
"""


def time_process(code: str, runs: int) -> list[float]:
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                       capture_output=True)
        if i:  # the first run warms the file cache
            times.append((time.perf_counter() - start) * 1000)
    return times


def hundred_events() -> Any:
    """The unpaid Fenqile overdue of the sample, among 99 older ones settled two to four
    years ago on three accounts: all still on the report, none in the 连三累六 window, so
    settling the first one still changes Jiebei's state."""
    from model import load_sample, parse_scenario
    from model.io import scenario_json

    data = json.loads(scenario_json(load_sample("fenqile-unsettled")))
    as_of = date.fromisoformat(data["as_of"])
    for i in range(99):
        due = as_of - timedelta(days=760 + 7 * i)
        data["overdues"].append({
            "id": f"old{i}", "account": ("fenqile", "huabei", "jiebei")[i % 3],
            "amount": 300 + i, "due": due.isoformat(),
            "settled": (due + timedelta(days=5 + i % 20)).isoformat(), "extension": None})
    return parse_scenario(data)


async def edit_to_screen(edits: int, scenario: Any = None, target: str = "#jiebei-badge"
                         ) -> list[float]:
    """From the key press to the moment ``target`` is painted anew: the Jiebei badge with
    the new state (the answer), or the label of the score's chart of the months ahead
    (drawn a frame after the answer: the last pane to change).

    The paint is observed from inside: the badge's ``render_lines`` (called by the
    compositor when it draws the frame) notes the first time it draws new content, so the
    test harness's own waiting (about 45 ms per ``pilot.press``) is not counted.
    """
    from model import Session, load_sample
    from tui.app import JiebeiApp
    from tui.options import AppOptions

    app = JiebeiApp(Session(scenario or load_sample("fenqile-unsettled")),
                    AppOptions(lang="en", first_run_notice=False))
    times = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        badge = app.query_one(target)
        draw = badge.render_lines
        seen: dict[str, float] = {}

        def spy(crop):  # type: ignore[no-untyped-def]
            seen.setdefault(str(badge.render()), time.perf_counter())
            return draw(crop)

        badge.render_lines = spy  # type: ignore[method-assign]
        for _ in range(edits):
            before = str(badge.render())
            seen.clear()
            start = time.perf_counter()
            await pilot.press("s")
            while not any(text != before for text in seen):
                await pilot.pause(0)
            painted = min(t for text, t in seen.items() if text != before)
            times.append((painted - start) * 1000)
            await pilot.press("ctrl+z")
            await pilot.pause()
    return times


def summary(label: str, values: list[float], target: str = "") -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
    return f"{label:<44}{statistics.median(values):>10.1f}{p90:>9.1f}{len(values):>6}  {target}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11, help="process starts per app")
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print(f"jiebei-sim TUI benchmarks · Python {sys.version.split()[0]}")
    # An installed copy has its bytecode compiled (pip does it); an editable checkout run
    # with PYTHONDONTWRITEBYTECODE would compile every module on every start instead.
    compileall.compile_dir(ROOT / "model", quiet=1)
    compileall.compile_dir(ROOT / "tui", quiet=1)
    print(f"{'item':<44}{'median ms':>10}{'p90 ms':>9}{'runs':>6}  target")
    bare = time_process(BARE, args.runs)
    ours = time_process(JIEBEI, args.runs)
    print(summary("first frame: bare Textual (Header+Footer)", bare, "(reference)"))
    ratio = statistics.median(ours) / statistics.median(bare)
    print(summary("first frame: jiebei-sim", ours, f"≤ 1.5× bare: {ratio:.2f}×"))
    edits = asyncio.run(edit_to_screen(args.edits))
    print(summary("edit to screen: settle today → Jiebei badge", edits, "≤ 50 ms"))
    many = asyncio.run(edit_to_screen(args.edits, hundred_events()))
    print(summary("edit to screen, 100 events", many, "≤ 50 ms"))
    chart = asyncio.run(edit_to_screen(args.edits, hundred_events(), "#score-spark-label"))
    print(summary("  the months-ahead chart, 100 events", chart, "(drawn last)"))
    print("\nWall times (time.perf_counter); first frame includes interpreter start and "
          "imports, headless. Always exits 0.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
