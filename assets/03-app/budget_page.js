/*
 * Clientside callbacks for /begroting/<id> (see budgetschuiver/budgets/page.py)
 * and the accessible names of the slider handles, which dcc.Slider cannot set itself.
 * All rules come from BudgetRules (budget_rules.js), the browser copy of budget.py.
 */
(function () {
  "use strict";
  // Looked up on use: asset scripts load in name order, the rules after this file.
  var R = {};
  ["snap", "readAmount", "amountMessage", "parseAmount", "planAllocation", "balance", "balanceState", "balanceMessage",
   "consequence", "thresholdText", "taxMessage", "personalImpact", "formatEuro",
   "formatNumber", "encodeShare", "fill"].forEach(function (name) {
    R[name] = function () {
      return window.BudgetRules[name].apply(null, arguments);
    };
  });
  var HISTORY_LIMIT = 100;

  function triggered() {
    var ctx = window.dash_clientside.callback_context;
    return (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) {
      return t.prop_id;
    });
  }

  function parseId(propId) {
    var dot = propId.lastIndexOf(".");
    var raw = propId.slice(0, dot);
    if (raw.charAt(0) !== "{") { return { id: raw, prop: propId.slice(dot + 1) }; }
    return { id: JSON.parse(raw), prop: propId.slice(dot + 1) };
  }

  function same(a, b) {
    return Object.keys(a).every(function (k) { return a[k] === b[k]; });
  }

  function fromSliders(spec, values, fallback) {
    var out = {};
    spec.lines.forEach(function (line, i) {
      var v = R.snap(line, values[i]);
      out[line.id] = line.locked ? line.plan : (v === null ? fallback[line.id] : v);
    });
    return out;
  }

  // A typed amount -> the nearest allowed amount and what to say about it; an
  // unreadable one keeps the amount there was and stays in the field to fix.
  function fromTyped(spec, lineId, texts, current, notes, invalid) {
    var out = Object.assign({}, current);
    spec.lines.forEach(function (line, i) {
      if (line.id !== lineId || line.locked) { return; }
      var text = texts[i] === null || texts[i] === undefined ? "" : String(texts[i]);
      var reading = R.readAmount(line, text);
      notes[i] = R.amountMessage(spec, line, reading, current[line.id]);
      invalid[i] = reading.value === null;
      if (reading.value !== null) { out[line.id] = reading.value; }
    });
    return out;
  }

  // aria-invalid and aria-describedby for the typed amounts (dbc.Input has no
  // aria props): the note under a field describes it.
  function markFields(spec, invalid) {
    spec.lines.forEach(function (line, i) {
      var field = document.querySelector('[data-line="' + line.id + '"] .line-input input');
      if (!field) { return; }
      field.setAttribute("aria-invalid", invalid[i] ? "true" : "false");
      var note = JSON.stringify({ line: line.id, type: "line-input-note" });
      field.setAttribute("aria-describedby", note);
    });
  }

  function controller(sliderValues, inputValues, _reset, _undo, spec, history) {
    var past = (history && history.past ? history.past : []).slice();
    var current = history && history.current ? history.current : R.planAllocation(spec);
    var next = current;
    var undoing = false;
    var notes = spec.lines.map(function () { return ""; });
    var invalid = spec.lines.map(function () { return false; });
    triggered().forEach(function (propId) {
      var t = parseId(propId);
      if (t.id === "reset-budget") {
        next = R.planAllocation(spec);
      } else if (t.id === "undo-change") {
        if (past.length) { next = past.pop(); undoing = true; }
      } else if (t.id && t.id.type === "line-slider") {
        next = fromSliders(spec, sliderValues, current);
      } else if (t.id && t.id.type === "line-input") {
        next = fromTyped(spec, t.id.line, inputValues, current, notes, invalid);
      }
    });
    if (!undoing && !same(next, current)) {
      past.push(current);
      if (past.length > HISTORY_LIMIT) { past.shift(); }
    }
    var values = spec.lines.map(function (line) { return next[line.id]; });
    var shown = spec.lines.map(function (line, i) {
      return invalid[i] ? inputValues[i] : R.formatNumber(next[line.id], spec.lang);
    });
    markFields(spec, invalid);
    return [values, shown, next, { past: past, current: next }, past.length === 0,
      invalid, notes];
  }

  function feedback(allocation, dragValues, woz, spec) {
    lastSpec = spec;
    var live = Object.assign({}, allocation);
    // While dragging, the dragged slider's position counts before it is let go.
    triggered().forEach(function (propId) {
      var t = parseId(propId);
      if (t.id && t.id.type === "line-slider" && t.prop === "drag_value") {
        spec.lines.forEach(function (line, i) {
          if (line.id === t.id.line && dragValues[i] !== null && dragValues[i] !== undefined) {
            live[line.id] = R.snap(line, dragValues[i]);
          }
        });
      }
    });
    var bal = R.balance(spec, live);
    var st = R.balanceState(spec, bal);
    var consequences = spec.lines.map(function (line) {
      return R.consequence(spec, line, live[line.id]);
    });
    var levels = spec.lines.map(function (line) {
      return R.thresholdText(line, live[line.id]);
    });
    // The WOZ value is typed like an amount; one that cannot be read says so.
    var wozValue = R.parseAmount(woz === null || woz === undefined ? "" : String(woz));
    var tax = "";
    if (spec.tax) {
      tax = wozValue === null
        ? spec.ui.woz_unreadable
        : R.taxMessage(spec, R.personalImpact(spec, live, wozValue));
    }
    var canSend = spec.open && st.ok;
    var hint = canSend ? spec.ui.submit_ready : spec.ui.submit_blocked;
    return [
      R.balanceMessage(spec, st),
      "balance-status tone-" + st.tone,
      consequences,
      levels,
      tax,
      !canSend,
      hint
    ];
  }

  // Bar widths on one scale, the largest amount shown; as _bar_widths in begroting.py.
  function chart(allocation, spec) {
    var scale = Math.max.apply(null, spec.lines.map(function (l) {
      return Math.max(l.plan, allocation[l.id]);
    }));
    var width = function (v) {
      return { width: (scale > 0 ? Math.round(1000 * v / scale) / 10 : 0) + "%" };
    };
    var fmt = function (v) { return R.formatEuro(v, spec.lang); };
    var plans = spec.lines.map(function (l) { return width(l.plan); });
    var yours = spec.lines.map(function (l) { return width(allocation[l.id]); });
    var cells = spec.lines.map(function (l) { return fmt(allocation[l.id]); });
    var code = R.encodeShare(spec, allocation);
    var query = [];
    if (code) { query.push("b=" + code); }
    if (spec.lang !== "nl") { query.push("lang=" + spec.lang); }
    var link = window.location.origin + window.location.pathname +
      (query.length ? "?" + query.join("&") : "");
    return [plans, yours, cells, cells.slice(), link];
  }

  function copyLink(_n, link, spec) {
    var done = function () { return spec.ui.share_copied; };
    var field = document.getElementById("share-link");
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(link).then(done, function () {
        if (field) { field.select(); }
        return spec.ui.share_manual;
      });
    }
    if (field) {
      field.select();
      try {
        if (document.execCommand("copy")) { return done(); }
      } catch (e) { /* fall through to the manual hint */ }
    }
    return spec.ui.share_manual;
  }

  function commentCount(value, spec) {
    // Characters as the server counts them (code points), not UTF-16 units.
    var count = Array.from(value || "").length;
    return R.fill(spec.ui.comment_count, {
      count: R.formatNumber(count, spec.lang),
      max: R.formatNumber(spec.ui.comment_max, spec.lang)
    });
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.budget = {
    controller: controller,
    feedback: feedback,
    chart: chart,
    copyLink: copyLink,
    commentCount: commentCount
  };

  // dcc.Slider renders its handle without a name; give each one the line's heading
  // as its name, the consequence text as its description and the amount in euros.
  function nameSliders() {
    var lang = document.documentElement.lang || "nl";
    document.querySelectorAll("[data-line]").forEach(function (box) {
      var line = box.getAttribute("data-line");
      var handle = box.querySelector("[role=slider]");
      if (!handle) { return; }
      if (!handle.hasAttribute("aria-labelledby")) {
        handle.setAttribute("aria-labelledby", "line-label-" + line);
        handle.setAttribute("aria-describedby", "line-desc-" + line);
      }
      // A locked line's (or closed trajectory's) handle cannot move: say so.
      var off = handle.hasAttribute("data-disabled");
      if (off && handle.getAttribute("aria-disabled") !== "true") {
        handle.setAttribute("aria-disabled", "true");
      } else if (!off && handle.hasAttribute("aria-disabled")) {
        handle.removeAttribute("aria-disabled");
      }
      var text = R.formatEuro(Number(handle.getAttribute("aria-valuenow")), lang);
      if (handle.getAttribute("aria-valuetext") !== text) {
        handle.setAttribute("aria-valuetext", text);
      }
    });
  }
  // The balance text follows a slider within the same frame: straight from the
  // handles' positions, before Dash's callbacks (which set the same text, and the
  // rest of the feedback, a little later). Same rules, same messages.
  var lastSpec = null;
  function instantBalance() {
    var status = document.getElementById("balance-status");
    if (!lastSpec || !status) { return; }
    var live = {};
    var complete = lastSpec.lines.every(function (line) {
      var handle = document.querySelector('[data-line="' + line.id + '"] [role=slider]');
      live[line.id] = handle ? Number(handle.getAttribute("aria-valuenow")) : NaN;
      return isFinite(live[line.id]);
    });
    var text = status.firstChild;
    if (!complete || !text || text.nodeType !== 3 || status.childNodes.length !== 1) {
      return;
    }
    var st = R.balanceState(lastSpec, R.balance(lastSpec, live));
    var message = R.balanceMessage(lastSpec, st);
    if (text.nodeValue !== message) {
      text.nodeValue = message;
      status.className = "balance-status tone-" + st.tone;
    }
  }

  var pending = false;
  function schedule(mutations) {
    if (mutations.some(function (m) { return m.attributeName === "aria-valuenow"; })) {
      instantBalance();
    }
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; nameSliders(); });
  }
  new MutationObserver(schedule).observe(document.body, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ["aria-valuenow", "data-disabled"]
  });
})();

/*
 * Touch on a slider's track: a vertical swipe scrolls the page, only a horizontal
 * drag (or dragging the handle) changes the amount. dcc.Slider (Radix) takes every
 * touch on its track and jumps to the finger at once, so the touch is held back
 * here until its direction is known, then handed over or left to the browser's
 * scrolling (app.css lets the track pan vertically).
 */
(function () {
  "use strict";
  var SLOP = 8; // px a finger moves before its direction counts
  var held = null;

  function onTrack(target) {
    var root = target.closest && target.closest(".line-slider .dash-slider-root");
    return root && !target.closest("[role=slider]") ? root : null;
  }

  function replay(type, from, point) {
    from.target.dispatchEvent(new PointerEvent(type, {
      bubbles: true, cancelable: true, composed: true, pointerId: from.pointerId,
      pointerType: from.pointerType, isPrimary: true, button: 0,
      buttons: type === "pointerup" ? 0 : 1, clientX: point.clientX, clientY: point.clientY
    }));
  }

  window.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "mouse" || !event.isTrusted || !onTrack(event.target)) {
      return;
    }
    event.stopPropagation();
    held = { target: event.target, pointerId: event.pointerId, mode: "pending",
      pointerType: event.pointerType, x: event.clientX, y: event.clientY };
  }, true);

  // Touch pointers are captured by their target implicitly, so the slider would
  // follow every move of a scrolling finger: until it is handed over, no move,
  // up or cancel of this finger reaches the slider.
  window.addEventListener("pointermove", function (event) {
    if (!held || event.pointerId !== held.pointerId || held.mode === "slide") { return; }
    if (held.mode === "pending") {
      var dx = Math.abs(event.clientX - held.x);
      var dy = Math.abs(event.clientY - held.y);
      if (dx >= SLOP && dx > dy) {
        // Sideways: the slider takes over from where the finger started.
        held.mode = "slide";
        replay("pointerdown", held, { clientX: held.x, clientY: held.y });
        return;
      }
      if (dy >= SLOP) { held.mode = "scroll"; }
    }
    event.stopPropagation();
  }, true);

  function release(event) {
    if (!held || event.pointerId !== held.pointerId) { return; }
    var finished = held;
    held = null;
    if (finished.mode === "slide") { return; }
    if (finished.mode === "pending" && event.type === "pointerup") {
      // A tap on the track still puts the amount there.
      replay("pointerdown", finished, event);
      return;
    }
    event.stopPropagation();
  }
  window.addEventListener("pointerup", release, true);
  window.addEventListener("pointercancel", release, true);
})();
