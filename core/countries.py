"""The countries Jol knows: the one list, each country's names, time zone, phone code and
the content languages its knowledge base must have.

Every other module takes the country list from here. A person whose country is not one
of these has the country `OTHER`: they get general (shared) information only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.languages import LANGUAGES, Language

Country = Literal["lt", "lv", "kz"]
COUNTRIES: tuple[Country, ...] = ("lt", "lv", "kz")
OTHER = "other"
# Old deployments and flat content folders are Lithuanian: Jol started there.
DEFAULT_COUNTRY: Country = "lt"


@dataclass(frozen=True, slots=True)
class CountryInfo:
    code: Country
    names: dict[str, str]  # the country's name in each interface language
    timezone: str  # the default IANA zone for events and reminders
    phone_code: str  # the international dialling code, with its +
    languages: tuple[Language, ...]  # content languages every topic of the country must have

    def name(self, lang: str) -> str:
        """The country's name in `lang`, or in English for a language Jol does not speak."""
        return self.names.get(lang, self.names["en"])


INFO: dict[str, CountryInfo] = {
    "lt": CountryInfo(
        code="lt",
        names={"ru": "Литва", "kk": "Литва", "lt": "Lietuva", "en": "Lithuania"},
        timezone="Europe/Vilnius",
        phone_code="+370",
        languages=("ru", "kk", "lt", "en"),
    ),
    "lv": CountryInfo(
        code="lv",
        names={"ru": "Латвия", "kk": "Латвия", "lt": "Latvija", "en": "Latvia"},
        timezone="Europe/Riga",
        phone_code="+371",
        languages=("ru", "en", "lt", "kk"),
    ),
    "kz": CountryInfo(
        code="kz",
        names={"ru": "Казахстан", "kk": "Қазақстан", "lt": "Kazachstanas", "en": "Kazakhstan"},
        timezone="Asia/Almaty",
        phone_code="+7",
        # Lithuanian is welcome in Kazakhstan's topics, not required.
        languages=("ru", "kk", "en"),
    ),
}


def is_country(code: str | None) -> bool:
    return code in INFO


def info(code: str) -> CountryInfo:
    """The country `code`; KeyError for `OTHER` or an unknown code."""
    return INFO[code]


def country_name(code: str, lang: str) -> str:
    """The country's name in `lang`; `OTHER` and unknown codes come back as they are."""
    found = INFO.get(code)
    return found.name(lang) if found is not None else code


def required_languages(code: str) -> tuple[Language, ...]:
    """The content languages a topic of `code` must have (all of them for an unknown code)."""
    found = INFO.get(code)
    return found.languages if found is not None else LANGUAGES


def normalize_country(code: str | None) -> str:
    """A known country code as it is, anything else (None, "", "ee") as `OTHER`."""
    if code is None:
        return OTHER
    code = code.strip().lower()
    return code if code in INFO else OTHER
