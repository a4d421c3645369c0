"""Import contracts: pure modules stay pure, the resident side never imports the
dashboard or the composition root, and only the store talks to SQLAlchemy."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from budgetschuiver.settings import REPO_ROOT

# Rules, models, statistics, figures and counts: importable without a web framework
# or a database driver, so they can be tested and reused on their own.
PURE = (
    "budgetschuiver.budget",
    "budgetschuiver.votes",
    "budgetschuiver.validation",
    "budgetschuiver.projects",
    "budgetschuiver.problems",
    "budgetschuiver.demographics",
    "budgetschuiver.codes",
    "budgetschuiver.i18n",
    "budgetschuiver.media",
    "budgetschuiver.ideas.rules",
    "budgetschuiver.ideas.model",
    "budgetschuiver.ideas.validate",
    "budgetschuiver.moderation.rules",
    "dashboards.aggregate",
    "dashboards.figures",
    "dashboards.filters",
    "dashboards.group_figures",
    "dashboards.groups",
    "dashboards.results",
    "dashboards.tally",
)
FORBIDDEN = ("dash", "flask", "werkzeug", "sqlalchemy")
# The CLI entry point composes the app like app.py does.
COMPOSERS = {"budgetschuiver/__main__.py"}
STORE = {
    "budgetschuiver/store.py",
    "budgetschuiver/ideas/store.py",
    "budgetschuiver/moderation/store.py",
}


def _imports(path: Path) -> set[str]:
    """Top-level package names a module imports, anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def _sources(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (REPO_ROOT / f).rglob("*.py"))


def _loaded(module: str) -> list[str]:
    """Forbidden packages present after importing `module` in a fresh interpreter."""
    code = (
        f"import sys, json, {module}; "
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & "
        f"set({list(FORBIDDEN)!r}))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("module", PURE)
def test_imp001_pure_modules_load_no_framework_or_driver(module):
    """Checked by importing, not by reading: a type-only import or a chain through
    another module counts too."""
    assert _loaded(module) == []


def test_imp002_the_resident_side_never_imports_the_dashboard_or_app():
    offenders = []
    for path in _sources("budgetschuiver"):
        relative = path.relative_to(REPO_ROOT).as_posix()
        if relative in COMPOSERS:
            continue
        for name in _imports(path):
            if name.split(".")[0] in ("dashboards", "app"):
                offenders.append(f"{relative} imports {name}")
    assert offenders == []


def test_imp003_only_the_store_imports_sqlalchemy():
    offenders = [
        path.relative_to(REPO_ROOT).as_posix()
        for path in _sources("budgetschuiver", "dashboards")
        if path.relative_to(REPO_ROOT).as_posix() not in STORE
        and any(name.split(".")[0] == "sqlalchemy" for name in _imports(path))
    ]
    assert offenders == []


def test_imp004_the_contract_check_can_fail(tmp_path):
    """A rule module that imports SQLAlchemy is caught by both checks."""
    module = tmp_path / "bad_rules.py"
    module.write_text("import sqlalchemy\n")
    assert "sqlalchemy" in _imports(module)
    code = (
        f"import sys, json; sys.path.insert(0, {str(tmp_path)!r}); import bad_rules; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "sqlalchemy" in json.loads(out.stdout)
