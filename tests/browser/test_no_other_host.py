"""Nothing on any page offers to send data to another host: no chart action aimed at
an external chart service, no link, form or source pointing elsewhere."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from selenium.webdriver.common.keys import Keys

from budgetschuiver.kernel.sharing.links import SHARE_HOSTS
from dashboards.budgets import presentation as presentatie
from tests.browser.helpers import press, wait_for
from tests.browser.test_dashboard_pages import dashboard, log_in  # noqa: F401

# Every attribute of every element whose value holds an absolute URL, as the browser
# resolves it; SVG namespace declarations are names, not addresses.
_ADDRESSES = """
const found = [];
for (const el of document.querySelectorAll('*')) {
  for (const attr of el.attributes) {
    if (attr.name.startsWith('xmlns')) continue;
    if (['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'data']
        .includes(attr.name) || attr.value.includes('://')) {
      // A share link (issue 16) says which network it is for.
      const share = el.closest('.share-links') ? el.getAttribute('data-share') : null;
      found.push([el.tagName, attr.name, attr.value, share]);
    }
  }
}
return found;
"""

# What plotly.js was told for each chart, and the toolbar actions it drew.
_CHART_CONFIGS = """
return [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
  showSendToCloud: gd._context.showSendToCloud,
  showEditInChartStudio: gd._context.showEditInChartStudio,
  showLink: gd._context.showLink,
  server: gd._context.plotlyServerURL,
  buttons: [...gd.querySelectorAll('.modebar-btn')].map(
    b => b.getAttribute('data-title')),
}));
"""

# (view, its content, whether it draws charts with the seeded data)
DASHBOARD_VIEWS = (
    ("/dashboard?lang=nl", "#db-overview", True),
    ("/dashboard/begroting/park-zuiderpark?lang=nl", "#db-budget", True),
    ("/dashboard/begroting/begroting-2027?lang=nl", "#db-budget", False),
    ("/dashboard/peilingen?lang=nl", "#db-polls", True),
    ("/dashboard/moodboards?lang=nl", "#db-moodboards", False),
    ("/dashboard/presentatie/park-zuiderpark?lang=nl", ".db-slide", False),
    ("/dashboard/ideeen/brieven-beter?lang=nl", "#dbi-groups", False),
)
RESIDENT_PAGES = (
    "/",
    "/begroting/park-zuiderpark",
    "/begroting/begroting-2027",
    "/peiling/fietsparkeren-centrum",
    "/peiling/poll-closed",
    "/resultaten/poll-closed",
    "/embed/poll-closed",
    "/resultaten/speelplekken-2025",
    "/embed/speelplekken-2025",
    "/moodboard/speeltuin-transvaal",
    "/privacy",
    "/toegankelijkheid",
)


def _share_link(network: str, name: str, value: str) -> bool:
    """A plain share link a resident may follow by choice: the network's share
    page (or a mailto:), which loads and sends nothing until followed."""
    target = urlsplit(value)
    if name != "href":
        return False
    if network == "email":
        return target.scheme == "mailto"
    return target.scheme == "https" and target.hostname in SHARE_HOSTS


def _elsewhere(duo) -> list:
    own = urlsplit(duo.server_url).netloc
    other = []
    for tag, name, value, share in duo.driver.execute_script(_ADDRESSES):
        if share and _share_link(share, name, value):
            continue
        for part in value.split(","):
            address = part.strip().split(" ")[0]
            if not address or address.startswith(("#", "data:", "blob:")):
                continue
            target = urlsplit(urljoin(duo.server_url + "/", address))
            web = target.scheme in ("http", "https", "ws", "wss")
            if (target.netloc != own) if web else target.scheme != "javascript":
                other.append((tag, name, value))
    return other


def test_nohost001_no_chart_or_page_offers_another_host(dashboard):  # noqa: F811
    """Class: an action or address that would send data to another host (plotly's
    "send to cloud" and "edit in Chart Studio", a link, a form, a source). Every
    chart on every dashboard view and slide is checked, and every attribute of
    every page."""
    duo = dashboard
    for path in RESIDENT_PAGES:
        duo.driver.get(duo.server_url + path)
        wait_for(lambda: duo.driver.find_elements("css selector", "main h1"))
        assert _elsewhere(duo) == [], path
    log_in(duo)
    charts = 0
    for path, content, drawn in DASHBOARD_VIEWS:
        duo.driver.get(duo.server_url + path)
        wait_for(lambda c=content: duo.find_element(c).text, timeout=40, message=path)
        if content == "#db-polls":
            # The demo poll's votes are synthetic: counted (and charted) on request.
            duo.find_element("#db-synthetic").click()
        if drawn:
            duo.wait_for_element(f"{content} .js-plotly-plot .main-svg", timeout=40)
        configs = duo.driver.execute_script(_CHART_CONFIGS)
        if "presentatie" in path:
            # Every slide in turn: some draw a chart.
            slides = len(presentatie.SLIDES)
            for number in range(2, slides + 1):
                press(duo.driver, Keys.ARROW_RIGHT)
                duo.wait_for_contains_text(".db-slide-counter", f"{number} / {slides}")
                configs += duo.driver.execute_script(_CHART_CONFIGS)
        charts += len(configs)
        for config in configs:
            assert config["showSendToCloud"] is False, path
            assert not config["showEditInChartStudio"], path
            assert not config["showLink"], path
            assert config["server"] in ("", None), path
            assert not any(
                "cloud" in (title or "").lower() or "studio" in (title or "").lower()
                for title in config["buttons"]
            ), path
        assert _elsewhere(duo) == [], path
    assert charts >= 5
    assert duo.get_logs() == []
