"""The [[…]] letter-body language (content/letter_body.py), parsed directly."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from content.letter_body import BodyError, Condition, Slot, parse_with

CHOICE = SimpleNamespace(id="demand", type="choice", label="Чего вы требуете", default="",
                         options=(SimpleNamespace(value="refund", label="Вернуть деньги"),
                                  SimpleNamespace(value="deliver", label="Доставить")))
TEXT = SimpleNamespace(id="order-number", type="text", label="Номер заказа", options=(), default="")
FIELDS = {"demand": CHOICE, "order-number": TEXT}
FACTS = {"refund-days": SimpleNamespace(value="10 дней"), "no-value": SimpleNamespace(value="")}


def parse(text: str):
    return parse_with(text, FIELDS, FIELDS, FACTS)


def test_slots_conditions_and_facts():
    parsed = parse("Заказ № [[order-number]]. [[ if demand = refund ]]Верните за [[fact:refund-days]].[[else]]"
                   "Доставьте.[[end]]")
    first, slot, dot, cond = parsed.nodes
    assert (first, dot) == ("Заказ № ", ". ")
    assert isinstance(slot, Slot) and slot.field is TEXT
    assert isinstance(cond, Condition) and cond.test == "demand=refund" and cond.has_else
    assert cond.then == ["Верните за 10 дней."]  # the fact is static text, merged with its neighbours
    assert cond.otherwise == ["Доставьте."]
    assert cond.by_default is False  # no default: the [else] variant shows until the reader picks
    assert parsed.used == {"order-number", "demand"}


def test_nested_conditions():
    parsed = parse("[[if order-number]]A[[if demand=deliver]]B[[end]]C[[end]]")
    outer = parsed.nodes[0]
    assert outer.by_default is False  # an empty field: not filled in
    assert outer.then[0] == "A" and outer.then[1].test == "demand=deliver" and outer.then[2] == "C"


@pytest.mark.parametrize("text,needed", [
    ("Заказ № [[order-number]]", {"order-number"}),
    ("[[if order-number]], заказ № [[order-number]][[end]]", set()),  # shown only when filled: optional
    ("[[if demand=refund]]Заказ № [[order-number]][[end]]", set()),  # one variant only
    ("[[if demand=refund]]№ [[order-number]][[else]]Заказ № [[order-number]][[end]]", {"order-number"}),  # every one
    ("[[if order-number]]есть[[else]]нет номера: [[demand]][[end]]", set()),
    ("[[if demand=refund]][[if order-number]]№ [[order-number]][[end]][[else]][[order-number]][[end]]", set()),
])
def test_needed_fields_are_those_every_variant_shows(text, needed):
    """What a letter's form must not call «необязательно» (Letter.optional): left empty, it leaves a blank."""
    assert parse(text).needed == needed


def test_a_notice_instead_of_the_letter_is_no_variant_to_fill():
    """The bank letter for a payment from the Ozon balance is a notice: the fields the letter itself always shows are
    still needed; a short variant inside the letter is not a notice."""
    names = [f"f{i}" for i in range(6)]
    fields = {**FIELDS, **{n: SimpleNamespace(id=n, type="text", label=n, options=(), default="") for n in names}}
    letter = " ".join(f"[[{n}]]" for n in names)
    notice = parse_with(f"[[if demand=refund]]Вам это заявление не подходит.[[else]]{letter}[[end]]", fields, fields,
                        FACTS)
    assert notice.needed == set(names)
    short = parse_with("[[if demand=refund]]Ozon[[else]]В [[f0]][[end]]", fields, fields, FACTS)
    assert short.needed == set()


def test_jinja_looking_text_is_plain_text():
    assert parse("{{ 1 + 1 }} {% raw %} {#").nodes == ("{{ 1 + 1 }} {% raw %} {#",)


@pytest.mark.parametrize("text,message", [
    ("[[if demand]]x[[else]]y[[else]]z[[end]]", "has '[[else]]' without a matching '[[if …]]'"),
    ("[[if]]x[[end]]", "has a malformed condition '[[if]]'"),
    ("[[if order-number=refund]]x[[end]]", "'refund' is not an option of field 'order-number'"),
    ("[[Order Number]]", "has unknown placeholder '[[Order Number]]'"),
    ("[[fact:no-value]]", "'[[fact:no-value]]': the fact has no 'value' to insert"),
    ("[[fact:nope]]", "has unknown fact '[[fact:nope]]'"),
    ("a ]] b", "has an unbalanced '[[' or ']]' near 'a ]] b'"),
    ("[[order-number\n]]", "has an unbalanced '[[' or ']]'"),
])
def test_errors(text, message):
    with pytest.raises(BodyError) as caught:
        parse(text)
    assert message in str(caught.value)


def test_the_variant_shown_before_javascript_follows_the_defaults():
    refund = SimpleNamespace(**{**vars(CHOICE), "default": "refund"})
    today = SimpleNamespace(id="letter-date", type="date", label="Дата", options=(), default="today")
    fields = {"demand": refund, "letter-date": today}
    nodes = parse_with("[[if demand=refund]]A[[else]]B[[end]][[if letter-date]]C[[end]][[if demand=deliver]]D[[end]]",
                       fields, fields, FACTS).nodes
    assert [n.by_default for n in nodes] == [True, False, False]
