/**
 * Fill-in letters, the replies and the deadline calculator: the texts assembled from the reader's order fields
 * (components/fields/, window.ozFields), copy / download / print. Contract (roots, data attributes): README.md here.
 * Roots: [data-oz-letters] on each letter (letter.html), the calculator (calculator.html) and each answer of the
 * replies page. Every text a reader sees comes from the HTML; values are inserted as text, never as HTML.
 */
(() => {
  if (window.ozLetters) return;

  const templates = new WeakMap(); // letter text element -> its untouched template
  // The fields' script (components/fields/), looked up when used: this one does not rely on it having run first.
  const kopecks = text => window.ozFields.kopecks(text);
  const roubles = kop => window.ozFields.roubles(kop);
  const usable = field => window.ozFields.usable(field);


  /** A text or number the templates give the script: data-<name> on the letter and calculator roots. */
  function setting(name) {
    return document.querySelector(`[data-oz-letters][data-${name}]`)?.getAttribute("data-" + name) || "";
  }

  /** "YYYY-MM-DD" -> "ДД.ММ.ГГГГ"; "" when unknown. */
  function russianDate(text) {
    return text ? text.split("-").reverse().join(".") : ""; // as the deadline engine writes dates
  }

  /** A number of days with its word in the right form ("1 день", "2 дня", "5 дней"): the deadline engine's, which
   *  counted the days. */
  function dayCount(n) {
    return isFinite(n) ? count((e, page) => n + "\u00a0" + page.words.days[e.plural(n)]) : "";
  }

  // Deadlines and the penalty come from the deadline engine (window.ozDeadlines, components/deadlines/), whose root
  // the pages that count them show (so its bundle loads); without it they stay blank.

  /** fn(engine, page) with the page's calendar and rate, or null when the engine is absent or refuses the input. */
  function count(fn) {
    const engine = window.ozDeadlines;
    const page = engine && engine.page();
    try {
      return page ? fn(engine, page) : null;
    } catch {
      return null; // an unusable date or amount: the engine throws, the letter shows the blank
    }
  }

  /** The term of n days after start (n = 0, "" or absent: the date itself), moved off a non-working day unless shift
   *  is false. */
  function term(start, n = 0, shift = true) {
    return count((e, page) => e.termEnd(start, Number(n), { calendar: page.calendar, shift }));
  }

  /** The delay and the penalty on asOf: from the day after the promised date, itself moved off a non-working day
   *  (ст. 193 ГК) -> {from, days, kopecks, capped} or null. */
  function delay(amount, promised, asOf) {
    const end = term(promised, 0);
    return end && count((e, page) => e.penalty({
      prepaymentKopecks: kopecks(amount), lastDayOfTerm: end.legalEnd, until: asOf, rate: page.rate,
    }));
  }

  /** How a term was counted, in the engine's words; `words` overrides some of them (the letters' templates). */
  function how(found, words) {
    return found ? count((e, page) => e.explainText(e.explain(found), { ...page.words, ...words })) || "" : "";
  }

  /** Price of the claim in kopecks: the prepayment, the penalty on the filing date and the losses (empty = 0). */
  function claimKopecks(amount, promised, filed, losses) {
    const late = delay(amount, promised, filed);
    return late ? kopecks(amount) + late.kopecks + (losses ? kopecks(losses) : 0) : NaN;
  }

  /** Words from the HTML for a claim price: data-<kind>-below up to data-<kind>-limit roubles, else
   *  data-<kind>-above; "" while the price is unknown. */
  function byPrice(kind, kop) {
    return isFinite(kop) ? setting(kind + (kop <= setting(kind + "-limit") * 100 ? "-below" : "-above")) : "";
  }

  /** Computed values, by the names in calculations.json (data-fn in the HTML); inputs are field texts, n the days. */
  const calc = {
    delay: (promised, asOf) => dayCount(delay("0", promised, asOf)?.days),
    penalty: (amount, promised, asOf) => roubles(delay(amount, promised, asOf)?.kopecks),
    daily: amount => roubles(count((e, page) => e.penaltyPerDay(kopecks(amount), page.rate)) ?? NaN),
    plus: (start, n) => russianDate(term(start, n, false)?.legalEnd),
    term: (start, n) => russianDate(term(start, n)?.legalEnd),
    plushow: (start, n) => how(term(start, n, false)),
    termhow: (start, n) => how(term(start, n)),
    /** For letters: the legal last day, with the calendar date and why it moved (words: data-term-letter-*). */
    termletter(start, n) {
      const plain = setting("term-letter");
      const shifted = setting("term-letter-shifted");
      // shift is on: the "fixed" words are never chosen
      return how(term(start, n), {
        shifted, dateShifted: shifted, unshifted: plain, dateUnshifted: plain, uncovered: "",
      });
    },
    // The claim: amount, promised date, filing date, losses.
    claimprice: (...claim) => roubles(claimKopecks(...claim)),
    court: (...claim) => byPrice("court", claimKopecks(...claim)),
    fee: (...claim) => byPrice("fee", claimKopecks(...claim)),
  };

  /** The text of one placeholder (data-f, data-t, or computed: data-fn, data-from, data-n); "" when unfilled. A
   *  choice writes its option's data-text (the same in every form of the field: the replies' form is not inside the
   *  answers). */
  function slotText(slot) {
    const { f: field, t: type, fn, from, n } = slot.dataset;
    if (fn) return calc[fn](...from.split(" ").map(usable), n);
    const value = usable(field);
    if (!value) return "";
    if (type === "date") return russianDate(value);
    if (type === "money") return roubles(kopecks(value));
    if (type === "choice") {
      return document.querySelector(`[data-field="${field}"][value="${CSS.escape(value)}"]`)?.dataset.text || "";
    }
    return value;
  }

  /** Rebuild one letter text from its template; collect the blanks of unfilled placeholders in gaps (computed ones
   *  in computed). A condition, data-if="field" (filled in) or "field=option", shows its first child if it holds,
   *  else its second (if any). */
  function renderText(el, gaps, computed) {
    if (!templates.has(el)) templates.set(el, el.cloneNode(true));
    const parts = [];
    const walk = node => {
      for (const child of node.childNodes) {
        if (!child.dataset) { // a text node (the template holds text and spans)
          parts.push(child.data);
        } else if (child.dataset.if) {
          const [field, option] = child.dataset.if.split("=");
          const value = usable(field);
          const branch = child.children[(option ? value === option : value) ? 0 : 1];
          if (branch) walk(branch);
        } else { // a placeholder
          const text = slotText(child);
          if (text) {
            parts.push(text);
          } else {
            const mark = document.createElement("mark");
            mark.textContent = child.textContent;
            // A computed value (data-fn) is blank until its inputs are filled: those are what the reader is told to
            // fill; it is named only when nothing else is missing (an input the engine refuses).
            (child.dataset.fn ? computed : gaps).add(child.textContent);
            parts.push(mark);
          }
        }
      }
    };
    walk(templates.get(el));
    el.replaceChildren(...parts);
    el.dataset.copy = el.textContent.trimEnd(); // for the download (and tests): exactly the visible text
  }

  /** Re-render every letter (and the calculator) on the page: a few milliseconds with fields at their maxlength. */
  function renderLetters() {
    if (!window.ozFields) return; // its "oz-fields" event comes once it is there
    for (const root of document.querySelectorAll("[data-letter]")) {
      const gaps = new Set();
      const computed = new Set();
      for (const el of root.querySelectorAll("[data-letter-text]")) renderText(el, gaps, computed);
      const status = root.querySelector("[data-letter-status]");
      if (!status) continue;
      const missing = gaps.size ? gaps : computed;
      const message = missing.size ? status.dataset.gaps + [...missing].join(", ") : status.dataset.done;
      if (status.textContent !== message) status.textContent = message;
    }
  }

  window.ozLetters = { dayCount, calc };
  // The reader's values changed (fields.js), or a component came later (the deadline engine: components/base/base.js).
  document.addEventListener("oz-fields", renderLetters);
  document.addEventListener("oz-ready", renderLetters);
  // A letter's buttons (the copy button is Material's); bound once, for every letter of every page.
  addEventListener("click", event => {
    const button = event.target.closest("[data-letter-download],[data-letter-print]");
    const root = button?.closest("[data-oz-letters]");
    if (!root) return;
    if (button.dataset.letterDownload) {
      const text = root.querySelector("[data-letter-text]").dataset.copy;
      window.ozStorage.saveFile(button.dataset.letterDownload, text, "text/plain;charset=utf-8");
    } else {
      // Only this letter's text is printed (letters.css), until the print dialog closes.
      root.classList.add("oz-l--print");
      addEventListener("afterprint", () => root.classList.remove("oz-l--print"), { once: true });
      window.print();
    }
  });
  // Each page view: show the parts that need JavaScript, hide the notes saying so, fill the texts.
  window.ozOnPage(() => {
    for (const el of document.querySelectorAll("[data-letters-js],[data-letters-nojs]")) {
      el.hidden = el.hasAttribute("data-letters-nojs");
    }
    renderLetters();
  }); // components/base/base.js
})();
