"""A real server in a subprocess, and a real SSH client with a terminal emulator (pyte) to
read what a person would see. Shared by the tests and by ``bench_ssh.py``."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import asyncssh
import pyte

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T", bound="Term")
LISTENING = re.compile(r"listening on \S+ port (\d+)")


class ServerProcess:
    """``python -m tui.cli serve ...`` on a free port, its log collected line by line.
    ``cache``: its XDG cache folder (where the launcher keeps its bytecode), if not its own."""

    def __init__(self, home: Path, *args: str, cache: Path | None = None) -> None:
        self.home = home
        self.tmp = home / "tmp"  # where the sessions' folders are made
        self.tmp.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
                   XDG_CACHE_HOME=str(cache or home / "cache"), HOME=str(home),
                   TMPDIR=str(self.tmp),
                   PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT),
                                                            env.get("PYTHONPATH")))))
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "serve", "--port", "0", *args],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
            env=env, cwd=ROOT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        found = self.wait_log_sync(LISTENING, 30)
        self.port = int(found.group(1))
        # A launcher compiling its bytecode for the first time takes a few seconds.
        self.launcher_pid = int(self.wait_log_sync(r"launcher ready: pid (\d+)", 20).group(1))

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def session_folders(self) -> list[Path]:
        return list(self.tmp.glob("jiebei-sim-serve-*/session-*"))

    def log(self) -> str:
        return "\n".join(self.lines)

    def _search(self, pattern: str | re.Pattern[str], start: int) -> re.Match[str] | None:
        for line in self.lines[start:]:
            if found := re.search(pattern, line):
                return found
        return None

    def wait_log_sync(self, pattern: str | re.Pattern[str], timeout: float,
                      start: int = 0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (found := self._search(pattern, start)):
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise AssertionError(f"no log line {pattern!r} in:\n{self.log()}")
                self._changed.wait(min(left, 0.1))
        return found

    async def wait_log(self, pattern: str | re.Pattern[str], timeout: float = 10,
                       start: int = 0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while not (found := self._search(pattern, start)):
            if time.monotonic() > deadline:
                raise AssertionError(f"no log line {pattern!r} in:\n{self.log()}")
            await asyncio.sleep(0.02)
        return found

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()


class Term(asyncssh.SSHClientSession):  # type: ignore[type-arg]
    """The client's side of a session, drawn on a pyte screen."""

    def __init__(self, cols: int, rows: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.chan: asyncssh.SSHClientChannel | None = None  # type: ignore[type-arg]
        self.received = 0
        self.stderr = b""
        self.closed = asyncio.get_running_loop().create_future()
        self.exit_status: int | None = None
        self.changed = asyncio.Event()  # set on each output: look at the screen then

    def connection_made(self, chan: Any) -> None:
        self.chan = chan

    def data_received(self, data: bytes, datatype: int | None) -> None:
        self.received += len(data)
        if datatype == asyncssh.EXTENDED_DATA_STDERR:
            self.stderr += data
        self.stream.feed(data)
        self.changed.set()

    def exit_status_received(self, status: int) -> None:
        self.exit_status = status

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(exc)
        self.changed.set()

    def lines(self) -> list[str]:
        # Not pyte's ``display``: it fails on the second half of a wide (CJK) character
        # whose first half was overwritten (pyte has no alternate screen, so the server's
        # goodbye lands over what the app drew); that stub's text is "".
        screen = self.screen
        return ["".join(screen.buffer[y][x].data for x in range(screen.columns))
                for y in range(screen.lines)]

    def text(self) -> str:
        return "\n".join(self.lines())

    async def until(self, condition: Callable[[str], object], timeout: float,
                    what: str) -> str:
        """Wait until ``condition(screen text)`` holds, looking only when output arrives
        (cheap enough for dozens of clients at once); the screen's text."""
        return await self.until_read(self.text, condition, timeout, what)

    async def until_read(self, read: Callable[[], str], condition: Callable[[str], object],
                         timeout: float, what: str) -> str:
        """``until`` on what ``read()`` returns (the screen's text, or other views of it)."""
        deadline = time.monotonic() + timeout
        while True:
            self.changed.clear()
            shown = read()
            if condition(shown):
                return shown
            left = deadline - time.monotonic()
            if left <= 0 or self.closed.done():
                raise AssertionError(f"{what}: not so within {timeout} s:\n{shown}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)

    async def wait_for(self, text: str | re.Pattern[str], timeout: float = 15) -> str:
        """Wait until the screen shows ``text`` (a string or a regex)."""
        if isinstance(text, str):
            return await self.until(lambda shown: text in shown, timeout, repr(text))
        return await self.until(text.search, timeout, repr(text))

    async def wait_gone(self, text: str, timeout: float = 15) -> str:
        return await self.until(lambda shown: text not in shown, timeout, f"{text!r} gone")

    async def dismiss_notice(self) -> str:
        """The first-run notice, always shown in a session: Enter, and wait for it to go."""
        await self.wait_for("Before you start")
        self.press("\r")
        await self.wait_gone("Before you start")
        return await self.wait_for("Overdue events")

    def press(self, keys: str | bytes) -> None:
        assert self.chan is not None
        self.chan.write(keys.encode() if isinstance(keys, str) else keys)

    def resize(self, cols: int, rows: int) -> None:
        assert self.chan is not None
        self.screen.resize(rows, cols)
        self.chan.change_terminal_size(cols, rows)


async def connect(port: int, **options: Any) -> asyncssh.SSHClientConnection:
    """A client that uses nothing of the user's own: no config, keys, agent, known hosts."""
    options = {"username": "guest", "known_hosts": None, "client_keys": None,
               "agent_path": None, "config": None, **options}
    return await asyncssh.connect("127.0.0.1", port, **options)


async def open_term(conn: asyncssh.SSHClientConnection, cols: int = 120, rows: int = 36,
                    factory: type[T] = Term, **options: Any) -> T:  # type: ignore[assignment]
    _, term = await conn.create_session(lambda: factory(cols, rows), term_type="xterm-256color",
                                        term_size=(cols, rows), encoding=None, **options)
    return term


def cmdline(pid: int) -> list[str]:
    """A process's command line (a forked session shows its launcher's)."""
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().rstrip("\0").split("\0")


def proc_alive(pid: int) -> bool:
    """Alive and not a zombie (a zombie has ended; only its status is left)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


async def wait_until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        await asyncio.sleep(0.02)
