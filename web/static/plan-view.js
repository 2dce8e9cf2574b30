// Zoom, pan and the site view of the plans (templates/_plan.html), and bringing a
// finding's marker into view when its row is picked. Progressive enhancement: without
// this file the plans are plain drawings at the page's width and plan.js still links
// markers and rows. No inline script or style (CSP): transforms are set through CSSOM.
"use strict";

(function () {
  var MIN_SCALE = 1;
  var MAX_SCALE = 8;
  var STEP = 1.5;
  var DRAWINGS = "svg.plan, svg.recognition-preview";  // the findings plans and the recognition preview
  var FIGURES = ".plan-figure, .preview-figure";  // the figures holding them, with their controls

  function PlanView(viewport) {
    this.viewport = viewport;
    this.canvas = viewport.querySelector("[data-plan]");
    this.svg = this.canvas.querySelector(DRAWINGS);
    this.scale = 1;
    this.x = 0;
    this.y = 0;
    this.buildingBox = this.svg.getAttribute("viewBox");
    this.siteBox = this.svg.dataset.siteView || null;
    this.wire();
  }

  PlanView.prototype.apply = function () {
    var width = this.viewport.clientWidth;
    var height = this.viewport.clientHeight;
    // Keep the drawing covering the viewport: no panning past its edges.
    this.x = Math.min(0, Math.max(width - width * this.scale, this.x));
    this.y = Math.min(0, Math.max(height - height * this.scale, this.y));
    this.canvas.style.transform = "translate(" + this.x + "px," + this.y + "px) scale(" + this.scale + ")";
    this.viewport.classList.toggle("zoomed", this.scale > 1);
    var zoom = this.viewport.closest(FIGURES).querySelector("[data-zoom-level]");
    if (zoom) zoom.value = Math.round(this.scale * 100) + "%";
  };

  // Zoom by ``factor`` keeping the point (cx, cy) of the viewport where it is.
  PlanView.prototype.zoom = function (factor, cx, cy) {
    var scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.scale * factor));
    if (cx === undefined) { cx = this.viewport.clientWidth / 2; cy = this.viewport.clientHeight / 2; }
    this.x = cx - (cx - this.x) * (scale / this.scale);
    this.y = cy - (cy - this.y) * (scale / this.scale);
    this.scale = scale;
    this.apply();
  };

  PlanView.prototype.reset = function () {
    this.scale = 1; this.x = 0; this.y = 0;
    this.apply();
  };

  // Bring an element of the drawing (a marker) to the middle of the viewport if it is outside it.
  PlanView.prototype.show = function (element) {
    var port = this.viewport.getBoundingClientRect();
    var box = element.getBoundingClientRect();
    var inside = box.left >= port.left && box.right <= port.right && box.top >= port.top && box.bottom <= port.bottom;
    if (inside) return;
    this.x += port.left + port.width / 2 - (box.left + box.width / 2);
    this.y += port.top + port.height / 2 - (box.top + box.height / 2);
    this.apply();
  };

  PlanView.prototype.showSite = function (on) {
    if (!this.siteBox) return;
    this.svg.setAttribute("viewBox", on ? this.siteBox : this.buildingBox);
    this.canvas.classList.toggle("site-view", on);  // room names are placed for the building's view only
    this.reset();
  };

  PlanView.prototype.wire = function () {
    var view = this;
    var figure = this.viewport.closest(FIGURES);
    figure.querySelectorAll("[data-plan-controls]").forEach(function (controls) { controls.hidden = false; });
    var act = {
      "zoom-in": function () { view.zoom(STEP); },
      "zoom-out": function () { view.zoom(1 / STEP); },
      "zoom-reset": function () { view.reset(); },
    };
    figure.querySelectorAll("[data-plan-action]").forEach(function (button) {
      button.addEventListener("click", function () { act[button.dataset.planAction](); });
    });
    var site = figure.querySelector("[data-site-toggle]");
    if (site) {
      if (!this.siteBox) site.hidden = true;
      site.addEventListener("change", function () { view.showSite(site.checked); });
    }
    // Ctrl + wheel (or a touchpad's pinch, which browsers send as such) zooms at the pointer;
    // a plain wheel scrolls the page as it always does.
    this.viewport.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      var port = view.viewport.getBoundingClientRect();
      view.zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, event.clientX - port.left, event.clientY - port.top);
    }, { passive: false });

    // Drag to pan (mouse, pen, one finger), two fingers to pinch. A press that does not
    // move stays a click, so markers still answer it.
    var pointers = {};
    var last = null;
    var pinch = null;
    var moved = false;
    this.viewport.addEventListener("pointerdown", function (event) {
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      last = { x: event.clientX, y: event.clientY };
      moved = false;
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = Math.hypot(a.x - b.x, a.y - b.y);
      }
    });
    this.viewport.addEventListener("pointermove", function (event) {
      if (!pointers[event.pointerId]) return;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      var ids = Object.keys(pointers);
      if (ids.length === 2 && pinch) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var distance = Math.hypot(a.x - b.x, a.y - b.y);
        var port = view.viewport.getBoundingClientRect();
        view.zoom(distance / pinch, (a.x + b.x) / 2 - port.left, (a.y + b.y) / 2 - port.top);
        pinch = distance;
        moved = true;
        return;
      }
      if (view.scale <= 1 || !last) return;
      var dx = event.clientX - last.x, dy = event.clientY - last.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!moved) view.viewport.setPointerCapture(event.pointerId);
      moved = true;
      view.x += dx; view.y += dy;
      last = { x: event.clientX, y: event.clientY };
      view.apply();
    });
    function release(event) {
      delete pointers[event.pointerId];
      if (Object.keys(pointers).length < 2) pinch = null;
      if (!Object.keys(pointers).length) last = null;
    }
    this.viewport.addEventListener("pointerup", release);
    this.viewport.addEventListener("pointercancel", release);
    // A drag that panned is not a click on the marker it ended on.
    this.viewport.addEventListener("click", function (event) {
      if (moved) { event.stopPropagation(); event.preventDefault(); moved = false; }
    }, true);
    this.viewport.addEventListener("keydown", function (event) {
      if (event.target !== view.viewport) return;
      var keys = { "+": function () { view.zoom(STEP); }, "=": function () { view.zoom(STEP); }, "-": function () { view.zoom(1 / STEP); }, "0": function () { view.reset(); } };
      if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
    });
    window.addEventListener("resize", function () { view.apply(); });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var views = [];
    document.querySelectorAll("[data-plan-viewport], [data-preview-viewport]").forEach(function (viewport) {
      if (viewport.querySelector(DRAWINGS)) views.push(new PlanView(viewport));
    });
    // A picked row brings its marker into view on a zoomed plan (plan.js highlights it).
    document.querySelectorAll("[data-plan-and-findings] tr[data-marker]").forEach(function (row) {
      function bring(event) {
        if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
        views.forEach(function (view) {
          var marker = view.svg.querySelector('.marker[data-finding="' + row.dataset.marker + '"]');
          if (marker && view.scale > 1) view.show(marker);
        });
      }
      row.addEventListener("click", bring);
      row.addEventListener("keydown", bring);
    });
  });
})();
