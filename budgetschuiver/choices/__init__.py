"""The shared base of the kinds whose ballot is a choice among options: polls and
moodboards."""
