"""The browser door over plain HTTP and a websocket (aiohttp's client), against a real
server: sign-in, the cookie, the Origin, what is served, the limits, the log."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
import time
from pathlib import Path

import aiohttp
import pytest

from tests.ssh.helpers import ServerProcess, proc_alive, wait_until
from tests.web.conftest import PASSWORD


def base(server: ServerProcess) -> str:
    return f"http://127.0.0.1:{server.port}"


def client(source: str = "127.0.0.1") -> aiohttp.ClientSession:
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0)),
                                 cookie_jar=aiohttp.CookieJar(unsafe=True))


async def signed_in(server: ServerProcess, http: aiohttp.ClientSession,
                    lang: str = "en") -> None:
    async with http.post(f"{base(server)}/signin", data={"password": PASSWORD, "lang": lang},
                         headers={"Origin": base(server)}, allow_redirects=False) as r:
        assert r.status == 303, await r.text()


async def first_frame(ws: aiohttp.ClientWebSocketResponse, text: str = "Jiebei",
                      timeout: float = 20) -> str:
    """The terminal output the app sends, until it shows ``text``."""
    seen = b""
    deadline = time.monotonic() + timeout
    while text.encode() not in seen:
        if time.monotonic() > deadline:  # output may go on (a blinking cursor)
            raise AssertionError(f"{text!r} not shown within {timeout} s: {seen[-500:]!r}")
        message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            raise AssertionError(f"closed before {text!r}: {seen[-500:]!r}")
    return seen.decode("utf-8", "replace")


async def test_the_password_page_then_the_app_with_a_strict_cookie(web_room) -> None:  # type: ignore[no-untyped-def]
    async with client() as http:
        async with http.get(base(web_room), headers={"Accept-Language": "zh-CN,zh;q=0.9"}) as r:
            page = await r.text()
        assert r.status == 200 and 'type="password"' in page and "房间密码" in page
        async with http.post(f"{base(web_room)}/signin", data={"password": "nope"},
                             headers={"Origin": base(web_room)}) as r:
            assert r.status == 401 and "not right" in await r.text()
        async with http.post(f"{base(web_room)}/signin", data={"password": PASSWORD,
                                                               "lang": "en"},
                             headers={"Origin": base(web_room)}, allow_redirects=False) as r:
            assert r.status == 303
            cookie = r.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
        async with http.get(base(web_room)) as r:
            assert 'class="textual-terminal"' in await r.text()
    await web_room.wait_log(r"auth failed: wrong password")
    await web_room.wait_log(r"auth ok: signed in")


async def test_a_class_behind_one_address_signs_in_together(web_server, password_file) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--password-file", str(password_file), "--max-per-address", "12")
    clients = [client() for _ in range(12)]
    try:
        await asyncio.gather(*(signed_in(room, http) for http in clients))
    finally:
        for http in clients:
            await http.close()


async def test_a_sign_in_from_another_sites_page_is_refused(web_room) -> None:  # type: ignore[no-untyped-def]
    async with client() as http, http.post(
            f"{base(web_room)}/signin", data={"password": PASSWORD},
            headers={"Origin": "https://evil.example"}, allow_redirects=False) as r:
        assert r.status == 403 and "Set-Cookie" not in r.headers


async def test_the_websocket_needs_the_cookie_and_this_origin(web_room) -> None:  # type: ignore[no-untyped-def]
    ws_url = f"ws://127.0.0.1:{web_room.port}/ws?width=100&height=30"
    async with client() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(ws_url, origin=base(web_room))
        assert refused.value.status == 403  # no cookie
        await signed_in(web_room, http)
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(ws_url, origin="https://evil.example")
        assert refused.value.status == 403  # another site's page, with our cookie
        async with http.ws_connect(ws_url, origin=base(web_room)) as ws:
            assert "Before you start" in await first_frame(ws, "Before you start")


URL = re.compile(r"""(?:url\(\s*["']?|(?:href|src|action)\s*=\s*["'])([^"')\s]+)""")


async def test_every_address_in_what_is_served_is_relative(web_room) -> None:  # type: ignore[no-untyped-def]
    """Nothing is fetched from elsewhere: on a network that drops such requests (common in
    mainland China) a page waiting for a font from another site appears only after 30 s."""
    async with client() as http:
        await signed_in(web_room, http)
        texts = {}
        async with http.get(base(web_room)) as r:
            texts["app page"] = await r.text()
        async with client() as stranger, stranger.get(base(web_room)) as r:
            texts["sign-in page"] = await r.text()
        linked = {m for text in texts.values() for m in URL.findall(text)}
        assert {"static/js/textual.js", "static/css/xterm.css"} <= linked
        for path in sorted(linked):
            if path.startswith(("static/", "./", "?")):  # what a page fetches (not the form)
                async with http.get(f"{base(web_room)}/{path.lstrip('./')}") as r:
                    assert r.status in (200, 204), path
                    if path.endswith((".js", ".css")):
                        texts[path] = await r.text()
        for name, text in texts.items():
            text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # licence notes name sites
            for found in URL.findall(text):
                assert not re.match(r"[a-z][a-z0-9+.-]*:|//", found, re.I), (name, found)
            assert not re.search(r"https?://(?!www\.w3\.org/)", text), name


async def test_an_open_room_lets_a_browser_straight_in(web_server) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--open", "--lang", "zh")
    async with client() as http:
        async with http.get(base(room)) as r:
            assert r.status == 200 and 'class="textual-terminal"' in await r.text()
            assert "HttpOnly" in r.headers["Set-Cookie"]
        async with http.ws_connect(f"ws://127.0.0.1:{room.port}/ws", origin=base(room)) as ws:
            await first_frame(ws, "开始之前")  # the room's language


async def test_a_full_room_says_so_in_both_languages(web_server) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--open", "--max-sessions", "1")
    async with client() as first:
        await (await first.get(base(room))).text()
        async with first.ws_connect(f"ws://127.0.0.1:{room.port}/ws", origin=base(room)) as ws:
            await first_frame(ws)
            async with client("127.0.0.2") as second, second.get(
                    base(room), headers={"Accept-Language": "zh"}) as r:
                page = await r.text()
            assert r.status == 503
            assert "房间已满" in page and "The room is full (1 at once)" in page


async def test_closing_the_tab_ends_its_app_within_two_seconds(web_room) -> None:  # type: ignore[no-untyped-def]
    start = len(web_room.lines)
    async with client() as http:
        await signed_in(web_room, http)
        async with http.ws_connect(f"ws://127.0.0.1:{web_room.port}/ws",
                                   origin=base(web_room)) as ws:
            await first_frame(ws)
            pid = int((await web_room.wait_log(r"session start: web pid=(\d+)", start=start))
                      .group(1))
            assert proc_alive(pid)
    closed = time.monotonic()
    await wait_until(lambda: not proc_alive(pid), 2, "the app gone within 2 s")
    assert time.monotonic() - closed < 2
    for line in ("connect", "session start", r"session end: .*\(tab closed\)", "disconnect"):
        await web_room.wait_log(line, start=start)


async def test_sigterm_with_a_visitor_in_ends_the_app_tells_the_page_and_exits(web_server) -> None:  # type: ignore[no-untyped-def]
    """As the SSH door does (tests/ssh/test_lifecycle.py): a teacher's Ctrl-C (SIGTERM)
    on a room with browsers in it ends at once, each page told why."""
    import signal

    room = web_server("--open")
    async with client() as http:
        async with http.get(base(room)) as r:
            assert r.status == 200
        async with http.ws_connect(f"ws://127.0.0.1:{room.port}/ws", origin=base(room)) as ws:
            await first_frame(ws)
            pid = int((await room.wait_log(r"session start: web pid=(\d+)")).group(1))
            room.proc.send_signal(signal.SIGTERM)
            told = []  # the page's messages (the app's last output may come first)
            async with asyncio.timeout(5):
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.TEXT:
                        told.append(message.json())
            assert told == [["ended", "The server is shutting down. Thank you for trying "
                                      "jiebei-sim!"]]
    assert await asyncio.to_thread(room.proc.wait, 5) == 0
    assert not any(proc_alive(p) for p in (pid, room.launcher_pid))
    assert list(room.tmp.iterdir()) == []


async def test_an_idle_visitor_is_signed_out_and_told_why(web_server, password_file) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--password-file", str(password_file), "--idle-timeout", "2")
    async with client() as http:
        await signed_in(room, http)
        async with http.ws_connect(f"ws://127.0.0.1:{room.port}/ws", origin=base(room)) as ws:
            await first_frame(ws)
            while (said := await ws.receive(timeout=10)).type == aiohttp.WSMsgType.BINARY:
                pass  # until the room says why, and closes it
            assert said.json() == ["ended", "You were signed out after 2 seconds without a "
                                   "key press. Your copy of the app has ended; nothing you "
                                   "did was kept."]
        async with http.get(base(room)) as r:
            page = await r.text()
        assert "signed out after 2 seconds without a key press" in page
        assert "2秒没有按键,已自动退出" in page  # and in the other language
        assert 'type="password"' in page  # and the way back in
        async with http.get(base(room)) as r:  # told once; signed out for good
            assert "signed out" not in await r.text()
    await room.wait_log(r"session end: .*\(idle\)")


async def test_silent_sockets_from_one_address_do_not_keep_a_browser_out(web_server) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--open", "--handshake-timeout", "3")
    sockets = []
    for _ in range(200):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.connect(("127.0.0.1", room.port))
        sockets.append(s)
    try:
        async with client("127.0.0.2") as http:
            async with http.get(base(room)) as r:
                assert r.status == 200
            async with http.ws_connect(f"ws://127.0.0.1:{room.port}/ws",
                                       origin=base(room)) as ws:
                await first_frame(ws)

        def all_closed() -> bool:
            for s in sockets:
                s.setblocking(False)
                try:
                    if s.recv(1) != b"":
                        return False
                except BlockingIOError:
                    return False
                except OSError:
                    pass
            return True

        await wait_until(all_closed, 10, "every silent socket let go")
    finally:
        for s in sockets:
            s.close()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made here (nothing of the machine's)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_file.chmod(0o600)
    return cert_file, key_file


async def test_https_with_a_certificate_and_a_secure_cookie(web_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cert, key = self_signed(tmp_path)
    room = web_server("--open", "--tls-cert", str(cert), "--tls-key", str(key))
    trust = ssl.create_default_context(cafile=str(cert))
    url = f"https://127.0.0.1:{room.port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(url, ssl=trust) as r:
            assert r.status == 200 and "Secure" in r.headers["Set-Cookie"]
        async with http.ws_connect(f"wss://127.0.0.1:{room.port}/ws", origin=url,
                                   ssl=trust) as ws:
            await first_frame(ws)
    assert f"people open: https://127.0.0.1:{room.port}/" in room.log()


async def test_a_failed_websocket_handshake_gives_its_place_back(web_server) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--open", "--max-per-address", "1")
    async with client() as http:
        await (await http.get(base(room))).text()
        for _ in range(5):  # the cookie and the Origin, but no upgrade
            async with http.get(f"{base(room)}/ws", headers={"Origin": base(room)}) as r:
                assert r.status == 400
        async with http.get(base(room)) as r:
            assert r.status == 200  # not "too many sessions from your network"
        async with http.ws_connect(f"ws://127.0.0.1:{room.port}/ws", origin=base(room)) as ws:
            await first_frame(ws)


async def test_a_flood_of_keys_does_not_grow_the_app(web_server) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--open")
    async with client() as http:
        await (await http.get(base(room))).text()
        async with http.ws_connect(f"ws://127.0.0.1:{room.port}/ws", origin=base(room)) as ws:
            await first_frame(ws)
            pid = int((await room.wait_log(r"session start: web pid=(\d+)")).group(1))
            for _ in range(200):  # 8 MB of keys, as fast as they go
                await ws.send_json(["stdin", "]" * 40_000])
            await ws.send_json(["resize", {"width": 1e999, "height": [1]}])  # and nonsense
            await ws.send_str("[" * 30_000)  # nested too deep for json, under the size cap
            await asyncio.sleep(5)
            rss = int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
                      .group(1))
            # What got through costs the app some memory (it queues every key); unbounded,
            # the same flood took it past 1.7 GB.
            assert rss < 250_000, f"{rss} kB"
            assert proc_alive(pid) and not ws.closed  # the session goes on


async def test_a_page_on_another_name_cannot_sign_in(web_room) -> None:  # type: ignore[no-untyped-def]
    """DNS rebinding: evil.example resolved to this room, the browser sends its own name
    as Host and as Origin. Only an address, or this machine's name, is the room's."""
    async with client() as http, http.post(
            f"{base(web_room)}/signin", data={"password": PASSWORD},
            headers={"Origin": "http://evil.example:1", "Host": "evil.example:1"},
            allow_redirects=False) as r:
        assert r.status == 403


async def test_a_sign_in_that_never_sends_its_form_is_let_go(web_server, password_file) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--password-file", str(password_file), "--handshake-timeout", "2")
    reader, writer = await asyncio.open_connection("127.0.0.1", room.port)
    writer.write(f"POST /signin HTTP/1.1\r\nHost: 127.0.0.1:{room.port}\r\n"
                 f"Origin: {base(room)}\r\nContent-Type: application/x-www-form-urlencoded"
                 "\r\nContent-Length: 10000\r\n\r\npassword=".encode())
    await writer.drain()
    started = time.monotonic()
    answer = await asyncio.wait_for(reader.readline(), 10)
    assert time.monotonic() - started < 5
    assert answer.startswith(b"HTTP/1.1 400") or answer == b""  # told, or let go
    writer.close()


async def test_a_saved_file_is_downloaded_once_by_its_own_visitor_only(web_server) -> None:  # type: ignore[no-untyped-def]
    room = web_server("--open", "--sample", "fenqile-unsettled")
    async with client() as http, client("127.0.0.2") as stranger:
        await (await http.get(base(room))).text()
        await (await stranger.get(base(room))).text()
        async with http.ws_connect(f"ws://127.0.0.1:{room.port}/ws?width=120&height=36",
                                   origin=base(room)) as ws:
            await first_frame(ws, "Before you start")
            for keys in ("\r", "w", "mine.json", "\r"):  # past the notice, save as
                await ws.send_json(["stdin", keys])
                await asyncio.sleep(1)  # as a person types, each key after the last
            deadline = time.monotonic() + 20
            while (message := await ws.receive(timeout=20)).type != aiohttp.WSMsgType.TEXT:
                assert time.monotonic() < deadline, "no file offered"
            kind, key = message.json()
            assert kind == "deliver_file_start"
            async with stranger.get(f"{base(room)}/download/{key}") as r:
                assert r.status == 404  # another visitor's key is no use
            async with http.get(f"{base(room)}/download/{key}") as r:
                assert r.status == 200
                assert 'filename="mine.json"' in r.headers["Content-Disposition"]
                saved = await r.json(content_type=None)
                assert saved["name"] == "A Fenqile overdue, still unpaid"
            async with http.get(f"{base(room)}/download/{key}") as r:
                assert r.status == 404  # once
