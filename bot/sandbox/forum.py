"""Forum topics, copies and pins of the simulated Bot API (a staff group with topics).

Behaves as Telegram does where the bot relies on it: a topic's id is the id of
the service message that opened it; a message to a deleted topic gets
``Bad Request: message thread not found``; a group that removed the bot answers
403; copyMessage keeps the media and entities and may replace the caption.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.sandbox.models import SimChat, SimMessage, SimTopic, administrator, bad_request

if TYPE_CHECKING:
    from bot.sandbox.botapi import BotApi, Files, Params

TOPIC_NAME_LIMIT = 128
THREAD_NOT_FOUND = "message thread not found"


class ForumMethods:
    def __init__(self, api: BotApi) -> None:
        self.api = api
        self.sim = api.sim

    def table(self) -> dict[str, Callable[[Params, Files], Awaitable[Any]]]:
        return {
            "createForumTopic": self.create_forum_topic,
            "editForumTopic": self.edit_forum_topic,
            "closeForumTopic": self.close_forum_topic,
            "reopenForumTopic": self.reopen_forum_topic,
            "deleteForumTopic": self.delete_forum_topic,
            "copyMessage": self.copy_message,
            "pinChatMessage": self.pin_chat_message,
            "unpinChatMessage": self.unpin_chat_message,
            "getChatAdministrators": self.get_chat_administrators,
            "getChatMember": self.get_chat_member,
        }

    # ----- checks ----------------------------------------------------------------------

    def forum(self, p: Params) -> SimChat:
        chat = self.api.writable_chat(p)
        if not chat.is_forum:
            raise bad_request("the chat is not a forum")
        return chat

    def topic(self, chat: SimChat, p: Params) -> SimTopic:
        thread_id = p.get("message_thread_id")
        topic = chat.topics.get(thread_id) if isinstance(thread_id, int) else None
        if topic is None or topic.deleted:
            raise bad_request(THREAD_NOT_FOUND)
        return topic

    @staticmethod
    def topic_name(p: Params, required: bool) -> str | None:
        name = p.get("name")
        if name is None or name == "":
            if required:
                raise bad_request("TOPIC_TITLE_EMPTY")
            return None
        name = str(name)
        if len(name) > TOPIC_NAME_LIMIT:
            raise bad_request("TOPIC_TITLE_INVALID")
        return name

    # ----- topics ----------------------------------------------------------------------

    async def service(self, chat: SimChat, thread_id: int, content: dict[str, Any]) -> None:
        msg = SimMessage(
            self.sim.next_message_id(chat),
            chat.id,
            True,
            self.sim.now(),
            thread_id=thread_id,
            service=content,
        )
        chat.messages[msg.message_id] = msg
        await self.sim.changed(chat, msg, bot_event=False)

    async def create_forum_topic(self, p: Params, files: Files) -> dict[str, Any]:
        chat = self.forum(p)
        name = self.topic_name(p, required=True)
        assert name is not None
        thread_id = self.sim.next_message_id(chat)
        color = int(p.get("icon_color") or 7322096)
        topic = chat.topics[thread_id] = SimTopic(thread_id, name, color)
        created = {"name": name, "icon_color": color}
        msg = SimMessage(
            thread_id,
            chat.id,
            True,
            self.sim.now(),
            thread_id=thread_id,
            service={"forum_topic_created": created},
        )
        chat.messages[thread_id] = msg
        await self.sim.changed(chat, msg, bot_event=False)
        return {"message_thread_id": topic.thread_id, "name": name, "icon_color": color}

    async def edit_forum_topic(self, p: Params, files: Files) -> bool:
        chat = self.forum(p)
        topic = self.topic(chat, p)
        name = self.topic_name(p, required=False)
        if name is not None and name != topic.name:
            topic.name = name
            await self.service(chat, topic.thread_id, {"forum_topic_edited": {"name": name}})
        return True

    async def close_forum_topic(self, p: Params, files: Files) -> bool:
        chat = self.forum(p)
        topic = self.topic(chat, p)
        if topic.closed:
            raise bad_request("TOPIC_NOT_MODIFIED")
        topic.closed = True
        await self.service(chat, topic.thread_id, {"forum_topic_closed": {}})
        return True

    async def reopen_forum_topic(self, p: Params, files: Files) -> bool:
        chat = self.forum(p)
        topic = self.topic(chat, p)
        if not topic.closed:
            raise bad_request("TOPIC_NOT_MODIFIED")
        topic.closed = False
        await self.service(chat, topic.thread_id, {"forum_topic_reopened": {}})
        return True

    async def delete_forum_topic(self, p: Params, files: Files) -> bool:
        chat = self.forum(p)
        topic = self.topic(chat, p)
        self.sim.delete_topic_by_hand(chat.id, topic.thread_id)
        await self.sim.changed(chat, None, bot_event=False)
        return True

    # ----- copies and pins -------------------------------------------------------------

    async def copy_message(self, p: Params, files: Files) -> dict[str, Any]:
        chat = self.api.writable_chat(p)
        thread = self.api.thread(chat, p)
        source_chat = self.sim.chats.get(p.get("from_chat_id"))  # type: ignore[arg-type]
        if source_chat is None:
            raise bad_request("chat not found")
        original = self.api.message(source_chat, p, "message to copy not found")
        if original.service:
            raise bad_request("message can't be copied")
        media = original.document or original.photo or original.voice
        plain, entities = original.plain, original.entities
        text, caption, mode = original.text, original.caption, original.parse_mode
        if "caption" in p and media is not None:
            caption, plain, entities = self.api.caption_param(p)
            mode = p.get("parse_mode") or None
        if media is None and not plain.strip():
            raise bad_request("message can't be copied")
        msg = replace(
            original,
            message_id=chat.last_message_id + 1,
            chat_id=chat.id,
            from_bot=True,
            date=self.sim.now(),
            text=text if media is None else None,
            caption=caption if media is not None else None,
            parse_mode=mode,
            plain=plain,
            entities=entities,
            reply_markup=self.api.markup(p),
            user_id=None,
            edited=False,
            deleted=False,
            edit_date=None,
            contact=None,
            thread_id=thread,
        )
        chat.last_message_id += 1
        await self.api.sent(chat, msg, "copyMessage")
        return {"message_id": msg.message_id}

    async def pin_chat_message(self, p: Params, files: Files) -> bool:
        chat = self.api.writable_chat(p)
        msg = self.api.message(chat, p, "message to pin not found")
        if msg.message_id not in chat.pinned:
            chat.pinned.append(msg.message_id)
        return True

    async def unpin_chat_message(self, p: Params, files: Files) -> bool:
        chat = self.api.writable_chat(p)
        message_id = p.get("message_id")
        if message_id in chat.pinned:
            chat.pinned.remove(message_id)
        return True

    # ----- members ---------------------------------------------------------------------

    def member(self, chat: SimChat, user_id: int) -> dict[str, Any]:
        user = self.sim.users.get(user_id)
        info = user.to_api() if user else {"id": user_id, "is_bot": False, "first_name": "?"}
        if user_id in chat.admin_ids:
            return administrator(info)
        if user_id in chat.member_ids:
            return {"user": info, "status": "member"}
        return {"user": info, "status": "left"}

    async def get_chat_administrators(self, p: Params, files: Files) -> list[dict[str, Any]]:
        chat = self.api.writable_chat(p)
        return [self.member(chat, uid) for uid in sorted(chat.admin_ids)]

    async def get_chat_member(self, p: Params, files: Files) -> dict[str, Any]:
        chat = self.api.writable_chat(p)
        user_id = p.get("user_id")
        if not isinstance(user_id, int):
            raise bad_request("invalid user_id specified")
        return self.member(chat, user_id)
