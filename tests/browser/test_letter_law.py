"""What the letters say in law, for every choice the reader can make (issue 9, legal review of 2026-11-25): the
filled-in preview in a real browser, table-driven over the status (handed over / in transit), the demand (refund /
new date), the payment method and the losses. Each letter is found by its root [data-letter="<id>"], on whatever
page holds it (support.letter_page)."""

from __future__ import annotations

import pytest

from support import letter_page

NB = "\u00a0"

# One reader's order: every field any letter asks for (a letter fills in only those in its form).
ORDER = {
    "buyer-name": "Иванова Анна Петровна",
    "buyer-address": "123456, г. Тверь, ул. Мира, д. 1, кв. 2",
    "buyer-phone": "+7 900 000-00-00",
    "order-number": "12345678-0001",
    "goods": "чайник",
    "amount": "12 345",
    "paid-on": "2026-11-02",
    "promised-on": "2026-11-10",
    "delivery-address": "г. Тверь, ул. Мира, д. 3",
    "status": "Получен",
    "status-on": "2026-11-09",
    "seller": "ООО «Ромашка», ОГРН 1234567890123",
    "new-date": "2026-12-20",
    "losses-what": "доставка 199 ₽ по чеку",
    "letter-date": "2026-11-30",
    "claim-on": "2026-11-12",
    "claim-result": "ответа нет",
    "bank": "Банк «Пример»",
    "card-last4": "4321",
    "sbp-id": "A1B2C3",
    "merchant": "OZON",
    "court-name": "Судебный участок № 1 г. Твери, ул. Мира, д. 5",
}
PAY_METHODS = ["card", "sbp", "ozon-card", "balance", "on-receipt"]
PAY_TEXT = {"card": "банковской картой", "sbp": "через Систему быстрых платежей (СБП)",
            "ozon-card": "картой Ozon Банка", "balance": "с баланса Ozon или баллами",
            "on-receipt": "при получении сохранённой картой"}
OZON_DIRECT = ("Требую от ООО «Интернет Решения» как владельца агрегатора, получившего предварительную оплату, "
               "вернуть её в течение 10 календарных дней (п. 2.1 ст. 12 Закона)")
RESERVATION = "При повторной просрочке оставляю за собой право отказаться от договора"
CONDITIONAL = ("не вернёт продавец", "не вернет продавец", "если её не вернёт", "если продавец не вернёт")
PROOF = "доказательства вручения"


def open_letter(page, site_server, built_site, letter_id: str):
    page.goto(site_server + letter_page(built_site, letter_id))
    root = page.locator(f'[data-letter="{letter_id}"]')
    root.locator("[data-letters-js]").first.wait_for(state="visible")
    return root


def has_field(root, field: str) -> bool:
    return root.locator(f'[data-field="{field}"]').count() > 0


def fill(root, values: dict[str, str]) -> None:
    """Give the fields this letter's form has these values, as the reader's input does: a text or date field gets
    its value and an input and a change event, a choice is clicked at its option. One call into the page for all of
    them (typing itself is tested in test_letters_browser.py)."""
    missing = root.evaluate("""(root, values) => Object.entries(values).filter(([field, value]) => {
        const input = root.querySelector(`[data-field="${field}"]`);
        if (!input) return false; // a field this letter does not ask for
        if (input.type !== "radio") {
            input.value = value;
            input.dispatchEvent(new Event("input", { bubbles: true }));
            input.dispatchEvent(new Event("change", { bubbles: true }));
            return input.value !== value;
        }
        const option = root.querySelector(`input[data-field="${field}"][value="${value}"]`);
        option?.click();
        return !option?.checked;
    })""", values)
    assert missing == [], missing


def letter_text(page, letter_id: str) -> str:
    """The filled-in text exactly as copied and downloaded, with no-break spaces shown as spaces."""
    return page.locator(f"#lt-{letter_id}").evaluate("el => el.dataset.copy").replace(NB, " ")


def check_common(text: str, letter_id: str) -> None:
    for wrong in CONDITIONAL:
        assert wrong not in text, (letter_id, wrong)
    assert "[Если" not in text and "[Иначе" not in text, letter_id  # notes for readers without JavaScript
    assert "[" not in text, f"{letter_id}: a gap is left unfilled: {text}"


def check_status(text: str, letter_id: str, status: str) -> None:
    if status == "handed":
        assert "497" not in text, letter_id  # Ozon's argument when the app says «Получен»
        if letter_id in ("claim", "court"):
            for must in ("п. 1 ст. 458 ГК РФ", "п. 1 ст. 224 ГК РФ", "п. 5 ст. 23.1", "п. 4 ст. 13", PROOF,
                         "записи камер и журнал выдачи"):
                assert must in text, (letter_id, must)
        if letter_id == "chat":
            assert "Предоставить доказательства вручения" in text
            assert "Код получения никому не сообщался" in text
            assert "Сохранить записи камер пункта выдачи и данные о выдаче заказа" in text
    else:
        if letter_id in ("claim", "court"):
            assert "п. 3 ст. 497 ГК РФ" in text, letter_id
            assert "458" not in text and PROOF not in text, letter_id
        if letter_id == "chat":
            assert "Код получения" not in text and PROOF not in text
            assert "Сообщить, где сейчас заказ и когда его передадут" in text


def check_demand(text: str, letter_id: str, demand: str) -> None:
    refund = demand == "refund"
    if letter_id == "claim":
        seller = "Требую от продавца вернуть предварительную оплату — 12 345 ₽ — в течение 10 дней"
        assert (seller in text) is refund and (OZON_DIRECT in text) is refund
        assert (f"передать мне товар в новый срок — не позднее 20.12.2026. {RESERVATION}" in text) is not refund
        assert "неустойку по день " + ("фактического возврата денег" if refund else "передачи товара") in text
    if letter_id == "chat":
        wanted = ("Вернуть деньги за заказ — 12 345 ₽." if refund
                  else f"Доставить заказ не позднее 20.12.2026. {RESERVATION}.")
        assert wanted in text
    if letter_id == "court":
        wanted = ("отказался(ась) от договора и потребовал(а) вернуть предварительную оплату" if refund
                  else "в этот срок товар не передан. Поэтому я отказываюсь от договора")
        assert wanted in text
        # the seller's 10 days run from a demand for the money: a claim for delivery made none
        assert ("Продавец должен был вернуть деньги в течение 10 дней" in text) is refund
    if letter_id in ("bank", "rospotrebnadzor") and not text.startswith("Это заявление вам не подходит"):
        wanted = "с требованием вернуть деньги" if refund else "с требованием передать товар не позднее 20.12.2026"
        assert wanted in text, letter_id


def check_payment(text: str, letter_id: str, pay: str) -> None:
    if letter_id in ("claim", "court"):
        assert f"{PAY_TEXT[pay]}, сумма — 12 345 ₽" in text, (letter_id, pay)
    if letter_id == "bank":
        if pay == "balance":
            assert text.startswith("Это заявление вам не подходит") and "ЗАЯВЛЕНИЕ" not in text
            return
        assert "совершена мной как держателем" in text and "с указанием причин" in text
        if pay == "sbp":
            assert "через Систему быстрых платежей (номер операции — A1B2C3)" in text and "4321" not in text
        else:
            assert "с моей карты (последние цифры номера — 4321)" in text and "A1B2C3" not in text


def check_losses(text: str, letter_id: str, losses: str) -> None:
    if letter_id == "claim":
        if losses:
            assert ("возместить убытки, причинённые нарушением срока (п. 2 ст. 23.1 Закона), — 1 500 ₽: "
                    "доставка 199 ₽") in text
            assert "4. Чеки и документы, подтверждающие убытки." in text
        else:
            assert "убытки, причинённые нарушением срока (п. 2 ст. 23.1 Закона), если они возникнут" in text
            assert "подтверждающие убытки" not in text
    if letter_id == "court":
        if losses:
            assert "3. Взыскать убытки — 1 500 ₽ (доставка 199 ₽ по чеку)." in text
            assert "4. Взыскать компенсацию морального вреда" in text and "5. Взыскать штраф" in text
            assert "5. Документы об убытках" in text and "7. Копия паспорта" in text
        else:
            assert "Взыскать убытки" not in text and "Документы об убытках" not in text
            assert "3. Взыскать компенсацию морального вреда" in text and "4. Взыскать штраф" in text
            assert "6. Копия паспорта" in text


@pytest.mark.parametrize("letter_id", ["chat", "claim", "bank", "rospotrebnadzor", "court"])
def test_letter_follows_every_choice(page, site_server, built_site, subtests, letter_id):
    """Every status and demand on one page load, each combination filled in whole (ORDER and both choices) and then
    every payment method and the losses: a letter follows each change as it follows a reader changing their mind (one
    page, not one browser profile per combination: a profile's first page costs the browser twice what a later one
    does). A failure names its combination."""
    root = open_letter(page, site_server, built_site, letter_id)
    pays = PAY_METHODS if has_field(root, "pay-method") else [None]
    losses_options = ["1 500", ""] if has_field(root, "losses") else [None]
    for status in ("handed", "transit"):
        for demand in ("refund", "deliver"):
            with subtests.test(status=status, demand=demand):
                fill(root, {**ORDER, "status-kind": status, "demand": demand})
                for pay in pays:
                    for losses in losses_options:
                        if pay:
                            fill(root, {"pay-method": pay})
                        if losses is not None:
                            fill(root, {"losses": losses})
                        text = letter_text(page, letter_id)
                        check_common(text, letter_id)
                        check_status(text, letter_id, status)
                        check_demand(text, letter_id, demand)
                        if pay:
                            check_payment(text, letter_id, pay)
                        if losses is not None:
                            check_losses(text, letter_id, losses)
    assert page.errors == []


# The court follows the price of the claim: prepayment + penalty on the filing date + losses (moral damage and the
# 50 % fine are not counted). Promised 10.11.2026 (a Tuesday), filed 30.11.2026: 20 days, 10 % of the prepayment.
COURT_CASES = [
    # amount, promised-on, losses, price, penalty, court
    ("99 999", "2026-11-30", "", "99 999 ₽", "0 ₽", "Мировому судье"),
    ("100 001", "2026-11-30", "", "100 001 ₽", "0 ₽", "В районный (городской) суд"),
    ("90 000", "2026-11-10", "999", "99 999 ₽", "9 000 ₽", "Мировому судье"),
    ("90 000", "2026-11-10", "1 001", "100 001 ₽", "9 000 ₽", "В районный (городской) суд"),
    ("100 000", "2026-11-30", "", "100 000 ₽", "0 ₽", "Мировому судье"),
]


def test_court_claim_court_and_sums_follow_the_inputs(page, site_server, built_site, subtests):
    """Each row of COURT_CASES filled in whole on one page load (every field the row depends on is set anew); a
    failure names its row."""
    root = open_letter(page, site_server, built_site, "court")
    for amount, promised, losses, price, penalty, court in COURT_CASES:
        with subtests.test(amount=amount, promised=promised, losses=losses):
            check_court_claim(page, root, amount, promised, losses, price, penalty, court)
    assert page.errors == []


def check_court_claim(page, root, amount, promised, losses, price, penalty, court) -> None:
    fill(root, {**ORDER, "amount": amount, "promised-on": promised, "losses": losses, "moral": "5 000",
                "venue": "stay", "ozon-is-seller": "no"})
    text = letter_text(page, "court")
    assert text.startswith(court + "\n" + ORDER["court-name"] + "\n")
    assert f"Цена иска: {price} (предоплата, неустойка на дату подачи иска{' и убытки' if losses else ''})." in text
    assert "Госпошлина не уплачивается: п. 3 ст. 17" in text
    assert f"1. Взыскать с ответчиков в мою пользу предварительную оплату — {amount} ₽." in text
    assert (f"2. Взыскать с ответчика 1 неустойку по п. 3 ст. 23.1 Закона на день вынесения решения "
            f"(на 30.11.2026 — {penalty}) и далее по день фактического исполнения обязательства, "
            f"но не более суммы предварительной оплаты.") in text
    if losses:
        assert f"3. Взыскать убытки — {losses} ₽ (доставка 199 ₽ по чеку)." in text
    assert "Взыскать компенсацию морального вреда — 5 000 ₽." in text
    assert "Взыскать штраф в размере 50 % присуждённой суммы (п. 6 ст. 13 Закона)." in text
    assert "Ответчик 1: ООО «Ромашка», ОГРН 1234567890123 — продавец" in text
    assert "Ответчик 2: ООО «Интернет Решения» (ИНН 7704217370, ОГРН 1027739244741)" in text
    assert "Иск подаётся по месту моего пребывания (п. 2 ст. 17 Закона)." in text


def test_court_claim_with_ozon_as_the_seller_and_above_the_fee_limit(page, site_server, built_site):
    root = open_letter(page, site_server, built_site, "court")
    fill(root, {**ORDER, "amount": "1 000 001", "promised-on": "2026-11-30", "ozon-is-seller": "yes",
                "venue": "defendant"})
    text = letter_text(page, "court")
    assert text.startswith("В районный (городской) суд\n")
    assert "Госпошлина не уплачивается" not in text and "размер госпошлины уточните на сайте суда" in text
    assert ("Ответчик: ООО «Интернет Решения» (ИНН 7704217370, ОГРН 1027739244741) — продавец и владелец "
            "агрегатора") in text
    assert "Ответчик 1" not in text and "Ответчик 2" not in text and "Ромашка" not in text
    assert "Взыскать с ответчика в мою пользу предварительную оплату — 1 000 001 ₽." in text
    assert "Прошу истребовать у ответчика доказательства вручения" in text  # status-kind defaults to handed
    assert "Иск подаётся по месту нахождения ответчика" in text
    fill(root, {"amount": "1 000 000"})
    text = letter_text(page, "court")
    assert "Госпошлина не уплачивается" in text and text.startswith("В районный (городской) суд\n")
    assert page.errors == []
