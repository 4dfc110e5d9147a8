"""A typed CallbackContext: the services, the current user and their language."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services
from core.storage.users import User


class JolContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Filled by the first handler (group -1) for every update that has a user."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.jol_user: User | None = None
        self.lang: str = "en"
        self.user_is_new = False

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data["services"]
        return services

    def t(self, key: str, /, **args: Any) -> str:
        """The message `key` in the current user's language."""
        return self.services.t(self.lang, key, **args)

    @property
    def country(self) -> str:
        """The person's country, or the deployment's default until they choose one."""
        chosen = self.jol_user.country if self.jol_user is not None else None
        return chosen or self.services.settings.default_country

    @property
    def is_admin(self) -> bool:
        return self.services.is_admin(self._user_id)
