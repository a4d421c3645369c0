"""Resident pages that belong to no kind: home, info, 404 and the shared "about you"
fields."""
