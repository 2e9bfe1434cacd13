"""A session as a person meets it: the app on their terminal, keys, resizes, leaving."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.ssh.conftest import PASSWORD
from tests.ssh.helpers import (
    ServerProcess,
    cmdline,
    connect,
    open_term,
    proc_alive,
    wait_until,
)

AS_OF = re.compile(r"as of (\d{4}-\d\d-\d\d)")
KEYBAR = "Quit"


async def signed_in(room: ServerProcess, **options: object):  # type: ignore[no-untyped-def]
    return await connect(room.port, password=PASSWORD, **options)


async def session_pid(room: ServerProcess, start: int) -> int:
    return int((await room.wait_log(r"session start: .* pid=(\d+)", start=start)).group(1))


async def test_the_app_answers_keys_and_resizes(room: ServerProcess) -> None:
    mark = len(room.lines)
    async with await signed_in(room) as conn:
        term = await open_term(conn, 120, 36)
        shown = await term.dismiss_notice()
        assert KEYBAR in shown and "Jiebei" in shown
        before = AS_OF.search(shown)
        assert before is not None
        term.press("]")  # one month on: the header's date moves
        await term.wait_for(re.compile(r"as of (?!" + before.group(1) + r")\d{4}-\d\d-\d\d"))
        term.press("l")  # the language key
        await term.wait_for("借呗")

        wide = [line.rstrip() for line in term.lines()]
        assert max(map(len, wide)) > 100
        term.resize(80, 24)
        # At 80x24 the app redraws in one column: no drawn line is wider than 80.
        await wait_until(lambda: term.lines()[0].strip() and
                         len(term.lines()) == 24 and
                         term.lines()[-1].rstrip().endswith("退出"),
                         10, "the app redrawn at 80x24")
        pid = await session_pid(room, mark)
        assert proc_alive(pid)
    # The client has gone: its app process ends within a second or so.
    await wait_until(lambda: not proc_alive(pid), 2.5, f"app pid {pid} ended")
    await room.wait_log(rf"session end: pid={pid} .*client left", start=mark)


async def test_every_screen_opens_in_a_served_session(room: ServerProcess) -> None:
    """Served sessions run without docstrings or asserts (the launcher's -OO), unlike the
    Pilot tests: open each screen there once, and come back."""
    mark = len(room.lines)
    async with await signed_in(room) as conn:
        term = await open_term(conn, 120, 36)
        await term.dismiss_notice()
        assert "-OO" in cmdline(await session_pid(room, mark))  # forked by the launcher
        # The default sample's e1 is settled: it has choices (c) only on a day before
        # that settlement, when it is still a plan.
        for _ in range(3):
            term.press("[")
        await term.wait_for("2026-08-29")
        for key, title in (("?", "Keys and meanings"), ("c", "Repayment choices for"),
                           ("P", "Policy what-if"), ("a", "Add overdue event"),
                           ("p", "Your profile before the events"),
                           ("b", "What-if branches"), ("\x10", "🔎")):
            term.press(key)
            await term.wait_for(title)
            term.press("\x1b")
            await term.wait_gone(title)
        assert term.exit_status is None  # still running


async def test_each_session_has_its_own_private_folder_and_terminal(
        room: ServerProcess) -> None:
    mark = len(room.lines)
    async with await signed_in(room) as conn:
        term = await open_term(conn, 100, 30, env={"LANG": "zh_CN.UTF-8"})
        await term.wait_for("借呗")  # Chinese, from the client's LANG
        pid = await session_pid(room, mark)
        # (/proc/PID/environ shows the launcher's environment as it was at its exec, not
        # the session's: the environment itself is checked in test_units.py.)
        folder = Path(os.readlink(f"/proc/{pid}/cwd"))
        assert folder.is_relative_to(room.tmp)
        assert folder.stat().st_mode & 0o777 == 0o700
        tty = os.readlink(f"/proc/{pid}/fd/0")
        assert tty.startswith("/dev/pts/") and os.readlink(f"/proc/{pid}/fd/1") == tty
        # Its own session and process group, with that terminal as controlling terminal.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        assert int(fields[2]) == int(fields[3]) == pid and int(fields[4]) != 0
        # Named for the operator's top and ps, apart from the launcher it was forked from.
        assert Path(f"/proc/{pid}/comm").read_text().strip() == "jiebei-session"
    await wait_until(lambda: not folder.exists(), 5, "the session's folder removed")


async def test_quitting_the_app_ends_the_session_with_its_status(room: ServerProcess) -> None:
    async with await signed_in(room) as conn:
        term = await open_term(conn, 120, 36)
        await term.dismiss_notice()
        term.press("q")
        await term.closed
        assert term.exit_status == 0


async def test_two_sessions_share_nothing(room: ServerProcess) -> None:
    async with await signed_in(room) as one, await signed_in(room) as two:
        first, second = await open_term(one), await open_term(two)
        for term in (first, second):
            await term.dismiss_notice()
        date = AS_OF.search(second.text())
        first.press("]]")
        await first.wait_for(re.compile(r"as of (?!" + date.group(1) + ")"))  # type: ignore[union-attr]
        assert AS_OF.search(second.text()).group(1) == date.group(1)  # type: ignore[union-attr]
