/* Ideas' pictures (budgetschuiver/ideas/pages.py), two things Dash components
   cannot say themselves:
   - dcc.Upload puts an invisible file input in the page that takes no props: it
     would be an unlabelled, invisible tab stop. The visible "Kies een foto"
     button opens the same file chooser, so the input leaves the tab order and
     is named after that button for assistive technology.
   - html.Img has no `loading` prop: pictures come with `data-src`, and get
     loading="lazy" before their source, so a list fetches only what is seen.
   - dcc.Upload drops a file over its max_size without telling any callback:
     the field then says why, in the page's language (the message comes with
     the field, `data-too-large`); the server refuses such a file on its own. */
(function () {
  "use strict";

  function tidy() {
    var inputs = document.querySelectorAll(
      ".idea-picture-upload input[type=file]:not([tabindex])"
    );
    Array.prototype.forEach.call(inputs, function (input) {
      var button = input.parentNode.querySelector("button");
      input.setAttribute("tabindex", "-1");
      input.setAttribute("aria-label", button ? button.textContent : "");
    });
    var pictures = document.querySelectorAll("img[data-src]");
    Array.prototype.forEach.call(pictures, function (img) {
      var src = img.getAttribute("data-src");
      if (img.getAttribute("src") === src) { return; }
      img.setAttribute("loading", "lazy");
      img.setAttribute("src", src);
    });
  }

  function tooLarge(event) {
    var input = event.target;
    if (!input || input.type !== "file") { return; }
    var field = input.closest(".idea-picture-field");
    if (!field) { return; }
    var limit = Number(field.getAttribute("data-max-bytes"));
    var big = Array.prototype.some.call(input.files || [], function (file) {
      return file.size > limit;
    });
    var alert = field.querySelector("#idea-picture-refused");
    if (alert) { alert.textContent = big ? field.getAttribute("data-too-large") : ""; }
  }

  document.addEventListener("change", tooLarge, true);

  new MutationObserver(tidy).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-src"],
  });
})();
