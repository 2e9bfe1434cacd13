"""Signing in: the room's keys and password let people in; nothing else does."""

from __future__ import annotations

import asyncssh
import pytest

from tests.ssh.conftest import PASSWORD
from tests.ssh.helpers import ServerProcess, connect, open_term


async def test_a_known_key_signs_in(room: ServerProcess, secrets: dict[str, object]) -> None:
    mark = len(room.lines)
    async with await connect(room.port, client_keys=[secrets["known"]]) as conn:
        term = await open_term(conn)
        await term.wait_for("Before you start")
    await room.wait_log(r"auth ok: user 'guest'", start=mark)


async def test_an_unknown_key_is_refused(room: ServerProcess,
                                         secrets: dict[str, object]) -> None:
    mark = len(room.lines)
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(room.port, client_keys=[secrets["stranger"]])
    await room.wait_log(r"auth failed: user 'guest' did not sign in", start=mark)


async def test_the_password_signs_in(room: ServerProcess) -> None:
    async with await connect(room.port, password=PASSWORD) as conn:
        term = await open_term(conn)
        await term.wait_for("Before you start")


async def test_a_wrong_password_is_refused_and_logged(room: ServerProcess) -> None:
    mark = len(room.lines)
    for wrong in ("", PASSWORD[:-1]):  # each costs the 1 s delay against guessing
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(room.port, password=wrong)
    await room.wait_log(r"auth failed: wrong password for user 'guest'", start=mark)


async def test_an_open_room_lets_anyone_in_with_a_warning(server) -> None:  # type: ignore[no-untyped-def]
    open_room = server("--open")
    await open_room.wait_log("WARNING --open: anyone who can reach this port")
    async with await connect(open_room.port, username="无名") as conn:
        term = await open_term(conn)
        await term.wait_for("Before you start")
