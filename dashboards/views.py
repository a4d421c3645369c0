"""The dashboard views of the participation kinds: one registration line per kind
(the resident side's are in `budgetschuiver/kinds.py`)."""

from __future__ import annotations

from dashboards.budgets.view import VIEW as BUDGETS
from dashboards.choices.view import MOODBOARDS, POLLS
from dashboards.forums.view import VIEW as FORUMS
from dashboards.ideas.view import VIEW as IDEAS
from dashboards.qa.view import VIEW as QA

VIEWS = (BUDGETS, POLLS, MOODBOARDS, IDEAS, FORUMS, QA)
