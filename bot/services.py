"""The services handlers call: built once by bot/wiring.py, typed, closed in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import InlineKeyboardMarkup

from bot.config import Settings
from bot.delivery import TelegramTransport
from bot.flood import FloodGuard, OncePer
from bot.staff_desk import StaffDesk
from cases import Cases
from core.clock import Clock
from core.conversations import Conversations
from core.i18n import Translator
from core.personal_data import PersonalData
from core.storage import Database
from core.storage.users import UserStore
from faq.journal import Journal
from faq.library import Library
from registry import Registry
from scheduler.broadcasts import Broadcasts
from scheduler.jobs import DeliveryJobs
from scheduler.outbox import Outbox
from scheduler.sender import Sender
from scheduler.subscriptions import Subscriptions


@dataclass
class Services:
    """Everything a handler may use; `bot.wiring.build_services` fills every field."""

    settings: Settings
    clock: Clock
    t: Translator
    db: Database
    users: UserStore
    conversations: Conversations
    outbox: Outbox
    transport: TelegramTransport
    sender: Sender
    broadcasts: Broadcasts
    registry: Registry
    library: Library
    journal: Journal
    # Consultant cases (`cases.enabled`: a staff group is configured).
    cases: Cases
    subscriptions: Subscriptions
    flood: FloodGuard = field(default_factory=FloodGuard)
    # One organizer notice per person an hour, however often "talk to a person" is tapped.
    human_notices: OncePer = field(default_factory=lambda: OncePer(3600.0))
    # The staff desk exists only with a staff group (STAFF_CHAT_ID).
    staff_desk: StaffDesk | None = None
    # "Added to your question" at most once per case in ten minutes, not per message.
    case_receipts: OncePer = field(default_factory=lambda: OncePer(600.0))
    # "Only staff messages reach the person": once per member and case an hour.
    staff_notices: OncePer = field(default_factory=lambda: OncePer(3600.0))
    # /mydata and /forget ask each of these, in this order.
    personal_data: tuple[PersonalData, ...] = ()
    bot_username: str = ""
    # Set once the job queue runs the sender (bot.wiring.start_jobs).
    delivery_jobs: DeliveryJobs | None = field(default=None)
    # The main menu of each language, built once (bot.handlers.common.main_menu).
    menus: dict[str, InlineKeyboardMarkup] = field(default_factory=dict)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids

    async def close(self) -> None:
        """Stop sending, then close Telegram and the database, in that order."""
        if self.delivery_jobs is not None:
            await self.delivery_jobs.stop()
        else:
            await self.sender.stop()
        await self.transport.stop()
        await self.db.dispose()
