/**
 * The ticked checklist items, listed: «Мой прогресс» (components/checklist/progress.html) and the printable case file
 * of «Моё дело» (components/case/case.html). Contract: README.md here.
 * Each [data-checklist-entry="<item id>"] shows whether the active case has ticked that item, and when.
 */
(() => {
  if (window.ozTicks) return;

  const storage = window.ozStorage;

  /** Mark every entry on the page from the stored ticks of the active case (class is-done, the date in <time>). */
  function render() {
    const ticked = storage.read(storage.CHECKLISTS, storage.CHECKLISTS_SPEC)?.items || {};
    for (const entry of document.querySelectorAll("[data-checklist-entry]")) {
      const item = ticked[storage.inCase(entry.dataset.checklistEntry)];
      const at = item?.checked ? item.at : null;
      const time = entry.querySelector("time");
      entry.classList.toggle("is-done", !!item?.checked);
      time.parentNode.hidden = !item?.checked;
      time.textContent = at ? new Date(at).toLocaleString(document.documentElement.lang,
        { dateStyle: "short", timeStyle: "short" }) : ""; // "20.11.2026, 14:05" in Russian
      time.dateTime = at || "";
    }
  }

  window.ozTicks = render;
  storage.subscribe(storage.CHECKLISTS, storage.CHECKLISTS_SPEC, render);
  window.ozOnPage(render); // components/base/base.js
})();
