"""The server's side of the launcher: start it, ask it for app processes, restart it if it
dies. Without it (it failed to start, or keeps dying) each app process is a plain
``python -m tui.serve.child`` subprocess: slower to start, but sessions keep working.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tui

log = logging.getLogger("jiebei-sim.serve")

ROOT = Path(tui.__file__).resolve().parent.parent  # so children import this very copy
READY_TIMEOUT = 20.0
REPLY_TIMEOUT = 5.0
MAX_QUICK_DEATHS = 3  # launchers dying within a minute of starting before we give up


@dataclass
class AppProcess:
    """A session's app process: the leader of its own process group."""

    pid: int
    status: asyncio.Future[int | None] = field(repr=False)  # None: not known


def signal_app(proc: AppProcess, sig: int) -> None:
    """Signal an app's whole process group, unless it has been reaped with a known status
    (its pid may be someone else's by now). A status that is "unknown" (its launcher died)
    means it may still run."""
    if proc.status.done() and proc.status.result() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)


# What Python itself may need from the operator's environment; nothing else is passed on,
# so that settings read at import time (Textual's TEXTUAL_*, NO_COLOR...) in the
# operator's shell do not leak into every session.
PYTHON_VARS = ("PATH", "HOME", "PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE",
               "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV", "JIEBEI_SIM_DEBUG")


def child_env() -> dict[str, str]:
    """The environment of Python processes we start (the launcher, fallback children)."""
    env = {name: os.environ[name] for name in PYTHON_VARS if name in os.environ}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["LANG"] = "C.UTF-8"
    env["PYTHONUTF8"] = "1"
    return env


def bytecode_folder() -> Path:
    """Where the launcher keeps its ``-OO`` bytecode (see ``launcher``): the user's cache."""
    from platformdirs import user_cache_path

    return user_cache_path("jiebei-sim") / "bytecode"


def launcher_env() -> dict[str, str]:
    # The launcher must write its bytecode, whatever the operator's shell says.
    env = {name: value for name, value in child_env().items()
           if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode_folder())
    return env


def _unknown(loop: asyncio.AbstractEventLoop) -> asyncio.Future[int | None]:
    """The launcher died between its reply and now: the status will never come."""
    future: asyncio.Future[int | None] = loop.create_future()
    future.set_result(None)
    return future


class Launcher:
    """One running launcher process and the replies it owes."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.proc = subprocess.Popen(
            [sys.executable, "-OO", "-m", "tui.serve.launcher", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=launcher_env(),
            cwd=ROOT)
        theirs.close()
        self.started = time.monotonic()
        self.ready: asyncio.Future[dict[str, Any]] = self.loop.create_future()
        self.replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.exits: dict[int, asyncio.Future[int | None]] = {}
        self.dead: asyncio.Future[None] = self.loop.create_future()
        self.sock.setblocking(False)
        self.loop.add_reader(self.sock, self._readable)

    def _readable(self) -> None:
        try:
            data = self.sock.recv(64 * 1024)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._died()
            return
        message = json.loads(data)
        if "ready" in message:
            if not self.ready.done():
                self.ready.set_result(message)
        elif "exited" in message:
            future = self.exits.pop(message["exited"], None)
            if future is not None and not future.done():
                future.set_result(message["status"])
        elif (reply := self.replies.pop(message.get("id"), None)) and not reply.done():
            if "pid" in message:  # before any news of its exit can arrive
                self.exits[message["pid"]] = self.loop.create_future()
            reply.set_result(message)
        elif "pid" in message:  # too late: that session has started another way
            with contextlib.suppress(OSError):
                os.killpg(message["pid"], signal.SIGKILL)

    def _died(self) -> None:
        if self.sock.fileno() >= 0:
            self.loop.remove_reader(self.sock)
            self.sock.close()
        gone = ConnectionError("the launcher has gone")
        for waiting in (self.ready, *self.replies.values()):
            if not waiting.done():
                waiting.set_exception(gone)
        for exit_status in self.exits.values():
            if not exit_status.done():
                exit_status.set_result(None)  # its children live on; only their status is lost
        self.replies.clear()
        self.exits.clear()
        if not self.dead.done():
            self.dead.set_result(None)

    async def spawn(self, request_id: int, tty: int, params: dict[str, Any]) -> AppProcess:
        reply = self.loop.create_future()
        self.replies[request_id] = reply
        try:
            socket.send_fds(self.sock, [json.dumps({"id": request_id, **params}).encode()],
                            [tty])
            message = await asyncio.wait_for(reply, REPLY_TIMEOUT)
        finally:
            self.replies.pop(request_id, None)
        if "error" in message:
            raise OSError(message["error"])
        pid = message["pid"]
        return AppProcess(pid, self.exits.get(pid) or _unknown(self.loop))

    async def close(self) -> None:
        """EOF on its socket tells it to leave; wait for it, and kill it if it lingers."""
        if self.sock.fileno() >= 0:
            self.loop.remove_reader(self.sock)
            self.sock.close()
        if not self.dead.done():
            self.dead.set_result(None)
        deadline = time.monotonic() + 2
        while self.proc.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Spawner:
    """Starts app processes: through the launcher while it lives, else as subprocesses."""

    def __init__(self) -> None:
        self.launcher: Launcher | None = None
        self._ids = itertools.count(1)
        self._quick_deaths = 0
        self._closing = False
        self._watch: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._start_launcher()

    async def _start_launcher(self) -> None:
        launcher = Launcher()
        try:
            ready = await asyncio.wait_for(launcher.ready, READY_TIMEOUT)
        except asyncio.CancelledError:  # the server is closing while it starts
            await launcher.close()
            raise
        except (ConnectionError, TimeoutError) as exc:
            log.warning("the launcher did not start (%s): each session will start its own "
                        "Python process (slower)", exc or "timed out")
            await launcher.close()
            self._quick_deaths = MAX_QUICK_DEATHS
            return
        log.info("launcher ready: pid %d, loaded in %.2f s%s", ready["ready"],
                 time.monotonic() - launcher.started,
                 " (its bytecode compiled first)" if ready.get("compiled") else "")
        if ready.get("rehearsal"):
            log.warning("the launcher's rehearsal of a start-up failed (%s): sessions start "
                        "as well, each making for itself what it would have shared",
                        ready["rehearsal"])
        if ready.get("uncached"):
            log.warning("the launcher could not keep its bytecode in %s: each session "
                        "takes about 2 MB more and compiles each screen it opens",
                        bytecode_folder())
        self.launcher = launcher
        self._watch = asyncio.create_task(self._restart_when_dead(launcher))

    async def _restart_when_dead(self, launcher: Launcher) -> None:
        await asyncio.shield(launcher.dead)  # cancelling us must not cancel it
        if self._closing:
            return
        self.launcher = None
        code = await asyncio.to_thread(launcher.proc.wait)  # never block every session
        quick = time.monotonic() - launcher.started < 60
        self._quick_deaths = self._quick_deaths + 1 if quick else 0
        if self._quick_deaths >= MAX_QUICK_DEATHS:
            log.error("the launcher keeps dying (status %s): sessions now start as plain "
                      "subprocesses", code)
            return
        log.warning("the launcher died (status %s); starting a new one", code)
        await self._start_launcher()

    async def spawn(self, tty: int, params: dict[str, Any]) -> AppProcess:
        """Start the app on ``tty`` (closed here, whatever happens)."""
        try:
            if (launcher := self.launcher) is not None:
                try:
                    return await launcher.spawn(next(self._ids), tty, params)
                except TimeoutError:
                    # A fork answers in milliseconds: a launcher silent this long is hung.
                    # Ending it lets the watcher start a fresh one; its sessions live on.
                    log.warning("the launcher did not answer in %.0f s: ending it; this "
                                "session starts as a subprocess", REPLY_TIMEOUT)
                    launcher.proc.kill()
                except OSError as exc:
                    log.warning("launcher could not start a session (%s); "
                                "starting a subprocess instead", exc)
            return await self._subprocess(tty, params)
        finally:
            os.close(tty)

    async def _subprocess(self, tty: int, params: dict[str, Any]) -> AppProcess:
        # The session's own environment (its HOME, TERM...) over what Python needs.
        env = child_env() | params["env"]
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tui.serve.child", json.dumps(params),
            stdin=tty, stdout=tty, stderr=tty, cwd=params["dir"], env=env,
            start_new_session=True)
        status: asyncio.Future[int | None] = asyncio.ensure_future(proc.wait())
        return AppProcess(proc.pid, status)

    async def close(self) -> None:
        self._closing = True
        if self._watch is not None:
            self._watch.cancel()
        if self.launcher is not None:
            await self.launcher.close()
            self.launcher = None
