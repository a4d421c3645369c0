/* Tells the page that frames us how tall we are, so it can size the frame and
   no inner scrollbar appears (contract: {type: "budgetschuiver:height", height}). */
(function () {
  "use strict";
  if (window.parent === window) return;
  let last = 0;
  function tell() {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "budgetschuiver:height", height: height }, "*");
  }
  new ResizeObserver(tell).observe(document.documentElement);
  window.addEventListener("load", tell);
  tell();
})();
