"""The calculator functions are named once, in components/letters/calculations.json (letters.js implements
exactly those; tests/browser ties the JS to the file): every `fn` used in data/letters.yml must be declared there,
with inputs of the declared types."""

from __future__ import annotations

import yaml

from content import load_calculations
from support import ROOT


def test_every_fn_in_letters_is_declared_in_calculations_json():
    calculations = load_calculations(ROOT / "components" / "letters" / "calculations.json")
    doc = yaml.safe_load((ROOT / "data" / "letters.yml").read_text(encoding="utf-8"))
    types = {f["id"]: f["type"] for f in doc["fields"]}
    computed = [f for f in doc["fields"] if f.get("type") == "computed"]
    assert computed
    for field in computed:
        assert field["fn"] in calculations, f"{field['id']}: fn '{field['fn']}' is not in calculations.json"
        assert tuple(types[i] for i in field["from"]) == calculations[field["fn"]], field["id"]
    assert {"delay", "penalty", "daily", "plus"} <= set(calculations)
