"""hooks/search_index.py: cutting out data-search-exclude elements (Material's own parser ends an exclusion at the
first nested element of the same tag) and writing the index as UTF-8."""

from __future__ import annotations

import importlib.util
import json
import re
from types import SimpleNamespace

from support import ROOT


def _load_hook(name: str):
    """A hook module from hooks/ (MkDocs loads them by path; they are not a package)."""
    spec = importlib.util.spec_from_file_location(f"hooks_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


search_index = _load_hook("search_index")


def test_an_excluded_element_goes_with_everything_nested_in_it():
    html = ('<p>до</p><div class="form" data-search-exclude><div><label>Поле</label><input id="x"></div>'
            '<div><p>ещё</div></div><p>после</p>\n<section data-search-exclude="">x</section><p>конец</p>')
    assert search_index.without_excluded(html) == "<p>до</p><p>после</p>\n<p>конец</p>"


def test_html_without_exclusions_is_untouched():
    html = "<h2 id=a>Заголовок</h2>\n<p>текст <br> и <img src=x></p>"
    assert search_index.without_excluded(html) == html


def test_the_index_is_rewritten_as_utf8_with_collapsed_whitespace(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "_synonyms", dict)  # data/search.yml's phrases are not in this toy index
    (tmp_path / "search").mkdir()
    path = tmp_path / "search" / "search_index.json"
    doc = {"location": "", "title": "Шаг  1", "text": "<p>Претензия \n  ок</p>"}
    data = {"config": {"lang": ["ru"]}, "docs": [doc]}
    path.write_text(json.dumps(data), encoding="utf-8")
    search_index.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    raw = path.read_text(encoding="utf-8")
    assert "Претензия ок" in raw and "\\u" not in raw
    assert json.loads(raw)["docs"][0]["title"] == "Шаг 1"


FILLER = "<p>" + "Вводный абзац без нужного слова, но достаточно длинный для краткого описания раздела. " * 3 + "</p>"
SEPARATOR = r'[\s\-,:;!?=\[\]()"/«»„“…]+|\.(?!\d)|&[lg]t;'


def _condensed(*texts: str, titles: tuple[str, ...] = (), pages: str = "") -> list[str]:
    """Entries with these texts; pages: one letter per entry, its page (default: all on one page)."""
    docs = [{"location": f"{pages[i] if pages else 'p'}/#s{i}", "title": titles[i] if i < len(titles) else
             f"Раздел {i}", "text": text} for i, text in enumerate(texts)]
    index = {"config": {"separator": SEPARATOR}, "docs": docs}
    full = json.loads(json.dumps(index))
    condensed = search_index.condense(index)
    assert search_index.check_coverage(full, condensed) == []
    return [doc["text"] for doc in condensed["docs"]]


def test_an_entry_keeps_its_first_paragraph_as_the_summary_and_hides_the_words_it_needs():
    [text] = _condensed("<p>Проверьте заказ.</p> <p>Посмотрите статус и поищите у соседей.</p>")
    # the first paragraph is shorter than a line: the next one joins the summary; nothing is left to hide
    assert text == "<p>Проверьте заказ. Посмотрите статус и поищите у соседей.</p>"
    long = "<p>" + "Первое предложение про претензию продавцу. " * 3 + "Дальше длинный текст " * 10 + "</p>"
    [text] = _condensed(long + "<ol><li>Снимите видео</li> <li>Сохраните чек</li></ol>")
    teaser, hidden = re.fullmatch(r"<p>([^<]*)</p><p hidden>([^<]*)</p>", text).groups()
    assert teaser.endswith("продавцу.") and len(teaser) <= search_index.SUMMARY
    assert hidden.split() == ["дальше", "длинный", "текст", "снимите", "видео", "сохраните", "чек"]


def test_a_summary_without_a_sentence_end_is_cut_at_a_word():
    text = "<p>" + "слово " * 60 + "</p>"
    cut = search_index.summary(text)
    assert cut.endswith("слово …") and len(cut) <= search_index.SUMMARY + 2 and len(cut) > search_index.SUMMARY - 8
    assert search_index.summary("<p>См. ст. 193 ГК. Это всё.</p>") == "См. ст. 193 ГК. Это всё."


def test_a_word_stays_on_the_pages_that_use_it_most_in_their_section_that_uses_it_most():
    texts = _condensed(FILLER + "<p>неустойка</p>", FILLER + "<p>неустойка неустойка</p>",
                       FILLER + "<p>неустойка неустойка</p>", FILLER + "<p>неустойка</p>",
                       FILLER + "<p>неустойка штрихкод</p>", pages="aabbc")
    assert [i for i, text in enumerate(texts) if "неустойка" in text] == [1, 2]  # PAGES = 2: pages a and b (3×, 2×)
    assert "штрихкод" in texts[4]  # a word of one entry stays there
    # a title or a summary on a page already finds the word there
    texts = _condensed(FILLER + "<p>неустойка</p>", FILLER + "<p>неустойка неустойка</p>",
                       titles=("Неустойка за просрочку",))
    assert "неустойка" not in texts[0] and "неустойка" not in texts[1]
    assert search_index.PAGES == 2


def test_a_word_that_begins_another_kept_word_is_left_out():
    [text] = _condensed(FILLER + "<p>заказ заказа заказы</p>")
    hidden = re.search(r"<p hidden>([^<]*)</p>", text).group(1).split()
    assert "заказ" not in hidden and {"заказа", "заказы"} <= set(hidden)


def test_coverage_names_the_words_a_condensed_index_would_lose():
    before = {"config": {"separator": SEPARATOR}, "docs": [{"location": "", "title": "Т", "text": "<p>чек камеры</p>"}]}
    after = {"config": {"separator": SEPARATOR}, "docs": [{"location": "", "title": "Т", "text": "<p>чеки</p>"}]}
    assert search_index.check_coverage(before, after) == ["камеры"]


def test_list_items_in_a_summary_stay_apart():
    assert search_index.summary("<ol><li>Срок не пропущен</li> <li>Посчитана сумма.</li> <li>Выбран суд</li></ol>") == (
        "Срок не пропущен; Посчитана сумма. Выбран суд")


def test_a_synonym_joins_the_hidden_words_of_the_entries_that_hold_its_phrase():
    full = {"config": {"separator": SEPARATOR}, "docs": [
        {"location": "a/", "title": "Поиск", "text": "<p>Сходите в пункте выдачи к сотруднику.</p>"},
        {"location": "b/", "title": "Код", "text": "<p>Код из SMS никому не называйте.</p><p hidden>никому</p>"},
        {"location": "c/", "title": "Другое", "text": "<p>Выдачи нет, пункт закрыт.</p>"}]}
    index = json.loads(json.dumps(full))
    unused = search_index.add_synonyms(full, index, {"пвз": ("пункт выдачи",), "смс": ("sms",), "x": ("нет такого",)})
    assert unused == ["нет такого"]
    texts = [doc["text"] for doc in index["docs"]]
    assert texts[0].endswith("<p hidden>пвз</p>") and texts[1].endswith("<p hidden>никому смс</p>")
    assert "пвз" not in texts[2]  # both words, but not one after the other
