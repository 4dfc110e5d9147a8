"""The kernel every package builds on: storage, the clock, languages and texts.

Nothing here imports `telegram` or `bot`: the domain packages (faq, scheduler,
registry) and the Telegram adapter (bot) both import from here, never the
other way round.
"""
