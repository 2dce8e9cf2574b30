// no inline scripts (CSP): behaviour attached from here
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A submission whose check is still running: look again every few seconds.
  const running = document.querySelector("[data-reload-while-running]");
  if (running) {
    const seconds = Number(running.dataset.reloadWhileRunning) || 10;
    window.setTimeout(() => window.location.reload(), seconds * 1000);
  }

  // Signing off freezes the version: ask once before the annex is written. Approving a
  // version a newer one has replaced asks first why, and ticks the confirmation the server wants.
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      const approving = form.querySelector("input[name=decision][value=approved]:checked");
      const superseded = form.querySelector("input[name=confirm_superseded]");
      if (approving && superseded && !superseded.checked) {
        if (!window.confirm(form.dataset.superseded)) {
          event.preventDefault();
          return;
        }
        superseded.checked = true;
      }
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
        return;
      }
      const button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true; // writing the annex takes a while: no second click
    });
  }

  // A refused decision: bring its form into view with the cursor in the reason.
  const refused = document.querySelector(".decision-form .form-error");
  if (refused) {
    const row = refused.closest("tr");
    if (row) row.hidden = false;
    const field = refused.closest("form").querySelector("textarea");
    refused.scrollIntoView({ block: "center" });
    if (field) field.focus();
  }
});

// ----------------------------------------------------------------- decisions in place
// A decision form posts as it would without JavaScript; the answer (the page the server
// redirects to, or the page with the refusal) is read here and only the decided rows,
// the approval blockers and the alike-findings section are replaced, so the page keeps
// its place and the keyboard its focus. Without JavaScript the form posts and the
// server redirects back to the row's anchor.
(function () {
  "use strict";

  function rowsOf(form) {
    const ids = [];
    for (const box of form.querySelectorAll("input[type=checkbox][data-row]:checked")) ids.push(box.dataset.row);
    const row = form.closest("tr.finding");
    if (row) ids.push(row.id);
    return ids;
  }

  function replaceInside(target, source) {
    if (target && source) target.innerHTML = source.innerHTML;
  }

  function refreshFrom(doc, ids) {
    for (const id of ids) {
      const here = document.getElementById(id);
      const there = doc.getElementById(id);
      if (here && there) replaceInside(here.querySelector("td.actions"), there.querySelector("td.actions"));
    }
    replaceInside(document.querySelector("[data-approval-blockers]"), doc.querySelector("[data-approval-blockers]"));
    const bulk = document.querySelector("[data-bulk-decisions]");
    const bulkThere = doc.querySelector("[data-bulk-decisions]");
    if (bulk && bulkThere) {
      const open = Array.from(bulk.querySelectorAll("details[open]"), (d) => d.id);
      replaceInside(bulk, bulkThere);
      for (const id of open) {
        const details = document.getElementById(id);
        if (details) details.open = true;
      }
    } else if (bulk) {
      bulk.remove();
    }
    const state = document.querySelector("h1 .review-state");
    const stateThere = doc.querySelector("h1 .review-state");
    if (state && stateThere) {
      state.className = stateThere.className;
      state.textContent = stateThere.textContent;
    }
    const audit = document.querySelector("[data-audit]");
    const auditThere = doc.querySelector("[data-audit]");
    if (audit && auditThere) replaceInside(audit, auditThere);
  }

  function say(text) {
    const status = document.querySelector("[data-decision-status]");
    if (status) status.textContent = text;
  }

  async function decide(form, submitter) {
    const body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    const ids = rowsOf(form);
    const focused = document.activeElement && document.activeElement.closest("tr.finding");
    for (const button of form.querySelectorAll("button")) button.disabled = true;
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
    } catch (error) {
      for (const button of form.querySelectorAll("button")) button.disabled = false;
      form.submit(); // the network failed: let the browser post it the ordinary way
      return;
    }
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const refusal = doc.querySelector(".decision-form .form-error");
    refreshFrom(doc, ids);
    if (refusal) {
      say(refusal.textContent.trim());
      const field = document.querySelector(".decision-form .form-error");
      const details = field && field.closest("details");
      if (details) details.open = true;
      const textarea = field && field.closest("form").querySelector("textarea");
      if (textarea) textarea.focus({ preventScroll: true });
      return;
    }
    const flash = doc.querySelector(".flash.success");
    say(flash ? flash.textContent.trim() : "");
    const row = ids.length ? document.getElementById(ids[0]) : null;
    if (focused && document.body.contains(focused)) focused.focus({ preventScroll: true });
    else if (row && form.closest("tr.finding")) row.focus({ preventScroll: true });
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("form[data-in-place]")) return;
    if (!window.fetch || !window.DOMParser) return;
    event.preventDefault();
    decide(form, event.submitter);
  });

  // ----------------------------------------------------------------- the keyboard path
  // j / k: the next / previous finding row that is shown; Enter on a row opens its
  // decision and puts the cursor in the reason; Escape in a form goes back to its row.
  function findingRows() {
    return Array.from(document.querySelectorAll("table[data-findings] tr.finding")).filter((row) => !row.hidden);
  }

  function typing(target) {
    return target.closest("input, textarea, select, button, summary, [contenteditable]") !== null;
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!document.querySelector("[data-keyboard-help]")) return;
    for (const row of document.querySelectorAll("table[data-findings] tr.finding")) {
      if (!row.hasAttribute("tabindex")) row.setAttribute("tabindex", "0");
    }
  });

  document.addEventListener("keydown", (event) => {
    if (!document.querySelector("[data-keyboard-help]")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (event.key === "Escape" && target.closest && target.closest("tr.finding form")) {
      const row = target.closest("tr.finding");
      const details = target.closest("details");
      if (details) details.open = false;
      row.focus();
      event.preventDefault();
      return;
    }
    if (target.closest && typing(target)) return;
    if (event.key === "j" || event.key === "k") {
      const rows = findingRows();
      if (!rows.length) return;
      const current = target.closest ? target.closest("tr.finding") : null;
      let index = rows.indexOf(current);
      if (index < 0) index = event.key === "j" ? -1 : rows.length;
      const next = rows[Math.min(rows.length - 1, Math.max(0, index + (event.key === "j" ? 1 : -1)))];
      next.focus();
      next.scrollIntoView({ block: "nearest" });
      event.preventDefault();
    } else if (event.key === "Enter" && target.matches && target.matches("tr.finding")) {
      const details = target.querySelector("td.actions details");
      if (!details) return;
      details.open = true;
      const field = details.querySelector("textarea");
      if (field) field.focus();
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();

