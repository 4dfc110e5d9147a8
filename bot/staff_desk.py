"""The staff group's Telegram side: a forum topic per case, its card, who counts as staff.

Cases (cases/) decide; this module makes and names topics, posts the card that
opens each one, pins priority cases, and answers "is this person staff?" from
STAFF_IDS or, when that is empty, from the group's administrators.

Texts in the staff group are in the deployment's DEFAULT_LOCALE: a group has no
language of its own, and staff share the organisation's.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.config import Settings
from cases import Case, Cases
from core import callbacks
from core.countries import country_name
from core.i18n import Translator
from core.languages import NATIVE_NAMES

log = logging.getLogger(__name__)

ADMINS_TTL = 300.0
# Telegram's answer to a message for a topic that was deleted.
THREAD_NOT_FOUND = "message thread not found"
TOPIC_NAME_CHARS = 128
# Topic icon colours Telegram accepts: red for priority, blue otherwise.
RED, BLUE = 16478047, 7322096


class StaffUnreachable(Exception):
    """The staff group refuses the bot (removed, not an admin, no topics)."""


def topic_link(chat_id: int, thread_id: int | None) -> str:
    """t.me/c/<id>/<thread>: opens the topic for a member of the group."""
    internal = str(chat_id).removeprefix("-100")
    return f"https://t.me/c/{internal}/{thread_id}" if thread_id else f"https://t.me/c/{internal}"


class StaffDesk:
    def __init__(self, bot: Bot, settings: Settings, t: Translator, cases: Cases) -> None:
        self.bot = bot
        self.settings = settings
        self.t = t
        self.cases = cases
        self.lang = settings.default_locale
        self._admins: frozenset[int] = frozenset()
        self._admins_at = -ADMINS_TTL
        # Set when the group refused the bot; cleared by the next success.
        self.unreachable = False

    @property
    def chat_id(self) -> int:
        assert self.settings.staff_chat_id is not None
        return self.settings.staff_chat_id

    def say(self, key: str, **args: object) -> str:
        return self.t(self.lang, key, **args)

    # ----- who is staff ----------------------------------------------------------------

    async def is_staff(self, user_id: int) -> bool:
        if self.settings.staff_ids:
            return user_id in self.settings.staff_ids
        now = time.monotonic()
        if now - self._admins_at > ADMINS_TTL:
            try:
                admins = await self.bot.get_chat_administrators(self.chat_id)
            except TelegramError as exc:
                log.warning("staff group: administrators unknown (%s)", type(exc).__name__)
                return user_id in self._admins
            self._admins = frozenset(a.user.id for a in admins if not a.user.is_bot)
            self._admins_at = now
        return user_id in self._admins

    # ----- topics ----------------------------------------------------------------------

    def topic_name(self, case: Case) -> str:
        mark = "🔴 " if case.priority else ""
        topic = case.kb_topic or "—"
        name = f"{mark}#{case.id} · {case.lang.upper()} · {case.country.upper()} · {topic}"
        return name[:TOPIC_NAME_CHARS]

    def card(self, case: Case) -> tuple[str, InlineKeyboardMarkup]:
        opened = case.opened_at.astimezone(self.settings.zone).strftime("%d.%m.%Y %H:%M")
        text = self.say(
            "staff-case-card",
            case=case.id,
            priority="yes" if case.priority else "no",
            language=NATIVE_NAMES.get(case.lang, case.lang),
            country=country_name(case.country, self.lang),
            topic=case.kb_topic or "—",
            opened=opened,
            org=self.org_name(self.lang),
        )
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        self.say("staff-button-info"),
                        callback_data=callbacks.encode("st", "info", str(case.id)),
                    ),
                    InlineKeyboardButton(
                        self.say("staff-button-close"),
                        callback_data=callbacks.encode("st", "close", str(case.id)),
                    ),
                ]
            ]
        )
        return text, markup

    def org_name(self, lang: str) -> str:
        return self.settings.org_name.strip() or self.t(lang, "case-staff-name")

    async def open_topic(self, case: Case) -> int | None:
        """Make the case's topic and post its card; None if Telegram is unavailable now.

        Raises StaffUnreachable when the group refuses the bot.
        """
        try:
            topic = await self.bot.create_forum_topic(
                self.chat_id, self.topic_name(case), icon_color=RED if case.priority else BLUE
            )
        except (Forbidden, BadRequest) as exc:
            self.unreachable = True
            log.error("staff group refused a topic for case %s: %s", case.id, exc.message)
            raise StaffUnreachable(exc.message) from exc
        except TelegramError as exc:
            log.warning("case %s: topic not made yet (%s)", case.id, type(exc).__name__)
            return None
        self.unreachable = False
        thread_id = topic.message_thread_id
        await self.cases.set_thread(case.id, thread_id)
        text, markup = self.card(case)
        try:
            card = await self.bot.send_message(
                self.chat_id,
                text,
                message_thread_id=thread_id,
                reply_markup=markup,
                parse_mode=ParseMode.HTML,
            )
            if case.priority:
                await self.bot.pin_chat_message(
                    self.chat_id, card.message_id, disable_notification=False
                )
        except TelegramError as exc:
            # The topic exists and relays will reach it; the card is a convenience.
            log.warning("case %s: card not posted (%s)", case.id, type(exc).__name__)
        log.info("case %s: topic %s", case.id, thread_id)
        return thread_id

    async def ensure_topic(self, case: Case) -> int | None:
        if case.thread_id is not None:
            return case.thread_id
        return await self.open_topic(case)

    async def mark_priority(self, case: Case) -> None:
        """A case became urgent: its topic says so (or a new topic is made)."""
        if case.thread_id is None:
            return
        try:
            await self.bot.edit_forum_topic(
                self.chat_id, case.thread_id, name=self.topic_name(case)
            )
        except TelegramError as exc:
            log.info("case %s: topic not renamed (%s)", case.id, type(exc).__name__)

    async def set_closed(self, case: Case, closed: bool) -> None:
        if case.thread_id is None:
            return
        try:
            if closed:
                await self.bot.close_forum_topic(self.chat_id, case.thread_id)
            else:
                await self.bot.reopen_forum_topic(self.chat_id, case.thread_id)
        except BadRequest as exc:
            # Already in that state, or deleted by hand: nothing to change.
            log.info("case %s: topic state unchanged (%s)", case.id, exc.message)
        except TelegramError as exc:
            log.info("case %s: topic state unchanged (%s)", case.id, type(exc).__name__)

    async def delete_topic(self, thread_id: int | None) -> bool:
        if thread_id is None or self.settings.staff_chat_id is None:
            return False
        try:
            await self.bot.delete_forum_topic(self.chat_id, thread_id)
        except TelegramError as exc:
            log.info("topic %s not deleted (%s)", thread_id, type(exc).__name__)
            return False
        return True

    def when(self, case_opened: datetime) -> str:
        return case_opened.astimezone(self.settings.zone).strftime("%d.%m.%Y %H:%M")
