"""Make ``screenshots/web-room.png``: the browser room in Debian's Chromium, as a visitor
sees it after signing in. Run: ``python tests/web/screenshot_room.py`` (needs Chromium)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ssh.helpers import ServerProcess  # noqa: E402
from tests.web.test_browser import ARGS, CHROMIUM, Screen  # noqa: E402


async def main() -> None:
    from playwright.async_api import async_playwright

    home = Path(tempfile.mkdtemp())
    password = home / "password"
    password.write_text("room\n", encoding="utf-8")
    password.chmod(0o600)
    room = ServerProcess(home, "--web", "--password-file", str(password), "--sample",
                         "fenqile-unsettled")
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = await browser.new_page(viewport={"width": 1280, "height": 760})
            screen = Screen(page)
            await page.goto(f"http://127.0.0.1:{room.port}/")
            await page.fill("#password", "room")
            await page.click("button[type=submit]")
            await screen.wait_for("Before you start")
            await page.keyboard.press("Enter")
            await screen.wait_for("Credit report")
            await page.wait_for_timeout(500)  # the last frame painted on the canvas
            out = ROOT / "screenshots" / "web-room.png"
            await page.screenshot(path=str(out))
            await browser.close()
            print(out)
    finally:
        room.stop()


if __name__ == "__main__":
    asyncio.run(main())
