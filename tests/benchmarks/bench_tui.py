"""TUI benchmarks: CPU per action, start-up to first frame, and edit-to-screen latency.
Prints medians.

Run: ``python tests/benchmarks/bench_tui.py [--quick] [--presses N] [--runs N]``;
``--start`` for start-up alone, ``--profile`` for cProfile's top costs of a month step.
A measurement, not a test: it always exits 0.

- **CPU per action**: ``time.process_time`` of the app's process across one key press,
  the median (and p90) of 50 presses: a month step (``]``, then ``[`` back, each timed),
  settle (``s`` on the unpaid event, then ``ctrl+z``: the undo), opening the comparison
  (``c``, then ``escape`` to close it, each timed) and the language (``l`` twice, each
  timed); at 120x36 and 80x24, on the default sample (``fenqile-unsettled`` where the
  action needs an unpaid event) and among 100 events. Beside it, the floor: a bare
  Textual app whose one ``Static`` shows a new count at each key press. An action is
  done once a frame showing its result has been displayed and turned into terminal
  output, and the app is quiet again (nothing queued, nothing to repaint, no frame for
  two update periods): ``cpu_actions.py`` beside this file says exactly how. CPU time,
  not wall time: this machine's speed changes within a session and other processes run
  beside the bench; the figures still move a little with the CPU's clock.

- **First screen** (the start-up figure, DEVELOPERS.md): ``jiebei-sim --lang en
  fenqile-settled``, the command a person types, on a real terminal (a pseudo-terminal of
  120x36), from its start to the moment the terminal is sent the first screen that
  shows the answer (the Jiebei limit); beside it a bare Textual app (Header and Footer)
  to its first screen (the footer's keys). Runs alternate. A returning user's start
  (the first-run notice already read) and a first run's.
- **Whole process, headless**: the older figure. A fresh interpreter starts the app
  headless on the default sample, waits for it to be quiet and exits; the same for the
  bare app. It counts what is not start-up: the waits until quiet, and the interpreter's
  exit.
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
from typing import Any, ClassVar

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


BARE_TERMINAL = """
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()

Bare().run()
"""


def terminal_first_screen(argv: list[str], marker: bytes, env: dict[str, str],
                          timeout: float = 30.0) -> float:
    """Wall ms from starting ``argv`` on a fresh 120x36 pseudo-terminal until what it
    writes to the terminal holds ``marker``; then the process is killed."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            cwd=ROOT, start_new_session=True)
    os.close(slave)
    written = b""
    try:
        while time.perf_counter() - start < timeout:
            if select.select([master], [], [], 0.5)[0]:
                written += os.read(master, 1 << 16)
                if marker in written:
                    return (time.perf_counter() - start) * 1000
        raise RuntimeError(f"{argv}: no {marker!r} on the terminal in {timeout} s")
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def first_screen_table(runs: int) -> None:
    """Start-up as a person sees it: the real command, a real terminal, the first screen."""
    import os
    import tempfile

    def home(notice_read: bool) -> dict[str, str]:
        folder = Path(tempfile.mkdtemp(prefix="jiebei-bench-"))
        env = {**os.environ, "HOME": str(folder), "TERM": "xterm-256color",
               "XDG_CONFIG_HOME": str(folder / "config"),
               "XDG_DATA_HOME": str(folder / "data"),
               "XDG_STATE_HOME": str(folder / "state")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed copy has its bytecode
        if notice_read:
            marker = folder / "config" / "jiebei-sim" / "disclaimer-seen"
            marker.parent.mkdir(parents=True)
            marker.write_text("")
        return env

    ours = [sys.executable, "-m", "tui.cli", "--lang", "en", "fenqile-settled"]
    cases = {
        "first screen: bare Textual (Header+Footer)":
            lambda: terminal_first_screen([sys.executable, "-c", BARE_TERMINAL],
                                          b"palette", home(True)),
        "first screen: jiebei-sim": lambda: terminal_first_screen(ours, b"21,700",
                                                                  home(True)),
        "first screen: jiebei-sim, first run": lambda: terminal_first_screen(
            ours, b"21,700", home(False)),
    }
    times: dict[str, list[float]] = {label: [] for label in cases}
    for i in range(runs + 1):
        for label, start in cases.items():
            took = start()
            if i:  # the first round warms the file cache
                times[label].append(took)
    bare = statistics.median(times["first screen: bare Textual (Header+Footer)"])
    for label, values in times.items():
        ratio = statistics.median(values) / bare
        target = ("(reference)" if ratio == 1 else
                  f"{ratio:.2f}× bare (accepted ≤ 2×, aim ≤ 1.5×)")
        print(summary(label, values, target))


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


async def edit_to_screen(edits: int, scenario: Any = None, target: str = "#jiebei-body",
                         row: int = 0) -> list[float]:
    """From the key press to the moment line ``row`` of ``target`` is painted anew: the
    Jiebei badge with the new state (the answer), or the label of the score's chart of the
    months ahead (drawn a frame after the answer: the last pane to change).

    The paint is observed from inside: the widget's ``render_lines`` (called by the
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

        def shown() -> str:
            return str(badge.render()).split("\n")[row]

        def spy(crop):  # type: ignore[no-untyped-def]
            seen.setdefault(shown(), time.perf_counter())
            return draw(crop)

        badge.render_lines = spy  # type: ignore[method-assign]
        for _ in range(edits):
            before = shown()
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


SIZES = ((120, 36), (80, 24))


def jiebei_app(scenario: Any) -> Any:
    from model import Session
    from tui.app import JiebeiApp
    from tui.options import AppOptions

    return JiebeiApp(Session(scenario), AppOptions(lang="en", first_run_notice=False))


def bare_app() -> Any:
    """The floor: one Static, redrawn with a new count at each key press."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App[None]):
        BINDINGS: ClassVar = [("s", "count", "count")]
        count = 0

        def compose(self) -> Any:
            yield Static("0", id="count")

        def action_count(self) -> None:
            self.count += 1
            self.query_one("#count", Static).update(str(self.count))

    return Bare()


def action_steps() -> dict[str, list[Any]]:
    """Each action's timed keys; each action brings the app back where it was."""
    from cpu_actions import Step, changed, screen_is
    from textual.widgets import Static
    from textual.widgets._header import HeaderTitle

    def header(app: Any) -> str:  # the as-of date and its words
        return str(app.screen.query_one(HeaderTitle).render())

    def badge(app: Any) -> str:  # the first line of the Jiebei pane
        return str(app.screen.query_one("#jiebei-body").render()).split("\n")[0]

    def count(app: Any) -> str:
        return str(app.screen.query_one("#count", Static).render())

    return {
        "month step": [Step("month step ]", "right_square_bracket", "]", changed(header)),
                       Step("month step [", "left_square_bracket", "[", changed(header))],
        "settle": [Step("settle s", "s", "s", changed(badge)),
                   Step("undo ctrl+z", "ctrl+z", None, changed(badge))],
        "compare": [Step("open compare c", "c", "c", screen_is("CompareScreen")),
                    Step("close compare esc", "escape", "\x1b", screen_is("MainScreen"))],
        "language": [Step("language l (en→zh)", "l", "l", changed(header)),
                     Step("language l (zh→en)", "l", "l", changed(header))],
        "floor": [Step("bare Textual: Static on s", "s", "s", changed(count))],
    }


def action_table(presses: int, idle_seconds: float) -> None:
    """CPU ms per action: each action, size and scenario; the bare floor first."""
    sys.path.insert(0, str(Path(__file__).parent))
    from cpu_actions import measure

    from model import DEFAULT_SAMPLE, load_sample

    steps = action_steps()
    many = hundred_events()
    # The sample where the action needs no unpaid event; fenqile-unsettled where it does.
    plan: list[tuple[str, str | None, str]] = [("floor", None, "bare Textual")]
    for action, name in (("month step", DEFAULT_SAMPLE), ("settle", "fenqile-unsettled"),
                         ("compare", "fenqile-unsettled"), ("language", DEFAULT_SAMPLE)):
        plan += [(action, name, name), (action, "100", "100 events")]
    print(f"\nCPU per action (process_time ms; {presses} presses each; "
          f"the first round untimed)")
    print(f"{'action':<28}{'scenario':<20}{'size':>7}{'median':>9}{'p90':>8}"
          f"{'× floor':>9}{'idle ms/s':>10}")
    floor: dict[tuple[int, int], float] = {}
    for action, sample, shown in plan:
        for width, height in SIZES:
            if sample is None:
                app = bare_app()
            else:
                app = jiebei_app(many if sample == "100" else load_sample(sample))
            figures, idle = asyncio.run(measure(app, (width, height), steps[action], presses,
                                                 idle_seconds))
            for label, f in figures.items():
                if action == "floor":
                    floor[(width, height)] = f.median
                ratio = f.median / floor[(width, height)]
                print(f"{label:<28}{shown:<20}{f'{width}x{height}':>7}{f.median:>9.1f}"
                      f"{f.p90:>8.1f}{ratio:>8.1f}×{idle:>10.2f}")


def profile(presses: int) -> None:
    """cProfile of the month step's key path (``]`` then ``[``, timed alike) at 120x36,
    on the default sample and among 100 events: the top costs, cumulative and own."""
    import cProfile
    import pstats

    sys.path.insert(0, str(Path(__file__).parent))
    import cpu_actions

    from model import DEFAULT_SAMPLE, load_sample

    steps = action_steps()["month step"]
    for name, scenario in ((DEFAULT_SAMPLE, load_sample(DEFAULT_SAMPLE)),
                           ("100 events", hundred_events())):
        profiler = cProfile.Profile()
        asyncio.run(cpu_actions.measure(jiebei_app(scenario), (120, 36), steps, presses,
                                        idle_seconds=0, profiler=profiler))
        stats = pstats.Stats(profiler)
        print(f"\n=== month step ] and [, {presses} presses each, 120x36, {name} "
              f"(the first, untimed round included) ===")
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11, help="process starts per app")
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--presses", type=int, default=50, help="presses per action")
    parser.add_argument("--quick", action="store_true",
                        help="5 presses, 2 starts, 3 edits: a try in under a minute")
    parser.add_argument("--profile", action="store_true",
                        help="only cProfile's top costs of a month step")
    parser.add_argument("--start", action="store_true",
                        help="only start-up: the first screen and the whole process")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.edits, args.presses = 2, 3, 5
    sys.path.insert(0, str(ROOT))
    print(f"jiebei-sim TUI benchmarks · Python {sys.version.split()[0]}")
    # An installed copy has its bytecode compiled (pip does it); an editable checkout run
    # with PYTHONDONTWRITEBYTECODE would compile every module on every start instead.
    compileall.compile_dir(ROOT / "model", quiet=1)
    compileall.compile_dir(ROOT / "tui", quiet=1)
    if args.profile:
        profile(args.presses)
        return 0
    if not args.start:
        action_table(args.presses, 0.25 if args.quick else 1.0)
    print()
    print(f"{'item':<44}{'median ms':>10}{'p90 ms':>9}{'runs':>6}  target")
    first_screen_table(args.runs)
    bare = time_process(BARE, args.runs)
    ours = time_process(JIEBEI, args.runs)
    print(summary("whole process, headless: bare Textual", bare, "(reference)"))
    ratio = statistics.median(ours) / statistics.median(bare)
    print(summary("whole process, headless: jiebei-sim", ours, f"{ratio:.2f}× bare"))
    if args.start:
        return 0
    edits = asyncio.run(edit_to_screen(args.edits))
    print(summary("edit to screen: settle today → Jiebei badge", edits, "≤ 50 ms"))
    many = asyncio.run(edit_to_screen(args.edits, hundred_events()))
    print(summary("edit to screen, 100 events", many, "≤ 50 ms"))
    chart = asyncio.run(edit_to_screen(args.edits, hundred_events(), "#score-body", -1))
    print(summary("  the months-ahead chart, 100 events", chart, "(drawn last)"))
    print("\nActions: CPU time (time.process_time). First screen, whole process and edit "
          "to screen: wall times (time.perf_counter); the first two include the "
          "interpreter's start and every import. Always exits 0.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
