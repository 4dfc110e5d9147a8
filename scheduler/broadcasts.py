"""Organizer broadcasts: audiences, the per-language plan, queueing, progress, stop.

Audiences are "everyone", "one language", and whatever features register
through `AudienceProvider` (the events feature adds "registered for event N"
and "waiting list of event N").
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from core.clock import Clock
from core.countries import COUNTRIES, OTHER
from core.languages import FALLBACKS, LANGUAGES
from core.storage import Database, write_transaction
from core.storage.tables import users
from scheduler.content import Attachment, Buttons
from scheduler.outbox import (
    CANCELLED,
    EXPIRED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    SKIPPED_BLOCKED,
    Outbox,
    Scheduled,
)
from scheduler.subscriptions import Subscriptions
from scheduler.tables import broadcasts, outbox

log = logging.getLogger(__name__)

ONE_FOR_ALL = "*"
# Outbox keys of a broadcast's messages: bc:<broadcast>:<person>.
KEY_PREFIX = "bc:"
RUNNING, STOPPED, DONE = "running", "stopped", "done"


@dataclass(frozen=True, slots=True)
class Audience:
    """Who gets a broadcast: `all`, `lang:<code>`, `country:<code>`, or `<provider kind>:<id>`."""

    kind: str
    arg: str | None = None

    def encode(self) -> str:
        return self.kind if self.arg is None else f"{self.kind}:{self.arg}"

    @classmethod
    def parse(cls, value: str) -> Audience:
        kind, _, arg = value.partition(":")
        return cls(kind, arg or None)


@dataclass(frozen=True, slots=True)
class AudienceChoice:
    """One entry a provider offers in the audience picker (label is plain text).

    `title` and `day` let the picker name the audience in the organizer's language."""

    arg: str
    label: str
    title: str | None = None
    day: str | None = None


class AudienceProvider(Protocol):
    """Registered by a feature; `kind` is short and [a-z_] (it goes into button data)."""

    kind: str

    async def choices(self, conn: AsyncConnection) -> list[AudienceChoice]:
        """What the organizer may pick now (e.g. upcoming events)."""
        ...

    async def recipients(self, conn: AsyncConnection, arg: str) -> list[int]:
        """User ids in this audience."""
        ...

    async def describe(self, conn: AsyncConnection, arg: str) -> str | None:
        """A plain-text name for the preview; None if it no longer exists."""
        ...


@dataclass(frozen=True, slots=True)
class Content:
    """What the organizer sent: HTML text (a caption with an attachment)."""

    text: str | None = None
    attachment: Attachment | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.text and self.text.strip()) and self.attachment is None


@dataclass(frozen=True, slots=True)
class Plan:
    """Who gets which version: languages of the recipients, and the version each reads."""

    by_language: dict[str, int]
    # Recipient language -> the version they get (a language, ONE_FOR_ALL, or None).
    version_of: dict[str, str | None] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_language.values())

    def readers(self, version: str) -> int:
        version_of = self.version_of
        return sum(n for lang, n in self.by_language.items() if version_of.get(lang) == version)

    @property
    def uncovered(self) -> int:
        return sum(n for lang, n in self.by_language.items() if self.version_of.get(lang) is None)


@dataclass(frozen=True, slots=True)
class Progress:
    id: int
    status: str
    total: int
    sent: int
    failed: int
    blocked: int
    cancelled: int
    pending: int
    progress_chat_id: int | None
    progress_message_id: int | None

    @property
    def finished(self) -> bool:
        return self.pending == 0 or self.status == DONE


class EmptyBroadcast(ValueError):
    """Nothing to send: no text and no attachment in any version."""


class UnknownAudience(LookupError):
    """The audience kind is not registered, or its event is gone."""


def version_for(language: str, provided: set[str]) -> str | None:
    """Which of the provided versions a reader of `language` gets (kk → ru → en…)."""
    if ONE_FOR_ALL in provided:
        return ONE_FOR_ALL
    for code in FALLBACKS.get(language, FALLBACKS["en"]):
        if code in provided:
            return code
    return None


class Broadcasts:
    def __init__(
        self, db: Database, clock: Clock, outbox_: Outbox, *, default_country: str = "lt"
    ) -> None:
        self.db = db
        self.clock = clock
        self.outbox = outbox_
        # People who have not chosen a country count as the deployment's default.
        self.default_country = default_country
        self.providers: dict[str, AudienceProvider] = {}

    def register_audience(self, provider: AudienceProvider) -> None:
        if provider.kind in ("all", "lang", "country"):
            raise ValueError(f"audience kind {provider.kind!r} is built in")
        self.providers[provider.kind] = provider

    async def choices(self) -> list[tuple[str, AudienceChoice]]:
        """Every provider's current choices, as (kind, choice)."""
        found: list[tuple[str, AudienceChoice]] = []
        async with self.db.connect() as conn:
            for kind, provider in self.providers.items():
                found += [(kind, c) for c in await provider.choices(conn)]
        return found

    async def describe(self, audience: Audience) -> str | None:
        """Plain-text name of a provider audience (None for the built-in ones)."""
        provider = self.providers.get(audience.kind)
        if provider is None or audience.arg is None:
            return None
        async with self.db.connect() as conn:
            return await provider.describe(conn, audience.arg)

    def _built_in(self, audience: Audience, topic: str | None) -> Select[tuple[int, str]] | None:
        """People (id, language) of a built-in audience who have not blocked the bot and,
        for an announcement on `topic`, have not turned it off; None for a provider's."""
        query = select(users.c.id, users.c.language).where(users.c.blocked.is_(False))
        if topic is not None:
            query = query.where(users.c.id.not_in(Subscriptions.turned_off(topic)))
        if audience.kind == "all":
            return query
        if audience.kind == "lang" and audience.arg in LANGUAGES:
            return query.where(users.c.language == audience.arg)
        if audience.kind == "country" and audience.arg in (*COUNTRIES, OTHER):
            country = func.coalesce(users.c.country, self.default_country)
            return query.where(country == audience.arg)
        if audience.kind in self.providers and audience.arg is not None:
            return None
        raise UnknownAudience(audience.encode())

    async def recipients(self, audience: Audience, topic: str | None = None) -> dict[int, str]:
        """User id -> language of everyone in the audience who has not blocked the bot
        (and, for an announcement on `topic`, has not turned that topic off)."""
        query = self._built_in(audience, topic)
        async with self.db.connect() as conn:
            if query is None:
                return await self._provided(conn, audience, topic)
            return {uid: lang for uid, lang in (await conn.execute(query)).all()}

    async def _provided(
        self, conn: AsyncConnection, audience: Audience, topic: str | None
    ) -> dict[int, str]:
        assert audience.arg is not None
        ids = await self.providers[audience.kind].recipients(conn, audience.arg)
        if topic is not None:
            off: set[object] = set((await conn.execute(Subscriptions.turned_off(topic))).scalars())
            ids = [uid for uid in ids if uid not in off]
        return await _languages(conn, ids)

    async def _counts(self, audience: Audience, topic: str | None) -> dict[str, int]:
        """Recipients by language (counted by the database for the built-in audiences)."""
        query = self._built_in(audience, topic)
        if query is None:
            by_language: dict[str, int] = {}
            async with self.db.connect() as conn:
                for lang in (await self._provided(conn, audience, topic)).values():
                    by_language[lang] = by_language.get(lang, 0) + 1
            return by_language
        people = query.subquery()
        counted = select(people.c.language, func.count()).group_by(people.c.language)
        async with self.db.connect() as conn:
            return {lang: int(n) for lang, n in (await conn.execute(counted)).all()}

    async def plan(
        self, audience: Audience, provided: set[str] | None = None, topic: str | None = None
    ) -> Plan:
        """Counts by language, and which version each language will read."""
        by_language = await self._counts(audience, topic)
        # Jol's languages in their usual order first, then any other a person has.
        ordered: dict[str, int] = {
            lang: by_language[lang] for lang in LANGUAGES if lang in by_language
        }
        ordered.update({k: v for k, v in sorted(by_language.items()) if k not in ordered})
        versions = {lang: version_for(lang, provided) for lang in ordered} if provided else {}
        return Plan(ordered, versions)

    async def start(
        self,
        *,
        created_by: int,
        audience: Audience,
        contents: dict[str, Content],
        progress_chat_id: int | None = None,
        topic: str | None = None,
        buttons: Mapping[str, Buttons] | None = None,
    ) -> tuple[int, int]:
        """Queue a broadcast; returns (broadcast id, messages queued).

        `topic`: an announcement only for people who have it on; `buttons`: by the
        recipient's language, under each copy (the one-tap "stop these")."""
        contents = {k: c for k, c in contents.items() if not c.is_empty}
        if not contents:
            raise EmptyBroadcast
        built_in = self._built_in(audience, topic)
        recipients = None if built_in is not None else await self.recipients(audience, topic)
        provided = set(contents)
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            result = await conn.execute(
                insert(broadcasts)
                .values(
                    created_by=created_by,
                    audience=audience.encode(),
                    status=RUNNING,
                    progress_chat_id=progress_chat_id,
                    created_at=now,
                )
                .returning(broadcasts.c.id)
            )
            broadcast_id = int(result.scalar_one())

            def row(uid: int, lang: str, version: str) -> Scheduled:
                content = contents[version]
                return Scheduled(
                    key=f"{KEY_PREFIX}{broadcast_id}:{uid}",
                    chat_id=uid,
                    due=now,
                    text=content.text or "",
                    attachment=content.attachment,
                    buttons=(buttons or {}).get(lang),
                    kind="broadcast",
                    respects_quiet_hours=True,
                    broadcast_id=broadcast_id,
                )

            if built_in is not None:
                # Everyone, a language or a country: one INSERT … SELECT per language
                # (each reads its own version, with its own buttons), nobody through Python.
                queued = 0
                people = built_in.subquery()
                languages = select(people.c.language).distinct()
                for (lang,) in (await conn.execute(languages)).all():
                    version = version_for(lang, provided)
                    if version is None:
                        continue
                    ids = select(people.c.id).where(people.c.language == lang)
                    queued += await self.outbox.schedule_for(
                        row(0, lang, version), ids, f"{KEY_PREFIX}{broadcast_id}:", conn=conn
                    )
            else:
                assert recipients is not None
                rows = []
                for uid, lang in sorted(recipients.items()):
                    version = version_for(lang, provided)
                    if version is not None:
                        rows.append(row(uid, lang, version))
                queued = await self.outbox.schedule_many(rows, conn=conn)
            await conn.execute(
                update(broadcasts).where(broadcasts.c.id == broadcast_id).values(total=queued)
            )
        log.info("broadcast %s queued for %s recipients", broadcast_id, queued)
        return broadcast_id, queued

    async def set_progress_message(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        async with write_transaction(self.db) as conn:
            await conn.execute(
                update(broadcasts)
                .where(broadcasts.c.id == broadcast_id)
                .values(progress_chat_id=chat_id, progress_message_id=message_id)
            )

    async def stop(self, broadcast_id: int) -> int:
        """Cancel what has not been sent yet; returns how many were cancelled."""
        async with write_transaction(self.db) as conn:
            cancelled = await self.outbox.cancel(broadcast_id=broadcast_id, conn=conn)
            await conn.execute(
                update(broadcasts)
                .where(broadcasts.c.id == broadcast_id, broadcasts.c.status == RUNNING)
                .values(status=STOPPED)
            )
        log.info("broadcast %s stopped, %s cancelled", broadcast_id, cancelled)
        return cancelled

    async def progress(self, broadcast_id: int) -> Progress | None:
        """Live counters; the broadcast becomes done once nothing is left to send."""
        async with self.db.connect() as conn:
            head = (
                await conn.execute(select(broadcasts).where(broadcasts.c.id == broadcast_id))
            ).first()
            if head is None:
                return None
            counted = await conn.execute(
                select(outbox.c.status, func.count())
                .where(outbox.c.broadcast_id == broadcast_id)
                .group_by(outbox.c.status)
            )
            counts = {status: n for status, n in counted.all()}
        h = head._mapping
        waiting = counts.get(PENDING, 0) + counts.get(SENDING, 0)
        status = h["status"]
        values = {
            "sent": counts.get(SENT, 0),
            "failed": counts.get(FAILED, 0) + counts.get(EXPIRED, 0),
            "blocked": counts.get(SKIPPED_BLOCKED, 0),
            "cancelled": counts.get(CANCELLED, 0),
        }
        if waiting == 0 and h["finished_at"] is None:
            status = DONE if status == RUNNING else status
            async with write_transaction(self.db) as conn:
                await conn.execute(
                    update(broadcasts)
                    .where(broadcasts.c.id == broadcast_id)
                    .values(status=status, finished_at=self.clock.now(), **values)
                )
        return Progress(
            id=broadcast_id,
            status=status,
            total=h["total"],
            pending=waiting,
            progress_chat_id=h["progress_chat_id"],
            progress_message_id=h["progress_message_id"],
            **values,
        )

    async def unfinished(self) -> list[int]:
        """Broadcasts whose progress message still needs updates (after a restart)."""
        async with self.db.connect() as conn:
            query = select(broadcasts.c.id).where(broadcasts.c.status != DONE)
            query = query.where(broadcasts.c.finished_at.is_(None))
            return list((await conn.execute(query)).scalars())


async def _languages(conn: AsyncConnection, ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    unique = sorted(set(ids))
    for start in range(0, len(unique), 500):
        query = select(users.c.id, users.c.language).where(
            users.c.id.in_(unique[start : start + 500]), users.c.blocked.is_(False)
        )
        found.update({uid: lang for uid, lang in (await conn.execute(query)).all()})
    return found
