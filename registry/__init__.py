"""The event registry: domain logic for events, registrations and waiting lists.

No `telegram` import here: handlers call these functions and render the results.
"""

from registry.models import (
    CancelResult,
    CheckInResult,
    Counts,
    EditOutcome,
    EditResult,
    Event,
    EventCard,
    EventDraft,
    EventStatus,
    EventText,
    Mode,
    OfferResult,
    RegisterOutcome,
    RegisterResult,
    Registration,
    RegStatus,
    Report,
)
from registry.service import Registry

__all__ = [
    "CancelResult",
    "CheckInResult",
    "Counts",
    "EditOutcome",
    "EditResult",
    "EventCard",
    "Event",
    "EventDraft",
    "EventStatus",
    "EventText",
    "Mode",
    "OfferResult",
    "RegStatus",
    "RegisterOutcome",
    "RegisterResult",
    "Registration",
    "Registry",
    "Report",
]
