"""Jol: a Telegram bot for migrants and the NGOs that help them.

This package must stay importable without python-telegram-bot side effects:
domain packages (faq, scheduler, the event registry) import storage and
configuration from here.
"""
