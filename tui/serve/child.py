"""What a session's app process does first: take its terminal, then run the app.

Two ways in: forked by the launcher (``become_session`` then ``run``), or, if the launcher
is not there, as ``python -m tui.serve.child PARAMS_JSON`` started by the server in a new
session with the terminal already on 0, 1 and 2.

PARAMS: ``env`` (the whole environment), ``dir`` (the session's folder: its cwd and
sandbox), ``scenario`` (a sample name, a file in ``dir``, or None), ``lang``, ``tour``,
``web`` (a browser's session: Textual's web driver on stdin and stdout, not a terminal).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import io
import os
import resource
import signal
import sys
import termios
from pathlib import Path
from typing import Any

PR_SET_NAME = 15  # prctl(2)
SESSION_NAME = "jiebei-session"
MAX_APP_MEMORY = 512 << 20  # bytes of heap one session's app may have
LAUNCHER_NAME = "jiebei-launcher"


def name_process(name: str) -> None:
    """The name top and ``ps -o comm`` show (15 bytes at most): an operator can tell a
    visitor's app from the launcher (the server's log maps each pid to its visitor)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(PR_SET_NAME, name.encode()[:15], 0, 0, 0)


def become_session(fd: int, params: dict[str, Any]) -> None:
    """In a freshly forked child: a new session on ``fd``. Over SSH that is the session's
    terminal, which becomes the controlling one; in a browser (``params["web"]``) it is
    a socket carrying Textual's web driver protocol on stdin and stdout, with stderr
    thrown away (it would corrupt the protocol; the app's own errors end the session)."""
    name_process(SESSION_NAME)
    os.setsid()
    # A session that grows past this (a flood of input, a bug) ends, instead of taking
    # the machine's memory from everyone else's.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (MAX_APP_MEMORY, MAX_APP_MEMORY))
        # Below the server, which carries every visitor's keys and screens: one busy
        # session cannot slow the others' echo.
        os.nice(5)
    web = bool(params.get("web"))
    if not web:
        fcntl.ioctl(fd, termios.TIOCSCTTY, 0)
    os.dup2(fd, 0)
    os.dup2(fd, 1)
    if web:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    else:
        os.dup2(fd, 2)
    if fd > 2:
        os.close(fd)
    # The launcher's own handlers and wake-up pipe must not outlive the fork.
    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGWINCH):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.environ.clear()
    os.environ.update(params["env"])
    os.chdir(params["dir"])
    # The std streams were made for the launcher's own fds and locale: make them anew on
    # the terminal, in UTF-8 (Textual writes to sys.__stderr__ and reads sys.__stdin__).
    # typeshed marks the dunder streams Final; Textual reads them, so they are replaced.
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(  # type: ignore[misc]
        io.FileIO(0, "r", closefd=False), encoding="utf-8", errors="surrogateescape")
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(  # type: ignore[misc]
        io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="replace",
        line_buffering=True)
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(  # type: ignore[misc]
        io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="replace",
        line_buffering=True)


def run(params: dict[str, Any]) -> int:
    """Run the app; the exit status for the SSH client. Never raises."""
    from model.errors import InputError
    from tui import collector

    collector.pause()  # until the first screen is drawn (the app resumes it)
    try:
        from tui.start import run_app

        return run_app(params.get("scenario"), lang=params.get("lang"),
                       sandbox=Path(params["dir"]), tour=bool(params.get("tour")),
                       web=bool(params.get("web")))
    except InputError as exc:
        print(f"jiebei-sim: {exc}\r", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours: one line for the person, not a traceback
        print(f"jiebei-sim: internal error: {type(exc).__name__}: {exc}\r", file=sys.stderr)
        return 1
    finally:
        collector.resume()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):  # the terminal is already gone
                stream.flush()


def main(argv: list[str]) -> int:
    import json

    params = json.loads(argv[0])
    name_process(SESSION_NAME)
    # Started in a new session by the server; the terminal on 0 becomes ours, unless a
    # late launcher child took it first: then say so in one line rather than a traceback.
    try:
        if not params.get("web"):
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        os.chdir(params["dir"])
    except OSError as exc:
        print(f"jiebei-sim: this session could not start ({exc.strerror}); please connect "
              "again\r", file=sys.stderr)
        return 1
    return run(params)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
