"""Dashboard tools for moodboards: the picture upload page."""
