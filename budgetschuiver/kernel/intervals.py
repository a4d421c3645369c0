"""95% intervals, with the one z every figure uses (residents' poll results, the
dashboard, the API).

Pure. The z is 1.96: the README's results contract fixes it ("mean ± 1.96·s/√n")
so any figure can be checked by hand from the published definitions; the exact
97.5% normal quantile, 1.959964, differs from it by 0.002%.
"""

from __future__ import annotations

import math

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


def mean_interval(mean: float, std: float, n_eff: float) -> tuple[float, float]:
    """Normal-approximation 95% interval of a mean: mean ± z·s/√n (n may be an
    effective sample size); the mean itself for n <= 1."""
    if n_eff <= 1:
        return (mean, mean)
    half = Z95 * std / math.sqrt(n_eff)
    return (mean - half, mean + half)
