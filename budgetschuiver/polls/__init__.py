"""Polls: one question, options, "anders, namelijk"."""
