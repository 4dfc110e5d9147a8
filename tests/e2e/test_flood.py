"""One person's storm is slowed down; everybody else is answered as before."""

from __future__ import annotations

from pathlib import Path

from bot.flood import FloodGuard, OncePer, Verdict
from core.clock import FakeClock
from tests.support import ADMIN_ID, start_jol


def test_the_window_allows_then_warns_once_then_drops() -> None:
    now = [0.0]
    guard = FloodGuard(limit=3, window_seconds=10, now=lambda: now[0])
    assert [guard.check(1) for _ in range(3)] == [Verdict.ALLOW] * 3
    assert guard.check(1) == Verdict.WARN
    assert guard.check(1) == Verdict.DROP
    assert guard.check(2) == Verdict.ALLOW  # someone else is not affected
    now[0] = 10.5
    assert guard.check(1) == Verdict.ALLOW  # the window moved on


def test_memory_stays_bounded() -> None:
    now = [0.0]
    guard = FloodGuard(limit=3, window_seconds=1, now=lambda: now[0], max_people=100)
    for uid in range(1_000):
        now[0] += 0.5
        guard.check(uid)
    assert len(guard._seen) <= 100


def test_idle_people_are_forgotten_once_a_window() -> None:
    now = [0.0]
    guard = FloodGuard(limit=3, window_seconds=10, now=lambda: now[0])
    for uid in range(1_000):
        guard.check(uid)
    for _ in range(4):
        guard.check(5)  # over the limit: warned
    now[0] = 10.5
    guard.check(1)  # still here
    # Everyone else wrote more than a window ago: forgotten, far below max_people.
    assert set(guard._seen) == {1}
    assert guard._warned == {}
    now[0] = 11.0
    assert [guard.check(5) for _ in range(4)][-1] == Verdict.WARN  # a fresh window


def test_once_per_hour() -> None:
    now = [0.0]
    once = OncePer(3600, now=lambda: now[0])
    assert not once.recent("a")
    once.mark("a")
    now[0] = 3599
    assert once.recent("a")
    now[0] = 3601
    assert not once.recent("a")


async def test_a_flood_gets_one_slow_down_and_others_still_get_answers(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with start_jol(tmp_path, clock, flood_limit=5) as jol:
        storm = jol.person(701, "Storm", "en")
        calm = jol.person(702, "Calm", "en")
        jol.sim.mark(storm.id)
        for _ in range(12):
            await jol.sim.send_text(storm, "/help")
        await jol.say(calm, "/start", count=2)
        replies = await jol.sim.wait_for(storm.id, count=6)
        assert sum("slow down" in r.text for r in replies) == 1
        assert sum("How to use Jol" in r.text for r in replies) == 5
        assert len(jol.sim.bot_messages(storm.id)) == 6  # the other 6 got nothing


async def test_talk_to_a_person_tells_organizers_once(tmp_path: Path, clock: FakeClock) -> None:
    async with start_jol(tmp_path, clock) as jol:
        admin = jol.person(ADMIN_ID, "Organizer", "en")
        await jol.say(admin, "/start", count=2)
        person = jol.person(703, "Asel", "ru")
        jol.sim.mark(ADMIN_ID)
        for _ in range(4):
            (reply,) = await jol.say(person, "/human")
            assert "человек" in reply.text.lower() or "организатор" in reply.text.lower()
        notices = [m for m in jol.sim.bot_messages(ADMIN_ID) if "703" in m.text]
        assert len(notices) == 1
