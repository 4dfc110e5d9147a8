"""The outbox's Telegram side: a Transport over PTB's Bot, and a standalone worker.

The transport uses a Bot of its own, without PTB's AIORateLimiter: the sender
paces itself and must see every RetryAfter (a limiter that retried quietly
would hide flood control from the pacer that has to slow everyone down).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from datetime import timedelta

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    MessageId,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.aiohttp_request import AiohttpRequest, AnswerLost
from bot.config import Settings
from core.clock import Clock, SystemClock
from core.cluster import Processes
from core.storage import Database
from scheduler.content import Attachment, Buttons, Rendered
from scheduler.quiet import QuietHours
from scheduler.sender import Sender
from scheduler.shared_rate import SharedPacer
from scheduler.transport import Blocked, Rejected, RetryLater, Transient, Unconfirmed

log = logging.getLogger(__name__)


def _markup(rows: Buttons | None) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.callback_data, url=b.url) for b in row]
            for row in rows
        ]
    )


def _input(attachment: Attachment) -> str | InputFile:
    if attachment.file_id is not None:
        return attachment.file_id
    assert attachment.data is not None
    return InputFile(attachment.data, filename=attachment.filename or "file")


def _seconds(value: object) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)  # type: ignore[arg-type]


class TelegramTransport:
    """Sends a Rendered message with a PTB Bot and maps Telegram's errors for the sender."""

    def __init__(
        self,
        token: str,
        base_url: str,
        base_file_url: str,
        *,
        pool_size: int = 64,
        read_timeout: float = 15.0,
    ) -> None:
        request = AiohttpRequest(
            pool_size=pool_size,
            read_timeout=read_timeout,
            write_timeout=read_timeout,
            connect_timeout=5.0,
        )
        self.bot = Bot(token, base_url=base_url, base_file_url=base_file_url, request=request)

    @classmethod
    def from_settings(
        cls, settings: Settings, *, pool_size: int = 64, read_timeout: float = 15.0
    ) -> TelegramTransport:
        if settings.bot_token is None:
            raise ValueError("BOT_TOKEN is required to send")
        return cls(
            settings.bot_token.get_secret_value(),
            settings.telegram_api_url,
            settings.telegram_file_url,
            pool_size=pool_size,
            read_timeout=read_timeout,
        )

    async def start(self) -> None:
        await self.bot.initialize()

    async def stop(self) -> None:
        await self.bot.shutdown()

    async def send(self, chat_id: int, message: Rendered) -> int:
        try:
            sent = await self._send(chat_id, message)
        except RetryAfter as exc:
            raise RetryLater(_seconds(exc.retry_after), "Too Many Requests") from exc
        except Forbidden as exc:
            raise Blocked(exc.message) from exc
        except (BadRequest, ChatMigrated, InvalidToken) as exc:
            # BadRequest is a NetworkError subclass: it must be caught first.
            raise Rejected(str(exc)) from exc
        except AnswerLost as exc:
            # The request went out and the answer did not come back: Telegram may
            # have delivered it. Sending again could make two copies.
            raise Unconfirmed("no answer within the read timeout") from exc
        except NetworkError as exc:
            # Connect timeouts, connection errors and 5xx: nothing was taken, retry.
            raise Transient(f"{type(exc).__name__}: {exc}"[:200]) from exc
        except TelegramError as exc:
            raise Transient(f"{type(exc).__name__}: {exc}"[:200]) from exc
        return sent.message_id

    async def _send(self, chat_id: int, message: Rendered) -> Message | MessageId:
        markup = _markup(message.buttons)
        attachment = message.attachment
        thread = message.thread_id
        if message.copy_from is not None:
            from_chat, message_id = message.copy_from
            return await self.bot.copy_message(
                chat_id,
                from_chat,
                message_id,
                message_thread_id=thread,
                caption=message.text,
                parse_mode=ParseMode.HTML if message.text is not None else None,
                reply_markup=markup,
            )
        if attachment is None:
            return await self.bot.send_message(
                chat_id,
                message.text or "",
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                message_thread_id=thread,
            )
        caption = message.text or None
        if attachment.kind == "photo":
            return await self.bot.send_photo(
                chat_id,
                _input(attachment),
                caption=caption,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                message_thread_id=thread,
            )
        return await self.bot.send_document(
            chat_id,
            _input(attachment),
            caption=caption,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            message_thread_id=thread,
        )


def build_sender(
    settings: Settings,
    db: Database,
    clock: Clock,
    transport: TelegramTransport,
    **overrides: object,
) -> Sender:
    """The sender with the deployment's rate, attempts and quiet hours."""
    kwargs: dict[str, object] = {
        "rate_per_second": settings.send_rate_per_second,
        "max_attempts": settings.send_max_attempts,
        "per_chat_limits": settings.send_per_chat_limits,
        "quiet": QuietHours(settings.quiet_window, settings.zone),
    }
    if not db.is_sqlite and not {"pacer", "rate_per_second"} & overrides.keys():
        # Several senders may run: the rate and flood waits are the deployment's.
        kwargs["pacer"] = SharedPacer(
            db,
            settings.send_rate_per_second,
            processes=Processes(db, SystemClock()),
            per_chat=settings.send_per_chat_limits,
        )
        kwargs["exclusive_chats"] = True
    kwargs.update(overrides)
    return Sender(db, clock, transport, **kwargs)  # type: ignore[arg-type]


async def run_worker(
    settings: Settings,
    *,
    poll_seconds: float = 5.0,
    stop: asyncio.Event | None = None,
    **overrides: object,
) -> int:
    """The sender as a process of its own (the Procfile `worker`, the crash benchmark)."""
    db = Database(settings.database_url, max_connections=settings.database_connections)
    await db.migrate()
    transport = TelegramTransport.from_settings(settings)
    await transport.start()
    sender = build_sender(settings, db, SystemClock(), transport, **overrides)
    if db.is_sqlite:
        # SQLite means one sender process: rows left "sending" are this deployment's own.
        await sender.release_orphans()
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    sender.start(poll_seconds=poll_seconds)
    log.info("outbox worker %s running", sender.worker_id)
    try:
        await stop.wait()
    finally:
        await sender.stop()
        await transport.stop()
        await db.dispose()
    return 0
