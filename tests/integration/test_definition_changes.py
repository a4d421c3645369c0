"""Ballots stay tied to the definition they were cast under: a change after ballots
came in is found at start-up and by `check`, ballots that no longer fit are left
out of every result (and said to be), and the resident reads the truth."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import logging

import pytest
import yaml

from budgetschuiver.kernel.context import EXTENSION
from dashboards.kernel import auth
from tests.integration.durability_harness import PLAN
from tests.integration.test_cli import _env, run_cli
from tests.integration.test_uploads import PASSWORD

PARK = "park-zuiderpark"
POLL = "fietsparkeren-centrum"
BOARD = "speeltuin-transvaal"
# Balanced budgets: (token, changes from the plan)
BUDGETS = [
    ("token-trees-at-900000-aaaa", {"trees": 900000, "sports": 0, "paths": 280000}),
    ("token-trees-at-600000-bbbb", {"trees": 600000, "sports": 180000}),
    ("token-at-the-plan-cccccccc", {}),
    ("token-within-tolerance-ddd", {"benches": 55000}),
]
NEW_LINE = {
    "id": "extra",
    "label": "Extra",
    "explanation": "Nieuw",
    "plan": 0,
    "min": 0,
    "max": 100000,
    "step": 10000,
}


@pytest.fixture
def start(settings):
    """Start the app (again) on the same database and data folder."""
    from app import create_app

    made = []

    def _start(**changes):
        app = create_app(dataclasses.replace(settings, min_group_size=1, **changes))
        made.append(app)
        return app

    yield _start
    for app in made:
        app.server.extensions[EXTENSION].store.dispose()


def edit(data_dir, kind, item_id, change) -> None:
    path = data_dir / kind / f"{item_id}.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def set_line(field, line_id, value):
    def change(data):
        next(line for line in data["lines"] if line["id"] == line_id)[field] = value

    return change


def send_budgets(client):
    for token, changes in BUDGETS:
        body = {"allocation": PLAN | changes, "token": token}
        answer = client.post(
            f"/api/v1/projects/{PARK}/submissions",
            data=json.dumps(body),
            content_type="application/json",
        )
        assert answer.status_code == 201, answer.get_json()


def basic(name="adviseur"):
    raw = base64.b64encode(f"{name}:{PASSWORD}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


def results(app, kind="projects", item_id=PARK):
    with app.server.app_context():
        if not app.server.extensions[EXTENSION].store.find_user("adviseur"):
            auth.create_user("adviseur", PASSWORD, "advisor")
    answer = app.server.test_client().get(
        f"/api/v1/{kind}/{item_id}/results", headers=basic()
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()


def test_defch001_lowered_bound_leaves_ballots_out_and_says_so(start, data_dir, caplog):
    """Class: a budget definition changed after ballots came in (a lowered bound
    here; other rule changes in test_defch002): ballots that no longer fit are
    reported per line with counts at start-up, left out of results (also the
    saved tally counted before the change), and counted in the results' note;
    those that still fit count."""
    first = start()
    send_budgets(first.server.test_client())
    before = results(first)
    assert before["n"] == 4 and before["definitions"] == {"earlier": 0, "outdated": 0}
    assert before["lines"]["trees"]["mean"] == pytest.approx(645000)
    from dashboards.budgets.service import build_tally

    store = first.server.extensions[EXTENSION].store
    build_tally(store, first.server.extensions[EXTENSION].catalog.find("budget", PARK))
    edit(data_dir, "projects", PARK, set_line("max", "trees", 600000))
    with caplog.at_level(logging.WARNING, logger="budgetschuiver"):
        second = start()
    logged = caplog.text
    assert f"budget {PARK}: 4 of 4 ballots were cast under an earlier" in logged
    assert "1 no longer fit" in logged and "trees: out_of_range: 1 ballot" in logged
    after = results(second)
    assert after["n"] == 3
    assert after["definitions"] == {"earlier": 4, "outdated": 1}
    assert after["lines"]["trees"]["mean"] == pytest.approx(560000)
    store = second.server.extensions[EXTENSION].store
    assert len(store.budgets_for(PARK)) == 3
    assert not store.load_tally(PARK, io.BytesIO())  # counted under the old rules
    assert "eerdere versie van de regels: 4." in dashboard_text(second, after)
    assert "tellen niet mee: 1." in dashboard_text(second, after)
    assert "eerdere versie" not in dashboard_text(first, before)
    assert "eerdere versie van de regels: 4." in presentation_text(second)
    assert "eerdere versie" not in presentation_text(first)


def presentation_text(app) -> str:
    """The first presentation slide (n and who took part), as sent to the browser;
    its content is what a frozen snapshot keeps."""
    from plotly.utils import PlotlyJSONEncoder

    from dashboards.budgets import presentation as presentatie

    project = app.server.extensions[EXTENSION].catalog.find("budget", PARK)
    with app.server.test_request_context("/dashboard/presentatie/" + PARK):
        content = json.loads(json.dumps(presentatie._current(project, False)))
        parts = presentatie._slide("intro", project, content, "nl")
        return json.dumps(parts, cls=PlotlyJSONEncoder, ensure_ascii=False)


def dashboard_text(app, data) -> str:
    """The dashboard's budget view of these results, as sent to the browser."""
    from plotly.utils import PlotlyJSONEncoder

    from dashboards.budgets import page as begroting

    project = app.server.extensions[EXTENSION].catalog.find("budget", PARK)
    with app.server.test_request_context("/dashboard/begroting/" + PARK):
        parts = begroting.body(project, data, "", "nl", 1)
        return json.dumps(parts, cls=PlotlyJSONEncoder, ensure_ascii=False)


def resident_page(app, token, path):
    """The page's content as this browser gets it (Dash sends the layout as
    JSON after the HTML frame)."""
    from dash._pages import _path_to_page
    from plotly.utils import PlotlyJSONEncoder

    page, variables = _path_to_page(path.strip("/"))
    with app.server.test_request_context(path, headers={"Cookie": f"bs_token={token}"}):
        return json.dumps(
            page["layout"](**variables), cls=PlotlyJSONEncoder, ensure_ascii=False
        )


def test_defch002_every_meaningful_change_is_found_and_the_resident_told(
    start, data_dir
):
    """Class: each kind of budget rule change after ballots came in (a bound, the
    step grid, a locked line, a new line, the balance rule) leaves the ballots that
    no longer fit out, and their senders read that their budget does not count
    (not "your budget is shown below"); a resident whose budget still fits still
    sees it."""
    app = start()
    send_budgets(app.server.test_client())
    changes = [
        (set_line("max", "trees", 600000), "trees: out_of_range"),
        (set_line("step", "sports", 80000), "sports: off_grid"),
        (set_line("locked", "sports", True), "sports: locked"),
        (lambda d: d["lines"].append(NEW_LINE), "extra: missing_line"),
        (lambda d: d.update(tolerance=0), "balance: unbalanced"),
    ]
    original = (data_dir / "projects" / f"{PARK}.yaml").read_text()
    for change, reason in changes:
        (data_dir / "projects" / f"{PARK}.yaml").write_text(original)
        edit(data_dir, "projects", PARK, change)
        if reason == "sports: locked":
            edit(data_dir, "projects", PARK, set_line("locked_reason", "sports", "x"))
        app = start()
        review = app.server.extensions[EXTENSION].reviews[f"budget:{PARK}"]
        assert review.outdated >= 1 and reason in dict(review.reasons), reason
        sender = BUDGETS[
            {"sports: off_grid": 1, "balance: unbalanced": 3}.get(reason, 0)
        ][0]
        page = resident_page(app, sender, f"/begroting/{PARK}")
        assert "telt daarom niet mee" in page, reason
        assert "Die ziet u hieronder" not in page, reason
    (data_dir / "projects" / f"{PARK}.yaml").write_text(original)
    app = start()
    assert app.server.extensions[EXTENSION].reviews[f"budget:{PARK}"].outdated == 0
    assert len(app.server.extensions[EXTENSION].store.budgets_for(PARK)) == 4
    page = resident_page(app, BUDGETS[0][0], f"/begroting/{PARK}")
    assert "Die ziet u hieronder" in page and "telt daarom niet mee" not in page


def test_defch003_texts_dates_and_plan_are_no_change(start, data_dir):
    """Class: what does not change a ballot's meaning (titles, explanations, dates,
    the plan of a line residents move) leaves every ballot counting and no note."""
    app = start()
    send_budgets(app.server.test_client())
    edit(
        data_dir,
        "projects",
        PARK,
        lambda d: d.update(title="Nieuw", closes="2099-01-01"),
    )
    edit(data_dir, "projects", PARK, set_line("explanation", "trees", "Anders"))
    edit(data_dir, "projects", PARK, set_line("plan", "trees", 541500))
    edit(data_dir, "projects", PARK, set_line("plan", "benches", 48750))
    app = start()
    data = results(app)
    assert data["n"] == 4 and data["definitions"] == {"earlier": 0, "outdated": 0}


def test_defch004_votes_tied_to_options_and_limits(start, data_dir):
    """Class: polls and moodboards changed after votes came in (an option removed,
    the choice limits narrowed): votes that no longer fit are left out and
    reported; their senders are told; a vote sent again counts again."""
    app = start()
    client = app.server.test_client()
    for token, options in (
        ("poll-token-spui-000000001", ["spui"]),
        ("poll-token-both-00000002", ["spui", "grote-markt"]),
        ("poll-token-markt-0000003", ["grote-markt"]),
    ):
        body = {"options": options, "token": token}
        answer = client.post(
            f"/api/v1/polls/{POLL}/votes",
            data=json.dumps(body),
            content_type="application/json",
        )
        assert answer.status_code == 201
    for token, images in (
        ("board-token-three-000001", ["natuur", "water", "kleur"]),
        ("board-token-one-00000002", ["natuur"]),
    ):
        answer = client.post(
            f"/api/v1/moodboards/{BOARD}/votes",
            data=json.dumps({"images": images, "token": token}),
            content_type="application/json",
        )
        assert answer.status_code == 201
    edit(
        data_dir,
        "polls",
        POLL,
        lambda d: d.update(options=[o for o in d["options"] if o["id"] != "spui"]),
    )
    edit(data_dir, "moodboards", BOARD, lambda d: d.update(max_choices=2))
    result = run_cli(
        "check",
        env=_env(data_dir.parent, data_dir)
        | {"BUDGETSCHUIVER_DATABASE_URL": app.server.extensions[EXTENSION].store.url},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "poll fietsparkeren-centrum: 3 of 3 ballots" in result.stdout
    assert "spui: unknown_choice: 2 ballots" in result.stdout
    assert "choices: too_many_choices: 1 ballot" in result.stdout
    app = start()
    poll = results(app, "polls", POLL)
    assert poll["n"] == 1 and poll["definitions"] == {"earlier": 3, "outdated": 2}
    board = results(app, "moodboards", BOARD)
    assert board["n"] == 1 and board["definitions"] == {"earlier": 2, "outdated": 1}
    page = resident_page(app, "poll-token-spui-000000001", f"/peiling/{POLL}")
    assert "telt daarom niet mee" in page
    page = resident_page(app, "board-token-three-000001", f"/moodboard/{BOARD}")
    assert "telt daarom niet mee" in page
    answer = app.server.test_client().post(
        f"/api/v1/polls/{POLL}/votes",
        data=json.dumps(
            {"options": ["grote-markt"], "token": "poll-token-spui-000000001"}
        ),
        content_type="application/json",
    )
    assert answer.status_code == 200
    poll = results(app, "polls", POLL)
    assert poll["n"] == 2 and poll["definitions"] == {"earlier": 2, "outdated": 1}


def test_defch005_check_passes_without_changes_and_without_database(tmp_path, data_dir):
    """Class: `check` reports stored ballots only when there are some that no
    longer fit; no database yet is no error."""
    env = _env(tmp_path, data_dir)
    result = run_cli("check", env=env)
    assert result.returncode == 0, result.stderr
    assert "no database yet" in result.stdout
    assert run_cli("init-db", env=env).returncode == 0
    result = run_cli("check", env=env)
    assert result.returncode == 0, result.stderr
    assert "all fit their definitions" in result.stdout


def test_defch006_ballots_written_by_commands_carry_their_version(tmp_path, data_dir):
    """Class: every way a ballot is written outside the pages and the API (seeded
    budgets, demo votes) stamps it with its rules version, so a start reads none of
    them one by one and a later change finds them."""
    from sqlalchemy import select

    from budgetschuiver.budgets.store import budgets
    from budgetschuiver.choices.store import votes
    from budgetschuiver.kernel import definitions
    from budgetschuiver.kinds import load_catalog
    from budgetschuiver.store import Store

    env = _env(tmp_path, data_dir)
    seeded = run_cli("seed", "--project", PARK, "--submissions", "40", env=env)
    assert seeded.returncode == 0, seeded.stderr
    assert run_cli("seed-demo", env=env).returncode == 0
    hashes = definitions.current_hashes(load_catalog(data_dir))
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    with store.engine.connect() as conn:
        stamped = set(conn.execute(select(budgets.c.rules_hash)).scalars())
        voted = set(
            conn.execute(select(votes.c.kind, votes.c.target_id, votes.c.rules_hash))
        )
    store.dispose()
    assert stamped == {hashes[f"budget:{PARK}"]}
    assert voted and all(hashes[f"{k}:{t}"] == h for k, t, h in voted)
