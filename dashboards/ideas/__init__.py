"""Ideas dashboard: ranking, position-bias audit and moderation figures of a round."""
