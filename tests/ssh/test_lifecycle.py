"""Start and end: bad options stop the server at once; a dropped client, a dead launcher
and a server told to stop all leave no process and no folder behind."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
from pathlib import Path

import pytest

from tests.ssh.helpers import (
    ServerProcess,
    cmdline,
    connect,
    open_term,
    proc_alive,
    wait_until,
)
from tui.cli import main
from tui.serve.launcher import AGAIN

PIDS = r"session start: .* pid=(\d+)"


async def test_a_dropped_connection_ends_its_app_within_a_second(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open")
    conn = await connect(room.port)
    term = await open_term(conn)
    await term.wait_for("Before you start")
    pid = int((await room.wait_log(PIDS)).group(1))
    conn.abort()  # the network goes: no goodbye from the client
    await wait_until(lambda: not proc_alive(pid), 2, f"app pid {pid} ended")
    await room.wait_log(r"session end: .*client left")
    await wait_until(lambda: not room.session_folders(), 2, "no folder left")


async def test_sigterm_ends_every_session_and_leaves_nothing(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open")
    conns = [await connect(room.port, local_addr=(f"127.0.0.{i}", 0)) for i in (1, 2)]
    terms = [await open_term(conn) for conn in conns]
    for term in terms:
        await term.wait_for("Before you start")
    await wait_until(lambda: len(re.findall(PIDS, room.log())) == 2, 5, "two sessions")
    pids = [int(pid) for pid in re.findall(PIDS, room.log())]
    room.proc.send_signal(signal.SIGTERM)
    for term in terms:
        await term.wait_for("The server is shutting down", timeout=5)
        await asyncio.wait_for(term.closed, 5)
    assert await asyncio.to_thread(room.proc.wait, 10) == 0
    assert not any(proc_alive(pid) for pid in [*pids, room.launcher_pid])
    assert list(room.tmp.iterdir()) == []  # the server's own folder too
    for conn in conns:
        conn.close()


async def test_sessions_survive_the_launcher_dying(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open")
    async with await connect(room.port) as before:
        old = await open_term(before)
        await old.dismiss_notice()
        old_pid = int((await room.wait_log(PIDS)).group(1))
        os.kill(room.launcher_pid, signal.SIGKILL)
        found = await room.wait_log(r"launcher ready: pid (\d+)", start=2 + room.lines.index(
            next(line for line in room.lines if "launcher ready" in line)))
        assert int(found.group(1)) != room.launcher_pid
        # The running session is untouched...
        old.press("l")
        await old.wait_for("借呗")
        # ...and new ones start through the new launcher.
        async with await connect(room.port, local_addr=("127.0.0.2", 0)) as after:
            new = await open_term(after)
            await new.wait_for("Before you start")
    # Its launcher gone, the old session's app still ends when its visitor leaves.
    await wait_until(lambda: not proc_alive(old_pid), 1.5, f"app pid {old_pid} ended")


async def _visit(room: ServerProcess) -> None:
    async with await connect(room.port) as conn:
        term = await open_term(conn)
        assert "Overdue events" in await term.dismiss_notice()  # the app behind it


async def test_the_launcher_compiles_its_bytecode_once(tmp_path: Path,
                                                       secrets: dict[str, object]) -> None:
    """A cold cache: the first launcher compiles, then starts again from what it kept (so
    no fork carries the compiler's leftovers); the next server's launcher just loads."""
    key = ("--host-key", str(secrets["host_key"]), "--open")
    cache = tmp_path / "cache"
    first = ServerProcess(tmp_path / "a", *key, cache=cache)
    try:
        assert "(its bytecode compiled first)" in first.log()
        assert cmdline(first.launcher_pid)[-1] == AGAIN
        assert "-OO" in cmdline(first.launcher_pid)
        assert list((cache / "jiebei-sim" / "bytecode").rglob("*.opt-2.pyc"))
        await _visit(first)
    finally:
        first.stop()
    second = ServerProcess(tmp_path / "b", *key, cache=cache)
    try:
        assert "launcher ready" in second.log()
        assert "compiled first" not in second.log()
        assert AGAIN not in cmdline(second.launcher_pid)
    finally:
        second.stop()


async def test_a_bytecode_cache_that_cannot_be_written_is_said_once(
        tmp_path: Path, secrets: dict[str, object]) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # nothing can be made below a file, not even by root
    room = ServerProcess(tmp_path / "a", "--host-key", str(secrets["host_key"]), "--open",
                         cache=blocked)
    try:
        await room.wait_log(r"could not keep its bytecode in .*not-a-folder")
        await _visit(room)  # sessions work all the same
        assert room.log().count("could not keep its bytecode") == 1
        # Starting again would only compile it all again: it did not.
        assert "compiled first" not in room.log()
        assert AGAIN not in cmdline(room.launcher_pid)
    finally:
        room.stop()


def test_bad_options_exit_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # never the user's own host key
    key = tmp_path / "key"
    assert main(["serve", "--host-key", str(key)]) == 2
    assert "choose how people sign in" in capsys.readouterr().err
    assert main(["serve", "--open", "--password-file", "x"]) == 2
    assert "--open lets anyone in" in capsys.readouterr().err
    assert main(["serve", "--password-file", str(tmp_path / "none")]) == 2
    assert "cannot read the password file" in capsys.readouterr().err
    assert main(["serve", "--authorized-keys", str(tmp_path / "none")]) == 2
    assert "cannot read the authorized keys" in capsys.readouterr().err
    assert main(["serve", "--open", "--sample", "no-such-sample"]) == 2
    assert "no built-in sample" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert main(["serve", "--open", "--scenario", str(bad)]) == 2
    assert "bad.json" in capsys.readouterr().err
    assert not (tmp_path / "jiebei-sim").exists()  # no host key made for a failed start


def test_a_port_in_use_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--open", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"port {port} is in use; choose another with --port" in err
    assert "Traceback" not in err
