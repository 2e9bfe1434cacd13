"""The browser room in a real browser: Debian's Chromium driven by Playwright (launched
from its own path: nothing downloads a browser). What the page's terminal shows is read
by replaying the bytes its websocket received on a terminal emulator (pyte): xterm.js
draws on a canvas, with no text in the page to read.

Without Chromium these tests are skipped, saying so; ``.ci/run`` installs it and sets
JIEBEI_SIM_BROWSER=required, so that there they run or fail.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import time
from collections.abc import AsyncIterator
from typing import Any

import pyte
import pytest

from tests.ssh.helpers import ServerProcess, proc_alive, wait_until
from tests.web.conftest import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As this machine's notes say: no background networking, which the closed network refuses.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    if os.environ.get("JIEBEI_SIM_BROWSER") == "required":
        raise RuntimeError(f"no Chromium at {CHROMIUM}, and the browser tests are required")
    pytest.skip("no Chromium here (Debian's chromium package); the browser tests need it",
                allow_module_level=True)

playwright_api = pytest.importorskip("playwright.async_api")


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    async with playwright_api.async_playwright() as p:
        launched = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        await launched.close()


class Screen:
    """What a visitor's terminal shows: the bytes its websocket received, on pyte."""

    def __init__(self, page: Any, cols: int = 140, rows: int = 40) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.page = page
        page.on("websocket", self._socket)

    def _socket(self, ws: Any) -> None:
        ws.on("framereceived", self._frame)
        ws.on("framesent", self._sent)

    def _frame(self, payload: Any) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def _sent(self, payload: Any) -> None:
        """The page fits its terminal to the window and says so: the emulator follows."""
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    def text(self) -> str:
        s = self.screen
        return "\n".join("".join(s.buffer[y][x].data for x in range(s.columns))
                         for y in range(s.lines))

    async def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while text not in (shown := self.text()):
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not shown within {timeout} s:\n{shown}")
            await asyncio.sleep(0.05)
        return shown


async def visit(browser: Any, room: ServerProcess, lang: str = "en",
                password: str | None = PASSWORD) -> tuple[Any, Any, Screen]:
    """A new visitor (their own cookies), signed in, the app on their screen."""
    context = await browser.new_context(viewport={"width": 1400, "height": 850},
                                        locale="zh-CN" if lang == "zh" else "en-US")
    page = await context.new_page()
    screen = Screen(page)
    await page.goto(f"http://127.0.0.1:{room.port}/")
    if password is not None:
        await page.fill("#password", password)
        await page.click("button[type=submit]")
    return context, page, screen


def the_room(web_server: Any, password_file: Any, *more: str) -> ServerProcess:
    room: ServerProcess = web_server("--password-file", str(password_file),
                                     "--sample", "fenqile-unsettled", *more)
    return room


async def test_sign_in_see_the_panes_and_change_the_answer(browser, web_server,  # type: ignore[no-untyped-def]
                                                           password_file) -> None:
    room = the_room(web_server, password_file)
    _, page, screen = await visit(browser, room)
    await screen.wait_for("Before you start")
    await page.keyboard.press("Enter")
    for pane in ("Overdue events", "Jiebei", "Score", "Why", "Accounts", "Credit report"):
        shown = await screen.wait_for(pane)
    assert "SUSPENDED" in shown  # an unpaid overdue Jiebei can see
    await page.keyboard.press("]")  # a month on: still unpaid
    await screen.wait_for("as of 2026-12-29")
    await page.keyboard.press("s")  # settle it on that day
    shown = await screen.wait_for(f" {settled_a_month_late()} ")
    assert "SUSPENDED" not in shown


def settled_a_month_late() -> str:
    """The state the model gives the sample with e1 settled on 2026-12-29, that day."""
    from datetime import date

    from model import assess, load_sample, parse_scenario
    from model.io import scenario_json

    data = json.loads(scenario_json(load_sample("fenqile-unsettled")))
    data["overdues"][0]["settled"] = "2026-12-29"
    state = assess(parse_scenario(data), as_of=date(2026, 12, 29)).jiebei.state
    assert state != "suspended"
    return str(state).upper()


async def test_two_visitors_share_nothing(browser, web_server, password_file) -> None:  # type: ignore[no-untyped-def]
    room = the_room(web_server, password_file)
    _, one, first = await visit(browser, room)
    _, other, second = await visit(browser, room, lang="zh")
    await first.wait_for("Before you start")
    await second.wait_for("开始之前")  # each in their own language
    await one.keyboard.press("Enter")
    await other.keyboard.press("Enter")
    await first.wait_for("SUSPENDED")
    await one.keyboard.press("s")
    await first.wait_for("REDUCED")
    await other.keyboard.press("l")  # the second visitor switches to English
    shown = await second.wait_for("SUSPENDED")  # and still has the unpaid event
    assert "REDUCED" not in shown
    pids = [int(m) for m in re.findall(r"session start: web pid=(\d+)",
                                                      room.log())]
    assert len(set(pids)) == 2
    folders = {os.readlink(f"/proc/{pid}/cwd") for pid in pids}
    assert len(folders) == 2


async def test_a_wrong_password_is_refused(browser, web_server, password_file) -> None:  # type: ignore[no-untyped-def]
    room = the_room(web_server, password_file)
    _, page, _ = await visit(browser, room, password="not it")
    assert "That password is not right" in await page.inner_text("body")
    assert await page.locator("#password").count() == 1
    assert "session start" not in room.log()


async def test_a_full_room_shows_its_page(browser, web_server, password_file) -> None:  # type: ignore[no-untyped-def]
    room = the_room(web_server, password_file, "--max-sessions", "1")
    _, _, first = await visit(browser, room)
    await first.wait_for("Before you start")
    _, page, _ = await visit(browser, room, lang="zh")
    body = await page.inner_text("body")
    assert "房间已满" in body and "The room is full (1 at once)" in body


async def test_closing_the_tab_ends_the_app(browser, web_server, password_file) -> None:  # type: ignore[no-untyped-def]
    room = the_room(web_server, password_file)
    _, page, screen = await visit(browser, room)
    await screen.wait_for("Before you start")
    pid = int((await room.wait_log(r"session start: web pid=(\d+)")).group(1))
    await page.close()
    await wait_until(lambda: not proc_alive(pid), 2, "the app gone within 2 s of the tab")
    await room.wait_log(r"session end: .*\(tab closed\)")


async def test_quitting_the_app_says_so_on_the_page(browser, web_server, password_file) -> None:  # type: ignore[no-untyped-def]
    room = the_room(web_server, password_file)
    _, page, screen = await visit(browser, room, lang="zh")
    await screen.wait_for("开始之前")
    await page.keyboard.press("Enter")
    await screen.wait_for("逾期记录")
    await page.keyboard.press("q")
    await page.wait_for_selector("body.-closed", timeout=40_000)
    assert await page.inner_text("#why") == "你已退出应用。重新开始即可获得一份新的副本。"
    await page.click("text=重新开始")  # and back in, a fresh copy
    await page.wait_for_selector("body.-first-byte", timeout=40_000)


async def test_save_as_downloads_a_copy_the_visitor_keeps(browser, web_server, password_file,  # type: ignore[no-untyped-def]
                                                          tmp_path) -> None:
    """The session's folder goes when it ends: a file saved in a browser is downloaded."""
    from model import load_sample, load_scenario

    room = the_room(web_server, password_file)
    _, page, screen = await visit(browser, room)
    await screen.wait_for("Before you start")
    await page.keyboard.press("Enter")
    await screen.wait_for("Overdue events")
    async with page.expect_download(timeout=40_000) as arriving:
        await page.keyboard.press("w")
        await screen.wait_for("Save the scenario as")
        await page.keyboard.type("mine.json")  # in place of the name offered, selected
        await page.keyboard.press("Enter")
    download = await arriving.value
    assert download.suggested_filename == "mine.json"
    await download.save_as(tmp_path / "mine.json")
    assert load_scenario(tmp_path / "mine.json") == load_sample("fenqile-unsettled")
    shown = await screen.wait_for("your browser downloads a copy")
    assert "/tmp" not in shown  # the server's folders are not shown
