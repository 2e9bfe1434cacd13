"""CPU per action in a running app: the harness behind ``bench_tui.py``'s action table.

One action = one key event handed to the app's driver, as a terminal's input would be,
and everything the app does about it until the screen shows the result and the app is
quiet again. Its cost is ``time.process_time`` (CPU of the whole process, all threads)
from just before the key to the end of that work, so a busy or slower-clocked machine
stretches wall time but hardly this figure.

When is an action done:

1. **shown**: a frame the compositor hands to the driver (``App._display``) is taken
   when the action's sign is already on screen (e.g. the header's as-of date has
   changed, the Jiebei badge's words, the comparison screen is the one displayed). The
   headless driver would drop the frame; here it is turned into terminal output
   (``render_segments``), as a real terminal driver does, so the repaint is counted.
2. **quiet**: then the bench waits, one screen-update period at a time, until no node of
   the app has a message queued, the screen has nothing to lay out or repaint and no
   frame came in the last two periods: work the action set off a frame later (a chart
   drawn after the answer, the key bar refreshed after the paint) is counted too.

The CPU of the bench's own checks is measured and taken off. What the idle event loop
burns while waiting is counted (it is printed, per second, beside the table: near zero).
The pilot's ``press``/``pause`` are not used inside the timed span: they walk every
widget and sleep in loops of their own, which would be counted as the app's work.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App

PERIOD = 1 / 60  # Textual's screen update period (60 frames a second)
QUIET_PERIODS = 2
TIMEOUT = 10.0

Sign = Callable[[App[Any]], bool]  # is the action's result on screen now?


class ActionTimeout(RuntimeError):
    pass


class Meter:
    """Watches one app: frames displayed, and whether the action's sign is shown."""

    def __init__(self, app: App[Any], profiler: Any = None) -> None:
        self.app = app
        self.profiler = profiler  # a cProfile.Profile, on only across the timed keys
        self.frames = 0
        self.sign: Sign | None = None
        self.shown = False
        self.own_cpu = 0.0  # the bench's checks, taken off every measure
        self._display = app._display
        app._display = self.display  # type: ignore[method-assign]

    def display(self, screen: Any, renderable: Any) -> None:
        self._display(screen, renderable)
        app = self.app
        if renderable is None or app._batch_count or screen is not app.screen:
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)  # what a terminal driver writes
        self.frames += 1
        if self.sign is not None and not self.shown:
            start = time.process_time()
            self.shown = self.sign(app)
            self.own_cpu += time.process_time() - start

    def busy(self) -> bool:
        start = time.process_time()
        try:
            app = self.app
            screen = app.screen
            if (screen._layout_required or screen._repaint_required
                    or screen._scroll_required or screen._dirty_widgets
                    or screen._callbacks):
                return True
            nodes = [app, *app._background_screens, *screen.walk_children(with_self=True)]
            return any(node._message_queue.qsize() for node in nodes)
        finally:
            self.own_cpu += time.process_time() - start

    async def act(self, key: str, char: str | None, sign: Sign) -> float:
        """CPU ms from the key to the result on screen and the app quiet again."""
        self.sign, self.shown, self.own_cpu = sign, False, 0.0
        driver = self.app._driver
        assert driver is not None
        event = events.Key(key, char)
        event.set_sender(self.app)
        deadline = time.monotonic() + TIMEOUT
        if self.profiler is not None:
            self.profiler.enable()
        start = time.process_time()
        driver.send_message(event)
        quiet, frames = 0, self.frames
        while quiet < QUIET_PERIODS:
            await asyncio.sleep(PERIOD)
            if time.monotonic() > deadline:
                raise ActionTimeout(f"{key!r}: its result never reached the screen")
            if not self.shown or self.busy() or self.frames != frames:
                quiet, frames = 0, self.frames
            else:
                quiet += 1
        used = time.process_time() - start - self.own_cpu
        if self.profiler is not None:
            self.profiler.disable()
        self.sign = None
        return used * 1000

    async def settle(self) -> None:
        """Untimed: wait until the app is quiet (between actions, and after mount)."""
        quiet, frames = 0, self.frames
        deadline = time.monotonic() + TIMEOUT
        while quiet < QUIET_PERIODS and time.monotonic() < deadline:
            await asyncio.sleep(PERIOD)
            if self.busy() or self.frames != frames:
                quiet, frames = 0, self.frames
            else:
                quiet += 1

    async def idle_cpu(self, seconds: float = 1.0) -> float:
        """CPU ms a second the app burns doing nothing (its timers, the event loop)."""
        await self.settle()
        start_cpu, start = time.process_time(), time.monotonic()
        await asyncio.sleep(seconds)
        return (time.process_time() - start_cpu) * 1000 / (time.monotonic() - start)


def changed(read: Callable[[App[Any]], str]) -> Callable[[App[Any]], Sign]:
    """A sign maker: the text ``read`` returns is no longer what it was before the key."""
    def make(app: App[Any]) -> Sign:
        before = read(app)
        return lambda a: read(a) != before
    return make


def screen_is(name: str) -> Callable[[App[Any]], Sign]:
    """A sign maker: the displayed screen is of the class ``name``."""
    def make(app: App[Any]) -> Sign:
        return lambda a: type(a.screen).__name__ == name
    return make


@dataclass(frozen=True)
class Step:
    """One timed key of an action: its key, the character it types, its sign."""

    label: str
    key: str
    char: str | None
    sign: Callable[[App[Any]], Sign]


@dataclass
class Figures:
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def p90(self) -> float:
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


async def measure(app: App[Any], size: tuple[int, int], steps: list[Step], presses: int,
                  idle_seconds: float = 1.0, profiler: Any = None
                  ) -> tuple[dict[str, Figures], float]:
    """Run ``steps`` in turn, ``presses`` times round (the steps of one action bring the
    app back where it was: ``]`` then ``[``). CPU ms of each step, and idle CPU ms/s."""
    out: dict[str, list[float]] = {step.label: [] for step in steps}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        meter = Meter(app, profiler)
        await meter.settle()
        for step in steps:  # one round untimed: first-use costs (imports, caches) apart
            await meter.act(step.key, step.char, step.sign(app))
        for _ in range(presses):
            for step in steps:
                await meter.settle()
                out[step.label].append(await meter.act(step.key, step.char, step.sign(app)))
        idle = await meter.idle_cpu(idle_seconds)
    return {label: Figures(values) for label, values in out.items()}, idle
