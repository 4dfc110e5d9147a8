"""The services handlers call, created in post_init and closed in post_shutdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.config import Settings
from core.clock import Clock
from core.i18n import Translator
from core.storage import Database
from core.storage.users import UserStore


@dataclass
class Services:
    """Everything a handler may use. Feature services are attached by their wiring."""

    settings: Settings
    clock: Clock
    db: Database
    users: UserStore
    t: Translator
    bot_username: str = ""
    # Feature services, attached in post_init by bot.app (kb, outbox, registry…).
    features: dict[str, Any] = field(default_factory=dict)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids
