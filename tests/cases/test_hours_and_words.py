"""Office hours as people write them, and words of danger as people type them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cases.hours import HoursError, parse_hours
from cases.urgent import Danger, detect


def test_office_hours_open_closed_and_the_next_opening() -> None:
    hours = parse_hours("Mon-Fri 09:00-18:00; Sat 10:00-14:00 Europe/Vilnius", "UTC")
    friday_evening = datetime(2026, 12, 4, 17, 30, tzinfo=UTC)  # 19:30 in Vilnius
    assert not hours.is_open(friday_evening)
    opening = hours.next_opening(friday_evening)
    assert opening is not None and opening.isoformat() == "2026-12-05T10:00:00+02:00"
    assert hours.is_open(datetime(2026, 12, 7, 7, 0, tzinfo=UTC))  # Monday 09:00
    assert parse_hours("", "Europe/Riga").next_opening(friday_evening) is None


@pytest.mark.parametrize(
    "text",
    [
        "Mon-Fry 09:00-18:00",
        "Mon-Fri 9-18",
        "Fri-Mon 09:00-18:00",
        "Mon 18:00-09:00",
        "Mon 09:00-18:00 Mars/Base",
    ],
)
def test_office_hours_that_do_not_read(text: str) -> None:
    with pytest.raises(HoursError):
        parse_hours(text, "UTC")


@pytest.mark.parametrize(
    ("text", "danger"),
    [
        ("работодатель забрал мой паспорт", Danger.PASSPORT),
        ("rabotodatel zabral pasport i ne otdaet", Danger.PASSPORT),
        ("паспортымды алып қойды", Danger.PASSPORT),
        ("darbdavys atėmė mano pasą", Danger.PASSPORT),
        ("my boss keeps my passport", Danger.PASSPORT),
        ("муж бьёт меня", Danger.VIOLENCE),
        ("he hits me every day", Danger.VIOLENCE),
        ("мені ұрады", Danger.VIOLENCE),
        ("mane muša", Danger.VIOLENCE),
        ("нас заперли на складе", Danger.TRAFFICKING),
        ("they do not let me leave the house", Danger.TRAFFICKING),
        ("не хочу жить", Danger.SUICIDE),
        ("ne hochu zhit", Danger.SUICIDE),
        ("өзімді өлтіргім келеді", Danger.SUICIDE),
        ("nenoriu gyventi", Danger.SUICIDE),
        ("I want to kill myself", Danger.SUICIDE),
    ],
)
def test_words_of_danger_in_four_languages(text: str, danger: Danger) -> None:
    assert detect(text) == danger


@pytest.mark.parametrize(
    "text",
    [
        "как получить паспорт",
        "угроза депортации, что делать",
        "lost my passport",
        "pasą pamečiau",
        "работа на складе",
        "how long is a permit valid",
        "привет",
    ],
)
def test_ordinary_questions_are_not_alarms(text: str) -> None:
    assert detect(text) is None
