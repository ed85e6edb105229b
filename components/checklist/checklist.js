// Checklist ticks, kept in this browser only. Storage format and failure policy: overrides/components/checklist.html
(() => {
  if (window.ozChecklist) return;
  window.ozChecklist = 1;
  const KEY = "ozon-propal-zakaz:checklists";
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  const isMap = (v) => v && typeof v == "object" && !Array.isArray(v);
  const empty = () => ({ version: 1, items: {} });
  let mem = empty(); // used while storage cannot be
  let broken = false;

  const valid = (items) => isMap(items) && Object.entries(items).every(([id, v]) =>
    /^[a-z0-9-]+\.[a-z0-9-]+$/.test(id) && isMap(v) && typeof v.checked == "boolean" &&
    (v.at === null || (typeof v.at == "string" && !isNaN(Date.parse(v.at)))));

  // JSON -> state, or null if not ours; version 0 is accepted from storage only
  function parse(v, fromFile) {
    if (!isMap(v)) return null;
    if (v.version === 1 && valid(v.items)) return { version: 1, items: v.items };
    if (fromFile || "version" in v) return null;
    const items = {};
    for (const id in v) items[id] = { checked: v[id], at: null };
    return valid(items) ? { version: 1, items } : null;
  }

  function fail() {
    broken = true;
    const el = document.querySelector("[data-checklist-status]");
    if (el) el.hidden = false;
  }

  function read() {
    if (!broken) {
      try {
        const raw = localStorage.getItem(KEY);
        const s = raw == null ? empty() : parse(JSON.parse(raw));
        if (s) return (mem = s);
      } catch (e) { /* handled below */ }
    }
    fail();
    return mem;
  }

  function write(s, replace) {
    mem = s;
    if (replace) broken = false;
    if (!broken) {
      try {
        return localStorage.setItem(KEY, JSON.stringify(s));
      } catch (e) { /* handled below */ }
    }
    fail();
  }

  function say(name) {
    for (const el of $$("[data-checklist-message]")) el.hidden = el.dataset.checklistMessage != name;
  }

  function setupBars() {
    for (const el of $$("[data-checklist-progress]")) {
      const all = $$("[data-item],[data-checklist-entry]", el.parentElement);
      const n = all.filter((x) => x.checked || x.classList.contains("is-done")).length;
      const bar = el.querySelector("[role=progressbar]");
      el.querySelector("[data-checklist-count]").textContent = n;
      bar.setAttribute("aria-valuenow", n);
      bar.setAttribute("aria-valuetext", el.firstElementChild.textContent);
      bar.firstElementChild.style.width = (100 * n) / all.length + "%";
    }
  }

  // Idempotent: runs on every page view (document$) and storage event
  function setup() {
    const boxes = $$("input[data-item]");
    const entries = $$("[data-checklist-entry]");
    if (!boxes.length && !entries.length) return;
    const items = read().items;
    for (const box of boxes) box.checked = !!(items[box.dataset.item] || {}).checked;
    for (const li of entries) {
      const v = items[li.dataset.checklistEntry] || {};
      const at = v.checked && v.at;
      const time = li.querySelector("time");
      li.classList.toggle("is-done", !!v.checked);
      time.parentNode.hidden = !v.checked;
      time.textContent = at ? new Date(at).toLocaleString("ru-RU",
        { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }) : "";
      time.dateTime = at || "";
    }
    setupBars();
    for (const el of $$("[data-checklist-js]")) el.hidden = false;
  }

  async function importFile(input) {
    const file = input.files[0];
    input.value = "";
    let s = null;
    try {
      if (file.size < 1e6) s = parse(JSON.parse(await file.text()), 1);
    } catch (e) { /* not JSON */ }
    if (!s) return say("rejected");
    const cur = read();
    Object.assign(cur.items, s.items);
    write(cur, 1);
    setup();
    say("imported");
  }

  const actions = {
    reset(button) {
      const s = read();
      for (const box of $$("[data-item]", button.closest("[data-checklist]"))) delete s.items[box.dataset.item];
      write(s);
      setup();
    },
    "reset-all"() {
      write(empty(), 1);
      setup();
      say("reset");
    },
    export() {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([JSON.stringify(read(), null, 1)], { type: "application/json" }));
      a.download = "ozon-progress-" + new Date().toISOString().slice(0, 10) + ".json";
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1e4);
    },
    import() {
      document.querySelector("[data-checklist-import]").click();
    },
    print() {
      window.print();
    },
  };

  // Bound once: instant navigation swaps the content, not the document
  document.addEventListener("change", (e) => {
    const el = e.target;
    if (el.matches("input[data-item]")) {
      const s = read();
      if (el.checked) s.items[el.dataset.item] = { checked: true, at: new Date().toISOString() };
      else delete s.items[el.dataset.item];
      write(s);
      setupBars();
    } else if (el.matches("[data-checklist-import]") && el.files.length) importFile(el);
  });
  document.addEventListener("click", (e) => {
    const b = e.target.closest?.("button[data-checklist-action]");
    const ask = b && b.dataset.checklistConfirm;
    if (b && (!ask || confirm(ask))) actions[b.dataset.checklistAction](b);
  });
  addEventListener("storage", (e) => (e.key == KEY || e.key == null) && setup());
  addEventListener("pageshow", (e) => e.persisted && setup());
  if (window.document$) document$.subscribe(setup);
  else setup();
})();
