"""The SSH server: sign-in, limits, refusals, and one app process per session on its own
pseudo-terminal, bridged byte for byte to the SSH channel.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import logging
import os
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import asyncssh

from model.errors import InputError
from tui.i18n import room_words, room_words_both
from tui.serve.config import ServeConfig
from tui.serve.folders import make_room_folder
from tui.serve.keys import password_matches
from tui.serve.limits import duration, key_budget, resize_budget, span
from tui.serve.room import GUESSES_PER_MINUTE, Room, time_is_up
from tui.serve.spawner import AppProcess, signal_app
from tui.serve.terminal import RESET, capped, open_pty, set_size

if TYPE_CHECKING:
    from tui.serve.web import WebDoor

log = logging.getLogger("jiebei-sim.serve")

KILL_AFTER = 1.0  # seconds between SIGHUP/SIGTERM and SIGKILL
SHUTDOWN_GRACE = 5.0
LOGIN_TIMEOUT = 60  # from the start of sign-in: time enough to type a password
PASSWORD_DELAY = 1.0  # before every password check: slows guessing, a person hardly notices
MAX_PASSWORD_TRIES = 5  # per connection; then it is closed
TERM_NAME = re.compile(r"[A-Za-z0-9._+-]{1,64}")
MAX_PENDING_INPUT = 1 << 20  # keys waiting for a stuck app: beyond this they are dropped
DEFAULT_SIZE = (80, 24)


class Connection(asyncssh.SSHServer):
    """One SSH connection: its sign-in, its slot, its (one) app session."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.id = next(room.ids)
        self.conn: asyncssh.SSHServerConnection | None = None
        self.address = "?"
        self.label = f"#{self.id}"
        self.username = ""
        self.has_slot = False
        self.waiting = False  # counted among the connections not yet signed in
        self.signed_in = False
        self.signed_in_at = 0.0
        self.timer: asyncio.TimerHandle | None = None  # the handshake, or the first session
        self.password_tries = 0
        self.refusal = ""  # why we closed it, for the log
        self.sessions: set[AppSession] = set()

    # -- connection ---------------------------------------------------------------------

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.address = str(peer[0])
        self.label = f"#{self.id} {self.address}:{peer[1]}"
        self.room.connections.add(self)
        log.info("%s connect", self.label)
        full = None if self.room.closing else self.room.waiting.take(self.address)
        if self.room.closing or full:
            why = {"address": "too many connections from this address at once",
                   "room": "too many connections at once"}.get(full or "", "shutting down")
            self._close(asyncssh.DISC_TOO_MANY_CONNECTIONS, why)
            return
        self.waiting = True
        # Until it begins to sign in: a socket that never speaks is let go.
        self._expire_after("no sign-in began")

    def _expire_after(self, reason: str) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(
            self.room.config.handshake_timeout, self._close,
            asyncssh.DISC_BY_APPLICATION, f"{reason} within "
            f"{duration(self.room.config.handshake_timeout)}")

    def _stop_waiting(self) -> None:
        if self.waiting:
            self.waiting = False
            self.room.waiting.give_back(self.address)

    def connection_lost(self, exc: Exception | None) -> None:
        self.room.connections.discard(self)
        if self.timer is not None:
            self.timer.cancel()
        self._stop_waiting()
        if self.has_slot:
            self.room.slots.give_back(self.address)
        reason = self.refusal or (str(exc) if exc else "closed")
        if not self.signed_in and not self.refusal and self.username:
            log.info("%s auth failed: user %r did not sign in", self.label, self.username)
        log.info("%s disconnect (%s)", self.label, reason)
        for session in list(self.sessions):
            session.client_left()

    def _close(self, code: int, reason: str) -> None:
        self.refusal = reason
        conn = self.conn
        if conn is not None:
            # Later: asyncssh is still setting the connection up when it calls us.
            asyncio.get_running_loop().call_soon(conn.disconnect, code, reason)

    # -- sign-in --------------------------------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        assert self.conn is not None
        self.username = username
        if self.timer is not None:  # it speaks SSH: the login timeout applies from here
            self.timer.cancel()
            self.timer = None
        if self.room.closing:
            self._refuse(asyncssh.DISC_BY_APPLICATION, room_words_both("ssh_closing"))
            return True
        # asyncssh calls this again whenever the client tries another user name: one
        # connection holds one slot, however many names it tries.
        if not self.has_slot:
            refusal = self.room.slots.take(self.address)
            if refusal:
                self._refuse(asyncssh.DISC_TOO_MANY_CONNECTIONS, refusal)
                return True
            self.has_slot = True
        return not self.room.config.open  # --open: signed in already, any username

    def _refuse(self, code: int, message: str) -> None:
        """Say why in the sign-in banner (OpenSSH prints it), then hang up."""
        assert self.conn is not None
        log.info("%s refused: %s", self.label, message)
        self.refusal = message
        with contextlib.suppress(OSError):
            self.conn.send_auth_banner(message + "\r\n")
        self.conn.disconnect(code, message)

    def auth_completed(self) -> None:
        self.signed_in = True
        self.signed_in_at = time.monotonic()  # idle time counts from here
        self._stop_waiting()
        how = "open room" if self.room.config.open else "signed in"
        log.info("%s auth ok: user %r (%s)", self.label, self.username, how)
        if not self.sessions:  # a slot held by a connection that never opens a session
            self._expire_after("no session opened")

    def password_auth_supported(self) -> bool:
        return self.room.config.password is not None

    async def validate_password(self, username: str, password: str) -> bool:
        # Counted and delayed *before* the comparison: asyncssh cancels a check still
        # waiting when the next guess arrives, so a delay after it would not slow anyone.
        self.password_tries += 1
        if self.password_tries > MAX_PASSWORD_TRIES:
            self._refuse(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
                         room_words_both("ssh_wrong_passwords"))
            return False
        if not self.room.guesses.begin():
            log.warning("%s password refused unchecked: %d wrong passwords in the room in "
                        "the last minute", self.label, GUESSES_PER_MINUTE)
            await asyncio.sleep(PASSWORD_DELAY)
            self._refuse(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
                         room_words_both("ssh_slow_down"))
            return False
        right = False
        try:
            await asyncio.sleep(PASSWORD_DELAY)
            expected = self.room.config.password
            right = expected is not None and password_matches(expected, password)
        finally:  # cancelled by the client's next guess: that one counted as wrong
            self.room.guesses.end(right)
        if right:
            return True
        log.info("%s auth failed: wrong password for user %r", self.label, username)
        return False

    # -- channels -------------------------------------------------------------------------

    def session_requested(self) -> AppSession:
        if self.sessions:
            log.info("%s refused a second session on one connection", self.label)
            raise asyncssh.ChannelOpenError(
                asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED,
                "one session per connection: open another connection")
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        session = AppSession(self)
        self.sessions.add(session)
        return session

    def _no_forwarding(self, what: str) -> None:
        log.info("%s refused %s", self.label, what)
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED,
                                        "forwarding is not allowed on this server")

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str,
                             orig_port: int) -> bool:
        self._no_forwarding(f"port forwarding to {dest_host}:{dest_port}")
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        self._no_forwarding(f"socket forwarding to {dest_path}")
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        log.info("%s refused remote forwarding of %s:%s", self.label, listen_host, listen_port)
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        log.info("%s refused remote forwarding of %s", self.label, listen_path)
        return False

    def connect_hint(self) -> str:
        assert self.conn is not None
        host, port = (self.conn.get_extra_info("sockname") or ("HOST", 0))[:2]
        return f"ssh -t -p {port} {host}"


class AppSession(asyncssh.SSHServerSession):
    """One session channel: refuse what is not an interactive shell, else run the app."""

    def __init__(self, owner: Connection) -> None:
        self.owner = owner
        self.room = owner.room
        self.loop = asyncio.get_running_loop()
        self.chan: asyncssh.SSHServerChannel | None = None
        self.term = "xterm-256color"
        self.size = DEFAULT_SIZE
        self.has_pty = False
        self.command: str | None = None  # an exec request, refused
        self.master = -1
        self.folder: Path | None = None
        self.proc: AppProcess | None = None
        self.ended: asyncio.Future[None] = self.loop.create_future()
        self.task: asyncio.Task[None] | None = None
        self.stopping = False
        self.stop_reason = ""
        self.stop_message: str | None = None
        self.lang = "en"  # the visitor's, from their environment once the session opens
        self.gone = False  # the client's end of the channel is closed
        self.paused = False
        self.pending = bytearray()  # keys not yet taken by the terminal
        self.keys, self.resizes = key_budget(), resize_budget()
        self.writer = False
        self.timers: list[asyncio.TimerHandle] = []
        self.started = time.monotonic()
        self.last_input = owner.signed_in_at or self.started  # idle since sign-in

    # -- asyncssh callbacks ---------------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int],
                      term_modes: Any) -> bool:
        self.has_pty = True
        # A terminal's name, nothing else: it goes into the app's environment.
        if TERM_NAME.fullmatch(term_type or ""):
            self.term = term_type
        if term_size[0] > 0 and term_size[1] > 0:
            self.size = capped(term_size[0], term_size[1])
        return True

    def terminal_size_changed(self, width: int, height: int, pixwidth: int,
                              pixheight: int) -> None:
        if width <= 0 or height <= 0 or not self.resizes.take(1):
            return
        self.size = capped(width, height)
        if self.master >= 0:
            set_size(self.master, *self.size)

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.command = command  # accepted, so that the client shows our one-line refusal
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        log.info("%s refused subsystem %r", self.owner.label, subsystem)
        return False

    def session_started(self) -> None:
        hint = self.owner.connect_hint()
        assert self.chan is not None
        self.lang = self.room.lang({str(k): str(v)
                                    for k, v in self.chan.get_environment().items()})
        if self.command is not None:
            log.info("%s refused command %r", self.owner.label, self.command[:80])
            self._refuse(room_words("ssh_commands", self.lang, hint=hint))
        elif not self.has_pty:
            log.info("%s refused a shell without a terminal", self.owner.label)
            self._refuse(room_words("ssh_no_terminal", self.lang, hint=hint))
        elif self.room.closing:
            self._refuse(room_words("shutting_down", self.lang))
        else:
            self.task = asyncio.create_task(self._run())

    def data_received(self, data: bytes, datatype: int | None) -> None:
        self.last_input = time.monotonic()
        if self.master < 0 or self.stopping:
            return
        if len(self.pending) + len(data) > MAX_PENDING_INPUT or not self.keys.take(len(data)):
            return  # a stuck app, or a flood: dropped here, not kept in the app's memory
        self.pending += data
        self._write_keys()

    def eof_received(self) -> bool:
        return True  # keep sending the app's output

    def break_received(self, msec: int) -> bool:
        return False

    def pause_writing(self) -> None:
        # The client is not reading: stop reading the app, so the terminal's buffer fills
        # and the app waits, instead of our memory growing.
        self.paused = True
        if self.master >= 0:
            self.loop.remove_reader(self.master)

    def resume_writing(self) -> None:
        self.paused = False
        if self.master >= 0 and not self.ended.done():
            self.loop.add_reader(self.master, self._read_app)

    def connection_lost(self, exc: Exception | None) -> None:
        self.owner.sessions.discard(self)
        self.client_left()

    # -- the app --------------------------------------------------------------------------

    def client_left(self) -> None:
        self.gone = True
        self.stop("client left", hangup=True)

    def _refuse(self, message: str) -> None:
        assert self.chan is not None
        self.chan.write_stderr((message + "\r\n").encode())
        self.chan.exit(1)

    async def _run(self) -> None:
        room, owner = self.room, self.owner
        assert self.chan is not None
        client_env = {str(k): str(v) for k, v in self.chan.get_environment().items()}
        lang = self.lang
        room.sessions.add(self)
        try:
            self.folder = Path(tempfile.mkdtemp(prefix="session-", dir=room.root))  # 0700
            params = room.params(self.folder, self.term, lang, client_env)
            self.master, slave = open_pty(*self.size)
            self.proc = await room.spawner.spawn(slave, params)  # it closes our slave fd
        except Exception as exc:  # no process, or no terminal: tell the person, log why
            log.error("%s could not start the app: %s", owner.label, exc)
            self.stop_message = room_words("ssh_failed", lang)
            self._app_ended()
            await self._finish(1)
            return
        cols, rows = self.size
        log.info("%s session start: user %r pid=%d term=%s %dx%d lang=%s", owner.label,
                 owner.username, self.proc.pid, self.term, cols, rows, lang)
        if self.stopping:  # the client left or the server stopped while we were starting
            self._signal(signal.SIGHUP)
            self.timers.append(self.loop.call_later(KILL_AFTER, self._kill))
        if not self.paused:
            self.loop.add_reader(self.master, self._read_app)
        watch = asyncio.create_task(self._watch())
        try:
            await self.ended
        finally:
            watch.cancel()
        status = None
        with contextlib.suppress(TimeoutError):
            status = await asyncio.wait_for(asyncio.shield(self.proc.status), KILL_AFTER)
        await self._finish(status)

    async def _finish(self, status: int | None) -> None:
        for timer in self.timers:
            timer.cancel()
        if self.folder is not None:
            await asyncio.to_thread(shutil.rmtree, self.folder, True)
        self.room.sessions.discard(self)
        reason = self.stop_reason or "app exited"
        pid = self.proc.pid if self.proc else 0
        log.info("%s session end: pid=%d status=%s after %.1f s (%s)", self.owner.label, pid,
                 status, time.monotonic() - self.started, reason)
        if self.gone or self.chan is None:
            return
        if self.stop_message is not None:
            code = 1
        elif status is None:
            code = 0  # not known: the launcher that reaped it has gone
        elif status < 0:
            code = 128 - status  # killed by signal -status, as a shell would say
        else:
            code = status
        with contextlib.suppress(OSError):
            if self.stop_message is not None:
                self.chan.write(RESET + self.stop_message.encode() + b"\r\n")
            self.chan.exit(code)

    def _read_app(self) -> None:
        try:
            data = os.read(self.master, 1 << 16)
        except BlockingIOError:
            return
        except OSError:  # EIO: every copy of the terminal's other end is closed
            data = b""
        if not data:
            self._app_ended()
            return
        if not self.gone and self.chan is not None:
            try:
                self.chan.write(data)
            except OSError:  # the channel closed under us
                self.gone = True

    def _write_keys(self) -> None:
        while self.pending and self.master >= 0:
            try:
                written = os.write(self.master, self.pending)
            except BlockingIOError:
                if not self.writer:
                    self.loop.add_writer(self.master, self._write_keys)
                    self.writer = True
                return
            except OSError:
                self.pending.clear()
                break
            del self.pending[:written]
        if self.writer:
            self.loop.remove_writer(self.master)
            self.writer = False

    def _app_ended(self) -> None:
        if self.master >= 0:
            self.loop.remove_reader(self.master)
            if self.writer:
                self.loop.remove_writer(self.master)
            os.close(self.master)
            self.master = -1
        if not self.ended.done():
            self.ended.set_result(None)

    async def _watch(self) -> None:
        config = self.room.config
        if await time_is_up(config, self.started, lambda: self.last_input) == "idle":
            self.stop("idle", room_words("ssh_idle", self.lang,
                                         t=span(config.idle_timeout, self.lang)))
        else:
            self.stop("session time limit", room_words(
                "ssh_time_limit", self.lang, t=span(config.session_timeout, self.lang)))

    def stop(self, reason: str, message: str | None = None, *, hangup: bool = False) -> None:
        """End the app: SIGHUP (client gone) or SIGTERM, then SIGKILL if it lingers."""
        if self.stopping or self.ended.done():
            return
        self.stopping = True
        self.stop_reason = reason
        self.stop_message = message
        if self.proc is None:
            return  # still starting: _run signals it as soon as it has a pid
        self._signal(signal.SIGHUP if hangup else signal.SIGTERM)
        self.timers.append(self.loop.call_later(KILL_AFTER, self._kill))

    def _signal(self, sig: int) -> None:
        if self.proc is not None and not self.ended.done():  # the terminal still open
            signal_app(self.proc, sig)

    def _kill(self) -> None:
        if self.ended.done():
            return
        log.warning("%s app pid=%d still running: SIGKILL", self.owner.label,
                    self.proc.pid if self.proc else 0)
        self._signal(signal.SIGKILL)
        # Something may still hold the terminal open; do not wait for it for ever.
        self.timers.append(self.loop.call_later(KILL_AFTER, self._app_ended))


# -- the server -------------------------------------------------------------------------------


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time: it differs between runs in one
    process (the tests), and a handler holding an old one would write to a closed file."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def setup_logging() -> None:
    if log.handlers:
        return
    handler = StderrHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s",
                                           "%Y-%m-%d %H:%M:%S"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    # Ours say what matters; theirs would log a traceback for every aborted request.
    for name in ("asyncssh", "aiohttp.server", "aiohttp.access", "aiohttp.web"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def port_error(exc: OSError, host: str, port: int, option: str) -> InputError:
    """A listening socket that could not be made, said in the terms of its option."""
    if exc.errno == errno.EADDRINUSE:
        return InputError(f"port {port} is in use; choose another with {option}")
    if exc.errno == errno.EACCES:
        return InputError(f"port {port} needs administrator rights; choose one above 1023 "
                          f"with {option}")
    return InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


async def listen(room: Room) -> asyncssh.SSHAcceptor:
    config = room.config
    assert config.ssh_port is not None and config.host_key is not None
    try:
        return await asyncssh.create_server(
            lambda: Connection(room), config.host, config.ssh_port,
            server_host_keys=[config.host_key],
            authorized_client_keys=config.authorized_keys,
            public_key_auth=config.authorized_keys is not None,
            password_auth=config.password is not None,
            kbdint_auth=config.password is not None,
            encoding=None, line_editor=False, allow_scp=False,
            agent_forwarding=False, x11_forwarding=False,
            login_timeout=LOGIN_TIMEOUT, keepalive_interval=30, keepalive_count_max=3)
    except OSError as exc:
        option = "--ssh-port" if config.web_port is not None else "--port"
        raise port_error(exc, config.host, config.ssh_port, option) from None


async def main(config: ServeConfig) -> int:
    from tui.serve.web import WebDoor

    root = make_room_folder()
    room = Room(config, root)
    acceptor: asyncssh.SSHAcceptor | None = None
    door: WebDoor | None = None
    try:
        if config.ssh_port is not None:
            acceptor = await listen(room)
        if config.web_port is not None:
            door = WebDoor(room)
            await door.open()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, stop.set)
        await room.spawner.start()
        announce(room, acceptor, door)
        await stop.wait()
        log.info("shutting down: %d session(s) to end", len(room.sessions))
        await shutdown(room, acceptor, door)
        return 0
    finally:
        if door is not None:
            await door.close()
        await room.spawner.close()
        shutil.rmtree(root, ignore_errors=True)


def announce(room: Room, acceptor: asyncssh.SSHAcceptor | None, door: WebDoor | None) -> None:
    config = room.config
    for sock in acceptor.sockets if acceptor is not None else ():
        host, port = sock.getsockname()[:2]
        log.info("listening on %s port %d; people connect with: ssh -p %d HOST", host, port,
                 port)
    if door is not None:
        door.announce()
    if config.host_key is not None:
        log.info("host key %s %s", config.host_key.get_algorithm(),
                 config.host_key.get_fingerprint())
    if config.open:
        log.warning("--open: anyone who can reach this port gets a session, with no key or "
                    "password; use it only on a network you trust")
    else:
        ways = [w for w, on in (("authorized keys", config.authorized_keys is not None),
                                ("password", config.password is not None)) if on]
        log.info("sign-in: %s", " or ".join(ways))
    log.info("limits: %d sessions, %d per address, idle %s, session %s", config.max_sessions,
             config.max_per_address, duration(config.idle_timeout),
             duration(config.session_timeout))


async def shutdown(room: Room, acceptor: asyncssh.SSHAcceptor | None,
                   door: WebDoor | None = None) -> None:
    room.closing = True
    if acceptor is not None:
        acceptor.close()
    if door is not None:
        door.stop_listening()
    tasks = [s.task for s in list(room.sessions) if s.task is not None]
    for session in list(room.sessions):
        session.stop("server shutdown", room_words("shutting_down", session.lang))
    if tasks:
        await asyncio.wait(tasks, timeout=SHUTDOWN_GRACE)
    # Give the goodbyes a moment to reach the clients before hanging up.
    deadline = time.monotonic() + 1.0
    while any(not c.conn or c.sessions for c in room.connections) and \
            time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    for connection in list(room.connections):
        if connection.conn is not None:
            connection.conn.disconnect(asyncssh.DISC_BY_APPLICATION, "server shutting down")
    if acceptor is not None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(acceptor.wait_closed(), 2)


def more_files() -> None:
    """As many open files as the system lets us: each visitor holds a few (a socket, a
    terminal or pipe), and a flood must meet the room's caps before this one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def run(args: argparse.Namespace) -> int:
    setup_logging()  # first: making the host key is worth a line too
    more_files()
    return asyncio.run(main(ServeConfig.from_args(args)))
