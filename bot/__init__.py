"""Jol: a Telegram bot for migrants and the NGOs that help them.

This package must stay importable without python-telegram-bot side effects:
domain packages (faq, scheduler, the event registry) import storage and
configuration from here.
"""

import os

# python-telegram-bot 22 is moving durations (RetryAfter.retry_after, …) from
# int to timedelta and warns on the old form; opt in once, here, so production
# and the tests (which turn warnings into errors) see the same types.
os.environ.setdefault("PTB_TIMEDELTA", "true")
