"""A local fake Telegram Bot API server for end-to-end tests, the web chat and benchmarks.

``from bot.sandbox import BotApiServer``; nothing here imports ``telegram``.
"""

from bot.sandbox.server import BotApiServer

__all__ = ["BotApiServer"]
