"""Moodboards: residents pick their favourite pictures."""
