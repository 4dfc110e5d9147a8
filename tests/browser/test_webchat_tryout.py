"""The try-out's own controls in a real headless Chromium: the command menu, the paperclip,
adding people, the clock, clickable links and commands, unread counts, and edits that grow."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bench.screenshots import sample_photo
from bot.sandbox.run import Sandbox
from bot.sandbox.webchat import PEOPLE
from tests.browser.test_webchat import (
    bot_api,
    bot_rows,
    browser,  # noqa: F401
    chat,
    context,  # noqa: F401  (fixtures)
    open_chat,
    sandbox,  # noqa: F401
    sandbox_for,
    say,
    say_and_wait,
)

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.async_api")
expect = playwright_api.expect
AIGERIM, TIMUR, RUTA, ORGANIZER = (p.user_id for p in PEOPLE)
PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def user_rows(page: Any) -> Any:
    return chat(page).locator(".row.user")


async def menu_commands(page: Any) -> list[str]:
    await page.locator("#menu-button").click()
    items = page.locator("#command-menu .command-item")
    await expect(items.first).to_be_visible()
    return [str(c) for c in await items.evaluate_all("(n) => n.map((b) => b.dataset.command)")]


# ----- 1. the command menu -----------------------------------------------------------------


async def test_the_command_menu_is_the_bots_for_that_person(
    sandbox: Sandbox,  # noqa: F811
    context: Any,  # noqa: F811
) -> None:
    page = await open_chat(context, sandbox, TIMUR)
    commands = await menu_commands(page)
    assert "/events" in commands and "/help" in commands
    assert "/newevent" not in commands and "/broadcast" not in commands
    # In Timur's Telegram language.
    events = page.locator("#command-menu .command-item", has_text="/events")
    await expect(events.locator(".command-description")).to_have_text(re.compile("[а-я]"))
    # A tap sends it, and the menu closes.
    await page.locator("#command-menu .command-item", has_text="/help").click()
    await expect(page.locator("#command-menu")).to_be_hidden()
    await expect(user_rows(page).last).to_contain_text("/help")
    await expect(bot_rows(page)).to_have_count(1)
    # Typing "/" offers the commands that start with what is typed.
    await page.locator("#input").fill("/ev")
    items = page.locator("#command-menu .command-item")
    await expect(items).to_have_count(1)
    await expect(items).to_contain_text("/events")
    await page.locator("#input").fill("")
    await expect(page.locator("#command-menu")).to_be_hidden()

    # The organizer's own chat has the organizer's commands too, in English.
    await page.locator(".person", has_text="Organizer").click()
    own = await menu_commands(page)
    assert {"/newevent", "/broadcast", "/outbox", "/events"} <= set(own)
    await expect(
        page.locator("#command-menu .command-item", has_text="/newevent").locator(
            ".command-description"
        )
    ).to_have_text(re.compile("[a-z]"))
    assert page.js_errors == []


# ----- 2. photos and files -------------------------------------------------------------------


async def test_a_photo_and_a_file_from_the_paperclip(
    sandbox: Sandbox,  # noqa: F811
    context: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    page = await open_chat(context, sandbox, RUTA)
    await say_and_wait(page, "/start", new=2)
    photo = tmp_path / "contract.png"
    photo.write_bytes(sample_photo(480, 640))
    await page.locator("#input").fill("my contract")  # the caption
    await page.locator("#file-input").set_input_files(str(photo))
    # An image: asked whether as a photo or as a file, as Telegram asks.
    await expect(page.locator("#attach-choice")).to_be_visible()
    await page.locator("#attach-photo").click()
    sent = user_rows(page).last
    await expect(sent.locator("img.photo")).to_be_visible()
    await expect(sent).to_contain_text("my contract")
    await expect(page.locator("#input")).to_have_value("")
    assert await sent.locator("img.photo").evaluate("(img) => img.naturalWidth") == 480
    # Anything else goes as a file, with its name.
    document = tmp_path / "Sutartis 2026.pdf"
    document.write_bytes(b"%PDF-1.4\n%%EOF\n")
    await page.locator("#file-input").set_input_files(str(document))
    await expect(user_rows(page).last.locator(".doc-name")).to_have_text("Sutartis 2026.pdf")
    # The bot got them as Telegram delivers them: a photo's sizes, a document's name and type.
    assert sandbox.server is not None
    sim = sandbox.server.sim
    mine = [m for m in sim.messages(RUTA) if not m.from_bot]
    assert mine[-2].photo is not None and mine[-2].caption == "my contract"
    # As a Telegram app sends a photo: JPEG, in Telegram's sizes, smallest first.
    sizes = mine[-2].photo.photo_api()
    assert [(s["width"], s["height"]) for s in sizes] == [(68, 90), (240, 320), (480, 640)]
    assert mine[-2].photo.data.startswith(b"\xff\xd8")
    assert mine[-1].document is not None
    assert (mine[-1].document.name, mine[-1].document.mime) == (
        "Sutartis 2026.pdf",
        "application/pdf",
    )
    # Outside a question to a consultant, the bot says what it can do with them.
    await expect(bot_rows(page)).to_have_count(4)
    assert page.js_errors == []


# ----- 3. adding people ----------------------------------------------------------------------


async def test_a_person_added_is_there_after_a_restart(tmp_path: Path, context: Any) -> None:  # noqa: F811
    box = sandbox_for(tmp_path)
    await box.start()
    try:
        page = await open_chat(context, box, AIGERIM)
        await page.locator("#add-person").click()
        await page.locator("#person-name").fill("Dilnoza")
        await page.locator("#person-language").select_option("uz")
        await page.get_by_role("button", name="Add and open the chat").click()
        active = page.locator(".person[aria-pressed=true]")
        await expect(active).to_contain_text("Dilnoza (uz)")
        await say(page, "/start")
        # Uzbek is not one of the bot's languages: Russian, as the README says.
        await expect(bot_rows(page).first).to_contain_text("Здравствуйте, Dilnoza")
        # A name Telegram would refuse is refused here too, and nobody is added.
        await page.locator("#add-person").click()
        await page.locator("#person-name").fill("   ")
        await page.get_by_role("button", name="Add and open the chat").click()
        await expect(page.locator("#person-panel")).to_be_visible()
        await page.locator("#person-cancel").click()
        assert await page.locator(".person", has_text="Dilnoza").count() == 1
        # The longest name Telegram allows is cut in the list, not the page widened.
        await page.locator("#add-person").click()
        await page.locator("#person-name").fill("Александра-Виктория " * 3 + "Long")
        await page.get_by_role("button", name="Add and open the chat").click()
        await expect(page.locator(".person[aria-pressed=true]")).to_contain_text("Александра")
        overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        await box.stop()
    again = sandbox_for(tmp_path)
    await again.start()
    try:
        page = await open_chat(context, again, AIGERIM)
        dilnoza = page.locator(".person", has_text="Dilnoza (uz)")
        await expect(dilnoza).to_be_visible()
        person_id = int(await dilnoza.get_attribute("data-user") or 0)
        # The bot remembers her, and a notice reaches her though she has not written since.
        services = again.app.bot_data["services"]
        await services.outbox.schedule(
            key="tryout-after-restart",
            chat_id=person_id,
            due=services.clock.now(),
            text="Notice for <b>Dilnoza</b>",
        )
        await expect(dilnoza.locator(".badge.unread")).to_have_text("1")
        await dilnoza.click()
        await expect(bot_rows(page).last.locator("b")).to_have_text("Dilnoza")
        assert page.js_errors == []
    finally:
        await again.stop()


# ----- 4. the clock ----------------------------------------------------------------------------


async def test_moving_the_clock_brings_the_reminder(
    sandbox: Sandbox,  # noqa: F811
    context: Any,  # noqa: F811
) -> None:
    page = await open_chat(context, sandbox, TIMUR)
    await say(page, "/start")
    await expect(bot_rows(page)).to_have_count(2)
    await bot_rows(page).first.get_by_role("button", name="Мероприятия").click()
    await bot_rows(page).last.get_by_role("button", name="Пример круглого стола").click()
    await bot_rows(page).last.get_by_role("button", name=re.compile("Занять место")).click()
    await bot_rows(page).last.get_by_role("button", name="Согласен").click()
    await bot_rows(page).last.get_by_role("button", name="Записать как «Timur»").click()
    await expect(chat(page).locator(".row.bot", has_text="Место за вами")).to_have_count(1)
    # The calendar file follows the confirmation as a message of its own: count after it.
    await expect(chat(page).locator(".row.bot", has_text=".ics")).to_have_count(1)
    before = await bot_rows(page).count()

    await page.locator("#clock-button").click()
    await page.get_by_role("button", name="+1 hour").click()
    await expect(page.locator("#clock-offset")).to_have_text("+1 h")
    await expect(bot_rows(page)).to_have_count(before)  # nothing was due in that hour
    # To a day before the event (the field is in the deployment's zone): the reminder.
    assert sandbox.app is not None
    services = sandbox.app.bot_data["services"]
    (event,) = await services.registry.all_events()
    local = (event.start_at - timedelta(hours=23)).astimezone(ZoneInfo("Europe/Vilnius"))
    await page.locator("#clock-to").fill(local.strftime("%Y-%m-%dT%H:%M"))
    await page.get_by_role("button", name="Go").click()
    reminder = chat(page).locator(".row.bot", has_text="Напоминание")
    await expect(reminder).to_have_count(1)
    await expect(reminder).to_contain_text("23 часа")
    await expect(page.locator("#clock-offset")).to_have_text(re.compile(r"^\+\d+ d"))
    # Another tab follows the moved clock within a few seconds.
    other = await open_chat(context, sandbox, AIGERIM)
    await expect(other.locator("#clock-offset")).to_have_text(re.compile(r"^\+\d+ d"))
    assert other.js_errors == []
    # Back in time is refused, and said so.
    await page.locator("#clock-to").fill("2020-01-01T10:00")
    await page.get_by_role("button", name="Go").click()
    await expect(page.locator("#clock-error")).to_contain_text("only moves forward")
    assert page.js_errors == []


# ----- 5. links and commands ----------------------------------------------------------------


async def test_links_and_commands_in_messages_are_clickable(
    sandbox: Sandbox,  # noqa: F811
    context: Any,  # noqa: F811
) -> None:
    page = await open_chat(context, sandbox, AIGERIM)
    await say_and_wait(page, "/start", new=2)
    sent = await bot_api(
        sandbox,
        "sendMessage",
        chat_id=AIGERIM,
        parse_mode="HTML",
        text="Read https://example.org/rights. Or open t.me/jol_sandbox_bot?start=topic_7, "
        "ask /human, and see <code>/notacommand</code> and "
        '<a href="https://example.org/a">a link</a> and and/or 12/05.\n'
        'Odd: https://example.org/"onmouseover=window.__pwned=1\n'
        "Mail organizer@example.org or @jol_sandbox_bot.",
    )
    row = chat(page).locator(f'[data-id="{sent["message_id"]}"]')
    links = row.locator(".text a:not(.command)")
    await expect(links).to_have_count(6)
    hrefs = await links.evaluate_all("(n) => n.map((a) => a.getAttribute('href'))")
    assert hrefs[0] == "https://example.org/rights"  # the full stop stays text
    assert hrefs[1] == "https://t.me/jol_sandbox_bot?start=topic_7"
    assert hrefs[2] == "https://example.org/a"
    assert hrefs[3] == "https://example.org/"  # a quote ends an address: nothing breaks out
    assert hrefs[4:] == ["mailto:organizer@example.org", "https://t.me/jol_sandbox_bot"]
    attrs = await row.locator(".text *").evaluate_all(
        "(n) => n.flatMap((e) => e.getAttributeNames())"
    )
    assert set(attrs) <= {"href", "target", "rel", "class", "data-command"}
    commands = row.locator(".text a.command")
    await expect(commands).to_have_count(1)  # not the one in code, not "and/or" or a date
    await expect(commands).to_have_text("/human")
    await commands.click()
    await expect(user_rows(page).last).to_contain_text("/human")
    # A link that opens this bot starts it here, with its payload, as Telegram does.
    await links.nth(1).click()
    await expect(user_rows(page).last).to_contain_text("/start topic_7")
    await links.nth(5).click()  # @the bot itself
    await expect(user_rows(page).last).to_have_text(re.compile(r"^/start\s*\d\d:\d\d$"))
    # Plain text with entities is linked the same way.
    await bot_api(sandbox, "sendMessage", chat_id=AIGERIM, text="Try /events or www.example.org")
    plain = bot_rows(page).filter(has_text="Try /events")
    await expect(plain.locator("a.command")).to_have_text("/events")
    await expect(plain.locator("a:not(.command)")).to_have_attribute(
        "href", "https://www.example.org"
    )
    assert await page.evaluate("typeof window.__pwned") == "undefined"
    assert page.js_errors == []


# ----- 6. unread counts ----------------------------------------------------------------------


async def test_unread_counts_only_what_is_new(
    sandbox: Sandbox,  # noqa: F811
    context: Any,  # noqa: F811
) -> None:
    # Rūta's chat has history from before this page was opened: not new to it.
    for n in range(3):
        await bot_api(sandbox, "sendMessage", chat_id=RUTA, text=f"Earlier {n}")
    page = await open_chat(context, sandbox, TIMUR)
    ruta = page.locator(".person", has_text="Rūta")
    # The other chats are fetched every few seconds: wait until Rūta's has been.
    await page.wait_for_function(
        "() => document.querySelector('.chat[data-user=\"700003\"] .row.bot') !== null"
    )
    await expect(ruta.locator(".badge.unread")).to_have_count(0)
    first = await bot_api(sandbox, "sendMessage", chat_id=RUTA, text="New one")
    await expect(ruta.locator(".badge.unread")).to_have_text("1")
    # An edit is not a new message; a second message is.
    await bot_api(
        sandbox, "editMessageText", chat_id=RUTA, message_id=first["message_id"], text="New one!"
    )
    await bot_api(sandbox, "sendMessage", chat_id=RUTA, text="Another")
    await expect(ruta.locator(".badge.unread")).to_have_text("2")
    # What the page counted survives a reload.
    await page.reload()
    await expect(page.locator("#status")).to_have_attribute("data-state", "online")
    await expect(ruta.locator(".badge.unread")).to_have_text("2")
    await ruta.click()
    await expect(ruta.locator(".badge.unread")).to_have_count(0)
    await page.locator(".person", has_text="Timur").click()
    await page.reload()
    await expect(page.locator("#status")).to_have_attribute("data-state", "online")
    await page.wait_for_function(
        "() => document.querySelector('.chat[data-user=\"700003\"] .row.bot') !== null"
    )
    await expect(ruta.locator(".badge.unread")).to_have_count(0)
    # A deleted message no longer counts.
    gone = await bot_api(sandbox, "sendMessage", chat_id=RUTA, text="Deleted soon")
    await expect(ruta.locator(".badge.unread")).to_have_text("1")
    await bot_api(sandbox, "deleteMessage", chat_id=RUTA, message_id=gone["message_id"])
    await expect(ruta.locator(".badge.unread")).to_have_count(0)
    assert page.js_errors == []


# ----- 7. an edit that grows -------------------------------------------------------------------


async def test_an_edited_message_that_grows_is_shown_whole(
    sandbox: Sandbox,  # noqa: F811
    context: Any,  # noqa: F811
) -> None:
    page = await open_chat(context, sandbox, TIMUR)
    await page.set_viewport_size({"width": 360, "height": 640})
    await say_and_wait(page, "/start", new=2)
    keyboard = {"inline_keyboard": [[{"text": "Next", "callback_data": "x"}]]}
    sent = await bot_api(sandbox, "sendMessage", chat_id=TIMUR, text="Short", reply_markup=keyboard)
    row = chat(page).locator(f'[data-id="{sent["message_id"]}"]')
    await expect(row).to_be_visible()
    long_text = "\n".join(f"Line {n}: a longer answer after the edit" for n in range(40))
    await bot_api(
        sandbox,
        "editMessageText",
        chat_id=TIMUR,
        message_id=sent["message_id"],
        text=long_text,
        reply_markup=keyboard,
    )
    await expect(row).to_contain_text("Line 39")
    # Stuck to the bottom: the grown message's end and its button are on screen.
    await expect(row.get_by_role("button", name="Next")).to_be_in_viewport()
    at_bottom = "() => { const s = document.getElementById('chats'); " + (
        "return s.scrollHeight - s.scrollTop - s.clientHeight < 4; }"
    )
    await page.wait_for_function(at_bottom)
    box = await row.bounding_box()
    footer = await page.locator("#composer").bounding_box()
    assert box is not None and footer is not None
    assert box["y"] + box["height"] <= footer["y"] + 1
    # Reading further up, an edit below does not move what is being read.
    await page.locator("#chats").evaluate("(s) => { s.scrollTop = 0; }")
    first_row = bot_rows(page).first
    top_before = (await first_row.bounding_box() or {})["y"]
    await bot_api(
        sandbox,
        "editMessageText",
        chat_id=TIMUR,
        message_id=sent["message_id"],
        text=long_text + "\n" + long_text,
        reply_markup=keyboard,
    )
    await expect(row).to_have_text(re.compile("Line 39.*Line 39", re.DOTALL))
    assert (await first_row.bounding_box() or {})["y"] == top_before
    assert page.js_errors == []
