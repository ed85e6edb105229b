"""data/letters.yml is validated at build time: each broken copy of the project must fail `mkdocs build --strict`
with a message naming the letter (or field) and the problem. Scenario builds run in parallel, once per module."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from support import copy_project, run_mkdocs_build

LETTERS = "data/letters.yml"
PAGE = "docs/pisma.md"
CHAT_FIELDS = "fields: [order-number, status, status-kind, status-on, demand, amount, new-date, buyer-name]"
CHAT_END = "Ответ прошу дать в этом чате."

# name: ([(file, old, new), …], expected message). `old` must occur in the file, so data edits can't hide a case;
# an empty `old` appends `new` to the file.
BROKEN = {
    "unknown placeholder": (
        [(LETTERS, "Здравствуйте! Заказ № [[order-number]]", "Здравствуйте! Заказ № [[order-numbr]]")],
        "letter 'chat': field 'body' has unknown placeholder '[[order-numbr]]'"),
    "placeholder typo": (
        [(LETTERS, "Здравствуйте! Заказ № [[order-number]]", "Здравствуйте! Заказ № [[order-number]")],
        "letter 'chat': field 'body' has an unbalanced '[[' or ']]'"),
    "field used but not declared": (
        [(LETTERS, CHAT_END, CHAT_END + " [[goods]]")],
        "letter 'chat': field 'body' uses field 'goods', which is not in the letter's 'fields' list"),
    "field declared but unused": (
        [(LETTERS, CHAT_FIELDS, CHAT_FIELDS.replace("]", ", goods]"))],
        "letter 'chat': field 'fields' lists field 'goods', which the body never uses"),
    "field listed twice": (
        [(LETTERS, CHAT_FIELDS, CHAT_FIELDS.replace("]", ", amount]"))],
        "letter 'chat': field 'fields' lists field 'amount' twice"),
    "unknown field in list": (
        [(LETTERS, CHAT_FIELDS, CHAT_FIELDS.replace("]", ", phone]"))],
        "letter 'chat': field 'fields' refers to unknown field 'phone'"),
    "duplicate letter id": (
        [(LETTERS, "  - id: camera\n    title:", "  - id: chat\n    title:")],
        "letter 'chat': duplicate id 'chat'"),
    "duplicate field id": (
        [(LETTERS, "  - id: goods\n", "  - id: amount\n")],
        "field 'amount': duplicate id 'amount'"),
    "bad field type": (
        [(LETTERS, "    type: money\n", "    type: number\n")],
        "field 'amount': field 'type' 'number' is not one of text, date, money, textarea, choice, computed"),
    "bad choice default": (
        [(LETTERS, "    default: refund\n", "    default: money-back\n")],
        "field 'demand': field 'default' 'money-back' is not one of the options (refund, deliver)"),
    "condition on unknown option": (
        [(LETTERS, "[[if demand=refund]]Вернуть деньги за заказ", "[[if demand=refnd]]Вернуть деньги за заказ")],
        "letter 'chat': field 'body' '[[if demand=refnd]]': 'refnd' is not an option of field 'demand'"),
    "unclosed condition": (
        [(LETTERS, "от [[status-on]][[end]], но заказа", "от [[status-on]], но заказа")],
        "letter 'chat': field 'body' has '[[if status-on]]' without a closing '[[end]]'"),
    "stray else": (
        [(LETTERS, CHAT_END, "[[else]]" + CHAT_END)],
        "letter 'chat': field 'body' has '[[else]]' without a matching '[[if …]]'"),
    "computed field without its input": (
        [(LETTERS, "goods, amount, pay-method,", "goods, pay-method,")],
        "letter 'claim': field 'fields' has computed field 'penalty', which needs 'amount': list it too"),
    "unknown computed function": (
        [(LETTERS, "    fn: daily\n", "    fn: weekly\n")],
        "field 'penalty-day': field 'fn' 'weekly' is not one of delay, penalty, daily, plus"),
    "unknown letter on the page": (
        [(PAGE, '{{ letter("camera") }}', '{{ letter("kamera") }}')],
        "docs/pisma.md: letter('kamera'): unknown letter 'kamera'"),
    "letter missing from the page": (
        [(PAGE, '{{ letter("camera") }}', "")],
        "contains a link '#zapros-zapisey-s-kamer', but there is no such anchor on this page"),
    "letter on another page": (
        [("docs/kalkulyator.md", "{{ calculator() }}", '{{ calculator() }}\n\n{{ letter("chat") }}')],
        "docs/kalkulyator.md: letter('chat'): letters belong on docs/pisma.md"),
    "letter twice": (
        [(PAGE, '{{ letter("camera") }}', '{{ letter("camera") }}\n\n{{ letter("camera") }}')],
        "docs/pisma.md: letter('camera') is used twice"),
    "unknown letter in a link": (
        [("docs/shagi/pretenziya.md", "", '\n{{ letter_link("claims") }}\n')],
        "docs/shagi/pretenziya.md: letter_link('claims'): unknown letter 'claims'"),
}

# Cases that must build: a link to a letter from a step page, and Jinja-looking text in a letter body.
GOOD = {
    "link from a step page": [("docs/shagi/pretenziya.md", "", '\n{{ letter_link("claim") }} и '
                                                              '{{ letter_link("bank", "заявление в банк") }}\n')],
    "jinja-looking body text": [(LETTERS, CHAT_END, CHAT_END + " {{ 1 + 1 }} {% raw %} {#")],
}


def _scenario(project, name: str, edits):
    for file, old, new in edits:
        path = project / file
        source = path.read_text(encoding="utf-8")
        assert old in source, f"{name}: '{old}' no longer occurs in {file}; update the test case"
        path.write_text(source.replace(old, new, 1) if old else source + new, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    cases = {**{k: v[0] for k, v in BROKEN.items()}, **GOOD}
    # Copies are made one by one (tmp_path_factory is not thread-safe); only the builds run in parallel.
    projects = {name: _scenario(copy_project(tmp_path_factory.mktemp("letters-data")), name, edits)
                for name, edits in cases.items()}
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(run_mkdocs_build, p, p / "site") for name, p in projects.items()}
        return {name: f.result() for name, f in futures.items()}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_letter_data_fails_the_build(builds, name):
    build, expected = builds[name], BROKEN[name][1]
    assert build.returncode != 0, f"{name}: the build should have failed"
    assert expected in build.log, f"{name}: expected {expected!r} in:\n{build.log[-2000:]}"


def test_letter_link_works_from_a_step_page(builds):
    build = builds["link from a step page"]
    assert build.returncode == 0, build.log[-2000:]
    html = (build.site_dir / "shagi" / "pretenziya" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../pisma/#pretenziya">Претензия продавцу и Ozon</a>' in html
    assert '<a href="../../pisma/#zayavlenie-v-bank">заявление в банк</a>' in html


def test_letter_text_is_never_run_through_jinja(builds):
    build = builds["jinja-looking body text"]
    assert build.returncode == 0, build.log[-2000:]
    html = (build.site_dir / "pisma" / "index.html").read_text(encoding="utf-8")
    assert "{{ 1 + 1 }} {% raw %} {#" in html
