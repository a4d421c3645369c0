"""Unit fixtures: the demo trajectories, loaded without an app or database."""

from __future__ import annotations

import pytest

from budgetschuiver.projects import BudgetProject, load_catalog
from budgetschuiver.settings import REPO_ROOT


@pytest.fixture(scope="session")
def demo():
    return load_catalog(REPO_ROOT / "data")


@pytest.fixture(scope="session")
def park(demo) -> BudgetProject:
    return demo.project("park-zuiderpark")


@pytest.fixture(scope="session")
def city(demo) -> BudgetProject:
    return demo.project("begroting-2027")
