// no inline scripts (CSP): behaviour attached from here
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A submission whose check is still running: look again every few seconds.
  const running = document.querySelector("[data-reload-while-running]");
  if (running) {
    const seconds = Number(running.dataset.reloadWhileRunning) || 10;
    window.setTimeout(() => window.location.reload(), seconds * 1000);
  }

  // Signing off freezes the version: ask once before the annex is written.
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
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
