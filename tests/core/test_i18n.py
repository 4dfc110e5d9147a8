"""Locales: every key everywhere, clean parses, variables the code really passes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fast

from core.i18n import (
    LOCALES_DIR,
    MissingMessage,
    Translator,
    message_variables,
)
from core.languages import LANGUAGES, negotiate

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", "ru"),
        ("kk", "kk"),
        ("lt", "lt"),
        ("en", "en"),
        ("kk-KZ", "kk"),
        ("ru-RU", "ru"),
        ("en_GB", "en"),
        ("LT", "lt"),
        ("uz", "ru"),
        ("ky", "ru"),
        ("tg", "ru"),
        ("pt-BR", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_negotiate(code: str | None, expected: str) -> None:
    assert negotiate(code, "en") == expected


def test_negotiate_uses_the_deployment_default() -> None:
    assert negotiate("pt-BR", "lt") == "lt"


def test_every_ftl_file_parses_cleanly() -> None:
    parser = FluentParser()
    files = sorted(LOCALES_DIR.glob("*/*.ftl"))
    assert files
    for path in files:
        resource = parser.parse(path.read_text(encoding="utf-8"))
        junk = [e for e in resource.body if isinstance(e, fast.Junk)]
        assert not junk, f"{path}: {[j.annotations[0].message for j in junk]}"


def test_same_files_and_keys_in_every_locale() -> None:
    files = {lang: {p.name for p in (LOCALES_DIR / lang).glob("*.ftl")} for lang in LANGUAGES}
    assert all(f == files["en"] for f in files.values()), files
    variables = message_variables()
    keys = {lang: set(variables[lang]) for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert keys[lang] == keys["en"], (
            f"{lang}: missing {sorted(keys['en'] - keys[lang])}, "
            f"extra {sorted(keys[lang] - keys['en'])}"
        )


def test_same_variables_in_every_locale() -> None:
    variables = message_variables()
    for key, expected in variables["en"].items():
        for lang in LANGUAGES:
            assert variables[lang][key] == expected, f"{lang}/{key}"


def _calls_in_code() -> list[tuple[str, str, set[str]]]:
    """(file, key, keyword names) for every t("key", …) call with a literal key."""
    found = []
    for package in ("bot", "faq", "scheduler"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name not in {"t", "format"}:
                    continue
                literal = [
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                if not literal or any(k.arg is None for k in node.keywords):
                    continue
                key = literal[-1]
                if "-" not in key or " " in key:
                    continue
                found.append((str(path.relative_to(ROOT)), key, {k.arg for k in node.keywords}))
    return found


def test_code_passes_every_variable_a_message_uses() -> None:
    variables = message_variables()["en"]
    calls = _calls_in_code()
    assert calls, "no t(...) calls found: the scan is broken"
    problems = []
    for path, key, passed in calls:
        if key not in variables:
            problems.append(f"{path}: unknown message {key}")
            continue
        missing = variables[key] - passed
        if missing:
            problems.append(f"{path}: {key} needs {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_fallback_chain_and_strict_mode(tmp_path: Path) -> None:
    for lang, body in {
        "en": "only-en = English\nboth = en both\n",
        "ru": "both = ru both\nonly-ru = Русский\n",
        "kk": "",
        "lt": "",
    }.items():
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "x.ftl").write_text(body, encoding="utf-8")
    t = Translator.load(tmp_path, strict=True)
    assert t("kk", "both") == "ru both"  # kk → ru
    assert t("kk", "only-en") == "English"  # kk → ru → en
    assert t("lt", "both") == "en both"  # lt → en, never ru
    with pytest.raises(MissingMessage):
        t("lt", "only-ru")


def test_variables_are_not_wrapped_in_isolation_marks() -> None:
    t = Translator.load(strict=True)
    text = t("en", "group-go-private", link="https://t.me/x")
    assert "\u2068" not in text and "https://t.me/x" in text


def test_help_names_every_command_of_the_public_menu() -> None:
    """/help and the command menu tell the same story, in every language."""
    from bot.app import FEATURES
    from core.i18n import Translator
    from core.languages import LANGUAGES

    t = Translator.load(strict=True)
    public = {name for feature in FEATURES for name, _key in feature.commands}
    # /start opens the bot, /cancel leaves a question, /help is this text itself.
    expected = public - {"start", "cancel", "help"}
    for lang in LANGUAGES:
        text = t(lang, "help-text")
        missing = sorted(c for c in expected if f"/{c}" not in text)
        assert missing == [], (lang, missing)


def test_no_topic_category_looks_like_the_menu_button() -> None:
    """Under an answer both can show: 🏠 means the menu, nothing else."""
    from core.i18n import Translator
    from core.languages import LANGUAGES
    from faq import CATEGORIES

    t = Translator.load(strict=True)
    for lang in LANGUAGES:
        home = t(lang, "menu-home").split()[0]
        marks = [t(lang, f"faq-category-{c.replace('_', '-')}").split()[0] for c in CATEGORIES]
        assert home not in marks, lang
        assert len(set(marks)) == len(marks), lang
