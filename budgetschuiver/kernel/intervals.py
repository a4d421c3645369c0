"""95% intervals, with the one z every figure uses (residents' poll results, the
dashboard, the API).

Pure. The z is 1.96: the README's results contract fixes it ("mean ± 1.96·s/√n")
so any figure can be checked by hand from the published definitions; the exact
97.5% normal quantile, 1.959964, differs from it by 0.002%.
"""

from __future__ import annotations

import math

import numpy as np

Z95 = 1.96


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval (Wilson 1927) for `successes` out of `n`, as shares
    in [0, 1]; (0, 0) for n = 0."""
    if n <= 0:
        return (0.0, 0.0)
    low, high = wilson_share_interval(successes / n, n, z)
    # At p = 0 or 1 a bound is exactly 0 or 1; floating point would miss it by a hair.
    return (0.0 if successes == 0 else low, 1.0 if successes == n else high)


def wilson_share_interval(
    share: float, n: float, z: float = Z95
) -> tuple[float, float]:
    """Wilson score interval for a share in [0, 1] out of `n` (n may be an
    effective, non-integer sample size, as with weighted results; Kish 1965);
    (0, 0) for n <= 0."""
    if n <= 0:
        return (0.0, 0.0)
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def wilson_lower_bounds(
    successes: np.ndarray, n: np.ndarray, z: float = Z95
) -> np.ndarray:
    """The lower bounds of `wilson_interval` for arrays of counts at once (whole
    numbers, `successes` <= `n`), float64 shares in [0, 1]: the same operations in
    the same order, so each bound equals the scalar function's to the last bit
    (IEEE 754 rounds +, -, *, / and sqrt exactly). 0 where n or successes is 0.
    Wilson (1927)."""
    hits = np.asarray(successes, dtype=np.int64)
    count = np.asarray(n, dtype=np.int64)
    # Empty groups are divided by 1 and then set to 0 below.
    safe = np.where(count > 0, count, 1)
    share = hits / safe
    denominator = 1 + z * z / safe
    centre = (share + z * z / (2 * safe)) / denominator
    spread = share * (1 - share) / safe + z * z / (4 * safe * safe).astype(np.float64)
    half = z * np.sqrt(spread) / denominator
    lower = np.maximum(0.0, centre - half)
    return np.where((count > 0) & (hits > 0), lower, 0.0)


def mean_interval(mean: float, std: float, n_eff: float) -> tuple[float, float]:
    """Normal-approximation 95% interval of a mean: mean ± z·s/√n (n may be an
    effective sample size); the mean itself for n <= 1."""
    if n_eff <= 1:
        return (mean, mean)
    half = Z95 * std / math.sqrt(n_eff)
    return (mean - half, mean + half)
