"""The web chat in a real headless Chromium, against the real bot on the local Bot API."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.config import Settings
from bot.sandbox.chromium import CHROMIUM, CHROMIUM_ARGS
from bot.sandbox.run import SANDBOX_TOKEN, Sandbox
from bot.sandbox.webchat import PEOPLE
from tests.support import eventually
from tests.support.harness import shared_library

AIGERIM, TIMUR, RUTA, ORGANIZER = (p.user_id for p in PEOPLE)
WAIT_MS = 15_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"
    ),
]
playwright_api = pytest.importorskip("playwright.async_api")
expect = playwright_api.expect
expect.set_options(timeout=WAIT_MS)


def sandbox_for(tmp_path: Path, port: int = 0) -> Sandbox:
    settings = Settings(_env_file=None, default_locale="en")  # type: ignore[call-arg]
    return Sandbox(
        settings,
        host="127.0.0.1",
        port=port,
        database_url=f"sqlite:///{tmp_path / 'sandbox.db'}",
        poll_timeout=1,
        library=shared_library(),
    )


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    box = sandbox_for(tmp_path)
    await box.start()
    try:
        yield box
    finally:
        await box.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    async with playwright_api.async_playwright() as pw:
        chromium = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            await chromium.close()


@pytest.fixture
async def context(browser: Any) -> AsyncIterator[Any]:
    ctx = await browser.new_context(viewport={"width": 390, "height": 780}, accept_downloads=True)
    try:
        yield ctx
    finally:
        await ctx.close()


async def open_chat(context: Any, sandbox: Sandbox, user_id: int = AIGERIM) -> Any:
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    await page.goto(f"{sandbox.url}/#{user_id}")
    await expect(page.locator("#status")).to_have_attribute("data-state", "online")
    return page


def chat(page: Any) -> Any:
    """The conversation on screen (each person has their own, hidden when not shown)."""
    return page.locator(".chat:not([hidden])")


def bot_rows(page: Any) -> Any:
    return chat(page).locator(".row.bot")


async def say(page: Any, text: str) -> None:
    await page.locator("#input").fill(text)
    await page.locator("#input").press("Enter")


async def say_and_wait(page: Any, text: str, new: int = 1) -> Any:
    """Send text; return the last bot message once `new` more have arrived."""
    rows = bot_rows(page)
    before = await rows.count()
    await say(page, text)
    # At least: a feature may answer with more than one message.
    await page.wait_for_function(
        "n => document.querySelectorAll('.chat:not([hidden]) .row.bot').length >= n",
        arg=before + new,
        timeout=WAIT_MS,
    )
    return rows.last


async def bot_api(sandbox: Sandbox, method: str, **params: Any) -> Any:
    """Act as the bot, for what the features being built do not send yet (files, edits)."""
    assert sandbox.server is not None
    url = f"{sandbox.server.base_url}{SANDBOX_TOKEN}/{method}"
    form = aiohttp.FormData()
    for key, value in params.items():
        if isinstance(value, tuple):
            name, data, mime = value
            form.add_field(key, data, filename=name, content_type=mime)
        elif isinstance(value, dict | list):
            form.add_field(key, json.dumps(value))
        else:
            form.add_field(key, str(value))
    async with aiohttp.ClientSession() as session, session.post(url, data=form) as response:
        body = await response.json()
    assert body["ok"], body
    return body["result"]


# ----- the main flows --------------------------------------------------------------------


async def test_start_choose_kazakh_and_ask(sandbox: Sandbox, context: Any) -> None:
    page = await open_chat(context, sandbox, AIGERIM)
    await say(page, "/start")
    await expect(bot_rows(page)).to_have_count(2)
    # Aigerim's Telegram says kk, so the greeting is already in Kazakh.
    await expect(bot_rows(page).first).to_contain_text("Сәлеметсіз бе, Aigerim")
    await bot_rows(page).last.get_by_role("button", name="Қазақша").click()
    await expect(bot_rows(page)).to_have_count(4)
    await expect(bot_rows(page).nth(2)).to_contain_text("қазақша сөйлесемін")
    # The first time, the country comes next: one tap.
    await expect(bot_rows(page).last).to_contain_text("Қай елде тұрасыз?")
    await bot_rows(page).last.get_by_role("button", name="Литва").click()
    await expect(bot_rows(page).last).to_contain_text("Литва бойынша жауап беремін")
    answer = await say_and_wait(page, "Уақытша тұруға рұқсатты қалай ұзартамын?")
    # The answer in Kazakh, with its official source and the review date.
    await expect(answer).to_contain_text("Көші-қон департаменті")
    await expect(answer.locator("a[href*='migracija.lrv.lt']").first).to_be_visible()
    await expect(chat(page).locator(".row.user").last).to_contain_text("Уақытша тұруға")
    assert page.js_errors == []


async def test_register_for_an_event_and_cancel(sandbox: Sandbox, context: Any) -> None:
    page = await open_chat(context, sandbox, TIMUR)
    await say(page, "/start")
    await expect(bot_rows(page)).to_have_count(2)
    await bot_rows(page).first.get_by_role("button", name="Мероприятия").click()
    await expect(bot_rows(page).last).to_contain_text("Ближайшие мероприятия")
    # The try-out's sample event, titled in Timur's language.
    await bot_rows(page).last.get_by_role("button", name="Пример круглого стола").click()
    card = bot_rows(page).last
    await expect(card).to_contain_text("по вильнюсскому времени")
    await card.get_by_role("button", name="Занять место (осталось 3)").click()
    await bot_rows(page).last.get_by_role("button", name="Согласен").click()
    await bot_rows(page).last.get_by_role("button", name="Записать как «Timur»").click()
    confirmation = chat(page).locator(".row.bot", has_text="Место за вами")
    await expect(confirmation).to_have_count(1)
    await expect(confirmation).to_contain_text("Ваш код для входа")
    # The calendar file comes with it and can be downloaded.
    ics_link = chat(page).locator("a", has_text=".ics").last
    async with page.expect_download() as download_info:
        await ics_link.click()
    download = await download_info.value
    assert download.suggested_filename.endswith(".ics")

    await say(page, "/my")
    await expect(bot_rows(page).last).to_contain_text("Ваши регистрации")
    await bot_rows(page).last.get_by_role("button", name="Отменить").click()
    # Asked once: a seat given up may go to someone else.
    await expect(bot_rows(page).last).to_contain_text("Отменить вашу запись")
    await bot_rows(page).last.get_by_role("button", name="Да, отменить").click()
    await expect(bot_rows(page).last).to_contain_text("Регистрация отменена")
    await say(page, "/my")
    await expect(bot_rows(page).last).to_contain_text("У вас пока нет записей")
    # The empty list is no dead end: Events and Menu are one tap away.
    await expect(bot_rows(page).last.get_by_role("button", name="Мероприятия")).to_be_visible()
    assert page.js_errors == []


async def test_people_keep_their_own_chats(sandbox: Sandbox, context: Any) -> None:
    page = await open_chat(context, sandbox, RUTA)
    await say(page, "/start")
    await expect(bot_rows(page).first).to_contain_text("Rūta")
    await page.locator(".person", has_text="Organizer").click()
    await expect(page.locator(".person[aria-pressed=true]")).to_contain_text("admin")
    # Nothing of Rūta's here (the organizer may have a notice of their own: a fact in
    # the knowledge base near its expiry date, depending on today's date).
    await expect(bot_rows(page).filter(has_text="Rūta")).to_have_count(0)
    await say(page, "/start")
    await expect(bot_rows(page).filter(has_text="Hello, Organizer")).to_have_count(1)
    await page.locator("#input").fill("the organizer's draft")
    await page.locator(".person", has_text="Rūta").click()
    await expect(bot_rows(page).first).to_contain_text("Sveiki, Rūta")
    await expect(page.locator("#input")).to_have_value("")
    await page.locator(".person", has_text="Organizer").click()
    await expect(page.locator("#input")).to_have_value("the organizer's draft")
    # A message to someone not on screen shows up as unread, and in their chat.
    await bot_api(
        sandbox, "sendMessage", chat_id=RUTA, text="Broadcast for <b>Rūta</b>", parse_mode="HTML"
    )
    ruta = page.locator(".person", has_text="Rūta")
    await expect(ruta.locator(".badge.unread")).to_have_text("1")
    await ruta.click()
    await expect(bot_rows(page).last.locator("b")).to_have_text("Rūta")
    await expect(ruta.locator(".badge.unread")).to_have_count(0)


# ----- what the bot can send ---------------------------------------------------------------


async def test_formatting_keyboards_files_edits_and_deletions(
    sandbox: Sandbox, context: Any
) -> None:
    page = await open_chat(context, sandbox, TIMUR)
    await say(page, "/start")
    await expect(bot_rows(page)).to_have_count(2)
    sent = await bot_api(
        sandbox,
        "sendMessage",
        chat_id=TIMUR,
        parse_mode="HTML",
        text="<b>bold</b> <i>it</i> <code>x=1</code> <tg-spoiler>secret</tg-spoiler> "
        '<a href="https://example.org/">site</a>\n<blockquote>quote</blockquote>',
        reply_markup={"inline_keyboard": [[{"text": "Open", "url": "https://example.org/"}]]},
    )
    row = bot_rows(page).last
    await expect(row.locator("b")).to_have_text("bold")
    await expect(row.locator("code")).to_have_text("x=1")
    await expect(row.locator(".spoiler")).to_have_text("secret")
    await expect(row.locator(".text a")).to_have_attribute("rel", "noopener noreferrer")
    await expect(row.locator("a.ikb-button")).to_have_attribute("href", "https://example.org/")

    await bot_api(
        sandbox,
        "editMessageText",
        chat_id=TIMUR,
        message_id=sent["message_id"],
        text="Edited <b>in place</b>",
        parse_mode="HTML",
    )
    edited = chat(page).locator(f'[data-id="{sent["message_id"]}"]')
    await expect(edited).to_contain_text("Edited in place")
    await expect(edited.locator(".edited")).to_be_visible()
    await expect(bot_rows(page)).to_have_count(3)

    await bot_api(
        sandbox,
        "sendDocument",
        chat_id=TIMUR,
        caption="Your <b>event</b>",
        parse_mode="HTML",
        document=("event.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
    )
    doc = bot_rows(page).last.locator("a.document")
    await expect(doc).to_contain_text("event.ics")
    async with page.expect_download() as info:
        await doc.click()
    download = await info.value
    assert download.suggested_filename == "event.ics"
    data = await asyncio.to_thread(Path(await download.path()).read_bytes)
    assert data.startswith(b"BEGIN:VCALENDAR")

    # Entities instead of parse_mode, as some libraries send them.
    await bot_api(
        sandbox,
        "sendMessage",
        chat_id=TIMUR,
        text="plain and bold and link",
        entities=[
            {"type": "bold", "offset": 10, "length": 4},
            {"type": "text_link", "offset": 19, "length": 4, "url": "https://example.org/x"},
        ],
    )
    await expect(bot_rows(page).last.locator(".text b")).to_have_text("bold")
    await expect(bot_rows(page).last.locator(".text a")).to_have_attribute(
        "href", "https://example.org/x"
    )

    await bot_api(sandbox, "deleteMessage", chat_id=TIMUR, message_id=sent["message_id"])
    await expect(edited).to_have_count(0)

    await bot_api(
        sandbox,
        "sendMessage",
        chat_id=TIMUR,
        text="Choose",
        reply_markup={"keyboard": [[{"text": "Yes"}, {"text": "No"}]], "one_time_keyboard": True},
    )
    yes = page.locator("#reply-keyboard button", has_text="Yes")
    await yes.click()
    await expect(chat(page).locator(".row.user").last).to_have_text(starts_with("Yes"))
    await expect(page.locator("#reply-keyboard")).to_be_hidden()
    assert page.js_errors == []


def starts_with(text: str) -> re.Pattern[str]:
    """A bubble's text includes its time: match the start."""
    return re.compile(rf"^{re.escape(text)}")


# ----- bad input ---------------------------------------------------------------------------


async def test_script_in_user_text_is_shown_never_run(sandbox: Sandbox, context: Any) -> None:
    page = await open_chat(context, sandbox, AIGERIM)
    payload = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
    await say_and_wait(page, payload)
    await expect(chat(page).locator(".row.user").last.locator(".text")).to_have_text(payload)
    # The bot puts user text into HTML escaped, as Jol's handlers do; the page shows it as text.
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    await bot_api(
        sandbox,
        "sendMessage",
        chat_id=AIGERIM,
        parse_mode="HTML",
        text=f"You asked: <b>{escaped}</b>",
    )
    await expect(bot_rows(page).last.locator("b")).to_have_text(payload)
    # Without parse_mode the same text is plain text, markup included.
    await bot_api(sandbox, "sendMessage", chat_id=AIGERIM, text=payload)
    await expect(bot_rows(page).last.locator(".text")).to_have_text(payload)
    # And the renderer itself, fed what Telegram would refuse, builds no live elements.
    built = await page.evaluate(
        """async () => {
            const { renderTelegramHtml } = await import('/static/html.js');
            const box = document.createElement('div');
            box.append(renderTelegramHtml(
              '<b>ok</b><script>window.__pwned=3</script><img src=x onerror="window.__pwned=4">'
              + '<a href="javascript:window.__pwned=5">x</a><iframe src="/"></iframe>'
              + '<b onclick="window.__pwned=6">b</b>'));
            document.body.append(box);
            box.querySelector('a').click();
            box.querySelector('b:last-child').click();
            return {
              tags: [...box.querySelectorAll('*')].map((n) => n.tagName),
              attrs: [...box.querySelectorAll('*')].flatMap((n) => n.getAttributeNames()),
              text: box.textContent,
            };
        }"""
    )
    assert built["tags"] == ["B", "A", "B"]
    assert "onclick" not in built["attrs"] and "href" not in built["attrs"]
    assert "<script>window.__pwned=3</script>" in built["text"]
    # Had an <img> been built, its failed load would have fired onerror by the time every
    # image is complete and one more task has run: wait for that, not for a while.
    await page.wait_for_function("() => [...document.images].every((img) => img.complete)")
    await page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
    assert await page.evaluate("typeof window.__pwned") == "undefined"
    assert await page.locator("script:not([src])").count() == 0
    assert page.js_errors == []


async def test_very_long_messages_wrap_on_a_phone(sandbox: Sandbox, context: Any) -> None:
    page = await open_chat(context, sandbox, RUTA)
    await page.set_viewport_size({"width": 360, "height": 740})
    long_text = " ".join(["Labai ilgas klausimas apie leidimą gyventi."] * 90)  # ~4,000 chars
    await say_and_wait(page, long_text)
    await expect(chat(page).locator(".row.user").last.locator(".text")).to_have_text(long_text)
    # An unbroken 4,096-character word is the worst case for a narrow screen.
    await bot_api(sandbox, "sendMessage", chat_id=RUTA, text="x" * 4096)
    await expect(bot_rows(page).last.locator(".text")).to_have_text("x" * 4096)
    overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    box = await bot_rows(page).last.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    # The input and Send stay on screen however long the conversation gets.
    await expect(page.locator("#send")).to_be_in_viewport()


async def test_page_reconnects_after_server_restart(
    tmp_path: Path, sandbox: Sandbox, context: Any
) -> None:
    page = await open_chat(context, sandbox, AIGERIM)
    await say(page, "/start")
    await expect(bot_rows(page)).to_have_count(2)
    port = sandbox.server.port if sandbox.server else 0
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    await sandbox.stop()
    await expect(page.locator("#status")).to_have_attribute("data-state", "reconnecting")
    await expect(page.locator("#status")).to_have_text("reconnecting…")
    # The page keeps trying while nobody answers: wait for two of its attempts to fail.
    await eventually(lambda: sum("/webchat/config" in url for url in failed) >= 2, timeout=15)
    again = sandbox_for(tmp_path, port=port)
    await again.start()
    try:
        await expect(page.locator("#status")).to_have_attribute("data-state", "online")
        # The new server starts with empty chats; the bot still knows Aigerim (same database).
        await say(page, "/start")
        await expect(bot_rows(page).last).to_contain_text("Aigerim")
        await expect(page.locator("#send")).to_be_enabled()
    finally:
        await again.stop()


async def test_two_tabs_as_the_same_person(sandbox: Sandbox, context: Any) -> None:
    first = await open_chat(context, sandbox, TIMUR)
    second = await open_chat(context, sandbox, TIMUR)
    await say(first, "/start")
    for page in (first, second):
        await expect(bot_rows(page)).to_have_count(2)
        await expect(chat(page).locator(".row.user")).to_have_count(1)
    await say(second, "/help")
    for page in (first, second):
        await expect(bot_rows(page)).to_have_count(3)
        await expect(chat(page).locator(".row.user").last).to_contain_text("/help")
    # A button pressed in one tab edits or answers in both.
    await bot_rows(first).nth(1).get_by_role("button", name="English").click()
    for page in (first, second):
        await expect(bot_rows(page).nth(3)).to_contain_text("English")
        await expect(bot_rows(page).last).to_contain_text("Which country")


async def test_the_main_menu_fits_a_phone_in_every_language(sandbox: Sandbox, context: Any) -> None:
    """Two buttons a row on a 360 px screen: no label of the menu is cut with "…"."""
    for person in (AIGERIM, TIMUR, RUTA, ORGANIZER):
        page = await open_chat(context, sandbox, person)
        await page.set_viewport_size({"width": 360, "height": 740})
        menu = await say_and_wait(page, "/menu")
        buttons = menu.locator(".ikb-button")
        await expect(buttons).to_have_count(9)
        cut = await buttons.evaluate_all(
            "(all) => all.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.textContent)"
        )
        assert cut == [], (person, cut)
        await page.close()
