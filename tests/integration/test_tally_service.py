"""Counted results inside the app, on SQLite and PostgreSQL: new and replaced
ballots show at once, seeded ballots with earlier dates too, and a fresh worker
starts from the saved tally and reads only what changed since."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import threading

import pytest

from budgetschuiver.seeding import seed_budgets
from dashboards.budgets import results as budget_results
from dashboards.budgets import service as budget_service
from dashboards.kernel import results, service
from dashboards.kernel.filters import Filters
from tests.approx import assert_close
from tests.integration.conftest import _drop_everything, _pg_url

PARK = "park-zuiderpark"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_app(request, settings):
    from app import create_app
    from budgetschuiver.kernel.context import EXTENSION
    from budgetschuiver.store import Store

    if request.param == "postgresql":
        url = _pg_url()
        settings = dataclasses.replace(settings, database_url=url)
        _drop_everything(Store(url, settings.secret_key))
    dash_app = create_app(settings)
    yield dash_app
    store = dash_app.server.extensions[EXTENSION].store
    if request.param == "postgresql":
        _drop_everything(store)
    store.dispose()


def _services(app):
    from budgetschuiver.kernel.context import EXTENSION

    return app.server.extensions[EXTENSION]


def _from_rows(services, project, filters=None):
    """The definition: every figure computed from the stored rows."""
    filters = filters or Filters(synthetic=True)
    everyone = services.store.budgets_for(project.id)
    rows = services.store.budgets_for(
        project.id, district=filters.district, age_band=filters.age_band
    )
    population = results.load_population(
        results.population_path(services.settings.data_dir)
    )
    return budget_results.budget_results(
        project,
        rows,
        len(everyone),
        filters,
        population,
        services.settings.min_group_size,
    )


def _unperiod(answer):
    return {key: value for key, value in answer.items() if key != "period"}


def _resident_budget(project, rng):
    allocation = project.plan_allocation()
    # Fewer trees, more benches: balanced (1 tree = 1.2 benches).
    k = rng.randrange(0, 5)
    return allocation | {
        "trees": allocation["trees"] - 1500 * 5 * k,
        "benches": allocation["benches"] + 1250 * 6 * k,
    }


def test_counted_results_follow_every_kind_of_write(backend_app):
    services = _services(backend_app)
    store = services.store
    project = services.catalog.find("budget", PARK)
    rng = random.Random(4)
    with backend_app.server.app_context():
        seed_budgets(project, store, services.settings.data_dir, 300, seed=3)
        with budget_service.budget_tally(project) as tally:
            first = tally.results(Filters(synthetic=True), {}, 10)
        assert first["n"] == 300 == first["synthetic"]
        # Residents send budgets; one of them changes its mind.
        for k in range(15):
            store.submit_budget(
                PARK, _resident_budget(project, rng), f"token-{k}", district="laak"
            )
        store.submit_budget(PARK, project.plan_allocation(), "token-3")
        with budget_service.budget_tally(project) as tally:
            now = tally.results(Filters(synthetic=True), {}, 10)
        assert now["n"] == 315 and now["synthetic"] == 300
        assert_close(now, _from_rows(services, project) | {"synthetic": 300})
        # More seeded ballots, dated in the past: counted too.
        seed_budgets(project, store, services.settings.data_dir, 50, seed=9)
        laak = Filters(district="laak", synthetic=True)
        later = service.compute("budget", project, laak)
        want = _from_rows(services, project, laak)
        # The answer also states the whole weeks it used; the rows have no such key.
        assert_close(_unperiod(later), want)
        assert later["n"] == want["n"] > 15
        with budget_service.budget_tally(project) as tally:
            assert tally.n == 365


def test_a_fresh_worker_starts_from_the_saved_tally(backend_app, monkeypatch):
    services = _services(backend_app)
    store = services.store
    project = services.catalog.find("budget", PARK)
    with backend_app.server.app_context():
        seed_budgets(project, store, services.settings.data_dir, 400, seed=5)
        built = budget_service.build_tally(store, project)
        assert built.n == 400
        rng = random.Random(8)
        for k in range(12):
            store.submit_budget(PARK, _resident_budget(project, rng), f"new-{k}")
        # A new worker: nothing in memory. Count what it reads from the ballots.
        monkeypatch.setattr(budget_service, "_tallies", type(budget_service._tallies)())
        read = []
        original = store.budget_changes

        def counting(*args, **kwargs):
            for part in original(*args, **kwargs):
                read.append(len(part.ids))
                yield part

        monkeypatch.setattr(store, "budget_changes", counting)
        got = service.compute("budget", project, Filters(synthetic=True))
    assert got["n"] == 412
    # The saved tally comes back whole when read in small pieces.
    pieces = io.BytesIO()
    assert store.load_tally(PARK, pieces, chunk=1000)
    assert pieces.getvalue() == built.to_bytes()
    assert not store.load_tally("no-such-trajectory", io.BytesIO())
    assert sum(read) < 50  # the new ballots (and the overlap), not all 412
    monkeypatch.undo()
    assert_close(_unperiod(got), _from_rows(services, project) | {"synthetic": 400})


def test_results_api_reflects_a_new_budget_within_a_second(backend_app):
    services = _services(backend_app)
    project = services.catalog.find("budget", PARK)
    with backend_app.server.app_context():
        seed_budgets(project, services.store, services.settings.data_dir, 40, seed=2)
        before = service.compute("budget", project, Filters(synthetic=True))
        services.store.submit_budget(PARK, project.plan_allocation(), "fresh")
        after = service.compute("budget", project, Filters(synthetic=True))
    assert (before["n"], after["n"]) == (40, 41)
    assert after["synthetic"] == 40
    assert dt.datetime.now(dt.UTC).year >= 2026


def test_reading_while_ballots_arrive_in_other_threads(backend_app):
    services = _services(backend_app)
    project = services.catalog.find("budget", PARK)
    server = backend_app.server
    with server.app_context():
        seed_budgets(project, services.store, services.settings.data_dir, 200, seed=6)
    failures: list[BaseException] = []

    def send(first: int) -> None:
        rng = random.Random(first)
        for k in range(first, first + 25):
            services.store.submit_budget(
                PARK, _resident_budget(project, rng), f"thread-token-{k:04d}"
            )

    def read(filters: Filters) -> None:
        try:
            with server.app_context():
                for _ in range(15):
                    service._compute("budget", project, filters)
        except BaseException as exc:  # noqa: BLE001 (reported below)
            failures.append(exc)

    threads = [threading.Thread(target=send, args=(k * 100,)) for k in range(2)]
    threads += [
        threading.Thread(target=read, args=(chosen,))
        for chosen in (
            Filters(synthetic=True),
            Filters(weighted=True, synthetic=True),
            Filters(district="laak", synthetic=True),
        )
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []
    with server.app_context():
        final = service._compute("budget", project, Filters(synthetic=True))
    assert final["n"] == 250
    assert_close(_unperiod(final), _from_rows(services, project) | {"synthetic": 200})
