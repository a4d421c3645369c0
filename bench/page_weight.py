"""What a resident's phone downloads on a first visit (compressed, cold cache), and
how long the balance text takes to follow a slider move, in headless Chromium.

    .venv/bin/python bench/page_weight.py [--url http://127.0.0.1:8050] [--all]

Needs a running app (`make run` or `make serve`). Prints one JSON line; with --all,
first every file the page loaded with its transferred size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from selenium import webdriver
from selenium.webdriver.common.keys import Keys

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Time from a keyboard step on the slider to the balance text changing, measured
# in the page itself (MutationObserver), for several steps.
REACTION = """
const done = arguments[arguments.length - 1];
const handle = document.querySelector('[data-line="trees"] [role=slider]');
const status = document.getElementById('balance-status');
const times = [];
let started = 0;
new MutationObserver(() => {
  if (started) { times.push(performance.now() - started); started = 0; }
}).observe(status, {childList: true, subtree: true, characterData: true});
let n = 0;
function step() {
  if (n++ >= 20) { done(times); return; }
  started = performance.now();
  const key = n % 2 ? 'ArrowRight' : 'ArrowLeft';
  handle.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true}));
  setTimeout(step, 150);
}
handle.focus();
step();
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8050")
    parser.add_argument("--all", action="store_true", help="list every file")
    args = parser.parse_args()
    options = webdriver.ChromeOptions()
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    driver.set_script_timeout(60)
    try:
        driver.get(args.url + "/begroting/park-zuiderpark?lang=nl")
        driver.implicitly_wait(20)
        driver.find_element("css selector", "#balance-status")
        driver.execute_script("return new Promise(r => setTimeout(r, 2000))")
        entries = driver.execute_script(
            "return [performance.getEntriesByType('navigation')[0]]"
            ".concat(performance.getEntriesByType('resource'))"
            ".map(e => [e.name, e.transferSize, e.decodedBodySize])"
        )
        transferred = sum(size for _, size, _ in entries)
        decoded = sum(size for _, _, size in entries)
        largest = sorted(entries, key=lambda e: -e[1])
        times = driver.execute_async_script(REACTION)
        driver.find_element("css selector", "body").send_keys(Keys.NULL)
    finally:
        driver.quit()
    if args.all:
        for name, size, decoded_size in largest:
            print(f"{size / 1024:8.1f} KB {decoded_size / 1024:8.1f} KB  {name}")
    print(
        json.dumps(
            {
                "first_load_kb_transferred": round(transferred / 1024, 1),
                "first_load_kb_uncompressed": round(decoded / 1024, 1),
                "largest": [
                    [name.rsplit("/", 1)[-1][:50], round(size / 1024, 1)]
                    for name, size, _ in largest[:5]
                ],
                "files": len(entries),
                "plotly_loaded": any("plotly" in name for name, _, _ in entries),
                "balance_reaction_ms_median": round(statistics.median(times), 1)
                if times
                else None,
                "balance_reaction_ms_max": round(max(times), 1) if times else None,
                "steps_measured": len(times),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
