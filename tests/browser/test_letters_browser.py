"""Fill-in letters in a real browser: live preview, shared fields across the letter pages, copy / download / print,
privacy, no HTML injection, old anchors of the single letters page. The site is the real build, served under the
GitHub Pages sub-path (see conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import letter_pages

pytestmark = pytest.mark.browser

KEY = "ozon-propal-zakaz:letters"
NB = "\u00a0"
PAGES = letter_pages()  # letter id -> "pisma/<anchor>/"


def open_letter(page, site_server, letter_id="claim"):
    page.goto(site_server + PAGES[letter_id])
    page.wait_for_selector("[data-letter-actions]:not([hidden])")


def follow(page, link_selector: str, url_glob: str):
    """Click a link (Material makes a page's links absolute: match the end of href) and wait for the page it opens;
    it must be instant navigation, not a reload."""
    page.evaluate("() => { window.__samePage = true }")
    page.locator(link_selector).first.click()
    page.wait_for_url(url_glob)
    page.wait_for_selector(".md-content")
    assert page.evaluate("() => window.__samePage") is True, "instant navigation, not a reload"


def to_letter(page, letter_id: str):
    """From a letter page to another one, as a reader goes: «Все письма», then the letter's title on the index."""
    follow(page, ".md-content a[href$='/pisma/']", "**/pisma/")
    follow(page, f".md-content a[href$='/{PAGES[letter_id]}']", f"**/{PAGES[letter_id]}")
    page.wait_for_selector(f"[data-letter='{letter_id}'] [data-letter-actions]:not([hidden])")


def text(page, letter_id: str) -> str:
    return page.locator(f"#lt-{letter_id}").evaluate("el => el.dataset.copy")


def field(page, letter_id: str, field_id: str):
    return page.locator(f"#lf-{letter_id}-{field_id}")


def stored(page):
    return page.evaluate(f"() => localStorage.getItem({KEY!r})")


def test_without_javascript_the_template_is_readable(built_site):
    html = (built_site.site_dir / PAGES["claim"] / "index.html").read_text(encoding="utf-8")
    claim = re.search(r'<div class="oz-l__text" id="lt-claim" data-letter-text>(.*?)</div>', html).group(1)
    assert "[номер заказа]" in claim and "[сумма]" in claim
    assert "&#10;" in claim  # line breaks survive the one-line rendering
    # both variants are there for letters.js; the one that holds with the defaults (demand: refund) is marked
    assert '<span data-if="demand=refund"><span data-default>' in claim
    assert "data-letter-actions hidden" in html and "data-fields-privacy hidden" in html
    assert "<script" not in claim


def test_without_javascript_a_letter_reads_as_one_letter_with_blanks(browser, site_server, subtests):
    """No JavaScript: the letter shows the variant that holds with the fields' defaults — one coherent text, with
    [blanks] to fill by hand — not every variant side by side. (One profile visits each letter's page; a failure
    names the letter.)"""
    context = browser.new_context(java_script_enabled=False, locale="ru-RU", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        for letter_id in ("chat", "claim", "court"):
            with subtests.test(letter_id=letter_id):
                page.goto(site_server + PAGES[letter_id])
                shown = page.locator(f"#lt-{letter_id}").inner_text()
                assert "[номер заказа]" in shown and "[Если" not in shown and "[Иначе" not in shown
                if letter_id == "claim":
                    assert "отказываюсь от договора" in shown and "передать мне товар в новый срок" not in shown
    finally:
        context.close()


def test_typing_fills_the_preview_and_demand_switches_the_text(page, site_server):
    open_letter(page, site_server)
    start = text(page, "claim")
    assert "[номер заказа]" in start and "[сумма]" in start
    assert "[Если" not in start  # the no-JS variant notes are not part of the letter
    field(page, "claim", "order-number").fill("12345678-0001")
    field(page, "claim", "amount").fill("12 345,67")
    field(page, "claim", "promised-on").fill("2026-11-01")
    field(page, "claim", "letter-date").fill("2026-11-21")
    field(page, "claim", "buyer-name").fill("Иванова Анна Петровна")
    claim = text(page, "claim")
    assert "заказ № 12345678-0001" in claim
    assert f"сумма — 12{NB}345,67{NB}₽" in claim
    # 01.11.2026 is a Sunday: the term ends on Monday 02.11 (ст. 193 ГК), the delay runs from 03.11 (the engine).
    assert ("последним днём срока передачи товара (02.11.2026: 01.11.2026 — воскресенье, последний день срока "
            "переносится на ближайший рабочий день по ст. 193 ГК РФ)") in claim
    assert f"На 21.11.2026 просрочка составляет 19{NB}дней, неустойка — 1{NB}172,84{NB}₽" in claim
    assert f"(61,73{NB}₽ в день)" in claim
    field(page, "claim", "promised-on").fill("2026-11-02")
    assert "последним днём срока передачи товара (02.11.2026), но не больше" in text(page, "claim")
    assert f"На 21.11.2026 просрочка составляет 19{NB}дней" in text(page, "claim")
    field(page, "claim", "promised-on").fill("2026-11-01")
    assert claim.endswith("Подпись: ____________ / Иванова Анна Петровна")
    assert "отказываюсь от договора" in claim and "передать мне товар в новый срок" not in claim
    # the preview shows the marked gaps; the visible text is exactly the text that is copied
    assert page.locator("#lt-claim mark").count() > 0
    assert page.locator("#lt-claim").evaluate("el => el.innerText.trimEnd()") == claim
    status = page.locator("[data-letter='claim'] [data-letter-status]").inner_text()
    assert "[товар]" in status and "[номер заказа]" not in status

    page.locator("#lf-claim-demand-deliver").check()
    field(page, "claim", "new-date").fill("2026-12-05")
    claim = text(page, "claim")
    assert "требую передать мне товар в новый срок — не позднее 05.12.2026" in claim
    assert "отказываюсь от договора" not in claim and "по день передачи товара" in claim

    # shared fields are filled once for every letter, on their own pages too
    to_letter(page, "chat")
    chat = text(page, "chat")
    assert "Заказ № 12345678-0001 мне не передан" in chat
    assert "Доставить заказ не позднее 05.12.2026" in chat
    assert page.locator("#lf-chat-demand-deliver").is_checked()
    to_letter(page, "bank")
    assert field(page, "bank", "order-number").input_value() == "12345678-0001"
    assert page.errors == []


def test_copy_and_download_give_exactly_the_preview_text(page, site_server):
    open_letter(page, site_server)
    field(page, "claim", "order-number").fill("87654321-0002")
    field(page, "claim", "amount").fill("990")
    field(page, "claim", "refund-to").fill("на карту, с которой оплачен заказ\nвторая строка")
    expected = text(page, "claim")
    assert "\nвторая строка" in expected and "990" + NB + "₽" in expected

    page.locator("[data-letter='claim'] [data-clipboard-target]").click()
    page.wait_for_selector(".md-dialog--active")  # Material's own "copied" toast
    assert page.evaluate("() => navigator.clipboard.readText()") == expected

    with page.expect_download() as info:
        page.locator("[data-letter='claim'] [data-letter-download]").click()
    download = info.value
    assert download.suggested_filename == "pretenziya.txt"
    assert Path(download.path()).read_bytes() == expected.encode("utf-8")
    assert page.errors == []


def test_values_are_inserted_as_text_never_as_html(page, site_server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_letter(page, site_server)
    evil = ['<img src=x onerror=alert(1)>', '<script>window.__pwned = 1</script>', '"><svg onload=alert(2)>']
    field(page, "claim", "buyer-name").fill(evil[0])
    field(page, "claim", "goods").fill(evil[1])
    field(page, "claim", "seller").fill(evil[2])
    claim = text(page, "claim")
    assert all(e in claim for e in evil)
    assert page.locator("#lt-claim").inner_text().count(evil[0]) == 2  # sender and signature
    for tag in ("img", "script", "svg"):
        assert page.locator(f".oz-l__text {tag}").count() == 0
    page.wait_for_timeout(200)
    assert dialogs == [] and page.evaluate("() => window.__pwned") is None
    assert page.errors == []


def test_hostile_or_corrupted_storage_is_harmless(page, site_server):
    open_letter(page, site_server)
    page.evaluate(f"""() => localStorage.setItem({KEY!r}, JSON.stringify({{
        "__proto__": "x", "demand": '"] , x[y="', "pay-method": "<b>", "buyer-name": "<img src=x onerror=alert(1)>",
        "amount": 42, "order-number": "1"
    }}))""")
    page.reload()
    page.wait_for_selector("[data-letter-actions]:not([hidden])")
    claim = text(page, "claim")
    assert "<img src=x onerror=alert(1)>" in claim and page.locator(".oz-l__text img").count() == 0
    assert "[сумма]" in claim  # a non-text stored value is ignored
    page.evaluate(f"() => localStorage.setItem({KEY!r}, '{{not json')")
    page.reload()
    page.wait_for_selector("[data-letter-actions]:not([hidden])")
    assert "[номер заказа]" in text(page, "claim")
    assert page.errors == []


def test_remember_reload_erase(page, site_server):
    open_letter(page, site_server)
    # off (the default): nothing is ever stored
    field(page, "claim", "order-number").fill("11111111-0001")
    assert stored(page) is None
    remember = page.locator("[data-fields-remember]")
    assert not remember.is_checked()
    remember.check()
    assert "сохраняются на этом устройстве" in page.locator("[data-fields-note]").inner_text()
    field(page, "claim", "buyer-name").fill("Петров Пётр")
    data = page.evaluate(f"() => JSON.parse(localStorage.getItem({KEY!r}))")
    assert data["version"] == 2
    data = {k.removeprefix("delo-1/"): v["value"] for k, v in data["items"].items()}  # the first case's values
    assert data["order-number"] == "11111111-0001" and data["buyer-name"] == "Петров Пётр"
    assert "letter-date" not in data  # today's date is a default, not the reader's data

    page.reload()
    page.wait_for_selector("[data-letter-actions]:not([hidden])")
    assert page.locator("[data-fields-remember]").is_checked()
    assert field(page, "claim", "order-number").input_value() == "11111111-0001"
    assert "Подпись: ____________ / Петров Пётр" in text(page, "claim")
    to_letter(page, "camera")
    assert field(page, "camera", "buyer-name").input_value() == "Петров Пётр"
    to_letter(page, "claim")

    page.locator("[data-fields-erase]").click()
    assert stored(page) is None
    assert field(page, "claim", "order-number").input_value() == ""
    assert "[номер заказа]" in text(page, "claim")
    assert not page.locator("[data-fields-remember]").is_checked()
    assert "стёрто" in page.locator("[data-fields-note]").inner_text()
    field(page, "claim", "order-number").fill("22222222-0002")
    assert stored(page) is None
    page.reload()
    assert field(page, "claim", "order-number").input_value() == ""

    # switching remember off deletes what was stored
    page.locator("[data-fields-remember]").check()
    field(page, "claim", "order-number").fill("33333333-0003")
    assert stored(page) is not None
    page.locator("[data-fields-remember]").uncheck()
    assert stored(page) is None
    assert page.errors == []


def test_remember_follows_the_box_toggled_from_the_keyboard_or_its_label(page, site_server):
    """fields.js hears the box's clicks: Space on the focused box and a click on its label are clicks too."""
    open_letter(page, site_server, "chat")
    field(page, "chat", "order-number").fill("77777777-0007")
    page.locator("[data-fields-remember]").focus()
    page.keyboard.press("Space")
    assert "77777777-0007" in stored(page)
    assert "сохраняются на этом устройстве" in page.locator("[data-fields-note]").inner_text()
    page.locator("label:has([data-fields-remember])").click(position={"x": 60, "y": 5})
    assert not page.locator("[data-fields-remember]").is_checked()
    assert stored(page) is None
    assert "Больше не сохраняем" in page.locator("[data-fields-note]").inner_text()
    assert page.errors == []


def test_values_follow_instant_navigation_without_storage(page, site_server):
    page.goto(site_server + "kalkulyator/")
    page.wait_for_selector("[data-fields-privacy]:not([hidden])")
    page.locator("#lf-calc-amount").fill("5000")
    page.locator("#lf-calc-promised-on").fill("2026-11-01")
    follow(page, ".md-content a[href$='/pisma/']", "**/pisma/")
    follow(page, ".md-content a[href$='/pisma/pretenziya/']", "**/pisma/pretenziya/")
    page.wait_for_selector("#lt-claim")
    claim = text(page, "claim")
    assert f"сумма — 5{NB}000{NB}₽" in claim and "не позднее 01.11.2026" in claim
    assert stored(page) is None
    assert page.errors == []


def test_a_value_typed_on_one_letter_page_is_on_the_others(page, site_server):
    """Without «Запомнить»: kept in memory across instant navigation, gone after a reload (as the page says).
    With it: there after a reload on any letter page."""
    open_letter(page, site_server, "chat")
    field(page, "chat", "order-number").fill("44444444-0004")
    field(page, "chat", "buyer-name").fill("Сидорова Мария")
    assert "Если обновить или закрыть страницу, они пропадут" in page.locator("[data-fields-privacy]").inner_text()
    for other in ("claim", "court", "camera"):
        to_letter(page, other)
        assert field(page, other, "order-number").input_value() == "44444444-0004", other
        assert "Сидорова Мария" in text(page, other), other
    assert stored(page) is None
    page.reload()
    page.wait_for_selector("[data-letter-actions]:not([hidden])")
    assert field(page, "camera", "order-number").input_value() == ""

    field(page, "camera", "order-number").fill("55555555-0005")
    page.locator("[data-fields-remember]").check()
    to_letter(page, "bank")
    field(page, "bank", "buyer-name").fill("Сидорова Мария")
    page.reload()
    page.wait_for_selector("[data-letter-actions]:not([hidden])")
    assert field(page, "bank", "order-number").input_value() == "55555555-0005"
    open_letter(page, site_server, "rospotrebnadzor")  # a fresh load of another letter page
    assert page.locator("[data-fields-remember]").is_checked()
    assert field(page, "rospotrebnadzor", "order-number").input_value() == "55555555-0005"
    assert "Сидорова Мария" in text(page, "rospotrebnadzor")
    assert page.errors == []


def test_an_old_anchor_opens_the_letter_page(page, site_server, subtests):
    """pisma/#<anchor> from when all the letters were on one page: the letter's own page opens in its place. Every
    letter in turn, each from «Права» (where Back from the one before has brought the tab; a failure names the
    letter)."""
    for letter_id in sorted(PAGES):
        with subtests.test(letter_id=letter_id):
            anchor = PAGES[letter_id].removeprefix("pisma/").removesuffix("/")
            # Start on a real page: a browser may drop a tab's initial about:blank from the history, which made Back
            # flaky. (After the first letter, Back has brought the tab there, unless that case failed.)
            if page.url != site_server + "prava/":
                page.goto(site_server + "prava/")
            page.goto(site_server + "pisma/#" + anchor)
            page.wait_for_url("**/" + PAGES[letter_id])
            page.wait_for_selector(f"[data-letter='{letter_id}'] [data-letter-actions]:not([hidden])")
            assert page.errors == []
            page.go_back()  # the index was replaced, not kept in the history: Back goes where the reader came from
            page.wait_for_url("**/prava/")


def test_without_javascript_an_old_anchor_shows_a_link_to_the_letter_page(browser, site_server):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        for letter_id, path in PAGES.items():
            anchor = path.removeprefix("pisma/").removesuffix("/")
            page.goto(site_server + "pisma/#" + anchor)
            link = page.locator(f"[id='{anchor}'] a").first
            assert link.is_visible() and link.evaluate("a => a.getBoundingClientRect().top") < 844, letter_id
            link.click()
            page.wait_for_url("**/" + path)
            assert page.locator(f"[data-letter='{letter_id}']").count() == 1
    finally:
        context.close()


def test_an_old_anchor_reached_by_instant_navigation_keeps_what_was_typed(page, site_server):
    open_letter(page, site_server, "chat")
    field(page, "chat", "order-number").fill("66666666-0006")
    page.evaluate("""() => { const a = document.createElement('a'); a.href = '../#zayavlenie-v-bank';
        a.textContent = 'old link'; document.querySelector('.md-content article').append(a); }""")
    follow(page, ".md-content a[href='../#zayavlenie-v-bank']", "**/" + PAGES["bank"])
    page.wait_for_selector("[data-letter='bank'] [data-letter-actions]:not([hidden])")
    assert field(page, "bank", "order-number").input_value() == "66666666-0006"
    page.go_back()  # the index, without the old anchor: it stays there
    page.wait_for_url("**/pisma/")
    page.wait_for_timeout(300)
    assert page.url.endswith("/pisma/") and page.locator("[data-oz-letters-index]").is_visible()
    assert page.errors == []


def test_an_unknown_hash_on_the_index_stays_there(page, site_server):
    page.goto(site_server + "pisma/#no-such-letter")
    page.wait_for_timeout(300)
    assert page.url.endswith("/pisma/#no-such-letter")
    assert page.errors == []


def test_print_shows_only_that_letter(page, site_server):
    open_letter(page, site_server, "bank")
    page.evaluate("() => { window.print = () => { window.__printed = true } }")
    page.locator("[data-letter='bank'] [data-letter-print]").click()
    assert page.evaluate("() => window.__printed") is True
    page.emulate_media(media="print")
    assert page.locator("#lt-bank").is_visible()
    for hidden in ("#lf-bank-bank", "[data-letter='bank'] [data-letter-actions]", "[data-letter='bank'] dl",
                   "h1", ".md-content p", ".md-header", "[data-fields-privacy]"):
        assert not page.locator(hidden).first.is_visible(), hidden
    page.evaluate("() => dispatchEvent(new Event('afterprint'))")
    assert page.locator(".oz-l--print").count() == 0
    page.emulate_media(media="screen")
    assert page.errors == []


def test_every_field_has_a_visible_label(page, site_server):
    for path in (*PAGES.values(), "kalkulyator/"):
        page.goto(site_server + path)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('.md-content input, .md-content textarea')]
            .filter(i => !(i.labels && i.labels.length && i.labels[0].innerText.trim()))
            .map(i => i.id || i.outerHTML)""")
        assert unlabelled == [], path
        ids = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids)), path
    assert page.errors == []


def test_the_claim_letter_and_the_calculator_agree(page, site_server):
    """Both count with the deadline engine: a promised date on Saturday 05.12.2026 ends the term on Monday 07.12
    (ст. 193 ГК), so on 10.12.2026 the delay is 3 days in the calculator and in the claim."""
    page.goto(site_server + "kalkulyator/")
    page.wait_for_selector("[data-fields-privacy]:not([hidden])")
    page.locator("#lf-calc-amount").fill("10000")
    page.locator("#lf-calc-promised-on").fill("2026-12-05")
    page.locator("#lf-calc-as-of").fill("2026-12-10")
    assert page.locator("#calc-delivery-end").inner_text() == "07.12.2026"
    assert page.locator("#calc-delay-now").inner_text() == f"3{NB}дня"
    assert page.locator("#calc-penalty-now").inner_text() == f"150{NB}₽"
    page.locator(".md-content a[href$='pisma/pretenziya/']").click()
    page.wait_for_selector("#lt-claim")
    field(page, "claim", "letter-date").fill("2026-12-10")
    claim = text(page, "claim")
    assert "срока передачи товара (07.12.2026: 05.12.2026 — суббота, последний день срока переносится" in claim
    assert f"На 10.12.2026 просрочка составляет 3{NB}дня, неустойка — 150{NB}₽" in claim
    assert page.errors == []


def test_what_is_left_to_fill_names_fields_not_computed_values(page, site_server):
    """«Осталось заполнить» names the fields the reader can fill; a computed value (the penalty, its days) is blank
    until they are, and is named only when nothing else is missing."""
    open_letter(page, site_server, "claim")
    status = page.locator("[data-letter='claim'] [data-letter-status]")
    assert "[сумма]" in status.inner_text()
    for computed in ("[сумма неустойки]", "[неустойка за день]", "[дней просрочки]"):
        assert page.locator("#lt-claim mark", has_text=computed).count() > 0  # blank in the text
        assert computed not in status.inner_text()  # not a field to fill


def test_remember_is_a_target_a_thumb_can_hit(page, site_server):
    """«Запомнить на этом устройстве» on a phone: the whole label line is the target, not a 13 px box on a 19 px line
    (WCAG 2.5.8: at least 24 px)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_server + "pisma/soobshchenie-v-chat/")
    label = page.locator(".oz-privacy label").filter(has=page.locator("[data-fields-remember]"))
    box = label.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 200, box
    label.click(position={"x": box["width"] - 20, "y": box["height"] / 2})  # far from the box itself
    assert page.is_checked("[data-fields-remember]")


def test_a_preselected_option_is_not_stored_as_the_readers_choice(context, site_server):
    """A radio's `checked` option is a default, like today's date: «Запомнить» stores only what the reader chose.
    The reader picked «Доставить заказ» in one tab and ticked «Запомнить» in another, where the demand was never
    touched: the untouched default must not be stored, nor replace the pick in the first tab."""
    chosen, other = context.new_page(), context.new_page()
    for pg in (chosen, other):
        pg.errors = []
        pg.on("pageerror", lambda exc, pg=pg: pg.errors.append(str(exc)))
    open_letter(chosen, site_server, "chat")
    open_letter(other, site_server, "claim")
    field(chosen, "chat", "demand-deliver").check()
    other.locator("[data-fields-remember]").check()
    # the pick only: no pay-method, delivery, status-kind or demand the reader never touched
    other.wait_for_function(f"() => JSON.parse(localStorage.getItem({KEY!r})).items['delo-1/demand']")
    items = other.evaluate(f"() => JSON.parse(localStorage.getItem({KEY!r})).items")
    assert {k: v["value"] for k, v in items.items()} == {"delo-1/demand": "deliver"}
    chosen.wait_for_selector("#lf-chat-demand-deliver:checked")
    assert "Доставить заказ не позднее" in text(chosen, "chat")
    other.wait_for_selector("#lf-claim-demand-deliver:checked")
    assert chosen.errors == [] and other.errors == []
