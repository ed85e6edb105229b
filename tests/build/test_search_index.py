"""The search index as the reader downloads it (hooks/search_index.py + data-search-exclude in components/*/)."""

from __future__ import annotations

import gzip
import html
import json
import re

from support import load_hook

BUDGET = 20 * 1024  # gzip; today ≈ 19.2 KB (hooks/search_index.py: SUMMARY and PAGES decide what an entry keeps)
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)

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


def test_the_index_is_utf8_not_escaped_and_within_its_budget(built_site):
    raw, index = _index(built_site)
    assert b"\\u04" not in raw, "Cyrillic must be written as UTF-8, not \\uXXXX"
    size = len(gzip.compress(raw, 9))
    assert size <= BUDGET, f"search index is {size} bytes gzip"
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
    texts = " ".join(doc["text"] for doc in index["docs"]).lower()
    assert "отправить" in texts
    assert "отправитьсначала" not in texts and "отправитьчерез" not in texts


def test_every_word_a_page_shows_is_found_by_search(built_site):
    """Each word of each page's prose (what the reader sees, less the component UI) is the beginning of a word in
    the index — Material's search matches prefixes — although entries keep a summary and the words they need."""
    hook = load_hook("search_index")
    _, index = _index(built_site)
    separator = re.compile(index["config"]["separator"])
    found = hook._prefixes(w for doc in index["docs"] for w in hook.words(doc["title"] + " " + doc["text"], separator))
    missed, seen = {}, 0
    for path in sorted(built_site.site_dir.rglob("index.html")):
        article = ARTICLE.search(path.read_text(encoding="utf-8"))
        if not article:
            continue
        prose = re.sub(r"<(script|style|template)\b.*?</\1>|<a class=\"headerlink\".*?</a>", " ",
                       hook.without_excluded(article.group(1)), flags=re.S)  # the ¶ of a heading is no word
        shown = set(hook.words(html.unescape(prose), separator))
        seen += len(shown)
        lost = sorted(shown - found)
        if lost:
            missed[path.relative_to(built_site.site_dir).as_posix()] = lost[:10]
    assert missed == {}
    assert seen > 3000  # the pages were read


def test_an_entry_is_its_summary_and_hidden_words(built_site):
    """What the result shows is prose from the section's start; the words kept for finding it stay hidden."""
    _, index = _index(built_site)
    shape = re.compile(r"(?:<p>[^<]+</p>)?(?:<p hidden>[^<]+</p>)?")
    assert [d["location"] for d in index["docs"] if not shape.fullmatch(d["text"])] == []
    teasers = [re.match(r"<p>([^<]+)</p>", d["text"]) for d in index["docs"]]
    assert len([t for t in teasers if t]) > 100
    assert max(len(t.group(1)) for t in teasers if t) <= 152  # SUMMARY characters, «…» after a cut word
