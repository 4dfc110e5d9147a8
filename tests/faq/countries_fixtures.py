"""Small topic files of Kazakhstan, Latvia and shared content, written into tmp folders.

The real kz/ and lv/ content is written on other branches; these are just enough
for the tests to reason about countries. Lithuania's folder is the shipped one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import faq

CONTENT = Path(faq.__file__).with_name("content")

SOURCE_NAMES = {
    "en": "Ministry of Labour",
    "ru": "Министерство труда",
    "lt": "Darbo ministerija",
    "kk": "Еңбек министрлігі",
}


def topic_yaml(
    topic_id: str,
    texts: dict[str, tuple[str, list[str], list[str]]],
    *,
    category: str = "work",
    countries: list[str] | None = None,
    valid_until: str | None = None,
    source_langs: tuple[str, ...] | None = None,
) -> str:
    """A topic file; `texts` maps a language to (title, keywords, phrasings).

    Line numbers: id 1, category 2, reviewed 3, then valid_until and countries (when
    given) on the next lines, in that order."""
    lines = [f"id: {topic_id}", f"category: {category}", "reviewed: 2026-11-01"]
    if valid_until is not None:
        lines.append(f"valid_until: {valid_until}")
    if countries is not None:
        lines.append(f"countries: [{', '.join(countries)}]")
    lines += ["sources:", "  - url: https://www.enbek.gov.kz/ru", "    name:"]
    for lang in source_langs or tuple(texts):
        lines.append(f"      {lang}: {SOURCE_NAMES[lang]}")
    for lang, (title, keywords, phrasings) in texts.items():
        lines += [
            f"{lang}:",
            f"  title: {title}",
            "  answer: |",
            f"    {title}.",
            "",
            "    What to do: ask the institution.",
            f"  keywords: [{', '.join(keywords)}]",
            "  phrasings:",
            *[f"    - {p}" for p in phrasings],
        ]
    return "\n".join(lines) + "\n"


KZ_UNPAID = {
    "ru": (
        "Работодатель в Казахстане не платит зарплату",
        ["зарплата", "долг по зарплате", "невыплата зарплаты"],
        [
            "работодатель не платит зарплату",
            "не выплатили зарплату",
            "задерживают зарплату",
            "как вернуть зарплату",
            "зарплату не дают",
        ],
    ),
    "kk": (
        "Қазақстанда жұмыс беруші жалақы төлемейді",
        ["жалақы", "жалақы қарызы"],
        [
            "жалақы төлемейді",
            "жалақымды бермей жүр",
            "жалақы кешіктіру",
            "жалақыны қалай алуға болады",
            "жұмыс беруші ақша бермейді",
        ],
    ),
    "en": (
        "My employer in Kazakhstan does not pay my wages",
        ["wages", "salary", "unpaid"],
        [
            "employer does not pay",
            "salary not paid",
            "unpaid wages",
            "boss owes me money",
            "how to get my wages back",
        ],
    ),
}

LV_WORK_PERMIT = {
    "ru": (
        "Разрешение на работу в Латвии",
        ["разрешение на работу", "работа"],
        [
            "нужно ли разрешение на работу",
            "как получить разрешение на работу",
            "можно ли работать без разрешения",
            "работодатель оформляет разрешение",
            "рабочая виза",
        ],
    ),
    "en": (
        "Work permit in Latvia",
        ["work permit", "right to work"],
        [
            "do i need a work permit",
            "how to get a work permit",
            "can i work without a permit",
            "employer applies for work permit",
            "work visa",
        ],
    ),
    "lt": (
        "Leidimas dirbti Latvijoje",
        ["leidimas dirbti", "darbas"],
        [
            "ar reikia leidimo dirbti",
            "kaip gauti leidima dirbti",
            "ar galima dirbti be leidimo",
            "darbdavys gauna leidima",
            "darbo viza",
        ],
    ),
    "kk": (
        "Латвияда жұмысқа рұқсат",
        ["жұмысқа рұқсат", "жұмыс"],
        [
            "жұмысқа рұқсат керек пе",
            "жұмысқа рұқсатты қалай алуға болады",
            "рұқсатсыз жұмыс істеуге бола ма",
            "жұмыс беруші рұқсат алады",
            "жұмыс визасы",
        ],
    ),
}

SHARED_SCHENGEN = {
    "ru": (
        "Сколько дней можно находиться в Шенгене",
        ["шенген", "правило 90 из 180"],
        [
            "правило 90 180",
            "сколько дней в шенгене",
            "шенгенская зона 90 дней",
            "поездки по шенгену",
            "превысил 90 дней шенген",
        ],
    ),
    "en": (
        "How many days may I stay in the Schengen area",
        ["schengen", "90/180 rule"],
        [
            "90 180 rule",
            "how many days in schengen",
            "schengen area 90 days",
            "travel around schengen",
            "overstayed 90 days schengen",
        ],
    ),
    "lt": (
        "Kiek dienų galima būti Šengeno erdvėje",
        ["sengenas", "90 iš 180"],
        [
            "90 180 taisykle",
            "kiek dienu sengene",
            "sengeno erdve 90 dienu",
            "keliones po sengena",
            "virsijau 90 dienu",
        ],
    ),
    "kk": (
        "Шенген аймағында қанша күн болуға болады",
        ["шенген", "90/180 ережесі"],
        [
            "90 180 ережесі",
            "шенгенде қанша күн",
            "шенген аймағы 90 күн",
            "шенген бойынша саяхат",
            "90 күннен асып кеттім",
        ],
    ),
}


Texts = dict[str, tuple[str, list[str], list[str]]]


def ru_kk_en(texts: Texts) -> Texts:
    return {lang: texts[lang] for lang in ("ru", "kk", "en")}


def build_root(root: Path, *, with_lt: bool = True) -> Path:
    """A content root: the shipped lt/, and kz/, lv/, shared/ fixture topics."""
    if with_lt:
        shutil.copytree(CONTENT / "lt", root / "lt")
        # The tests run on a fixed day; the shipped topics are dated as reviewed by then,
        # and their yearly figures as current (their own dates are checked elsewhere).
        for path in (root / "lt").glob("*.yaml"):
            lines = path.read_text(encoding="utf-8").splitlines()
            lines = [
                "reviewed: 2026-11-01" if line.startswith("reviewed:") else line
                for line in lines
                if not line.startswith("valid_until:")
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "kz").mkdir(parents=True, exist_ok=True)
    (root / "lv").mkdir(exist_ok=True)
    (root / "shared").mkdir(exist_ok=True)
    (root / "kz" / "unpaid-wages.yaml").write_text(
        topic_yaml("unpaid-wages", KZ_UNPAID), encoding="utf-8"
    )
    (root / "lv" / "work-permit.yaml").write_text(
        topic_yaml("work-permit", LV_WORK_PERMIT), encoding="utf-8"
    )
    (root / "shared" / "schengen-days.yaml").write_text(
        topic_yaml("schengen-days", SHARED_SCHENGEN, category="documents", countries=["lt", "lv"]),
        encoding="utf-8",
    )
    return root
