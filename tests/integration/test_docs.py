"""The README's API table and the Makefile's help are true to the code."""

from __future__ import annotations

import re
import subprocess
import sys

from budgetschuiver.kernel.settings import REPO_ROOT, Settings


def api_section() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text()
    start = text.index("## JSON API")
    end = text.index("\n## ", start + 1)
    return text[start:end].splitlines()


def test_docs001_api_table_is_one_table_naming_every_route(app):
    """Class: the API table is unbroken (every row inside one table, none after
    a note or paragraph) and documents every /api/v1 route the app serves."""
    lines = api_section()
    rows = [i for i, line in enumerate(lines) if line.startswith("| `")]
    assert rows == list(range(rows[0], rows[-1] + 1)), "a row outside the table"
    documented = " ".join(lines[i] for i in rows)
    for rule in app.server.url_map.iter_rules():
        # The catch-all that answers unknown API addresses with a JSON 404.
        if not rule.rule.startswith("/api/v1") or "<path:" in rule.rule:
            continue
        path = re.sub(r"<(?:\w+:)?\w+>", "<id>", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            written = f"{method} {path}"
            alternative = path.replace(".xlsx", ".csv")
            assert written in documented or alternative in documented, written


def test_docs002_makefile_help_sits_on_its_target():
    """Class: each `## name:` help line of the Makefile is directly above the
    target it describes, and `make help` lists every documented target."""
    lines = (REPO_ROOT / "Makefile").read_text().splitlines()
    documented = []
    for i, line in enumerate(lines):
        found = re.match(r"## ([\w-]+):", line)
        if not found:
            continue
        below = next(
            j for j in range(i + 1, len(lines)) if not lines[j].startswith("##")
        )
        assert lines[below].startswith(found.group(1) + ":"), found.group(1)
        documented.append(found.group(1))
    assert {"run", "test", "serve", "check", "help"} <= set(documented)
    shown = subprocess.run(
        ["make", "--no-print-directory", "help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert all(re.search(rf"^{name}:", shown, re.M) for name in documented)


def test_docs003_make_run_says_where_the_dashboard_is(tmp_path):
    """Class: what `python app.py` (so `make run`) prints names the resident
    pages, the dashboard with its login, and how to get an account, with the
    configured host and port."""
    from app import where_to_go

    told = where_to_go(Settings(host="127.0.0.1", port=8123))
    assert "http://127.0.0.1:8123/dashboard" in told
    assert "http://127.0.0.1:8123/login" in told and "create-user" in told
    process = subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=REPO_ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "BUDGETSCHUIVER_PORT": "0",
            "BUDGETSCHUIVER_INSTANCE_DIR": str(tmp_path),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        first = [process.stdout.readline() for _ in range(2)]
    finally:
        process.kill()
        process.wait(timeout=30)
    assert first[0].startswith("Residents:") and "/dashboard" in first[1]
