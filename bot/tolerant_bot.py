"""A Bot that skips updates it cannot parse instead of stopping polling for good.

PTB parses a getUpdates batch in one go: a single update it cannot read (a newer
Telegram field in an older shape, say) fails the whole batch, logs all of it at
CRITICAL (texts and phone numbers included) and is fetched again, forever.
Here each update is parsed on its own; one that fails is replaced by an empty
update with the same id (so the offset moves past it), counted, and logged
with its id only.

While an update is handled by the webhook server, every call that changes
something (all but the get… methods) goes through that update's journal
(`core.updates.Effects`): on a second attempt after a crash, a call the first
attempt made is answered from the journal instead of being made again. In a web
process the calls whose answer is not read are held instead, for a sender to
make once the update is marked handled (`core.updates`, "Held replies").

PTB does not check the types of what it parses, so an update
that parses but could never come from Telegram (a message without a chat, a
text that is a number, a button press without a sender) counts as unreadable
too: handlers may rely on Telegram's shapes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput, TimePeriod
from telegram.ext import ExtBot
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from core.updates import HOLDABLE, MISSING, current_effects

log = logging.getLogger(__name__)


# Calls answered with the message they sent or edited.
_ECHOED = frozenset(
    {"sendMessage", "editMessageText", "editMessageReplyMarkup", "editMessageCaption"}
)
# What such an answer repeats of the call itself: the buttons and the text's formatting.
# Parsing them back into PTB objects was a third of the cost of an update with a menu,
# and no caller reads them from the answer (it has them: it just sent them).
_REPEATED = ("reply_markup", "entities")


# Set by `unread_answer()`: the caller will not read the message it sends.
_ANSWER_UNREAD: ContextVar[bool] = ContextVar("jol_answer_unread", default=False)


@contextmanager
def unread_answer() -> Iterator[None]:
    """Within it, sendMessage returns True instead of the sent Message: building that
    Message from Telegram's answer (a hundred and fifty attributes, its chat and its
    sender) was about a tenth of the cost of a reply, for an object nobody read."""
    token = _ANSWER_UNREAD.set(True)
    try:
        yield
    finally:
        _ANSWER_UNREAD.reset(token)


class TolerantBot(ExtBot[Any]):
    skipped_updates = 0

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = await self._journaled_post(endpoint, data, **kwargs)
        if endpoint == "sendMessage" and _ANSWER_UNREAD.get():
            # Sent (an error would have raised): PTB returns True as it is, unparsed.
            return True
        if endpoint in _ECHOED and isinstance(result, dict):
            for key in _REPEATED:
                result.pop(key, None)
        return result

    async def _journaled_post(
        self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any
    ) -> Any:
        journal = current_effects.get()
        if journal is not None and not endpoint.startswith("get"):
            if journal.can_hold(endpoint):
                held = self._holdable(endpoint, data, kwargs.get("api_kwargs"))
                if held is not None:
                    await journal.hold(endpoint, held)
                    return _stand_in(endpoint, held)
            if journal.holding or journal.held:
                # This one goes out now, and so does the rest of this update (a handler
                # that makes such a call may read what its next calls answer): what was
                # held before it goes first, in order.
                for method, params in journal.release_held():
                    await self._post(method, dict(params))
        if journal is not None and not endpoint.startswith("get"):
            replay = await journal.before(endpoint)
            if replay is not MISSING:
                return replay
            result = await super()._post(endpoint, data, **kwargs)
            journal.after(endpoint, result)
            return result
        return await super()._post(endpoint, data, **kwargs)

    def _holdable(
        self, endpoint: str, data: dict[str, Any] | None, api_kwargs: JSONDict | None
    ) -> dict[str, Any] | None:
        """The call's parameters as JSON values, or None if it cannot wait for a sender."""
        if endpoint not in HOLDABLE:
            return None
        params = dict(data or {})
        if api_kwargs:
            params.update(api_kwargs)
        self._insert_defaults(params)
        if isinstance(params.get("chat_id"), str):
            return None  # a channel's @name: sent directly
        request = RequestData(
            [RequestParameter.from_input(k, v) for k, v in params.items() if v is not None]
        )
        if request.contains_files:
            return None
        values = request.parameters
        if endpoint == "sendMessage" and not isinstance(values.get("chat_id"), int):
            return None
        return dict(values)

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: TimePeriod | None = None,
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        """PTB's get_updates, each update parsed on its own and only once (PTB parses the
        whole batch in one go, and checking each first would parse every update twice)."""
        data: JSONDict = {
            "timeout": timeout,
            "offset": offset,
            "limit": limit,
            "allowed_updates": allowed_updates,
        }
        # As PTB does: the long poll's own timeout on top of the read timeout.
        if isinstance(read_timeout, DefaultValue):
            base = self._request[0].read_timeout or 0.0
        else:
            base = read_timeout or 0.0
        wait = timeout.total_seconds() if isinstance(timeout, timedelta) else (timeout or 0)
        result = await self._post(
            "getUpdates",
            data,
            read_timeout=base + wait,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
            api_kwargs=api_kwargs,
        )
        updates = tuple(self._readable(item) for item in result)
        for update in updates:
            self.insert_callback_data(update)
        return updates

    def _readable(self, item: Any) -> Update:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        if not isinstance(update_id, int):
            # Not even an id: nothing to skip past; PTB's poller reports it and retries.
            raise TypeError("an update without an update_id")
        try:
            update = Update.de_json(dict(item), self)
            problem = _shape_problem(update)
        except Exception as exc:  # noqa: BLE001 - any parsing failure means: skip it
            problem = type(exc).__name__
        if problem is None:
            return update
        TolerantBot.skipped_updates += 1
        log.warning("update %s skipped: it could not be read (%s)", update_id, problem)
        return Update(update_id)


def _stand_in(endpoint: str, params: dict[str, Any]) -> Any:
    """What a held call returns to the handler: what Telegram would, as far as known.

    Only the calls in HOLDABLE, whose answer handlers do not read (a sent message's
    id is not known yet: a handler that keeps it calls `send_directly` first).
    """
    if endpoint != "sendMessage":
        return True
    chat_id = int(params["chat_id"])
    return {
        "message_id": 0,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
        "text": params.get("text", ""),
    }


def _shape_problem(update: Update) -> str | None:
    """What Telegram would never send, in the fields handlers read; None if all is well."""
    message = update.effective_message
    if message is not None:
        chat = message.chat
        if chat is None or not isinstance(chat.id, int) or not isinstance(chat.type, str):
            return "message without a chat"
        for name in ("text", "caption"):
            if not isinstance(getattr(message, name), str | None):
                return f"{name} is not text"
    user = update.effective_user
    if user is not None and not isinstance(user.id, int):
        return "user id is not a number"
    query = update.callback_query
    if query is not None:
        if query.from_user is None:
            return "button press without a sender"
        if not isinstance(query.data, str | None):
            return "button data is not text"
    return None
