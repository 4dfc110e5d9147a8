"""Screenshots of the web chat's main screens for the README: `python -m bench screenshots`.

Starts a throw-away sandbox (temporary database, free port), drives the page in
Debian's headless Chromium and writes PNGs into docs/. Re-run it whenever a
feature changes what the screens show.
"""

from __future__ import annotations

import argparse
import asyncio
import struct
import sys
import tempfile
import zlib
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.sandbox.chromium import CHROMIUM, CHROMIUM_ARGS
from bot.sandbox.run import Sandbox
from bot.sandbox.webchat import PEOPLE, STAFF_GROUP

if TYPE_CHECKING:
    from playwright.async_api import ViewportSize

# Both are phone widths: that is where a cut label or a squeezed button shows.
DESKTOP: ViewportSize = {"width": 412, "height": 860}
PHONE: ViewportSize = {"width": 360, "height": 740}
AIGERIM, TIMUR, _RUTA, ORGANIZER = (p.user_id for p in PEOPLE)
WAIT_MS = 15_000
ZONE = "Europe/Vilnius"  # the try-out's default TIMEZONE


def sample_photo(width: int = 240, height: int = 320) -> bytes:
    """A PNG of a page with grey lines of "text", made here (no image library needed)."""
    rows = []
    for y in range(height):
        line = (y // 6) % 3 == 0 and 20 < y < height - 20
        pixels = bytes(
            120 if line and 16 < x < width - 16 - (y * 7) % 60 else 250 for x in range(width)
        )
        rows.append(b"\x00" + pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


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


async def wait_for_text(page: Any, text: str) -> None:
    """Until a bot message on screen contains `text`."""
    await page.locator(".chat:not([hidden]) .row.bot", has_text=text).last.wait_for(timeout=WAIT_MS)


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
                # The bot's command menu, as Telegram shows it: "/" left of the input.
                await phone.locator("#menu-button").click()
                await phone.locator("#command-menu .command-item").first.wait_for()
                shots.append(await shoot(phone, out, "webchat-phone-menu.png"))
                await phone.locator("#menu-button").click()
                # The clock moved to a day before the event: the reminder comes.
                services = sandbox.app.bot_data["services"]
                (event,) = await services.registry.all_events()
                local = (event.start_at - timedelta(hours=23)).astimezone(ZoneInfo(ZONE))
                await phone.locator("#clock-button").click()
                await phone.locator("#clock-to").fill(local.strftime("%Y-%m-%dT%H:%M"))
                await phone.get_by_role("button", name="Go").click()
                await wait_for_text(phone, "Напоминание")
                shots.append(await shoot(phone, out, "webchat-phone-clock.png"))
                await phone.locator("#clock-button").click()
                # A question to a consultant, answered from the staff group's topic.
                await say(phone, "/human")
                await tap(phone, "✍️")
                await say(phone, "Работодатель не отдаёт зарплату за октябрь")
                await wait_for_text(phone, "консультант")
                staff = await open_as(phone_context, sandbox.url, STAFF_GROUP.chat_id)
                topic = staff.locator(".topics .topic", has_text="#1")
                await topic.wait_for(timeout=WAIT_MS)
                await topic.click()
                await staff.locator("#input").fill(
                    "Здравствуйте! Пришлите, пожалуйста, фото договора."
                )
                await staff.locator("#input").press("Enter")
                await staff.locator(".row.user:not([hidden]) .sender").last.wait_for()
                await phone.bring_to_front()
                await wait_for_text(phone, "фото договора")
                shots.append(await shoot(phone, out, "webchat-case-person.png"))
                await phone.locator("#input").fill("Вот договор")
                await phone.locator("#file-input").set_input_files(
                    files=[
                        {"name": "contract.png", "mimeType": "image/png", "buffer": sample_photo()}
                    ]
                )
                await phone.locator("#attach-photo").click()
                await staff.bring_to_front()
                await staff.locator(".row.bot:not([hidden]) img.photo").wait_for(timeout=WAIT_MS)
                shots.append(await shoot(staff, out, "webchat-case-staff.png"))

                # The other pages see the moved clock within a few seconds.
                for other in (page, organizer):
                    await other.locator("#clock-offset").wait_for(timeout=WAIT_MS)
                # + person: a new simulated person, in their own Telegram language.
                await page.locator("#add-person").click()
                await page.locator("#person-name").fill("Dilnoza")
                await page.locator("#person-language").select_option("uz")
                shots.append(await shoot(page, out, "webchat-add-person.png"))
                await page.get_by_role("button", name="Add and open the chat").click()
                # Her chat is open before anything is counted in it.
                await page.locator(".person[aria-pressed=true]", has_text="Dilnoza").wait_for(
                    timeout=WAIT_MS
                )
                await say(page, "/start", replies=2)
                # Back to Aigerim: the announcements she chooses, in Kazakh.
                await page.locator(".person", has_text="Aigerim").click()

                await say(page, "/announcements")
                shots.append(await shoot(page, out, "webchat-announcements-kk.png"))

                await say(organizer, "/newevent", replies=2)
                await say(organizer, "Round table: work rights in Kazakhstan")
                await tap(organizer, "Skip")
                await tap(organizer, "➕ Русский")
                await say(organizer, "Круглый стол: трудовые права в Казахстане")
                await tap(organizer, "Skip")  # the languages: which are filled, which not
                shots.append(await shoot(organizer, out, "webchat-wizard.png"))
                await say(organizer, "/cancel", replies=2)
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
