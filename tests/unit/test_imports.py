"""Import contracts: pure modules stay pure, the resident side never imports the
dashboard or the composition root, and only the store talks to SQLAlchemy."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from budgetschuiver.kernel.settings import REPO_ROOT

# Rules, models, statistics, figures and counts: importable without a web framework
# or a database driver, so they can be tested and reused on their own. Every
# feature's model.py and rules.py and every statistics module are pure by place;
# these are the others.
PURE_MODULES = (
    "budgetschuiver.kernel.trajectory",
    "budgetschuiver.kernel.validation",
    "budgetschuiver.kernel.problems",
    "budgetschuiver.kernel.demographics",
    "budgetschuiver.kernel.codes",
    "budgetschuiver.kernel.i18n",
    "budgetschuiver.kernel.media",
    "budgetschuiver.kernel.reactions",
    "dashboards.kernel.figures",
    "dashboards.kernel.filters",
    "dashboards.kernel.group_figures",
    "dashboards.budgets.tally",
    "budgetschuiver.kernel.recent",
    "dashboards.kernel.typed_dates",
    "budgetschuiver.kernel.loopback",
    "budgetschuiver.kernel.places",
    "budgetschuiver.kernel.sharing.links",
    "budgetschuiver.kernel.sharing.picture",
    "budgetschuiver.ideas.validate",
    "budgetschuiver.forums.validate",
    "budgetschuiver.qa.validate",
)
FORBIDDEN = ("dash", "flask", "werkzeug", "sqlalchemy")
SIDES = ("budgetschuiver", "dashboards")
# Shared by every feature: the kernels and the statistics.
SHARED = {"kernel", "stats"}
# Polls and moodboards build on the shared base `choices` (its rules know both
# definitions): the three form one family and may import each other. Ideas,
# moderation (queue, reports, log), forums and the live Q&A (which reuse the
# ideas' text checks, reports and moderation) form another.
FAMILIES = (
    {"choices", "polls", "moodboards"},
    {"ideas", "moderation", "forums", "qa", "reactions"},
)
# Modules that compose the features (registration, the store's door, seeding, the
# CLI); app.py composes everything.
COMPOSERS = {
    "budgetschuiver/__main__.py",
    "budgetschuiver/kinds.py",
    "budgetschuiver/store.py",
    "budgetschuiver/seeding.py",
    "dashboards/views.py",
}
# The one door to the database: features may go through it; a kernel only names
# its types (under TYPE_CHECKING).
DOORS = {"budgetschuiver/store.py"}
# The CLI entry point composes the app like app.py does.
MAY_IMPORT_DASHBOARDS = {"budgetschuiver/__main__.py"}


def _pure_modules() -> list[str]:
    """The pure modules: listed ones plus every model.py, rules.py and statistics
    module found in the tree."""
    found = set(PURE_MODULES)
    for side in SIDES:
        for path in (REPO_ROOT / side).rglob("*.py"):
            parts = path.relative_to(REPO_ROOT).with_suffix("").parts
            by_place = parts[-1] in ("model", "rules") or parts[:2] == (
                "dashboards",
                "stats",
            )
            if by_place and parts[-1] != "__init__":
                found.add(".".join(parts))
    return sorted(found)


def _imports(path: Path) -> set[str]:
    """Top-level package names a module imports, anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            # `from budgetschuiver import budgets` names the package too.
            if node.module in SIDES:
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _runtime_imports(path: Path) -> set[str]:
    """`_imports` without those under `if TYPE_CHECKING:` (types only, never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            if node.module in SIDES:
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _feature(module: str) -> str | None:
    """'budgets' for budgetschuiver.budgets.page; None outside a feature folder."""
    parts = module.split(".")
    if parts[0] in SIDES and len(parts) > 2:
        return parts[1]
    return None


def _allowed(mine: str | None, theirs: str) -> bool:
    if theirs in SHARED or theirs == mine:
        return True
    if mine in SHARED:
        return False
    return any(mine in family and theirs in family for family in FAMILIES)


def _layer_offenders(root: Path) -> list[str]:
    """Imports that break the floor plan: the kernel importing a feature or a
    composing module, a feature importing another (outside its family)."""
    offenders = []
    for side in SIDES:
        for path in sorted((root / side).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if relative in COMPOSERS:
                continue
            module = ".".join(path.relative_to(root).with_suffix("").parts)
            mine = _feature(module)
            for name in sorted(_runtime_imports(path)):
                top = name.split(".")
                if top[0] not in SIDES:
                    continue
                door = name.replace(".", "/") + ".py" in DOORS and mine is not None
                if name.replace(".", "/") + ".py" in COMPOSERS and not door:
                    offenders.append(f"{relative} imports the composer {name}")
                    continue
                theirs = _feature(name)
                if len(top) == 2 and (root / top[0] / top[1]).is_dir():
                    theirs = top[1]
                if theirs is None:
                    continue
                kernel_breach = mine is None and theirs not in SHARED
                if kernel_breach or (mine is not None and not _allowed(mine, theirs)):
                    offenders.append(f"{relative} imports the feature {name}")
    return offenders


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


@pytest.mark.parametrize("module", _pure_modules())
def test_imp001_pure_modules_load_no_framework_or_driver(module):
    """Checked by importing, not by reading: a type-only import or a chain through
    another module counts too."""
    assert _loaded(module) == []


def test_imp002_the_resident_side_never_imports_the_dashboard_or_app():
    offenders = []
    for path in _sources("budgetschuiver"):
        relative = path.relative_to(REPO_ROOT).as_posix()
        if relative in MAY_IMPORT_DASHBOARDS:
            continue
        for name in _imports(path):
            if name.split(".")[0] in ("dashboards", "app"):
                offenders.append(f"{relative} imports {name}")
    assert offenders == []


def test_imp003_only_the_store_parts_import_sqlalchemy():
    offenders = [
        path.relative_to(REPO_ROOT).as_posix()
        for path in _sources("budgetschuiver", "dashboards")
        if path.name != "store.py"
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


def test_imp005_kernel_imports_no_feature_and_features_not_each_other():
    """The floor plan (DESIGN, README "Module map"): the kernels import no feature
    and no composing module; a feature imports the kernels, the statistics, its
    own mirror on the other side and its family, nothing else."""
    assert _layer_offenders(REPO_ROOT) == []


def test_imp006_the_layer_check_can_fail(tmp_path):
    """A kernel module importing a feature, and a feature importing another, are
    both caught."""
    for side in SIDES:
        for folder in ("kernel", "budgets", "polls"):
            (tmp_path / side / folder).mkdir(parents=True)
    (tmp_path / "budgetschuiver" / "kernel" / "web.py").write_text(
        "from budgetschuiver.budgets import rules\n"
    )
    (tmp_path / "budgetschuiver" / "polls" / "page.py").write_text(
        "from budgetschuiver.budgets.model import BudgetProject\n"
        "from budgetschuiver.kernel import i18n\n"
    )
    assert _layer_offenders(tmp_path) == [
        "budgetschuiver/kernel/web.py imports the feature budgetschuiver.budgets",
        "budgetschuiver/polls/page.py imports the feature budgetschuiver.budgets.model",
    ]
