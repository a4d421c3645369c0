"""Voting codes: enough randomness, easy to type, tolerant of how people type them."""

from __future__ import annotations

import re

import pytest

from budgetschuiver.kernel import codes


def test_cod001_codes_are_random_typable_and_strong():
    issued = {codes.new_code() for _ in range(2000)}
    assert len(issued) == 2000
    assert codes.BITS >= 50
    for code in list(issued)[:200]:
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{3}", code)
        assert not set(code) & set("0O1IL2Z5S8B")  # no look-alikes


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("KQ7M-4TDP-9XA", "KQ7M4TDP9XA"),
        ("kq7m 4tdp 9xa", "KQ7M4TDP9XA"),
        (" KQ7M4TDP9XA ", "KQ7M4TDP9XA"),
        ("KQ7M-4TDP-9X", None),  # too short
        ("KQ7M-4TDP-9XO", None),  # O is not in the alphabet
        ("", None),
        (None, None),
        (12345678901, None),
        ("K" * 41, None),
    ],
)
def test_cod002_normalize(typed, expected):
    assert codes.normalize(typed) == expected
