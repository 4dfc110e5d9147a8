"""Logging: ids and event names, never message texts, names or phone numbers.

Jol's own log calls pass ids only. Libraries are another matter: PTB logs whole
API calls and updates at DEBUG (and a batch it cannot parse at CRITICAL), its
webhook handler logs the request body, SQLAlchemy logs statement parameters and
result rows, and any exception's message may quote what a person typed
(``invalid literal for int() with base 10: '…'``). So every log record, from
any logger and for any handler, is scrubbed when it is made (a record factory,
`install_privacy_filter`), before a handler or formatter sees it:

- values of personal fields in dumps (``text``, ``caption``, ``first_name``,
  ``phone_number``, callback ``data``…), in reprs (``text='…'``) and JSON
  (``"text": "…"``);
- phone numbers written with ``+`` or with separators (``8 612 34567``);
- bot tokens (the Bot API URL carries one);
- in records from libraries, and in every exception message, any quoted string
  at all: a library that dumps a structure we did not foresee still prints
  ``'…'`` instead of the person's words.

An exception's traceback is rebuilt from its frames (file, line, code: the
project's source, not data) with each message scrubbed the same way.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from typing import Any

# Loggers whose messages are Jol's own (ids and event names by review and by test);
# everything else is a library, whose quoted strings all go.
OWN_LOGGERS = frozenset({"bot", "core", "faq", "registry", "scheduler", "bench", "__main__"})
# APScheduler quotes the names of the jobs Jol gave it ('Job "events_sweep…" missed'):
# those stay readable (its records still lose personal fields and phone numbers).
QUOTES_KEPT = frozenset({"apscheduler"})

# Telegram fields (and our own payload fields) that hold what a person wrote or is called.
PERSONAL_FIELDS = (
    "text",
    "caption",
    "first_name",
    "last_name",
    "username",
    "phone_number",
    "phone",
    "name",
    "title",
    "question",
    "query",
    "data",
    "description",
    "bio",
    "address",
    "vcard",
    "email",
    "quote",
    "explanation",
    "file_name",
    "emoji_status_custom_emoji_id",
)
HIDDEN = "'…'"
_QUOTED = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_FIELD = re.compile(
    r"""(['"]?\b(?:""" + "|".join(PERSONAL_FIELDS) + r""")['"]?\s*[:=]\s*)""" + _QUOTED,
    re.DOTALL,
)
# A quote that opens a string: not an apostrophe inside a word ("can't"), but b'…'.
_ANY_QUOTED = re.compile(r"(?:(?<![^\W\d_])|(?<=[^\w][bBuUrR]))" + _QUOTED, re.DOTALL)
_TOKEN = re.compile(r"(?<!\d)\d{5,12}:[A-Za-z0-9_-]{20,}")
_PLUS_PHONE = re.compile(r"(?<![\w+])\+\d(?:[ ().-]{0,3}\d){6,14}(?!\w)")
_SPACED_DIGITS = re.compile(r"(?<![\w.:/+-])\(?\d{1,5}\)?(?:[ ()-]{1,3}\d{1,5}\)?){2,6}(?![\w.:/])")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PHONE = "[phone]"
_MAX_EXCEPTION_CHARS = 500


def _spaced_phone(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    if digits < 7 or _DATE.match(found):
        return found
    return PHONE


def scrub(text: str, *, quoted: bool) -> str:
    """The text without personal values; `quoted` also hides every quoted string."""
    text = _TOKEN.sub("<token>", text)
    if quoted:
        text = _ANY_QUOTED.sub(HIDDEN, text)
    text = _FIELD.sub(lambda m: m.group(1) + HIDDEN, text)
    text = _PLUS_PHONE.sub(PHONE, text)
    return _SPACED_DIGITS.sub(_spaced_phone, text)


def _exception_message(exc: BaseException) -> str:
    try:
        message = str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__ must not break logging
        message = "<unprintable>"
    message = scrub(message, quoted=True)
    if len(message) > _MAX_EXCEPTION_CHARS:
        message = message[:_MAX_EXCEPTION_CHARS] + "…"
    name = type(exc).__qualname__
    module = type(exc).__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    return f"{name}: {message}" if message else name


def format_exception(exc: BaseException) -> str:
    """A traceback like Python's, each exception's message scrubbed."""
    chain: list[tuple[BaseException, str | None]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link: str | None = None
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = (
                current.__cause__,
                "The above exception was the direct cause of the following exception:",
            )
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = (
                current.__context__,
                "During handling of the above exception, another exception occurred:",
            )
        else:
            current = None
    parts: list[str] = []
    for item, item_link in reversed(chain):
        block = ""
        if item.__traceback__ is not None:
            frames = traceback.extract_tb(item.__traceback__)
            block = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))
        parts.append(block + _exception_message(item))
        if item_link is not None:
            parts.append(item_link)
    return "\n\n".join(parts)


def _keeps_quotes(name: str) -> bool:
    root = name.split(".", 1)[0]
    return root in OWN_LOGGERS or root in QUOTES_KEPT


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """Render the record's message now, scrubbed, and its exception likewise."""
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - bad arguments: keep the template only
        message = str(record.msg)
    record.msg = scrub(message, quoted=not _keeps_quotes(record.name))
    record.args = ()
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = format_exception(record.exc_info[1])
        # No handler may format the original exception (and its message) again.
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = scrub(record.exc_text, quoted=True)
    return record


_installed: list[Callable[..., logging.LogRecord]] = []


def install_privacy_filter() -> None:
    """Scrub every log record made in this process from now on (idempotent)."""
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub_record(previous(*args, **kwargs))

    _installed.append(previous)
    logging.setLogRecordFactory(factory)


def configure_logging(level: str) -> None:
    install_privacy_filter()
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL, and the URL carries the bot token (scrubbed too).
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
