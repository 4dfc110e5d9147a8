"""What cases keep about a person, for /mydata and /forget."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from cases.service import Cases
from core.i18n import Translator

log = logging.getLogger(__name__)

TopicRemover = Callable[[int | None], Awaitable[bool]]


class CaseData:
    """A `core.personal_data.PersonalData` provider: cases, their queue and their topics."""

    def __init__(self, cases: Cases, t: Translator, remove_topic: TopicRemover) -> None:
        self.cases = cases
        self.t = t
        self.remove_topic = remove_topic

    async def describe(self, user_id: int, lang: str) -> list[str]:
        found = await self.cases.of_person(user_id)
        if not found:
            return []
        lines = [self.t(lang, "case-mydata-title")]
        for case in found:
            lines.append(
                self.t(
                    lang,
                    "case-mydata-item",
                    case=case.id,
                    opened=case.opened_at.strftime("%d.%m.%Y"),
                    status=case.status,
                    messages=case.messages_in,
                )
            )
        return ["\n".join(lines)]

    async def erase(self, user_id: int) -> None:
        erased = await self.cases.erase_person(user_id)
        removed = 0
        for case in erased:
            removed += await self.remove_topic(case.thread_id)
        if erased:
            log.info("erased %s cases of a person, %s topics deleted", len(erased), removed)
