"""A case's life around the conversation: honest times, waiting too long, /cases and
the report, two taps from an answer, /mydata and /forget, retention."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.wiring import periodic_jobs
from cases.tables import cases as cases_table
from core.clock import FakeClock
from scheduler.tables import outbox
from tests.e2e.test_cases import (
    ANNA,
    PERSON,
    STAFF_CHAT,
    desk,
    in_topic,
    open_case,
    staff_says,
    topics,
    until,
)
from tests.support import ADMIN_ID, Harness

HOURS = "Mon-Fri 09:00-18:00 Europe/Vilnius"


async def _sweep(jol: Harness) -> None:
    (job,) = [j for j in periodic_jobs(jol.services) if j.name == "cases-sweep"]
    await job.run()


async def test_out_of_hours_the_person_hears_when_the_office_opens(
    tmp_path: Path, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=UTC))  # a Saturday
    async with desk(tmp_path, clock, staff_hours=HOURS) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        (notice,) = await jol.say(person, "/human")
        await jol.tap(person, notice, "✍️")
        (received,) = await jol.say(person, "Weekend question")
        assert "closed now" in received.visible_text and "07.12 09:00" in received.visible_text
    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=UTC))  # Monday, 12:00 in Vilnius
    async with desk(tmp_path / "open", clock, staff_hours=HOURS) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        (notice,) = await jol.say(person, "/human")
        await jol.tap(person, notice, "✍️")
        (received,) = await jol.say(person, "Weekday question")
        assert "within 24 hours" in received.visible_text


async def test_no_answer_for_too_long_staff_reminded_person_told_once(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock, case_first_response_hours=4, help_contact="+370 600") as jol:
        person = jol.person(PERSON, "Aibek", "en")
        thread_id = await open_case(jol, person, "Still waiting?")
        jol.sim.mark(PERSON)
        clock.advance(hours=3)
        await _sweep(jol)
        clock.advance(hours=2)
        await _sweep(jol)
        await _sweep(jol)  # twice: still one reminder
        (told,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "not been answered yet" in told.visible_text and "+370 600" in told.visible_text
        await until(lambda: any("⏰" in t for t in in_topic(jol, thread_id)))
        assert sum("⏰" in t for t in in_topic(jol, thread_id)) == 1
        # /cases lists it as waiting for staff.
        jol.sim.mark(STAFF_CHAT)
        await jol.sim.send_text(ANNA, "/cases", chat_id=STAFF_CHAT)
        (listing,) = await jol.sim.wait_for(STAFF_CHAT, count=1, timeout=15)
        assert "waiting for staff" in listing.visible_text and "t.me/c/" in listing.text
        # Once staff answer, the report counts it, with the time to the first answer.
        jol.sim.mark(PERSON)
        await staff_says(jol, ANNA, thread_id, "Sorry for the wait")
        await jol.sim.wait_for(PERSON, count=1, timeout=15)
        admin = jol.person(ADMIN_ID, "Organizer", "en")
        (report,) = await jol.say(admin, "/cases report 7")
        assert "Opened: 1" in report.visible_text and "answered: 1" in report.visible_text
        assert "5.0 h" in report.visible_text and "English 1" in report.visible_text


async def test_a_person_is_two_taps_from_a_consultant_from_any_answer(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        (answer,) = await jol.say(person, "how do i change my employer")
        (notice,) = await jol.tap(person, answer, "🙋")  # one
        (prompt,) = await jol.tap(person, notice, "✍️")  # two
        (received,) = await jol.say(person, "My new employer wants me to start on Monday")
        assert "with a consultant" in received.visible_text
        await until(lambda: len(topics(jol)) == 1)
        (topic,) = topics(jol).values()
        assert "change-employer" in topic.name  # staff see which answer it came from
        # The second time the notice is not repeated: one tap.
        case = (await jol.services.cases.of_person(PERSON))[0]
        await jol.services.cases.close(case.id, by="staff")
        clock.advance(days=30)
        (answer,) = await jol.say(person, "/topics")
        (menu,) = await jol.say(person, "/menu")
        (prompt,) = await jol.tap(person, menu, "👤")
        assert "Write your question" in prompt.visible_text


async def test_mydata_lists_cases_and_forget_erases_them_and_their_topics(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        thread_id = await open_case(jol, person, "A very private question about my permit")
        (mydata,) = await jol.say(person, "/mydata")
        assert "Questions to consultants" in mydata.visible_text and "#1" in mydata.visible_text
        (confirm,) = await jol.say(person, "/forget")
        assert "consultants" in confirm.visible_text
        (done,) = await jol.tap(person, confirm, "Yes")
        assert "Telegram itself may keep copies" in done.visible_text
        await until(lambda: thread_id not in topics(jol))
        async with jol.services.db.connect() as conn:
            assert (await conn.execute(select(cases_table))).first() is None
            keys = [k for (k,) in await conn.execute(select(outbox.c.dedupe_key))]
        assert not [k for k in keys if k.startswith("case:")]


async def test_closed_cases_are_deleted_after_the_retention_period(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock, case_retention_days=30) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        thread_id = await open_case(jol, person, "Old question")
        await staff_says(jol, ANNA, thread_id, "/close")
        await until(lambda: topics(jol)[thread_id].closed)
        clock.advance(days=29)
        await _sweep(jol)
        assert await jol.services.cases.of_person(PERSON)
        clock.advance(days=2)
        await _sweep(jol)
        assert not await jol.services.cases.of_person(PERSON)
        await until(lambda: thread_id not in topics(jol))


async def test_an_organizer_adding_the_bot_to_a_group_learns_its_id(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock) as jol:
        other_group = -1005550000001
        organizer = jol.person(ADMIN_ID, "Organizer", "ru")
        await jol.say(organizer, "/menu")  # known to the bot, in Russian
        jol.sim.forum(other_group, "New staff", admins=[ADMIN_ID, ANNA])
        jol.sim.mark(other_group)
        jol.sim.add_bot(other_group, by=ADMIN_ID)
        (hello,) = await jol.sim.wait_for(other_group, count=1, timeout=15)
        assert (
            f"STAFF_CHAT_ID={other_group}" in hello.visible_text
            and "Id этой группы" in hello.visible_text
        )
        # Added by someone else: not a word.
        stranger_group = -1005550000002
        jol.sim.forum(stranger_group, "Somebody's", admins=[ANNA])
        jol.sim.add_bot(stranger_group, by=ANNA)
        await jol.say(organizer, "/menu")  # the update after it has been handled
        assert jol.sim.bot_messages(stranger_group) == []
