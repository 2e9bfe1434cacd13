"""What the server is not: a shell, a command runner, a file server or a tunnel. Each
refusal says what to do instead, and exits with status 1."""

from __future__ import annotations

import asyncssh
import pytest

from tests.ssh.conftest import PASSWORD
from tests.ssh.helpers import ServerProcess, connect, open_term

HINT = "connect with  ssh -t -p {port} 127.0.0.1"


async def signed_in(room: ServerProcess) -> asyncssh.SSHClientConnection:
    return await connect(room.port, password=PASSWORD)


async def test_a_shell_without_a_terminal_is_refused(room: ServerProcess) -> None:
    async with await signed_in(room) as conn:
        result = await conn.run()  # like `ssh -T host`: a shell, no PTY
    assert result.exit_status == 1
    assert result.stderr == (f"This is an interactive app: {HINT}\r\n").format(port=room.port)


async def test_a_command_is_refused(room: ServerProcess) -> None:
    async with await signed_in(room) as conn:
        result = await conn.run("cat /etc/passwd", term_type="xterm")
    assert result.exit_status == 1
    assert result.stdout == ""
    assert result.stderr.count("\r\n") == 1
    assert "not commands" in result.stderr and HINT.format(port=room.port) in result.stderr


async def test_sftp_is_refused(room: ServerProcess) -> None:
    mark = len(room.lines)
    async with await signed_in(room) as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.start_sftp_client()
    await room.wait_log(r"refused subsystem 'sftp'", start=mark)


async def test_port_forwarding_is_refused_both_ways(room: ServerProcess) -> None:
    async with await signed_in(room) as conn:
        with pytest.raises(asyncssh.ChannelOpenError, match="forwarding is not allowed"):
            await conn.open_connection("127.0.0.1", room.port)
        with pytest.raises(asyncssh.ChannelListenError):
            await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", room.port)
        # The connection itself still works: the app is what it is for.
        term = await open_term(conn)
        await term.wait_for("Before you start")


async def test_one_session_per_connection(room: ServerProcess) -> None:
    async with await signed_in(room) as conn:
        term = await open_term(conn)
        await term.wait_for("Before you start")
        with pytest.raises(asyncssh.ChannelOpenError, match="one session per connection"):
            await open_term(conn)
