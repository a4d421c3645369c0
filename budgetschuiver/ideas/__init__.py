"""Ideas: rounds where residents post, rate and discuss ideas."""
