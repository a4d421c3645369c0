"""Budgetschuiver: e-participation for residents (budget shifter, polls, moodboards)."""

__version__ = "0.1.0"
