"""One group's handlers tried in order, but only those that could take the update.

PTB asks every handler of a group in turn until one takes the update: for a
/start that was the 25 command handlers, 42 button handlers and their filters
(about a tenth of what Jol spent on an update). `HandlerIndex` stands in for
the whole group as one handler and asks only the handlers that could answer
yes, in their original order, so which handler wins is exactly as before:

- a command handler only for a message whose leading command it lists;
- a button handler whose pattern was made by `core.callbacks.pattern` only for
  a press whose data starts with that feature (or that has no data: PTB lets
  any button handler take that one);
- every other handler always.

The candidates for each (command, feature) are worked out once and kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import MessageEntity, Update
from telegram.ext import Application, BaseHandler, CallbackQueryHandler, CommandHandler

from core import callbacks

Handler = BaseHandler[Update, Any, Any]
# (command, feature): None when the update has no leading command / no button press;
# "" when it has one that no handler here lists (or button data that is not text).
_Key = tuple[str | None, str | None]
_ANY = ":any"  # a press without data (no feature has a ':' in its name)


class HandlerIndex(BaseHandler[Update, Any, Any]):
    """A group of handlers as one: the first that takes the update handles it."""

    __slots__ = ("_candidates", "_commands", "_features", "_handlers")

    def __init__(self, handlers: Sequence[Handler]) -> None:
        super().__init__(_never_called)
        for handler in handlers:
            if not handler.block:
                # PTB runs such a handler as a task of its own; as one of a group here it
                # would be awaited instead.
                raise ValueError(f"{handler!r} does not block: register it by itself")
        self._handlers = tuple(handlers)
        self._commands = frozenset(
            command
            for handler in handlers
            if isinstance(handler, CommandHandler)
            for command in handler.commands
        )
        self._features = frozenset(
            feature
            for handler in handlers
            if isinstance(handler, CallbackQueryHandler)
            and (feature := _feature_of(handler)) is not None
        )
        self._candidates: dict[_Key, tuple[Handler, ...]] = {}

    def check_update(self, update: object) -> tuple[Handler, Any] | None:
        if isinstance(update, Update):
            key = self._key(update)
            candidates = self._candidates.get(key)
            if candidates is None:
                candidates = self._candidates[key] = self._could_take(key)
        else:
            candidates = self._handlers
        for handler in candidates:
            check = handler.check_update(update)
            if check is not None and check is not False:
                return handler, check
        return None

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, Any, Any, Any, Any, Any],
        check_result: object,
        context: Any,
    ) -> Any:
        assert isinstance(check_result, tuple)  # (handler, its check), from check_update
        handler: Handler = check_result[0]
        return await handler.handle_update(update, application, check_result[1], context)

    def _key(self, update: Update) -> _Key:
        command: str | None = None
        message = update.effective_message
        if message is not None and message.text and message.entities:
            # What CommandHandler reads: a command entity at the very start.
            first = message.entities[0]
            if first.type == MessageEntity.BOT_COMMAND and first.offset == 0:
                name = message.text[1 : first.length].split("@", 1)[0].lower()
                command = name if name in self._commands else ""
        feature: str | None = None
        query = update.callback_query
        if query is not None:
            if not query.data and not query.game_short_name:
                # PTB lets every button handler take a press with no data at all.
                feature = _ANY
            else:
                prefix = query.data.split(":", 1)[0] if isinstance(query.data, str) else ""
                feature = prefix if prefix in self._features else ""
        return command, feature

    def _could_take(self, key: _Key) -> tuple[Handler, ...]:
        command, feature = key
        kept: list[Handler] = []
        for handler in self._handlers:
            if isinstance(handler, CommandHandler):
                if command is None or command not in handler.commands:
                    continue
            elif isinstance(handler, CallbackQueryHandler):
                # Without a button press it never takes the update; with one, a pattern
                # made for another feature cannot match.
                own = _feature_of(handler)
                if feature is None or (own is not None and feature not in (own, _ANY)):
                    continue
            kept.append(handler)
        return tuple(kept)


def _feature_of(handler: CallbackQueryHandler[Any, Any]) -> str | None:
    return callbacks.feature_of(handler.pattern)


async def _never_called(_update: object, _context: object) -> None:
    raise AssertionError("HandlerIndex hands each update to one of its handlers")
