"""Resident pages computed by the dashboard side: results, preview, embed, report."""
