"""Reactions on a whole trajectory: the idea rounds' reactions component switched
on for a budget, poll or moodboard (`reactions: true` in its definition)."""
