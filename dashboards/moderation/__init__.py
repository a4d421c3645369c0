"""Moderation dashboard: the queue, decisions and the log."""
