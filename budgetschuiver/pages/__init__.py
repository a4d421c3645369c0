"""Resident pages: one module per URL, each with layout(**kwargs) and its callbacks."""
