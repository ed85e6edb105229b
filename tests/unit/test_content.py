"""The data loaders (content/), called directly: each broken fixture must raise exactly its message from
fixtures/cases.yml; the valid fixture and the real data/ load into typed objects."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from content import DataError, load_site
from content.case import BANK_LETTER, BANK_STEP
from support import FIXTURES, ROOT, fixture_project

CASES = yaml.safe_load((FIXTURES / "cases.yml").read_text(encoding="utf-8"))


def test_every_case_folder_is_listed():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()} - {"valid"}
    assert folders == set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_bad_data_is_refused_with_its_message(tmp_path, case):
    project = fixture_project(case, tmp_path / case)
    with pytest.raises(DataError) as caught:
        load_site(project / "data", project / "docs")
    expected, message = CASES[case], str(caught.value)
    if expected.endswith("…"):
        assert message.startswith(expected[:-1]), message
    else:
        assert message == expected


def test_valid_fixture_loads_into_typed_objects(tmp_path):
    project = fixture_project("valid", tmp_path / "valid")
    site = load_site(project / "data", project / "docs")
    assert site.contacts["hotline"].href == "tel:+78005554943"
    assert site.contacts["ozon-chat"].source is site.sources["ozon-help"]
    assert [s.id for s in site.facts["refund-days"].sources] == ["zozpp", "ozon-help"]
    assert site.facts["penalty-rate"].number == 0.5
    assert site.sources["ozon-help"].checked == dt.date(2026, 1, 10)
    assert [(s.id, s.number) for s in site.steps.values()] == [("check-order", 1), ("write-chat", 2)]
    letters = site.letters
    assert letters.fields["reply-by"].days == 10  # from the fact refund-days
    assert [f.id for f in letters.calculator_inputs] == ["claim-on"]
    chat = letters.letters["chat"]
    assert [f.id for f in chat.inputs] == ["order-number", "demand", "amount", "promised-on", "letter-date"]
    assert chat.how_text == "в чат Ozon"
    assert site.replies["vydan-po-kodu"].answer[-1] == " я не получал(а). Верните деньги за 10 дней."
    assert site.replies["vydan-po-kodu"].law == "Продавец должен доказать вручение. Деньги — за **10 дней**."
    assert letters.fields["amount"].blank == "[сумма]"
    assert letters.fields["order-number"].blank == "[номер заказа]"
    assert [o.text for o in letters.fields["demand"].options] == ["Вернуть деньги", "доставить заказ"]
    # [[fact:refund-days]] is plain text by the time the template sees the body
    assert "за 10 дней." in chat.body[3].then[-1]


def test_plus_days_may_still_be_a_whole_number(tmp_path):
    project = fixture_project("valid", tmp_path / "valid")
    letters = project / "data" / "letters.yml"
    letters.write_text(letters.read_text(encoding="utf-8").replace("days: refund-days", "days: 14"), encoding="utf-8")
    assert load_site(project / "data", project / "docs").letters.fields["reply-by"].days == 14


def test_the_real_data_loads():
    site = load_site(ROOT / "data", ROOT / "docs")
    assert site.steps and site.contacts and site.facts and site.sources and site.letters.letters


def test_payment_methods_load_with_facts_and_sources(tmp_path):
    project = fixture_project("valid", tmp_path / "valid")
    payment = load_site(project / "data", project / "docs").payment
    assert list(payment) == ["card", "balance"]  # the options of the letters' pay-method field, in order
    assert payment["card"].dispute == "Банк может запустить спор; претензия — за 10 дней."
    assert [s.id for s in payment["balance"].sources] == ["ozon-help", "zozpp"]
    assert payment["balance"].dispute_step is False


def test_real_payment_methods_are_the_pay_method_options():
    site = load_site(ROOT / "data", ROOT / "docs")
    options = [o.value for o in site.letters.fields["pay-method"].options]
    assert list(site.payment) == options == ["card", "sbp", "ozon-card", "balance", "on-receipt"]
    assert all("[[" not in m.refund + m.dispute for m in site.payment.values())


def test_case_loads_with_days_from_facts(tmp_path):
    project = fixture_project("valid", tmp_path / "valid")
    case = load_site(project / "data", project / "docs").case
    assert list(case.events) == ["status-received", "chat-sent", "refund-paid"]
    assert case.terms["ozon-window"].days == 10  # the fact refund-days
    assert case.terms["delivery"].days == 0 and case.terms["delivery"].starts == ("order:promised-on",)
    assert [(a.id, a.term_id, a.term_state) for a in case.actions] == [
        ("chat-now", "ozon-window", "running"), ("late", "", ""), ("wait", "", "")]
    assert case.terms["ozon-window"].remind == (1,)  # the calendar file's alarm: a day before, unless told


def test_case_is_optional(tmp_path):
    project = fixture_project("valid", tmp_path / "valid")
    (project / "data" / "case.yml").unlink()
    assert load_site(project / "data", project / "docs").case is None


def test_the_real_case_file_refers_to_real_facts():
    case = load_site(ROOT / "data", ROOT / "docs").case
    assert case.terms["seller-refund"].days == 10 and case.terms["seller-refund"].shift
    assert case.terms["bank-window"].days == 180 and not case.terms["bank-window"].shift
    assert case.terms["ozon-window"].days == 7 and not case.terms["ozon-window"].shift
    assert case.terms["bank-window"].remind == (21, 1)  # «не позже чем за 2–3 недели» (mir-sbp-dispute)


def test_the_real_case_sends_to_the_bank_only_who_can_dispute():
    """The actions that lead to the bank are limited to the payments data/payment.yml lets a bank dispute; the
    others get Роспотребнадзор and the court; the bank step and letter the loader checks exist."""
    site = load_site(ROOT / "data", ROOT / "docs")
    actions = {a.id: a for a in site.case.actions}
    disputable = [m for m, method in site.payment.items() if method.dispute_step]
    assert "balance" not in disputable and "card" in disputable
    assert BANK_STEP in site.steps and BANK_LETTER in site.letters.letters
    for ident in ("refund-wait", "bank-now"):
        assert actions[ident].when == "pay-method=" + "|".join(disputable) and actions[ident].step == BANK_STEP
    for ident in ("no-bank-wait", "no-bank-now"):
        assert not actions[ident].when and actions[ident].step == "rospotrebnadzor"
        assert "Роспотребнадзор" in actions[ident].text and "суд" in actions[ident].text
    assert "банк не поможет" not in actions["bank-now"].text


def test_the_real_events_differ_where_a_phones_select_cuts_them():
    """«Что произошло» is a select: a 320 px phone shows about 30 characters of the chosen event and cuts the rest, so
    two events must differ within their first 24 (the two chat demands both read «Написал(а) в чат заказа и потр…»)."""
    labels = [event.label for event in load_site(ROOT / "data", ROOT / "docs").case.events.values()]
    starts = [label[:24] for label in labels]
    assert len(set(starts)) == len(starts), sorted(starts)


LEGAL_NUMBER = re.compile(r"\d[\d\s\u00a0]*(?:дн|календарн|рабоч|%|₽|год|лет|час)", re.IGNORECASE)


def test_the_real_case_file_states_only_facts():
    """Legal read of data/case.yml: numbers come from data/facts.yml ([[fact:id]]), never typed by hand; the
    state-fee waiver is limited to its amount; the seller's term also starts from a demand in the order's chat
    (ПП 2463: a claim in any form); the 50 % fine and moral damage are the court's."""
    raw = yaml.safe_load((ROOT / "data" / "case.yml").read_text(encoding="utf-8"))
    for section, key in (("events", "label"), ("terms", "title"), ("terms", "todo"), ("terms", "note"),
                         ("actions", "text")):
        for entry in raw[section]:
            assert not LEGAL_NUMBER.search(entry.get(key, "")), (section, entry["id"], key)
    site = load_site(ROOT / "data", ROOT / "docs")
    case, facts = site.case, site.facts
    actions = {a.id: a.text for a in case.actions}
    assert f"ценой {facts['no-state-fee'].value} госпошлину не платят" in actions["court-now"]
    assert "chat-sent" in case.terms["seller-refund"].starts
    assert facts["claim-any-form"].value in case.terms["seller-refund"].note
    assert "суд" in actions["paid"] and facts["fine-50"].value in actions["paid"]
    assert "не закон" in case.terms["bank-window"].note and "Банк может отказать" in case.terms["bank-window"].todo
    assert "справочном центре Ozon" in case.terms["ozon-window"].note


def test_the_real_letters_type_no_legal_number_by_hand():
    """A letter's «when» (shown on its page and on the letters index), the calculator's labels and notes print
    deadlines, rates and amounts from data/facts.yml ([[fact:id]]), so a corrected fact changes them too."""
    raw = yaml.safe_load((ROOT / "data" / "letters.yml").read_text(encoding="utf-8"))
    texts = [(f"letter {e['id']}", e["when"]) for e in raw["letters"]]
    texts += [(f"result {e['id']}", e["note"]) for e in raw["results"]]
    texts += [(f"field {e['id']}", e["label"]) for e in raw["fields"]]
    for where, text in texts:
        assert not LEGAL_NUMBER.search(text), (where, text)
    site = load_site(ROOT / "data", ROOT / "docs")
    letters, facts = site.letters.letters, site.facts
    assert facts["ozon-7-days"].value in letters["chat"].when and "[[" not in letters["chat"].when
    assert facts["mir-sbp-dispute"].value in letters["bank"].when
    assert f"потребителя {facts['no-state-fee'].value} платить не нужно" in letters["court"].when


@pytest.mark.parametrize(("text", "message"), [
    ("synonyms:\n  - id: ПВЗ\n    means: [пункт выдачи]\n",
     "data/search.yml: synonym 'ПВЗ': field 'id' 'ПВЗ' is not one word in lower case (letters and digits)"),
    ("synonyms:\n  - id: пвз\n    means: [пункт выдачи]\n  - id: пвз\n    means: [пвз]\n",
     "data/search.yml: synonym 'пвз': duplicate id 'пвз'"),
    ("synonyms:\n  - id: пвз\n    means: []\n",
     "data/search.yml: synonym 'пвз': field 'means' must be a non-empty list"),
    ("synonyms:\n  - id: пвз\n    means: [Пункт выдачи]\n",
     "data/search.yml: synonym 'пвз': field 'means' 'Пункт выдачи' must be lower-case words (letters and digits) "
     "separated by spaces"),
    ("synonyms:\n  - id: пвз\n    means: [пункт выдачи]\n    note: x\n",
     "data/search.yml: synonym 'пвз': unknown field 'note'"),
])
def test_bad_search_synonyms_are_refused_naming_file_entry_and_field(tmp_path, text, message):
    from content.loader import load_synonyms

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "search.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_synonyms(tmp_path / "data")
    assert str(caught.value) == message


def test_the_real_search_synonyms_load():
    from content.loader import load_synonyms

    synonyms = load_synonyms(ROOT / "data")
    assert synonyms["пвз"] == ("пункт выдачи",) and synonyms["смс"] == ("sms",)
