"""Shared places for ties in a table of counts (`kernel.places`)."""

from __future__ import annotations

import pytest

from budgetschuiver.kernel import places


def test_pla001_counts_ranked_with_shared_places():
    """Class: a tie shown as a difference, or shares that do not add up."""
    ranked = places.by_count([("b", 3), ("a", 5), ("d", 3), ("c", 0), ("e", 3)])
    assert [(r.id, r.place, r.tied) for r in ranked] == [
        ("a", 1, False),
        ("b", 2, True),
        ("d", 2, True),
        ("e", 2, True),
        ("c", 5, False),
    ]
    assert sum(r.share for r in ranked) == pytest.approx(1.0)
    assert ranked[0].share == pytest.approx(5 / 14)
    assert [r.share for r in places.by_count([("x", 0), ("y", 0)])] == [0.0, 0.0]
    assert places.by_count([]) == []
    with pytest.raises(ValueError):
        places.by_count([("x", -1)])
