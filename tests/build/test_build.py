"""The real site: strict build, navigation, step pages, checklists and contacts, as a reader receives them."""

from __future__ import annotations

import gzip
import hashlib
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from support import ROOT, bundled_components, letter_pages, page_bundle

SEED_PHONE = re.compile(r"234[\s\-]*56[\s\-]*78")


def _page_html(site: Path, src: str) -> str:
    """Built HTML of a docs/ source path (use_directory_urls: a.md → a/index.html, index.md → index.html)."""
    rel = src[:-3]
    target = site / (rel.removesuffix("index") + "index.html" if rel.endswith("index") else rel + "/index.html")
    return target.read_text(encoding="utf-8")


def _nav_files(nav) -> list[str]:
    out = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out.extend(_nav_files(value) if isinstance(value, list) else [value])
    return out


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Collector()
    parser.feed(html)
    return parser.tags


def _mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _steps() -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "steps.yml").read_text(encoding="utf-8"))["steps"]


def test_strict_build_has_no_warnings(built_site):
    assert built_site.returncode == 0
    problems = [line for line in built_site.log.splitlines() if re.match(r"^(WARNING|ERROR)\b", line)]
    assert problems == []


def test_every_nav_page_is_built_and_linked_from_the_home_page(built_site):
    nav = _nav_files(_mkdocs_config()["nav"])
    home = _page_html(built_site.site_dir, "index.md")
    for src in nav:
        assert (ROOT / "docs" / src).is_file(), src
        html = _page_html(built_site.site_dir, src)
        assert '<html lang="ru"' in html, src
        if src != "index.md":
            slug = src.removesuffix("index.md") if src.endswith("/index.md") else src[:-3] + "/"
            assert f'href="{slug}"' in home or f'href="./{slug}"' in home, f"{src} is not reachable from the nav"


def test_every_step_page_has_its_checklist_and_a_next_step_link(built_site):
    steps = _steps()
    pages = {s["id"]: s["page"] for s in steps}
    for step in steps:
        tags = _tags(_page_html(built_site.site_dir, step["page"]))
        lists = [a for t, a in tags if a.get("data-checklist")]
        assert [a["data-checklist"] for a in lists] == [step["id"]], step["id"]
        boxes = [a["data-item"] for t, a in tags if t == "input" and "data-item" in a]
        assert boxes == [item["id"] for item in step["items"]]
        labels = {a.get("for") for t, a in tags if t == "label"}
        assert all(f"cl-{box}" in labels for box in boxes), "every checkbox needs a visible label"
        links = [a["href"] for t, a in tags if t == "a" and "oz-next__link" in a.get("class", "")]
        assert len(links) == 1, step["id"]
        if step.get("next"):
            expected = pages[step["next"]][len("shagi/"):-3]
            assert links[0] == f"../{expected}/", step["id"]


def test_checklist_ids_are_unique_across_the_site(built_site):
    seen: dict[str, str] = {}
    for html_file in built_site.site_dir.rglob("*.html"):
        for tag, attrs in _tags(html_file.read_text(encoding="utf-8")):
            if tag == "input" and "data-item" in attrs and attrs.get("type") == "checkbox":
                item = attrs["data-item"]
                if html_file.parent.name == "progress":
                    continue  # the progress overview lists every item again, by design
                assert item not in seen, f"{item} on {html_file} and {seen[item]}"
                assert re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+", item), item
                seen[item] = str(html_file)
    assert len(seen) == sum(len(s["items"]) for s in _steps())


def test_every_contact_block_is_complete(built_site):
    contacts = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))["contacts"]
    ids = {c["id"] for c in contacts}
    contacts_page = _page_html(built_site.site_dir, "kontakty.md")
    used = set(re.findall(r'data-contact="([^"]+)"', contacts_page))
    assert used == ids, "the Контакты page shows every contact, and only known ones"
    for html_file in built_site.site_dir.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for block in re.findall(r'<div class="oz-contact[^"]*" data-contact="([^"]+)">(.*?)</div>', text):
            contact_id, body = block
            assert contact_id in ids
            assert "Источник:" in body and "проверено" in body, contact_id
    phones = [c for c in contacts if c["channel"] == "phone"]
    assert phones, "at least one phone contact"
    for c in phones:
        digits = re.sub(r"\D", "", c["value"])
        shown = c["value"].replace(" ", "\u00a0")  # hooks/typography.py keeps the number on one line
        assert f'href="tel:+7{digits[1:]}"><span class="oz-nowrap">{shown}</span></a>' in contacts_page, c["id"]


def test_seed_errors_are_not_published(built_site):
    for html_file in built_site.site_dir.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert not SEED_PHONE.search(text), html_file
        assert "ozon.ru/context/support" not in text, html_file
        # the seed's unsupported promise of a «персональный менеджер» (personal data requests are fine)
        assert not re.search(r"персональн\w* менеджер", text.lower()), html_file


def test_search_is_russian(built_site):
    config = (built_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["ru"]' in config.replace(" ", "")


def test_home_page_triage_leads_to_steps(built_site):
    tags = _tags(_page_html(built_site.site_dir, "index.md"))
    hrefs = {a.get("href", "") for t, a in tags if t == "a"}
    for step in _steps():
        assert any(h.startswith(step["page"][:-3] + "/") for h in hrefs), f"home page never links to {step['page']}"


def test_our_js_and_css_are_served_minified_under_content_hashed_names(built_site):
    """hooks/assets.py: the core bundle of each kind (every component without a `page-scoped` marker) is linked from
    every page; a page that shows page-scoped components links one page bundle of each kind that holds them; every
    name is the hash of what is served, and every bundle is minified."""
    site = built_site.site_dir
    home = (site / "index.html").read_text(encoding="utf-8")
    components = ROOT / "components"
    for kind in ("js", "css"):
        (served,) = (site / "assets").glob(f"guide.*.{kind}")
        assert f"assets/{served.name}" in home
        core = [f for f in components.glob(f"*/*.{kind}") if not (f.parent / "page-scoped").exists()]
        assert core, kind
        names = {f.parent.name for f in core}
        first = [name for name in ("storage", "base") if name in names]  # then alphabetical
        assert bundled_components(served.read_text(encoding="utf-8"), f".{kind}") == first + sorted(names - {*first})
        page_bundles = list((site / "assets").glob(f"page.*.{kind}"))
        assert page_bundles, kind
        for built in [served, *page_bundles]:
            text = built.read_text(encoding="utf-8")
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
            assert built.name.endswith(f".{digest}.{kind}"), "the name is the hash of what is served"
            held = bundled_components(text, f".{kind}")
            assert held, built.name
            sources = [f for name in held for f in (components / name).glob(f"*.{kind}")]
            # Minified: smaller than the readable sources, and no source comment survives.
            assert len(text) < sum(len(f.read_text(encoding="utf-8")) for f in sources)
            assert "/*" not in text and "\n  " not in text
            if built in page_bundles:
                assert all((components / name / "page-scoped").exists() for name in held), built.name
    assert not list(site.rglob("components")), "sources are not published"


OWN_ASSET = re.compile(r'(?:src|href)="([^"]*assets/[a-z-]+\.[0-9a-f]{10}\.(?:js|css))"')


def own_assets_per_page(site: Path) -> dict[str, int]:
    """Each built page -> the gzip bytes of our own JS+CSS it loads (core bundles + its page bundles)."""
    sizes = {}
    for html in sorted(site.rglob("*.html")):
        links = {posixpath.basename(u) for u in OWN_ASSET.findall(html.read_text(encoding="utf-8"))}
        sizes[html.relative_to(site).as_posix()] = sum(
            len(gzip.compress((site / "assets" / name).read_bytes(), compresslevel=9, mtime=0)) for name in links)
    return sizes


# The budget: our own JS+CSS as a page serves it, at most 6 KB gzip, or 8 KB counting the service worker (sw.js,
# fetched once per deploy). Every page is within 6 KB but the pages that carry the deadline engine (the calculator,
# the claim and the court claim), which are within 8 KB with the worker, and «Моё дело» (the engine, the order
# fields, the case and the ticks' list), over it until the planners decide (README.md, «Measured figures»): its
# allowance is a little over the measured figure, held here so that it cannot grow unnoticed.
BUDGET = 6 * 1024
WITH_WORKER = 8 * 1024
ALLOWANCES = {"delo/index.html": 9877}  # measured: 9872
WORKER = 1024  # sw.js, fetched once per deploy


def test_own_js_and_css_as_served_fit_the_budget(built_site):
    """Our own JS+CSS that a page loads, as the reader downloads it (minified, gzip): at most 6 KB on every page
    without the deadline engine, 8 KB with the worker on those with it, «Моё дело» within its allowance; the worker
    within 1 KB."""
    site = built_site.site_dir
    sizes = own_assets_per_page(site)
    assert sizes["index.html"] > 0 and len(sizes) > 10
    worker = len(gzip.compress((site / "sw.js").read_bytes(), compresslevel=9, mtime=0))
    assert worker <= WORKER, f"the service worker is {worker} bytes gzip"
    over = {}
    for page, size in sizes.items():
        scripts = bundled_components(page_bundle(site, (site / page).read_text(encoding="utf-8"), ".js"), ".js")
        limit = ALLOWANCES.get(page, WITH_WORKER - worker if "deadlines" in scripts else BUDGET)
        if size > limit:
            over[page] = (size, limit)
    assert not over, f"pages over the budget (gzip bytes, limit): {over}"
    assert set(ALLOWANCES) <= set(sizes), "an allowance names a page that is no longer built"
    reading = [size for page, size in sizes.items() if size <= BUDGET]
    assert len(reading) >= 15, "most pages are reading pages within 6 KB"


def test_page_bundles_hold_exactly_the_components_a_page_shows(built_site):
    """hooks/assets.py: a page's bundle holds a page-scoped component's script exactly when the page shows that
    component's root (or what it requires); a page that shows none links no page bundle."""
    site = built_site.site_dir
    scoped = sorted(p.parent.name for p in (ROOT / "components").glob("*/page-scoped"))
    assert {"checklist", "letters"} <= set(scoped)
    step = _page_html(site, "shagi/pretenziya.md")
    home = _page_html(site, "index.md")
    assert "data-oz-checklist" in step and bundled_components(page_bundle(site, step, ".js"), ".js") == ["checklist"]
    assert "data-oz-checklist" not in home and page_bundle(site, home, ".js") == page_bundle(site, home, ".css") == ""
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        scripts = bundled_components(page_bundle(site, text, ".js"), ".js")
        for name in scoped:
            if re.search(rf"data-oz-{name}(?![\w-])", text) and (ROOT / "components" / name / f"{name}.js").exists():
                assert name in scripts, f"{html}: {name} root without its JS"
        if not any(re.search(rf"data-oz-{name}(?![\w-])", text) for name in scoped):
            assert not scripts, f"{html}: page-scoped scripts {scripts} with no root of theirs"


def test_pages_that_show_the_same_components_share_one_page_bundle(built_site):
    """One file per set of components, cached once for every page that shows that set (the letters' pages)."""
    site = built_site.site_dir
    bundles = {}
    for page in ("pisma/soobshchenie-v-chat.md", "pisma/zapros-zapisey-s-kamer.md", "pisma/pretenziya.md"):
        bundles[page] = re.findall(r'assets/page\.[0-9a-f]{10}\.js', _page_html(site, page))
    assert bundles["pisma/soobshchenie-v-chat.md"] == bundles["pisma/zapros-zapisey-s-kamer.md"]
    assert bundles["pisma/soobshchenie-v-chat.md"] != bundles["pisma/pretenziya.md"]  # it counts: the engine too


def test_the_case_page_loads_what_its_script_needs_first(built_site):
    """«Моё дело» (requires: deadlines fields): the engine and the order fields come before case.js in its one script;
    the case file's ticks are listed by ticks.js (the page holds data-checklist-entry). Neither the checklists (boxes,
    progress, their styles) nor the letters (text assembly, copy, download and print) are loaded there."""
    site = built_site.site_dir
    html = _page_html(site, "delo.md")
    scripts = bundled_components(page_bundle(site, html, ".js"), ".js")
    assert scripts[:3] == ["deadlines", "fields", "case"] and "ticks" in scripts
    assert "checklist" not in scripts and "letters" not in scripts and not re.search(r"data-oz-letters(?![\w-])", html)
    styles = bundled_components(page_bundle(site, html, ".css"), ".css")
    assert "case" in styles and "checklist" not in styles


STEP_LETTERS = {"support-chat": "chat", "evidence": "camera", "claim": "claim", "bank-dispute": "bank",
                "rospotrebnadzor": "rospotrebnadzor", "court": "court"}


def test_step_pages_link_to_the_letter_they_need(built_site):
    letters = {letter["id"]: letter["anchor"] for letter in yaml.safe_load(
        (ROOT / "data" / "letters.yml").read_text(encoding="utf-8"))["letters"]}
    assert set(STEP_LETTERS.values()) == set(letters), "every letter is offered on a step page"
    pages = {s["id"]: s["page"] for s in _steps()}
    for step, letter in STEP_LETTERS.items():
        hrefs = {a.get("href") for t, a in _tags(_page_html(built_site.site_dir, pages[step])) if t == "a"}
        assert f"../../pisma/{letters[letter]}/" in hrefs, step


def test_each_letter_has_its_own_page_and_the_index_keeps_the_old_anchors(built_site):
    """One letter per page, with the remember / erase block. An old link pisma/#<anchor> (when all letters were on
    one page) lands on the letter's entry on the index, whose heading links to the letter's page: it works without
    JavaScript too (with it, letters-index.js follows the link)."""
    index = _page_html(built_site.site_dir, "pisma/index.md")
    assert not re.search(r"data-oz-letters(?![\w-])", index)  # the index is a list, not forms
    for letter_id, path in letter_pages().items():
        anchor = path.removeprefix("pisma/").removesuffix("/")
        assert f'<h2 id="{anchor}"><a href="{anchor}/">' in index, letter_id
        html = (built_site.site_dir / path / "index.html").read_text(encoding="utf-8")
        assert re.findall(r'data-letter="([^"]+)"', html) == [letter_id]
        assert html.count("data-fields-privacy") == 1 and 'href="../"' in html, letter_id


def test_on_a_letter_page_the_letter_comes_before_the_notes(built_site):
    """A stressed reader on a phone meets the letter's fields, its text and «Копировать текст» first; «Запомнить»,
    «Стереть мои данные» and the production-calendar note come after the letter, not two screens of notes before it."""
    for letter_id, path in letter_pages().items():
        html = (built_site.site_dir / path / "index.html").read_text(encoding="utf-8")
        copy = html.index("data-clipboard-target")
        assert copy < html.index("data-fields-privacy"), letter_id
        if "data-oz-deadlines" in html:
            assert copy < html.index("data-oz-deadlines"), letter_id


def test_the_bank_steps_payment_choice_is_styled_without_the_fields_script(built_site):
    """The route's radios use the order fields' form styles (route: requires fields.css): on the bank step, which has
    no order fields, the page bundle carries those styles but not the fields' script."""
    site = built_site.site_dir
    html = _page_html(site, "shagi/osparivanie-platezha.md")
    assert "fields" in bundled_components(page_bundle(site, html, ".css"), ".css")
    assert bundled_components(page_bundle(site, html, ".js"), ".js") == ["checklist", "route"]


def test_no_number_or_phone_can_break_across_lines(built_site):
    """hooks/typography.py: in the text of every page, no ordinary space inside a grouped number or before % and ₽,
    and every phone number written out is kept on one line."""
    found = {}
    for path in built_site.site_dir.rglob("*.html"):
        texts = re.findall(r">([^<]+)<", path.read_text(encoding="utf-8"))
        bad = [hit for text in texts for hit in re.findall(r"\d (?:\d{3}(?!\d)|[%₽])", text)]
        if bad:
            found[path.relative_to(built_site.site_dir).as_posix()] = bad[:5]
    assert found == {}
    contacts = (built_site.site_dir / "kontakty" / "index.html").read_text(encoding="utf-8")
    assert '<span class="oz-nowrap">8\u00a0800\u00a0300-30-00</span>' in contacts


def test_a_letter_calls_a_field_optional_only_when_it_leaves_no_blank(built_site):
    """«(необязательно)» next to a field the letter always shows would leave «[дата статуса]» in a letter the reader
    thought complete: the camera letter needs the status date in both its variants, the e-mail only if given."""
    html = _page_html(built_site.site_dir, "pisma/zapros-zapisey-s-kamer.md")

    def optional(field: str) -> bool:
        label = re.search(rf'<label for="lf-camera-{field}">(.*?)</label>', html, re.S)
        assert label, field
        return "необязательно" in label.group(1)

    assert not optional("status-on") and not optional("buyer-name")
    assert optional("buyer-email") and optional("time-window")
    # the bank letter: its notice for a payment from the Ozon balance is not a variant that does without the dates
    bank = _page_html(built_site.site_dir, "pisma/zayavlenie-v-bank.md")
    for field, expected in (("paid-on", False), ("claim-on", False), ("pay-time", True)):
        label = re.search(rf'<label for="lf-bank-{field}">(.*?)</label>', bank, re.S).group(1)
        assert ("необязательно" in label) is expected, field


def test_a_letter_page_says_how_to_log_its_sending_in_the_case(built_site):
    """After copying a letter, the reader is told which event of «Моё дело» records it (data/case.yml `letter:`), so
    the case counts the next term; a letter no event sends (the camera request) says nothing of the kind."""
    site = built_site.site_dir
    claim = _page_html(site, "pisma/pretenziya.md")
    line = re.search(r"Отправили\? Отметьте в <a href=\"([^\"]+)\">«Моё дело»</a> «([^»]+)»", claim)
    assert line and line.group(1) == "../../delo/" and line.group(2) == "Отправил(а) претензию"
    assert "а потом — «Претензию получили" in claim  # the seller's 10 days run from receipt
    assert claim.index("Копировать текст") < claim.index("Отправили? Отметьте")
    assert "Отправили? Отметьте" not in _page_html(site, "pisma/zapros-zapisey-s-kamer.md")
    # The chat letter demands the money or the delivery: an event for each (only the money starts the seller's 10 days).
    chat = _page_html(site, "pisma/soobshchenie-v-chat.md")
    chat = re.search(r"<p data-search-exclude=\"\">(.*?)</p>", chat).group(1)
    assert chat.startswith("Отправили? Отметьте в "), chat
    assert ("«Потребовал(а) вернуть деньги (в чате заказа)» или «Потребовал(а) доставить заказ к новому сроку (в "
            "чате заказа)» с датой.") in chat


def test_the_fraud_page_shows_the_bank_without_the_dispute_advice(built_site):
    """Someone who just gave an SMS code away needs the bank's number and «block the card», not the 180 days and «the
    claim and its answer» of a payment dispute."""
    site = built_site.site_dir
    block = re.search(r'data-contact="your-bank"[^>]*>(.*?)</div>', _page_html(site, "moshenniki.md"), re.S).group(1)
    assert "с оборота вашей карты" in block and "Источник:" in block
    assert "Что подготовить" not in block and "180 дней" not in block
    dispute = re.search(r'data-contact="your-bank"[^>]*>(.*?)</div>', _page_html(site, "shagi/osparivanie-platezha.md"),
                        re.S).group(1)
    assert "Что подготовить" in dispute and "180 дней" in dispute
