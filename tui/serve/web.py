"""The browser door: the room over HTTP and a websocket (aiohttp).

The page and its protocol are textual-serve's (pinned; its xterm.js terminal, fonts and
styles served from here, nothing from elsewhere); the app is Textual's web driver, in a
process forked by the room's launcher into its own sandbox folder, exactly as an SSH
session's. textual-serve's own server is not used: it starts a shell and a Python per
visitor.

Sign-in: a password page (or ``--open``), then an HttpOnly, SameSite=Strict cookie; the
websocket checks the cookie and the Origin. Wrong passwords are delayed and capped per
address and room-wide (``room.guesses``), as over SSH.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import re
import secrets
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import textual_serve
from aiohttp import WSMsgType, web
from textual._binary_encode import load as binary_load  # the web driver's own packing

from tui.serve import pages
from tui.serve.keys import password_matches
from tui.serve.limits import Budget, Guesses, key_budget, resize_budget, span, where_from
from tui.serve.room import Room, time_is_up
from tui.serve.spawner import AppProcess, signal_app
from tui.serve.terminal import capped

log = logging.getLogger("jiebei-sim.serve")

STATIC = Path(textual_serve.__file__).parent / "static"
COOKIE = "jiebei_room"
PASSWORD_DELAY = 1.0  # as over SSH: before every check
TRIES_PER_MINUTE = 5  # wrong passwords from one address in a minute (SSH: per connection)
KILL_AFTER = 1.0
REQUEST_DEADLINE = 60.0  # seconds for one HTTP request, body and answer (a page's script)
MAX_MESSAGE = 64 * 1024  # one websocket message from a browser: keys, a resize
MAX_PENDING_INPUT = 1 << 20  # as over SSH: keys waiting for a stuck app
CHUNK = 64 * 1024  # of a download, asked of the app at a time
DOWNLOAD_WAIT = 5.0  # seconds for the app to send a chunk
MAX_DOWNLOADS = 16  # offered and not yet taken, per session


@dataclass
class Visitor:
    """One signed-in browser: its cookie's token, its language, why its session ended."""

    token: str
    lang: str
    address: str
    last_seen: float = field(default_factory=time.monotonic)  # sign-in, or a session's end
    sessions: int = 0  # open now
    ended: str | None = None  # "idle" or "time": told on its next visit, then signed out


def accepted_lang(header: str) -> str | None:
    """zh or en from an Accept-Language header, by its weights; None if neither is named."""
    best: tuple[float, str] | None = None
    for part in header.split(","):
        tag, _, weight = part.strip().partition(";q=")
        try:
            q = float(weight) if weight else 1.0
        except ValueError:
            continue
        code = tag.strip().lower()[:2]
        if code in ("zh", "en") and (best is None or q > best[0]):
            best = (q, code)
    return best[1] if best else None


@dataclass
class Download:
    """A file the app offers its visitor, coming from it a chunk at a time."""

    name: str
    mime_type: str
    chunks: asyncio.Queue[bytes] = field(default_factory=asyncio.Queue)


class Guard(asyncio.Protocol):
    """In front of aiohttp's protocol for one TCP connection: counted among the door's
    connections not yet signed in (per address and in all) until it carries a signed-in
    visitor's websocket, and closed if no request has begun within the handshake time."""

    def __init__(self, door: WebDoor, inner: Any) -> None:
        self.door = door
        self.inner = inner  # aiohttp's RequestHandler
        self.address = ""
        self.waiting = False
        self.passed = False  # handed on to aiohttp
        self.timer: asyncio.TimerHandle | None = None
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peer = transport.get_extra_info("peername") or ("?", 0)
        self.address = str(peer[0])
        full = self.door.room.web_waiting.take(self.address)
        if full or self.door.room.closing:
            self.door.refused_connections += 1
            transport.abort()
            return
        self.waiting = True
        self.door.guards[transport] = self
        self.timer = asyncio.get_running_loop().call_later(
            self.door.room.config.handshake_timeout, transport.abort)
        self.passed = True
        self.inner.connection_made(transport)

    def request_began(self) -> None:
        """Each request has a deadline, body and answer included (a slow sender or a
        slow reader holds no connection for long); a websocket has none once signed in."""
        if self.timer is not None and self.transport is not None:
            self.timer.cancel()
            self.timer = asyncio.get_running_loop().call_later(
                REQUEST_DEADLINE, self.transport.abort)

    def signed_in(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if self.waiting:
            self.waiting = False
            self.door.room.web_waiting.give_back(self.address)

    def data_received(self, data: bytes) -> None:
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        result: bool | None = self.inner.eof_received()
        return result

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.signed_in()
        if self.transport is not None:
            self.door.guards.pop(self.transport, None)
        if self.passed:
            self.inner.connection_lost(exc)


class WebSession:
    """One visitor's tab: a websocket, and the app process it drives."""

    def __init__(self, door: WebDoor, visitor: Visitor, ws: web.WebSocketResponse,
                 size: tuple[int, int], label: str) -> None:
        self.door, self.room = door, door.room
        self.visitor, self.ws, self.size, self.label = visitor, ws, size, label
        self.proc: AppProcess | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.task: asyncio.Task[None] | None = asyncio.current_task()
        self.started = self.last_input = time.monotonic()
        self.stopping = False
        self.stop_reason = ""
        self.stop_message: str | None = None
        self.timers: list[asyncio.TimerHandle] = []
        self.downloads: dict[str, Download] = {}

    async def run(self) -> None:
        room = self.room
        folder = Path(tempfile.mkdtemp(prefix="session-", dir=room.root))  # 0700
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        room.sessions.add(self)
        status: int | None = None
        try:
            params = room.params(folder, "xterm-256color", self.visitor.lang, {},
                                 web=self.size)
            try:
                self.proc = await room.spawner.spawn(theirs.detach(), params)
            except Exception as exc:
                log.error("%s could not start the app: %s", self.label, exc)
                self.stop_reason = "could not start"
                return
            cols, rows = self.size
            log.info("%s session start: web pid=%d %dx%d lang=%s", self.label, self.proc.pid,
                     cols, rows, self.visitor.lang)
            if self.stopping:  # the tab closed or the server stopped while it started
                self._end_app()
            reader, self.writer = await asyncio.open_unix_connection(sock=ours)
            jobs = [asyncio.create_task(job) for job in
                    (self._from_app(reader), self._from_browser(), self._watch())]
            await asyncio.wait(jobs, return_when=asyncio.FIRST_COMPLETED)
            if not self.stopping:
                self.stop("tab closed" if self.ws.closed else "app exited")
            for job in jobs:
                job.cancel()
            with contextlib.suppress(TimeoutError):
                status = await asyncio.wait_for(asyncio.shield(self.proc.status),
                                                2 * KILL_AFTER)
        finally:
            for timer in self.timers:
                timer.cancel()
            self.forget_downloads()
            if self.writer is not None:
                self.writer.close()
            ours.close()
            room.sessions.discard(self)
            await asyncio.to_thread(shutil.rmtree, folder, True)
            await self._say_goodbye()
            pid = self.proc.pid if self.proc else 0
            log.info("%s session end: pid=%d status=%s after %.1f s (%s)", self.label, pid,
                     status, time.monotonic() - self.started, self.stop_reason or "app exited")

    async def _say_goodbye(self) -> None:
        """Tell the page why the session ended (it shows it), then close the socket."""
        why = ENDINGS.get(self.stop_reason or "app exited")
        with contextlib.suppress(Exception):
            if why is not None and not self.ws.closed:
                config = self.room.config
                limit = {"idle": config.idle_timeout,
                         "session time limit": config.session_timeout}.get(self.stop_reason)
                lang = self.visitor.lang
                text = pages.words(why, lang, t=span(limit, lang) if limit else "")
                await self.ws.send_json(["ended", text])
            await self.ws.close()

    async def _from_app(self, reader: asyncio.StreamReader) -> None:
        """The web driver's output: a line that says it has begun, then packets of a type
        byte and a big-endian length (D: terminal output, M: JSON meta, P: packed)."""
        for _ in range(10):
            line = await reader.readline()
            if not line or line == b"__GANGLION__\n":
                break
        while True:
            try:
                kind = await reader.readexactly(1)
                size = int.from_bytes(await reader.readexactly(4), "big")
                payload = await reader.readexactly(size)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            if kind == b"D":
                await self.ws.send_bytes(payload)
            elif kind == b"M":
                meta = json.loads(payload)
                if meta.get("type") == "exit":
                    return
                if meta.get("type") == "deliver_file_start" and isinstance(meta.get("key"),
                                                                            str):
                    await self._offer(meta)
            elif kind == b"P":
                self._chunk(payload)

    async def _offer(self, meta: dict[str, Any]) -> None:
        """The app hands the visitor a file (a save-as): the page opens its download."""
        if len(self.downloads) >= MAX_DOWNLOADS:
            return
        key = meta["key"]
        self.downloads[key] = Download(Path(str(meta.get("path", "file"))).name,
                                       str(meta.get("mime_type") or "application/json"))
        self.door.downloads[key] = self
        await self.ws.send_json(["deliver_file_start", key])

    def _chunk(self, payload: bytes) -> None:
        with contextlib.suppress(Exception):  # only ever the app's own packets
            packet: Any = binary_load(payload)
            kind, key, chunk = packet
            if kind == "deliver_chunk" and key in self.downloads:
                self.downloads[key].chunks.put_nowait(bytes(chunk))

    async def download(self, key: str, wanted: Download,
                       response: web.StreamResponse) -> None:
        """Ask the app for the file a chunk at a time, and pass each on."""
        self.downloads[key] = wanted  # its chunks still come here
        while True:
            self._meta({"type": "deliver_chunk_request", "key": key, "size": CHUNK})
            chunk = await asyncio.wait_for(wanted.chunks.get(), DOWNLOAD_WAIT)
            if not chunk:
                self.downloads.pop(key, None)
                return
            await response.write(chunk)

    def forget_downloads(self) -> None:
        for key in self.downloads:
            self.door.downloads.pop(key, None)
        self.downloads.clear()

    async def _from_browser(self) -> None:
        keys, resizes = key_budget(), resize_budget()
        async for message in self.ws:
            if message.type != WSMsgType.TEXT:
                continue
            try:  # a browser's message, or a stranger's: nothing in it ends the session
                await self._on_message(message.data, keys, resizes)
            except Exception as exc:
                log.info("%s ignored a bad message: %s", self.label, type(exc).__name__)

    async def _on_message(self, text: str, keys: Budget, resizes: Budget) -> None:
        envelope = json.loads(text)
        if not isinstance(envelope, list) or not envelope:
            return
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            raw = data.encode("utf-8", "replace")
            if keys.take(len(raw)):
                self.last_input = time.monotonic()
                self._send(b"D", raw)
        elif kind == "resize" and isinstance(data, dict):
            size = capped(int(data["width"]), int(data["height"]))
            if size != self.size and resizes.take(1):
                self.size = size
                self._meta({"type": "resize", "width": size[0], "height": size[1]})
        elif kind in ("focus", "blur"):
            self._meta({"type": kind})
        elif kind == "ping" and isinstance(data, str) and len(data) < 64:
            await self.ws.send_json(["pong", data])

    def _meta(self, data: dict[str, Any]) -> None:
        self._send(b"M", json.dumps(data).encode())

    def _send(self, kind: bytes, payload: bytes) -> None:
        writer = self.writer
        if writer is None or writer.is_closing():
            return
        if writer.transport.get_write_buffer_size() > MAX_PENDING_INPUT:
            return  # the app is not reading: drop, rather than keep, what comes
        writer.write(kind + len(payload).to_bytes(4, "big") + payload)

    async def _watch(self) -> None:
        why = await time_is_up(self.room.config, self.started, lambda: self.last_input)
        self.visitor.ended = "idle" if why == "idle" else "time"  # told on the next visit
        self.stop(why)

    @property
    def lang(self) -> str:
        """The visitor's language (the room's shutdown asks every session for it)."""
        return self.visitor.lang

    def stop(self, reason: str, message: str | None = None) -> None:
        """End the app: SIGHUP, then SIGKILL if it lingers."""
        if self.stopping:
            return
        self.stopping = True
        self.stop_reason, self.stop_message = reason, message
        if self.proc is not None:
            self._end_app()

    def _end_app(self) -> None:
        assert self.proc is not None
        signal_app(self.proc, signal.SIGHUP)
        proc = self.proc
        self.timers.append(asyncio.get_running_loop().call_later(
            KILL_AFTER, signal_app, proc, signal.SIGKILL))


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
FOREIGN = ("Forbidden: not from this room's own page. (Presenter: if visitors reach the "
           "room by a name of its own, start it with --public-url and that address.)")
# Why a session ended (its stop reason), as the page says it (tui.i18n.ROOM).
ENDINGS = {"idle": "idle", "session time limit": "time_limit",
           "server shutdown": "shutting_down", "app exited": "quit",
           "could not start": "failed"}


class WebDoor:
    """The browser door of a room: its pages, its sign-in, its sessions."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.visitors: dict[str, Visitor] = {}
        self.tries: dict[str, Guesses] = {}  # wrong passwords per address
        self.guards: dict[asyncio.BaseTransport, Guard] = {}
        self.downloads: dict[str, WebSession] = {}  # a download's key: whose it is
        self.refused_connections = 0
        self.own_names = {"localhost", socket.gethostname().lower(), socket.getfqdn().lower()}
        self.runner: web.AppRunner | None = None
        self.server: asyncio.Server | None = None
        self.ids = room.ids

    # -- the server -------------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._begun], client_max_size=16 * 1024)
        app.router.add_get("/", self.index)
        app.router.add_post("/signin", self.sign_in)
        app.router.add_get("/ws", self.websocket)
        app.router.add_get("/download/{key}", self.download)
        app.router.add_get("/favicon.ico", lambda _: self._nothing())
        app.router.add_static("/static", STATIC, show_index=False, follow_symlinks=False)
        return app

    async def open(self) -> None:
        from tui.serve.server import port_error

        config = self.room.config
        assert config.web_port is not None
        self.runner = web.AppRunner(self.application(), handle_signals=False,
                                    access_log=None,
                                    keepalive_timeout=config.handshake_timeout)
        await self.runner.setup()
        make = self.runner.server
        assert make is not None
        loop = asyncio.get_running_loop()
        try:
            self.server = await loop.create_server(
                lambda: Guard(self, make()), config.host, config.web_port, ssl=config.tls,
                ssl_handshake_timeout=config.handshake_timeout if config.tls else None)
        except OSError as exc:
            await self.runner.cleanup()
            raise port_error(exc, config.host, config.web_port, "--port") from None

    def announce(self) -> None:
        assert self.server is not None
        config = self.room.config
        scheme = "https" if config.tls else "http"
        for sock in self.server.sockets:
            host, port = sock.getsockname()[:2]
            # Listening on every address: visitors use this machine's own, said by name.
            shown = "THIS-MACHINES-ADDRESS" if host in ("0.0.0.0", "::") else host
            log.info("listening on %s port %d for browsers; people open: %s", host, port,
                     config.public_url or f"{scheme}://{shown}:{port}/")

    def stop_listening(self) -> None:
        if self.server is not None:
            self.server.close()

    async def close(self) -> None:
        self.stop_listening()
        if self.runner is not None:
            await self.runner.cleanup()

    @web.middleware
    async def _begun(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        guard = self.guards.get(request.transport) if request.transport else None
        if guard is not None:
            guard.request_began()
        response = await handler(request)
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # no-referrer would null the Origin
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
        response.headers["Server"] = "jiebei-sim"
        return response

    # -- who is asking ----------------------------------------------------------------

    def _https(self, request: web.Request) -> bool:
        origin = self.room.config.public_origin
        return origin.startswith("https:") if origin else request.secure

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin", "").lower()
        public = self.room.config.public_origin
        if public is None and not self._known_host(request.host):
            return False  # a page on a name of its own, pointed here (DNS rebinding)
        expected = public or f"{'https' if request.secure else 'http'}://{request.host}"
        return bool(origin) and origin == expected.lower()

    def _known_host(self, host: str) -> bool:
        """The address a visitor typed: an IP address, or this machine's own name (behind
        a name of its own, the room needs --public-url)."""
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]").lower()
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name in self.own_names

    def _lang(self, request: web.Request, visitor: Visitor | None = None) -> str:
        asked = request.query.get("lang")
        if asked in ("zh", "en"):
            return asked
        if visitor is not None:
            return visitor.lang
        return (self.room.config.lang or accepted_lang(request.headers.get("Accept-Language",
                                                                            "")) or "en")

    def _visitor(self, request: web.Request) -> Visitor | None:
        token = request.cookies.get(COOKIE)
        return self.visitors.get(token) if token else None

    def _label(self, request: web.Request) -> str:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        host, port = (peer or ("?", 0))[:2]
        return f"#{next(self.ids)} {host}:{port} web"

    def _admit(self, request: web.Request, lang: str) -> Visitor:
        self._forget_idle()
        token = secrets.token_urlsafe(32)
        visitor = Visitor(token, lang, request.remote or "?")
        self.visitors[token] = visitor
        return visitor

    def _forget_idle(self) -> None:
        """Sign-ins with no session open for the idle time are forgotten; and never more
        than a few per place in the room are kept (an open room signs in every page
        load): the longest unseen go first."""
        config = self.room.config
        now = time.monotonic()
        idle = [v for v in self.visitors.values() if v.sessions == 0]
        for visitor in idle:
            if now - visitor.last_seen > config.idle_timeout and visitor.ended is None:
                del self.visitors[visitor.token]
        keep = 4 * config.max_sessions + 64
        if len(self.visitors) >= keep:
            unseen = sorted((v for v in self.visitors.values() if v.sessions == 0),
                            key=lambda v: v.last_seen)
            for visitor in unseen[:len(self.visitors) - keep + 1]:
                del self.visitors[visitor.token]
        for address in [a for a, t in self.tries.items() if t.idle(now)]:
            del self.tries[address]

    def _with_cookie(self, response: web.StreamResponse, request: web.Request,
                     visitor: Visitor) -> web.StreamResponse:
        response.set_cookie(COOKIE, visitor.token, httponly=True, samesite="Strict",
                            secure=self._https(request), path="/",
                            max_age=int(self.room.config.session_timeout))
        return response

    @staticmethod
    async def _nothing() -> web.Response:
        return web.Response(status=204)

    @staticmethod
    def _html(text: str, status: int = 200) -> web.Response:
        return web.Response(text=text, status=status, content_type="text/html",
                            charset="utf-8")

    # -- pages --------------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.StreamResponse:
        config = self.room.config
        visitor = self._visitor(request)
        lang = self._lang(request, visitor)
        if visitor is not None and visitor.ended is not None:
            # Signed out by the room: say why, once, then the way back in.
            ended, visitor.ended = visitor.ended, None
            del self.visitors[visitor.token]
            key, limit = (("idle", config.idle_timeout) if ended == "idle"
                          else ("time_limit", config.session_timeout))
            said = (pages.message(key, lang, limit=limit) if config.open
                    else pages.sign_in(lang, notice=pages.both(key, lang, limit=limit)))
            response = self._html(said)
            response.del_cookie(COOKIE, path="/")
            return response
        if visitor is None:
            if not config.open:
                return self._html(pages.sign_in(lang))
            visitor = self._admit(request, lang)  # said in the log when a session starts
        visitor.lang = lang
        refusal = self._room_full(request.remote or "?", lang)
        if refusal is not None:
            return self._with_cookie(self._html(refusal, 503), request, visitor)
        return self._with_cookie(self._html(pages.app(lang)), request, visitor)

    def _room_full(self, address: str, lang: str) -> str | None:
        """The full-room page, if a session could not start for ``address`` now."""
        slots = self.room.slots
        if self.room.closing:
            return pages.message("shutting_down", lang, again=None)
        if slots.in_use >= slots.max_sessions:
            return pages.message("full", lang, again="try_again", n=slots.max_sessions)
        if slots.from_address(address) >= slots.max_per_address:
            return pages.message("too_many_here", lang, again="try_again",
                                 n=slots.max_per_address)
        return None

    async def sign_in(self, request: web.Request) -> web.StreamResponse:
        config = self.room.config
        if not self._same_origin(request):
            return web.Response(status=403, text=FOREIGN)
        try:
            form = await asyncio.wait_for(request.post(), self.room.config.handshake_timeout)
        except (TimeoutError, ValueError):
            return web.Response(status=400, text="a sign-in form, please")
        lang = str(form.get("lang", "")) if form.get("lang") in ("zh", "en") else (
            self._lang(request))
        if config.open:
            raise web.HTTPSeeOther(f"./?lang={lang}")
        address = where_from(request.remote or "?")
        tries = self.tries.setdefault(  # a class behind one NAT signs in at once
            address, Guesses(TRIES_PER_MINUTE, self.room.config.max_per_address))
        if not tries.begin():
            log.info("#web %s refused: too many wrong passwords from this address",
                     request.remote)
            await asyncio.sleep(PASSWORD_DELAY)
            return self._html(pages.sign_in(lang, "slow_down"), 429)
        if not self.room.guesses.begin():
            tries.end(True)  # not this address's doing
            log.warning("#web %s password refused unchecked: too many wrong passwords in "
                        "the room in the last minute", request.remote)
            await asyncio.sleep(PASSWORD_DELAY)
            return self._html(pages.sign_in(lang, "slow_down"), 429)
        right = False
        try:
            await asyncio.sleep(PASSWORD_DELAY)
            given = str(form.get("password", ""))
            right = config.password is not None and password_matches(config.password, given)
        finally:
            tries.end(right)
            self.room.guesses.end(right)
        if not right:
            log.info("#web %s auth failed: wrong password", request.remote)
            return self._html(pages.sign_in(lang, "wrong"), 401)
        visitor = self._admit(request, lang)
        log.info("#web %s auth ok: signed in", request.remote)
        response = web.HTTPSeeOther(f"./?lang={lang}")
        self._with_cookie(response, request, visitor)
        raise response

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A file the visitor's own app offered (save-as): once, to that visitor only."""
        key = request.match_info["key"]
        session = self.downloads.get(key)
        if session is None or self._visitor(request) is not session.visitor:
            return web.Response(status=404, text="no such file here")
        offered = session.downloads.pop(key)
        del self.downloads[key]
        safe = re.sub(r"[^\w.-]", "_", offered.name)[:100] or "scenario.json"
        response = web.StreamResponse(headers={
            "Content-Type": offered.mime_type,
            "Content-Disposition": f'attachment; filename="{safe}"'})
        await response.prepare(request)
        with contextlib.suppress(TimeoutError):
            await session.download(key, offered, response)
        await response.write_eof()
        return response

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        visitor = self._visitor(request)
        if not self._same_origin(request) or visitor is None:
            log.info("#web %s refused a websocket: %s", request.remote,
                     "not signed in" if visitor is not None or self._same_origin(request)
                     else "from another origin")
            return web.Response(status=403, text="forbidden")
        ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        if not ws.can_prepare(request).ok:
            return web.Response(status=400, text="a websocket, please")
        address = request.remote or "?"
        label = self._label(request)
        log.info("%s connect", label)
        if self.room.config.open:
            log.info("%s auth ok: open room", label)
        refusal = self.room.slots.take(address)
        if refusal is not None:
            await ws.prepare(request)
            log.info("%s refused: %s", label, refusal)
            await ws.close(code=1013, message=refusal.encode()[:120])
            return ws
        visitor.sessions += 1
        try:  # from here on, whatever happens, the slot is given back
            await ws.prepare(request)
            guard = self.guards.get(request.transport) if request.transport else None
            if guard is not None:
                guard.signed_in()
            try:
                cols = int(request.query.get("width", "80"))
                rows = int(request.query.get("height", "24"))
            except ValueError:
                cols, rows = 80, 24
            await WebSession(self, visitor, ws, capped(cols, rows), label).run()
        finally:
            visitor.sessions -= 1
            visitor.last_seen = time.monotonic()
            self.room.slots.give_back(address)
            log.info("%s disconnect", label)
        return ws

