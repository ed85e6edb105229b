"""Load and validate the content data in data/*.yml.

Every file is validated once, when the site is built, into plain dataclasses. Any problem raises DataError
with a message naming the file, the entry and the field, so that the build stops before a page is rendered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.exceptions import PluginError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ITEM_ID = re.compile(r"^(?P<step>[a-z0-9]+(?:-[a-z0-9]+)*)\.[a-z0-9]+(?:-[a-z0-9]+)*$")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the build reads YAML fast
CHANNELS = {"chat", "phone", "web", "post", "email"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)


class DataError(PluginError):
    """A content data file is invalid. The message says where: file, entry, field."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    checked: dt.date
    publisher: str = ""
    law: bool = False


@dataclass(frozen=True)
class Fact:
    id: str
    text: str
    sources: tuple[Source, ...]
    checked: dt.date
    value: str = ""


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    channel: str
    value: str
    href: str
    source: Source
    checked: dt.date
    prepare: tuple[str, ...] = ()
    hours: str = ""
    cost: str = ""
    note: str = ""


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    page: str
    items: tuple[Item, ...]
    if_not_helped: str
    next: str | None = None


@dataclass
class SiteData:
    sources: dict[str, Source] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)

    def step_by_page(self, page: str) -> Step | None:
        return next((s for s in self.steps.values() if s.page == page), None)


class _Entry:
    """Typed access to one YAML mapping, with errors that say where the problem is."""

    def __init__(self, where: str, raw: object):
        if not isinstance(raw, dict):
            raise DataError(f"{where}: expected a mapping of fields, got {type(raw).__name__}")
        self.where = where
        self.raw = raw

    def fail(self, name: str, problem: str) -> DataError:
        return DataError(f"{self.where}: field '{name}' {problem}")

    def text(self, name: str, required: bool = True) -> str:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(name, "is missing or empty")
            return ""
        if not isinstance(value, str):
            raise self.fail(name, f"must be text, got {type(value).__name__}")
        return value.strip()

    def slug(self, name: str, pattern: re.Pattern = SLUG) -> str:
        value = self.text(name)
        if not pattern.match(value):
            raise self.fail(name, f"'{value}' is not a valid id (lowercase latin letters, digits and hyphens)")
        return value

    def date(self, name: str) -> dt.date:
        value = self.raw.get(name)
        if value is None:
            raise self.fail(name, "is missing")
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise self.fail(name, f"'{value}' is not a date in the form YYYY-MM-DD") from None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail(name, f"'{value}' is not a date in the form YYYY-MM-DD")
        if value > dt.date.today():
            raise self.fail(name, f"'{value}' is in the future")
        return value

    def url(self, name: str, required: bool = True) -> str:
        value = self.text(name, required)
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc or " " in value or "." not in parts.netloc:
            raise self.fail(name, f"'{value}' is not a valid https:// URL")
        return value

    def texts(self, name: str, required: bool = True) -> tuple[str, ...]:
        value = self.raw.get(name)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not value:
            raise self.fail(name, "must be a non-empty list")
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(name, "must contain only non-empty text")
        return tuple(v.strip() for v in value)

    def ref(self, name: str, known: dict, kind: str, file: str, required: bool = True):
        value = self.text(name, required)
        if not value:
            return None
        if value not in known:
            raise self.fail(name, f"refers to unknown {kind} '{value}' (not defined in {file})")
        return known[value]

    def unknown_fields(self, allowed: set[str]) -> None:
        extra = sorted(set(self.raw) - allowed)
        if extra:
            raise DataError(f"{self.where}: unknown field(s) {', '.join(map(repr, extra))}")


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


def _entries(path: Path, key: str, base: Path) -> list[_Entry]:
    rel = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
    if not path.exists():
        raise DataError(f"{rel}: file is missing")
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise DataError(f"{rel}: not valid YAML: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        raise DataError(f"{rel}: expected a top-level '{key}:' list")
    entries = []
    seen: set[str] = set()
    for index, raw in enumerate(doc[key], start=1):
        ident = raw.get("id") if isinstance(raw, dict) else None
        where = f"{rel}: {key[:-1]} '{ident}'" if ident else f"{rel}: {key[:-1]} #{index}"
        entry = _Entry(where, raw)
        if ident is not None and ident in seen:
            raise DataError(f"{where}: duplicate id '{ident}'")
        seen.add(ident)
        entries.append(entry)
    return entries


def load_site_data(data_dir: Path, docs_dir: Path) -> SiteData:
    base = data_dir.parent
    data = SiteData()

    for e in _entries(data_dir / "sources.yml", "sources", base):
        e.unknown_fields({"id", "title", "url", "checked", "publisher", "law"})
        # A normative act may be cited by its official title alone (e.g. «Закон РФ от 07.02.1992 № 2300-1, ст. 26.1»);
        # every other source needs its https URL.
        s = Source(id=e.slug("id"), title=e.text("title"), url=e.url("url", required=not e.raw.get("law")),
                   checked=e.date("checked"), law=e.raw.get("law") is True,
                   publisher=e.text("publisher", required=False))
        if "law" in e.raw and not isinstance(e.raw["law"], bool):
            raise e.fail("law", "must be true or false")
        data.sources[s.id] = s

    for e in _entries(data_dir / "facts.yml", "facts", base):
        e.unknown_fields({"id", "text", "value", "sources", "checked"})
        ident = e.slug("id")
        refs = e.texts("sources")
        missing = [r for r in refs if r not in data.sources]
        if missing:
            raise e.fail("sources", f"refers to unknown source '{missing[0]}' (not defined in data/sources.yml)")
        data.facts[ident] = Fact(id=ident, text=e.text("text"), value=e.text("value", required=False),
                                 sources=tuple(data.sources[r] for r in refs), checked=e.date("checked"))

    for e in _entries(data_dir / "contacts.yml", "contacts", base):
        e.unknown_fields({"id", "name", "channel", "value", "url", "hours", "cost", "prepare", "note",
                          "source", "checked"})
        ident, channel, value = e.slug("id"), e.text("channel"), e.text("value")
        if channel not in CHANNELS:
            raise e.fail("channel", f"'{channel}' is not one of {', '.join(sorted(CHANNELS))}")
        if channel == "phone":
            href = phone_href(value)
            if href is None:
                raise e.fail("value", f"'{value}' is not a Russian phone number (11 digits, +7… or 8…)")
        elif channel == "email":
            if not EMAIL.match(value):
                raise e.fail("value", f"'{value}' is not an e-mail address")
            href = "mailto:" + value
        else:
            href = e.url("url", required=channel == "web")
        data.contacts[ident] = Contact(
            id=ident, name=e.text("name"), channel=channel, value=value, href=href,
            source=e.ref("source", data.sources, "source", "data/sources.yml"), checked=e.date("checked"),
            prepare=e.texts("prepare"), hours=e.text("hours", required=False),
            cost=e.text("cost", required=False), note=e.text("note", required=False))

    item_ids: dict[str, str] = {}
    step_entries = _entries(data_dir / "steps.yml", "steps", base)
    for number, e in enumerate(step_entries, start=1):
        e.unknown_fields({"id", "title", "page", "next", "if_not_helped", "items"})
        ident, page = e.slug("id"), e.text("page")
        if not (docs_dir / page).is_file():
            raise e.fail("page", f"'{page}' does not exist in {docs_dir.name}/")
        raw_items = e.raw.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            raise e.fail("items", "must be a non-empty list of checklist items")
        items = []
        for index, raw in enumerate(raw_items, start=1):
            ie = _Entry(f"{e.where}, item #{index}", raw)
            ie.unknown_fields({"id", "text", "hint"})
            item_id = ie.slug("id", ITEM_ID)
            ie.where = f"{e.where}, item '{item_id}'"
            if ITEM_ID.match(item_id)["step"] != ident:
                raise ie.fail("id", f"must start with the step id: '{ident}.…'")
            if item_id in item_ids:
                raise DataError(f"{ie.where}: duplicate id '{item_id}' (already used in step '{item_ids[item_id]}')")
            item_ids[item_id] = ident
            items.append(Item(id=item_id, text=ie.text("text"), hint=ie.text("hint", required=False)))
        data.steps[ident] = Step(id=ident, number=number, title=e.text("title"), page=page, items=tuple(items),
                                 next=e.text("next", required=False) or None,
                                 if_not_helped=e.text("if_not_helped"))

    for e, step in zip(step_entries, data.steps.values()):
        if step.next is not None and step.next not in data.steps:
            raise e.fail("next", f"refers to unknown step '{step.next}' (not defined in data/steps.yml)")
        if step.next == step.id:
            raise e.fail("next", "points to the step itself")
    return data
