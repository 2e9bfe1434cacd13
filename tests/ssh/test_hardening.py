"""What one stranger cannot do to a room: hold it with silent sockets, hold slots without a
session, guess passwords from many addresses, take the server's CPU with a huge terminal
or its memory with keys, or leave processes behind."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from pathlib import Path

import asyncssh
import pytest

from tests.ssh.conftest import PASSWORD, start
from tests.ssh.helpers import connect, open_term, proc_alive, wait_until
from tests.ssh.test_units import password_file, signing_in
from tui.serve.limits import Budget, Guesses, key_budget, waiting_caps
from tui.serve.spawner import PYTHON_VARS


def silent_sockets(port: int, count: int, source: str = "127.0.0.1") -> list[socket.socket]:
    """TCP connections that never say anything (not even an SSH banner)."""
    out = []
    for _ in range(count):
        s = socket.socket()
        s.bind((source, 0))
        s.connect(("127.0.0.1", port))
        s.setblocking(False)
        out.append(s)
    return out


def closed_by_server(s: socket.socket) -> bool:
    try:
        while data := s.recv(4096):  # the server's banner, then its end
            del data
        return True
    except BlockingIOError:
        return False
    except OSError:
        return True


async def test_silent_sockets_from_one_address_do_not_keep_others_out(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open", "--handshake-timeout", "3")
    cap = waiting_caps(40, 4).per_address
    sockets = silent_sockets(room.port, 200)
    try:
        # All but the first few are let go at once; those few when the handshake time ends.
        await wait_until(lambda: sum(map(closed_by_server, sockets)) >= 200 - cap, 10,
                         "the sockets beyond the per-address cap closed")
        async with await connect(room.port, local_addr=("127.0.0.2", 0)) as visitor:
            await (await open_term(visitor)).wait_for("Before you start")
        await wait_until(lambda: all(map(closed_by_server, sockets)), 10,
                         "the silent sockets closed after the handshake time")
        assert "no sign-in began within 3 seconds" in room.log()
        assert "too many connections from this address at once" in room.log()
    finally:
        for s in sockets:
            s.close()


async def test_a_signed_in_connection_that_opens_no_session_is_closed(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open", "--handshake-timeout", "1.5", "--max-sessions", "1")
    idle = await connect(room.port)
    await asyncio.wait_for(idle.wait_closed(), 10)
    await room.wait_log(r"disconnect \(no session opened within 1\.5 seconds\)")
    async with await connect(room.port) as visitor:  # its slot is free again
        await (await open_term(visitor)).wait_for("Before you start")


async def test_idle_time_counts_from_sign_in(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open", "--idle-timeout", "3", "--handshake-timeout", "10")
    async with await connect(room.port) as conn:
        await asyncio.sleep(2)  # signed in, no session yet
        term = await open_term(conn)
        await term.closed
    found = await room.wait_log(r"session end: .* after ([\d.]+) s \(idle\)")
    assert float(found.group(1)) < 2.5  # 3 s from sign-in, not from the session's start


def test_the_room_takes_a_capped_number_of_wrong_passwords_a_minute() -> None:
    guesses = Guesses(per_minute=3)
    for t in (0.0, 1.0):
        assert guesses.begin(t)
        guesses.end(False, t)
    assert guesses.begin(2.0) and guesses.begin(2.0) is False  # one under way counts
    guesses.end(True, 2.5)  # a right password costs nothing
    assert guesses.begin(3.0)
    guesses.end(False, 3.0)
    assert not guesses.begin(30.0)  # three wrong in the last minute
    assert guesses.begin(60.5)  # the first has left the window


def test_a_flood_of_keys_is_dropped_but_a_paste_goes_through() -> None:
    keys = key_budget()
    assert keys.take(50_000, now=0.0)  # a page pasted, at once
    assert not keys.take(50_000, now=0.1)  # and more straight after: dropped
    assert keys.take(100, now=1.0)  # typing goes on
    sent = sum(keys.take(4_000, now=2.0 + i / 100) for i in range(1000))  # 4 MB in 10 s
    assert sent * 4_000 <= keys.burst + 11 * keys.rate


def test_a_whole_room_can_sign_in_at_once() -> None:
    guesses = Guesses(per_minute=3, at_once=10)
    assert all(guesses.begin(0.0) for _ in range(13))  # no wrong ones yet: all checked
    assert not guesses.begin(0.0)
    for _ in range(13):
        guesses.end(True, 0.5)
    for _ in range(3):
        assert guesses.begin(1.0)
        guesses.end(False, 1.0)
    assert not guesses.begin(2.0)  # three wrong: no more checks this minute


async def test_many_addresses_guessing_are_stopped_room_wide(tmp_path: Path,
                                                             monkeypatch) -> None:
    import tui.serve.server as server

    room_options = password_file(tmp_path, monkeypatch)
    room, _ = signing_in(tmp_path, *room_options)
    wrong = 0
    for i in range(server.GUESSES_PER_MINUTE):  # each address stays under its own cap
        _, conn = signing_in(tmp_path, *room_options)
        conn.room, conn.address = room, f"10.0.{i}.1"
        conn.begin_auth("guest")
        wrong += await conn.validate_password("guest", "wrong") is False
    assert wrong == server.GUESSES_PER_MINUTE
    _, late = signing_in(tmp_path, *room_options)
    late.room, late.address = room, "10.9.9.9"
    late.begin_auth("guest")
    assert await late.validate_password("guest", "right") is False  # refused unchecked
    assert late.conn.closed is not None  # type: ignore[union-attr]
    assert "Too many sign-in attempts in this room" in late.conn.closed[1]  # type: ignore[union-attr]


async def test_a_huge_terminal_is_capped_and_the_log_says_so(room) -> None:  # type: ignore[no-untyped-def]
    start_at = len(room.lines)
    async with await connect(room.port, password=PASSWORD) as conn:
        term = await open_term(conn, cols=5000, rows=3000)
        await room.wait_log(r"session start: .* 500x200 ", start=start_at)
        term.resize(9000, 9000)
        term.resize(120, 36)
        await term.wait_for("Before you start")


async def test_keys_for_a_stuck_app_are_capped_at_a_megabyte(tmp_path: Path) -> None:
    """An app that stops reading (SIGSTOP, or a bug) must not make the server keep every
    key a client sends: beyond 1 MB waiting, input is dropped."""
    from tui.serve.server import MAX_PENDING_INPUT, AppSession

    _, conn = signing_in(tmp_path, "--open")
    session = AppSession(conn)
    session.keys = Budget(rate=1e12, burst=1e12)  # this cap alone, not the key budget
    reader, writer = os.pipe()  # the terminal's other end, never read
    os.set_blocking(writer, False)
    session.master = writer
    try:
        chunk = b"x" * 65536
        for _ in range(64):  # 4 MB
            session.data_received(chunk, None)
        assert len(session.pending) <= MAX_PENDING_INPUT
        assert MAX_PENDING_INPUT == 1 << 20
    finally:
        session.loop.remove_writer(writer)
        os.close(reader)
        os.close(writer)
        session.master = -1


async def test_x11_and_agent_forwarding_are_refused(room) -> None:  # type: ignore[no-untyped-def]
    async with await connect(room.port, password=PASSWORD) as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await open_term(conn, x11_forwarding=True, x11_display=":9")
    async with await connect(room.port, password=PASSWORD, agent_forwarding=True,
                             agent_path=str(Path("/nonexistent-agent"))) as conn:
        term = await open_term(conn)
        await term.wait_for("Before you start")
        pid = int((await room.wait_log(rf"{conn.get_extra_info('sockname')[1]} .*pid=(\d+)"))
                  .group(1))
        env = Path(f"/proc/{pid}/environ").read_bytes()
        assert b"SSH_AUTH_SOCK" not in env


async def test_a_forked_session_has_only_its_own_environment(room) -> None:  # type: ignore[no-untyped-def]
    async with await connect(room.port, password=PASSWORD) as conn:
        term = await open_term(conn, env={"LANG": "zh_CN.UTF-8", "LD_PRELOAD": "/evil.so",
                                          "TEXTUAL_DRIVER": "x:y", "PYTHONPATH": "/evil"})
        await term.wait_for("开始之前")  # the client's language came through
        pid = int((await room.wait_log(rf"{conn.get_extra_info('sockname')[1]} .*pid=(\d+)"))
                  .group(1))
        environ = Path(f"/proc/{pid}/environ").read_bytes()
        names = {line.split(b"=", 1)[0].decode() for line in environ.split(b"\0") if line}
        # What the process began with (its launcher's), then its session's own.
        assert names <= {*PYTHON_VARS, "PYTHONUTF8", "PYTHONPYCACHEPREFIX", "LANG"}, names
        assert b"/evil" not in environ and "LD_PRELOAD" not in names
        assert not {"COLUMNS", "LINES", "TEXTUAL_DRIVER"} & names
        assert Path(os.readlink(f"/proc/{pid}/cwd")).name.startswith("session-")


async def test_ctrl_c_before_the_app_has_the_terminal_ends_nothing_else(room) -> None:  # type: ignore[no-untyped-def]
    start_at = len(room.lines)
    async with await connect(room.port, password=PASSWORD) as conn:
        term = await open_term(conn)
        term.press(b"\x03\x03\x03")  # at once: the app may not have the terminal yet
        await term.wait_for("Before you start")  # the app runs, and draws
        pid = int((await room.wait_log(r"pid=(\d+)", start=start_at)).group(1))
    await room.wait_log(rf"session end: pid={pid}", start=start_at)
    assert not proc_alive(pid)
    assert room.proc.poll() is None  # the server goes on


async def test_a_killed_server_leaves_nothing_the_next_start_does_not_sweep(
        tmp_path: Path, secrets: dict[str, object]) -> None:
    first = start(tmp_path / "a", secrets, "--open")
    async with await connect(first.port) as conn:
        term = await open_term(conn)
        await term.wait_for("Before you start")
        pid = int((await first.wait_log(r"pid=(\d+)")).group(1))
        folders = first.session_folders()
        assert folders
        first.proc.send_signal(signal.SIGKILL)
        first.proc.wait()
    # Its launcher sees the socket close and hangs up its sessions.
    await wait_until(lambda: not proc_alive(pid) and not proc_alive(first.launcher_pid), 10,
                     "the app and the launcher of the killed server gone")
    room_folder = folders[0].parent
    assert room_folder.exists()  # nobody cleaned up: the next start must
    second = start(tmp_path / "a", secrets, "--open")
    try:
        await second.wait_log(r"removed the folder of a server that ended without cleaning")
        assert not room_folder.exists()
    finally:
        second.stop()
