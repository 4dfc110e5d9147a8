"""A storm of 2,000 generated updates of every kind through the real bot over HTTP.

Texts and commands with odd Unicode, forged button data, media, edits, groups,
channels, member updates, inline queries, reactions, and updates the library
cannot parse, from people with odd names; the generator is seeded, so a failure
is replayed by running the test again. Asserted: every update reached the bot
(none lost, none retried forever), no handler failed, no reply leaks internals,
no log line carries a generated text or name, and the bot still answers /start.
"""

from __future__ import annotations

import logging
import random
import re
import string
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from core.clock import FakeClock
from tests.support import ADMIN_ID, start_jol, while_moving

SEED = 20_261_201
assert 900_000 <= ADMIN_ID < 900_000 + 60
UPDATES = 2_000
PEOPLE = 60
# Every generated text and name carries a marker: finding one in a log line is a leak.
MARKER = "fzq"
MARKED = re.compile(MARKER + "[a-z]{5}")
LEAKS = (
    "Traceback",
    "Exception",
    "Error:",
    "sqlalchemy",
    "telegram.",
    "NoneType",
    "object at 0x",
    "{$",
    "{ $",
    "KeyError",
)

ODD = [
    "\u202eevil",  # right-to-left override
    "zero\u200bwidth",
    "<b>bold</b>",
    "<a href='tg://user?id=1'>x</a>",
    "a & b < c > d",
    "\"quoted\" 'single'",
    "²³",
    "٣٤٥",  # Arabic-Indic digits
    "𝟙𝟚𝟛",
    "👍🏽👨‍👩‍👧",
    "\x00\x01\x1f",
    "ﷺ",
    "İstanbul ǅ ß",
    "\ud7ff\ue000",
    "Z̸̢͉a̵l̶g̷o̶",
    "%s %d {0} {name} ${x}",
    "'; DROP TABLE users; --",
    '=HYPERLINK("x")',
    "../../etc/passwd",
    "\n\n\n",
    "   ",
]
COMMANDS = [
    "/start",
    "/start event-²",
    "/start event-99999999999999999999",
    "/start event-0",
    "/start topic-../../x",
    "/start " + "x" * 64,
    "/start event--1",
    "/events",
    "/my",
    "/menu",
    "/cancel",
    "/help",
    "/privacy",
    "/mydata",
    "/language",
    "/country",
    "/topics",
    "/human",
    "/settings",
    "/newevent",
    "/outbox",
    "/broadcast",
    "/unanswered",
    "/checkin",
    "/checkin ZZZZZZ",
    "/checkin ²²²",
    "/forget",
    "/nosuchcommand",
    "/START",
    "/start@jol_test_bot",
    "/start@other_bot",
]
PREFIXES = ["ev:v1:reg:", "ev:v1:card:", "fq:v1:up:", "fq:v1:t:lt:", "m:v1:", "lang:v1:", "x:"]


class Generator:
    def __init__(self, rng: random.Random, sim: Any, people: list[Any], welcome: dict[int, int]):
        self.rng = rng
        self.sim = sim
        self.people = people
        self.welcome = welcome  # a bot message id per person, to press buttons on
        self.group = sim.group(-1_001_234_567_890, "Fuzz group")
        self.plain_group = sim.group(-4_242, "Small group")
        self.channel = sim.channel(-1_009_876_543_210, "Fuzz channel")

    def marker(self) -> str:
        return MARKER + "".join(self.rng.choices(string.ascii_lowercase, k=5))

    def text(self) -> str:
        r = self.rng
        parts = [self.marker()]
        for _ in range(r.randint(0, 6)):
            choice = r.random()
            if choice < 0.4:
                parts.append(r.choice(ODD))
            elif choice < 0.7:
                parts.append("".join(r.choices(string.printable, k=r.randint(1, 30))))
            else:
                parts.append("".join(chr(r.randint(0x20, 0x2FFF)) for _ in range(r.randint(1, 20))))
        if r.random() < 0.03:
            parts.append("word " * r.randint(500, 1500))
        return " ".join(parts)

    def person(self) -> Any:
        return self.rng.choice(self.people)

    def chat_api(self, person: Any) -> dict[str, Any]:
        return {"id": person.id, "type": "private", "first_name": person.first_name}

    def message(self, person: Any, chat: dict[str, Any] | None = None, **fields: Any) -> dict:
        return {
            "message_id": self.rng.randint(1, 10_000),
            "from": person.to_api(),
            "chat": chat or self.chat_api(person),
            "date": 1_700_000_000,
            **fields,
        }

    async def one(self) -> None:
        r = self.rng
        kind = r.choices(
            [
                self.typed,
                self.command,
                self.forged_button,
                self.media,
                self.edited,
                self.in_group,
                self.in_channel,
                self.member,
                self.other_kinds,
                self.malformed,
            ],
            weights=[28, 20, 15, 10, 5, 6, 3, 4, 4, 5],
        )[0]
        await kind()

    async def typed(self) -> None:
        await self.sim.send_text(self.person(), self.text())

    async def command(self) -> None:
        command = self.rng.choice(COMMANDS)
        if self.rng.random() < 0.3:
            command += " " + self.text()
        await self.sim.send_text(self.person(), command)

    async def forged_button(self) -> None:
        r = self.rng
        person = self.person()
        choice = r.random()
        if choice < 0.5:
            data = r.choice(PREFIXES) + r.choice([self.marker(), str(r.randint(-5, 10**12)), "²"])
        elif choice < 0.8:
            data = self.marker() + "".join(
                chr(r.randint(0x20, 0x7FF)) for _ in range(r.randint(0, 40))
            )
        else:
            data = r.choice(PREFIXES).rstrip(":")
        data = data.encode()[:64].decode(errors="ignore") or "x"
        if r.random() < 0.8:
            await self.sim.press_button(person, self.welcome[person.id], data)
        else:
            # From an inline message (no message), or without data at all.
            query: dict[str, Any] = {
                "id": self.sim.new_id(),
                "from": person.to_api(),
                "chat_instance": "1",
            }
            if r.random() < 0.5:
                query["inline_message_id"] = self.marker()
                query["data"] = data
            else:
                query["game_short_name"] = self.marker()
            self.sim.add_update("callback_query", query)

    async def media(self) -> None:
        r = self.rng
        person = self.person()
        file = {"file_id": self.marker(), "file_unique_id": "u"}
        fields = r.choice(
            [
                {"photo": [{**file, "width": 1, "height": 1}], "caption": self.text()},
                {
                    "sticker": {
                        **file,
                        "width": 1,
                        "height": 1,
                        "is_animated": False,
                        "is_video": False,
                        "type": "regular",
                    }
                },
                {"document": {**file, "file_name": self.marker() + ".pdf"}},
                {"voice": {**file, "duration": 3}},
                {"location": {"latitude": 54.68, "longitude": 25.27}},
                {
                    "contact": {
                        "phone_number": "+370 612 " + str(r.randint(10000, 99999)),
                        "first_name": self.marker(),
                        "user_id": r.randint(1, 10**9),
                    }
                },
                {
                    "contact": {
                        "phone_number": "+7 777 " + str(r.randint(1000000, 9999999)),
                        "first_name": self.marker(),
                        "user_id": person.id,
                    }
                },
                {
                    "venue": {
                        "location": {"latitude": 1.0, "longitude": 2.0},
                        "title": self.marker(),
                        "address": self.marker(),
                    }
                },
                {"dice": {"emoji": "🎲", "value": 3}},
                {
                    "poll": {
                        "id": "1",
                        "question": self.marker(),
                        "options": [{"text": "a", "voter_count": 0}],
                        "total_voter_count": 0,
                        "is_closed": False,
                        "is_anonymous": True,
                        "type": "regular",
                        "allows_multiple_answers": False,
                    }
                },
            ]
        )
        self.sim.add_update("message", self.message(person, **fields))

    async def edited(self) -> None:
        person = self.person()
        body = self.message(person, text=self.text(), edit_date=1_700_000_100)
        self.sim.add_update("edited_message", body)

    async def in_group(self) -> None:
        r = self.rng
        person = self.person()
        group = r.choice([self.group, self.plain_group])
        text = r.choice(COMMANDS) if r.random() < 0.5 else self.text()
        await self.sim.send_text(person, text, chat_id=group.id)

    async def in_channel(self) -> None:
        if self.rng.random() < 0.7:
            await self.sim.send_channel_post(self.channel.id, self.text())
        else:
            body = {
                "message_id": 1,
                "sender_chat": self.channel.to_api(),
                "chat": self.channel.to_api(),
                "date": 1_700_000_000,
                "edit_date": 1_700_000_001,
                "text": self.text(),
            }
            self.sim.add_update("edited_channel_post", body)

    async def member(self) -> None:
        r = self.rng
        person = self.person()
        bot_user = self.sim.bot_user
        member = {
            "chat": r.choice([self.chat_api(person), self.group.to_api()]),
            "from": person.to_api(),
            "date": 1_700_000_000,
            "old_chat_member": {"user": bot_user, "status": "member"},
            "new_chat_member": {
                "user": bot_user,
                "status": r.choice(["kicked", "left"]),
                "until_date": 0,
            },
        }
        kind = r.choice(["my_chat_member", "chat_member", "chat_join_request"])
        if kind == "chat_join_request":
            body = {
                "chat": self.group.to_api(),
                "from": person.to_api(),
                "user_chat_id": person.id,
                "date": 1_700_000_000,
                "bio": self.marker(),
            }
            self.sim.add_update(kind, body)
        else:
            self.sim.add_update(kind, member)

    async def other_kinds(self) -> None:
        r = self.rng
        person = self.person()
        kind, body = r.choice(
            [
                (
                    "inline_query",
                    {"id": "1", "from": person.to_api(), "query": self.text(), "offset": ""},
                ),
                (
                    "chosen_inline_result",
                    {"result_id": "1", "from": person.to_api(), "query": self.marker()},
                ),
                ("poll_answer", {"poll_id": "1", "user": person.to_api(), "option_ids": [0]}),
                (
                    "message_reaction",
                    {
                        "chat": self.chat_api(person),
                        "message_id": 1,
                        "user": person.to_api(),
                        "date": 1_700_000_000,
                        "old_reaction": [],
                        "new_reaction": [{"type": "emoji", "emoji": "👍"}],
                    },
                ),
                (
                    "pre_checkout_query",
                    {
                        "id": "1",
                        "from": person.to_api(),
                        "currency": "EUR",
                        "total_amount": 1,
                        "invoice_payload": self.marker(),
                    },
                ),
                (
                    "shipping_query",
                    {
                        "id": "1",
                        "from": person.to_api(),
                        "invoice_payload": self.marker(),
                        "shipping_address": {
                            "country_code": "LT",
                            "state": "",
                            "city": "V",
                            "street_line1": self.marker(),
                            "street_line2": "",
                            "post_code": "1",
                        },
                    },
                ),
            ]
        )
        self.sim.add_update(kind, body)

    async def malformed(self) -> None:
        r = self.rng
        person = self.person()
        bodies: list[dict[str, Any]] = [
            {"message": {"message_id": "x", "text": self.text()}},
            {"message": {**self.message(person), "chat": None, "text": self.text()}},
            {"message": {**self.message(person), "text": 12345}},
            {"message": {**self.message(person), "date": "yesterday", "text": self.text()}},
            {"message": {**self.message(person), "entities": "bold", "text": self.text()}},
            {"callback_query": {"id": "1", "data": self.marker()}},
            {
                "message": {
                    **self.message(person),
                    "text": self.text(),
                    "future_field": {"nested": [[[[self.marker()]]]]},
                }
            },
            {"message": []},
            {"message": {**self.message(person), "text": self.text()}, "edited_message": 5},
            {"message": {**self.message(person), "from": {"id": "abc"}, "text": self.text()}},
        ]
        self.sim.add_raw_update(r.choice(bodies))


def _name(rng: random.Random, i: int) -> str:
    odd = rng.choice(ODD).strip() or "x"
    return f"{MARKER}{string.ascii_lowercase[i % 26]}{'abcde'[i % 5]}xyz {odd}"[:64]


async def test_a_storm_of_generated_updates(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    for logger in ("", "telegram", "aiohttp"):
        caplog.set_level(logging.INFO, logger=logger)
    rng = random.Random(SEED)
    async with start_jol(tmp_path, clock) as jol:
        sim = jol.sim
        seen: set[int] = set()

        async def note(update: Update, _context: object) -> None:
            seen.add(update.update_id)

        jol.app.add_handler(TypeHandler(Update, note), group=-99)
        # One of them is the organizer (ADMIN_ID): organizer commands get fuzzed too.
        people = [
            sim.user(900_000 + i, _name(rng, i), rng.choice(["en", "ru", "kk", "lt", None, "xx"]))
            for i in range(PEOPLE)
        ]
        welcome: dict[int, int] = {}
        for person in people:
            (hello, *_rest) = await jol.say(person, "/start", count=2)
            welcome[person.id] = hello.message_id
        first_id = sim._next_update_id
        generator = Generator(rng, sim, people, welcome)
        for _ in range(UPDATES):
            await generator.one()
        last_id = sim._next_update_id - 1
        assert last_id - first_id + 1 == UPDATES

        # Nothing lost: every update reached the handlers, the broken ones as empty updates.
        # (As long as handling goes on: a loaded machine takes longer, never forever.)
        await while_moving(
            lambda: all(i in seen for i in range(first_id, last_id + 1)), lambda: len(seen)
        )
        # The bot still answers.
        fresh = jol.person(999_001, "After the storm", "en")
        replies = await jol.say(fresh, "/start", count=2)
        assert replies

        apology = jol.services.t("en", "error-generic")
        texts = [m.plain or "" for chat_id in list(sim.chats) for m in sim.bot_messages(chat_id)]

    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not failures, [f"{r.name}: {r.getMessage()}" for r in failures[:5]]
    assert apology not in texts
    leaking = [t for t in texts if any(leak in t for leak in LEAKS)]
    assert not leaking, leaking[:3]
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert not MARKED.findall(logged), MARKED.findall(logged)[:5]
    # The markers did flow through the bot (names and typed texts come back escaped).
    assert any(MARKER in t for t in texts)
