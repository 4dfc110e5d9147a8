"""Screenshots of the web chat's main screens for the README: `python -m bench.screenshots`.

Starts a throw-away sandbox (temporary database, free port), drives the page in
Debian's headless Chromium and writes PNGs into docs/. Re-run it whenever a
feature changes what the screens show.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.sandbox.chromium import CHROMIUM, CHROMIUM_ARGS
from bot.sandbox.run import Sandbox
from bot.sandbox.webchat import PEOPLE

if TYPE_CHECKING:
    from playwright.async_api import ViewportSize

DESKTOP: ViewportSize = {"width": 480, "height": 860}
PHONE: ViewportSize = {"width": 360, "height": 740}
AIGERIM, TIMUR, _RUTA, ORGANIZER = (p.user_id for p in PEOPLE)
WAIT_MS = 15_000


def bot_rows(page: Any) -> Any:
    return page.locator(".chat:not([hidden]) .row.bot")


async def say(page: Any, text: str, replies: int = 1) -> None:
    """Type and send; wait until the bot has answered with `replies` messages."""
    rows = bot_rows(page)
    before = await rows.count()
    await page.locator("#input").fill(text)
    await page.locator("#input").press("Enter")
    await page.wait_for_function(
        "([n]) => document.querySelectorAll('.chat:not([hidden]) .row.bot').length >= n",
        arg=[before + replies],
        timeout=WAIT_MS,
    )


async def tap(page: Any, label: str, replies: int = 1) -> None:
    rows = bot_rows(page)
    before = await rows.count()
    await page.locator(".chat:not([hidden]) .ikb-button", has_text=label).last.click()
    await page.wait_for_function(
        "([n]) => document.querySelectorAll('.chat:not([hidden]) .row.bot').length >= n",
        arg=[before + replies],
        timeout=WAIT_MS,
    )


async def open_as(context: Any, url: str, user_id: int) -> Any:
    page = await context.new_page()
    await page.goto(f"{url}/#{user_id}")
    await page.wait_for_selector("#status[data-state=online]", timeout=WAIT_MS)
    return page


async def shoot(page: Any, out: Path, name: str) -> Path:
    await page.mouse.move(0, 0)  # no hover highlight on the last button pressed
    await page.wait_for_timeout(300)  # let the last bubble settle
    path = out / name
    await page.screenshot(path=str(path))
    print(path)
    return path


async def take(out: Path) -> list[Path]:
    from playwright.async_api import async_playwright

    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, default_locale="en")
        sandbox = Sandbox(settings, port=0, database_url=f"sqlite:///{tmp}/shots.db")
        await sandbox.start()
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
                context = await browser.new_context(viewport=DESKTOP, device_scale_factor=1)
                page = await open_as(context, sandbox.url, AIGERIM)
                await say(page, "/start", replies=2)
                await tap(page, "Қазақша", replies=2)  # then the country, asked once
                shots.append(await shoot(page, out, "webchat-country-kk.png"))
                await tap(page, "Қазақстан")
                await say(page, "/menu")
                shots.append(await shoot(page, out, "webchat-start-kk.png"))

                await say(page, "жұмыс беруші жалақы төлемейді")
                shots.append(await shoot(page, out, "webchat-answer.png"))

                await tap(page, "Іс-шаралар")
                await tap(page, "Дөңгелек үстел үлгісі")  # the try-out's sample event
                shots.append(await shoot(page, out, "webchat-event.png"))

                organizer = await open_as(context, sandbox.url, ORGANIZER)
                await say(organizer, "/start", replies=2)
                await say(organizer, "/events")
                await tap(organizer, "Sample round table")
                shots.append(await shoot(organizer, out, "webchat-organizer.png"))

                phone_context = await browser.new_context(
                    viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
                )
                phone = await open_as(phone_context, sandbox.url, TIMUR)
                await say(phone, "/start", replies=2)
                shots.append(await shoot(phone, out, "webchat-phone.png"))
                await say(phone, "/events")
                await tap(phone, "Пример круглого стола")
                await tap(phone, "Занять место")
                await tap(phone, "Согласен")
                shots.append(await shoot(phone, out, "webchat-phone-prompt.png"))
                await say(phone, "/cancel", replies=2)
                shots.append(await shoot(phone, out, "webchat-phone-cancelled.png"))
                # Registered for real: the confirmation, the calendar file and the ways on.
                await say(phone, "/events")
                await tap(phone, "Пример круглого стола")
                await tap(phone, "Занять место")
                await tap(phone, "Записать как", replies=2)
                shots.append(await shoot(phone, out, "webchat-phone-registered.png"))
                await tap(phone, "Отменить:")
                shots.append(await shoot(phone, out, "webchat-phone-cancel-ask.png"))
                await tap(phone, "Нет, оставить")

                await say(page, "/announcements")
                shots.append(await shoot(page, out, "webchat-announcements-kk.png"))

                await say(organizer, "/newevent", replies=2)
                await say(organizer, "Round table: work rights in Kazakhstan")
                await tap(organizer, "Skip")
                await tap(organizer, "Asia/Almaty")
                shots.append(await shoot(organizer, out, "webchat-wizard.png"))
                await say(organizer, "/broadcast")
                shots.append(await shoot(organizer, out, "webchat-broadcast.png"))
                await tap(organizer, "Everyone")
                shots.append(await shoot(organizer, out, "webchat-broadcast-topic.png"))
                await browser.close()
        finally:
            await sandbox.stop()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    asyncio.run(take(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
