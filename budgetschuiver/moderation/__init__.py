"""Moderation: local checks on residents' text, reports, decisions and their log."""
