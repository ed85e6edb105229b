"""The shape of every data file, declared once as pydantic models (unknown keys are rejected).

A model checks what one entry can say about itself: required fields, types, slugs, https URLs, dates, phone
numbers, which fields go with which type. References to other entries or files (a fact's sources, a contact's
source, a step's next step, a letter's fields) are checked in plain Python by the loaders (loader.py), which then
attach the referenced objects (``fact.sources``, ``contact.source``, ``letter.body`` …) for the templates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    model_validator,
)

from .errors import problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SEARCH_WORD = re.compile(r"^[а-яёa-z0-9]+$")  # a word a reader types into search, as the index holds it
ITEM_ID = re.compile(r"^(?P<step>[a-z0-9]+(?:-[a-z0-9]+)*)\.[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
CHANNELS = ("chat", "phone", "web", "post", "email")
FIELD_TYPES = ("text", "date", "money", "textarea", "choice", "computed")
HOW = {"chat": "в чат Ozon", "post": "заказным письмом", "bank": "в банк", "portal": "онлайн-обращением",
       "office": "в управляющую компанию", "court": "в суд"}
AUTOCOMPLETE = {"name": "text", "street-address": "text", "tel": "tel", "email": "email"}


# --- Field types -------------------------------------------------------------------------------------------------

def _text(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise problem("is missing or empty")
    if not isinstance(value, str):
        raise problem(f"must be text, got {type(value).__name__}")
    return value.strip()


def _optional_text(value: Any) -> str:
    return "" if value is None or (isinstance(value, str) and not value.strip()) else _text(value)


def _slug(pattern: re.Pattern):
    def check(value: Any) -> str:
        value = _text(value)
        if not pattern.match(value):
            raise problem(f"'{value}' is not a valid id (lowercase latin letters, digits and hyphens)")
        return value
    return check


def _date(value: Any) -> dt.date:
    if value is None:
        raise problem("is missing")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise problem(f"'{value}' is not a date in the form YYYY-MM-DD") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise problem(f"'{value}' is not a date in the form YYYY-MM-DD")
    if value > dt.date.today():
        raise problem(f"'{value}' is in the future")
    return value


def _https(value: Any) -> str:
    value = _optional_text(value)
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or " " in value or "." not in parts.netloc:
        raise problem(f"'{value}' is not a valid https:// URL")
    return value


def _one_of(choices):
    def check(value: Any) -> str:
        value = _text(value)
        if value not in choices:
            raise problem(f"'{value}' is not one of {', '.join(choices)}")
        return value
    return check


def _non_empty_list(value: Any) -> Any:
    if not isinstance(value, list) or not value:
        raise problem("must be a non-empty list")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise problem("must contain only non-empty text")
    return value


Text = Annotated[str, BeforeValidator(_text)]
OptionalText = Annotated[str, BeforeValidator(_optional_text)]
Slug = Annotated[str, BeforeValidator(_slug(SLUG))]
ItemId = Annotated[str, BeforeValidator(_slug(ITEM_ID))]
Date = Annotated[dt.date, BeforeValidator(_date)]
HttpsUrl = Annotated[str, BeforeValidator(_https)]
Texts = Annotated[tuple[Text, ...], BeforeValidator(_non_empty_list)]
SlugList = Annotated[tuple[Slug, ...], BeforeValidator(_non_empty_list)]
Number = StrictInt | StrictFloat


class Entry(BaseModel):
    """One entry of a data file: unknown keys are an error, values are read-only once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def phone_href(value: str) -> str | None:
    """tel: link for a Russian number printed as '8-800-555-49-43' or '+7 499 300-30-00'."""
    if not re.fullmatch(r"\+?[0-9][0-9 ()\-]{9,20}", value):
        return None
    digits = re.sub(r"\D", "", value)
    if len(digits) != 11 or digits[0] not in "78":
        return None
    if digits[0] == "7" and not value.startswith("+"):
        return None
    return "tel:+7" + digits[1:]


# --- data/sources.yml, data/facts.yml, data/contacts.yml, data/steps.yml ----------------------------------------

class Source(Entry):
    id: Slug
    title: Text
    url: HttpsUrl = ""
    checked: Date
    publisher: OptionalText = ""
    law: StrictBool = False

    @model_validator(mode="after")
    def _url_unless_law(self):
        # A normative act may be cited by its official title alone; every other source needs its https URL.
        if not self.url and not self.law:
            raise problem("is missing or empty", field="url")
        return self


class Fact(Entry):
    id: Slug
    text: Text
    value: OptionalText = ""
    number: Number | None = None  # the fact as a number, for letters and the calculator (e.g. 0.5, 10, 180)
    source_ids: SlugList = Field(alias="sources")
    checked: Date
    _sources: tuple[Source, ...] = PrivateAttr(default=())

    @property
    def sources(self) -> tuple[Source, ...]:
        return self._sources


class Contact(Entry):
    id: Slug
    name: Text
    channel: Annotated[str, BeforeValidator(_one_of(CHANNELS))]
    value: Text
    url: HttpsUrl = ""
    hours: OptionalText = ""
    cost: OptionalText = ""
    prepare: Texts
    note: OptionalText = ""
    source_id: Slug = Field(alias="source")
    checked: Date
    _source: Source | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _value_fits_channel(self):
        if self.channel == "phone" and phone_href(self.value) is None:
            raise problem(f"'{self.value}' is not a Russian phone number (11 digits, +7… or 8…)", field="value")
        if self.channel == "email" and not EMAIL.match(self.value):
            raise problem(f"'{self.value}' is not an e-mail address", field="value")
        if self.channel == "web" and not self.url:
            raise problem("is missing or empty", field="url")
        return self

    @property
    def href(self) -> str:
        if self.channel == "phone":
            return phone_href(self.value) or ""
        if self.channel == "email":
            return "mailto:" + self.value
        return self.url

    @property
    def source(self) -> Source:
        return self._source


class Item(Entry):
    id: ItemId
    text: Text
    hint: OptionalText = ""


class Step(Entry):
    id: Slug
    title: Text
    page: Text
    next: OptionalText = ""
    if_not_helped: Text
    items: Annotated[tuple[Item, ...], Field(min_length=1)]
    _number: int = PrivateAttr(default=0)

    @property
    def number(self) -> int:
        """1-based position in data/steps.yml."""
        return self._number


# --- data/letters.yml --------------------------------------------------------------------------------------------

class Option(Entry):
    value: Slug
    label: Text
    option_text: OptionalText = Field("", alias="text")

    @property
    def text(self) -> str:
        return self.option_text or self.label


class LetterField(Entry):
    id: Slug
    label: Text
    blank_text: OptionalText = Field("", alias="blank")
    type: Annotated[str, BeforeValidator(_one_of(FIELD_TYPES))]
    hint: OptionalText = ""
    required: StrictBool = False
    options: tuple[Option, ...] = ()
    default: OptionalText = ""
    autocomplete: OptionalText = ""
    fn: OptionalText = ""
    inputs: tuple[Slug, ...] = Field((), alias="from")
    days_spec: Annotated[StrictInt | Slug | None, Field(alias="days")] = None
    _days: int = PrivateAttr(default=0)

    @model_validator(mode="after")
    def _fits_type(self):
        if "[" in self.label or "]" in self.label:
            raise problem("must not contain [ or ]", field="label")
        if self.type == "choice":
            if len(self.options) < 2:
                raise problem("must be a list of at least two options", field="options")
            values = [o.value for o in self.options]
            duplicate = next((v for v in values if values.count(v) > 1), None)
            if duplicate:
                raise problem(f"has the value '{duplicate}' twice", field="options")
            if not self.default:
                raise problem("is missing or empty", field="default")
            if self.default not in values:
                raise problem(f"'{self.default}' is not one of the options ({', '.join(values)})", field="default")
        elif self.options:
            raise problem(f"is only for type 'choice', not '{self.type}'", field="options")
        elif self.default and (self.type != "date" or self.default != "today"):
            raise problem("only a date field may have a default, and only 'today'", field="default")
        if self.type == "computed":
            if not self.fn:
                raise problem("is missing or empty", field="fn")
            if not self.inputs:
                raise problem("must be a non-empty list", field="from")
        else:
            for name, given in (("fn", self.fn), ("from", self.inputs), ("days", self.days_spec is not None)):
                if given:
                    raise problem(f"is only for type 'computed', not '{self.type}'", field=name)
        if self.autocomplete and (self.type != "text" or self.autocomplete not in AUTOCOMPLETE):
            raise problem(f"must be one of {', '.join(AUTOCOMPLETE)}, on a text field", field="autocomplete")
        return self

    @property
    def blank(self) -> str:
        """What an unfilled placeholder shows, e.g. "[номер заказа]"; abbreviations such as "ФИО" are kept."""
        if self.blank_text:
            return f"[{self.blank_text}]"
        label = self.label
        if len(label) > 1 and label[1].islower():
            label = label[0].lower() + label[1:]
        return f"[{label}]"

    @property
    def days(self) -> int:
        """For fn 'plus': the number of days, resolved from a fact id by the loader."""
        return self._days

    @property
    def input_type(self) -> str:
        return AUTOCOMPLETE.get(self.autocomplete, "text")


class Letter(Entry):
    id: Slug
    title: Text
    anchor: Slug
    when_text: Text = Field(alias="when")
    how: Annotated[tuple[Annotated[str, BeforeValidator(_one_of(tuple(HOW)))], ...], BeforeValidator(_non_empty_list)]
    send: Text
    field_ids: SlugList = Field(alias="fields")
    body_text: Text = Field(alias="body")
    _fields: tuple[LetterField, ...] = PrivateAttr(default=())
    _body: tuple = PrivateAttr(default=())
    _needed: frozenset[str] = PrivateAttr(default=frozenset())
    _when: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _plain_title(self):
        if "[" in self.title or "]" in self.title:
            raise problem("must not contain [ or ]", field="title")
        return self

    @property
    def when(self) -> str:
        """When to send it, [[fact:…]] filled in by the loader."""
        return self._when

    @property
    def fields(self) -> tuple[LetterField, ...]:
        return self._fields

    @property
    def body(self) -> tuple:
        """The parsed body: text, Slot and Condition nodes (letter_body.py)."""
        return self._body

    @property
    def inputs(self) -> tuple[LetterField, ...]:
        return tuple(f for f in self.fields if f.type != "computed")

    def optional(self, field: LetterField) -> bool:
        """Whether the form says «необязательно» for this input: not required, no default, and some variant of the body
        does without it (Parsed.needed: left empty, it need not leave a blank; a computed value decides for itself)."""
        return field.id not in self._needed and not field.required and not field.default

    @property
    def how_text(self) -> str:
        return ", ".join(HOW[h] for h in self.how)


class Reply(Entry):
    """data/replies.yml: an answer to one of Ozon's standard chat replies."""

    id: Slug
    ozon_says: Text
    means_text: Text = Field(alias="means")
    law_text: Text = Field(alias="law")
    source_ids: SlugList = Field(alias="sources")
    field_ids: tuple[Slug, ...] = Field((), alias="fields")
    answer_text: Text = Field(alias="answer")
    _means: str = PrivateAttr(default="")
    _law: str = PrivateAttr(default="")
    _sources: tuple[Source, ...] = PrivateAttr(default=())
    _fields: tuple[LetterField, ...] = PrivateAttr(default=())
    _answer: tuple = PrivateAttr(default=())

    @property
    def means(self) -> str:
        """What the reply means for the reader, [[fact:…]] filled in by the loader (may contain **bold**)."""
        return self._means

    @property
    def law(self) -> str:
        """What the law says, [[fact:…]] filled in by the loader (may contain **bold**)."""
        return self._law

    @property
    def sources(self) -> tuple[Source, ...]:
        return self._sources

    @property
    def fields(self) -> tuple[LetterField, ...]:
        return self._fields

    @property
    def answer(self) -> tuple:
        """The parsed answer: text, Slot and Condition nodes (letter_body.py), like a letter body."""
        return self._answer


class PayMethod(Entry):
    """data/payment.yml: one way of paying, what it means for the refund and for a bank dispute (pay_route())."""

    id: Slug
    label: Text
    refund_text: Text = Field(alias="refund")
    dispute_text: Text = Field(alias="dispute")
    dispute_step: StrictBool
    source_ids: SlugList = Field(alias="sources")
    _refund: str = PrivateAttr(default="")
    _dispute: str = PrivateAttr(default="")
    _sources: tuple[Source, ...] = PrivateAttr(default=())

    @property
    def refund(self) -> str:
        """The refund paragraph with its [[fact:id]] resolved by the loader."""
        return self._refund

    @property
    def dispute(self) -> str:
        """The bank-dispute paragraph with its [[fact:id]] resolved by the loader."""
        return self._dispute

    @property
    def sources(self) -> tuple[Source, ...]:
        return self._sources


class Result(Entry):
    field_id: Slug = Field(alias="id")
    how_id: Slug | None = Field(None, alias="how")  # a computed field saying how the date was counted
    note_text: Text = Field(alias="note")
    _field: LetterField | None = PrivateAttr(default=None)
    _how: LetterField | None = PrivateAttr(default=None)
    _note: str = PrivateAttr(default="")

    @property
    def note(self) -> str:
        """The note under the result, [[fact:…]] filled in by the loader."""
        return self._note

    @property
    def field(self) -> LetterField:
        return self._field

    @property
    def how(self) -> LetterField | None:
        return self._how


# --- Search ------------------------------------------------------------------------------------------------------

def _search_word(value: Any) -> str:
    value = _text(value)
    if not SEARCH_WORD.match(value):
        raise problem(f"'{value}' is not one word in lower case (letters and digits)")
    return value


def _phrases(value: Any) -> Any:
    value = _non_empty_list(value)
    for phrase in value:
        if phrase != phrase.lower() or not all(SEARCH_WORD.match(w) for w in phrase.split()):
            raise problem(f"'{phrase}' must be lower-case words (letters and digits) separated by spaces")
    return value


class Synonym(Entry):
    """data/search.yml: a word readers type that the guide writes otherwise, and the phrases of the guide it means."""

    id: Annotated[str, BeforeValidator(_search_word)]
    means: Annotated[tuple[Text, ...], BeforeValidator(_phrases)]
