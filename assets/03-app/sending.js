/*
 * Submit buttons of the ballot forms (budgetschuiver/kernel/pages/common.py: submit_button):
 * busy from the first click until the answer is on the page, so a double click sends
 * one ballot and the confirmation describes what the resident did. Dash's `running`
 * also disables the button while the request is in flight.
 */
(function () {
  "use strict";

  function label(button, text) {
    var span = button.querySelector(".button-label");
    if (span && span.firstChild) { span.firstChild.nodeValue = text; }
  }

  function setBusy(button, busy) {
    button.setAttribute("aria-busy", busy ? "true" : "false");
    if (busy) {
      button.setAttribute("aria-disabled", "true");
    } else {
      button.removeAttribute("aria-disabled");
    }
  }

  function hasContent(selector) {
    var el = document.querySelector(selector);
    return !!(el && el.textContent.trim());
  }

  // The answer is in when a result region changed after the click, or when Dash's
  // `running` took its disabled state off again (an answer identical to the last).
  function watch(button) {
    var selectors = (button.getAttribute("data-results") || "").split(",");
    var regions = selectors.map(function (s) { return document.querySelector(s); })
      .filter(Boolean);
    var sawDisabled = false;
    var observer = new MutationObserver(function (records) {
      var answered = records.some(function (r) { return r.target !== button; });
      if (button.disabled) { sawDisabled = true; }
      if (!answered) {
        // Dash is done; an answer that changes the page may still follow.
        if (sawDisabled && !button.disabled) {
          setBusy(button, false);
          label(button, button.dataset.idle);
        }
        return;
      }
      observer.disconnect();
      setBusy(button, false);
      var sent = hasContent(selectors[0]);
      label(button, sent ? button.getAttribute("data-sent") : button.dataset.idle);
      var status = button.getAttribute("data-sent-status");
      var target = status && document.querySelector(status);
      if (sent && target && target.firstChild) {
        target.firstChild.nodeValue = button.getAttribute("data-sent-text");
      }
    });
    regions.forEach(function (region) {
      observer.observe(region, { childList: true, subtree: true, characterData: true });
    });
    observer.observe(button, { attributes: true, attributeFilter: ["disabled"] });
  }

  // Capture phase on the window: before Dash (React) sees the click.
  window.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-sending]");
    if (!button) { return; }
    if (button.getAttribute("aria-busy") === "true" || button.disabled) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    var span = button.querySelector(".button-label");
    if (span && !button.dataset.idle) { button.dataset.idle = span.textContent; }
    setBusy(button, true);
    label(button, button.getAttribute("data-sending"));
    watch(button);
  }, true);
})();
