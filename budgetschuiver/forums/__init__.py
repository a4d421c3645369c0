"""Forums: residents and the municipality discuss a trajectory's question."""
