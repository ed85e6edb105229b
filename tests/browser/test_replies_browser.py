"""Answers to Ozon's standard chat replies (docs/otvety-ozon.md, data/replies.yml) in a real browser: each card's copy
button puts exactly that card's answer on the clipboard, filled with the order data the reader typed on the page."""

from __future__ import annotations

import yaml

from support import ROOT, letter_page

NB = "\u00a0"
REPLY_IDS = [r["id"] for r in yaml.safe_load((ROOT / "data" / "replies.yml").read_text(encoding="utf-8"))["replies"]]
ORDER = {"order-number": "12345678-0001", "amount": "12 345", "seller": "ООО «Ромашка», ОГРН 1234567890123",
         "promised-on": "2026-11-10", "new-date": "2026-12-20"}
SENTINEL = "nothing copied yet"

# What each answer must say with the data above, by the reader's demand (refund / a new date).
MUST = {
    "vydan-po-kodu": ["Заказ № 12345678-0001 мне не вручён", "Прошу прислать доказательства вручения",
                      "п. 1 ст. 458, п. 1 ст. 224 ГК РФ"],
    "idet-proverka": ["Прошу считать это сообщение претензией: товар по заказу № 12345678-0001 не передан в срок"],
    "k-prodavcu": ["Предоплату за заказ № 12345678-0001 — 12 345 ₽", "продавцу ООО «Ромашка», ОГРН 1234567890123",
                   "Требую от ООО «Интернет Решения» вернуть предоплату в течение 10 календарных дней"],
    "data-utochnyaetsya": ["Срок передачи заказа № 12345678-0001 — 10.11.2026 — прошёл",
                           "если 10.11.2026 — выходной или праздник"],
    "na-balans": ["за заказ № 12345678-0001 — 12 345 ₽ — на карту, которой я платил(а), а не на баланс Ozon",
                  "без отказа от требований о неустойке, убытках и компенсации морального вреда"],
    "bally-promokod": ["Требую вернуть деньги за заказ № 12345678-0001 — 12 345 ₽"],
    "prodavec-ne-podtverdil": ["Предоплату за заказ № 12345678-0001 — 12 345 ₽"],
}
BY_DEMAND = {
    "refund": {"idet-proverka": ["требую вернуть предварительную оплату — 12 345 ₽",
                                 "От ООО «Интернет Решения» как владельца агрегатора"],
               "data-utochnyaetsya": ["Я отказываюсь от договора и требую вернуть предварительную оплату — 12 345 ₽"]},
    "deliver": {"idet-proverka": ["требую передать его не позднее 20.12.2026",
                                  "При повторной просрочке оставляю за собой право отказаться от договора"],
                "data-utochnyaetsya": ["Требую передать товар не позднее 20.12.2026; при повторной просрочке"]},
}


def clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


def copy_card(page, reply_id: str) -> str:
    """Click the card's copy button and return what reached the clipboard."""
    page.evaluate(f"() => navigator.clipboard.writeText({SENTINEL!r})")
    page.locator(f'[data-clipboard-target="#ra-{reply_id}"]').click()
    for _ in range(250):  # up to 5 s of waiting: Material's clipboard.js copies on the click, a loaded machine lags
        copied = clipboard(page)
        if copied != SENTINEL:
            return copied
        page.wait_for_timeout(20)
    raise AssertionError(f"{reply_id}: the copy button put nothing on the clipboard")


def test_every_reply_in_the_data_has_a_card_with_a_copy_button(built_site):
    page = letter_page(built_site, f"reply-{REPLY_IDS[0]}")
    html = (built_site.site_dir / page / "index.html").read_text(encoding="utf-8")
    for reply_id in REPLY_IDS:
        assert f'data-clipboard-target="#ra-{reply_id}"' in html, reply_id
        assert f'id="ra-{reply_id}" data-letter-text' in html, reply_id
    assert set(MUST) == set(REPLY_IDS)  # this file checks every card


def test_each_copy_button_copies_exactly_its_answer_with_the_order_data(page, site_server, built_site, subtests):
    """Each demand on one page load: the reader's data typed anew for each (and «refund-to», which the previous demand
    changed, emptied as on a fresh page); a failure names the demand."""
    page.goto(site_server + letter_page(built_site, f"reply-{REPLY_IDS[0]}"))
    form = page.locator(".oz-replies-form .oz-l__form")
    form.wait_for(state="visible")
    for demand in ("refund", "deliver"):
        with subtests.test(demand=demand):
            for field, value in {**ORDER, "refund-to": ""}.items():
                form.locator(f'[data-field="{field}"]').fill(value)
            form.locator(f'input[data-field="demand"][value="{demand}"]').check()

            copied = {}
            for reply_id in REPLY_IDS:
                shown = page.locator(f"#ra-{reply_id}")
                expected = shown.evaluate("el => el.dataset.copy")
                assert shown.evaluate("el => el.innerText.trimEnd()") == expected  # what is shown is what is copied
                copied[reply_id] = copy_card(page, reply_id)
                assert copied[reply_id] == expected, reply_id
                text = expected.replace(NB, " ")
                assert "[" not in text, f"{reply_id}: a gap is left unfilled: {text}"
                assert "не вернёт продавец" not in text, reply_id
                for must in MUST[reply_id] + BY_DEMAND[demand].get(reply_id, []):
                    assert must in text, (reply_id, must)
            assert len(set(copied.values())) == len(REPLY_IDS)  # every button copies its own card

            # the answers follow the reader's data: a changed field changes what is copied
            form.locator('[data-field="refund-to"]').fill("счёт 40817810000000000001, БИК 044525000")
            wanted = "по реквизитам: счёт 40817810000000000001, БИК 044525000, а не на баланс Ozon"
            assert wanted in copy_card(page, "na-balans").replace(NB, " ")
            assert page.errors == []


# Every link and button a reader taps, as its boxes (one per line of a link that wraps), in the page's content.
TARGETS = """() => [...document.querySelectorAll('.md-content :is(a[href], button)')]
  .filter(el => el.checkVisibility() && !el.closest('.headerlink, [hidden]'))
  .flatMap(el => [...el.getClientRects()].map(r => ({text: el.textContent.trim().slice(0, 40), height: r.height,
    width: el.getBoundingClientRect().width, phrase: Boolean(el.closest('.oz-replies'))})))"""


def test_every_link_and_button_is_a_target_a_thumb_can_hit(page, site_server, subtests):
    """On a 390 px phone the phrases' links were 19 px tall, the sources' links 19 px (15 px in the tables of the
    sources page they lead to): WCAG 2.5.8 asks 24 × 24 px; the list of phrases gets 44 px lines. (Both pages in one
    profile; a failure names the page.)"""
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("otvety-ozon/", "istochniki/"):
        with subtests.test(path=path):
            page.goto(site_server + path)
            targets = page.evaluate(TARGETS)
            assert len(targets) > 10
            small = [t for t in targets if t["height"] < 24 or t["width"] < 24]
            assert small == [], small
            phrases = [t for t in targets if t["phrase"]]
            assert len(phrases) == (len(REPLY_IDS) if path == "otvety-ozon/" else 0)
            assert all(t["height"] >= 44 for t in phrases), phrases
            assert page.errors == []
