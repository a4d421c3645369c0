/*
 * Clientside callbacks for polls and moodboards (budgetschuiver/polls/page.py and
 * moodboard.py): counting choices against the maximum, the favourite toggles, the
 * large view and the share text. The server checks every vote again.
 */
(function () {
  "use strict";

  function fill(text, params) {
    return window.BudgetRules.fill(text, params);
  }

  function fired() {
    var ctx = window.dash_clientside.callback_context;
    return (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) {
      return t.prop_id;
    });
  }

  function pollStatus(value, rules) {
    var chosen = Array.isArray(value) ? value : (value ? [value] : []);
    if (!chosen.length) { return rules.none; }
    var template = chosen.length > rules.max ? rules.too_many : rules.chosen;
    return fill(template, { count: chosen.length, max: rules.max });
  }

  function triggeredImage(kind) {
    var found = null;
    fired().forEach(function (propId) {
      var raw = propId.slice(0, propId.lastIndexOf("."));
      if (raw.charAt(0) === "{") {
        var id = JSON.parse(raw);
        if (id.type === kind) { found = id.image; }
      }
    });
    return found;
  }

  // favourite toggles -> selection, pressed states, spoken count, submit allowed
  function moodboardToggle(_clicks, selection, board) {
    var chosen = (selection || []).slice();
    var message = null;
    var image = triggeredImage("image-toggle");
    if (image !== null) {
      var at = chosen.indexOf(image);
      if (at >= 0) {
        chosen.splice(at, 1);
      } else if (chosen.length >= board.max) {
        message = fill(board.full, { max: board.max });
      } else {
        chosen.push(image);
      }
    }
    var pressed = board.images.map(function (img) {
      return chosen.indexOf(img.id) >= 0 ? "true" : "false";
    });
    var labels = board.images.map(function (img) {
      // Keep the picture's title in the button's name for screen readers.
      return [
        chosen.indexOf(img.id) >= 0 ? board.picked : board.pick,
        { type: "Span", namespace: "dash_html_components",
          props: { className: "visually-hidden", children: ": " + img.title } }
      ];
    });
    var classes = board.images.map(function (img) {
      return "btn image-toggle " +
        (chosen.indexOf(img.id) >= 0 ? "btn-primary is-picked" : "btn-outline-primary");
    });
    var status = message || fill(board.status, { count: chosen.length, max: board.max });
    var canSend = board.open && chosen.length >= board.min && chosen.length <= board.max;
    return [chosen, pressed, labels, classes, status, !canSend];
  }

  // "bekijk groot" -> the dialog with the large picture and its description
  function moodboardView(_clicks, _close, board) {
    var image = triggeredImage("image-view");
    if (image === null) {
      return [false, window.dash_clientside.no_update, window.dash_clientside.no_update];
    }
    var img = board.images.filter(function (i) { return i.id === image; })[0];
    var body = [
      { type: "Img", namespace: "dash_html_components",
        props: { src: img.large, alt: img.alt, className: "img-fluid rounded" } },
      { type: "P", namespace: "dash_html_components",
        props: { children: img.description || "", className: "mt-3" } }
    ];
    return [true, img.title, body];
  }

  function copyShare(_n, text, board) {
    var field = document.getElementById("share-text");
    var manual = function () {
      if (field) { field.select(); }
      return board.share_manual;
    };
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () {
        return board.share_copied;
      }, manual);
    }
    if (field) {
      field.select();
      try {
        if (document.execCommand("copy")) { return board.share_copied; }
      } catch (e) { /* fall through to the manual hint */ }
    }
    return manual();
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.votes = {
    pollStatus: pollStatus,
    moodboardToggle: moodboardToggle,
    moodboardView: moodboardView,
    copyShare: copyShare
  };
})();
