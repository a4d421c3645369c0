"""Dashboard pages: one module per URL (votes.py serves polls and moodboards)."""
