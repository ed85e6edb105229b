"""The 14 errors the legal review of 2026-11-25 found on the published site (../shared/facts.md, «Known errors on the
published site»): one test per item, on the BUILT site. Each asserts the wrong wording is gone and the corrected
wording is there. Letter bodies are read from the page that holds each letter, as text (both variants of each
condition)."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from support import letter_page


def _text(site: Path, rel: str) -> str:
    """Visible text of a built page: tags dropped, entities decoded, whitespace collapsed."""
    raw = (site / rel).read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return re.sub(r"\s+", " ", htmllib.unescape(raw)).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def site(built_site):
    root = built_site.site_dir
    pages = {p.relative_to(root).as_posix(): _text(root, p.relative_to(root).as_posix())
             for p in root.rglob("index.html")}
    return pages


def _everywhere(site) -> str:
    return "\n".join(site.values())


def _letter_html(built_site, letter_id: str) -> str:
    """A letter's template as built (every variant of each condition), from whichever page holds it."""
    raw = (built_site.site_dir / letter_page(built_site, letter_id) / "index.html").read_text(encoding="utf-8")
    return re.search(rf'id="lt-{letter_id}" data-letter-text>(.*?)</div>', raw, re.DOTALL).group(1)


def _letter(built_site, letter_id: str) -> str:
    """A letter's text with every variant of each condition, tags dropped."""
    body = _letter_html(built_site, letter_id)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", body))).replace("\u00a0", " ")


def test_01_ozon_refund_demand_is_direct(built_site, site):
    claim = _letter(built_site, "claim")
    assert "если её не вернёт продавец" not in _everywhere(site) and "если её не вернёт продавец" not in claim
    assert ("Требую от ООО «Интернет Решения» как владельца агрегатора, получившего предварительную оплату, "
            "вернуть её в течение 10 календарных дней (п. 2.1 ст. 12 Закона)") in claim
    assert "прямое" in site["prava/index.html"]


def test_02_no_497_in_the_handed_case_458_224_and_proof_instead(built_site, site):
    claim = _letter(built_site, "claim")
    handed_start = claim.index("Эта отметка не доказывает")
    handed = claim[handed_start:claim.index("Товар не доставлен в место", handed_start)]
    assert "497" not in handed
    for must in ("п. 1 ст. 458 ГК РФ", "п. 1 ст. 224 ГК РФ", "п. 5 ст. 23.1", "п. 4 ст. 13",
                 "Прошу предоставить доказательства вручения"):
        assert must in handed, must
    assert "п. 3 ст. 497 ГК РФ" in claim  # kept for the in-transit variant
    prava = site["prava/index.html"]
    assert "Ст. 458 п. 1 ГК РФ" in prava and "Ст. 224 п. 1 ГК РФ" in prava
    assert "эту статью приводит продавец" in prava
    evidence = site["shagi/dokazatelstva/index.html"]
    assert "ст. 458 п. 1 ГК РФ" in evidence and "ст. 23.1 п. 5 и ст. 13 п. 4 ЗоЗПП" in evidence
    assert "только с момента передачи" not in _everywhere(site)


def test_03_500_fz_counterparty_assignment_and_no_price_cap_news(site):
    text = _everywhere(site)
    assert "поставщика продавца" not in text
    assert "неустойка ограничена ценой товара" not in text.lower()
    assert "до решения суда нельзя уступить" not in text
    for page in ("prava/index.html", "shagi/sud/index.html"):
        assert "контрагент" in site[page] and "служба доставки" in site[page], page
    assert "пока решение суда не вступило в силу" in site["prava/index.html"]


def test_04_180_days_are_the_banks_window(built_site, site):
    text = _everywhere(site)
    assert "можно сделать в течение 180 дней" not in text
    assert "Оспорить платёж по карте «Мир» или через СБП можно в течение 180 дней" not in text
    bank = site["shagi/osparivanie-platezha/index.html"]
    assert "банк должен запустить спор" in bank
    assert "не позже чем за 2–3 недели" in bank and "банк может отказать" in bank.lower()
    letter = _letter(built_site, "bank")
    assert "совершена мной как держателем" in letter and "письменно, с указанием причин" in letter


def test_05_rospotrebnadzor_under_547_fz(built_site, site):
    page = site["shagi/rospotrebnadzor/index.html"]
    assert "547-ФЗ" in page
    assert "По электронной почте жалобу не отправляйте" in page
    assert ".ru" in page and ".рф" in page
    assert "Управление Роспотребнадзора" in page
    assert "Если форма не открывается, подайте жалобу через" not in _everywhere(site)
    letter_page_text = site[letter_page(built_site, "rospotrebnadzor") + "index.html"]
    assert "через Госуслуги" in letter_page_text and "547-ФЗ" in letter_page_text


def test_06_article_193_calendar_and_legal_date(built_site, site):
    for page in ("shagi/pretenziya/index.html", "prava/index.html", "kalkulyator/index.html"):
        text = site[page]
        assert "ст. 193 ГК РФ" in text, page
        assert "субботу 05.12.2026" in text and "понедельник 07.12.2026" in text, page
    calc = site["kalkulyator/index.html"]
    # The calculator counts ст. 193 itself (the deadline engine): no "does not count weekends yet" warnings left.
    assert "пока не учитывает" not in calc and "пока не переносит" not in calc
    assert "ближайший рабочий день" in calc and "только субботы и воскресенья" in calc
    claim = letter_page(built_site, "claim") + "index.html"
    for page in ("kalkulyator/index.html", claim):  # the engine's note on the calendar's years
        assert "по производственному календарю на 2025–2027 годы" in site[page], page
    assert "ст. 193 ГК РФ" in site[claim]


def test_07_registered_claim_returned_unclaimed_counts_as_received(built_site, site):
    bank_letter = letter_page(built_site, "bank") + "index.html"  # the claim-date field's hint
    for page in ("shagi/pretenziya/index.html", "prava/index.html", "kalkulyator/index.html", bank_letter):
        assert "165.1" in site[page], page
    assert "за истечением срока хранения" in site["shagi/pretenziya/index.html"]


def test_08_no_mandatory_pre_trial_step_for_consumers(site):
    text = _everywhere(site)
    assert "Перед иском поищите такую процедуру" not in text
    assert "обязывает оператора платформы рассматривать жалобы" not in text
    for page in ("prava/index.html", "shagi/sud/index.html"):
        assert "продавцов" in site[page] and "для покупателей" in site[page], page
    assert "искать такую процедуру перед иском не нужно" in site["shagi/sud/index.html"]


def test_09_ten_minutes_only_for_ozon_bank_cards(site):
    text = _everywhere(site)
    assert "от 10 минут до 10 дней" not in text
    for page in ("index.html", "shagi/proverka-zakaza/index.html"):
        assert "только для заказов, оплаченных картой Ozon Банка" in site[page], page
    assert "10 минут — только для карты" not in text


def test_10_handover_code_wording_and_partner_passport(site):
    text = _everywhere(site)
    assert "ни «курьеру»" not in text
    assert "Код получения заказа не называйте никому" not in text
    quote = "Код запрашивается сотрудниками Ozon исключительно для выдачи заказа. Не сообщайте его третьим лицам"
    assert quote in site["shagi/poisk-posylki/index.html"] and quote in site["moshenniki/index.html"]
    assert "паспорт" in site["shagi/poisk-posylki/index.html"]
    assert "Заказ выдают **только по коду**" not in text


def test_11_cross_border_contract_not_cited_as_general_rule(site):
    text = _everywhere(site)
    assert "contracts-for-sellers/dogovor" not in text
    assert "по договору с продавцами поддержку покупателей" not in text.lower()
    assert "Условия продажи Ozon" in site["shagi/chat-podderzhki/index.html"]


def test_12_article_493_and_pp_2463_point_13(site):
    prava = site["prava/index.html"]
    assert "в надлежащей форме с момента выдачи продавцом покупателю кассового или товарного чека" in prava
    assert "свидетельские показания" in prava
    assert "П. 13 Правил продажи" in prava
    assert "п. 13 Правил продажи" in site["shagi/dokazatelstva/index.html"]
    assert "договор считается заключённым с момента выдачи чека. Но и без чека" not in _everywhere(site)


def test_13_claim_losses_reservation_offer_code_and_footage(built_site, site):
    claim = _letter(built_site, "claim")
    assert "убытки" in claim.lower() and "[сумма убытков]" in claim
    assert "При повторной просрочке оставляю за собой право отказаться от договора" in claim
    assert "без отказа от требований о неустойке, убытках и компенсации морального вреда" in site[
        "shagi/pretenziya/index.html"]
    chat = _letter(built_site, "chat")
    code = "Код получения никому не сообщался"
    assert code in chat
    # the code sentence sits only inside the "handed over" variant
    chat_html = _letter_html(built_site, "chat")
    assert chat_html.index('data-if="status-kind=handed"') < chat_html.index(code)
    assert "Сохранить записи камер пункта выдачи и данные о выдаче заказа" in chat
    camera = _letter(built_site, "camera")
    assert "Сохранить данные о выдаче заказа" in camera and "Сохранить записи камер" in camera


def test_14_one_rule_for_the_penalty_start(built_site, site):
    text = _everywhere(site)
    assert "с даты, когда товар должны были передать" not in text
    assert "с даты, когда товар должны были передать" not in _letter(built_site, "claim")
    for page in ("prava/index.html", "shagi/pretenziya/index.html", "shagi/sud/index.html",
                 "kalkulyator/index.html"):
        assert re.search(r"со дня,? следующего за последним днём срока|со дня после последнего дня срока"
                         r"|следующий день после последнего дня срока", site[page]), page
    assert "начиная со дня, следующего за последним днём срока передачи товара" in _letter(built_site, "claim")
