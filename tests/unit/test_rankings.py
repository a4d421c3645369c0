"""Rankings with shared places: equal values share a place and the next is skipped."""

from __future__ import annotations

import pytest

from budgetschuiver.choices.rules import rank


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"a": 9, "b": 7, "c": 4, "d": 4, "e": 1}, [1, 2, 3, 3, 5]),
        ({"a": 5, "b": 5, "c": 5}, [1, 1, 1]),
        ({"a": 0.5, "b": 0.25, "c": 0.25, "d": 0.25}, [1, 2, 2, 2]),
        ({"a": 3, "b": 2, "c": 1}, [1, 2, 3]),
        ({"a": 0, "b": 2, "c": 0}, [1, 2, 2]),
    ],
)
def test_rank001_equal_values_share_a_place(values, expected):
    """Class: ties ranked by file order. No two equal values get different places,
    every tied entry says so, and places skip after a tie ("1224")."""
    ranked = rank(values, values)
    assert [entry.place for entry in ranked] == expected
    for entry in ranked:
        same = [v for v in values.values() if v == values[entry.item]]
        assert entry.shared == (len(same) > 1)
    assert [values[e.item] for e in ranked] == sorted(values.values(), reverse=True)


def test_rank002_ties_keep_the_given_order():
    ranked = rank({"x": 1, "y": 2, "z": 1}, ["z", "y", "x"])
    assert [(e.item, e.place) for e in ranked] == [("y", 1), ("z", 2), ("x", 2)]
