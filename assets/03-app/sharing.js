/* Share block and video placeholder (budgetschuiver/kernel/sharing/component.py).
   Copy the page address, offer the phone's own share sheet where the browser
   has one, and load a YouTube video only after the resident asks for it.
   Event delegation: Dash renders pages after this script runs. */
(function () {
  "use strict";

  function status(el, selector, text) {
    const box = el.closest(selector);
    const out = box && box.querySelector("[role=status]");
    if (out) out.textContent = text;
  }

  function copy(button) {
    const block = button.closest(".loop-share");
    const field = block.querySelector(".share-url input");
    const done = () => status(button, ".loop-share", button.dataset.copied);
    const failed = () => {
      field.focus();
      field.select();
      status(button, ".loop-share", button.dataset.failed);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, failed);
      return;
    }
    field.select();
    try {
      (document.execCommand("copy") ? done : failed)();
    } catch (e) {
      failed();
    }
  }

  function nativeShare(button) {
    navigator
      .share({ title: button.dataset.text, text: button.dataset.text, url: button.dataset.url })
      .catch(() => {}); // the resident closed the sheet: nothing to say
  }

  const CONSENT = "bs-video";

  function loadVideo(button) {
    const slot = button.parentElement.querySelector(".video-slot");
    if (!slot || slot.firstChild) return;
    if (!document.querySelector('meta[name="bs-video-frames"]')) {
      // Reached through an in-app link: this document's policy comes from a
      // page without a video and forbids the player. Reload this page (its own
      // policy allows it) and load the video there: the click was the consent.
      sessionStorage.setItem(CONSENT, button.dataset.src);
      window.location.reload();
      return;
    }
    const frame = document.createElement("iframe");
    frame.src = button.dataset.src;
    frame.title = button.dataset.title;
    frame.allow = "encrypted-media; picture-in-picture; fullscreen";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    slot.appendChild(frame);
    button.hidden = true;
    status(button, ".video-block", button.dataset.loaded);
    frame.focus();
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest(".share-copy, .share-native, .video-load");
    if (!target) return;
    if (target.matches(".share-copy")) copy(target);
    else if (target.matches(".share-native")) nativeShare(target);
    else loadVideo(target);
  });

  // The share-sheet button only where the browser has one; a video the
  // resident asked for before a reload.
  function reveal() {
    const asked = sessionStorage.getItem(CONSENT);
    if (asked) {
      const button = document.querySelector(".video-load");
      if (button && button.dataset.src === asked) {
        sessionStorage.removeItem(CONSENT);
        loadVideo(button);
      }
    }
    if (!navigator.share) return;
    for (const button of document.querySelectorAll(".share-native[hidden]")) {
      button.hidden = false;
    }
  }
  new MutationObserver(reveal).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
