"""Checklists that remember, in a real Chromium: components/checklist/checklist.js on the built site.

Storage contract: see components/checklist/README.md. Each test gets a fresh browser profile (empty storage).
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from support import ROOT, HeldPageBundles

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

KEY = "ozon-propal-zakaz:checklists"
STEPS = yaml.safe_load((ROOT / "data" / "steps.yml").read_text(encoding="utf-8"))["steps"]
FIRST, SECOND = STEPS[0], STEPS[1]
TOTAL = sum(len(s["items"]) for s in STEPS)
NOTICE = "Не получается сохранить отметки"
C = "delo-1/"  # the first case of «Моё дело»: ticks are stored per case (version 2)


def in_case(items: dict) -> dict:
    """Items keyed as stored: by the first case's prefix."""
    return {C + k: v for k, v in items.items()}


def url_of(step: dict) -> str:
    return step["page"].removesuffix(".md") + "/"


def item_ids(step: dict) -> list[str]:
    return [i["id"] for i in step["items"]]


def box(page, item_id: str):
    return page.locator(f'input[data-item="{item_id}"]')


def stored(page):
    raw = page.evaluate(f"localStorage.getItem({KEY!r})")
    return None if raw is None else json.loads(raw)


def ticked(page) -> set[str]:
    """Stored ticked ids (an unticked item is kept as {"checked": false, "at": <when>})."""
    return {i.removeprefix(C) for i, v in stored(page)["items"].items() if v["checked"]}


def stored_raw(page):
    return page.evaluate(f"localStorage.getItem({KEY!r})")


def open_page(page, base: str, path: str) -> None:
    page.goto(base + path)
    # checklist.js reveals its [data-checklist-js] parts once it has applied the stored state.
    expect(page.locator("[data-checklist-progress]").first).to_be_visible()


def seed(page, base: str, path: str, value: str) -> None:
    """Put a raw value under our key before the page's scripts see it, then open the page."""
    page.goto(base)  # any page of our origin
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
    open_page(page, base, path)


def progress_of(page, scope: str = "[data-checklist]"):
    return page.locator(f"{scope} [data-checklist-progress]").first


def assert_progress(page, done: int, total: int, scope: str = "[data-checklist]") -> None:
    bar = progress_of(page, scope)
    expect(bar.locator(".oz-progress__text")).to_have_text(f"Отмечено: {done} из {total}")
    expect(bar.get_by_role("progressbar")).to_have_attribute("aria-valuenow", str(done))
    expect(bar.get_by_role("progressbar")).to_have_attribute("aria-valuetext", f"Отмечено: {done} из {total}")


def visible_notices(page) -> int:
    return page.locator("[data-checklist-status]").filter(has_text=NOTICE).evaluate_all(
        "els => els.filter(e => e.checkVisibility()).length")


def test_tick_survives_reload_instant_navigation_and_history(page, site_server):
    first, second = item_ids(FIRST), item_ids(SECOND)
    open_page(page, site_server, url_of(FIRST))
    assert_progress(page, 0, len(first))

    page.get_by_text(FIRST["items"][0]["text"].replace("**", ""), exact=True).click()  # the label, as on a phone
    expect(box(page, first[0])).to_be_checked()
    assert_progress(page, 1, len(first))
    saved = stored(page)
    assert saved["version"] == 2 and list(saved["items"]) == [C + first[0]]
    assert saved["items"][C + first[0]]["checked"] is True
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", saved["items"][C + first[0]]["at"])

    page.reload()
    expect(box(page, first[0])).to_be_checked()
    assert_progress(page, 1, len(first))

    # Instant navigation (the page is not reloaded: the marker survives) to the next step and back.
    page.evaluate("window.__marker = 1")
    page.locator(".oz-next__link").click()
    page.wait_for_url(site_server + url_of(SECOND))
    box(page, second[1]).check()
    assert page.evaluate("window.__marker") == 1, "navigation was not instant"
    assert_progress(page, 1, len(second))
    page.go_back()
    page.wait_for_url(site_server + url_of(FIRST))
    expect(box(page, first[0])).to_be_checked()
    expect(box(page, first[1])).not_to_be_checked()
    page.go_forward()
    page.wait_for_url(site_server + url_of(SECOND))
    expect(box(page, second[1])).to_be_checked()
    assert page.evaluate("window.__marker") == 1, "history navigation was not instant"

    # After several instant navigations a click still runs each handler once (no double binding).
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.locator("[data-checklist-action=reset]").click()
    expect(box(page, second[1])).to_be_checked()  # dismissed: nothing changed
    assert len(dialogs) == 1
    assert set(stored(page)["items"]) == {C + first[0], C + second[1]}
    assert page.errors == []


def test_progress_page_reached_by_instant_navigation_counts_and_dates_the_ticks(page, site_server):
    """A step page runs the checklists' script; «Мой прогресс», reached from it by instant navigation, brings the
    ticks' list script (components/ticks/) later in its page bundle: the totals count the stored ticks all the same,
    and the entries are marked."""
    first = item_ids(FIRST)
    open_page(page, site_server, url_of(FIRST))
    box(page, first[0]).check()
    assert page.evaluate("typeof window.ozTicks") == "undefined"  # a step page lists no entries
    page.evaluate("window.__marker = 1")
    page.evaluate("document.querySelector('.md-nav a[href$=\"progress/\"]').click()")
    page.wait_for_url(site_server + "progress/")
    assert_progress(page, 1, TOTAL, scope="[data-checklist-progress-page] >")
    assert_progress(page, 1, len(first), scope=f'[data-checklist-progress-step="{FIRST["id"]}"]')
    expect(page.locator(f'[data-checklist-entry="{first[0]}"]')).to_have_class(re.compile("is-done"))
    assert page.evaluate("window.__marker") == 1, "navigation was not instant"
    assert page.errors == []


def test_second_tab_follows_changes(context, page, site_server):
    ids = item_ids(FIRST)
    open_page(page, site_server, url_of(FIRST))
    other = context.new_page()
    open_page(other, site_server, url_of(FIRST))

    box(page, ids[2]).check()
    expect(box(other, ids[2])).to_be_checked()
    assert_progress(other, 1, len(ids))
    box(other, ids[2]).uncheck()
    box(other, ids[3]).check()
    expect(box(page, ids[2])).not_to_be_checked()
    expect(box(page, ids[3])).to_be_checked()
    assert_progress(page, 1, len(ids))
    assert page.errors == []


def test_keyboard_space_toggles_and_saves(page, site_server):
    ids = item_ids(FIRST)
    open_page(page, site_server, url_of(FIRST))
    box(page, ids[0]).focus()
    page.keyboard.press("Space")
    expect(box(page, ids[0])).to_be_checked()
    page.keyboard.press("Tab")
    expect(box(page, ids[1])).to_be_focused()
    page.keyboard.press("Space")
    assert_progress(page, 2, len(ids))
    page.keyboard.press("Space")
    assert_progress(page, 1, len(ids))
    assert ticked(page) == {ids[0]}
    # The reset button is a real button: Enter on it asks, and accepting clears this step.
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-checklist-action=reset]").focus()
    page.keyboard.press("Enter")
    expect(box(page, ids[0])).not_to_be_checked()
    assert ticked(page) == set()
    assert page.errors == []


def test_ids_not_on_the_page_are_kept(page, site_server):
    kept = {
        C + "gone-step.old-item": {"checked": True, "at": "2025-01-02T03:04:05.000Z"},
        f"{C}{SECOND['id']}.{'x'}": {"checked": True, "at": None, "note": "a field from a later version"},
        f"delo-other/{FIRST['id']}.{item_ids(FIRST)[0]}": {"checked": True, "at": None},  # another case's tick
    }
    seed(page, site_server, url_of(FIRST), json.dumps({"version": 2, "items": kept}))
    ids = item_ids(FIRST)
    box(page, ids[0]).check()
    box(page, ids[1]).check()
    box(page, ids[1]).uncheck()
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-checklist-action=reset]").click()
    expect(box(page, ids[0])).not_to_be_checked()
    saved = stored(page)
    # Unticked items stay as {"checked": false, "at": <when>}, so that the newest change wins across tabs.
    assert {k: v for k, v in saved["items"].items() if k in kept} == kept
    assert {k for k, v in saved["items"].items() if k not in kept and v["checked"]} == set()
    assert page.errors == []


BROKEN_STORAGE = {
    # localStorage itself throws, as with cookies disabled.
    "getter-throws": """Object.defineProperty(window, 'localStorage', {configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});""",
    # Every Storage method throws.
    "methods-throw": """for (const m of ['getItem', 'setItem', 'removeItem', 'clear', 'key'])
        Storage.prototype[m] = function () { throw new DOMException('denied', 'SecurityError'); };""",
    # Reading works, writing hits the quota.
    "quota": """Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""",
}


@pytest.mark.parametrize("case", BROKEN_STORAGE)
def test_unusable_storage_keeps_the_page_working(context, page, site_server, case):
    context.add_init_script(BROKEN_STORAGE[case])
    ids = item_ids(FIRST)
    open_page(page, site_server, url_of(FIRST))
    for item in ids[:3]:
        box(page, item).check()
    box(page, ids[2]).uncheck()
    assert_progress(page, 2, len(ids))
    expect(page.locator("[data-checklist-status]")).to_be_visible()
    assert visible_notices(page) == 1

    # Ticks live on in memory across instant navigation for the rest of the visit; the notice is shown again there.
    page.evaluate("window.__marker = 1")
    page.locator(".oz-next__link").click()
    page.wait_for_url(site_server + url_of(SECOND))
    expect(page.locator(f'[data-checklist="{SECOND["id"]}"] [data-checklist-status]')).to_be_visible()
    assert visible_notices(page) == 1
    page.go_back()
    page.wait_for_url(site_server + url_of(FIRST))
    expect(box(page, ids[1])).to_be_checked()
    assert page.evaluate("window.__marker") == 1
    assert_progress(page, 2, len(ids))
    assert page.errors == []


UNREADABLE = {
    "corrupted": '{"version":1,"items":{"check-order.right-account":{"checked":tr',
    "foreign": '{"theme":"dark","visits":3}',
    "array": "[1,2,3]",
    "null": "null",
    "newer-version": '{"version":3,"items":{"delo-1/check-order.right-account":{"state":"done"}}}',
    "bad-entry": '{"version":1,"items":{"check-order.right-account":{"checked":"yes","at":null}}}',
}


def test_unreadable_value_is_never_overwritten_by_a_tick(page, site_server):
    ids = item_ids(FIRST)
    page.goto(site_server)
    for case, value in UNREADABLE.items():  # one page, reloaded per case: a reload starts a fresh visit
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
        open_page(page, site_server, url_of(FIRST))
        expect(page.locator("[data-checklist-status]"), case).to_be_visible()
        box(page, ids[0]).check()
        box(page, ids[1]).check()
        expect(box(page, ids[0])).to_be_checked()
        assert_progress(page, 2, len(ids))
        assert visible_notices(page) == 1, case
        assert stored_raw(page) == value, case
    assert page.errors == []


def test_older_format_is_migrated(page, site_server):
    ids = item_ids(FIRST)
    last = STEPS[-1]["items"][0]["id"]
    seed(page, site_server, url_of(FIRST), json.dumps({ids[0]: True, last: True}))
    expect(box(page, ids[0])).to_be_checked()
    assert_progress(page, 1, len(ids))
    box(page, ids[1]).check()
    saved = stored(page)
    assert saved["version"] == 2  # version 0 -> 1 -> 2: the ticks are the first case's
    assert saved["items"][C + ids[0]] == {"checked": True, "at": None}
    assert saved["items"][C + last] == {"checked": True, "at": None}
    assert saved["items"][C + ids[1]]["checked"] is True
    # A migrated format is not a failure: no notice.
    expect(page.locator("[data-checklist-status]")).to_be_hidden()
    open_page(page, site_server, "progress/")
    entry = page.locator(f'[data-checklist-entry="{last}"]')
    expect(entry).to_have_class(re.compile("is-done"))
    expect(entry).to_contain_text("— отмечено")
    assert page.errors == []


def test_progress_page_counts_dates_links_and_reset_all(page, site_server):
    items = {
        FIRST["items"][0]["id"]: {"checked": True, "at": "2026-11-20T11:05:00.000Z"},
        FIRST["items"][3]["id"]: {"checked": True, "at": "2026-11-21T09:30:00.000Z"},
        SECOND["items"][0]["id"]: {"checked": True, "at": "2026-11-22T20:59:00.000Z"},
    }
    seed(page, site_server, "progress/", json.dumps({"version": 2, "items": in_case(items)}))
    assert_progress(page, 3, TOTAL, scope="[data-checklist-progress-page] >")
    assert_progress(page, 2, len(FIRST["items"]), scope=f'[data-checklist-progress-step="{FIRST["id"]}"]')
    assert_progress(page, 1, len(SECOND["items"]), scope=f'[data-checklist-progress-step="{SECOND["id"]}"]')
    assert_progress(page, 0, len(STEPS[2]["items"]), scope=f'[data-checklist-progress-step="{STEPS[2]["id"]}"]')
    # Dates in Russian format, local time (the context runs in Europe/Moscow, UTC+3).
    expected = {FIRST["items"][0]["id"]: "20.11.2026, 14:05", FIRST["items"][3]["id"]: "21.11.2026, 12:30",
                SECOND["items"][0]["id"]: "22.11.2026, 23:59"}
    for item_id, when in expected.items():
        entry = page.locator(f'[data-checklist-entry="{item_id}"]')
        expect(entry).to_have_class(re.compile("is-done"))
        expect(entry.locator("time")).to_have_text(when)
        expect(entry.locator("time")).to_have_attribute("datetime", items[item_id]["at"])
    not_done = page.locator(f'[data-checklist-entry="{FIRST["items"][1]["id"]}"]')
    expect(not_done).not_to_have_class(re.compile("is-done"))
    expect(not_done.locator("time")).to_be_hidden()

    # Every step links to its page.
    links = page.locator(".oz-progress-step__title a")
    expect(links).to_have_count(len(STEPS))
    for step, href in zip(STEPS, links.evaluate_all("els => els.map(a => a.href)"), strict=True):
        assert href == site_server + url_of(step)

    # Reset all: dismissing changes nothing, accepting clears everything.
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Сбросить всё").click()
    assert stored(page)["items"] == in_case(items)
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Сбросить всё").click()
    expect(page.get_by_text("Все отметки сняты.")).to_be_visible()
    assert stored(page) == {"version": 2, "items": {}}
    assert_progress(page, 0, TOTAL, scope="[data-checklist-progress-page] >")
    expect(page.locator(".oz-progress-step__item.is-done")).to_have_count(0)

    links.first.click()
    page.wait_for_url(site_server + url_of(FIRST))
    expect(box(page, FIRST["items"][0]["id"])).not_to_be_checked()
    assert page.errors == []


def test_export_then_import_restores_exactly(page, site_server, tmp_path):
    items = {
        FIRST["items"][0]["id"]: {"checked": True, "at": "2026-11-20T11:05:00.000Z"},
        STEPS[4]["items"][2]["id"]: {"checked": True, "at": "2026-11-23T07:00:00.000Z"},
        "gone-step.old-item": {"checked": True, "at": None},
    }
    original = json.dumps({"version": 2, "items": in_case(items)}, separators=(",", ":"))
    seed(page, site_server, "progress/", original)
    with page.expect_download() as download:
        page.get_by_role("button", name="Сохранить в файл").click()
    assert re.fullmatch(r"ozon-progress-\d{4}-\d\d-\d\d\.json", download.value.suggested_filename)
    file = tmp_path / download.value.suggested_filename
    download.value.save_as(file)
    assert json.loads(file.read_text(encoding="utf-8")) == json.loads(original)

    page.evaluate("localStorage.clear()")
    open_page(page, site_server, "progress/")
    assert_progress(page, 0, TOTAL, scope="[data-checklist-progress-page] >")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Загрузить из файла").click()
    chooser.value.set_files(file)
    expect(page.get_by_text("Готово: отметки из файла добавлены.")).to_be_visible()
    assert stored_raw(page) == original
    assert_progress(page, 2, TOTAL, scope="[data-checklist-progress-page] >")
    assert page.errors == []


BAD_FILES = {
    "not-json": b"\xef\xbb\xbfhello, this is not JSON",
    "empty": b"",
    "array": b"[]",
    "wrong-version": b'{"version":3,"items":{}}',
    "no-case": b'{"version":2,"items":{"check-order.right-account":{"checked":true,"at":null}}}',
    "version-as-text": b'{"version":"1","items":{}}',
    "no-items": b'{"version":1}',
    "items-list": b'{"version":1,"items":[]}',
    "bad-id": b'{"version":1,"items":{"<img src=x onerror=alert(1)>":{"checked":true,"at":null}}}',
    "bad-date": b'{"version":1,"items":{"check-order.right-account":{"checked":true,"at":"yesterday"}}}',
    "bad-checked": b'{"version":1,"items":{"check-order.right-account":{"checked":1,"at":null}}}',
    "old-format-file": b'{"check-order.right-account":true}',
}


def test_malformed_import_is_rejected_without_changes(page, site_server):
    original = json.dumps({"version": 2, "items": {
        C + FIRST["items"][2]["id"]: {"checked": True, "at": "2026-11-20T11:05:00.000Z"}}})
    seed(page, site_server, "progress/", original)
    rejected = page.locator('[data-checklist-message="rejected"]')
    for name, content in BAD_FILES.items():
        page.evaluate("document.querySelectorAll('[data-checklist-message]').forEach(e => e.hidden = true)")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Загрузить из файла").click()
        chooser.value.set_files({"name": f"{name}.json", "mimeType": "application/json", "buffer": content})
        expect(rejected, name).to_be_visible()
        expect(rejected).to_contain_text("Ничего не изменено")
        assert stored_raw(page) == original, name
    assert_progress(page, 1, TOTAL, scope="[data-checklist-progress-page] >")
    assert page.errors == []


def test_print_view_hides_controls(page, site_server):
    seed(page, site_server, "progress/", json.dumps({"version": 1, "items": {
        FIRST["items"][0]["id"]: {"checked": True, "at": "2026-11-20T11:05:00.000Z"}}}))
    page.emulate_media(media="print")
    expect(page.locator(".oz-progress-page__tools")).to_be_hidden()
    expect(page.locator("[data-checklist-message]").first).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(f'[data-checklist-entry="{FIRST["items"][0]["id"]}"] time')).to_have_text("20.11.2026, 14:05")
    expect(progress_of(page, "[data-checklist-progress-page] >")).to_be_visible()
    assert page.errors == []


def test_without_javascript_a_plain_list(browser, site_server):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    try:
        page = context.new_page()
        page.goto(site_server + url_of(FIRST))
        ids = item_ids(FIRST)
        box(page, ids[0]).check()  # a real checkbox works on its own
        expect(box(page, ids[0])).to_be_checked()
        expect(page.locator("[data-checklist-progress]")).to_be_hidden()
        expect(page.locator("[data-checklist-action]")).to_be_hidden()
        expect(page.locator("[data-checklist-status]")).to_be_hidden()
        # the page says the ticks will not be kept (rendered by a browser with scripts off: checked in the HTML)
        assert "отметки не сохраняются" in page.locator(".oz-checklist noscript").inner_html()
        page.goto(site_server + "progress/")
        expect(page.locator("[data-checklist-entry]")).to_have_count(TOTAL)
        expect(page.locator(".oz-progress-page__tools")).to_be_hidden()
        # (Chromium with scripts disabled by the DevTools protocol does not render <noscript>; check it is there.)
        assert "Отметки видны только при включённом JavaScript" in page.locator("noscript").inner_html()
    finally:
        context.close()


def test_a_tick_made_before_the_script_starts_is_kept(context, page, site_server):
    """The checklist shows from the first paint: an item ticked while the page's script is still on its way is the
    reader's tick — stored and counted, not silently unticked when the script starts."""
    held = HeldPageBundles(context)  # answered only once the reader has acted (however slow the machine)
    ids = item_ids(FIRST)
    page.goto(site_server + url_of(FIRST), wait_until="commit")
    box(page, ids[1]).check()
    assert page.evaluate("typeof window.ozChecklist") == "undefined", "ticked before the script started"
    held.release(page)
    expect(page.locator("[data-checklist-progress]").first).to_be_visible()
    assert_progress(page, 1, len(ids))
    expect(box(page, ids[1])).to_be_checked()
    assert ticked(page) == {ids[1]}
    assert page.errors == []
