"""Telegram adapters, one module per feature.

Each module exposes ``handlers() -> list[BaseHandler]`` and may expose
``COMMANDS`` (command, Fluent key of its description), ``DEEP_LINKS``
(start-payload prefix → coroutine), ``setup(application, services)`` and
``teardown(application, services)``. ``bot.app.FEATURES`` lists them in order.
"""
