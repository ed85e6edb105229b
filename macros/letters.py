"""Fill-in letters and the deadline calculator, from data/letters.yml.

The file is validated once, at build time, into the dataclasses below; any problem raises DataError naming the
file, the letter (or field) and the field. Letter bodies use their own placeholder syntax, which cannot clash with
Jinja: ``[[field]]``, ``[[if field]] … [[else]] … [[end]]`` and ``[[if choice=option]] … [[end]]``.

The browser side (docs/assets/javascripts/letters.js) only fills the rendered text in; the texts live in the HTML,
so the page reads, and the letters can be copied by hand, without JavaScript.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from .data import SLUG, DataError, _entries, _Entry

FILE = "data/letters.yml"
LETTERS_PAGE = "pisma.md"
FIELD_TYPES = ("text", "date", "money", "textarea", "choice", "computed")
# Computed values and the types of their inputs, in order. Implemented by `calc` in letters.js.
COMPUTED = {
    "delay": ("date", "date"),
    "penalty": ("money", "date", "date"),
    "daily": ("money",),
    "plus": ("date",),
}
HOW = {"chat": "в чат Ozon", "post": "заказным письмом", "bank": "в банк", "portal": "онлайн-обращением",
       "office": "в управляющую компанию"}
AUTOCOMPLETE = {"name": "text", "street-address": "text", "tel": "tel", "email": "email"}
# A placeholder is one line with no brackets inside, so a typo such as "[[order-number]" is caught, not swallowed.
TOKEN = re.compile(r"\[\[([^\[\]\n]*)\]\]")
CONDITION = re.compile(r"^if\s+(?P<field>\S+?)(?:\s*=\s*(?P<value>\S+))?$")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    text: str


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    type: str
    blank: str  # what an unfilled placeholder shows, e.g. "[номер заказа]"
    hint: str = ""
    required: bool = False
    options: tuple[Option, ...] = ()
    default: str = ""
    autocomplete: str = ""
    fn: str = ""
    inputs: tuple[str, ...] = ()
    days: int = 0

    @property
    def input_type(self) -> str:
        return AUTOCOMPLETE.get(self.autocomplete, "text")


@dataclass(frozen=True)
class Slot:
    field: Field
    kind = "slot"


@dataclass
class Condition:
    field: Field
    value: str  # "" = "the field is filled in"
    then: list = field(default_factory=list)
    otherwise: list = field(default_factory=list)
    has_else: bool = False
    kind = "if"

    @property
    def test(self) -> str:
        return f"{self.field.id}={self.value}" if self.value else self.field.id

    @property
    def note(self) -> str:
        """Shown only without JavaScript, so that a reader copying by hand knows which variant is which."""
        if self.value:
            option = next(o for o in self.field.options if o.value == self.value)
            return f"[Если «{self.field.label}» — «{option.label}»:] "
        return f"[Если заполнено: {self.field.label}] "


@dataclass(frozen=True)
class Letter:
    id: str
    title: str
    anchor: str
    when: str
    how: tuple[str, ...]
    send: str
    fields: tuple[Field, ...]
    body: tuple

    @property
    def inputs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.type != "computed")

    @property
    def how_text(self) -> str:
        return ", ".join(HOW[h] for h in self.how)


@dataclass(frozen=True)
class Result:
    field: Field
    note: str


@dataclass
class LettersData:
    fields: dict[str, Field]
    letters: dict[str, Letter]
    results: tuple[Result, ...]

    @property
    def calculator_inputs(self) -> tuple[Field, ...]:
        """The calculator's form: the inputs of its results, in order of first use."""
        ids = dict.fromkeys(i for r in self.results for i in r.field.inputs)
        return tuple(self.fields[i] for i in ids)


def _blank(label: str) -> str:
    # "Номер заказа" → "[номер заказа]", but keep abbreviations such as "ФИО" as they are.
    if len(label) > 1 and label[1].islower():
        label = label[0].lower() + label[1:]
    return f"[{label}]"


def _flag(e: _Entry, name: str) -> bool:
    value = e.raw.get(name, False)
    if not isinstance(value, bool):
        raise e.fail(name, f"must be true or false, got {value!r}")
    return value


def _field(e: _Entry, known: dict[str, Field]) -> Field:
    e.unknown_fields({"id", "label", "blank", "type", "hint", "required", "options", "default", "autocomplete",
                      "fn", "from", "days"})
    ident, label, kind = e.slug("id"), e.text("label"), e.text("type")
    if kind not in FIELD_TYPES:
        raise e.fail("type", f"'{kind}' is not one of {', '.join(FIELD_TYPES)}")
    if "[" in label or "]" in label:
        raise e.fail("label", "must not contain [ or ]")
    blank = e.text("blank", required=False)
    extra: dict = {}
    if kind == "choice":
        raw = e.raw.get("options")
        if not isinstance(raw, list) or len(raw) < 2:
            raise e.fail("options", "must be a list of at least two options")
        options = []
        for index, item in enumerate(raw, start=1):
            oe = _Entry(f"{e.where}, option #{index}", item)
            oe.unknown_fields({"value", "label", "text"})
            label_ = oe.text("label")
            options.append(Option(oe.slug("value"), label_, oe.text("text", required=False) or label_))
        values = [o.value for o in options]
        duplicate = next((v for v in values if values.count(v) > 1), None)
        if duplicate:
            raise e.fail("options", f"has the value '{duplicate}' twice")
        default = e.text("default")
        if default not in values:
            raise e.fail("default", f"'{default}' is not one of the options ({', '.join(values)})")
        extra.update(options=tuple(options), default=default)
    elif "options" in e.raw:
        raise e.fail("options", f"is only for type 'choice', not '{kind}'")
    elif "default" in e.raw:
        if kind != "date" or e.raw["default"] != "today":
            raise e.fail("default", "only a date field may have a default, and only 'today'")
        extra["default"] = "today"
    if kind == "computed":
        fn = e.text("fn")
        if fn not in COMPUTED:
            raise e.fail("fn", f"'{fn}' is not one of {', '.join(COMPUTED)} (implemented in letters.js)")
        inputs = e.texts("from")
        want = COMPUTED[fn]
        if len(inputs) != len(want):
            raise e.fail("from", f"'{fn}' takes {len(want)} input(s): {', '.join(want)}")
        for name, kind_ in zip(inputs, want):
            if name not in known:
                raise e.fail("from", f"refers to unknown field '{name}' (declare it above)")
            if known[name].type != kind_:
                raise e.fail("from", f"'{name}' is a {known[name].type} field, '{fn}' needs a {kind_} field here")
        days = e.raw.get("days")
        if fn == "plus":
            if not isinstance(days, int) or isinstance(days, bool) or not 0 < days < 1000:
                raise e.fail("days", "must be a whole number of days from 1 to 999")
        elif days is not None:
            raise e.fail("days", f"is only for fn 'plus', not '{fn}'")
        extra.update(fn=fn, inputs=inputs, days=days or 0)
    else:
        for name in ("fn", "from", "days"):
            if name in e.raw:
                raise e.fail(name, f"is only for type 'computed', not '{kind}'")
    autocomplete = e.text("autocomplete", required=False)
    if autocomplete and (kind != "text" or autocomplete not in AUTOCOMPLETE):
        raise e.fail("autocomplete", f"must be one of {', '.join(AUTOCOMPLETE)}, on a text field")
    return Field(id=ident, label=label, type=kind, blank=f"[{blank}]" if blank else _blank(label),
                 hint=e.text("hint", required=False), required=_flag(e, "required"),
                 autocomplete=autocomplete, **extra)


def _body(e: _Entry, declared: dict[str, Field], fields: dict[str, Field]) -> tuple[tuple, set[str]]:
    """Parse a body into text, Slot and Condition nodes; return them and the ids of the fields it uses."""
    text = e.text("body")
    used: set[str] = set()
    root: list = []
    stack: list[list] = [root]
    open_: list[Condition] = []

    def lookup(name: str) -> Field:
        if name not in fields:
            raise e.fail("body", f"has unknown placeholder '[[{name}]]' (no such field in {FILE})")
        if name not in declared:
            raise e.fail("body", f"uses field '{name}', which is not in the letter's 'fields' list")
        used.add(name)
        return declared[name]

    def literal(chunk: str) -> None:
        if "[[" in chunk or "]]" in chunk:
            raise e.fail("body", f"has an unbalanced '[[' or ']]' near '{chunk.strip()[:40]}'")
        if chunk:
            stack[-1].append(chunk)

    pos = 0
    for match in TOKEN.finditer(text):
        literal(text[pos:match.start()])
        pos = match.end()
        token = " ".join(match.group(1).split())
        if token == "else":
            if not open_ or open_[-1].has_else:
                raise e.fail("body", "has '[[else]]' without a matching '[[if …]]'")
            open_[-1].has_else = True
            stack[-1] = open_[-1].otherwise
        elif token == "end":
            if not open_:
                raise e.fail("body", "has '[[end]]' without a matching '[[if …]]'")
            open_.pop()
            stack.pop()
        elif token.startswith("if ") or token == "if":
            cond = CONDITION.match(token)
            if not cond:
                raise e.fail("body", f"has a malformed condition '[[{token}]]' (use [[if field]] or "
                                     f"[[if field=option]])")
            target = lookup(cond["field"])
            value = cond["value"] or ""
            if target.type == "computed":
                raise e.fail("body", f"'[[{token}]]': conditions cannot test the computed field '{target.id}'")
            if value and (target.type != "choice" or value not in {o.value for o in target.options}):
                options = ", ".join(o.value for o in target.options) or "none: not a choice field"
                raise e.fail("body", f"'[[{token}]]': '{value}' is not an option of field '{target.id}' "
                                     f"(options: {options})")
            node = Condition(target, value)
            stack[-1].append(node)
            open_.append(node)
            stack.append(node.then)
        elif SLUG.match(token):
            stack[-1].append(Slot(lookup(token)))
        else:
            raise e.fail("body", f"has unknown placeholder '[[{token}]]'")
    literal(text[pos:])
    if open_:
        raise e.fail("body", f"has '[[if {open_[-1].test}]]' without a closing '[[end]]'")
    return tuple(root), used


def _letter(e: _Entry, fields: dict[str, Field]) -> Letter:
    e.unknown_fields({"id", "title", "anchor", "when", "how", "send", "fields", "body"})
    ident = e.slug("id")
    title = e.text("title")
    if "[" in title or "]" in title:
        raise e.fail("title", "must not contain [ or ]")
    how = e.texts("how")
    unknown = [h for h in how if h not in HOW]
    if unknown:
        raise e.fail("how", f"'{unknown[0]}' is not one of {', '.join(HOW)}")
    listed = e.texts("fields")
    declared: dict[str, Field] = {}
    for name in listed:
        if name not in fields:
            raise e.fail("fields", f"refers to unknown field '{name}' (not declared under 'fields:' in {FILE})")
        if name in declared:
            raise e.fail("fields", f"lists field '{name}' twice")
        declared[name] = fields[name]
    for f in declared.values():
        missing = [i for i in f.inputs if i not in declared]
        if missing:
            raise e.fail("fields", f"has computed field '{f.id}', which needs '{missing[0]}': list it too")
    body, used = _body(e, declared, fields)
    used |= {i for name in used for i in fields[name].inputs}
    unused = [name for name in listed if name not in used]
    if unused:
        raise e.fail("fields", f"lists field '{unused[0]}', which the body never uses")
    return Letter(id=ident, title=title, anchor=e.slug("anchor"), when=e.text("when"), how=how,
                  send=e.text("send"), fields=tuple(declared.values()), body=body)


def load_letters(data_dir: Path) -> LettersData:
    path, base = data_dir / "letters.yml", data_dir.parent
    fields: dict[str, Field] = {}
    for e in _entries(path, "fields", base):
        f = _field(e, fields)
        fields[f.id] = f
    letters: dict[str, Letter] = {}
    anchors: dict[str, str] = {}
    for e in _entries(path, "letters", base):
        letter = _letter(e, fields)
        if letter.anchor in anchors:
            raise e.fail("anchor", f"'{letter.anchor}' is already used by letter '{anchors[letter.anchor]}'")
        anchors[letter.anchor] = letter.id
        letters[letter.id] = letter
    results = []
    for e in _entries(path, "results", base):
        e.unknown_fields({"id", "note"})
        target = e.ref("id", fields, "field", FILE)
        if target.type != "computed":
            raise e.fail("id", f"'{target.id}' is a {target.type} field; the calculator shows computed fields")
        results.append(Result(target, e.text("note")))
    return LettersData(fields, letters, tuple(results))


def _current_page(env) -> str:
    page = getattr(env, "page", None)
    return page.file.src_uri if page is not None else "?"


def register(env, data_dir: Path, docs_dir: Path, render) -> None:
    """Load data/letters.yml and define the macros letter(), letters_index(), letter_link(), letters_privacy()
    and calculator()."""
    data = load_letters(data_dir)
    if not (docs_dir / LETTERS_PAGE).is_file():
        raise DataError(f"{FILE}: the letters page docs/{LETTERS_PAGE} does not exist")
    rendered: set[str] = set()

    def get(call: str, letter_id: str) -> Letter:
        if letter_id not in data.letters:
            raise DataError(f"docs/{_current_page(env)}: {call}: unknown letter '{letter_id}' "
                            f"(not defined in {FILE})")
        return data.letters[letter_id]

    @env.macro
    def letter(letter_id: str) -> str:
        """A letter's heading (Markdown, so it is in the TOC and its anchor is checked), its form and preview."""
        call = f"letter('{letter_id}')"
        found = get(call, letter_id)
        if _current_page(env) != LETTERS_PAGE:
            raise DataError(f"docs/{_current_page(env)}: {call}: letters belong on docs/{LETTERS_PAGE} "
                            f"(elsewhere, use letter_link('{letter_id}'))")
        if letter_id in rendered:
            raise DataError(f"docs/{LETTERS_PAGE}: {call} is used twice")
        rendered.add(letter_id)
        html = render.html("letters/letter.html", letter=found)
        return f"## {found.title} {{: #{found.anchor} }}\n\n{html}\n"

    @env.macro
    def letters_index() -> str:
        """The list of letters with same-page links (Markdown, so MkDocs checks every anchor exists)."""
        return render.markdown("letters/letter_index.md", letters=data.letters.values())

    @env.macro
    def letter_link(letter_id: str, text: str = "") -> str:
        """A Markdown link from the current page to the letter on the letters page."""
        found = get(f"letter_link('{letter_id}')", letter_id)
        here = _current_page(env)
        href = posixpath.relpath(LETTERS_PAGE, posixpath.dirname(here) or ".")
        return f"[{text or found.title}]({href}#{found.anchor})"

    @env.macro
    def letters_privacy() -> str:
        return render.html("letters/letter_privacy.html")

    @env.macro
    def calculator() -> str:
        return render.html("letters/calculator.html", fields=data.calculator_inputs, results=data.results)
