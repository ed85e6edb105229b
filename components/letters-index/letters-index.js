/**
 * Old links to a letter on the former single letters page (pisma/#<anchor>) open the letter's own page. The index
 * (letters_index.md, [data-oz-letters-index]) keeps each old anchor as the id of that letter's heading, whose first link
 * goes to the letter's page: without JavaScript an old link lands on the heading; with it, this follows the link.
 */
(() => {
  if (window.ozLetterIndex) return;
  window.ozLetterIndex = true;
  // A fresh page load runs this script before the document is complete; instant navigation adds it to a loaded one
  // (and may call it for the page it leaves first, so "the first call" cannot tell the two apart).
  let firstView = document.readyState !== "complete";

  /** On the index, with a letter's old anchor in the address: go on to that letter's page. */
  function followOldAnchor() {
    const fresh = firstView;
    firstView = false;
    const heading = location.hash.length > 1 && document.getElementById(location.hash.slice(1));
    const link = heading && heading.closest("[data-oz-letters-index]") && heading.querySelector("a[href]");
    if (!link) return;
    // A fresh page load has nothing typed to keep: replace it, so Back leaves the guide as the reader expects.
    if (fresh) return location.replace(link.href);
    // Reached by instant navigation: what the reader typed lives in memory, so navigate instantly too (Material
    // handles the click). Without the hash first, so that Back shows the index instead of coming here again.
    history.replaceState(history.state, "", location.pathname + location.search);
    setTimeout(() => link.click());
  }

  window.ozOnPage(followOldAnchor); // components/base/base.js
})();
