"""Numbers live once: a page never types a legal deadline, percentage or amount by hand. It prints them with
{{ fact("id") }} from data/facts.yml, so a corrected number changes everywhere at once. The scan runs over the
Markdown sources of docs/ with every {{ … }} macro call removed; what remains must not look like a legal number."""

from __future__ import annotations

import re

import pytest

from support import ROOT

DOCS = ROOT / "docs"

# What a hand-typed legal number looks like.
PATTERNS = {
    "days": re.compile(r"\d+\s*(?:-?\s*)?(?:дн|календарн|рабоч)", re.IGNORECASE),
    "percent": re.compile(r"\d+(?:[,.]\d+)?\s*%"),
    "roubles": re.compile(r"\d[\d\s\u00a0]*₽"),
    "years": re.compile(r"\b\d{1,2}\s*(?:год|лет)"),  # "3 года", not "в 2026 году"
    "hours": re.compile(r"\b\d+\s*(?:час|минут)"),
}

# Numbers that are not legal facts: worked examples of the calculator's arithmetic, with the page they live on.
# Keep this list short and explicit; a new entry needs a reason.
ALLOWED = {
    "kalkulyator.md": [
        "на 20.11 — 10 дней",  # example: promised 10.11, counted on 20.11
        "10 000 ₽ за 10 дней — 500 ₽; за 250 дней — 10 000 ₽",  # example of the penalty arithmetic and its cap
        "«10 дней с 26.11 → 05.12,",  # the calculator's own explanation of the ст. 193 example, quoted
    ],
}

MACRO = re.compile(r"\{\{.*?\}\}", re.DOTALL)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def hand_typed_numbers(text: str, allowed: list[str]) -> list[str]:
    """The legal-looking numbers a Markdown source types by hand (macros, front matter and allowed phrases removed)."""
    text = FRONT_MATTER.sub("", text)
    text = MACRO.sub(" ", text)
    for phrase in allowed:
        text = text.replace(phrase, " ")
    found = []
    for kind, pattern in PATTERNS.items():
        found += [f"{kind}: «{m.group(0).strip()}»" for m in pattern.finditer(text)]
    return found


def _pages():
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


@pytest.mark.parametrize("page", _pages())
def test_pages_do_not_type_legal_numbers_by_hand(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    found = hand_typed_numbers(text, ALLOWED.get(page, []))
    assert found == [], f"docs/{page} types numbers by hand; use {{{{ fact(\"…\") }}}}: {found}"


def test_allowed_phrases_still_exist():
    """An allow-list entry that no longer occurs would silently allow nothing; keep the list honest."""
    for page, phrases in ALLOWED.items():
        text = (DOCS / page).read_text(encoding="utf-8")
        for phrase in phrases:
            assert phrase in text, f"docs/{page}: allowed phrase «{phrase}» no longer occurs"


@pytest.mark.parametrize("sample", [
    "Деньги вернут в течение 10 дней.",
    "Ответ — за 10 рабочих дней.",
    "Неустойка 0,5 % в день.",
    "Без госпошлины до 1 000 000 ₽.",
    "Срок давности — 3 года.",
    "Удерживают 6 часов.",
    "У банка 180 календарных дней.",
])
def test_the_check_catches_hand_typed_numbers(sample):
    assert hand_typed_numbers(sample, []), sample


@pytest.mark.parametrize("sample", [
    'Деньги вернут в течение {{ fact("prepaid-refund-days") }}.',
    "Статья 23.1 п. 3 и ст. 12 п. 2.1 ЗоЗПП, ПП № 2463, 500-ФЗ от 28.12.2025.",
    "Претензию получили 25.11.2026.",
    "В 2026 году Минпромторг подготовил новые правила.",
])
def test_the_check_lets_macros_and_article_numbers_through(sample):
    assert hand_typed_numbers(sample, []) == [], sample
