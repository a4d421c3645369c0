"""Seeded budgets as stored, on SQLite and PostgreSQL: valid, marked synthetic,
with every column a real submission has, and the same for the same seed."""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlalchemy import text

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.store import budgets
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog
from budgetschuiver.seeding import seed_budgets

DATA = REPO_ROOT / "data"
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


def raw_rows(store, project_id):
    with store.engine.connect() as conn:
        return conn.execute(
            budgets.select()
            .where(budgets.c.project_id == project_id)
            .order_by(budgets.c.id)
        ).all()


def test_seed101_stored_budgets_are_valid_and_complete(backend_store):
    catalog = load_catalog(DATA)
    for project_id, count in (("park-zuiderpark", 1200), ("begroting-2027", 2500)):
        project = catalog.find("budget", project_id)
        report = seed_budgets(
            project, backend_store, DATA, count, 5, batch=700, now=NOW
        )
        assert (report.written, report.plan) == (count, 0)
        assert report.redrawn < count / 100
        stored = backend_store.budgets_for(project_id)
        assert len(stored) == count == backend_store.count_budgets(project_id)
        for row in stored:
            body = {
                "allocation": row.allocation,
                "token": "seeded-check-token-0001",
                "district": row.district,
                "age_band": row.age_band,
            }
            assert budget.validate_submission(project, body)[1] == []
            assert row.synthetic and row.revision == 1 and row.comment is None
            assert not row.comment_hidden
            assert list(row.allocation) == [line.id for line in project.lines]
        raw = raw_rows(backend_store, project_id)
        assert all(re.fullmatch(r"b[0-9a-f]{20}", row.public_id) for row in raw)
        assert all(re.fullmatch(r"[0-9a-f]{64}", row.token_hash) for row in raw)
        receipt = r"[ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4}-"
        assert all(re.fullmatch(receipt + r"[^-]{2}", row.receipt) for row in raw)
        assert len({row.token_hash for row in raw}) == count
        assert len({row.receipt for row in raw}) == count
        times = [row.created_at.replace(tzinfo=None) for row in raw]
        assert all(row.created_at == row.updated_at for row in raw)
        assert times == sorted(times)  # ids grow with time
        start = (NOW - dt.timedelta(days=28)).replace(tzinfo=None)
        assert start <= times[0] and times[-1] <= NOW.replace(tzinfo=None)
        assert times[-1] - times[0] > dt.timedelta(days=25)
        assert len({row.district for row in stored}) == 9  # eight districts and none
        assert len({row.age_band for row in stored}) == 7  # six bands and none


def test_seed102_same_seed_same_budgets(backend_store):
    """The same seed twice: the same budgets, demographics and times, yet every
    budget its own identity."""
    project = load_catalog(DATA).find("budget", "park-zuiderpark")
    seed_budgets(project, backend_store, DATA, 900, 12, batch=400, now=NOW)
    seed_budgets(project, backend_store, DATA, 900, 12, batch=400, now=NOW)
    seed_budgets(project, backend_store, DATA, 900, 13, batch=400, now=NOW)
    rows = backend_store.budgets_for(project.id)

    def content(part):
        return [(r.allocation, r.district, r.age_band, r.created_at) for r in part]

    assert content(rows[:900]) == content(rows[900:1800])
    assert content(rows[:900]) != content(rows[1800:])
    assert len({row.id for row in rows}) == 2700


def test_seed103_stored_like_a_submission(backend_store):
    """Seeded rows keep the storage formats of the ordinary write path, so every
    reader treats them alike: JSON text, timestamps, booleans."""
    project = load_catalog(DATA).find("budget", "park-zuiderpark")
    backend_store.submit_budget(
        project.id, project.plan_allocation(), "a-real-browser-token-01"
    )
    seed_budgets(project, backend_store, DATA, 3, 1, now=NOW)
    backend_store.insert_synthetic_budgets(
        project.id,
        [{"allocation": project.plan_allocation(), "at": NOW, "comment": "a\tb\\n"}],
    )
    with backend_store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT CAST(allocation AS TEXT), CAST(created_at AS TEXT),"
                " CAST(synthetic AS TEXT), comment FROM budgets ORDER BY id"
            )
        ).all()
    real, *seeded, listed = rows
    pattern = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.?\d*(\+00)?")
    assert pattern.fullmatch(real[1]) and real[2] in ("0", "false")
    for allocation, created, synthetic, _comment in seeded:
        assert allocation == json.dumps(json.loads(allocation))
        assert list(json.loads(allocation)) == list(project.plan_allocation())
        assert pattern.fullmatch(created) and synthetic in ("1", "true")
        if backend_store.dialect == "sqlite":
            assert len(created) == len(real[1])  # same microsecond digits
    assert listed[0] == json.dumps(project.plan_allocation())
    assert listed[3] == "a\tb\\n"
    seeded_rows = backend_store.budgets_for(project.id)[1:4]
    assert all(
        row.updated_at.replace(tzinfo=None) < NOW.replace(tzinfo=None)
        for row in seeded_rows
    )
