/* Forum pages: unread markers kept in this browser only (localStorage). The
   server never learns which topics a visitor read. */
(function () {
  "use strict";
  var PREFIX = "bs-forum-seen:";

  function read(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (e) {
      /* Storage off or full: markers simply stay away. */
    }
  }

  /* A topic is unread when its latest activity is later than what this
     browser saw last (times are ISO 8601 in UTC, so they compare as text). */
  function markUnread() {
    window.setTimeout(function () {
      var cards = document.querySelectorAll("[data-topic][data-activity]");
      cards.forEach(function (card) {
        var seen = read(PREFIX + card.getAttribute("data-topic"));
        var marker = card.querySelector(".unread-marker");
        if (marker) {
          marker.hidden = !!seen && seen >= card.getAttribute("data-activity");
        }
      });
    }, 0);
    return Date.now();
  }

  function markSeen(seen) {
    if (seen && typeof seen.topic === "string" && typeof seen.activity === "string") {
      write(PREFIX + seen.topic, seen.activity);
    }
    return Date.now();
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.forum = { markUnread: markUnread, markSeen: markSeen };
})();
