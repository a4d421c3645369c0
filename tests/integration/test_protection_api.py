"""Small groups stay hidden across answers of the results API, for polls and
moodboards as for budgets (the class: each answer passes its own check, while
"everyone" minus the other districts recovers a small one)."""

from __future__ import annotations

import datetime as dt

from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.trajectory import TIMEZONE
from dashboards.kernel import auth, service
from dashboards.kernel.filters import Filters
from dashboards.stats import protection

PASSWORD = "correct horse battery staple"
POLL = "fietsparkeren-centrum"


def _login(app):
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    return {"Authorization": auth.basic_header("adviseur", PASSWORD)}


def test_pra001_poll_districts_do_not_add_up_to_a_hidden_one(app, client, store):
    """Four districts of 12 and one of 3: the 3 must not be everyone minus the
    shown districts, neither in n nor in any option's votes."""
    headers = _login(app)
    plan = {"centrum": 3, "laak": 12, "escamp": 12, "segbroek": 12, "loosduinen": 12}
    k = 0
    for district, count in plan.items():
        for _ in range(count):
            store.submit_vote(
                "poll", POLL, ("spui",), f"token-{k:020d}", district=district
            )
            k += 1
    url = f"/api/v1/polls/{POLL}/results"
    everyone = client.get(url, headers=headers).get_json()
    shown = {
        district: client.get(f"{url}?district={district}", headers=headers).get_json()
        for district in plan
    }
    assert shown["centrum"] == {"suppressed": True}
    assert not everyone["suppressed"] and everyone["n"] == 51
    # The overview's breakdown (which shows empty districts as 0%) hides another
    # row too (a district, or "not given"), so 51 minus the rest is not
    # centrum's 3.
    with app.server.app_context():
        poll = services().catalog.find("poll", POLL)
        who = service.crowd("poll", poll, Filters())
    by_district = dict(who.by_district)
    assert by_district["centrum"] is None
    assert sum(count is None for count in by_district.values()) >= 2
    assert everyone["period"]["unit"] == protection.WEEK


def test_pra002_results_state_whole_weeks(app, client, store):
    """The API answers for whole weeks and says which."""
    headers = _login(app)
    for k in range(12):
        store.submit_vote("poll", POLL, ("spui",), f"token-{k:020d}")
    # Den Haag's date: between 23:00 and 24:00 UTC (in winter) the UTC date is
    # the day before, and the votes just sent count on the Den Haag day.
    today = dt.datetime.now(TIMEZONE).date()
    answer = client.get(
        f"/api/v1/polls/{POLL}/results?since={today}&until={today}", headers=headers
    ).get_json()
    monday = today - dt.timedelta(days=today.weekday())
    assert answer["n"] == 12
    assert answer["period"] == {
        "since": monday.isoformat(),
        "until": (monday + dt.timedelta(days=6)).isoformat(),
        "unit": "week",
    }
