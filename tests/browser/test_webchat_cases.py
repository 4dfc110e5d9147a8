"""Both sides of a case in the web chat: a person asks on a phone, the Organizer answers
in the staff group's topic, and the answer comes back under the organisation's name."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.run import Sandbox
from bot.sandbox.webchat import PEOPLE, STAFF_GROUP
from tests.browser.test_webchat import (
    WAIT_MS,
    bot_rows,
    browser,  # noqa: F401
    chat,
    context,  # noqa: F401  (fixtures)
    open_chat,
    sandbox,  # noqa: F401
    say_and_wait,
)
from tests.browser.test_webchat_tryout import PNG_1x1, expect

pytestmark = pytest.mark.browser
_AIGERIM, TIMUR, _RUTA, _ORGANIZER = (p.user_id for p in PEOPLE)
SHOTS = os.environ.get("JOL_SCREENSHOTS")  # a folder: keep screenshots to look at


async def shot(page: Any, name: str) -> None:
    if SHOTS:
        await page.screenshot(path=f"{SHOTS}/{name}.png")


async def test_a_question_answered_from_the_staff_group(
    sandbox: Sandbox,  # noqa: F811
    context: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    person = await open_chat(context, sandbox, TIMUR)
    await say_and_wait(person, "/start", new=2)
    await chat(person).locator(".ikb-button", has_text="Русский").last.click()
    await chat(person).locator(".ikb-button", has_text="Литва").last.click()
    await say_and_wait(person, "/human")
    await chat(person).locator(".ikb-button", has_text="✍️").last.click()
    await person.wait_for_function(
        "() => [...document.querySelectorAll('.chat:not([hidden]) .row.bot')]"
        ".some(r => r.textContent.includes('одним сообщением'))",
        timeout=WAIT_MS,
    )
    received = await say_and_wait(person, "Работодатель не отдаёт зарплату за октябрь")
    assert "консультанта" in (await received.inner_text())
    await shot(person, "case-person-ru")

    staff = await open_chat(context, sandbox, STAFF_GROUP.chat_id)
    topic = staff.locator(".topics .topic", has_text="#1")
    await topic.wait_for(timeout=WAIT_MS)
    await topic.click()
    question = chat(staff).locator(".row:not([hidden])", has_text="зарплату за октябрь")
    await question.wait_for(timeout=WAIT_MS)
    await staff.locator("#input").fill("Здравствуйте! Пришлите, пожалуйста, фото договора.")
    await staff.locator("#input").press("Enter")
    await (
        chat(staff)
        .locator(".row.user:not([hidden]) .sender", has_text="Organizer")
        .wait_for(timeout=WAIT_MS)
    )
    await shot(staff, "case-staff-topic")

    await person.bring_to_front()
    reply = bot_rows(person).filter(has_text="фото договора")
    await reply.wait_for(timeout=WAIT_MS)
    text = await reply.inner_text()
    assert "Sample NGO" in text and "Organizer" not in text
    await shot(person, "case-person-answer")

    # The person sends the photo asked for, with the paperclip; it reaches the topic as a photo.
    photo = tmp_path / "contract.png"
    photo.write_bytes(PNG_1x1)
    await person.locator("#input").fill("Вот договор")
    await person.locator("#file-input").set_input_files(str(photo))
    await person.locator("#attach-photo").click()
    await expect(chat(person).locator(".row.user img.photo")).to_have_count(1)
    await staff.bring_to_front()
    copied = chat(staff).locator(".row.bot:not([hidden])", has=staff.locator("img.photo"))
    await expect(copied).to_have_count(1)
    await expect(copied).to_contain_text("Вот договор")
    assert not person.js_errors and not staff.js_errors


async def test_the_try_out_reaches_its_people_after_a_restart(tmp_path: Any) -> None:
    """A notice to someone who has not written since the restart still arrives."""
    from tests.browser.test_webchat import sandbox_for

    first = sandbox_for(tmp_path)
    await first.start()
    await first.stop()
    again = sandbox_for(tmp_path)
    await again.start()
    try:
        services = again.app.bot_data["services"]
        await services.outbox.schedule(
            key="notice-after-restart",
            chat_id=TIMUR,
            due=services.clock.now(),
            text="A seat is free for you",
        )
        assert again.server is not None
        sim = again.server.sim
        (notice,) = await sim.wait_for(TIMUR, count=1, timeout=WAIT_MS / 1000)
        assert notice.visible_text == "A seat is free for you"
        # The staff group is there too, with the Organizer in it.
        assert STAFF_GROUP.act_as in sim.chats[STAFF_GROUP.chat_id].admin_ids
    finally:
        await again.stop()
