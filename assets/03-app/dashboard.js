/* Clientside callbacks for the dashboard (dashboards/pages). */
(function () {
  "use strict";

  function print() {
    window.print();
    return window.dash_clientside.no_update;
  }

  var SLIDE_COUNT = 7;  // dashboards/budgets/presentation.py SLIDES

  // previous / next -> the step number, wrapping around. Counted from the two
  // buttons' click counts, which are current at every call: the stored step can
  // lag behind a clicker's quick second press, and a step would be lost.
  function step(prev, next, _current) {
    var index = (Number(next) || 0) - (Number(prev) || 0);
    return ((index % SLIDE_COUNT) + SLIDE_COUNT) % SLIDE_COUNT;
  }

  function fullscreen() {
    var target = document.querySelector(".db-presentation");
    if (target && target.requestFullscreen) { target.requestFullscreen(); }
    return window.dash_clientside.no_update;
  }

  // Arrow keys (and a presenter's clicker, which sends PageUp/PageDown) step the
  // slides, unless the focus is in a form field.
  document.addEventListener("keydown", function (event) {
    if (!document.querySelector(".db-presentation")) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var forward = ["ArrowRight", "PageDown", " "].indexOf(event.key) >= 0;
    var back = ["ArrowLeft", "PageUp"].indexOf(event.key) >= 0;
    if (!forward && !back) { return; }
    if (event.key === " " && tag === "BUTTON") { return; }
    var button = document.getElementById(forward ? "db-present-next" : "db-present-prev");
    if (button) { event.preventDefault(); button.click(); }
  });

  // The typed date fields (dashboards/pages/common.py): dbc.Input takes no aria
  // props, so the format hint and the field's error message are linked here, and
  // the server's verdict (the is-invalid class) is told to screen readers too.
  var DATE_FIELDS = ["db-since", "db-until"];
  function describeDates() {
    DATE_FIELDS.forEach(function (id) {
      var field = document.getElementById(id);
      if (!field) { return; }
      var described = "db-date-format " + id + "-error";
      if (field.getAttribute("aria-describedby") !== described) {
        field.setAttribute("aria-describedby", described);
      }
      var invalid = field.classList.contains("is-invalid") ? "true" : "false";
      if (field.getAttribute("aria-invalid") !== invalid) {
        field.setAttribute("aria-invalid", invalid);
      }
    });
  }
  new MutationObserver(describeDates).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class"]
  });

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.dashboard = Object.assign(window.dash_clientside.dashboard || {}, {
    print: print,
    step: step,
    fullscreen: fullscreen
  });
})();
