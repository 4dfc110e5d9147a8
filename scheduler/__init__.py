"""Durable delivery: the outbox, the sender, quiet hours and broadcasts.

Nothing in this package imports ``telegram``: the Telegram side lives in
``bot/delivery.py`` (the transport) and ``bot/handlers/broadcast.py`` (the UI).
"""
