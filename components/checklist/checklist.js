/**
 * Checklists that remember, in this browser only. Contract (root attribute, storage format): README.md here.
 * Roots: [data-oz-checklist] on each step's checklist (checklist.html) and on the «Мой прогресс» page (progress.html).
 */
(() => {
  if (window.ozChecklist) return;

  const storage = window.ozStorage;
  // Items are {"<case>/<step>.<item>": {"checked": boolean, "at": ISO time of the last change | null}}: one set of
  // ticks per case of «Моё дело»; the page shows the active case's (declared in storage.js).
  const KEY = storage.CHECKLISTS;
  const FORMAT = storage.CHECKLISTS_SPEC;
  const ready = new WeakSet(); // roots already set up (instant navigation brings new ones)

  /** Every element under root matching selector, as an array. */
  function all(selector, root = document) {
    return [...root.querySelectorAll(selector)];
  }

  /** Show one of the progress page's messages (data-checklist-message) and hide the others. */
  function say(name) {
    for (const el of all("[data-checklist-message]")) el.hidden = el.dataset.checklistMessage !== name;
  }

  /** "Отмечено: N из M" and the bar, counted from the boxes or entries next to each progress display (an entry counts
   *  by the stored tick: components/ticks/ may not have marked it yet on an instant navigation). */
  function renderProgress() {
    const ticked = storage.read(KEY, FORMAT)?.items || {};
    for (const el of all("[data-checklist-progress]")) {
      const entries = all("[data-item],[data-checklist-entry]", el.parentElement);
      const done = entries.filter(e => e.checked || ticked[storage.inCase(e.dataset.checklistEntry)]?.checked).length;
      const bar = el.querySelector("[role=progressbar]");
      el.querySelector("[data-checklist-count]").textContent = done;
      bar.setAttribute("aria-valuenow", done);
      bar.setAttribute("aria-valuetext", el.firstElementChild.textContent);
      bar.firstElementChild.style.width = (100 * done) / entries.length + "%";
    }
  }

  /** «Мой прогресс» with several cases of «Моё дело»: say whose ticks these are (order number, else position). */
  function renderCase() {
    const ids = Object.keys(storage.read(storage.CASES, storage.CASE_SPEC)?.items || {});
    const caseId = storage.activeCase();
    const number = storage.orderNumber(caseId);
    for (const el of all("[data-checklist-case]")) {
      el.hidden = ids.length < 2;
      el.querySelector("[data-v]").textContent = el.dataset[number ? "named" : "unnamed"]
        .replace("{n}", number || ids.indexOf(caseId) + 1);
    }
  }

  /** Apply the stored ticks to every box and progress-page entry on this page; reveal the JS-only controls. */
  function render() {
    const ticked = storage.read(KEY, FORMAT)?.items || {};
    const caseId = storage.activeCase();
    for (const box of all("input[data-item]")) {
      box.checked = !!ticked[storage.inCase(box.dataset.item, caseId)]?.checked;
    }
    window.ozTicks?.(); // the progress page's entries (components/ticks/)
    renderProgress();
    renderCase();
    for (const el of all("[data-checklist-js]")) el.hidden = false;
  }

  /** An item as stored now: ticked or not, with the time of this change. */
  function itemNow(checked) {
    return { checked, at: new Date().toISOString() };
  }

  /** A box was ticked or unticked: store only that item (merged with what other tabs stored). */
  function onTick(box) {
    storage.update(KEY, FORMAT, { [storage.inCase(box.dataset.item)]: itemNow(box.checked) });
    renderProgress();
  }

  /** Import a file saved by «Сохранить в файл» (version 1 or 2; not the prototype's); the file wins per item. */
  async function importFile(input) {
    const file = input.files[0];
    input.value = "";
    let value = null;
    try {
      if (file.size < 1e6) value = storage.parse(await file.text(), FORMAT, true);
    } catch {
      // not JSON: rejected below
    }
    if (!value) {
      say("rejected");
      return;
    }
    storage.update(KEY, FORMAT, value.items, true);
    render();
    say("imported");
  }

  /** Download the stored state as a JSON file. */
  function exportFile() {
    const value = storage.read(KEY, FORMAT) || { version: FORMAT.version, items: {} };
    const name = "ozon-progress-" + new Date().toISOString().slice(0, 10) + ".json";
    storage.saveFile(name, JSON.stringify(value, null, 1), "application/json");
  }

  /** What each button[data-checklist-action] does. */
  const ACTIONS = {
    reset(button) {
      const changes = {};
      for (const box of all("[data-item]", button.closest("[data-checklist]"))) {
        changes[storage.inCase(box.dataset.item)] = itemNow(false);
      }
      storage.update(KEY, FORMAT, changes);
      render();
    },
    "reset-all"() {
      // The active case's ticks go; other cases keep theirs (a value we cannot read is replaced).
      const value = storage.read(KEY, FORMAT) || { version: FORMAT.version, items: {} };
      const mine = storage.inCase("");
      for (const id of Object.keys(value.items)) if (id.startsWith(mine)) delete value.items[id];
      storage.write(KEY, value, true);
      render();
      say("reset");
    },
    export: exportFile,
    import() {
      document.querySelector("[data-checklist-import]").click();
    },
    print: () => window.print(),
  };

  /** Bind one root's controls, once. */
  function init(root) {
    if (ready.has(root)) return;
    ready.add(root);
    // The list shows from the first paint: a box ticked before this script started is the reader's tick.
    for (const box of all("input[data-item]:checked", root)) onTick(box);
    root.addEventListener("change", event => {
      const el = event.target;
      if (el.matches("input[data-item]")) onTick(el);
      else if (el.matches("[data-checklist-import]") && el.files.length) importFile(el);
    });
    root.addEventListener("click", event => {
      const button = event.target.closest("button[data-checklist-action]");
      if (!button) return;
      const question = button.dataset.checklistConfirm;
      if (!question || window.confirm(question)) ACTIONS[button.dataset.checklistAction](button);
    });
  }

  /** Set up every checklist on the current page (runs on each page view). */
  function start() {
    all("[data-oz-checklist]").forEach(init);
    render();
  }

  window.ozChecklist = start;
  storage.subscribe(KEY, FORMAT, start);
  window.ozOnPage(start); // components/base/base.js
})();
