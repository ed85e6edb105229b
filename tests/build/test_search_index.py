"""The search index as the reader downloads it (hooks/search_index.py + data-search-exclude in components/*/)."""

from __future__ import annotations

import gzip
import json

TARGET = 20 * 1024  # the budget in the issue; not reachable with every page's prose indexed (see CEILING)
CEILING = 32 * 1024  # today's index is ≈ 30 KB gzip: prose only; this catches regressions (boilerplate creeping back)

# Texts of forms, letter templates, calculator, checklist and storage controls: never worth a search hit.
BOILERPLATE = [
    "(необязательно)", "Копировать текст", "Скачать .txt", "Запомнить на этом устройстве", "Стереть мои данные",
    "Отмечено:", "Не получается сохранить", "Снять отметки в этом шаге", "Калькулятор считает в браузере",
    "Чтобы заполнить письмо", "Сумма, которую списали за заказ", "Показать все способы",
    "Что ответить. Отправьте в чат заказа", "мне не передан. В приложении у него статус",  # an answer, a letter
    "Истец:", "Владельцу агрегатора Ozon:",  # letter bodies
]


def _index(built_site) -> tuple[bytes, dict]:
    raw = (built_site.site_dir / "search" / "search_index.json").read_bytes()
    return raw, json.loads(raw)


def test_the_index_is_utf8_not_escaped_and_within_its_ceiling(built_site):
    raw, index = _index(built_site)
    assert b"\\u04" not in raw, "Cyrillic must be written as UTF-8, not \\uXXXX"
    size = len(gzip.compress(raw, 9))
    assert size <= CEILING, f"search index is {size} bytes gzip"
    assert index["config"]["lang"] == ["ru"] and len(index["docs"]) > 50


def test_the_index_holds_no_component_boilerplate(built_site):
    _, index = _index(built_site)
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    found = [b for b in BOILERPLATE if b in text]
    assert found == []


def test_every_page_is_in_the_index(built_site):
    _, index = _index(built_site)
    site = built_site.site_dir
    pages = {p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")}
    indexed = {d["location"].split("#")[0] for d in index["docs"]}
    assert pages <= indexed, sorted(pages - indexed)


def test_words_of_adjacent_blocks_stay_apart(built_site):
    """A letter's «Как отправить» (<dt>) and its first word (<dd>) are two words in the index, not one."""
    _, index = _index(built_site)
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "Как отправить" in texts
    assert "отправитьСначала" not in texts and "отправитьЧерез" not in texts
