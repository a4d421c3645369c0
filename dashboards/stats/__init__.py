"""Pure statistics for the dashboard, one topic a file."""
