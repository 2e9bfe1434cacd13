"""The pre-loaded launcher ("zygote"): imports the app once, then forks one child per session.

Started by the server as ``python -OO -m tui.serve.launcher FD``, FD being its end of a
Unix SOCK_SEQPACKET socket pair (one message per datagram, file descriptors passed along).
Importing Textual, pydantic and the model costs about 0.3 s of CPU and most of a
session's memory; a fork shares both.

``-OO`` drops docstrings: every session is about 2 MB smaller. pip compiled no such
bytecode, so the server points ``PYTHONPYCACHEPREFIX`` at a folder of our own. A launcher
that had to compile (the first one ever, or after an upgrade) carries the compiler's
leftovers into every fork, so it starts itself again, once, from the bytecode just kept.

Messages, JSON:
  server → launcher: ``{"id": N, ...child params}`` with the PTY slave fd attached
  launcher → server: ``{"ready": PID, "compiled": BOOL, "uncached": BOOL}`` once loaded
                     (compiled: it compiled and started again; uncached: it compiled
                     bytecode it could not keep);
                     ``{"id": N, "pid": PID}`` or ``{"id": N, "error": TEXT}``;
                     ``{"exited": PID, "status": CODE}`` (a negative CODE: killed by -CODE)

Single-threaded on purpose: forking a process that has threads is unsafe. It leaves when
the server's end closes (EOF), hanging up its children first.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import importlib.machinery
import importlib.util
import json
import os
import select
import signal
import socket
import sys
from collections.abc import Iterator
from typing import Any

from tui.serve import warm

MAX_MESSAGE = 64 * 1024
AGAIN = "--again"  # on the command line of a launcher that started itself again


# The drivers a terminal and a browser session use, the app, what a child runs first, and what every
# session imports later on its way to the first frame (App.run imports the pilot; the
# notice is a dialog): loaded once here, they are shared, and no session compiles them.
PRELOAD = ("textual.drivers.linux_driver", "textual.drivers.web_driver", "tui.app",
           "tui.start", "tui.serve.child", "textual.pilot", "textual.scrollbar",
           "textual.layouts.factory", "textual.layouts.horizontal", "textual.layouts.stream",
           "tui.screens.dialogs")


def preload() -> None:
    """Import now what every session needs, so a fork starts with it already loaded."""
    from rich.cells import cell_len

    from model.policy import default_policy
    from model.samples import DEFAULT_SAMPLE, load_sample

    for name in PRELOAD:
        importlib.import_module(name)
    cell_len("借呗")  # loads the width table of the Unicode version in use
    default_policy()
    load_sample(DEFAULT_SAMPLE)


@contextlib.contextmanager
def counting_compiles() -> Iterator[list[str]]:
    """The source files this process compiles while inside (rather than loading bytecode
    kept from before): counted where importlib compiles, so no clock is involved."""
    compiled: list[str] = []
    loader = importlib.machinery.SourceFileLoader
    original = loader.source_to_code

    def source_to_code(self: Any, data: Any, path: Any, *, _optimize: int = -1) -> Any:
        compiled.append(str(path))
        return original(self, data, path, _optimize=_optimize)

    loader.source_to_code = source_to_code  # type: ignore[method-assign]
    try:
        yield compiled
    finally:
        del loader.source_to_code  # its own SourceLoader's again


def start_again(argv: list[str]) -> None:
    """Replace this process by a fresh launcher that loads the bytecode just kept; the
    server's socket stays open across. Returns only if that cannot be done."""
    os.set_inheritable(int(argv[0]), True)
    sys.stdout.flush()
    with contextlib.suppress(OSError):  # then carry on as we are: larger, but working
        os.execv(sys.executable, [*sys.orig_argv, AGAIN])


def _send(sock: socket.socket, message: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # the server is gone; the main loop sees EOF next
        sock.send(json.dumps(message).encode())


def _spawn(sock: socket.socket, wake: tuple[int, int], data: bytes, fds: list[int]) -> int | None:
    params: dict[str, Any] = {}
    try:
        params = json.loads(data)
        if len(fds) != 1:
            raise ValueError(f"expected one fd (terminal or socket), got {len(fds)}")
        pid = os.fork()
    except (ValueError, OSError) as exc:
        for fd in fds:
            os.close(fd)
        _send(sock, {"id": params.get("id"), "error": str(exc)})
        return None
    if pid == 0:  # the child: never returns
        code = 1
        try:
            from tui.serve import child

            sock.close()
            for fd in wake:
                os.close(fd)
            child.become_session(fds[0], params)
            code = child.run(params)
        finally:
            os._exit(code)
    os.close(fds[0])
    _send(sock, {"id": params.get("id"), "pid": pid})
    return pid


def _reap(sock: socket.socket, children: set[int]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.discard(pid)
        _send(sock, {"exited": pid, "status": os.waitstatus_to_exitcode(status)})


def serve(sock: socket.socket, ready: dict[str, Any]) -> None:
    # Ctrl+C in the server's terminal reaches this process too; the server decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    wake = os.pipe()
    for fd in wake:
        os.set_blocking(fd, False)
    signal.set_wakeup_fd(wake[1])
    signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes select through the pipe
    children: set[int] = set()
    _send(sock, {"ready": os.getpid(), **ready})
    while True:
        readable, _, _ = select.select([sock.fileno(), wake[0]], [], [])
        if wake[0] in readable:
            while True:
                try:
                    if not os.read(wake[0], 512):
                        break
                except BlockingIOError:
                    break
            _reap(sock, children)
        if sock.fileno() in readable:
            try:
                data, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 4)
            except OSError:
                data, fds = b"", []
            if not data:
                break  # the server has gone
            pid = _spawn(sock, wake, data, fds)
            if pid is not None:
                children.add(pid)
    for pid in children:  # a server that died without ending its sessions
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGHUP)


def main(argv: list[str]) -> int:
    with counting_compiles() as compiled:
        preload()
    kept = [path for path in compiled
            if os.path.exists(importlib.util.cache_from_source(path))]
    again = AGAIN in argv
    if kept and not again:
        start_again(argv)
    warm.share_parsed_css()
    rehearsal = warm.rehearse()
    sock = socket.socket(fileno=int(argv[0]))
    from tui.serve.child import LAUNCHER_NAME, name_process

    name_process(LAUNCHER_NAME)
    # Objects made so far are kept for good: the collector need not walk them, and
    # leaving them alone keeps their memory pages shared with the children.
    gc.collect()
    gc.freeze()
    sys.stdout.flush()
    serve(sock, {"compiled": again, "uncached": len(kept) < len(compiled),
                 "rehearsal": rehearsal})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
