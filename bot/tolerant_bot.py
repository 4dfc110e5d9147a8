"""A Bot that skips updates it cannot parse instead of stopping polling for good.

PTB parses a getUpdates batch in one go: a single update it cannot read (a newer
Telegram field in an older shape, say) fails the whole batch, logs all of it at
CRITICAL (texts and phone numbers included) and is fetched again, forever.
Here each update is parsed on its own; one that fails is replaced by an empty
update with the same id (so the offset moves past it), counted, and logged
with its id only.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

log = logging.getLogger(__name__)


class TolerantBot(ExtBot[Any]):
    skipped_updates = 0

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            return [self._readable(item) for item in result]
        return result

    def _readable(self, item: Any) -> Any:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        if not isinstance(update_id, int):
            # Not even an id: nothing to skip past; let PTB report it.
            return item
        try:
            Update.de_json(dict(item), self)
        except Exception as exc:  # noqa: BLE001 - any parsing failure means: skip it
            TolerantBot.skipped_updates += 1
            log.warning(
                "update %s skipped: it could not be read (%s)", update_id, type(exc).__name__
            )
            return {"update_id": update_id}
        return item
