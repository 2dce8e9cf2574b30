// The layer roles form: a row whose role was changed is marked, and the count of changed
// roles is said beside the button. Without JavaScript the form works the same.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("[data-layer-roles]")) {
    const count = form.querySelector("[data-changed-count]");
    const update = () => {
      let changed = 0;
      for (const select of form.querySelectorAll("select[data-recognised-role]")) {
        const isChanged = select.value !== select.dataset.recognisedRole;
        select.closest("tr").classList.toggle("changed", isChanged);
        if (isChanged) changed += 1;
      }
      if (count) {
        count.hidden = changed === 0;
        count.textContent = count.dataset.template.replace("{count}", String(changed));
      }
    };
    form.addEventListener("change", update);
    update();
  }
});

// The preview and the rows about its openings (the openings table, the schedule table):
// hovering or focusing a row highlights its opening on the preview; clicking an opening
// on the preview highlights its row and scrolls to it.
document.addEventListener("DOMContentLoaded", () => {
  const preview = document.querySelector("[data-preview] svg");
  if (!preview) return;
  const rows = Array.from(document.querySelectorAll("tr[data-handle][data-storey]"));
  const key = (element) => `${element.dataset.storey}\u0000${element.dataset.handle}`;
  const paths = new Map();
  for (const path of preview.querySelectorAll("path[data-handle]")) {
    if (path.classList.contains("door") || path.classList.contains("window")) paths.set(key(path), path);
  }
  const clear = () => {
    for (const marked of document.querySelectorAll(".highlighted[data-handle]")) marked.classList.remove("highlighted");
  };
  for (const row of rows) {
    const path = paths.get(key(row));
    if (!path) continue;
    row.classList.add("linked");
    const show = () => { clear(); path.classList.add("highlighted"); row.classList.add("highlighted"); };
    row.addEventListener("mouseenter", show);
    row.addEventListener("focusin", show);
  }
  preview.addEventListener("click", (event) => {
    const path = event.target.closest("path[data-handle]");
    if (!path) return;
    const row = rows.find((candidate) => key(candidate) === key(path) && candidate.offsetParent !== null)
      || rows.find((candidate) => key(candidate) === key(path));
    if (!row) return;
    const details = row.closest("details");
    if (details) details.open = true;
    clear();
    path.classList.add("highlighted");
    row.classList.add("highlighted");
    row.scrollIntoView({ block: "center" });
  });
});
