"""The dashboard views of the participation kinds: one registration line per kind
(the resident side's are in `budgetschuiver/kinds.py`)."""

from __future__ import annotations

from dashboards.budgets.view import VIEW as BUDGETS
from dashboards.choices.view import MOODBOARDS, POLLS

VIEWS = (BUDGETS, POLLS, MOODBOARDS)
