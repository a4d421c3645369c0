"""The participation kernel: what every kind stands on (settings, language, web
plumbing, trajectories, the contribution pipeline); imports no feature."""
