// Material's search dialog has no accessible name (axe: aria-dialog-name): name it after the
// search field's label, which Material translates into the page's language.
document.querySelectorAll(".md-search[role=dialog]").forEach((dialog) => {
  const field = dialog.querySelector(".md-search__input");
  if (field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
  }
});
