"""MkDocs hook: a lighter search index.

1. **What is indexed.** Component UI — forms, letter and answer templates, the calculator, checklist controls,
   storage notices, the progress page's copy of every checklist — carries ``data-search-exclude`` in its template
   (components/*/). Material's indexer means to skip such elements, but its parser matches elements by tag name
   only: the first nested ``</div>`` inside an excluded ``<div>`` ends the exclusion, and the rest of a form is
   indexed anyway. So this hook hands the indexer each page with the excluded elements already cut out (matched
   properly, nesting included); the page itself is rendered from the untouched HTML.
2. **How it is written.** Material writes ``search/search_index.json`` with ``json.dumps``' default
   ``ensure_ascii=True``: every Cyrillic letter becomes a six-byte ``\\uXXXX`` escape (two bytes in UTF-8). After the
   build (hooks run after the plugins listed in mkdocs.yml) the index is re-read and written back as UTF-8 with
   whitespace runs collapsed. The search worker parses it with ``JSON.parse`` either way: same entries, same results.

3. **What each entry carries.** Material's search matches a word as a prefix of a word in an entry (every query
   term gets a trailing ``*``; the index pipeline has no stemmer), and the result shows the entry's title and the
   paragraphs holding the match. All the prose of the guide is ≈ 30 KB gzip; the budget is 20 KB. So ``condense()``
   keeps in each entry (a page's lead or one section):

   - its **summary**: the first paragraph or list, cut at a sentence end within ``SUMMARY`` characters (or at a word,
     with «…») — what the result shows;
   - a hidden paragraph (``<p hidden>``) of the **words** it needs to be found: each word form of the guide is kept
     on the ``PAGES`` pages that use it most (in the section that uses it most, unless a title or summary of that
     page holds it already); a word that is the beginning of another kept word of the entry is left out (the query
     ``заказ*`` finds «заказа»).

   So a search for any word of the guide still finds it (``check_coverage()`` fails the build otherwise), on the
   pages that use it most and wherever a title or summary holds it; a page that merely mentions a common word is no
   longer listed for it. A hit in the hidden words shows the section's title without a teaser (the paragraph stays
   hidden). If the index outgrows its budget, lower SUMMARY first (PAGES = 1 loses the second page of a word).
4. **Words readers type that the guide writes otherwise** (data/search.yml: «пвз» for «пункт выдачи», «смс» for
   «SMS»): each is added to the hidden words of every entry whose full text holds one of its phrases; a phrase that
   occurs nowhere fails the build.

A build test keeps the index under its budget (20 KB gzip), free of form boilerplate, and every word of every page
findable.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

INDEX = Path("search") / "search_index.json"
EXCLUDE = "data-search-exclude"
SPACES = re.compile(r"\s{2,}")
TAG = re.compile(r"<[^>]*>")
SUMMARY = 150  # characters of an entry's first paragraph kept for the result's teaser (three lines on a phone)
PAGES = 2  # pages that keep each word (those that use it most), beyond those whose titles or summaries hold it
DEFAULT_SEPARATOR = r"[\s\-]+"  # lunr's, when the index names none
SENTENCE_END = re.compile(r"[.!?…](?=\s+[«\"A-ZА-ЯЁ0-9])")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr"}


class _ExcludedSpans(HTMLParser):
    """Finds the character ranges of the elements marked data-search-exclude (outermost ones, nesting honoured)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", html))]
        self.open: list[str] = []  # tags open since the current excluded element started
        self.start = 0
        self.spans: list[tuple[int, int]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.open:
            self.open.append(tag)
        elif any(name == EXCLUDE for name, _ in attrs):
            self.start, self.open = self.position(), [tag]

    def handle_startendtag(self, tag, attrs):
        pass  # <x/>: opens nothing

    def handle_endtag(self, tag):
        if tag not in self.open:
            return  # a stray end tag
        while self.open and self.open.pop() != tag:
            pass  # implicitly closed elements (e.g. <p> without </p>)
        if not self.open:
            end = self.rawdata.index(">", self.position()) + 1
            self.spans.append((self.start, end))


# Material's indexer drops tags it does not keep without a space: «<dt>Как отправить</dt><dd>Сначала» would index
# «отправитьСначала». A space after the end of a block keeps the words apart (compact() folds the extra ones).
BLOCK_END = re.compile(r"(</(?:dt|dd|li|td|th|tr|div|section|summary|details|figcaption|label|button)>)")


def without_excluded(html: str) -> str:
    """The HTML with every element marked data-search-exclude removed, with all its content."""
    if EXCLUDE not in html:
        return html
    parser = _ExcludedSpans(html)
    parser.feed(html)
    parser.close()
    kept, last = [], 0
    for start, end in parser.spans:
        kept.append(html[last:start])
        last = end
    kept.append(html[last:])
    return "".join(kept)


def compact(index: dict) -> dict:
    """The same index, whitespace runs in titles and texts collapsed to one space (HTML kept as Material made it)."""
    for doc in index.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = SPACES.sub(" ", doc[key]).strip()
    return index


def on_config(config):
    """Give Material's indexer each page without its excluded elements (see the module docstring, point 1)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is None or getattr(index.add_entry_from_context, "oz_wrapped", False):
        return config
    add_entry = index.add_entry_from_context

    def add_entry_without_excluded(page):
        rendered = page.content
        page.content = BLOCK_END.sub(r"\1 ", without_excluded(rendered))
        try:
            add_entry(page)
        finally:
            page.content = rendered

    add_entry_without_excluded.oz_wrapped = True
    index.add_entry_from_context = add_entry_without_excluded
    return config


def separator_of(index: dict) -> re.Pattern:
    """The word separator the index's search configuration names (Material's `separator` setting)."""
    return re.compile(index.get("config", {}).get("separator", DEFAULT_SEPARATOR))


def words(html: str, separator: re.Pattern) -> list[str]:
    """The words Material's search indexes in this text: split by the configured separator outside tags, lower
    case (internal/tokenize in Material's search worker)."""
    return [w.lower() for w in separator.split(TAG.sub(" ", html)) if w.strip()]


def blocks(html: str) -> list[str]:
    """The top-level elements of an entry's text (paragraphs, lists, tables) and any text between them."""
    found, depth, start = [], 0, 0
    for match in TAG.finditer(html):
        tag = match.group(0)
        if depth == 0 and html[start:match.start()].strip():
            found.append(html[start:match.start()])
        if tag.startswith("</"):
            depth = max(0, depth - 1)
            if depth == 0:
                found.append(html[start:match.end()])
                start = match.end()
        elif not tag.endswith("/>"):
            if depth == 0:
                start = match.start()
            depth += 1
    if html[start:].strip():
        found.append(html[start:])
    return found


def plain(html: str) -> str:
    """The text of some HTML, list items kept apart by «;» (a checklist reads «… не пропущен; Посчитана …»)."""
    html = re.sub(r"(?<![.!?;:…\s])(\s*)</li>", r";\1</li>", html)
    return re.sub(r" ([,.;:!?])", r"\1", SPACES.sub(" ", TAG.sub(" ", html))).strip().rstrip(";")


def summary(html: str) -> str:
    """An entry's teaser: the plain text of its first block (and the next ones while it is shorter than a line),
    within SUMMARY characters: cut at a sentence end, else at a word."""
    text = ""
    for block in blocks(html):
        text = (text + " " + plain(block)).strip()
        if len(text) >= SUMMARY // 3:
            break
    if len(text) <= SUMMARY:
        return text
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, SUMMARY)]
    if ends and ends[-1] >= SUMMARY // 3:
        return text[:ends[-1]]
    return text[:text.rfind(" ", 0, SUMMARY)].rstrip(",;:—– ") + " …"


def _prefixes(forms) -> set[str]:
    return {form[:n] for form in forms for n in range(1, len(form) + 1)}


def condense(index: dict) -> dict:
    """Each entry as its summary and the words it must keep to be found (module docstring, point 3)."""
    docs = index.get("docs", [])
    separator = separator_of(index)
    teasers = [summary(doc["text"]) for doc in docs]
    counts = [Counter(words(doc["text"], separator)) for doc in docs]
    covered = [_prefixes(words(doc["title"] + " " + teaser, separator))  # what already finds each entry
               for doc, teaser in zip(docs, teasers, strict=True)]
    where: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for i, (doc, counted) in enumerate(zip(docs, counts, strict=True)):  # word -> page -> [(occurrences, entry)]
        for form, n in counted.items():
            where[form][doc["location"].split("#")[0]].append((n, i))
    extra: list[set[str]] = [set() for _ in docs]
    for form, pages in where.items():
        ranked = sorted(pages.items(), key=lambda page: (-sum(n for n, _ in page[1]), page[0]))
        for _, entries in ranked[:PAGES]:  # the pages that use it most find it, in the entry that uses it most
            if not any(form in covered[i] for _, i in entries):
                extra[min(entries, key=lambda entry: (-entry[0], entry[1]))[1]].add(form)
    for doc, teaser, forms, counted in zip(docs, teasers, extra, counts, strict=True):
        kept = sorted(forms)
        kept = [f for j, f in enumerate(kept) if not (j + 1 < len(kept) and kept[j + 1].startswith(f))]
        order = {form: n for n, form in enumerate(counted)}  # first occurrence: words in reading order
        kept.sort(key=order.__getitem__)
        doc["text"] = (f"<p>{teaser}</p>" if teaser else "") + (
            f"<p hidden>{' '.join(kept)}</p>" if kept else "")
    return index


def _phrase_at(words_: list[str], phrase: list[str]) -> bool:
    """Whether each word of the phrase begins a word of the text, one after another."""
    return any(all(words_[i + j].startswith(p) for j, p in enumerate(phrase))
               for i in range(len(words_) - len(phrase) + 1))


def add_synonyms(full: dict, index: dict, synonyms: dict[str, tuple[str, ...]]) -> list[str]:
    """Add each synonym (data/search.yml) to the hidden words of every entry of `index` whose full text (in `full`,
    the same entries before condense()) holds one of its phrases. -> the phrases found nowhere."""
    separator = separator_of(full)
    texts = [words(doc["title"] + " " + doc["text"], separator) for doc in full["docs"]]
    unused = []
    for word, phrases in synonyms.items():
        for phrase in phrases:
            holding = [i for i, text in enumerate(texts) if _phrase_at(text, phrase.split())]
            if not holding:
                unused.append(phrase)
            for i in holding:
                doc = index["docs"][i]
                if word in words(doc["title"] + " " + doc["text"], separator):
                    continue
                hidden = re.search(r"<p hidden>([^<]*)</p>$", doc["text"])
                doc["text"] = (doc["text"][:hidden.start()] + f"<p hidden>{hidden.group(1)} {word}</p>" if hidden
                               else doc["text"] + f"<p hidden>{word}</p>")
    return unused


def _synonyms() -> dict[str, tuple[str, ...]]:
    """data/search.yml through the content loader (its shape is content/models.py Synonym)."""
    root = Path(__file__).resolve().parent.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from content.errors import DataError
    from content.loader import load_synonyms

    try:
        return load_synonyms(root / "data")
    except DataError as error:
        raise PluginError(str(error)) from None


def check_coverage(before: dict, after: dict) -> list[str]:
    """The word forms of the full index that no entry of the condensed one finds any more (should be none)."""
    separator = separator_of(before)
    wanted = {w for doc in before["docs"] for w in words(doc["title"] + " " + doc["text"], separator)}
    found = _prefixes(w for doc in after["docs"] for w in words(doc["title"] + " " + doc["text"], separator))
    return sorted(wanted - found)


def on_post_build(config) -> None:
    path = Path(config.site_dir) / INDEX
    if not path.exists():  # search plugin disabled
        return
    full = compact(json.loads(path.read_text(encoding="utf-8")))
    index = condense(json.loads(json.dumps(full)))
    lost = check_coverage(full, index)
    if lost:
        raise PluginError(f"search index: these words would not be found any more: {lost[:20]}")
    unused = add_synonyms(full, index, _synonyms())
    if unused:
        raise PluginError(f"data/search.yml: these phrases occur nowhere in the guide: {unused}")
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
