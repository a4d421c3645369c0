/* Clientside callbacks for the page frame (budgetschuiver/kernel/shell.py). */
(function () {
  "use strict";

  // Switching language reloads the same page with ?lang=, keeping other parameters.
  function languageLink(pathname, search) {
    var params = new URLSearchParams(search || "");
    var current = document.documentElement.lang === "en" ? "en" : "nl";
    params.set("lang", current === "en" ? "nl" : "en");
    return (pathname || "/") + "?" + params.toString();
  }

  // dbc.Select renders its placeholder as a hidden, disabled option with value "".
  // In our selects that option means "not given": make it a normal choice, so arrow
  // keys, letters and Home/End move through every option (budgetschuiver/pages/
  // common.py: demographic_select). React never rewrites these attributes: the
  // option's props do not change.
  function choosableEmpty(root) {
    root.querySelectorAll("select.empty-choosable option[value=''][hidden]")
      .forEach(function (option) {
        option.hidden = false;
        option.disabled = false;
      });
  }
  new MutationObserver(function () { choosableEmpty(document); })
    .observe(document.documentElement, { subtree: true, childList: true });
  choosableEmpty(document);

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.shell = { languageLink: languageLink };
})();

/* The optional 'about you' answers, remembered in this browser only
   (budgetschuiver/kernel/pages/profile.py). */
(function () {
  "use strict";
  function profile(district, ageBand, _clear, stored, ready) {
    var no = window.dash_clientside.no_update;
    var ctx = window.dash_clientside.callback_context;
    var fired = (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) {
      return t.prop_id;
    });
    var saved = stored || {};
    if (!ready) {
      // The form just appeared: fill it from what this browser remembers.
      return [saved.district || "", saved.age_band || "", no, true];
    }
    if (fired.indexOf("profile-clear.n_clicks") >= 0) {
      return ["", "", null, true];
    }
    var next = { district: district || "", age_band: ageBand || "" };
    return [no, no, next.district || next.age_band ? next : null, true];
  }
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.shell = Object.assign(window.dash_clientside.shell || {}, {
    profile: profile
  });
})();
