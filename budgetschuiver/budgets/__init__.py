"""Budgets: the budgetschuiver itself (sliders over a budget's lines, consequences, tax
effect)."""
