"""Sharing: share links, copy, share sheet, preview picture, video placeholder."""
