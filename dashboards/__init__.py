"""Dashboard statistics: pure aggregation helpers behind the results pages."""
