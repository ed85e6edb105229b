"""Load data/*.yml into the typed models, then check what no single entry can: ids unique within a file, and every
reference to another entry or file (plain Python, after the models have checked each entry's shape)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataError, entry_label, from_validation
from .letter_body import BodyError, parse, parse_with
from .models import ITEM_ID, Contact, Fact, Letter, LetterField, PayMethod, Reply, Result, Source, Step, Synonym

if TYPE_CHECKING:
    from .case import CaseData

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the build reads YAML fast
# components/letters/calculations.json: the calculator functions letters.js implements, with their input types.
CALCULATIONS = Path(__file__).resolve().parent.parent / "components" / "letters" / "calculations.json"
# The calculations that count a term of `days` days (0: a date-fixed deadline, the date itself) with the deadline
# engine; the others take no `days`.
TERM_FNS = ("plus", "term", "plushow", "termhow", "termletter")
TERM_DAYS = range(0, 1000)

M = TypeVar("M", bound=BaseModel)


@dataclass
class LettersData:
    fields: dict[str, LetterField]
    letters: dict[str, Letter]
    results: tuple[Result, ...]

    @property
    def calculator_inputs(self) -> tuple[LetterField, ...]:
        """The calculator's form: the inputs of its results, in order of first use."""
        ids = dict.fromkeys(i for r in self.results for i in r.field.inputs)
        return tuple(self.fields[i] for i in ids)


@dataclass
class Site:
    sources: dict[str, Source]
    facts: dict[str, Fact]
    contacts: dict[str, Contact]
    steps: dict[str, Step]
    letters: LettersData
    replies: dict[str, Reply]
    payment: dict[str, PayMethod]
    case: CaseData | None = None  # data/case.yml («Моё дело»); None when the file is absent


class _File:
    """One data file: its top-level lists, each entry validated into a model, errors naming file and entry."""

    def __init__(self, path: Path, base: Path):
        self.path = path
        self.name = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
        if not path.exists():
            raise DataError(f"{self.name}: file is missing")
        try:
            self.doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            raise DataError(f"{self.name}: not valid YAML: {exc}") from None

    def where(self, key: str, raw: object, index: int) -> str:
        kind = key.removesuffix("ies") + "y" if key.endswith("ies") else key.removesuffix("s")
        return f"{self.name}: {entry_label(kind, raw, index)}"

    def entries(self, key: str, model: type[M]) -> Iterator[tuple[str, M]]:
        """(where, model) per entry of the top-level list `key`; a repeated id is an error."""
        if not isinstance(self.doc, dict) or not isinstance(self.doc.get(key), list):
            raise DataError(f"{self.name}: expected a top-level '{key}:' list")
        seen: set[str] = set()
        for index, raw in enumerate(self.doc[key]):
            where = self.where(key, raw, index)
            ident = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(ident, str) and ident in seen:
                raise DataError(f"{where}: duplicate id '{ident}'")
            seen.add(ident)
            try:
                yield where, model.model_validate(raw)
            except ValidationError as exc:
                raise from_validation(exc, where, raw) from None

    def optional(self, key: str) -> bool:
        return isinstance(self.doc, dict) and key in self.doc


def _unknown(where: str, field: str, kind: str, value: str, file: str) -> DataError:
    return DataError(f"{where}: field '{field}' refers to unknown {kind} '{value}' (not defined in {file})")


def load_synonyms(data_dir: Path) -> dict[str, tuple[str, ...]]:
    """data/search.yml: word a reader types -> the phrases of the guide it means (hooks/search_index.py)."""
    f = _File(data_dir / "search.yml", data_dir.parent)
    return {s.id: s.means for _, s in f.entries("synonyms", Synonym)}


def load_sources(data_dir: Path) -> dict[str, Source]:
    f = _File(data_dir / "sources.yml", data_dir.parent)
    return {s.id: s for _, s in f.entries("sources", Source)}


def load_facts(data_dir: Path, sources: Mapping[str, Source]) -> dict[str, Fact]:
    facts = {}
    for where, fact in _File(data_dir / "facts.yml", data_dir.parent).entries("facts", Fact):
        missing = [s for s in fact.source_ids if s not in sources]
        if missing:
            raise _unknown(where, "sources", "source", missing[0], "data/sources.yml")
        fact._sources = tuple(sources[s] for s in fact.source_ids)
        facts[fact.id] = fact
    return facts


def load_contacts(data_dir: Path, sources: Mapping[str, Source]) -> dict[str, Contact]:
    contacts = {}
    for where, contact in _File(data_dir / "contacts.yml", data_dir.parent).entries("contacts", Contact):
        if contact.source_id not in sources:
            raise _unknown(where, "source", "source", contact.source_id, "data/sources.yml")
        contact._source = sources[contact.source_id]
        contacts[contact.id] = contact
    return contacts


def load_steps(data_dir: Path, docs_dir: Path) -> dict[str, Step]:
    steps: dict[str, Step] = {}
    item_step: dict[str, str] = {}
    wheres = {}
    for number, (where, step) in enumerate(_File(data_dir / "steps.yml", data_dir.parent).entries("steps", Step), 1):
        if not (docs_dir / step.page).is_file():
            raise DataError(f"{where}: field 'page' '{step.page}' does not exist in {docs_dir.name}/")
        for item in step.items:
            item_where = f"{where}, item '{item.id}'"
            if ITEM_ID.match(item.id)["step"] != step.id:
                raise DataError(f"{item_where}: field 'id' must start with the step id: '{step.id}.…'")
            if item.id in item_step:
                raise DataError(f"{item_where}: duplicate id '{item.id}' (already used in step "
                                f"'{item_step[item.id]}')")
            item_step[item.id] = step.id
        step._number = number
        steps[step.id], wheres[step.id] = step, where
    for step in steps.values():
        if step.next and step.next not in steps:
            raise _unknown(wheres[step.id], "next", "step", step.next, "data/steps.yml")
        if step.next == step.id:
            raise DataError(f"{wheres[step.id]}: field 'next' points to the step itself")
    return steps


def load_calculations(path: Path = CALCULATIONS) -> dict[str, tuple[str, ...]]:
    """Calculator function name -> the types of its inputs, in order (shared with letters.js)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path.name}: cannot read the calculator functions: {exc}") from None
    if not isinstance(raw, dict) or not all(isinstance(v, list) and all(isinstance(t, str) for t in v)
                                            for v in raw.values()):
        raise DataError(f"{path.name}: expected an object of function name -> list of input types")
    return {name: tuple(types) for name, types in raw.items()}


def _computed(where: str, field: LetterField, known: Mapping[str, LetterField], facts: Mapping[str, Fact],
              calculations: Mapping[str, tuple[str, ...]]) -> None:
    def fail(name: str, problem: str) -> DataError:
        return DataError(f"{where}: field '{name}' {problem}")

    fn = field.fn
    if fn not in calculations:
        raise fail("fn", f"'{fn}' is not one of {', '.join(calculations)} (components/letters/calculations.json)")
    want = calculations[fn]
    if len(field.inputs) != len(want):
        raise fail("from", f"'{fn}' takes {len(want)} input(s): {', '.join(want)}")
    for name, kind in zip(field.inputs, want, strict=True):
        if name not in known:
            raise fail("from", f"refers to unknown field '{name}' (declare it above)")
        if known[name].type != kind:
            raise fail("from", f"'{name}' is a {known[name].type} field, '{fn}' needs a {kind} field here")
    days = field.days_spec
    if fn not in TERM_FNS:
        if days is not None:
            raise fail("days", f"is only for fn {', '.join(TERM_FNS)}, not '{fn}'")
        return
    if isinstance(days, str):  # a fact id: the number of days lives in data/facts.yml
        if days not in facts:
            raise fail("days", f"refers to unknown fact '{days}' (not defined in data/facts.yml)")
        number = facts[days].number
        if not isinstance(number, int) or isinstance(number, bool) or number not in TERM_DAYS:
            raise fail("days", f"fact '{days}' has no whole 'number' of days from 0 to 999")
        days = number
    if not isinstance(days, int) or isinstance(days, bool) or days not in TERM_DAYS:
        raise fail("days", "must be a fact id or a whole number of days from 0 to 999")
    field._days = days


def load_letters(data_dir: Path, facts: Mapping[str, Fact],
                 calculations: Mapping[str, tuple[str, ...]] | None = None) -> LettersData:
    calculations = load_calculations() if calculations is None else calculations
    f = _File(data_dir / "letters.yml", data_dir.parent)
    fields: dict[str, LetterField] = {}
    for where, field in f.entries("fields", LetterField):
        if field.type == "computed":
            _computed(where, field, fields, facts, calculations)
        fields[field.id] = field

    letters: dict[str, Letter] = {}
    anchors: dict[str, str] = {}
    for where, letter in f.entries("letters", Letter):
        _link_letter(where, letter, fields, facts, f.name)
        try:
            letter._when = _facts_only(letter.when_text, facts)
        except BodyError as exc:
            raise DataError(f"{where}: field 'when' {exc}") from None
        if letter.anchor in anchors:
            raise DataError(f"{where}: field 'anchor' '{letter.anchor}' is already used by letter "
                            f"'{anchors[letter.anchor]}'")
        anchors[letter.anchor] = letter.id
        letters[letter.id] = letter

    results = []
    for where, result in f.entries("results", Result):
        if result.field_id not in fields:
            raise _unknown(where, "id", "field", result.field_id, f.name)
        target = fields[result.field_id]
        if target.type != "computed":
            raise DataError(f"{where}: field 'id' '{target.id}' is a {target.type} field; the calculator shows "
                            f"computed fields")
        result._field = target
        if result.how_id:
            how = fields.get(result.how_id)
            if how is None:
                raise _unknown(where, "how", "field", result.how_id, f.name)
            if how.fn not in ("termhow", "plushow") or how.inputs != target.inputs or how.days != target.days:
                raise DataError(f"{where}: field 'how' '{how.id}' must explain '{target.id}': fn termhow or plushow "
                                f"with the same 'from' and 'days'")
            result._how = how
        try:
            result._note = _facts_only(result.note_text, facts)
        except BodyError as exc:
            raise DataError(f"{where}: field 'note' {exc}") from None
        results.append(result)
    return LettersData(fields, letters, tuple(results))


def _link_letter(where: str, letter: Letter, fields: Mapping[str, LetterField], facts: Mapping[str, Fact],
                 file: str) -> None:
    """Resolve the letter's field list and parse its body against it."""
    def fail(name: str, problem: str) -> DataError:
        return DataError(f"{where}: field '{name}' {problem}")

    listed: dict[str, LetterField] = {}
    for name in letter.field_ids:
        if name not in fields:
            raise fail("fields", f"refers to unknown field '{name}' (not declared under 'fields:' in {file})")
        if name in listed:
            raise fail("fields", f"lists field '{name}' twice")
        listed[name] = fields[name]
    for found in listed.values():
        missing = [i for i in found.inputs if i not in listed]
        if missing:
            raise fail("fields", f"has computed field '{found.id}', which needs '{missing[0]}': list it too")
    try:
        parsed = parse_with(letter.body_text, fields, listed, facts, file)
    except BodyError as exc:
        raise fail("body", str(exc)) from None
    used = set(parsed.used) | {i for name in parsed.used for i in fields[name].inputs}
    unused = [name for name in letter.field_ids if name not in used]
    if unused:
        raise fail("fields", f"lists field '{unused[0]}', which the body never uses")
    letter._fields = tuple(listed.values())
    letter._body = parsed.nodes
    letter._needed = parsed.needed


def load_replies(data_dir: Path, sources: Mapping[str, Source], facts: Mapping[str, Fact],
                 fields: Mapping[str, LetterField]) -> dict[str, Reply]:
    """data/replies.yml (optional): answers use the letter-body syntax and the letters' form fields."""
    if not (data_dir / "replies.yml").exists():
        return {}
    replies = {}
    for where, reply in _File(data_dir / "replies.yml", data_dir.parent).entries("replies", Reply):
        missing = [s for s in reply.source_ids if s not in sources]
        if missing:
            raise _unknown(where, "sources", "source", missing[0], "data/sources.yml")
        listed = {}
        for name in reply.field_ids:
            if name not in fields:
                raise _unknown(where, "fields", "field", name, "data/letters.yml")
            listed[name] = fields[name]
        try:
            parsed = parse_with(reply.answer_text, fields, listed, facts)
        except BodyError as exc:
            raise DataError(f"{where}: field 'answer' {exc}") from None
        unused = [name for name in reply.field_ids if name not in parsed.used]
        if unused:
            raise DataError(f"{where}: field 'fields' lists field '{unused[0]}', which the answer never uses")
        for name in ("means", "law"):
            try:
                setattr(reply, f"_{name}", _facts_only(getattr(reply, f"{name}_text"), facts))
            except BodyError as exc:
                raise DataError(f"{where}: field '{name}' {exc}") from None
        reply._sources = tuple(sources[s] for s in reply.source_ids)
        reply._fields = tuple(listed.values())
        reply._answer = parsed.nodes
        replies[reply.id] = reply
    return replies


PAY_FIELD = "pay-method"  # the letters' choice field whose options are the methods of data/payment.yml


def _facts_only(text: str, facts: Mapping[str, Fact]) -> str:
    """Text whose only placeholders are [[fact:id]], with the facts' values put in (letter-body syntax)."""
    def no_field(name: str):
        raise BodyError(f"has '[[{name}]]': only [[fact:id]] placeholders are allowed here")

    def fact_value(fact_id: str) -> str:  # through parse_with, so a fact's errors read as in the letters
        return parse_with(f"[[fact:{fact_id}]]", {}, {}, facts).nodes[0]

    return "".join(parse(text, no_field, fact_value).nodes)


def load_payment(data_dir: Path, sources: Mapping[str, Source], facts: Mapping[str, Fact],
                 fields: Mapping[str, LetterField]) -> dict[str, PayMethod]:
    """data/payment.yml (optional): how the reader paid. Its method ids are exactly the options of the letters'
    `pay-method` field, so one pick serves the route and the letters; [[fact:id]] is resolved here."""
    if not (data_dir / "payment.yml").exists():
        return {}
    f = _File(data_dir / "payment.yml", data_dir.parent)
    methods = {}
    for where, method in f.entries("methods", PayMethod):
        missing = [s for s in method.source_ids if s not in sources]
        if missing:
            raise _unknown(where, "sources", "source", missing[0], "data/sources.yml")
        for name in ("refund", "dispute"):
            try:
                text = _facts_only(getattr(method, name + "_text"), facts)
            except BodyError as exc:
                raise DataError(f"{where}: field '{name}' {exc}") from None
            setattr(method, "_" + name, text)
        method._sources = tuple(sources[s] for s in method.source_ids)
        methods[method.id] = method
    field = fields.get(PAY_FIELD)
    options = [o.value for o in field.options] if field else []
    if field is None or field.type != "choice":
        raise DataError(f"{f.name}: needs the choice field '{PAY_FIELD}' in data/letters.yml (its options are "
                        f"the method ids)")
    for method_id in methods:
        if method_id not in options:
            raise DataError(f"{f.name}: method '{method_id}': field 'id' is not an option of the field "
                            f"'{PAY_FIELD}' in data/letters.yml (options: {', '.join(options)})")
    for option in options:
        if option not in methods:
            raise DataError(f"data/letters.yml: field '{PAY_FIELD}': option '{option}' has no method in {f.name}")
    return methods


def load_site(data_dir: Path, docs_dir: Path, calculations: Path = CALCULATIONS) -> Site:
    """Every data file, validated and cross-checked: the one call the macros (and scripts) make."""
    sources = load_sources(data_dir)
    facts = load_facts(data_dir, sources)
    letters = load_letters(data_dir, facts, load_calculations(calculations))
    steps = load_steps(data_dir, docs_dir)
    payment = load_payment(data_dir, sources, facts, letters.fields)
    case = None
    if (data_dir / "case.yml").exists():
        from .case import load_case  # content/case.py imports _File from here

        case = load_case(data_dir, steps, letters.letters, facts, letters.fields, payment)
    return Site(sources=sources, facts=facts, contacts=load_contacts(data_dir, sources),
                steps=steps, letters=letters,
                replies=load_replies(data_dir, sources, facts, letters.fields), payment=payment, case=case)
