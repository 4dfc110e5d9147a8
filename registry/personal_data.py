"""What the registry keeps about a person, for /mydata and /forget."""

from __future__ import annotations

from html import escape

from core.i18n import Translator
from registry import render
from registry.service import Registry


class RegistrationData:
    """A `core.personal_data.PersonalData` provider for registrations."""

    def __init__(self, registry: Registry, t: Translator) -> None:
        self.registry = registry
        self.t = t

    async def describe(self, user_id: int, lang: str) -> list[str]:
        found = await self.registry.my_registrations(user_id)
        if not found:
            return []
        lines = [self.t(lang, "event-mydata-title")]
        for reg, event in found:
            lines.append(
                self.t(
                    lang,
                    "event-mydata-item",
                    title=render.title(event, lang),
                    when=render.when(event, self.t, lang),
                    name=escape(reg.name, quote=False),
                    phone=reg.phone or "—",
                )
            )
        return ["\n".join(lines)]

    async def erase(self, user_id: int) -> None:
        await self.registry.erase_user(user_id)
