"""Telegram adapters, one module per feature.

Each module declares one ``FEATURE`` (`bot.handlers.common.Feature`): its
handlers, leftover handlers, commands, deep links and the conversations it
answers. ``bot.app.FEATURES`` lists them in order; ``bot.wiring`` builds the
services they use. No module builds services or keeps state of its own.
"""
