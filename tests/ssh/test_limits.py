"""How many at once, from where, and for how long: each limit tells the person why."""

from __future__ import annotations

import asyncssh
import pytest

from tests.ssh.helpers import connect, open_term, proc_alive, wait_until


async def test_sessions_per_address_and_in_all(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open", "--max-sessions", "2", "--max-per-address", "1")
    async with await connect(room.port) as first:
        await (await open_term(first)).wait_for("Before you start")
        with pytest.raises(asyncssh.DisconnectError, match="Too many sessions from your "
                           r"address \(1 at once\)") as refused:
            await connect(room.port)
        assert refused.value.code == asyncssh.DISC_TOO_MANY_CONNECTIONS
        async with await connect(room.port, local_addr=("127.0.0.2", 0)) as second:
            await (await open_term(second)).wait_for("Before you start")
            with pytest.raises(asyncssh.DisconnectError, match=r"The room is full \(2 "):
                await connect(room.port, local_addr=("127.0.0.3", 0))
    # Slots come back when people leave.
    await room.wait_log(r"#1 .*disconnect")
    async with await connect(room.port) as again:
        await (await open_term(again)).wait_for("Before you start")


async def test_an_idle_session_is_told_and_closed(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open", "--idle-timeout", "1.5")
    async with await connect(room.port) as conn:
        term = await open_term(conn)
        await term.wait_for("Before you start")
        pid = int((await room.wait_log(r"pid=(\d+)")).group(1))
        await term.wait_for("Closed after 1.5 seconds without a key press", timeout=10)
        await term.closed
        assert term.exit_status == 1
    assert not proc_alive(pid)
    await room.wait_log(r"session end: .*\(idle\)")


async def test_a_session_has_a_time_limit_even_when_busy(server) -> None:  # type: ignore[no-untyped-def]
    room = server("--open", "--session-timeout", "2")
    async with await connect(room.port) as conn:
        term = await open_term(conn)
        await term.dismiss_notice()

        def pressing_keys() -> bool:  # input all along: the idle timeout never applies
            if not term.closed.done():
                term.press("]")
            return "time limit" in term.text() or term.closed.done()

        await wait_until(pressing_keys, 10, "the time limit message")
        assert "This session has reached its time limit (2 seconds)" in term.text()
    await room.wait_log(r"session end: .*\(session time limit\)")
