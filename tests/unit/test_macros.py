"""Macros used wrongly on a page stop the build with a message naming the page and the call. Called directly
through a stand-in for mkdocs-macros' env on the valid fixture project (no MkDocs build)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import macros
from macros import letters
from macros.context import BuildError
from support import ROOT, FakeMacrosEnv, fixture_project


@pytest.fixture
def env(tmp_path):
    project = fixture_project("valid", tmp_path / "project")
    shutil.copytree(ROOT / "components", project / "components")
    (project / "docs" / "pisma").mkdir()
    for page in ("index.md", "soobshchenie-v-chat.md"):  # the letters' index and the fixture's one letter
        (project / "docs" / "pisma" / page).write_text("# Письма\n", encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Главная\n", encoding="utf-8")
    env = FakeMacrosEnv(project)
    macros.define_env(env)
    return env


@pytest.mark.parametrize("page,call,message", [
    ("shagi/check.md", lambda m: m["contact"]("no-such"),
     "docs/shagi/check.md: contact('no-such'): unknown contact 'no-such' (not defined in data/contacts.yml)"),
    ("shagi/check.md", lambda m: m["fact"]("no-such"),
     "docs/shagi/check.md: fact('no-such'): unknown fact 'no-such' (not defined in data/facts.yml)"),
    ("shagi/check.md", lambda m: m["checklist"]("no-such"),
     "docs/shagi/check.md: checklist('no-such'): unknown step 'no-such' (not defined in data/steps.yml)"),
    ("shagi/check.md", lambda m: m["checklist"]("write-chat"),
     "docs/shagi/check.md: checklist('write-chat'): step 'write-chat' belongs on docs/shagi/chat.md"),
    ("pisma/kamera.md", lambda m: m["letter"]("kamera"),
     "docs/pisma/kamera.md: letter('kamera'): unknown letter 'kamera' (not defined in data/letters.yml)"),
    ("shagi/check.md", lambda m: m["letter"]("chat"),
     "docs/shagi/check.md: letter('chat'): the letter belongs on docs/pisma/soobshchenie-v-chat.md "
     "(elsewhere, use letter_link('chat'))"),
    ("pisma/index.md", lambda m: m["letter"]("chat"),
     "docs/pisma/index.md: letter('chat'): the letter belongs on docs/pisma/soobshchenie-v-chat.md "
     "(elsewhere, use letter_link('chat'))"),
    ("shagi/check.md", lambda m: m["letters_index"](),
     "docs/shagi/check.md: letters_index(): the list of letters belongs on docs/pisma/index.md"),
    ("shagi/check.md", lambda m: m["letter_link"]("chats"),
     "docs/shagi/check.md: letter_link('chats'): unknown letter 'chats' (not defined in data/letters.yml)"),
    ("delo.md", lambda m: m["case_page"](),
     "docs/delo.md: case_page(): order field 'goods' is not defined in data/letters.yml"),
])
def test_wrong_macro_calls(env, page, call, message):
    env.on(page)
    with pytest.raises(BuildError) as caught:
        call(env.macros)
    assert str(caught.value) == message


def test_letter_twice(env):
    env.on("pisma/soobshchenie-v-chat.md").macros["letter"]("chat")
    with pytest.raises(BuildError, match=r"docs/pisma/soobshchenie-v-chat.md: letter\('chat'\) is used twice"):
        env.macros["letter"]("chat")


def test_letter_page_title_is_the_letter_title(env):
    env.on("pisma/soobshchenie-v-chat.md").page.meta = {"title": "Чат"}
    with pytest.raises(BuildError, match="the page title 'Чат' differs from the letter's title 'Сообщение в чат'"):
        env.macros["letter"]("chat")


def test_letter_without_a_page_stops_the_build(env):
    (Path(env.project_dir) / "docs" / "pisma" / "soobshchenie-v-chat.md").unlink()
    with pytest.raises(BuildError) as caught:
        macros.define_env(FakeMacrosEnv(Path(env.project_dir)))
    assert str(caught.value) == ("data/letters.yml: letter 'chat': its page docs/pisma/soobshchenie-v-chat.md "
                                 "does not exist")


def test_letter_page_without_its_letter_stops_the_build(env):
    with pytest.raises(BuildError, match=r"letter 'chat' has no letter\('chat'\) call on "
                                         r"docs/pisma/soobshchenie-v-chat.md"):
        letters.check_all_rendered(macros._context)


def test_letter_page_links_to_the_index_and_the_index_to_the_pages(env):
    page = env.on("pisma/soobshchenie-v-chat.md").macros["letter"]("chat")
    assert "(index.md)" in page and "(../kalkulyator.md)" in page and 'data-letter="chat"' in page
    index = env.on("pisma/index.md").macros["letters_index"]()
    assert "## [Сообщение в чат](soobshchenie-v-chat.md) {: #soobshchenie-v-chat }" in index


def test_step_page_without_its_checklist(env):
    env.on("shagi/check.md").macros["checklist"]("check-order")
    env.macros["next_step"]("check-order")
    env.on("shagi/chat.md").macros["next_step"]("write-chat")
    with pytest.raises(BuildError, match=r"step 'write-chat' has no checklist\(\) call on docs/shagi/chat.md"):
        macros.on_post_build(env)


def test_links_are_relative_to_the_calling_page(env):
    html = env.on("shagi/check.md").macros["next_step"]("check-order")
    assert "(chat.md)" in html
    assert env.on("shagi/chat.md").macros["next_step"]("write-chat").count("(../index.md)") == 1
    assert env.macros["letter_link"]("chat", "письмо") == "[письмо](../pisma/soobshchenie-v-chat.md)"
    assert env.on("index.md").macros["letter_link"]("chat") == "[Сообщение в чат](pisma/soobshchenie-v-chat.md)"


def test_bad_data_stops_the_build_as_a_plugin_error(tmp_path):
    project = fixture_project("contact-bad-phone", tmp_path / "project")
    shutil.copytree(ROOT / "components", project / "components")
    with pytest.raises(BuildError, match="contact 'hotline': field 'value' '8-800-555-49' is not a Russian phone"):
        macros.define_env(FakeMacrosEnv(project))


def test_facts_are_a_global_of_every_template(env):
    assert env.macros["fact"]("penalty-rate") == "0,5 % в день"
    render = macros._context.render
    assert render.env.from_string("{{ facts['penalty-rate'].number }}").render() == "0.5"


def test_case_page_from_the_real_data():
    env = FakeMacrosEnv(ROOT)
    env.conf.update(site_url="https://example.org/ozon-propal-zakaz/", site_name="Гайд")
    macros.define_env(env)
    html = env.on("delo.md").macros["case_page"]()
    # placeholders of the actions become parts case.js fills in; the words stay in the HTML
    assert 'Срок продавца просрочен на <span data-v="late"></span> — подайте заявление в банк.' in html
    assert 'data-url="https://example.org/ozon-propal-zakaz/delo/"' in html
    assert 'href="../shagi/osparivanie-platezha/"' in html and 'href="../pisma/zayavlenie-v-bank/"' in html
    assert 'data-case-term="seller-refund" data-days="10" data-shift="true"' in html
    assert 'data-when="pay-method=card|sbp"' in html and "data-oz-deadlines" in html
    # the bank actions only for the payments a bank can dispute (data/payment.yml); the calendar's alarms per term
    assert ('data-case-action="bank-now" data-term="seller-refund over" data-unless="bank-filed" '
            'data-when="pay-method=card|sbp|ozon-card|on-receipt"') in html
    assert '<div class="oz-case__action" data-case-action="no-bank-now" data-term="seller-refund over" ' in html
    assert ('data-when="pay-method=card|sbp" data-done-refund-paid="деньги вернули {date} — оспаривать платёж в банке '
            'не нужно" data-done-handed="заказ вручили {date} — оспаривать платёж в банке не нужно" '
            'data-remind="21 1"') in html
    assert html.count('data-remind="1"') == 5  # the other terms: one alarm, a day before
    assert 'data-ics-before="Последний день — через {n}: {title}"' in html


def test_letter_page_names_the_case_event_that_records_its_sending(env):
    page = env.on("pisma/soobshchenie-v-chat.md").macros["letter"]("chat")
    assert "Отправили? Отметьте в [«Моё дело»](../delo.md) «Статус «Получен»» с датой." in page


def test_letter_page_without_a_case_file_has_no_such_line(tmp_path):
    project = fixture_project("valid", tmp_path / "project")
    shutil.copytree(ROOT / "components", project / "components")
    (project / "data" / "case.yml").unlink()  # «Моё дело» is optional
    (project / "docs" / "pisma").mkdir()
    for page in ("index.md", "soobshchenie-v-chat.md"):
        (project / "docs" / "pisma" / page).write_text("# Письма\n", encoding="utf-8")
    env = FakeMacrosEnv(project)
    macros.define_env(env)
    page = env.on("pisma/soobshchenie-v-chat.md").macros["letter"]("chat")
    assert 'data-letter="chat"' in page and "Отправили?" not in page
