"""The Bot API methods, answering with Telegram's result shapes and error texts."""

from __future__ import annotations

import math
import mimetypes
import re
import struct
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.sandbox.forum import THREAD_NOT_FOUND, ForumMethods
from bot.sandbox.html_check import HtmlError, parse_html, utf16_len
from bot.sandbox.models import ApiError, SimChat, SimFile, SimMessage, bad_request
from bot.sandbox.params import Upload
from bot.sandbox.sim import DEFAULT_ALLOWED, Simulator, scope_json
from bot.sandbox.webhook import DEFAULT_MAX_CONNECTIONS, WebhookDelivery

Params = dict[str, Any]
Files = dict[str, Upload]
Method = Callable[[Params, Files], Awaitable[Any]]

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
BLOCKED = "Forbidden: bot was blocked by the user"
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
# Inline buttons must do something; a button with only text is rejected by Telegram
BUTTON_ACTIONS = frozenset(
    {
        "callback_data",
        "url",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "callback_game",
        "pay",
        "web_app",
        "copy_text",
    }
)


def _seconds(value: Any) -> float:
    """A non-negative number of seconds from an int, float or numeric string (else 0)."""
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return 0.0


def scope_key(scope: Any) -> str:
    """Key of a BotCommandScope in ``sim.commands``: its type, or its JSON if it names a chat."""
    if not scope:
        return "default"
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    if len(scope) == 1:
        return str(scope["type"])
    return scope_json(scope)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP image, None if it is not one."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return 1, 1  # good enough: the bot only needs to see that it is a photo
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


class BotApi:
    """Implements the Bot API methods on top of a Simulator."""

    def __init__(self, sim: Simulator, me: dict[str, Any]) -> None:
        self.sim = sim
        self.me = me
        self.webhook = WebhookDelivery(sim)
        table: dict[str, Method] = {
            "getMe": self.get_me,
            "logOut": self.true,
            "close": self.true,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "deleteMessages": self.delete_messages,
            "answerCallbackQuery": self.answer_callback_query,
            "sendDocument": self.send_document,
            "sendPhoto": self.send_photo,
            "sendLocation": self.send_location,
            "sendVenue": self.send_venue,
            "getFile": self.get_file,
            "sendChatAction": self.send_chat_action,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "getChat": self.get_chat,
            "setMyDescription": self.set_text("description"),
            "getMyDescription": self.get_text("description"),
            "setMyShortDescription": self.set_text("short_description"),
            "getMyShortDescription": self.get_text("short_description"),
            "setMyName": self.set_text("name"),
            "getMyName": self.get_text("name"),
        }
        table.update(ForumMethods(self).table())
        # Telegram matches method names case-insensitively
        self.methods: dict[str, tuple[str, Method]] = {
            name.lower(): (name, fn) for name, fn in table.items()
        }

    # ----- shared checks ---------------------------------------------------------------

    def chat(self, p: Params) -> SimChat:
        """The chat named by ``chat_id`` (which must have talked to the bot)."""
        chat_id = p.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        chat = self.sim.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def writable_chat(self, p: Params) -> SimChat:
        """A chat the bot may send to right now."""
        chat = self.chat(p)
        if chat.user is not None and chat.user.blocked:
            raise ApiError(403, BLOCKED)
        if chat.bot_removed:
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")
        return chat

    def thread(self, chat: SimChat, p: Params) -> int | None:
        """The forum topic named by ``message_thread_id`` (which must exist), or None."""
        thread_id = p.get("message_thread_id")
        if thread_id is None or thread_id == "" or not chat.is_forum:
            return None
        topic = chat.topics.get(thread_id) if isinstance(thread_id, int) else None
        if topic is None or topic.deleted:
            raise bad_request(THREAD_NOT_FOUND)
        return topic.thread_id

    def message(self, chat: SimChat, p: Params, missing: str) -> SimMessage:
        """The live message named by ``message_id`` in the chat."""
        if p.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")  # inline mode is not simulated
        message_id = p.get("message_id")
        if not isinstance(message_id, int):
            raise bad_request("message identifier is not specified")
        msg = chat.messages.get(message_id)
        if msg is None or msg.deleted:
            raise bad_request(missing)
        return msg

    def format(
        self, text: str, p: Params, mode_key: str, entities_key: str, limit: int, too_long: str
    ) -> tuple[str, list[dict[str, Any]] | None]:
        """Visible text and entities for the given parse mode, checked against ``limit``."""
        mode = p.get(mode_key)
        if not mode:
            plain, entities = text, p.get(entities_key) or None
            if entities is not None and not isinstance(entities, list):
                raise bad_request(f"can't parse {entities_key} JSON object")
        elif str(mode).lower() == "html":
            try:
                parsed = parse_html(text, self.sim.strict_html)
            except HtmlError as err:
                raise bad_request(f"can't parse entities: {err}") from None
            plain, entities = parsed.text, parsed.entities or None
        elif str(mode).lower() in ("markdown", "markdownv2"):
            plain, entities = text, None  # accepted without validation
        else:
            raise bad_request(f"unsupported parse_mode {mode}")
        if utf16_len(plain) > limit:
            raise bad_request(too_long)
        return plain, entities

    def text_param(self, p: Params) -> tuple[str, str, list[dict[str, Any]] | None]:
        """Raw text, visible text and entities of a sendMessage/editMessageText call."""
        text = p.get("text")
        if text is None or isinstance(text, (dict, list)):
            raise bad_request("message text is empty")
        text = str(text)
        if not text.strip():
            raise bad_request("message text is empty")
        plain, entities = self.format(
            text, p, "parse_mode", "entities", TEXT_LIMIT, "message is too long"
        )
        if not plain.strip():
            raise bad_request("text must be non-empty")
        return text, plain, entities

    def caption_param(self, p: Params) -> tuple[str | None, str, list[dict[str, Any]] | None]:
        """Raw caption, visible caption and caption entities."""
        caption = p.get("caption")
        if caption is None or caption == "":
            return None, "", None
        caption = str(caption)
        plain, entities = self.format(
            caption,
            p,
            "parse_mode",
            "caption_entities",
            CAPTION_LIMIT,
            "message caption is too long",
        )
        return caption, plain, entities

    def markup(self, p: Params) -> dict[str, Any] | None:
        """The validated reply_markup, or None."""
        markup = p.get("reply_markup")
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        if rows is not None:
            self.check_inline_keyboard(rows)
        elif "keyboard" in markup:
            if not isinstance(markup["keyboard"], list):
                raise bad_request('field "keyboard" must be an Array')
        elif not markup.get("remove_keyboard") and not markup.get("force_reply"):
            raise bad_request("can't parse reply keyboard markup JSON object")
        return markup

    @staticmethod
    def check_inline_keyboard(rows: Any) -> None:
        """Reject inline keyboards that Telegram would reject."""
        if not isinstance(rows, list):
            raise bad_request('field "inline_keyboard" must be an Array')
        for row in rows:
            if not isinstance(row, list):
                raise bad_request('field "inline_keyboard" must be an Array of Arrays')
            for button in row:
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise bad_request("can't parse inline keyboard button: Text must be a String")
                data = button.get("callback_data")
                if data is not None:
                    if not isinstance(data, str) or not data:
                        raise bad_request("BUTTON_DATA_INVALID")
                    if len(data.encode()) > CALLBACK_DATA_LIMIT:
                        raise bad_request("BUTTON_DATA_INVALID")
                elif not BUTTON_ACTIONS.intersection(button):
                    raise bad_request("text buttons are unallowed in the inline keyboard")
                url = button.get("url")
                if url is not None and not str(url).lower().startswith(
                    ("http://", "https://", "tg://")
                ):
                    raise bad_request(
                        f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL"
                    )

    async def sent(self, chat: SimChat, msg: SimMessage, method: str) -> dict[str, Any]:
        """Store a new bot message, count it, and answer with its Message object."""
        chat.messages[msg.message_id] = msg
        stats = self.sim.stats
        stats.sent[chat.id] += 1
        stats.sent_by_method[method] += 1
        await self.sim.changed(chat, msg, bot_event=True)
        return self.sim.message_api(msg, chat)

    # ----- bot and updates -------------------------------------------------------------

    async def true(self, p: Params, files: Files) -> bool:
        """Methods that only need to succeed."""
        return True

    async def get_me(self, p: Params, files: Files) -> dict[str, Any]:
        """getMe."""
        return self.me

    async def get_updates(self, p: Params, files: Files) -> list[dict[str, Any]]:
        """getUpdates with real long polling and offset confirmation."""
        sim = self.sim
        if sim.webhook_url or self.webhook.active:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            sim.allowed_updates = frozenset(allowed) or DEFAULT_ALLOWED
        self.confirm(p.get("offset"))
        limit = p.get("limit")
        limit = min(max(limit, 1), 100) if isinstance(limit, int) else 100
        timeout = _seconds(p.get("timeout"))
        sim.poll_generation += 1
        generation = sim.poll_generation
        sim.updates_signal.fire()  # an older waiting request ends with 409, as on Telegram
        deadline = time.monotonic() + timeout
        while True:
            batch = self.collect(limit)
            if batch or sim.closing:
                return batch
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return batch
            await sim.updates_signal.wait(remaining)
            if generation != sim.poll_generation and not sim.closing:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only "
                    "one bot instance is running",
                )

    def confirm(self, offset: Any) -> None:
        """Forget updates below ``offset`` (negative: keep only the last -offset ones)."""
        updates = self.sim.updates
        if not isinstance(offset, int) or offset == 0:
            return
        if offset < 0:
            while len(updates) > -offset:
                updates.popleft()
            return
        while updates and updates[0]["update_id"] < offset:
            updates.popleft()

    def collect(self, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` pending updates of allowed types (others are dropped)."""
        allowed = self.sim.allowed_updates
        updates = self.sim.updates
        batch: list[dict[str, Any]] = []
        dropped: list[dict[str, Any]] = []
        for update in updates:
            kind = next(key for key in update if key != "update_id")
            if kind not in allowed:
                dropped.append(update)
            else:
                batch.append(update)
                if len(batch) >= limit:
                    break
        for update in dropped:
            updates.remove(update)
        return batch

    async def set_webhook(self, p: Params, files: Files) -> bool:
        """setWebhook: updates are POSTed to the URL from now on (bot.sandbox.webhook)."""
        url = str(p.get("url") or "")
        if not url:
            return await self.delete_webhook(p, files)
        if not url.startswith(("http://", "https://")):
            raise bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        connections = p.get("max_connections", DEFAULT_MAX_CONNECTIONS)
        if not isinstance(connections, int) or not 1 <= connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        secret = p.get("secret_token")
        if secret is not None and not SECRET_TOKEN.match(str(secret)):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self.sim.allowed_updates = frozenset(allowed) or DEFAULT_ALLOWED
        if p.get("drop_pending_updates"):
            self.webhook.drop_pending()
        self.sim.webhook_url = url
        await self.webhook.configure(url, str(secret) if secret else None, connections)
        return True

    async def delete_webhook(self, p: Params, files: Files) -> bool:
        """deleteWebhook: undelivered updates go back to getUpdates' queue."""
        self.sim.webhook_url = ""
        await self.webhook.stop()
        if p.get("drop_pending_updates"):
            self.sim.updates.clear()
        return True

    async def get_webhook_info(self, p: Params, files: Files) -> dict[str, Any]:
        """getWebhookInfo."""
        return self.webhook.info()

    # ----- messages --------------------------------------------------------------------

    async def send_message(self, p: Params, files: Files) -> dict[str, Any]:
        """sendMessage."""
        chat = self.writable_chat(p)
        thread = self.thread(chat, p)
        text, plain, entities = self.text_param(p)
        markup = self.markup(p)
        msg = SimMessage(
            chat.last_message_id + 1,
            chat.id,
            True,
            self.sim.now(),
            text=text,
            parse_mode=p.get("parse_mode") or None,
            reply_markup=markup,
            plain=plain,
            entities=entities,
            thread_id=thread,
        )
        chat.last_message_id += 1
        return await self.sent(chat, msg, "sendMessage")

    async def edit_message_text(self, p: Params, files: Files) -> dict[str, Any]:
        """editMessageText (sending no reply_markup removes the inline keyboard)."""
        chat = self.chat(p)
        msg = self.message(chat, p, "message to edit not found")
        text, plain, entities = self.text_param(p)
        markup = self.markup(p)
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        if msg.text is None:
            raise bad_request("there is no text in the message to edit")
        if msg.plain == plain and msg.entities == entities and msg.reply_markup == markup:
            raise bad_request(NOT_MODIFIED)
        msg.text, msg.parse_mode = text, p.get("parse_mode") or None
        msg.plain, msg.entities, msg.reply_markup = plain, entities, markup
        return await self.edited(chat, msg)

    async def edit_message_caption(self, p: Params, files: Files) -> dict[str, Any]:
        """editMessageCaption."""
        chat = self.chat(p)
        msg = self.message(chat, p, "message to edit not found")
        caption, plain, entities = self.caption_param(p)
        markup = self.markup(p)
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        if msg.document is None and msg.photo is None:
            raise bad_request("there is no caption in the message to edit")
        if msg.plain == plain and msg.entities == entities and msg.reply_markup == markup:
            raise bad_request(NOT_MODIFIED)
        msg.caption, msg.parse_mode = caption, p.get("parse_mode") or None
        msg.plain, msg.entities, msg.reply_markup = plain, entities, markup
        return await self.edited(chat, msg)

    async def edit_message_reply_markup(self, p: Params, files: Files) -> dict[str, Any]:
        """editMessageReplyMarkup."""
        chat = self.chat(p)
        msg = self.message(chat, p, "message to edit not found")
        markup = self.markup(p)
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        if msg.reply_markup == markup:
            raise bad_request(NOT_MODIFIED)
        msg.reply_markup = markup
        return await self.edited(chat, msg)

    async def edited(self, chat: SimChat, msg: SimMessage) -> dict[str, Any]:
        """Mark a message edited, notify waiters, answer with the Message."""
        msg.edited = True
        msg.edit_date = self.sim.now()
        await self.sim.changed(chat, msg, bot_event=True)
        return self.sim.message_api(msg, chat)

    async def delete_message(self, p: Params, files: Files) -> bool:
        """deleteMessage."""
        chat = self.chat(p)
        msg = self.message(chat, p, "message to delete not found")
        msg.deleted = True
        await self.sim.changed(chat, msg, bot_event=True)
        return True

    async def delete_messages(self, p: Params, files: Files) -> bool:
        """deleteMessages: missing ones are skipped, as Telegram does."""
        chat = self.chat(p)
        ids = p.get("message_ids")
        if not isinstance(ids, list) or not ids:
            raise bad_request("message identifiers are not specified")
        for message_id in ids:
            msg = chat.messages.get(message_id) if isinstance(message_id, int) else None
            if msg is not None and not msg.deleted:
                msg.deleted = True
                await self.sim.changed(chat, msg, bot_event=True)
        return True

    async def answer_callback_query(self, p: Params, files: Files) -> bool:
        """answerCallbackQuery: each query can be answered once."""
        query_id = str(p.get("callback_query_id") or "")
        target = self.sim.callbacks.pop(query_id, None)
        if target is None:
            raise bad_request(QUERY_INVALID)
        answer = {
            "id": query_id,
            "text": p.get("text"),
            "show_alert": bool(p.get("show_alert")),
            "url": p.get("url"),
            "cache_time": p.get("cache_time"),
            "message_id": target[1],
            "version": 0,
        }
        self.sim.callback_answers[query_id] = answer
        chat = self.sim.chats.get(target[0])
        if chat is not None:
            chat.answers[query_id] = answer
            await self.sim.changed(chat, None, bot_event=False)
            answer["version"] = chat.version
        return True

    async def send_chat_action(self, p: Params, files: Files) -> bool:
        """sendChatAction."""
        self.writable_chat(p)
        if p.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    # ----- map pins --------------------------------------------------------------------

    @staticmethod
    def coordinate(p: Params, key: str, limit: float) -> float:
        """``latitude`` (±90) or ``longitude`` (±180) as a float, as Telegram checks them."""
        value: Any = p.get(key)
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise bad_request(f"wrong {key} specified") from None
        if not (math.isfinite(number) and -limit <= number <= limit):
            raise bad_request(f"wrong {key} specified")
        return number

    def location_param(self, p: Params) -> dict[str, Any]:
        """The Bot API ``Location`` of a sendLocation/sendVenue call."""
        return {
            "latitude": self.coordinate(p, "latitude", 90.0),
            "longitude": self.coordinate(p, "longitude", 180.0),
        }

    async def send_pin(
        self, p: Params, method: str, location: dict[str, Any], venue: dict[str, Any] | None
    ) -> dict[str, Any]:
        chat = self.writable_chat(p)
        thread = self.thread(chat, p)
        msg = SimMessage(
            chat.last_message_id + 1,
            chat.id,
            True,
            self.sim.now(),
            reply_markup=self.markup(p),
            thread_id=thread,
            location=location,
            venue=venue,
        )
        chat.last_message_id += 1
        return await self.sent(chat, msg, method)

    async def send_location(self, p: Params, files: Files) -> dict[str, Any]:
        """sendLocation: a pin on the map."""
        return await self.send_pin(p, "sendLocation", self.location_param(p), None)

    async def send_venue(self, p: Params, files: Files) -> dict[str, Any]:
        """sendVenue: a pin with the place's name and address (both required)."""
        location = self.location_param(p)
        title, address = p.get("title"), p.get("address")
        if not isinstance(title, str) or not title.strip():
            raise bad_request("venue title is empty")
        if not isinstance(address, str) or not address.strip():
            raise bad_request("venue address is empty")
        venue = {"location": location, "title": title, "address": address}
        return await self.send_pin(p, "sendVenue", location, venue)

    # ----- files -----------------------------------------------------------------------

    def input_file(self, p: Params, files: Files, key: str) -> tuple[SimFile | None, Upload]:
        """An already stored file (by file_id) or the uploaded part for ``key``."""
        value = p.get(key)
        upload = files.get(key)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
        if upload is not None:
            if not upload.data:
                raise bad_request("file must be non-empty")
            return None, upload
        if isinstance(value, str) and value:
            stored = self.sim.files.get(value)
            if stored is not None:
                return stored, Upload(stored.name, stored.mime, stored.data)
            if value.startswith(("http://", "https://")):
                raise bad_request("failed to get HTTP URL content")
            raise bad_request("wrong file identifier/HTTP URL specified")
        raise bad_request(f"there is no {key} in the request")

    async def send_document(self, p: Params, files: Files) -> dict[str, Any]:
        """sendDocument (multipart upload or file_id)."""
        chat = self.writable_chat(p)
        stored, upload = self.input_file(p, files, "document")
        caption, plain, entities = self.caption_param(p)
        if stored is None:
            name = upload.filename or "document"
            mime = mimetypes.guess_type(name)[0] or upload.content_type
            stored = self.sim.store_file(name, mime or "application/octet-stream", upload.data)
        return await self.send_file(
            chat, p, "sendDocument", caption, plain, entities, document=stored
        )

    async def send_file(
        self,
        chat: Any,
        p: Params,
        method: str,
        caption: str | None,
        plain: str,
        entities: Any,
        **file: Any,
    ) -> dict[str, Any]:
        """A bot message carrying a stored document or photo and its (checked) caption."""
        thread = self.thread(chat, p)
        msg = SimMessage(
            chat.last_message_id + 1,
            chat.id,
            True,
            self.sim.now(),
            caption=caption,
            parse_mode=p.get("parse_mode") or None,
            reply_markup=self.markup(p),
            plain=plain,
            entities=entities,
            thread_id=thread,
            **file,
        )
        chat.last_message_id += 1
        return await self.sent(chat, msg, method)

    async def send_photo(self, p: Params, files: Files) -> dict[str, Any]:
        """sendPhoto: the bytes must be an image, as Telegram re-encodes photos."""
        chat = self.writable_chat(p)
        stored, upload = self.input_file(p, files, "photo")
        caption, plain, entities = self.caption_param(p)
        if stored is None or not stored.width:
            size = image_size(upload.data)
            if size is None:
                raise bad_request("IMAGE_PROCESS_FAILED")
            stored = self.sim.store_file(
                upload.filename or "photo.jpg", "image/jpeg", upload.data, *size
            )
        return await self.send_file(chat, p, "sendPhoto", caption, plain, entities, photo=stored)

    async def get_file(self, p: Params, files: Files) -> dict[str, Any]:
        """getFile: the path works under ``server.base_file_url + token``."""
        stored = self.sim.files.get(str(p.get("file_id") or ""))
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "file_path": stored.file_path,
        }

    # ----- commands and bot profile ----------------------------------------------------

    async def set_my_commands(self, p: Params, files: Files) -> bool:
        """setMyCommands, stored per (scope, language_code); an empty list deletes."""
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[dict[str, str]] = []
        for item in commands:
            if not isinstance(item, dict):
                raise bad_request("can't parse BotCommand JSON object")
            command = str(item.get("command", "")).lstrip("/")
            description = str(item.get("description", ""))
            valid = 0 < len(command) <= 32 and all(
                c.isascii() and (c.isalnum() or c == "_") for c in command
            )
            if not valid:
                raise bad_request("BOT_COMMAND_INVALID")
            if not 0 < len(description) <= 256:
                raise bad_request("command description must be non-empty")
            cleaned.append({"command": command.lower(), "description": description})
        key = (scope_key(p.get("scope")), str(p.get("language_code") or ""))
        if cleaned:
            self.sim.commands[key] = cleaned
        else:
            self.sim.commands.pop(key, None)
        return True

    async def get_my_commands(self, p: Params, files: Files) -> list[dict[str, str]]:
        """getMyCommands for exactly that scope and language."""
        key = (scope_key(p.get("scope")), str(p.get("language_code") or ""))
        return list(self.sim.commands.get(key, []))

    async def delete_my_commands(self, p: Params, files: Files) -> bool:
        """deleteMyCommands."""
        key = (scope_key(p.get("scope")), str(p.get("language_code") or ""))
        self.sim.commands.pop(key, None)
        return True

    async def get_chat(self, p: Params, files: Files) -> dict[str, Any]:
        """getChat, answering the ChatFullInfo fields PTB requires."""
        chat = self.chat(p)
        data = chat.to_api()
        data["accent_color_id"] = 0
        data["max_reaction_count"] = 11
        data["accepted_gift_types"] = {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        }
        return data

    def set_text(self, field: str) -> Method:
        """setMyName/Description/ShortDescription, stored per language."""

        async def handler(p: Params, files: Files) -> bool:
            key = f"{field}:{p.get('language_code') or ''}"
            self.sim.bot_texts[key] = str(p.get(field) or "")
            return True

        return handler

    def get_text(self, field: str) -> Method:
        """getMyName/Description/ShortDescription."""

        async def handler(p: Params, files: Files) -> dict[str, str]:
            key = f"{field}:{p.get('language_code') or ''}"
            default = self.me["first_name"] if field == "name" else ""
            return {field: self.sim.bot_texts.get(key, default)}

        return handler
