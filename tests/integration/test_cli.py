"""The command line and start-up, run as a resident's administrator would."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, inspect

from budgetschuiver.kernel.settings import REPO_ROOT, Settings
from budgetschuiver.kernel.trajectory import DefinitionError
from tests.conftest import write_variant


def run_cli(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "budgetschuiver", *args],
        cwd=REPO_ROOT,
        env=os.environ | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli001_init_db_creates_tables_and_is_idempotent(tmp_path):
    env = {
        "BUDGETSCHUIVER_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "BUDGETSCHUIVER_INSTANCE_DIR": str(tmp_path / "instance"),
    }
    for _ in range(2):
        result = run_cli("init-db", env=env)
        assert result.returncode == 0, result.stderr
        assert "database ready" in result.stdout
    engine = create_engine(env["BUDGETSCHUIVER_DATABASE_URL"])
    assert "budgets" in inspect(engine).get_table_names()
    engine.dispose()


def test_cli002_check_names_a_broken_file_and_fails(tmp_path, data_dir):
    write_variant(data_dir, "park-zuiderpark.yaml", "broken-park", total=-5)
    result = run_cli("check", env={"BUDGETSCHUIVER_DATA_DIR": str(data_dir)})
    assert result.returncode == 2
    assert "broken-park.yaml" in result.stderr and "total" in result.stderr


def test_cli003_check_lists_the_demo(tmp_path):
    result = run_cli("check", env={})
    assert result.returncode == 0
    assert "park-zuiderpark: 9 lines, open" in result.stdout


def test_cli004_app_refuses_to_start_with_a_broken_definition(settings, data_dir):
    from app import create_app

    write_variant(data_dir, "park-zuiderpark.yaml", "broken-park", balance_rule="maybe")
    with pytest.raises(DefinitionError, match="broken-park.yaml: balance_rule"):
        create_app(settings)


def test_cli005_python_app_serves(tmp_path):
    """`python app.py` starts and answers /healthz."""
    import socket
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = os.environ | {
        "BUDGETSCHUIVER_PORT": str(port),
        "BUDGETSCHUIVER_INSTANCE_DIR": str(tmp_path / "instance"),
    }
    process = subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "app did not come up"
                assert process.poll() is None, "app exited"
                time.sleep(0.3)
        secret = Settings(instance_dir=str(tmp_path / "instance")).instance_path
        assert (secret / "secret_key").exists()
    finally:
        process.terminate()
        process.wait(timeout=30)


def _env(tmp_path, data_dir=None):
    env = {
        "BUDGETSCHUIVER_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "BUDGETSCHUIVER_INSTANCE_DIR": str(tmp_path / "instance"),
        "BUDGETSCHUIVER_SECRET_KEY": "cli-test-secret-" + "x" * 20,
    }
    if data_dir:
        env["BUDGETSCHUIVER_DATA_DIR"] = str(data_dir)
    return env


def test_cli006_seed_demo_is_idempotent_and_synthetic(tmp_path):
    from budgetschuiver.store import Store

    env = _env(tmp_path)
    first = run_cli("seed-demo", env=env)
    assert first.returncode == 0 and "240 synthetic demo votes" in first.stdout
    second = run_cli("seed-demo", env=env)
    assert "already there" in second.stdout
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    tally = store.tally("poll", "naam-nieuw-park")
    assert tally.voters == 240 and tally.synthetic == 240
    store.dispose()


def test_cli007_add_picture_checks_the_file(tmp_path):
    from PIL import Image

    from budgetschuiver.store import Store

    env = _env(tmp_path)
    good = tmp_path / "swing.jpg"
    Image.new("RGB", (1000, 700), (10, 90, 160)).save(good, format="JPEG")
    fake = tmp_path / "fake.png"
    fake.write_text("<html>not a picture</html>")
    base = [
        "add-picture",
        "--moodboard",
        "speeltuin-transvaal",
        "--title-nl",
        "Schommel",
        "--alt-nl",
        "Een blauwe schommel",
    ]
    refused = run_cli(*base, "--id", "fake", "--file", str(fake), env=env)
    assert refused.returncode == 2 and "not a picture we can read" in refused.stderr
    taken = run_cli(*base, "--id", "natuur", "--file", str(good), env=env)
    assert taken.returncode == 2 and "already" in taken.stderr
    added = run_cli(*base, "--id", "schommel", "--file", str(good), env=env)
    assert added.returncode == 0, added.stderr
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    assert [i.image_id for i in store.uploaded_images("speeltuin-transvaal")] == [
        "schommel"
    ]
    assert store.image_data("speeltuin-transvaal", "fake") is None
    store.dispose()


def test_cli008_missing_picture_file_stops_start_up(settings, data_dir):
    from app import create_app

    (data_dir / "moodboards" / "images" / "speeltuin-transvaal" / "water.webp").unlink()
    with pytest.raises(DefinitionError, match=r"images\[2\] \(id water\).file"):
        create_app(settings)


def test_cli009_create_user_from_stdin(tmp_path):
    env = _env(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "budgetschuiver",
            "create-user",
            "raadslid",
            "--role",
            "advisor",
            "--password-stdin",
        ],
        cwd=REPO_ROOT,
        env=os.environ | env,
        input="a long enough password\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "created with role advisor" in result.stdout
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "budgetschuiver",
            "create-user",
            "raadslid",
            "--role",
            "admin",
            "--password-stdin",
        ],
        cwd=REPO_ROOT,
        env=os.environ | env,
        input="a long enough password\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 2 and "already exists" in again.stderr


def test_cli010_seed_writes_valid_marked_budgets(tmp_path):
    from budgetschuiver.budgets import rules as budget
    from budgetschuiver.kinds import load_catalog
    from budgetschuiver.store import Store

    env = _env(tmp_path)
    result = run_cli(
        "seed",
        "--project",
        "begroting-2027",
        "--submissions",
        "400",
        "--seed",
        "7",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "400 synthetic budgets written" in result.stdout
    project = load_catalog(REPO_ROOT / "data").find("budget", "begroting-2027")
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    rows = store.budgets_for("begroting-2027")
    assert len(rows) == 400 and all(row.synthetic for row in rows)
    assert all(
        budget.validate_allocation(project, row.allocation)[1] == [] for row in rows
    )
    assert len({row.district for row in rows}) >= 8  # spread over the city
    assert len({tuple(row.allocation.values()) for row in rows}) > 300  # not all alike
    store.dispose()
    assert (
        run_cli("seed", "--project", "nope", "--submissions", "1", env=env).returncode
        == 2
    )


def test_cli011_purge_only_closed_long_enough(tmp_path, data_dir):
    from budgetschuiver.store import Store

    env = _env(tmp_path, data_dir)
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    store.init_db()
    store.submit_budget("park-closed", {"x": 1}, "browser-token-000001")
    store.submit_budget("park-zuiderpark", {"x": 1}, "browser-token-000001")
    result = run_cli("purge", env=env)
    assert result.returncode == 0, result.stderr
    assert "budget park-closed: 1 browser keys forgotten" in result.stdout
    assert "park-zuiderpark" not in result.stdout  # still open
    assert store.find_budget("park-closed", "browser-token-000001") is None
    assert store.find_budget("park-zuiderpark", "browser-token-000001") is not None
    assert store.count_budgets() == 2
    store.dispose()


def _pg_env(tmp_path):
    from tests.integration.conftest import _pg_url

    return _env(tmp_path) | {"BUDGETSCHUIVER_DATABASE_URL": _pg_url()}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_cli012_backup_and_restore(tmp_path, backend):
    from budgetschuiver.store import Store
    from tests.integration.conftest import _drop_everything

    env = _env(tmp_path) if backend == "sqlite" else _pg_env(tmp_path)
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    if backend == "postgresql":
        _drop_everything(store)
    store.init_db()
    for i in range(25):
        store.submit_budget("p", {"a": i}, f"backup-token-{i:06d}")
    target = tmp_path / "backup.bin"
    made = run_cli("backup", "--to", str(target), env=env)
    assert made.returncode == 0, made.stderr
    for i in range(25, 30):  # written after the backup: gone after the restore
        store.submit_budget("p", {"a": i}, f"backup-token-{i:06d}")
    assert store.count_budgets() == 30
    store.dispose()
    restored = run_cli("restore", "--from", str(target), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "integrity check passed" in restored.stdout
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    assert store.count_budgets() == 25
    assert store.find_budget("p", "backup-token-000007").allocation == {"a": 7}
    assert store.integrity_ok()
    if backend == "postgresql":
        _drop_everything(store)
    store.dispose()
    missing = run_cli("restore", "--from", str(tmp_path / "nope"), env=env)
    assert missing.returncode == 2


def test_cli013_gunicorn_with_the_project_config_serves_compressed(tmp_path):
    import time
    import urllib.request

    from tests.integration.durability_harness import _free_port

    port = _free_port()
    env = (
        os.environ
        | _env(tmp_path)
        | {"BUDGETSCHUIVER_PORT": str(port), "BUDGETSCHUIVER_WORKERS": "2"}
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/begroting/park-zuiderpark",
                    headers={"Accept-Encoding": "gzip"},
                )
                with urllib.request.urlopen(request) as response:
                    assert response.status == 200
                    assert response.headers["Content-Encoding"] == "gzip"
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not come up"
                time.sleep(0.3)
    finally:
        os.killpg(process.pid, 15)
        output = process.communicate(timeout=30)[0].decode()
    lines = [
        line for line in output.splitlines() if "GET /begroting/park-zuiderpark" in line
    ]
    assert lines, output[-2000:]  # the access log runs...
    assert all("127.0.0.1" not in line for line in lines)  # ...without the address


def test_cli020_seed_plants_idea_groups_the_dashboard_finds(tmp_path):
    """`seed --idea-round` after `seed-demo`: synthetic raters in three planted
    groups on the demo round; the groups computed with synthetic ratings find
    three groups, residents only none (no resident rated)."""
    from budgetschuiver.kinds import load_catalog
    from budgetschuiver.store import Store
    from dashboards.stats import groups

    env = _env(tmp_path)
    assert run_cli("seed-demo", env=env).returncode == 0
    result = run_cli(
        "seed", "--idea-round", "brieven-beter", "--raters", "150", env=env
    )
    assert result.returncode == 0, result.stderr
    assert "by 150 raters in 3 planted groups" in result.stdout
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    round_ = load_catalog(REPO_ROOT / "data").find("ideas", "brieven-beter")
    demo = sum(d.support + d.oppose + d.neutral for d in round_.demo_ideas)
    assert store.count_raters(round_.id) == 0
    assert store.count_raters(round_.id, synthetic=True) == 150 + demo
    idea_ids, rows = store.resident_ratings(round_.id, synthetic=True)
    found = groups.idea_groups(groups.rating_matrix(rows, idea_ids), idea_ids, 10)
    assert len(found["groups"]) == 3
    assert sum(g["size"] for g in found["groups"]) >= 140
    assert store.resident_ratings(round_.id) == (idea_ids, [])
    # The same seed again: the same raters, none added.
    again = run_cli("seed", "--idea-round", "brieven-beter", "--raters", "150", env=env)
    assert again.returncode == 0
    assert store.count_raters(round_.id, synthetic=True) == 150 + demo
    store.dispose()
    for bad in (["--idea-round", "nope", "--raters", "5"], ["--idea-round", "x"]):
        assert run_cli("seed", *bad, env=env).returncode == 2
    both = run_cli("seed", "--project", "p", "--idea-round", "r", env=env)
    assert both.returncode == 2
