"""The forums' dashboard page: conclusions and posts as the municipality."""
