"""What every dashboard view stands on: filters, accounts, the callback guard."""
