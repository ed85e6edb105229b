"""The one error content data raises, and how a pydantic error becomes a message naming file, entry and field."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

# Lists nested inside an entry, and how one of their entries is named in a message.
NESTED = {"items": "item", "options": "option"}


class DataError(Exception):
    """A content data file is invalid. The message says where: file, entry, field."""


def problem(message: str, field: str | None = None) -> PydanticCustomError:
    """A validation error with our own wording. `field` names the field when a whole-entry check raises it."""
    return PydanticCustomError("content", "{message}", {"message": message, **({"field": field} if field else {})})


def _type_name(value: object) -> str:
    return type(value).__name__


def _wording(error: dict) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "content":
        return ctx["message"]
    if kind == "missing" or value is None:
        return "is missing"
    if kind in ("string_type",):
        return f"must be text, got {_type_name(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, got {value!r}"
    if kind in ("list_type", "tuple_type") or (kind == "too_short" and isinstance(value, (list, tuple))):
        return "must be a non-empty list"
    if kind in ("int_type", "float_type", "int_parsing", "float_parsing"):
        return f"must be a number, got {value!r}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {_type_name(value)}"
    return error["msg"]


def entry_label(kind: str, raw: object, index: int) -> str:
    """"contact 'ozon-chat'", or "contact #3" when the entry has no usable id."""
    ident = raw.get("id") or raw.get("value") if isinstance(raw, dict) else None
    return f"{kind} '{ident}'" if isinstance(ident, str) and ident else f"{kind} #{index + 1}"


def from_validation(exc: ValidationError, where: str, raw: object) -> DataError:
    """The first pydantic error as one of our messages: `<where>, item 'x': field 'text' is missing`."""
    error = exc.errors()[0]
    loc, field, node, skip = list(error["loc"]), None, raw, False
    for position, part in enumerate(loc):
        if skip:
            skip = False
            continue
        following = loc[position + 1] if position + 1 < len(loc) else None
        if isinstance(part, str) and part in NESTED and isinstance(following, int):
            items = node.get(part) if isinstance(node, dict) else None
            node = items[following] if isinstance(items, list) and following < len(items) else None
            where += ", " + entry_label(NESTED[part], node, following)
            field, skip = None, True
        elif isinstance(part, str) and field is None:
            field = part
    field = (error.get("ctx") or {}).get("field") or field
    if error["type"] == "extra_forbidden":
        return DataError(f"{where}: unknown field '{field}'")
    wording = _wording(error)
    return DataError(f"{where}: field '{field}' {wording}" if field else f"{where}: {wording}")
