"""`python -m bench registration` stays runnable: a small race, in the domain and over HTTP."""

from __future__ import annotations

from bench.registration import on_sqlite, over_http
from tests.support import shared_library


async def test_the_small_race_is_exact_and_has_a_baseline() -> None:
    run = await on_sqlite(60, 5)
    assert (run.confirmed, run.waitlisted, run.errors) == (5, 55, 0)
    assert run.inserts_per_s > 0 and run.insert_ratio > 0


async def test_the_race_through_the_bot_is_exact() -> None:
    run = await over_http(40, 4, library=shared_library())
    assert (run.confirmed, run.waitlisted, run.errors) == (4, 36, 0)
