"""data/case.yml: the events a reader logs on «Моё дело», the terms they start and the next actions.

The shape is declared once in the models below (unknown keys are errors); ``load_case`` then checks what no single
entry can: references to other events and terms in the file, to steps (data/steps.yml), letters (data/letters.yml)
and facts with a whole number of days (data/facts.yml); `when` against the letters' choice fields; reminders
within their term; and that only readers whose payment a bank can dispute (data/payment.yml `dispute_step`) are sent
to the bank. Every error names the file, the entry and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StrictBool, StrictInt

from .errors import DataError, problem
from .letter_body import BodyError
from .loader import PAY_FIELD, _facts_only, _File
from .models import Entry, Fact, LetterField, OptionalText, PayMethod, Slug, Step, Text, _slug

FILE = "data/case.yml"
ORDER_DATE = re.compile(r"^order:([a-z0-9]+(?:-[a-z0-9]+)*)$")
PLACEHOLDER = re.compile(r"\{([a-z]*)\}")
PLACEHOLDERS = ("day", "days", "end", "late")
MAX_DAYS = 999
# The dispute through the reader's bank (data/steps.yml step, data/letters.yml letter): what data/payment.yml's
# `dispute_step` says applies to a payment method or not. Entries of data/case.yml that link here are checked.
BANK_STEP, BANK_LETTER = "bank-dispute", "bank"


def _list(value: object) -> object:
    if not isinstance(value, list):
        raise problem("must be a list")
    return value


SlugTuple = Annotated[tuple[Slug, ...], BeforeValidator(_list)]
DELIVERY = "delivery"  # the term of the promised date (case.js counts the delay and the penalty from it)
Start = Annotated[str, BeforeValidator(lambda v: v if isinstance(v, str) and ORDER_DATE.match(v) else _slug_check(v))]


def _slug_check(value: object) -> str:
    return _slug(re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))(value)


class CaseEvent(Entry):
    id: Slug
    label: Text
    step: Slug
    letter: Slug | None = None
    after: SlugTuple = ()  # events it cannot come before (the page warns: «received before it was sent?»)
    # a date field of data/letters.yml this event's date goes into (the letters then have it: «Когда предъявили
    # претензию»); several events may give one field, the earliest date counts
    field: Slug | None = None


class Term(Entry):
    id: Slug
    starts: Annotated[tuple[Start, ...], BeforeValidator(_list), Field(alias="from", min_length=1)]
    days_spec: Annotated[StrictInt | Slug, Field(alias="days")]
    shift: StrictBool
    stops: SlugTuple
    when: OptionalText = ""
    title: Text
    todo: Text
    note: OptionalText = ""  # how the term is counted, shown on the page (not in the calendar file)
    # what the term's status says once one of `stops` is logged: event id -> text with {date} (default: the page's
    # «сделано {date} — в срок» / «— позже срока»); for an event that is not the reader doing the term's todo (the
    # refund ends the delivery term and the bank's window)
    done: dict[Slug, Text] = Field(default_factory=dict)
    # days before the end when the calendar file reminds the reader, one alarm each
    remind: Annotated[tuple[StrictInt, ...], BeforeValidator(_list), Field(min_length=1)] = (1,)
    step: Slug
    letter: Slug | None = None
    _days: int = 0

    @property
    def days(self) -> int:
        """The term's length, resolved from its fact; 0 = the start date itself is the last day."""
        return self._days

    @property
    def from_text(self) -> str:
        return " ".join(self.starts)


class Action(Entry):
    id: Slug
    done: SlugTuple = Field((), alias="if")
    unless: SlugTuple = ()
    term: OptionalText = ""
    delay: StrictBool = False
    when: OptionalText = ""
    text: Text
    step: Slug
    letter: Slug | None = None

    @property
    def term_id(self) -> str:
        return self.term.split()[0] if self.term else ""

    @property
    def term_state(self) -> Literal["running", "over", ""]:
        return self.term.split()[1] if self.term else ""  # type: ignore[return-value]


@dataclass
class CaseData:
    events: dict[str, CaseEvent]
    terms: dict[str, Term]
    actions: tuple[Action, ...]


def load_case(data_dir: Path, steps: Mapping[str, Step], letters: Mapping[str, object], facts: Mapping[str, Fact],
              fields: Mapping[str, LetterField], payment: Mapping[str, PayMethod]) -> CaseData:
    """data/case.yml, validated and cross-checked against steps, letters, facts, the letters' form fields and the
    payment methods (data/payment.yml; may be empty)."""
    f = _File(data_dir / "case.yml", data_dir.parent)

    def texts(where: str, entry, names: tuple[str, ...]):
        """The entry with [[fact:id]] in these text fields replaced by the facts' values (numbers live once)."""
        changes = {}
        for name in names:
            try:
                changes[name] = _facts_only(getattr(entry, name), facts)
            except BodyError as exc:
                raise DataError(f"{where}: field '{name}' {exc}") from None
        return entry.model_copy(update=changes)

    events: dict[str, CaseEvent] = {}
    event_where: dict[str, str] = {}
    for where, event in f.entries("events", CaseEvent):
        _links(where, event.step, event.letter, steps, letters)
        if event.field is not None and (event.field not in fields or fields[event.field].type != "date"):
            raise DataError(f"{where}: field 'field' '{event.field}' must name a date field of data/letters.yml")
        events[event.id] = texts(where, event, ("label",))
        event_where[event.id] = where

    def check_events(where: str, name: str, ids: tuple[str, ...]) -> None:
        for ident in ids:
            if ident not in events:
                raise DataError(f"{where}: field '{name}' refers to unknown event '{ident}' (not defined under "
                                f"'events:' in {FILE})")

    for ident, event in events.items():
        check_events(event_where[ident], "after", event.after)

    terms: dict[str, Term] = {}
    for where, term in f.entries("terms", Term):
        term = texts(where, term, ("title", "todo", "note"))
        for event, text in term.done.items():
            if event not in term.stops:
                raise DataError(f"{where}: field 'done' names '{event}', which is not one of its 'stops'")
            unknown = [name for name in PLACEHOLDER.findall(text) if name != "date"]
            if unknown:
                raise DataError(f"{where}: field 'done' has unknown placeholder '{{{unknown[0]}}}' (use {{date}})")
        _links(where, term.step, term.letter, steps, letters)
        for start in term.starts:
            order = ORDER_DATE.match(start)
            if order:
                field = fields.get(order[1])
                if field is None or field.type != "date":
                    raise DataError(f"{where}: field 'from' '{start}' must name a date field of data/letters.yml")
            else:
                check_events(where, "from", (start,))
        check_events(where, "stops", term.stops)
        days = term.days_spec
        if isinstance(days, str):
            fact = facts.get(days)
            if fact is None:
                raise DataError(f"{where}: field 'days' refers to unknown fact '{days}' (not defined in "
                                f"data/facts.yml)")
            number = fact.number
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= MAX_DAYS:
                raise DataError(f"{where}: field 'days' fact '{days}' has no whole 'number' of days from 1 to "
                                f"{MAX_DAYS}")
            days = number
        elif days != 0 or not all(ORDER_DATE.match(s) for s in term.starts):
            raise DataError(f"{where}: field 'days' must be a fact id (or 0 for a term that ends on an order date)")
        if term.when:
            _when(where, term.when, fields)
        _bank_when(where, term, payment, exact=False)
        highest = days - 1 if days else MAX_DAYS  # a term that ends on a date: its length is the reader's
        if "remind" in term.model_fields_set and (len(set(term.remind)) < len(term.remind)
                                                  or not all(0 <= n <= highest for n in term.remind)):
            raise DataError(f"{where}: field 'remind' must be different whole numbers of days before the end, "
                            f"from 0 to {highest}")
        term._days = days
        terms[term.id] = term

    promised = terms.get(DELIVERY)
    if promised is None or promised.days != 0:
        raise DataError(f"{FILE}: a term '{DELIVERY}' with days 0 must end on the promised date: «Моё дело» counts the "
                        f"delay and the penalty from it")
    actions = []
    for where, action in f.entries("actions", Action):
        action = texts(where, action, ("text",))
        _links(where, action.step, action.letter, steps, letters)
        check_events(where, "if", action.done)
        check_events(where, "unless", action.unless)
        if action.when:
            _when(where, action.when, fields)
        _bank_when(where, action, payment, exact=True)
        if action.term:
            parts = action.term.split()
            if len(parts) != 2 or parts[1] not in ("running", "over"):
                raise DataError(f"{where}: field 'term' must be '<term id> running' or '<term id> over'")
            if parts[0] not in terms:
                raise DataError(f"{where}: field 'term' refers to unknown term '{parts[0]}' (not defined under "
                                f"'terms:' in {FILE})")
        for name in PLACEHOLDER.findall(action.text):
            if name not in PLACEHOLDERS:
                raise DataError(f"{where}: field 'text' has unknown placeholder '{{{name}}}' (use "
                                f"{', '.join('{' + p + '}' for p in PLACEHOLDERS)})")
            if name != "late" and not action.term:
                raise DataError(f"{where}: field 'text' uses '{{{name}}}', which needs a 'term'")
        actions.append(action)
    last = actions[-1] if actions else None
    if not last or last.done or last.unless or last.term or last.delay or last.when:
        raise DataError(f"{FILE}: the last action must have no condition (it is shown when nothing else applies)")
    return CaseData(events, terms, tuple(actions))


def _links(where: str, step: str, letter: str | None, steps: Mapping[str, Step], letters: Mapping[str, object]):
    if step not in steps:
        raise DataError(f"{where}: field 'step' refers to unknown step '{step}' (not defined in data/steps.yml)")
    if letter is not None and letter not in letters:
        raise DataError(f"{where}: field 'letter' refers to unknown letter '{letter}' (not defined in "
                        f"data/letters.yml)")


def _when(where: str, when: str, fields: Mapping[str, LetterField]) -> None:
    name, _, options = when.partition("=")
    field = fields.get(name)
    values = {o.value for o in field.options} if field is not None and field.type == "choice" else set()
    wanted = options.split("|") if options else []
    if not values or not wanted or any(o not in values for o in wanted):
        raise DataError(f"{where}: field 'when' must be '<choice field>=<option>|<option>' with a choice field "
                        f"of data/letters.yml and its options")


def _bank_when(where: str, entry: Term | Action, payment: Mapping[str, PayMethod], exact: bool) -> None:
    """An entry that sends the reader to the bank (BANK_STEP or BANK_LETTER) only for payments a bank can dispute
    (data/payment.yml `dispute_step`). An action must say so (`when: pay-method=` exactly those methods: the next
    action without `when` is everyone else's); a term with a `when` on the payment lists only such methods (the
    bank's own term may cover fewer: the 180 days are the «Мир» and СБП rule)."""
    if not payment or (entry.step != BANK_STEP and entry.letter != BANK_LETTER):
        return
    field, _, options = entry.when.partition("=")
    if not exact and field != PAY_FIELD:
        return
    disputable = [m for m, method in payment.items() if method.dispute_step]
    listed = options.split("|") if field == PAY_FIELD else []
    if (exact and sorted(listed) != sorted(disputable)) or not set(listed) <= set(disputable):
        wanted = "exactly" if exact else "only"
        raise DataError(f"{where}: field 'when' must be '{PAY_FIELD}=' with {wanted} the methods whose "
                        f"'dispute_step' is true in data/payment.yml ({'|'.join(disputable)}): it leads to the bank "
                        f"dispute")
