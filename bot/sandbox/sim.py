"""State of the simulated Telegram and the in-process API to act as users and observe the bot."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from bot.sandbox.html_check import utf16_len
from bot.sandbox.models import Fault, SimChat, SimFile, SimMessage, SimStats, SimUser, administrator

# Update types delivered when the bot never asked for a specific list (Telegram's default)
DEFAULT_ALLOWED = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "callback_query",
        "inline_query",
        "chosen_inline_result",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
    }
)
EVENT_LOG_LIMIT = 10_000  # bot events kept per chat for wait_for between marks

Predicate = Callable[[SimMessage], bool]


def scope_json(scope: dict[str, Any]) -> str:
    """How a BotCommandScope that names a chat (or a member) is keyed in ``sim.commands``."""
    return json.dumps(scope, sort_keys=True, separators=(",", ":"))


class Signal:
    """A broadcast wake-up that can be fired from sync code (unlike asyncio.Condition)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        """Wake everybody currently waiting."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        """Wait until the next fire() or the timeout, whichever comes first."""
        event = self._event
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            pass


class Simulator:
    """The simulation API: users, chats, updates, and what the bot did (``server.sim``)."""

    def __init__(self, bot_user: dict[str, Any], strict_html: bool = True) -> None:
        self.bot_user = bot_user
        self.strict_html = strict_html
        self.updates_signal = Signal()
        self.closing = False
        self._version = 0  # never reset, so long-polling pages and bots keep their cursors
        self._next_update_id = 100_000_001
        self._epoch = 0
        self._conds: dict[int, asyncio.Condition] = {}
        self.poll_generation = 0  # kept across reset() so a polling bot is not told 409
        self._ids = itertools.count(int(time.time() * 1000) % 10**12 * 1000)
        # Seconds since the epoch for message dates; the try-out moves it with its clock.
        self.clock: Callable[[], float] = time.time
        self.reset()

    # ----- lifecycle -------------------------------------------------------------------

    def reset(self) -> None:
        """Forget users, chats, updates, files, answers, commands, faults and stats."""
        self.users: dict[int, SimUser] = {}
        self.chats: dict[int, SimChat] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.stats = SimStats()
        self.webhook_url = ""
        self.files: dict[str, SimFile] = {}
        self.bot_texts: dict[str, str] = {}  # setMyDescription and friends
        self.updates: deque[dict[str, Any]] = deque()
        self.allowed_updates: frozenset[str] = DEFAULT_ALLOWED
        self.callbacks: dict[str, tuple[int, int]] = {}  # query id -> (chat id, message id)
        self.faults: dict[str, list[Fault]] = {}
        self._events: dict[int, deque[SimMessage]] = {}
        self._epoch += 1

    @property
    def epoch(self) -> int:
        """Changes on every reset(), so a page can notice that its history is gone."""
        return self._epoch

    async def close(self) -> None:
        """Release every long poll and wait_for (the server is stopping)."""
        self.closing = True
        self.updates_signal.fire()
        for cond in list(self._conds.values()):
            async with cond:
                cond.notify_all()

    def now(self) -> int:
        """The simulated Telegram's time (message dates), whole seconds."""
        return int(self.clock())

    def new_id(self) -> str:
        """A fresh numeric string id (callback queries, files)."""
        return str(next(self._ids))

    # ----- users and chats -------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = "en",
        username: str | None = None,
        last_name: str | None = None,
    ) -> SimUser:
        """Create or update a user (its private chat appears once it writes to the bot)."""
        user = self.users.get(user_id)
        if user is None:
            user = self.users[user_id] = SimUser(user_id, first_name)
        user.first_name = first_name
        user.language_code = language_code
        user.username = username
        user.last_name = last_name
        return user

    def group(self, chat_id: int, title: str) -> SimChat:
        """Create a group (or supergroup for ``-100…`` ids) that the bot is a member of."""
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return self._chat(chat_id, kind, title)

    def forum(
        self,
        chat_id: int,
        title: str,
        members: list[int] | tuple[int, ...] = (),
        admins: list[int] | tuple[int, ...] = (),
    ) -> SimChat:
        """A supergroup with topics where the bot is an administrator (a staff group)."""
        chat = self._chat(chat_id, "supergroup", title)
        chat.is_forum = True
        chat.admin_ids.update(admins)
        chat.member_ids.update(members, admins)
        return chat

    def remove_bot(self, chat_id: int, by: int | None = None) -> None:
        """Someone removes the bot from a group: sends to it fail with 403 from now on."""
        chat = self.chats[chat_id]
        chat.bot_removed = True
        remover = self.users.get(by) if by is not None else None
        self.add_update(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": remover.to_api() if remover else self.bot_user,
                "date": self.now(),
                "old_chat_member": {"user": self.bot_user, "status": "member"},
                "new_chat_member": {"user": self.bot_user, "status": "kicked", "until_date": 0},
            },
        )

    def add_bot(self, chat_id: int, by: int) -> None:
        """`by` adds the bot to a group as an administrator (the update Telegram sends)."""
        chat = self.chats[chat_id]
        chat.bot_removed = False
        admin = administrator(self.bot_user)
        self.add_update(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": self._resolve_user(by).to_api(),
                "date": self.now(),
                "old_chat_member": {"user": self.bot_user, "status": "left"},
                "new_chat_member": admin,
            },
        )

    def delete_topic_by_hand(self, chat_id: int, thread_id: int) -> None:
        """A member deletes a topic in the Telegram app (no update reaches the bot)."""
        topic = self.chats[chat_id].topics[thread_id]
        topic.deleted = True
        for msg in self.chats[chat_id].messages.values():
            if msg.thread_id == thread_id:
                msg.deleted = True

    def topic_messages(self, chat_id: int, thread_id: int) -> list[SimMessage]:
        """Live messages of one forum topic, oldest first (the opening one excluded)."""
        chat = self.chats[chat_id]
        return [
            m
            for m in chat.messages.values()
            if m.thread_id == thread_id and not m.deleted and m.message_id != thread_id
        ]

    def channel(self, chat_id: int, title: str) -> SimChat:
        """Create a channel where the bot is an administrator."""
        return self._chat(chat_id, "channel", title)

    def _chat(self, chat_id: int, kind: str, title: str | None) -> SimChat:
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = self.chats[chat_id] = SimChat(chat_id, kind, title)
        elif title:
            chat.title = title
        return chat

    def private_chat(self, user: SimUser) -> SimChat:
        """The user's private chat with the bot, created on first contact."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = self.chats[user.id] = SimChat(user.id, "private", user=user)
        return chat

    def _resolve_user(self, user: SimUser | int) -> SimUser:
        if isinstance(user, SimUser):
            return user
        found = self.users.get(user)
        if found is None:
            raise LookupError(f"unknown user {user}; create it with sim.user() first")
        return found

    def _sender_chat(self, user: SimUser, chat_id: int | None) -> SimChat:
        if chat_id is None or chat_id == user.id:
            return self.private_chat(user)
        chat = self.chats.get(chat_id)
        if chat is None:
            raise LookupError(f"unknown chat {chat_id}; create it with sim.group() first")
        return chat

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to them fail with 403 from now on."""
        self._set_blocked(user_id, True)

    def unblock(self, user_id: int) -> None:
        """The user unblocks the bot (restarts it)."""
        self._set_blocked(user_id, False)

    def _set_blocked(self, user_id: int, blocked: bool) -> None:
        user = self._resolve_user(user_id)
        if user.blocked == blocked:
            return
        user.blocked = blocked
        chat = self.chats.get(user_id)
        if chat is None:
            return
        bot_member = {"user": self.bot_user, "status": "member"}
        kicked = {"user": self.bot_user, "status": "kicked", "until_date": 0}
        old, new = (bot_member, kicked) if blocked else (kicked, bot_member)
        self.add_update(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": user.to_api(),
                "date": self.now(),
                "old_chat_member": old,
                "new_chat_member": new,
            },
        )

    # ----- acting as users -------------------------------------------------------------

    def add_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update for getUpdates unless the bot's allowed_updates excludes it."""
        if kind not in self.allowed_updates:
            return None
        update = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        self.updates.append(update)
        self.updates_signal.fire()
        return update

    def add_raw_update(self, body: dict[str, Any]) -> dict[str, Any]:
        """Queue any update body as it is (fuzzing: unknown kinds, malformed fields)."""
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        self.updates.append(update)
        self.updates_signal.fire()
        return update

    def next_message_id(self, chat: SimChat) -> int:
        """Message ids grow per chat, shared by the bot's and the users' messages."""
        chat.last_message_id += 1
        return chat.last_message_id

    async def send_text(
        self,
        user: SimUser | int,
        text: str,
        chat_id: int | None = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """The user writes ``text``; returns the Bot API ``Message`` the bot will receive."""
        sender = self._resolve_user(user)
        chat = self._sender_chat(sender, chat_id)
        msg = SimMessage(
            self.next_message_id(chat),
            chat.id,
            False,
            self.now(),
            text=text,
            user_id=sender.id,
            plain=text,
            thread_id=thread_id,
        )
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            if len(command) > 1:
                msg.entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
        return await self._user_message(chat, msg, sender)

    send_command = send_text

    async def send_contact(
        self, user: SimUser | int, phone_number: str, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The user shares its own contact (as from a request_contact keyboard button)."""
        sender = self._resolve_user(user)
        chat = self._sender_chat(sender, chat_id)
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": sender.first_name,
            "user_id": sender.id,
        }
        if sender.last_name:
            contact["last_name"] = sender.last_name
        msg = SimMessage(
            self.next_message_id(chat),
            chat.id,
            False,
            self.now(),
            user_id=sender.id,
            contact=contact,
        )
        return await self._user_message(chat, msg, sender)

    async def send_location(
        self,
        user: SimUser | int,
        latitude: float,
        longitude: float,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """The user sends a map pin (the attachment menu's Location)."""
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError("a location is a latitude from -90 to 90 and a longitude to ±180")
        sender = self._resolve_user(user)
        chat = self._sender_chat(sender, chat_id)
        msg = SimMessage(
            self.next_message_id(chat),
            chat.id,
            False,
            self.now(),
            user_id=sender.id,
            location={"latitude": latitude, "longitude": longitude},
        )
        return await self._user_message(chat, msg, sender)

    async def send_document(
        self,
        user: SimUser | int,
        name: str,
        data: bytes,
        mime: str = "application/octet-stream",
        caption: str | None = None,
        chat_id: int | None = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """The user uploads a file; the bot can fetch it with getFile."""
        sender = self._resolve_user(user)
        chat = self._sender_chat(sender, chat_id)
        file = self.store_file(name, mime, data)
        msg = SimMessage(
            self.next_message_id(chat),
            chat.id,
            False,
            self.now(),
            user_id=sender.id,
            document=file,
            caption=caption,
            plain=caption or "",
            thread_id=thread_id,
        )
        return await self._user_message(chat, msg, sender)

    async def send_photo(
        self,
        user: SimUser | int,
        data: bytes,
        width: int,
        height: int,
        caption: str | None = None,
        chat_id: int | None = None,
        thread_id: int | None = None,
        smaller: Sequence[tuple[bytes, int, int]] = (),
    ) -> dict[str, Any]:
        """The user sends a photo (with the smaller sizes the app made, if any)."""
        sender = self._resolve_user(user)
        chat = self._sender_chat(sender, chat_id)
        sizes = tuple(
            self.store_file("photo.jpg", "image/jpeg", *size)
            for size in sorted(smaller, key=lambda s: s[1] * s[2])
        )
        file = self.store_file("photo.jpg", "image/jpeg", data, width, height)
        file.smaller = sizes
        msg = SimMessage(
            self.next_message_id(chat),
            chat.id,
            False,
            self.now(),
            user_id=sender.id,
            photo=file,
            caption=caption,
            plain=caption or "",
            thread_id=thread_id,
        )
        return await self._user_message(chat, msg, sender)

    async def send_voice(
        self,
        user: SimUser | int,
        data: bytes,
        chat_id: int | None = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """The user records a voice message (OGG/Opus bytes, not checked)."""
        sender = self._resolve_user(user)
        chat = self._sender_chat(sender, chat_id)
        file = self.store_file("voice.ogg", "audio/ogg", data)
        msg = SimMessage(
            self.next_message_id(chat),
            chat.id,
            False,
            self.now(),
            user_id=sender.id,
            voice=file,
            thread_id=thread_id,
        )
        return await self._user_message(chat, msg, sender)

    async def _user_message(
        self, chat: SimChat, msg: SimMessage, sender: SimUser
    ) -> dict[str, Any]:
        chat.messages[msg.message_id] = msg
        payload = self.message_api(msg, chat)
        self.add_update("message", payload)
        await self.changed(chat, msg, bot_event=False)
        return payload

    async def send_channel_post(self, chat_id: int, text: str) -> dict[str, Any]:
        """A post appears in a channel (an update with ``channel_post`` and no ``from``)."""
        chat = self.chats.get(chat_id) or self.channel(chat_id, f"Channel {chat_id}")
        msg = SimMessage(
            self.next_message_id(chat), chat.id, False, self.now(), text=text, plain=text
        )
        chat.messages[msg.message_id] = msg
        payload = self.message_api(msg, chat)
        self.add_update("channel_post", payload)
        await self.changed(chat, msg, bot_event=False)
        return payload

    async def press_button(
        self, user: SimUser | int, message_id: int, data: str, chat_id: int | None = None
    ) -> str:
        """The user presses an inline button with ``data`` (not checked against the keyboard)."""
        sender = self._resolve_user(user)
        chat = self._sender_chat(sender, chat_id)
        msg = chat.messages.get(message_id)
        if msg is None or msg.deleted:
            raise LookupError(f"message {message_id} not found in chat {chat.id}")
        query_id = self.new_id()
        self.callbacks[query_id] = (chat.id, message_id)
        self.add_update(
            "callback_query",
            {
                "id": query_id,
                "from": sender.to_api(),
                "message": self.message_api(msg, chat),
                "chat_instance": str((chat.id * 2654435761) % 10**18),
                "data": data,
            },
        )
        return query_id

    # ----- the command menu ----------------------------------------------------------

    def menu(self, chat_id: int, user_id: int | None = None) -> list[dict[str, str]]:
        """The commands Telegram shows this user in this chat (its "/" menu).

        Telegram's order: the narrowest scope that has a list wins, and within a
        scope the user's language before the list without one.
        """
        chat = self.chats.get(chat_id)
        user = self.users.get(user_id if user_id is not None else chat_id)
        private = chat is None or chat.type == "private"  # before the first message too
        if user is None or (private and chat_id != user.id):
            raise LookupError(f"unknown chat {chat_id} or user {user_id}")
        scopes: list[str]
        if private or chat is None:
            scopes = [scope_json({"type": "chat", "chat_id": chat_id}), "all_private_chats"]
        else:
            admin = user.id in chat.admin_ids
            member = {"type": "chat_member", "chat_id": chat.id, "user_id": user.id}
            scopes = [scope_json(member)]
            if admin:
                scopes.append(scope_json({"type": "chat_administrators", "chat_id": chat.id}))
            scopes.append(scope_json({"type": "chat", "chat_id": chat.id}))
            if admin:
                scopes.append("all_chat_administrators")
            scopes.append("all_group_chats")
        scopes.append("default")
        language = user.language_code or ""
        for scope in scopes:
            for lang in dict.fromkeys((language, "")):
                commands = self.commands.get((scope, lang))
                if commands:
                    return list(commands)
        return []

    # ----- files -----------------------------------------------------------------------

    def store_file(
        self, name: str, mime: str, data: bytes, width: int = 0, height: int = 0
    ) -> SimFile:
        """Keep uploaded bytes under a new file_id."""
        file_id = "SIM" + self.new_id()
        file = SimFile(file_id, "U" + file_id[3:], name, mime, data, width, height)
        self.files[file_id] = file
        return file

    # ----- observing the bot -----------------------------------------------------------

    def messages(self, chat_id: int) -> list[SimMessage]:
        """The chat's history in order, user and bot messages, deleted ones flagged."""
        chat = self.chats.get(chat_id)
        return list(chat.messages.values()) if chat else []

    def bot_messages(self, chat_id: int) -> list[SimMessage]:
        """The bot's messages in the chat that are not deleted."""
        return [m for m in self.messages(chat_id) if m.from_bot and not m.deleted]

    def inject(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        count: int = 1,
        description: str | None = None,
        chat_id: int | None = None,
        delay: float | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` ("*" = any) fail or hang for ``delay``."""
        fault = Fault(status, retry_after, count, description, chat_id, delay)
        self.faults.setdefault(method.lower(), []).append(fault)

    def take_fault(self, method: str, chat_id: Any) -> Fault | None:
        """Consume the first injected fault that applies to this call, if any."""
        for key in (method.lower(), "*"):
            faults = self.faults.get(key)
            if not faults:
                continue
            for fault in faults:
                if fault.chat_id is None or fault.chat_id == chat_id:
                    fault.count -= 1
                    if fault.count <= 0:
                        faults.remove(fault)
                        if not faults:
                            del self.faults[key]
                    return fault
        return None

    def mark(self, chat_id: int) -> None:
        """Forget bot events seen so far in the chat; wait_for counts only newer ones."""
        self._events.pop(chat_id, None)

    def _cond(self, chat_id: int) -> asyncio.Condition:
        cond = self._conds.get(chat_id)
        if cond is None:
            cond = self._conds[chat_id] = asyncio.Condition()
        return cond

    async def changed(self, chat: SimChat, msg: SimMessage | None, bot_event: bool) -> None:
        """Record a change in the chat and wake wait_for / long-poll waiters."""
        self._version += 1
        chat.version = self._version
        if msg is not None:
            msg.version = self._version
            if bot_event:
                events = self._events.get(chat.id)
                if events is None:
                    events = self._events[chat.id] = deque(maxlen=EVENT_LOG_LIMIT)
                events.append(replace(msg))  # a snapshot: later edits must not rewrite it
        cond = self._conds.get(chat.id)
        if cond is not None:
            async with cond:
                cond.notify_all()

    def _take(
        self, chat_id: int, predicate: Predicate | None, count: int, deleted: bool
    ) -> list[SimMessage] | None:
        events = self._events.get(chat_id)
        if not events:
            return None
        found: list[SimMessage] = []
        for index, event in enumerate(events):
            if event.deleted and not deleted:
                continue
            if predicate is None or predicate(event):
                found.append(event)
                if len(found) == count:
                    for _ in range(index + 1):
                        events.popleft()
                    return found
        return None

    async def wait_for(
        self,
        chat_id: int,
        predicate: Predicate | None = None,
        count: int = 1,
        timeout: float = 5.0,
        *,
        deleted: bool = False,
    ) -> list[SimMessage]:
        """Wait for ``count`` new bot messages/edits (deletions too if ``deleted``) in a chat."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cond = self._cond(chat_id)
        async with cond:
            while True:
                found = self._take(chat_id, predicate, count, deleted)
                if found is not None:
                    return found
                remaining = deadline - loop.time()
                if remaining <= 0 or self.closing:
                    report = self._timeout_report(chat_id, count, timeout)
                    raise TimeoutError(
                        report + ("\n  (the server stopped)" if self.closing else "")
                    )
                try:
                    await asyncio.wait_for(cond.wait(), remaining)
                except TimeoutError:
                    pass

    def _timeout_report(self, chat_id: int, count: int, timeout: float) -> str:
        events = list(self._events.get(chat_id, ()))
        lines = [
            f"wait_for(chat {chat_id}): wanted {count} matching bot message(s) within "
            f"{timeout}s; {len(events)} bot event(s) arrived since the last mark:"
        ]
        lines += [f"  {_describe(event)}" for event in events[-20:]]
        if not events:
            chat = self.chats.get(chat_id)
            lines.append("  (none; chat exists)" if chat else "  (none; chat does not exist)")
        return "\n".join(lines)

    async def wait_changes(self, chat_id: int, after_version: int, timeout: float) -> None:
        """Block until the chat changes after ``after_version`` or the timeout passes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cond = self._cond(chat_id)
        async with cond:
            while not self.closing:
                chat = self.chats.get(chat_id)
                if chat is not None and chat.version > after_version:
                    return
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return
                try:
                    await asyncio.wait_for(cond.wait(), remaining)
                except TimeoutError:
                    return

    def changes(self, chat_id: int, after_version: int) -> dict[str, Any]:
        """Messages and callback answers of the chat changed after ``after_version``."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return {"version": after_version, "epoch": self._epoch, "messages": []}
        messages = [
            sim_message_json(m) for m in chat.messages.values() if m.version > after_version
        ]
        answers = [a for a in chat.answers.values() if a["version"] > after_version]
        return {
            "version": max(chat.version, after_version),
            "epoch": self._epoch,
            "messages": messages,
            "callback_answers": answers,
        }

    # ----- Bot API shapes --------------------------------------------------------------

    def message_api(self, msg: SimMessage, chat: SimChat) -> dict[str, Any]:
        """The Bot API ``Message`` object for a stored message."""
        data: dict[str, Any] = {"message_id": msg.message_id}
        if msg.from_bot:
            data["from"] = self.bot_user
        elif msg.user_id is not None:
            sender = self.users.get(msg.user_id)
            if sender is not None:
                data["from"] = sender.to_api()
        if chat.type == "channel":
            data["sender_chat"] = chat.to_api()
        data["chat"] = chat.to_api()
        data["date"] = msg.date
        if msg.edit_date is not None:
            data["edit_date"] = msg.edit_date
        if chat.is_forum and msg.thread_id is not None:
            data["message_thread_id"] = msg.thread_id
            data["is_topic_message"] = True
        if msg.service:
            data.update(msg.service)
        if msg.voice is not None:
            data["voice"] = {
                "file_id": msg.voice.file_id,
                "file_unique_id": msg.voice.file_unique_id,
                "duration": 1,
                "mime_type": msg.voice.mime,
                "file_size": msg.voice.size,
            }
        media = msg.document is not None or msg.photo is not None or msg.voice is not None
        if msg.document is not None:
            data["document"] = msg.document.document_api()
        if msg.photo is not None:
            data["photo"] = msg.photo.photo_api()
        if msg.contact is not None:
            data["contact"] = msg.contact
        if msg.venue is not None:
            data["venue"] = msg.venue
        if msg.location is not None:
            data["location"] = msg.location
        if media:
            if msg.caption is not None:
                data["caption"] = msg.plain
                if msg.entities:
                    data["caption_entities"] = msg.entities
        elif msg.text is not None:
            data["text"] = msg.plain
            if msg.entities:
                data["entities"] = msg.entities
        markup = msg.reply_markup
        if markup is not None and "inline_keyboard" in markup:
            data["reply_markup"] = markup  # Telegram echoes only inline keyboards
        return data


def _describe(msg: SimMessage) -> str:
    state = "deleted" if msg.deleted else "edited" if msg.edited else "sent"
    body = msg.plain if msg.plain else (msg.document.name if msg.document else "")
    if len(body) > 80:
        body = body[:77] + "..."
    return f"#{msg.message_id} {state}: {body!r}"


def file_json(file: SimFile | None, url: str) -> dict[str, Any] | None:
    """A stored file as the /sim JSON shows it."""
    if file is None:
        return None
    data: dict[str, Any] = {"name": file.name, "mime": file.mime, "size": file.size, "url": url}
    if file.width:
        data["width"], data["height"] = file.width, file.height  # the page keeps room for it
    return data


def sim_message_json(msg: SimMessage) -> dict[str, Any]:
    """A message as the /sim HTTP API shows it (SimMessage fields, files as links)."""
    base = f"/sim/chats/{msg.chat_id}/messages/{msg.message_id}"
    return {
        "message_id": msg.message_id,
        "chat_id": msg.chat_id,
        "from_bot": msg.from_bot,
        "user_id": msg.user_id,
        "text": msg.text,
        "parse_mode": msg.parse_mode,
        "plain": msg.plain,
        "entities": msg.entities,
        "reply_markup": msg.reply_markup,
        "document": file_json(msg.document, base + "/document"),
        "photo": file_json(msg.photo, base + "/photo"),
        "caption": msg.caption,
        "contact": msg.contact,
        "date": msg.date,
        "edited": msg.edited,
        "deleted": msg.deleted,
        "version": msg.version,
        "thread_id": msg.thread_id,
        "service": msg.service,
        "voice": file_json(msg.voice, base + "/voice"),
        "location": msg.location,
        "venue": msg.venue,
    }
