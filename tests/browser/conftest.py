"""Browser tier: dash_duo in Debian's headless Chromium; skipped loudly without it."""

from __future__ import annotations

import os
import shutil
import socket

import pytest
from selenium.webdriver.chrome.options import Options

CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH") or shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = (
    None
    if CHROMIUM and CHROMEDRIVER
    else (
        "!!! BROWSER TESTS SKIPPED: Debian's chromium and chromium-driver are not "
        "installed (apt-get install chromium chromium-driver; .ci/run does this)"
    )
)
if CHROMIUM:
    os.environ.setdefault("DASH_TEST_CHROMEPATH", CHROMIUM)


def pytest_collection_modifyitems(config, items):
    if MISSING:
        for item in items:
            if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
                item.add_marker(pytest.mark.skip(reason=MISSING))


def pytest_setup_options():
    options = Options()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        # This machine has no internet: stop Chromium phoning home at start-up.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=nl-NL",
        "--window-size=390,844",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "nl-NL,nl"})
    return options


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(dash_duo, app):
    """The test app served on a free port, with a phone-sized browser."""
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.driver.set_script_timeout(60)
    return dash_duo
