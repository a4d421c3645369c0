"""/dashboard/ideeen/<id> beyond the ranking, and the results answer kept per
process, on SQLite and PostgreSQL: support by theme (small groups withheld),
support per day, reactions for and against, status and answer coverage; a new
rating or a hidden idea is in the very next results."""

from __future__ import annotations

import datetime as dt
import json

import plotly.utils

from budgetschuiver.kernel.context import EXTENSION
from budgetschuiver.kernel.intervals import wilson_interval
from dashboards.ideas import page
from dashboards.kernel import auth
from dashboards.kernel.filters import Filters, local_date
from tests.integration.test_ideas_api import (  # noqa: F401 (fixtures)
    PASSWORD,
    TOKENS,
    api,
    basic,
    idea_app,
    idea_data,
    new_idea,
    post,
)

ROUND = "brieven-open"


def _results(client):
    answer = client.get(
        f"/api/v1/idea-rounds/{ROUND}/results", headers=basic("adviseur")
    )
    assert answer.status_code == 200
    return answer.get_json()


def _rate(client, idea_id, token, value, position=1):
    body = {"value": value, "token": token, "position": position}
    answer = post(client, f"/api/v1/ideas/{idea_id}/ratings", body)
    assert answer.status_code in (200, 201), answer.get_json()
    return answer


def test_idb001_results_follow_every_rating_and_hidden_idea(api):  # noqa: F811 (fixtures)
    first = new_idea(api, ROUND, title="Eerste").get_json()["id"]
    second = new_idea(api, ROUND, token=TOKENS[1], title="Tweede").get_json()["id"]
    assert _results(api)["n_raters"] == 0
    _rate(api, first, TOKENS[2], "support")
    body = _results(api)
    assert body == _results(api)  # kept: the same answer again
    assert (body["n_raters"], body["ideas"][0]["id"]) == (1, first)
    _rate(api, first, TOKENS[2], "oppose", 4)  # changed: value and position
    body = _results(api)
    counted = {i["id"]: (i["support"], i["oppose"]) for i in body["ideas"]}
    assert counted == {first: (0, 1), second: (0, 0)}
    assert [a["oppose"] for a in body["position_audit"]] == [1]
    assert (
        body["position_audit"][0]["from"] == 1 and body["position_audit"][0]["to"] == 5
    )
    decided = post(
        api,
        "/api/v1/moderation/decisions",
        {
            "item": {"type": "idea", "id": second},
            "action": "hide",
            "reason_code": "spam",
        },
        headers=basic("mod-a"),
    )
    assert decided.status_code == 200
    assert [i["id"] for i in _results(api)["ideas"]] == [first]


def _page_text(app, lang="nl", filters=None) -> str:
    with app.server.test_request_context():
        round_ = app.server.extensions[EXTENSION].catalog.find("ideas", ROUND)
        return json.dumps(
            page.content(round_, filters or Filters(), lang),
            cls=plotly.utils.PlotlyJSONEncoder,
            ensure_ascii=False,
        )


def test_idb002_sections_by_theme_day_reactions_and_coverage(idea_app, api):  # noqa: F811 (fixtures)
    with idea_app.server.app_context():
        auth.create_user("beheer", PASSWORD, "admin")
    subjects = [
        ("Kortere brieven", "Maximaal een kantje per brief."),
        ("Telefoonnummer bovenaan", "Zet een direct nummer op de eerste regel."),
        ("Formulieren vooraf invullen", "Vul in wat de gemeente al weet."),
        ("Voorbeelden bij uitleg", "Laat met een rekenvoorbeeld zien wat het kost."),
    ]
    made = []
    for n, (title, words) in enumerate(subjects):
        answer = new_idea(
            api,
            ROUND,
            token=f"author-{n:02d}-" + "a" * 16,
            title=title,
            text=words,
            theme="taal",
        )
        assert answer.get_json()["state"] == "published"
        made.append(answer.get_json()["id"])
    _rate(api, made[0], TOKENS[3], "support")
    _rate(api, made[1], TOKENS[3], "oppose")
    reaction = post(
        api,
        f"/api/v1/ideas/{made[0]}/reactions",
        {"text": "Goed plan", "stance": "for", "token": TOKENS[4]},
    )
    assert reaction.status_code == 201
    answered = post(
        api,
        f"/api/v1/ideas/{made[0]}/status",
        {"status": "overgenomen", "answer": "Dat doen we."},
        headers=basic("beheer"),
    )
    assert answered.status_code == 200
    text = _page_text(idea_app)
    # Four ideas in one theme: below the smallest group shown (10), so withheld.
    assert "Per thema" in text and "niet getoond" in text
    assert "Steun per dag" in text and "db-ideas-per-day" in text
    assert "Argumenten voor" in text and "Goed plan" not in text
    assert "1 van 4 ideeën hebben een antwoord van de gemeente: 25%" in text
    assert "Mediaan tijd tot een antwoord: 0 dagen." in text
    english = _page_text(idea_app, "en")
    assert "By theme" in english and "Support per day" in english


def test_idb003_sections_show_groups_of_enough_ideas(idea_app, api):  # noqa: F811 (fixtures)
    store = idea_app.server.extensions[EXTENSION].store
    for n in range(12):
        store.add_idea(
            ROUND, f"writer-{n:02d}-" + "w" * 16, title=f"T{n}", text="x", theme="taal"
        )
    text = _page_text(idea_app)
    assert "niet getoond" not in text
    assert "Nog geen waarderingen van inwoners." in text


def _nav_text(app, name) -> str:
    import flask

    from dashboards.kernel import common

    with app.server.test_request_context():
        flask.session["user"] = name
        return json.dumps(
            common.nav("overview", "nl"),
            cls=plotly.utils.PlotlyJSONEncoder,
            ensure_ascii=False,
        )


def test_idb004_nav_links_ideas_for_all_and_moderation_for_moderators(idea_app):  # noqa: F811 (fixtures)
    advisor = _nav_text(idea_app, "adviseur")
    moderator = _nav_text(idea_app, "mod-a")
    assert '"/dashboard/ideeen/' in advisor and "Ideeën" in advisor
    assert "/dashboard/moderatie" not in advisor
    assert "/dashboard/moderatie" in moderator and "Moderatie" in moderator
    # The idea page links the other rounds.
    assert "/dashboard/ideeen/brieven-beter" in _page_text(idea_app)
    assert "export.xlsx?content=ideas" in _page_text(idea_app)


def test_idb005_exports_parse_back_in_both_dialects_and_xlsx(idea_app, api):  # noqa: F811 (fixtures)
    import csv
    import io

    from openpyxl import load_workbook

    with idea_app.server.app_context():
        auth.create_user("beheer", PASSWORD, "admin")
    first = new_idea(api, ROUND, title="=SOM(1)", text="Formule als titel").get_json()
    second = new_idea(
        api, ROUND, token=TOKENS[1], title="Brieven in B1 🌷", text="Kort en duidelijk"
    ).get_json()
    for n in range(3):
        _rate(api, second["id"], f"rater-{n}-" + "q" * 16, "support")
    _rate(api, second["id"], "rater-x-" + "q" * 16, "oppose")
    post(
        api,
        f"/api/v1/ideas/{second['id']}/reactions",
        {"text": "Mee eens, héél goed", "stance": "for", "token": TOKENS[5]},
    )
    base = f"/api/v1/idea-rounds/{ROUND}/export"
    tool = api.get(base + ".csv", headers=basic("adviseur"))
    assert tool.status_code == 200 and tool.content_type == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(tool.data.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [second["id"], first["id"]]
    top = rows[0]
    assert (top["title"], top["support"], top["oppose"], top["n"]) == (
        "Brieven in B1 🌷",
        "3",
        "1",
        "4",
    )
    assert float(top["share_support"]) == 0.75
    low, high = (float(top["share_low"]), float(top["share_high"]))
    assert (low, high) == wilson_interval(3, 4)
    assert (top["rank"], top["reactions_for"]) == ("1", "1")
    assert rows[1]["title"] == "'=SOM(1)" and rows[1]["share_support"] == ""
    dutch = api.get(base + ".csv?dialect=spreadsheet", headers=basic("adviseur"))
    lines = list(csv.reader(io.StringIO(dutch.data.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][0] == "id" and lines[1][12] == "75,0%"
    book = load_workbook(
        io.BytesIO(api.get(base + ".xlsx", headers=basic("adviseur")).data)
    )
    sheet = list(book.active.values)
    assert sheet[0][:2] == ("id", "title") and sheet[1][8:12] == (3, 1, 0, 4)
    # Reactions: admins only.
    refused = api.get(base + ".csv?content=reactions", headers=basic("adviseur"))
    assert refused.status_code == 403
    given = api.get(base + ".csv?content=reactions", headers=basic("beheer"))
    [reaction] = list(csv.DictReader(io.StringIO(given.data.decode("utf-8-sig"))))
    assert (reaction["idea_id"], reaction["stance"], reaction["text"]) == (
        second["id"],
        "for",
        "Mee eens, héél goed",
    )
    bad = api.get(base + ".csv?dialect=excel", headers=basic("adviseur"))
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "dialect"
    assert api.get(base + ".csv").status_code == 401
    assert (
        api.get(
            "/api/v1/idea-rounds/nope/export.csv", headers=basic("adviseur")
        ).status_code
        == 404
    )


def test_idb006_presentation_slide_counts_residents_only(idea_app, api):  # noqa: F811 (fixtures)
    from dashboards.ideas import presentation

    store = idea_app.server.extensions[EXTENSION].store
    made = new_idea(api, ROUND, title="Kortere brieven", text="Een kantje.").get_json()
    idea = store.find_idea(made["id"])
    store.rate_idea(idea, "resident-" + "r" * 20, "support", 1)
    for n in range(5):
        store.rate_idea(idea, f"demo-{n}-" + "d" * 20, "oppose", 1, synthetic=True)

    def shown(round_id, lang="nl", synthetic=False):
        with idea_app.server.test_request_context():
            return json.dumps(
                presentation.slide(round_id, 0, synthetic, lang)[0],
                cls=plotly.utils.PlotlyJSONEncoder,
                ensure_ascii=False,
            )

    text = shown(ROUND)
    assert "Kortere brieven" in text and "n = 1" in text and "100% steun" in text
    assert "gesimuleerde (voorbeeld)waarderingen tellen niet mee" in text
    assert "0 van 1 ideeën hebben een antwoord" in text
    assert "simulated (example) ratings are not counted" in shown(ROUND, "en")
    assert "Deze ideeënronde bestaat niet" in shown("nope")
    assert "bestaat niet" in shown(["not", "a", "string"])
    # Switched on, the synthetic raters count and the slide says how many.
    mixed = shown(ROUND, synthetic=True)
    assert "n = 6" in mixed and "17% steun" in mixed
    assert "5 beoordelaars zijn synthetisch" in mixed
    assert "gesimuleerde" not in mixed
    # Anything but True from the browser leaves them out.
    assert "n = 1" in shown(ROUND, synthetic="1")


def _filtered_round(app):
    """Three ideas (taal/centrum, taal/escamp, contact/centrum), 12 residents
    rating each, the escamp idea posted and rated ten days ago, and 5 synthetic
    raters opposing the first idea. Returns the ideas' ids in that order."""
    from sqlalchemy import update

    from budgetschuiver.ideas.store import idea_ratings, ideas

    store = app.server.extensions[EXTENSION].store
    made = [
        store.add_idea(
            ROUND,
            f"writer-{n}-" + "w" * 16,
            title=title,
            text="x",
            theme=theme,
            district=district,
        )
        for n, (title, theme, district) in enumerate(
            [
                ("Kortere brieven", "taal", "centrum"),
                ("Uitleg met voorbeelden", "taal", "escamp"),
                ("Een direct nummer", "contact", "centrum"),
            ]
        )
    ]
    for n in range(12):
        for idea, value in zip(made, ("support", "oppose", "support"), strict=True):
            store.rate_idea(idea, f"resident-{n:02d}-" + "r" * 16, value, 1)
    for n in range(5):
        store.rate_idea(made[0], f"demo-{n}-" + "d" * 20, "oppose", 2, synthetic=True)
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    with store.engine.begin() as conn:
        conn.execute(
            update(ideas).where(ideas.c.id == made[1].row_id).values(created_at=earlier)
        )
        conn.execute(
            update(idea_ratings)
            .where(idea_ratings.c.idea_id == made[1].row_id)
            .values(created_at=earlier)
        )
    return [idea.id for idea in made]


def _get(client, query: str):
    return client.get(
        f"/api/v1/idea-rounds/{ROUND}/results?{query}", headers=basic("adviseur")
    )


def test_idb007_results_api_filters(idea_app, api):  # noqa: F811 (fixtures)
    first, second, third = _filtered_round(idea_app)
    today = local_date(dt.datetime.now(dt.UTC)).isoformat()
    everyone = _get(api, "").get_json()
    assert (everyone["n_raters"], everyone["synthetic"]) == (12, 0)
    assert everyone["synthetic_excluded"] == 5
    assert {i["id"] for i in everyone["ideas"]} == {first, second, third}
    taal = _get(api, "theme=taal").get_json()
    assert {i["id"] for i in taal["ideas"]} == {first, second}
    assert taal["filters"] == {"theme": "taal"}
    centrum = _get(api, "district=centrum").get_json()
    assert {i["id"] for i in centrum["ideas"]} == {first, third}
    # Today only: the idea posted and rated ten days ago is out.
    recent = _get(api, f"since={today}&until={today}").get_json()
    assert {i["id"] for i in recent["ideas"]} == {first, third}
    mixed = _get(api, "synthetic=1").get_json()
    assert (mixed["n_raters"], mixed["synthetic"], mixed["synthetic_excluded"]) == (
        17,
        5,
        0,
    )
    top = {i["id"]: (i["support"], i["oppose"]) for i in mixed["ideas"]}
    assert top[first] == (12, 5)
    # Fewer than k (10) raters in a narrowed filter: suppressed.
    empty = _get(api, "since=2020-01-01&until=2020-01-31").get_json()
    assert empty == {
        "filters": {"since": "2020-01-01", "until": "2020-01-31"},
        "suppressed": True,
    }
    for bad, field in (
        ("theme=geld", "theme"),
        ("theme=<script>", "theme"),
        ("district=mars", "district"),
        ("since=31-02-2026", "since"),
        ("since=2026-03-02&until=2026-03-01", "until"),
        ("synthetic=yes", "synthetic"),
        ("age_band=18-24", "age_band"),
        ("weighted=1", "weighted"),
    ):
        answer = _get(api, bad)
        assert answer.status_code == 400, bad
        assert answer.get_json()["error"]["field"] == field
    # The connection stays usable after a refusal.
    assert _get(api, "theme=taal").status_code == 200


def test_idb008_sections_state_their_filters_and_the_synthetic_switch(idea_app, api):  # noqa: F811 (fixtures)
    _filtered_round(idea_app)
    text = _page_text(idea_app)
    assert "Filters die hier gelden: periode (dag van beoordelen" in text
    assert "Geen filter geldt hier" in text  # moderation figures
    assert "n = 12 · 5 synthetische beoordelaars (test of demo) niet meegeteld" in text
    mixed = _page_text(idea_app, filters=Filters(synthetic=True))
    assert "n = 17 · waarvan 5 synthetisch (test of demo)" in mixed
    assert "?synthetic=1" in mixed  # the presentation link and exports follow it
    assert "export.csv?content=ideas&dialect=tool&synthetic=1" in mixed
    taal = _page_text(idea_app, filters=Filters(theme="taal"))
    assert "Uitleg met voorbeelden" in taal and "Een direct nummer" not in taal
    narrow = _page_text(idea_app, filters=Filters(since=dt.date(2020, 1, 1)))
    assert "Kortere brieven" in narrow  # 12 raters today: shown
    gone = _page_text(idea_app, filters=Filters(until=dt.date(2020, 1, 1)))
    assert "Kortere brieven" not in gone and "db-suppressed" in gone


def test_idb009_exports_honour_the_filter_and_the_switch(idea_app, api):  # noqa: F811 (fixtures)
    import csv
    import io

    first, _second, third = _filtered_round(idea_app)
    base = f"/api/v1/idea-rounds/{ROUND}/export.csv"

    def rows(query: str):
        answer = api.get(f"{base}?{query}", headers=basic("adviseur"))
        assert answer.status_code == 200, answer.get_json()
        return list(csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig"))))

    plain = {r["id"]: r for r in rows("content=ideas")}
    assert plain[first]["oppose"] == "0"
    assert (plain[first]["synthetic_in_n"], plain[first]["synthetic_left_out"]) == (
        "0",
        "5",
    )
    mixed = {r["id"]: r for r in rows("content=ideas&synthetic=1")}
    assert (mixed[first]["oppose"], mixed[first]["raters"]) == ("5", "17")
    assert mixed[first]["synthetic_in_n"] == "5"
    assert {r["id"] for r in rows("district=centrum")} == {first, third}
    bad = api.get(f"{base}?theme=geld", headers=basic("adviseur"))
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "theme"


def test_idb010_presentation_address_reaches_the_ideas_slide(idea_app):  # noqa: F811 (fixtures)
    """Class: a page another page's path template swallows. Dash's template
    variables match across slashes; the budget presentation's took this one."""
    from dash._pages import _path_to_page

    found, variables = _path_to_page(f"dashboard/presentatie/ideeen/{ROUND}")
    assert found["module"] == "dashboards.ideas.presentation"
    assert variables == {"round_id": ROUND}
    budget, _ = _path_to_page("dashboard/presentatie/park-zuiderpark")
    assert budget["module"] == "dashboards.budgets.presentation"
    home, _ = _path_to_page("")
    assert home["path"] == "/"


def test_idb011_support_per_day_counts_den_haag_days_from_hours(idea_app, api):  # noqa: F811 (fixtures)
    """Class: a rating on the wrong day. Ratings are counted per UTC hour in
    SQL; 23:30 UTC on 28 November is 00:30 on the 29th in Den Haag, 22:30 UTC
    still the 28th, and a summer day (UTC+2) moves by two hours."""
    from sqlalchemy import update

    from budgetschuiver.ideas.store import idea_ratings, token_scope
    from dashboards.stats import ideas as stats

    store = idea_app.server.extensions[EXTENSION].store
    idea = store.add_idea(ROUND, "writer-" + "w" * 20, title="Dag", text="x")
    times = [
        dt.datetime(2026, 11, 28, 22, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 28, 23, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 28, 23, 59, tzinfo=dt.UTC),
        dt.datetime(2026, 7, 1, 21, 59, tzinfo=dt.UTC),  # 23:59 on 1 July
        dt.datetime(2026, 7, 1, 22, 0, tzinfo=dt.UTC),  # 00:00 on 2 July
    ]
    for n, at in enumerate(times):
        token = f"rater-{n}-" + "r" * 20
        store.rate_idea(idea, token, "support" if n % 2 else "oppose", 1)
        with store.engine.begin() as conn:
            conn.execute(
                update(idea_ratings)
                .where(
                    idea_ratings.c.token_hash
                    == store.token_hash(token_scope(ROUND), token)
                )
                .values(created_at=at)
            )
    moments = store.rating_tally(ROUND)[False]["moments"]
    assert sum(n for _, _, n in moments) == 5
    days = {day: (s, o) for day, s, o, _ in stats.per_day(moments)}
    assert days[dt.date(2026, 11, 28)] == (0, 1)
    assert days[dt.date(2026, 11, 29)] == (1, 1)
    assert days[dt.date(2026, 7, 1)] == (1, 0)
    assert days[dt.date(2026, 7, 2)] == (0, 1)
