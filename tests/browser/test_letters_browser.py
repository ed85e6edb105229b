"""Fill-in letters in a real browser: live preview, shared fields, copy / download / print, privacy, no HTML
injection. The site is the real build, served under the GitHub Pages sub-path (see conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

KEY = "ozon-propal-zakaz:letters"
NB = "\u00a0"


def open_letters(page, site_server):
    page.goto(site_server + "pisma/")
    page.wait_for_selector("[data-letter-actions]:not([hidden])")


def text(page, letter_id: str) -> str:
    return page.locator(f"#lt-{letter_id}").evaluate("el => el.dataset.copy")


def field(page, letter_id: str, field_id: str):
    return page.locator(f"#lf-{letter_id}-{field_id}")


def stored(page):
    return page.evaluate(f"() => localStorage.getItem({KEY!r})")


def test_without_javascript_the_template_is_readable(built_site):
    html = (built_site.site_dir / "pisma" / "index.html").read_text(encoding="utf-8")
    claim = re.search(r'<div class="oz-l__text" id="lt-claim" data-letter-text>(.*?)</div>', html).group(1)
    assert "[номер заказа]" in claim and "[сумма]" in claim
    assert "&#10;" in claim  # line breaks survive the one-line rendering
    assert "[Если «Чего вы требуете» — «Вернуть деньги»:]" in claim  # both variants, labelled
    assert "data-letter-actions hidden" in html and "data-letters-privacy hidden" in html
    assert "<script" not in claim


def test_typing_fills_the_preview_and_demand_switches_the_text(page, site_server):
    open_letters(page, site_server)
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
    assert f"На 21.11.2026 просрочка составляет 20{NB}дней, неустойка — 1{NB}234,57{NB}₽" in claim
    assert f"(61,73{NB}₽ в день)" in claim
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

    # shared fields are filled once for every letter on the page, and in every form
    chat = text(page, "chat")
    assert "Заказ № 12345678-0001 мне не передан" in chat
    assert "Доставить заказ не позднее 05.12.2026" in chat
    assert field(page, "bank", "order-number").input_value() == "12345678-0001"
    assert page.locator("#lf-chat-demand-deliver").is_checked()
    assert page.errors == []


def test_copy_and_download_give_exactly_the_preview_text(page, site_server):
    open_letters(page, site_server)
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
    open_letters(page, site_server)
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
    open_letters(page, site_server)
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
    open_letters(page, site_server)
    # off (the default): nothing is ever stored
    field(page, "claim", "order-number").fill("11111111-0001")
    assert stored(page) is None
    remember = page.locator("[data-letters-remember]")
    assert not remember.is_checked()
    remember.check()
    assert "сохраняются на этом устройстве" in page.locator("[data-letters-note]").inner_text()
    field(page, "claim", "buyer-name").fill("Петров Пётр")
    data = page.evaluate(f"() => JSON.parse(localStorage.getItem({KEY!r}))")
    assert data["version"] == 2
    data = {k.removeprefix("delo-1/"): v["value"] for k, v in data["items"].items()}  # the first case's values
    assert data["order-number"] == "11111111-0001" and data["buyer-name"] == "Петров Пётр"
    assert "letter-date" not in data  # today's date is a default, not the reader's data

    page.reload()
    page.wait_for_selector("[data-letter-actions]:not([hidden])")
    assert page.locator("[data-letters-remember]").is_checked()
    assert field(page, "claim", "order-number").input_value() == "11111111-0001"
    assert field(page, "camera", "buyer-name").input_value() == "Петров Пётр"
    assert "Подпись: ____________ / Петров Пётр" in text(page, "claim")

    page.locator("[data-letters-erase]").click()
    assert stored(page) is None
    assert field(page, "claim", "order-number").input_value() == ""
    assert "[номер заказа]" in text(page, "claim")
    assert not page.locator("[data-letters-remember]").is_checked()
    assert "стёрто" in page.locator("[data-letters-note]").inner_text()
    field(page, "claim", "order-number").fill("22222222-0002")
    assert stored(page) is None
    page.reload()
    assert field(page, "claim", "order-number").input_value() == ""

    # switching remember off deletes what was stored
    page.locator("[data-letters-remember]").check()
    field(page, "claim", "order-number").fill("33333333-0003")
    assert stored(page) is not None
    page.locator("[data-letters-remember]").uncheck()
    assert stored(page) is None
    assert page.errors == []


def test_values_follow_instant_navigation_without_storage(page, site_server):
    page.goto(site_server + "kalkulyator/")
    page.wait_for_selector("[data-letters-privacy]:not([hidden])")
    page.locator("#lf-calc-amount").fill("5000")
    page.locator("#lf-calc-promised-on").fill("2026-11-01")
    page.evaluate("() => { window.__samePage = true }")
    page.locator(".md-content a[href$='pisma/#pretenziya']").click()
    page.wait_for_url("**/pisma/#pretenziya")
    page.wait_for_selector("#lt-claim")
    assert page.evaluate("() => window.__samePage") is True  # instant navigation, not a reload
    claim = text(page, "claim")
    assert f"сумма — 5{NB}000{NB}₽" in claim and "не позднее 01.11.2026" in claim
    assert stored(page) is None
    assert page.errors == []


def test_print_shows_only_that_letter(page, site_server):
    open_letters(page, site_server)
    page.evaluate("() => { window.print = () => { window.__printed = true } }")
    page.locator("[data-letter='bank'] [data-letter-print]").click()
    assert page.evaluate("() => window.__printed") is True
    page.emulate_media(media="print")
    assert page.locator("#lt-bank").is_visible()
    for hidden in ("#lf-bank-bank", "[data-letter='bank'] [data-letter-actions]", "[data-letter='bank'] dl",
                   "#lt-claim", "h1", "#zayavlenie-v-bank", ".md-header", "[data-letters-privacy]"):
        assert not page.locator(hidden).first.is_visible(), hidden
    page.evaluate("() => dispatchEvent(new Event('afterprint'))")
    assert page.locator(".oz-l--print").count() == 0
    page.emulate_media(media="screen")
    assert page.errors == []


def test_every_field_has_a_visible_label(page, site_server):
    for path in ("pisma/", "kalkulyator/"):
        page.goto(site_server + path)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('.md-content input, .md-content textarea')]
            .filter(i => !(i.labels && i.labels.length && i.labels[0].innerText.trim()))
            .map(i => i.id || i.outerHTML)""")
        assert unlabelled == [], path
        ids = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids)), path
    assert page.errors == []
