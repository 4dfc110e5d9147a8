"""The Hypothesis profile for this suite: nothing that depends on wall-clock time.

The suite runs on small shared machines: a per-example deadline or the "too slow"
health check would fail a correct test on a busy machine. The number of examples
is set per test where it matters.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings


def register_profiles() -> None:
    settings.register_profile("jol", deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("jol")
