/*
 * Keyboard focus survives a live redraw. Live lists (ideas, reactions, forum
 * topics and posts, the question hour and its host console) are drawn again
 * when new data arrives; the element that had focus may be replaced by a new
 * one for the same control, and focus would fall back to the page's start.
 *
 * What had focus is remembered by a stable name: its id (Dash ids, also
 * pattern-matching ones, are stable), or else the item it sits in (an element
 * with data-topic, data-post, data-question, data-idea or data-reaction) and
 * its place among that item's focusable controls. When focus is lost because
 * the element left the page, the same control in the new drawing gets it back.
 * Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var ITEMS = "[data-topic],[data-post],[data-question],[data-idea],[data-reaction]";
  var FOCUSABLE = "a[href],button,input,select,textarea,[tabindex]";
  var ITEM_ATTRIBUTES = ["data-topic", "data-post", "data-question", "data-idea",
    "data-reaction"];
  var remembered = null;
  var lastElement = null;

  function nameOf(element) {
    if (element.id) { return { id: element.id }; }
    var item = element.closest(ITEMS);
    if (!item) { return null; }
    var attribute = ITEM_ATTRIBUTES.filter(function (name) {
      return item.hasAttribute(name);
    })[0];
    var controls = Array.prototype.slice.call(item.querySelectorAll(FOCUSABLE));
    return {
      attribute: attribute,
      value: item.getAttribute(attribute),
      index: controls.indexOf(element)
    };
  }

  function find(name) {
    if (name.id) { return document.getElementById(name.id); }
    var items = document.querySelectorAll("[" + name.attribute + "]");
    for (var i = 0; i < items.length; i += 1) {
      if (items[i].getAttribute(name.attribute) === name.value) {
        return items[i].querySelectorAll(FOCUSABLE)[name.index] || null;
      }
    }
    return null;
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target !== document.body) {
      lastElement = target;
      remembered = nameOf(target);
    }
  });

  // A focused element that leaves the page takes focus with it: give it to
  // the element that now stands for the same control.
  function restore() {
    if (!remembered || !lastElement || lastElement.isConnected) { return; }
    var active = document.activeElement;
    if (active && active !== document.body) { return; }
    var again = find(remembered);
    if (again && again !== lastElement) {
      lastElement = again;
      again.focus({ preventScroll: true });
    }
  }

  new MutationObserver(restore).observe(document.documentElement, {
    childList: true,
    subtree: true
  });
}());
