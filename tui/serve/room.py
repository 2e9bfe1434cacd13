"""The room both doors open on: the options, the launcher, the limits, the sessions."""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from tui.serve.config import ServeConfig
from tui.serve.limits import Guesses, Slots, waiting_caps
from tui.serve.spawner import Spawner

GUESSES_PER_MINUTE = 30  # wrong passwords the whole room takes a minute, both doors


class RoomSession(Protocol):
    """What the room asks of a session of either door (its shutdown: tui.serve.server)."""

    task: asyncio.Task[None] | None  # its handler, awaited at shutdown

    @property
    def lang(self) -> str: ...  # the words of its goodbye

    def stop(self, reason: str, message: str | None = None) -> None: ...


class Room:
    """What every connection shares: the options, the launcher, the slots, the sessions."""

    def __init__(self, config: ServeConfig, root: Path) -> None:
        self.config = config
        self.root = root  # every session's folder is made in here
        self.spawner = Spawner()
        self.slots = Slots(config.max_sessions, config.max_per_address)  # both doors
        self.guesses = Guesses(GUESSES_PER_MINUTE, config.max_sessions)  # both doors
        # Each door's connections not yet signed in (a browser opens several at once).
        self.waiting = waiting_caps(config.max_sessions, config.max_per_address)
        self.web_waiting = waiting_caps(config.max_sessions, config.max_per_address,
                                        per_visitor=6)
        self.connections: set[Any] = set()  # the SSH door's (server.Connection)
        self.sessions: set[RoomSession] = set()  # both doors
        self.ids = itertools.count(1)
        self.closing = False

    def lang(self, client_env: dict[str, str]) -> str:
        if self.config.lang:
            return self.config.lang
        # POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            if value := client_env.get(name):
                return "zh" if value.lower().startswith("zh") else "en"
        return "en"

    def params(self, folder: Path, term: str, lang: str, client_env: dict[str, str],
               web: tuple[int, int] | None = None) -> dict[str, Any]:
        """What the app process needs: a whole environment of its own, and its folder.
        ``web``: a browser's session, of that many columns and rows to begin with."""
        here = str(folder)
        env = {"PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
               "TERM": term, "LANG": "C.UTF-8", "HOME": here, "TMPDIR": here,
               "XDG_CONFIG_HOME": here, "XDG_DATA_HOME": here, "XDG_CACHE_HOME": here}
        # Never COLUMNS/LINES: Textual would take them over the terminal and ignore resizes.
        if client_env.get("COLORTERM") in ("truecolor", "24bit"):
            env["COLORTERM"] = client_env["COLORTERM"]
        if web is not None:
            # The web driver's first size (resizes come in its protocol, not as SIGWINCH);
            # every browser's terminal takes 24-bit colour.
            env.update(COLORTERM="truecolor", COLUMNS=str(web[0]), ROWS=str(web[1]))
        scenario = self.config.sample
        if self.config.scenario is not None:
            name, data = self.config.scenario
            (folder / name).write_bytes(data)
            scenario = str(folder / name)
        return {"env": env, "dir": here, "scenario": scenario, "lang": lang,
                "tour": self.config.tour, "web": web is not None}


async def time_is_up(config: ServeConfig, started: float, last_input: Callable[[], float]
                     ) -> str:
    """Wait until a session has run out of time, and say which way: "idle" (no key for
    the idle time) or "session time limit"."""
    while True:
        now = time.monotonic()
        idle_end = last_input() + config.idle_timeout
        hard_end = started + config.session_timeout
        if now >= hard_end:
            return "session time limit"
        if now >= idle_end:
            return "idle"
        await asyncio.sleep(min(idle_end, hard_end) - now + 0.05)
