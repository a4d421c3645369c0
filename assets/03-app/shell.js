/* Clientside callbacks for the page frame (budgetschuiver/shell.py). */
(function () {
  "use strict";

  // Switching language reloads the same page with ?lang=, keeping other parameters.
  function languageLink(pathname, search) {
    var params = new URLSearchParams(search || "");
    var current = document.documentElement.lang === "en" ? "en" : "nl";
    params.set("lang", current === "en" ? "nl" : "en");
    return (pathname || "/") + "?" + params.toString();
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.shell = { languageLink: languageLink };
})();
