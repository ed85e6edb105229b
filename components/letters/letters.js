// Letters + calculator (macros/letters.py). Texts and notices are in the HTML; values go in as text only.
(() => {
  const KEY = "ozon-propal-zakaz:letters", $$ = s => document.querySelectorAll(s), V = Object.create(null), temp = new Set;
  let keep = false;
  // Dates are UTC day numbers of local calendar dates: no DST or midnight shifts (never new Date("YYYY-MM-DD")).
  const day = s => (s = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s)) ? Date.UTC(s[1], s[2] - 1, s[3]) / 864e5 : NaN;
  const iso = n => new Date(n * 864e5).toISOString().slice(0, 10);
  const ru = n => n == n ? iso(n).split("-").reverse().join(".") : "";
  const kop = s => (s = s.replace(/[\s₽]/g, "").replace(",", "."), /^\d{1,9}(\.\d\d?)?$/.test(s) ? Math.round(s * 100) : NaN);
  const rub = k => k == k ? String(Math.floor(k / 100)).replace(/\B(?=(\d{3})+$)/g, "\xa0") + (k % 100 ? "," + String(k % 100).padStart(2, 0) : "") + "\xa0₽" : "";
  const days = n => n == n ? n + "\xa0" + ({ one: "день", few: "дня" }[new Intl.PluralRules("ru").select(n)] || "дней") : "";
  const late = (p, a) => Math.max(0, day(a) - day(p)); // day 1 of the delay = the day after the promised date
  const fine = (m, d) => rub(Math.min(m, Math.round(m * d / 200))); // 0.5 % a day, at most the amount
  const calc = {
    delay: (p, a) => days(late(p, a)),
    penalty: (m, p, a) => fine(kop(m), late(p, a)),
    daily: m => fine(kop(m), 1),
    plus: (d, n) => ru(day(d) + +n),
  };
  window.ozLetters = { kop, rub, days, calc };

  const val = (d, root, v = (V[d.f] || "").trim()) => d.fn ? calc[d.fn](...d.from.split(" ").map(k => V[k] || ""), d.n)
    : !v ? "" : d.t == "date" ? ru(day(v)) : d.t == "money" ? rub(kop(v))
    : d.t == "choice" ? root.querySelector(`[data-field="${d.f}"][value="${CSS.escape(v)}"]`)?.dataset.text : v;
  const test = (c, [f, w] = c.split("="), v = (V[f] || "").trim()) => w ? v == w : !!v;
  const fill = (el, root, gaps, out = []) => {
    const walk = src => {
      for (const n of src.childNodes) {
        const d = n.dataset, t = d?.f && val(d, root), b = d?.if && n.children[test(d.if) ? 0 : 1];
        if (!d) out.push(n.data);
        else if (t) out.push(t);
        else if (d.f) { const m = document.createElement("mark"); out.push(m); gaps.add(m.textContent = n.textContent); }
        else if (b) walk(b);
      }
    };
    walk(el.tpl ||= el.cloneNode(true));
    el.replaceChildren(...out);
    el.dataset.copy = el.textContent.trimEnd(); // for Material's copy button and the download
  };
  const show = () => {
    for (const i of $$("[data-field]")) {
      const v = V[i.dataset.field] || "";
      i.type == "radio" ? i.checked = i.value == v : i.value != v && (i.value = v);
      if (i.inputMode == "decimal") i.ariaInvalid = !!v.trim() && isNaN(kop(v));
    }
    for (const r of $$("[data-letter]")) {
      const gaps = new Set, s = r.querySelector("[data-letter-status]");
      for (const el of r.querySelectorAll("[data-letter-text]")) fill(el, r, gaps);
      const m = s && (gaps.size ? s.dataset.gaps + [...gaps].join(", ") : s.dataset.done);
      if (s && s.textContent != m) s.textContent = m;
    }
    for (const c of $$("[data-letters-remember]")) c.checked = keep;
  };
  const save = (o = {}) => {
    try {
      for (const k in V) if (!temp.has(k) && V[k]) o[k] = V[k];
      keep ? localStorage.setItem(KEY, JSON.stringify(o)) : localStorage.removeItem(KEY);
      return "";
    } catch (e) { return "Fail"; }
  };
  const note = k => { for (const n of $$("[data-letters-note]")) n.textContent = n.dataset[k]; };
  const defaults = (d = new Date) => {
    for (const i of $$("[data-today]")) temp.add(i.dataset.field), V[i.dataset.field] ||= iso(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
    for (const i of $$("[data-field][checked]")) V[i.dataset.field] ||= i.value;
  };
  try {
    const o = JSON.parse(localStorage.getItem(KEY));
    if (o && typeof o == "object") { keep = true; for (const k in o) if (typeof o[k] == "string") V[k] = o[k]; }
  } catch (e) {} // no storage, or a corrupted entry: start empty

  document.addEventListener("input", e => {
    const f = e.target.dataset?.field;
    if (f) V[f] = e.target.value, save(), show();
  });
  document.addEventListener("change", e => {
    if (!e.target.matches("[data-letters-remember]")) return;
    keep = e.target.checked;
    const f = save();
    if (f) keep = false;
    note(f ? "fail" : keep ? "on" : "off");
    show();
  });
  document.addEventListener("click", e => {
    const b = e.target.closest("button"), d = b?.dataset || {}, r = b?.closest("[data-letter]"), a = document.createElement("a");
    if (d.letterDownload) {
      a.href = URL.createObjectURL(new Blob([r.querySelector("[data-letter-text]").dataset.copy], { type: "text/plain;charset=utf-8" }));
      a.download = d.letterDownload;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1e4);
    } else if ("letterPrint" in d) r.classList.add("oz-l--print"), print();
    else if ("lettersErase" in d) keep = false, Object.keys(V).map(k => delete V[k]), defaults(), note("erased" + save()), show();
  });
  addEventListener("afterprint", () => { for (const r of $$(".oz-l--print")) r.classList.remove("oz-l--print"); });
  document$.subscribe(() => {
    if (!document.querySelector("[data-letter]")) return;
    defaults();
    for (const e of $$("[data-letter-actions],[data-letters-privacy]")) e.hidden = false;
    show();
  });
})();
