"""Closing the loop: public results, the municipality's answer, feeds (issue 16)."""
