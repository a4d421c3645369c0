"""Comparing result objects computed two ways: equal structure and text, numbers
equal up to the order of floating-point additions."""

from __future__ import annotations

import math

import pytest


def assert_close(got, want, path: str = "result") -> None:
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), path
        for key in want:
            assert_close(got[key], want[key], f"{path}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), path
        for k, (a, b) in enumerate(zip(got, want, strict=True)):
            assert_close(a, b, f"{path}[{k}]")
    elif isinstance(want, float):
        assert isinstance(got, float), path
        if math.isnan(want):
            assert math.isnan(got), path
        else:
            assert got == pytest.approx(want, rel=1e-9, abs=1e-6), path
    else:
        assert got == want, path
