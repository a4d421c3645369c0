"""Unit fixtures: the demo trajectories, loaded without an app or database."""

from __future__ import annotations

import pytest

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog


@pytest.fixture(scope="session")
def demo():
    return load_catalog(REPO_ROOT / "data")


@pytest.fixture(scope="session")
def park(demo) -> BudgetProject:
    return demo.find("budget", "park-zuiderpark")


@pytest.fixture(scope="session")
def city(demo) -> BudgetProject:
    return demo.find("budget", "begroting-2027")
