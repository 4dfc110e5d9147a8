"""Deep links into the bot (t.me/<bot>?start=<payload>) and Telegram's share sheet for them.

Telegram allows 1 to 64 characters of A-Z, a-z, 0-9, _ and - in a start payload. A
payload is `<feature>-<argument>`; /start hands the argument to the feature that
declared the prefix, which checks it against its own data (a payload is untrusted).
"""

from __future__ import annotations

import re
from urllib.parse import quote

MAX_PAYLOAD = 64
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def is_payload(text: str) -> bool:
    """Whether Telegram would carry `text` as a start payload unchanged."""
    return bool(_PAYLOAD.match(text))


def start_link(bot_username: str, payload: str) -> str:
    """The link that opens the bot with /start <payload>."""
    if not is_payload(payload):
        raise ValueError(f"not a start payload: {payload!r}")
    return f"https://t.me/{bot_username}?start={payload}"


def share_url(bot_username: str, payload: str, text: str) -> str:
    """Telegram's share sheet: the person picks a chat, the link and `text` go there."""
    link = quote(start_link(bot_username, payload), safe="")
    return f"https://t.me/share/url?url={link}&text={quote(text, safe='')}"
