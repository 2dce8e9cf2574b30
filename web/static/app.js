// security-annex web app: behaviour attached from here only (the CSP allows no inline script).
"use strict";

// Copy buttons (the new API token): a button[data-copy] copies the text of the element
// its selector names. Without JavaScript, or without a clipboard, the text stays selectable.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.querySelector(button.dataset.copy);
    var status = button.parentElement.querySelector("[data-copy-status]");
    if (!source) return;
    button.hidden = false;
    function say(text) { if (status) status.textContent = text; }
    function selectSource() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      selectSource();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(
          function () { say(button.dataset.copied); },
          function () { say(document.execCommand("copy") ? button.dataset.copied : button.dataset.copyFailed); }
        );
      } else {
        say(document.execCommand("copy") ? button.dataset.copied : button.dataset.copyFailed);
      }
    });
  });
});
