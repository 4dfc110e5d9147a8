"""Button data: short, versioned, and forged data is recognised as such."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import callbacks


def test_round_trip() -> None:
    data = callbacks.encode("ev", "reg", 12, "on")
    assert data == "ev:v1:reg:12:on"
    button = callbacks.parse(data)
    assert button == callbacks.Button("ev", "reg", ("12", "on"))
    assert button.arg_int(0) == 12
    assert button.arg_int(1) is None
    assert button.arg_int(5) is None


@pytest.mark.parametrize(
    "forged",
    ["", "ev", "ev:v0:reg:1", "ev:v1", "ev:v1:reg:<script>", "x" * 65, "ev:v1:reg:1:" + "9" * 60],
)
def test_forged_data_is_rejected(forged: str) -> None:
    assert callbacks.parse(forged) is None


def test_encode_refuses_text_and_long_data() -> None:
    with pytest.raises(ValueError):
        callbacks.encode("ev", "reg", "some text")
    with pytest.raises(ValueError):
        callbacks.encode("ev", "reg", *(["1234567890"] * 6))


@given(st.text(max_size=80))
def test_parse_never_raises(data: str) -> None:
    button = callbacks.parse(data)
    if button is not None:
        assert len(data.encode()) <= callbacks.MAX_BYTES
