"""The process tests' databases are dropped when the session ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scale.support import drop_created


@pytest.fixture(scope="session", autouse=True)
def _drop_scale_databases() -> Iterator[None]:
    yield
    drop_created()
