"""The deep-link argument that names one answer: `<country>_<topic id>` (?start=topic-…).

The country is the one the answer was shown for (the same id exists in several
countries); an older link carries the id alone. Parsed here, checked against the
content by the caller: a forged or unknown id is no crash, only no topic.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.countries import COUNTRIES, OTHER
from core.deeplinks import MAX_PAYLOAD
from faq.loader import TOPIC_ID

PREFIX = "topic"
_SEPARATOR = "_"


@dataclass(frozen=True, slots=True)
class TopicLink:
    topic_id: str
    # None: an older link without a country (the reader's own country is meant).
    country: str | None = None


def encode(country: str, topic_id: str) -> str | None:
    """The whole payload, or None when it would not fit Telegram's 64 characters."""
    payload = f"{PREFIX}-{country}{_SEPARATOR}{topic_id}"
    return payload if len(payload) <= MAX_PAYLOAD else None


def parse(argument: str) -> TopicLink | None:
    """`lt_work-permit` or `work-permit`; None for anything Jol never makes."""
    country, separator, topic_id = argument.rpartition(_SEPARATOR)
    if separator and country not in (*COUNTRIES, OTHER):
        return None
    if not TOPIC_ID.fullmatch(topic_id):
        return None
    return TopicLink(topic_id, country or None)
