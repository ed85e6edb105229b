"""Material's search on the built site, with the lighter index (hooks/search_index.py): a word that only one page
uses finds that page — for every page in the navigation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# A word a reader might type, found in the prose of exactly one page (not in a form or a letter template); a letter
# page's own prose is short, so for one of them the word is in its title.
DISTINCTIVE = {
    "": "ситуацию",
    "shagi/proverka-zakaza/": "отменённые",
    "shagi/poisk-posylki/": "штрихкодом",
    "shagi/chat-podderzhki/": "опаздывает",
    "shagi/dokazatelstva/": "свидетелей",
    "shagi/pretenziya/": "реквизиты",
    "shagi/osparivanie-platezha/": "чарджбэк",
    "shagi/rospotrebnadzor/": "мораторий",
    "shagi/sud/": "подсудность",
    "otvety-ozon/": "фразами",
    "progress/": "мессенджере",
    "pisma/": "запоминание",
    "pisma/soobshchenie-v-chat/": "переписки",
    "pisma/pretenziya/": "надёжнее",
    "pisma/zayavlenie-v-bank/": "отделении",
    "pisma/zhaloba-v-rospotrebnadzor/": "жалоба",
    "pisma/isk/": "подачей",
    "pisma/zapros-zapisey-s-kamer/": "экземпляра",
    "delo/": "отмечайте",
    "kalkulyator/": "копейки",
    "prava/": "дистанционно",
    "kontakty/": "горячей",
    "moshenniki/": "продиктовать",
    "istochniki/": "устарели",
}


# Words readers type that the guide writes otherwise (data/search.yml): found on a page that uses the guide's word.
COLLOQUIAL = {"пвз": "shagi/poisk-posylki/", "смс": "moshenniki/", "чарджбек": "shagi/osparivanie-platezha/"}


def test_a_word_from_each_page_finds_that_page(page, site_server, built_site):
    built = {p.relative_to(built_site.site_dir).as_posix().removesuffix("index.html")
             for p in built_site.site_dir.rglob("index.html")}
    assert set(DISTINCTIVE) <= built
    page.goto(site_server)
    page.keyboard.press("/")
    search, meta = page.locator(".md-search__input"), page.locator(".md-search-result__meta")
    page.wait_for_function(  # the worker has loaded the index
        "() => !document.querySelector('.md-search-result__meta').innerText.includes('Инициализация')", timeout=15000)
    idle = meta.inner_text()  # what Material shows for an empty query
    missed = {}
    for word, path in [*((w, p) for p, w in DISTINCTIVE.items()), *COLLOQUIAL.items()]:
        search.fill(word)
        page.keyboard.press("End")  # Material reads the query on keyup
        page.wait_for_function("idle => document.querySelector('.md-search-result__meta').innerText !== idle", arg=idle,
                               timeout=15000)
        found = page.eval_on_selector_all(".md-search-result__link",
                                          "links => links.map(a => new URL(a.href).pathname)")
        if not any(f.endswith("/ozon-propal-zakaz/" + path) for f in found):
            missed[word] = sorted(set(found))[:5]
        search.fill("")
        page.keyboard.press("End")
        page.wait_for_function("idle => document.querySelector('.md-search-result__meta').innerText === idle", arg=idle)
    assert missed == {}
    assert page.errors == []


def test_a_pasted_or_dictated_query_is_searched_without_a_key(page, site_server):
    """Material reads the query on keyup; text pasted from a menu or dictated comes as an input event only
    (components/base/base.js gives it the keyup)."""
    page.goto(site_server)
    page.keyboard.press("/")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').innerText.includes('Инициализация')", timeout=15000)
    page.locator(".md-search__input").evaluate(
        "el => { el.value = 'подсудность'; el.dispatchEvent(new InputEvent('input', {bubbles: true, "
        "inputType: 'insertFromPaste'})) }")
    link = page.locator(".md-search-result__link").first
    link.wait_for(timeout=15000)
    assert "/shagi/sud/" in link.get_attribute("href")
    assert page.errors == []


def test_a_result_shows_the_sections_summary_never_its_hidden_words(page, site_server, built_site):
    """hooks/search_index.py: an entry is its summary + a hidden paragraph of the words that find it. A hit in the
    summary shows it with the word marked; a hit in the hidden words shows the section's title, no word list."""
    import json
    import re

    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "shagi/dokazatelstva/#kamery")
    teaser, hidden = re.fullmatch(r"<p>([^<]+)</p><p hidden>([^<]+)</p>", entry["text"]).groups()
    word = next(w for w in hidden.split() if len(w) > 6 and sum(
        w in d["text"].lower() or w in d["title"].lower() for d in index["docs"]) == 1)  # found here only
    page.goto(site_server)
    page.keyboard.press("/")
    search, meta = page.locator(".md-search__input"), page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').innerText.includes('Инициализация')", timeout=15000)
    idle = meta.inner_text()
    for query, shows_teaser in ((word, False), ("перезаписываются", True)):
        search.fill(query)
        page.keyboard.press("End")
        page.wait_for_function("idle => document.querySelector('.md-search-result__meta').innerText !== idle", arg=idle,
                               timeout=15000)
        article = page.locator(".md-search-result__article", has_text=entry["title"]).first
        shown = article.inner_text(timeout=15000)
        assert hidden.split()[1] not in shown and word not in shown  # the word list is never visible
        assert (teaser[:30] in shown) == shows_teaser, shown
        if shows_teaser:
            assert article.locator("mark").first.is_visible()
        search.fill("")
        page.keyboard.press("End")
        page.wait_for_function("idle => document.querySelector('.md-search-result__meta').innerText === idle", arg=idle)
    assert page.errors == []
