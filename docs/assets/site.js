// Material's search dialog has no accessible name (axe: aria-dialog-name): name it after the
// search field's label, which Material translates into the page's language.
document.querySelectorAll(".md-search[role=dialog]").forEach((dialog) => {
  const field = dialog.querySelector(".md-search__input");
  if (field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
  }
});

// Material names each code block's copy target after the block's closest element with an id. In a
// notebook that is the cell, whose id (`cell-id=…`) is no valid selector and is shared by the cell's
// input and output: give each notebook block an id of its own. (This script runs before Material
// sets up the blocks, on DOMContentLoaded.)
document.querySelectorAll(".jp-Cell pre").forEach((pre, index) => {
  pre.id = `notebook-block-${index + 1}`;
});

// Material fetches <href>/sitemap.xml for every <link rel="alternate"> once the page is ready, to map
// pages between languages (the same code upstream: zensical/zensical#908). Our hreflang links name
// the page itself in each language, where no sitemap is, and the language switcher already links
// to the same page: keep them out of that lookup, then put them back.
const hreflangLinks = [...document.querySelectorAll("link[rel=alternate][hreflang]")];
hreflangLinks.forEach((link) => link.setAttribute("rel", "alternate-pending"));
document.addEventListener("DOMContentLoaded", () => {
  hreflangLinks.forEach((link) => link.setAttribute("rel", "alternate"));
});

// The language switcher goes to the same section of the page in the other language (both languages
// share every heading's anchor).
document.querySelectorAll(".md-select__link[hreflang]").forEach((link) => {
  const keepSection = () => { link.hash = window.location.hash; };
  link.addEventListener("pointerdown", keepSection);
  link.addEventListener("focus", keepSection);
  link.addEventListener("click", keepSection);
});

// Printed links show their address (site.css, @media print).
document.querySelectorAll(".md-content a[href]:not(.headerlink):not([href^='#'])").forEach((link) => {
  link.dataset.printHref = link.href;
});

// The one 404 page (overrides/404.html) reads in English first under /en/.
const notFound = document.querySelector("[data-not-found]");
if (notFound && /\/en(\/|$)/.test(window.location.pathname)) {
  const english = notFound.querySelector("section[lang=en]");
  notFound.prepend(english);
  document.documentElement.lang = "en";
  document.title = `${english.querySelector("h1").textContent} - CPython memory management`;
}
