"""Dashboard views of polls and moodboards."""
