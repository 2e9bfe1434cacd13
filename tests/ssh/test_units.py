"""The server's parts on their own: a session's environment, the forked child's set-up,
the fallback without a launcher, the slots, the host key and the password."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import asyncssh
import pytest

from model.errors import InputError
from tests.ssh.helpers import ROOT, proc_alive
from tui.serve.config import ServeConfig
from tui.serve.folders import OWNER_FILE, ROOT_PREFIX, sweep_stale_rooms
from tui.serve.keys import load_host_key, password_matches, read_password
from tui.serve.limits import Slots, duration
from tui.serve.server import Connection, Room
from tui.serve.spawner import Spawner
from tui.serve.terminal import open_pty


def config(tmp_path: Path, *argv: str) -> ServeConfig:
    from tui.cli import build_parser

    key = tmp_path / "host_key"
    if not key.exists():
        key.write_bytes(asyncssh.generate_private_key("ssh-ed25519").export_private_key())
        key.chmod(0o600)
    args = build_parser().parse_args(["serve", "--host-key", str(key), *argv])
    return ServeConfig.from_args(args)


def test_a_sessions_environment_is_its_own(tmp_path: Path) -> None:
    room = Room(config(tmp_path, "--open"), tmp_path)
    params = room.params(tmp_path, "xterm-kitty", "en", {"COLORTERM": "truecolor",
                                                         "COLUMNS": "80", "SECRET": "x"})
    env = params["env"]
    assert env["TERM"] == "xterm-kitty" and env["LANG"] == "C.UTF-8"
    assert env["COLORTERM"] == "truecolor"
    assert {env[k] for k in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                             "TMPDIR")} == {str(tmp_path)}
    # Textual would prefer COLUMNS/LINES to the terminal's size and never see a resize.
    assert not {"COLUMNS", "LINES", "SECRET"} & env.keys()
    assert params["dir"] == str(tmp_path) and params["scenario"] is None


def test_the_language_follows_the_option_then_the_clients_locale(tmp_path: Path) -> None:
    room = Room(config(tmp_path, "--open"), tmp_path)
    assert room.lang({}) == "en"
    assert room.lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert room.lang({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}) == "en"
    assert room.lang({"LC_ALL": "zh_TW.UTF-8"}) == "zh"
    chinese = Room(config(tmp_path, "--open", "--lang", "zh"), tmp_path)
    assert chinese.lang({"LANG": "en_GB.UTF-8"}) == "zh"


def test_the_tour_and_a_scenario_file_are_passed_on(tmp_path: Path) -> None:
    tour = Room(config(tmp_path, "--open", "--tour"), tmp_path)
    assert tour.params(tmp_path, "xterm", "en", {})["scenario"] == "fenqile-unsettled"
    assert tour.params(tmp_path, "xterm", "en", {})["tour"] is True
    source = tmp_path / "mine.json"
    source.write_text(subprocess.run([sys.executable, "-m", "tui.cli", "sample",
                                      "several-unsettled"], capture_output=True, text=True,
                                     cwd=ROOT, check=True).stdout)
    room = Room(config(tmp_path, "--open", "--scenario", str(source)), tmp_path)
    session = tmp_path / "session"
    session.mkdir()
    copy = Path(room.params(session, "xterm", "en", {})["scenario"])
    assert copy.parent == session and copy.read_text() == source.read_text()


CHILD = """
import json, os, pty, sys
from tui.serve import child
folder = sys.argv[1]
master, slave = pty.openpty()
pid = os.fork()
if pid == 0:
    child.become_session(slave, {"env": {"TERM": "xterm-256color", "LANG": "C.UTF-8",
                                         "HOME": folder}, "dir": folder})
    print(json.dumps({"env": dict(os.environ), "cwd": os.getcwd(), "pid": os.getpid(),
                      "sid": os.getsid(0), "pgid": os.getpgid(0), "tty": os.ttyname(0),
                      "ctty": os.tcgetpgrp(0), "encoding": sys.stdout.encoding}))
    sys.stdout.flush()
    os._exit(0)
os.close(slave)
out = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.write(out.decode())
"""


def test_a_forked_child_takes_its_terminal_environment_and_folder(tmp_path: Path) -> None:
    env = dict(os.environ, COLUMNS="99", SECRET="x")
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=30, check=True).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["env"] == {"TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": str(tmp_path)}
    assert seen["cwd"] == str(tmp_path)
    assert seen["sid"] == seen["pgid"] == seen["pid"] == seen["ctty"]  # leads its session
    assert seen["tty"].startswith("/dev/pts/")
    assert seen["encoding"] == "utf-8"


async def test_without_the_launcher_a_plain_subprocess_runs_the_app(tmp_path: Path) -> None:
    room = Room(config(tmp_path, "--open"), tmp_path)
    spawner = Spawner()  # never started: no launcher
    master, slave = open_pty(100, 30)
    proc = await spawner.spawn(slave, room.params(tmp_path, "xterm-256color", "en", {}))
    seen = b""
    deadline = time.monotonic() + 20
    try:
        while b"Before you start" not in seen.replace(b"\x1b[", b""):
            assert time.monotonic() < deadline, seen[-500:]
            await asyncio.sleep(0.05)
            with contextlib.suppress(BlockingIOError):
                seen += os.read(master, 1 << 16)
        assert os.getsid(proc.pid) == proc.pid
    finally:
        os.killpg(proc.pid, 9)
        await proc.status
        os.close(master)
    assert not proc_alive(proc.pid)


def test_slots_per_address_and_in_all() -> None:
    slots = Slots(max_sessions=3, max_per_address=2)
    assert slots.take("a") is None and slots.take("a") is None
    assert "your address (2 at once)" in (slots.take("a") or "")
    assert slots.take("b") is None
    assert "full (3 sessions at once)" in (slots.take("c") or "")
    slots.give_back("a")
    assert slots.take("c") is None
    assert slots.in_use == 3


def test_durations_read_as_people_say_them() -> None:
    assert duration(900) == "15 minutes"
    assert duration(7200) == "2 hours"
    assert duration(1) == "1 second"
    assert duration(1.5) == "1.5 seconds"
    assert duration(90) == "90 seconds"


def test_the_default_host_key_is_made_once_privately(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    first = load_host_key(None)
    path = tmp_path / "jiebei-sim" / "ssh_host_ed25519_key"
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_host_key(None).get_fingerprint() == first.get_fingerprint()
    path.chmod(0o644)
    with pytest.raises(InputError, match="other users can read this private key"):
        load_host_key(None)


def test_a_host_key_that_is_not_a_key_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "key"
    bad.write_text("hello")
    bad.chmod(0o600)
    with pytest.raises(InputError, match="not a private key"):
        load_host_key(str(bad))
    with pytest.raises(InputError, match="cannot read the host key"):
        load_host_key(str(tmp_path / "missing"))


def test_the_password_is_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "pw"
    path.write_text("s3cret word\r\nsecond line\n")
    path.chmod(0o600)
    expected = read_password(str(path))
    assert password_matches(expected, "s3cret word")
    assert not password_matches(expected, "s3cret")
    path.write_text("\nlater\n")
    with pytest.raises(InputError, match="first line is empty"):
        read_password(str(path))


def test_open_and_a_password_do_not_mix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--open lets anyone in"):
        config(tmp_path, "--open", "--password-file", "pw")
    with pytest.raises(InputError, match="choose how people sign in"):
        ServeConfig.from_args(argparse.Namespace(open=False, authorized_keys=None,
                                                 password_file=None))


def test_a_killed_servers_folder_is_swept_but_nothing_else(tmp_path: Path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(gone.stdout)
    folders = {}
    for name, owner in (("dead", str(dead_pid)), ("alive", str(os.getpid())),
                        ("garbled", "not a pid"), ("unmarked", None)):
        folder = tmp_path / f"{ROOT_PREFIX}{name}"
        (folder / "session-1").mkdir(parents=True)
        if owner is not None:
            (folder / OWNER_FILE).write_text(owner, encoding="ascii")
        folders[name] = folder
    other = tmp_path / "someone-elses"
    other.mkdir()

    assert sweep_stale_rooms(tmp_path) == [folders["dead"]]
    assert not folders["dead"].exists()
    assert all(folders[n].exists() for n in ("alive", "garbled", "unmarked"))
    assert other.exists()


class FakeSSHConnection:
    """Just enough of asyncssh's server connection for the sign-in hooks."""

    def __init__(self) -> None:
        self.banners: list[str] = []
        self.closed: tuple[int, str] | None = None

    def send_auth_banner(self, text: str) -> None:
        self.banners.append(text)

    def disconnect(self, code: int, reason: str) -> None:
        self.closed = (code, reason)


def signing_in(tmp_path: Path, *argv: str) -> tuple[Room, Connection]:
    room = Room(config(tmp_path, *argv), tmp_path)
    conn = Connection(room)
    conn.conn = FakeSSHConnection()  # type: ignore[assignment]
    conn.address = "10.0.0.1"
    return room, conn


def test_trying_several_user_names_holds_one_slot(tmp_path: Path) -> None:
    room, conn = signing_in(tmp_path, "--open")
    for name in ("alice", "bob", "carol"):  # asyncssh calls begin_auth for each
        conn.begin_auth(name)
    assert room.slots.in_use == 1
    conn.connection_lost(None)
    assert room.slots.in_use == 0


def password_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A room whose password is "right", checked without the delay: its serve options."""
    import tui.serve.server as server

    monkeypatch.setattr(server, "PASSWORD_DELAY", 0)
    password = tmp_path / "pw"
    password.write_text("right\n", encoding="utf-8")
    password.chmod(0o600)
    return ["--password-file", str(password)]


async def test_a_connection_gets_a_few_password_tries_then_is_closed(tmp_path: Path,
                                                                      monkeypatch) -> None:
    import tui.serve.server as server

    _, conn = signing_in(tmp_path, *password_file(tmp_path, monkeypatch))
    conn.begin_auth("guest")
    for _ in range(server.MAX_PASSWORD_TRIES):
        assert await conn.validate_password("guest", "wrong") is False
    fake = conn.conn
    assert fake.closed is None  # type: ignore[union-attr]
    assert await conn.validate_password("guest", "right") is False  # one too many: refused
    assert fake.closed is not None and "Too many wrong passwords" in fake.closed[1]  # type: ignore[union-attr]


async def test_only_a_terminal_name_is_taken_as_term(tmp_path: Path) -> None:
    from tui.serve.server import AppSession

    _, conn = signing_in(tmp_path, "--open")
    for odd in ("x\0y", "a" * 5000, "xterm; rm -rf /", ""):
        session = AppSession(conn)
        session.pty_requested(odd, (100, 30, 0, 0), {})
        assert session.term == "xterm-256color", odd  # the default, not the odd value
    session = AppSession(conn)
    session.pty_requested("xterm-kitty", (100, 30, 0, 0), {})
    assert session.term == "xterm-kitty" and session.size == (100, 30)


def test_an_ipv6_network_counts_as_one_address() -> None:
    slots = Slots(max_sessions=10, max_per_address=2)
    assert slots.take("2001:db8:1:2::1") is None
    assert slots.take("2001:db8:1:2:ffff::9") is None  # the same /64
    assert "your address" in (slots.take("2001:db8:1:2::abcd") or "")
    assert slots.take("2001:db8:1:3::1") is None  # another /64
    assert slots.take("::ffff:10.0.0.1") is None and slots.take("10.0.0.1") is None
    assert "your address" in (slots.take("10.0.0.1") or "")  # IPv4, mapped or not
    slots.give_back("2001:db8:1:2::1")
    assert slots.take("2001:db8:1:2::7") is None


async def test_a_hung_launcher_is_replaced_and_the_session_still_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secrets: dict[str, object]) -> None:
    import signal

    import tui.serve.spawner as spawner_module

    monkeypatch.setattr(spawner_module, "REPLY_TIMEOUT", 0.5)
    monkeypatch.setenv("XDG_CACHE_HOME", str(secrets["cache"]))  # not the user's own
    room = Room(config(tmp_path, "--open"), tmp_path)
    spawner = Spawner()
    await spawner.start()
    hung = spawner.launcher
    assert hung is not None
    os.kill(hung.proc.pid, signal.SIGSTOP)  # alive, but it will never answer
    master, slave = open_pty(100, 30)
    proc = await spawner.spawn(slave, room.params(tmp_path, "xterm-256color", "en", {}))
    try:
        assert os.getsid(proc.pid) == proc.pid  # started anyway, as a subprocess
        deadline = time.monotonic() + 20
        while spawner.launcher is None or spawner.launcher is hung:
            assert time.monotonic() < deadline, "no new launcher"
            await asyncio.sleep(0.05)
        assert hung.proc.poll() is not None  # the hung one is gone
    finally:
        os.killpg(proc.pid, 9)
        await proc.status
        os.close(master)
        await spawner.close()
