// The plan view and the architects' forms (templates/_plan.html, templates/architect/*).
// No inline scripts or styles (CSP): everything is attached here, from data- attributes.
// Every page works without this file; it adds placement, highlighting, in-place
// filtering, progress polling and the "add a storey" button.
"use strict";

(function () {
  document.documentElement.classList.add("js");

  // ---------------------------------------------------------------- room labels over the plan
  function placeLabels(root) {
    root.querySelectorAll("[data-plan]").forEach(function (canvas) {
      canvas.querySelectorAll(".plan-label[data-x][data-y]").forEach(function (label) {
        // CSSOM properties, not a style attribute: allowed by the CSP.
        label.style.left = parseFloat(label.dataset.x) + "%";
        label.style.top = parseFloat(label.dataset.y) + "%";
      });
      canvas.classList.add("labels-placed");
    });
  }

  // ---------------------------------------------------------------- findings ⇄ markers
  function markersOf(root, number) {
    return root.querySelectorAll('svg.plan .marker[data-finding="' + number + '"]');
  }

  function rowOf(root, number) {
    return root.querySelector('tr[data-marker="' + number + '"]');
  }

  function setHighlight(root, number, on) {
    markersOf(root, number).forEach(function (marker) { marker.classList.toggle("highlighted", on); });
    var row = rowOf(root, number);
    if (row) row.classList.toggle("highlighted", on);
  }

  function clearPinned(root) {
    root.querySelectorAll(".highlighted").forEach(function (element) { element.classList.remove("highlighted"); });
  }

  function visible(element) {
    var box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= (window.innerHeight || document.documentElement.clientHeight);
  }

  function wireFindings(root) {
    var pinned = null;
    root.querySelectorAll("tr[data-marker]").forEach(function (row) {
      var number = row.dataset.marker;
      row.addEventListener("mouseenter", function () { setHighlight(root, number, true); });
      row.addEventListener("mouseleave", function () { if (pinned !== number) setHighlight(root, number, false); });
      row.addEventListener("focus", function () { setHighlight(root, number, true); });
      row.addEventListener("blur", function () { if (pinned !== number) setHighlight(root, number, false); });
      function insideControl(event) {
        // A click or key inside an action form of the row (a reviewer's buttons) is not a pin.
        return event.target !== row && event.target.closest("a, button, input, select, textarea, label, form");
      }
      function pin(event) {
        if (insideControl(event)) return;
        clearPinned(root);
        pinned = number;
        setHighlight(root, number, true);
        var marker = markersOf(root, number)[0];
        if (marker && !visible(marker)) marker.scrollIntoView({ block: "center", behavior: "smooth" });
      }
      row.addEventListener("click", pin);
      row.addEventListener("keydown", function (event) {
        if ((event.key === "Enter" || event.key === " ") && !insideControl(event)) { event.preventDefault(); pin(event); }
      });
    });

    root.querySelectorAll("svg.plan .marker[data-finding]").forEach(function (marker) {
      var number = marker.dataset.finding;
      marker.setAttribute("tabindex", "0");
      marker.setAttribute("role", "button");
      function pick() {
        var row = rowOf(root, number);
        if (row && row.hidden) resetFilters(root);  // the row must be seen to be found
        clearPinned(root);
        pinned = number;
        setHighlight(root, number, true);
        if (row) {
          row.scrollIntoView({ block: "center", behavior: "smooth" });
          row.focus({ preventScroll: true });
        }
      }
      marker.addEventListener("click", pick);
      marker.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(); } });
      marker.addEventListener("mouseenter", function () { var row = rowOf(root, number); if (row) row.classList.add("highlighted"); });
      marker.addEventListener("mouseleave", function () { if (pinned !== number) { var row = rowOf(root, number); if (row) row.classList.remove("highlighted"); } });
    });
  }

  // ---------------------------------------------------------------- filters (same test as results_view.matches)
  var BLOCKING = ["fail", "not_assessable", "error"];

  function matches(status, rule, statusFilter, ruleFilter) {
    if (ruleFilter && rule !== ruleFilter) return false;
    if (statusFilter === "all") return true;
    if (statusFilter) return status === statusFilter;
    return BLOCKING.indexOf(status) >= 0;
  }

  function applyFilters(root, updateUrl) {
    var form = root.querySelector("[data-findings-filter]");
    if (!form) return;
    var statusFilter = form.elements.status.value;
    var ruleFilter = form.elements.rule.value;
    var rows = root.querySelectorAll("table[data-findings] tbody tr");
    var shown = 0;
    rows.forEach(function (row) {
      var on = matches(row.dataset.status, row.dataset.rule, statusFilter, ruleFilter);
      row.hidden = !on;
      if (on) shown += 1;
      if (row.dataset.marker) {
        markersOf(root, row.dataset.marker).forEach(function (marker) { marker.classList.toggle("filtered-out", !on); });
      }
    });
    var count = root.querySelector("[data-findings-count]");
    if (count && count.dataset.template) {
      count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", rows.length);
    }
    var none = root.querySelector("[data-no-findings]");
    if (none) none.hidden = shown > 0;
    if (updateUrl && window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      [["status", statusFilter], ["rule", ruleFilter]].forEach(function (pair) {
        if (pair[1]) url.searchParams.set(pair[0], pair[1]); else url.searchParams.delete(pair[0]);
      });
      window.history.replaceState(null, "", url.toString());
    }
  }

  function resetFilters(root) {
    var form = root.querySelector("[data-findings-filter]");
    if (!form) return;
    form.elements.status.value = "";
    form.elements.rule.value = "";
    applyFilters(root, true);
  }

  function wireFilters(root) {
    var form = root.querySelector("[data-findings-filter]");
    if (!form) return;
    form.addEventListener("change", function () { applyFilters(root, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); applyFilters(root, true); });
    applyFilters(root, false);
  }

  // ---------------------------------------------------------------- the version diff's marker links
  // Without JavaScript a link goes to the finding's row; with it, the row is picked, which
  // highlights its marker and brings it into view on the plan (plan-view.js zooms to it).
  function wireChangeMarkers(root) {
    document.querySelectorAll("a[data-show-marker]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var row = rowOf(root, link.dataset.showMarker);
        if (!row) return;
        event.preventDefault();
        if (row.hidden) resetFilters(root);
        row.click();
        var marker = markersOf(root, link.dataset.showMarker)[0];
        if (marker) marker.scrollIntoView({ block: "center", behavior: "smooth" });
      });
    });
  }

  // ---------------------------------------------------------------- a running check
  function wireProgress(section) {
    var url = section.dataset.checkStatus;
    var bar = section.querySelector("[data-progress]");
    var label = section.querySelector("[data-progress-label]");
    var queue = section.querySelector("[data-queue-position]");
    var preflightShown = false;
    function showPreflight(preflight) {
      var list = document.querySelector("[data-preflight]");
      var ready = document.querySelector("[data-preflight-ready]");
      if (!preflight || !list || preflightShown) return;
      preflightShown = true;
      list.textContent = "";
      preflight.points.forEach(function (point) {
        var item = document.createElement("li");
        item.textContent = point;  // text, never markup: the points quote layer names from the files
        list.appendChild(item);
      });
      if (ready) {
        ready.textContent = preflight.ready ? ready.dataset.readyText : ready.dataset.missingText;
        ready.classList.remove("muted");
      }
    }
    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (status) {
          if (bar) { bar.value = status.percent; bar.textContent = status.percent + "%"; }
          if (label && status.label) label.textContent = status.label;
          if (queue) { queue.textContent = status.queue_position || ""; queue.hidden = !status.queue_position; }
          showPreflight(status.preflight);
          if (status.done) window.location.reload();
          else window.setTimeout(poll, 1500);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
  }

  // ---------------------------------------------------------------- the upload form
  function wireUpload(form) {
    var table = form.querySelector("[data-storeys] tbody");
    var add = form.querySelector("[data-add-storey]");
    var error = document.querySelector("[data-upload-error]");
    var maxRows = parseInt(form.querySelector("[data-storeys]").dataset.maxRows, 10) || 60;
    if (add && table) {
      add.hidden = false;
      add.addEventListener("click", function () {
        var rows = table.querySelectorAll("[data-storey-row]");
        if (rows.length >= maxRows) return;
        var next = 0;
        table.querySelectorAll("input[name]").forEach(function (input) {
          var match = /^storey-(\d+)-/.exec(input.name);
          if (match) next = Math.max(next, parseInt(match[1], 10) + 1);
        });
        var row = rows[rows.length - 1].cloneNode(true);
        row.querySelectorAll("input").forEach(function (input) {
          input.name = input.name.replace(/^storey-\d+-/, "storey-" + next + "-");
          input.value = "";
        });
        row.querySelectorAll(".muted").forEach(function (note) { note.remove(); });
        row.querySelectorAll("br").forEach(function (br) { br.remove(); });
        table.appendChild(row);
        row.querySelector("input").focus();
      });
    }
    // Refuse a too large upload before sending it: a browser may show a broken
    // connection instead of the server's answer when a large body is cut off.
    form.addEventListener("submit", function (event) {
      var limit = parseInt(form.dataset.maxBytes, 10);
      var total = 0;
      form.querySelectorAll('input[type="file"]').forEach(function (input) {
        Array.prototype.forEach.call(input.files || [], function (file) { total += file.size; });
      });
      if (limit && total > limit && error) {
        event.preventDefault();
        error.textContent = form.dataset.tooLarge;
        error.hidden = false;
        error.scrollIntoView({ block: "center" });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    placeLabels(document);
    document.querySelectorAll("[data-plan-and-findings]").forEach(function (root) {
      wireFindings(root);
      wireFilters(root);
      wireChangeMarkers(root);
    });
    document.querySelectorAll("[data-check-status]").forEach(wireProgress);
    document.querySelectorAll("[data-upload-form]").forEach(wireUpload);
  });
})();
