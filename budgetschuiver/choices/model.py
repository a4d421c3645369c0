"""What polls and moodboards share in their definitions."""

from __future__ import annotations


def choice_limits(low: int, high: int, available: int, what: str) -> None:
    """The same rule for every kind with choices: a vote must be possible, so
    min_choices <= max_choices <= the number of options or pictures. Raises
    ValueError naming the field."""
    if low > high:
        raise ValueError(f"min_choices ({low}) must not exceed max_choices ({high})")
    if high > available:
        raise ValueError(
            f"max_choices ({high}) must not exceed the number of {what} "
            f"({available}): no vote could be valid"
        )
