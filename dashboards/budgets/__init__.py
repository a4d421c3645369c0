"""Dashboard views of budgets: results, the tally, opinion groups and the council
presentation."""
