"""The letter-body template language of data/letters.yml — its one documentation.

A letter's ``body`` is plain text with placeholders in double square brackets, a syntax that cannot clash with
Jinja or Markdown (mkdocs-macros never sees it: bodies reach the page through a component template as data):

``[[field-id]]``
    the value the reader typed into the form field ``field-id`` (declared under ``fields:`` and listed in the
    letter's ``fields``). Without JavaScript the page shows the field's blank, e.g. ``[номер заказа]``.
``[[fact:fact-id]]``
    the ``value`` of the fact ``fact-id`` in data/facts.yml, inserted as plain text when the site is built, so a
    number or deadline in a letter lives in one place (e.g. ``[[fact:prepaid-refund-days]]`` → ``10 дней``).
``[[if field-id]] … [[end]]``
    the text in between only when the field is filled in;
``[[if field-id=option]] … [[end]]``
    … only when the choice field has that option;
``[[else]]``
    inside an ``[[if …]]``: the text for the other case. Conditions may be nested.

Whitespace inside the brackets is ignored (``[[ if demand = refund ]]``). A placeholder fits on one line and has no
brackets inside, so a typo such as ``[[order-number]`` is reported, not printed. The build fails on an unknown field
or fact, a field used but not in the letter's ``fields``, an unbalanced ``[[if]]`` / ``[[else]]`` / ``[[end]]``, a
condition on a computed field or on an option the field does not have.

:func:`parse` turns a body into nodes for the template: ``str`` (literal text), :class:`Slot` (a field's value) and
:class:`Condition` (variants). Model: datenanfragen ``letter-generator/src/Template.ts``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# A placeholder is one line with no brackets inside, so a typo such as "[[order-number]" is caught, not swallowed.
TOKEN = re.compile(r"\[\[([^\[\]\n]*)\]\]")
CONDITION = re.compile(r"^if\s+(?P<field>\S+?)(?:\s*=\s*(?P<value>\S+))?$")
FIELD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FACT = re.compile(r"^fact\s*:\s*(?P<id>\S+)$")


class BodyError(ValueError):
    """A problem in one body; the loader prefixes the file, the letter and the field 'body'."""


@dataclass(frozen=True)
class Slot:
    field: Any  # content.models.LetterField
    kind = "slot"


@dataclass
class Condition:
    field: Any  # content.models.LetterField
    value: str  # "" = "the field is filled in"
    then: list = field(default_factory=list)
    otherwise: list = field(default_factory=list)
    has_else: bool = False
    kind = "if"

    @property
    def test(self) -> str:
        return f"{self.field.id}={self.value}" if self.value else self.field.id

    @property
    def by_default(self) -> bool:
        """Whether the condition holds before the reader types anything (the fields' defaults; a date that defaults to
        today is filled only by JavaScript): the variant shown until letters.js renders the text, and without it."""
        default = getattr(self.field, "default", "")
        if self.value:
            return default == self.value
        return bool(default) and default != "today"


@dataclass(frozen=True)
class Parsed:
    nodes: tuple
    used: frozenset[str]  # ids of the fields the body uses

    @property
    def needed(self) -> frozenset[str]:
        """Ids of the fields whose value every variant of the text shows: left empty, they leave a blank whatever the
        reader picks (`[[if email]], эл. почта: [[email]][[end]]` needs no email; a field in one variant only, as
        the new delivery date when the reader demands delivery, is not needed in every one)."""
        return frozenset(_needed(self.nodes))


NOTICE_BESIDE = 5  # a top-level branch without fields beside one with more fields than this is a notice (_needed)


def _needed(nodes, top: bool = True) -> set[str]:
    """The fields every variant of these nodes shows. At the top of a body, a branch that shows no field beside one
    that is the letter itself (more than NOTICE_BESIDE fields) is a notice instead of the letter — the bank letter's
    for a payment from the Ozon balance —, not a variant to fill: the letter decides. Any other branch is a variant
    like the rest («вернуть деньги» or «передать товар не позднее [[new-date]]»: the date is needed in one only)."""
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, Slot):
            found.add(node.field.id)
        elif isinstance(node, Condition):
            then, otherwise = _needed(node.then, False), _needed(node.otherwise, False)
            if not node.value:
                then -= {node.field.id}  # shown only when filled
            if top and not _shown(node.then) and len(_shown(node.otherwise)) > NOTICE_BESIDE:
                found |= otherwise
            elif top and not _shown(node.otherwise) and len(_shown(node.then)) > NOTICE_BESIDE:
                found |= then
            else:
                found |= then & otherwise
    return found


def _shown(nodes) -> set[str]:
    """The fields any variant of these nodes shows."""
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, Slot):
            found.add(node.field.id)
        elif isinstance(node, Condition):
            found |= _shown(node.then) | _shown(node.otherwise)
    return found


def parse(text: str, field_for: Callable[[str], Any], fact_text: Callable[[str], str]) -> Parsed:
    """Parse a body. ``field_for(id)`` returns the field or raises BodyError (unknown, or not in the letter's
    list); ``fact_text(id)`` returns the fact's value or raises BodyError."""
    used: set[str] = set()
    root: list = []
    stack: list[list] = [root]
    open_: list[Condition] = []

    def add_text(chunk: str) -> None:
        if not chunk:
            return
        target = stack[-1]
        if target and isinstance(target[-1], str):
            target[-1] += chunk
        else:
            target.append(chunk)

    def literal(chunk: str) -> None:
        if "[[" in chunk or "]]" in chunk:
            raise BodyError(f"has an unbalanced '[[' or ']]' near '{chunk.strip()[:40]}'")
        add_text(chunk)

    def lookup(name: str):
        found = field_for(name)
        used.add(name)
        return found

    pos = 0
    for match in TOKEN.finditer(text):
        literal(text[pos:match.start()])
        pos = match.end()
        token = " ".join(match.group(1).split())
        fact = FACT.match(token)
        if token == "else":
            if not open_ or open_[-1].has_else:
                raise BodyError("has '[[else]]' without a matching '[[if …]]'")
            open_[-1].has_else = True
            stack[-1] = open_[-1].otherwise
        elif token == "end":
            if not open_:
                raise BodyError("has '[[end]]' without a matching '[[if …]]'")
            open_.pop()
            stack.pop()
        elif token.startswith("if ") or token == "if":
            cond = CONDITION.match(token)
            if not cond:
                raise BodyError(f"has a malformed condition '[[{token}]]' (use [[if field]] or [[if field=option]])")
            target = lookup(cond["field"])
            value = cond["value"] or ""
            if target.type == "computed":
                raise BodyError(f"'[[{token}]]': conditions cannot test the computed field '{target.id}'")
            if value and (target.type != "choice" or value not in {o.value for o in target.options}):
                options = ", ".join(o.value for o in target.options) or "none: not a choice field"
                raise BodyError(f"'[[{token}]]': '{value}' is not an option of field '{target.id}' "
                                f"(options: {options})")
            node = Condition(target, value)
            stack[-1].append(node)
            open_.append(node)
            stack.append(node.then)
        elif fact:
            add_text(fact_text(fact["id"]))
        elif FIELD_ID.match(token):
            stack[-1].append(Slot(lookup(token)))
        else:
            raise BodyError(f"has unknown placeholder '[[{token}]]'")
    literal(text[pos:])
    if open_:
        raise BodyError(f"has '[[if {open_[-1].test}]]' without a closing '[[end]]'")
    return Parsed(tuple(root), frozenset(used))


def parse_with(text: str, fields: Mapping[str, Any], listed: Mapping[str, Any], facts: Mapping[str, Any],
               file: str = "data/letters.yml") -> Parsed:
    """parse() against known fields (all declared in the file), the letter's listed fields and the facts."""
    def field_for(name: str):
        if name not in fields:
            raise BodyError(f"has unknown placeholder '[[{name}]]' (no such field in {file})")
        if name not in listed:
            raise BodyError(f"uses field '{name}', which is not in the letter's 'fields' list")
        return listed[name]

    def fact_text(fact_id: str) -> str:
        if fact_id not in facts:
            raise BodyError(f"has unknown fact '[[fact:{fact_id}]]' (not defined in data/facts.yml)")
        if not facts[fact_id].value:
            raise BodyError(f"'[[fact:{fact_id}]]': the fact has no 'value' to insert")
        return facts[fact_id].value

    return parse(text, field_for, fact_text)
