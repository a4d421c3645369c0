"""Opinion groups: kinds of residents found in budgets and in idea ratings.

Pure (numpy, scipy, scikit-learn; no Dash, no SQL). Two entry points:

- `budget_groups`: budget archetypes. Each ballot becomes its change from the plan
  per line, as a share of that line's range (so every line's full swing weighs the
  same, whatever its euros; locked lines drop out). k-means for k = 2..6, the k with
  the highest mean silhouette (Rousseeuw 1987, "Silhouettes: a graphical aid to the
  interpretation and validation of cluster analysis") wins.
- `idea_groups`: participants by their support/oppose/neutral ratings, the way
  Pol.is does it (Small et al. 2021, "Polis: Scaling deliberation by mapping high
  dimensional opinion spaces"): missing ratings filled with the idea's mean rating,
  PCA to two components, each participant's projection scaled by
  sqrt(ideas / ideas rated) so that sparse raters are not pulled to the centre,
  then k-means on the map; distinctive ideas by the Pol.is representativeness test;
  the group-aware consensus score prod_g (support_g + 1) / (raters_g + 2).

Both are reproducible (fixed seed), independent of the order of the rows (rows are
put in a canonical order before any random choice), fitted on a subsample of at
most `FIT_SAMPLE` rows when there are more (every row is then assigned to its
nearest centre), and keep group ids when recomputed: new groups are matched to the
previous ones by centre distance (Hungarian assignment, Kuhn 1955). Groups with
fewer than `min_size` members are never reported: their members are counted as
`unassigned`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.stats import norm
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

from dashboards.stats.aggregate import suppress_counts

if TYPE_CHECKING:
    # Types only: statistics work on plain numbers, a budget names its lines.
    from budgetschuiver.budgets.model import BudgetProject

SEED = 17
K_RANGE = range(2, 7)
# Rows the clustering is fitted on; more rows are assigned to the nearest centre.
FIT_SAMPLE = 20_000
# Rows the silhouette of each candidate k is measured on (it costs n^2).
SILHOUETTE_SAMPLE = 3_000
KMEANS_RESTARTS = 4
# A group "raises" or "lowers" a line when its mean differs from the plan by at
# least this share of the plan (of the line's range when the plan is 0).
MOVE_SHARE = 0.05
# Lines named in a group's description, per direction.
DESCRIBED = 2
# The map: a square grid over the first two principal components with about
# sqrt(n / (MAP_FILL * k)) bins per side (so an average bin holds MAP_FILL times
# the smallest shown group), within these bounds; a bin is drawn only when at
# least `min_size` ballots fall in it.
MAP_BINS = 24
MAP_MIN_BINS = 4
MAP_FILL = 4

# Idea ratings, as int8 codes in the rating matrix.
SUPPORT, NEUTRAL, OPPOSE, MISSING = 1, 0, -1, -128
# Components the participants are clustered on. Pol.is clusters on its 2-D map;
# up to 6 groups need up to 5 dimensions to stay apart (4 planted groups were
# merged in 2-D in our tests), so the map shows the first 2 of these.
IDEA_COMPONENTS = 5
# Pol.is leaves out participants who rated fewer ideas than this.
MIN_RATINGS = 7
# Distinctive ideas: one-sided two-proportion z-test at 95% (Pol.is uses 90%).
DISTINCTIVE_Z = float(norm.ppf(0.95))
DISTINCTIVE_TOP = 5
# Threads for the numeric libraries while grouping: one, so a background run
# leaves the other cores to the requests (more threads on a busy machine made
# k-means 20x slower, not faster).
THREADS = 1
# Rows per slice when the full rating matrix would need large temporaries.
CHUNK = 8_192


def _one_thread(function: Callable) -> Callable:
    """Run `function` with the numeric libraries limited to `THREADS` threads."""

    @functools.wraps(function)
    def limited(*args, **kwargs):
        with threadpool_limits(limits=THREADS):
            return function(*args, **kwargs)

    return limited


@dataclasses.dataclass(frozen=True)
class Clusters:
    """A clustering of n rows: `labels[i]` is row i's group id, `centres[g]` the
    centre of group g in feature space, `silhouette` the mean silhouette of the
    chosen k on its sample, `fitted` the number of rows the fit used."""

    labels: np.ndarray
    centres: dict[int, np.ndarray]
    silhouette: float
    fitted: int


def _canonical_order(features: np.ndarray) -> np.ndarray:
    """A row order that depends only on the rows' values, not on their order."""
    return np.lexsort(features.T[::-1])


def _sample(order: np.ndarray, size: int, seed: int) -> np.ndarray:
    """At most `size` rows, drawn by position in a canonical `order`: the same rows
    are drawn whatever order they came in."""
    if len(order) <= size:
        return order
    rng = np.random.default_rng(seed)
    return order[np.sort(rng.choice(len(order), size, replace=False))]


def match_ids(
    centres: np.ndarray, previous: Mapping[int, Sequence[float]] | None
) -> list[int]:
    """Group ids for new centres (k x d): an earlier group's id goes to a new
    centre when the two are matched in the minimum-total-distance assignment
    (Hungarian) and each is the other's nearest, so an id never passes to a group
    that merely happens to be left over; other new centres get fresh ids after the
    largest earlier id (pass the centres of groups that disappeared too, so no id
    is reused). Without earlier groups ids are 1..k in the order given."""
    k = len(centres)
    if not previous:
        return list(range(1, k + 1))
    old_ids = list(previous)
    old = np.array([previous[i] for i in old_ids], dtype=float)
    if old.shape[1:] != centres.shape[1:]:
        return list(range(1, k + 1))
    cost = np.linalg.norm(centres[:, None, :] - old[None, :, :], axis=2)
    rows, cols = linear_sum_assignment(cost)
    ids = [0] * k
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        if cost[:, c].argmin() == r and cost[r].argmin() == c:
            ids[r] = old_ids[c]
    fresh = max(old_ids) + 1
    for r in range(k):
        if ids[r] == 0:
            ids[r] = fresh
            fresh += 1
    return ids


def cluster(
    features: np.ndarray,
    previous: Mapping[int, Sequence[float]] | None = None,
    seed: int = SEED,
    k_range: range = K_RANGE,
    fit_sample: int = FIT_SAMPLE,
) -> Clusters:
    """k-means on `features` (n x d floats) with k chosen by the highest mean
    silhouette over `k_range`; ids kept from `previous` ({id: centre}) where the
    groups match. Without `previous`, ids follow group size (1 = largest).
    Raises ValueError when there are fewer rows than the smallest k."""
    # Kept in the caller's precision (float32 at a million ballots halves the
    # memory); the fit itself runs in float64 on the subsample.
    features = np.asarray(features)
    n = len(features)
    if n < k_range.start:
        raise ValueError("fewer rows than groups")
    fit = features[_sample(_canonical_order(features), fit_sample, seed)].astype(
        np.float64
    )
    distinct = len(np.unique(fit, axis=0))
    best: tuple[float, KMeans] | None = None
    for k in k_range:
        if k > distinct:
            break
        model = KMeans(n_clusters=k, n_init=KMEANS_RESTARTS, random_state=seed).fit(fit)
        if len(set(model.labels_.tolist())) < 2:
            score = -1.0
        else:
            score = float(
                silhouette_score(
                    fit,
                    model.labels_,
                    sample_size=min(SILHOUETTE_SAMPLE, len(fit)),
                    random_state=seed,
                )
            )
        if best is None or score > best[0]:
            best = (score, model)
    if best is None:
        raise ValueError("too few distinct rows to form groups")
    score, model = best
    raw = _assign(features, model.cluster_centers_)
    sizes = np.bincount(raw, minlength=len(model.cluster_centers_))
    # Largest group first (ties by centre), so ids do not depend on k-means' order.
    rank = sorted(
        range(len(sizes)),
        key=lambda g: (-sizes[g], tuple(model.cluster_centers_[g].round(12))),
    )
    centres = model.cluster_centers_[rank]
    ids = match_ids(centres, previous)
    relabel = np.empty(len(rank), dtype=np.int64)
    for new_position, g in enumerate(rank):
        relabel[g] = ids[new_position]
    return Clusters(
        labels=relabel[raw],
        centres={ids[p]: centres[p] for p in range(len(rank))},
        silhouette=score,
        fitted=len(fit),
    )


def _assign(features: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Nearest centre per row, in slices (n x k distances at a time)."""
    labels = np.empty(len(features), dtype=np.int64)
    squared = (centres**2).sum(axis=1)
    for start in range(0, len(features), CHUNK * 8):
        part = features[start : start + CHUNK * 8]
        distance = squared[None, :] - 2.0 * part @ centres.T
        labels[start : start + len(part)] = distance.argmin(axis=1)
    return labels


# -- budget archetypes --------------------------------------------------------------


def budget_features(
    amounts: np.ndarray, plan: np.ndarray, low: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each ballot's change from the plan per line as a share of the line's range
    (n x m euros in, n x m' out, lines with no range left out), and the indices of
    the lines kept."""
    span = np.asarray(high, dtype=float) - np.asarray(low, dtype=float)
    kept = np.flatnonzero(span > 0)
    # float32 throughout: a million ballots without float64 temporaries, and
    # seven significant digits are plenty to tell budgets apart.
    changes = np.asarray(amounts)[:, kept].astype(np.float32, copy=False)
    changes -= np.asarray(plan, dtype=np.float32)[kept]
    changes /= span[kept].astype(np.float32)
    return changes, kept


def _moves(centre: np.ndarray, plan: np.ndarray, span: np.ndarray) -> np.ndarray:
    """Change from plan as a share of the plan (of the range when the plan is 0)."""
    base = np.where(plan > 0, plan, np.where(span > 0, span, 1.0))
    return (centre - plan) / base


@_one_thread
def budget_groups(
    amounts: np.ndarray,
    line_ids: Sequence[str],
    plan: Sequence[float],
    low: Sequence[float],
    high: Sequence[float],
    min_size: int,
    districts: np.ndarray | None = None,
    age_bands: np.ndarray | None = None,
    previous: Mapping[int, Sequence[float]] | None = None,
    seed: int = SEED,
    fit_sample: int = FIT_SAMPLE,
) -> dict:
    """Budget archetypes of n ballots.

    `amounts`: n x m euros in the order of `line_ids`; `plan`, `low`, `high`: the
    lines' plan, minimum and maximum in euros; `districts`, `age_bands`: optional
    per-ballot labels (None or "" when not given); `previous`: the `centres` of
    the last result, to keep group ids. Returns plain data:

    {"n", "unassigned", "k", "silhouette", "fitted", "groups": [{"id", "size",
    "centre": {line: euros}, "change": {line: share of plan}, "raises": [line],
    "lowers": [line], "districts": {district: count or None (hidden)},
    "age_bands": {...}}], "agreement": [line], "centres": {id: [feature...]},
    "map": {"x_label", "y_label", "bins": [{"x", "y", "count", "group"}]}}

    Groups smaller than `min_size` are left out and their ballots counted in
    `unassigned`; counts per district or age band below `min_size` are None
    (`aggregate.suppress_counts`). Raises ValueError for fewer than two ballots.
    """
    amounts = np.asarray(amounts)
    if amounts.dtype != np.float32:
        amounts = amounts.astype(np.float64)
    plan_a = np.asarray(plan, dtype=float)
    span = np.asarray(high, dtype=float) - np.asarray(low, dtype=float)
    features, kept = budget_features(amounts, plan_a, low, high)
    found = cluster(features, previous, seed=seed, fit_sample=fit_sample)
    n = len(amounts)
    groups = []
    unassigned = 0
    for gid in sorted(found.centres):
        members = found.labels == gid
        size = int(members.sum())
        if size < min_size:
            unassigned += size
            continue
        centre = amounts[members].mean(axis=0, dtype=np.float64)
        move = _moves(centre, plan_a, span)
        up = [j for j in np.argsort(-move) if move[j] >= MOVE_SHARE]
        down = [j for j in np.argsort(move) if move[j] <= -MOVE_SHARE]
        groups.append(
            {
                "id": gid,
                "size": size,
                "centre": {line_ids[j]: float(centre[j]) for j in range(len(line_ids))},
                "change": {line_ids[j]: float(move[j]) for j in range(len(line_ids))},
                "raises": [line_ids[j] for j in up],
                "lowers": [line_ids[j] for j in down],
                "districts": _spread(districts, members, min_size),
                "age_bands": _spread(age_bands, members, min_size),
            }
        )
    agreement = _agreement(groups, line_ids)
    return {
        "n": n,
        "unassigned": unassigned,
        "k": len(found.centres),
        "silhouette": found.silhouette,
        "fitted": found.fitted,
        "groups": groups,
        "agreement": agreement,
        "centres": {gid: c.tolist() for gid, c in found.centres.items()},
        "map": _density_map(
            features, found.labels, groups, min_size, seed, line_ids, kept
        ),
    }


def project_groups(
    project: BudgetProject, amounts: np.ndarray, min_size: int, **kwargs
):
    """`budget_groups` with the lines of a trajectory (amounts n x lines, euros,
    in the project's line order); keyword arguments as there."""
    lines = project.lines
    return budget_groups(
        amounts,
        [line.id for line in lines],
        [line.plan for line in lines],
        [line.min for line in lines],
        [line.top for line in lines],
        min_size,
        **kwargs,
    )


def _spread(
    labels: np.ndarray | None, members: np.ndarray, min_size: int
) -> dict[str, int | None]:
    """Members per label (missing labels left out), small cells hidden as None."""
    if labels is None:
        return {}
    counted = Counter(np.asarray(labels, dtype=object)[members].tolist())
    table = {name: counted[name] for name in sorted(counted, key=str) if name}
    hidden = suppress_counts(table, min_size)
    return {name: (None if name in hidden else count) for name, count in table.items()}


def _agreement(groups: list[dict], line_ids: Sequence[str]) -> list[str]:
    """Lines every shown group moves the same way (all raise, or all lower); none
    when fewer than two groups are shown."""
    if len(groups) < 2:
        return []
    raised = set.intersection(*(set(g["raises"]) for g in groups))
    lowered = set.intersection(*(set(g["lowers"]) for g in groups))
    return [line for line in line_ids if line in raised or line in lowered]


def _density_map(
    features: np.ndarray,
    labels: np.ndarray,
    groups: list[dict],
    min_size: int,
    seed: int,
    line_ids: Sequence[str],
    kept: np.ndarray,
) -> dict:
    """The ballots on their first two principal components, binned
    (`density_bins`); the axes are named by the line that loads most on each
    component."""
    shown = {g["id"] for g in groups}
    if features.shape[1] < 2 or not shown:
        return {"x_line": None, "y_line": None, "bins": []}
    fit_rows = _sample(_canonical_order(features), FIT_SAMPLE, seed)
    pca = PCA(n_components=2, random_state=seed).fit(features[fit_rows])
    axis_line = [
        line_ids[kept[int(np.abs(pca.components_[d]).argmax())]] for d in (0, 1)
    ]
    return {
        "x_line": axis_line[0],
        "y_line": axis_line[1],
        "bins": density_bins(pca.transform(features), labels, shown, min_size),
    }


def density_bins(
    xy: np.ndarray, labels: np.ndarray, shown: set[int], min_size: int
) -> list[dict]:
    """Points (n x 2 map coordinates, `labels[i]` the group id of point i, -1 for
    none) as a square grid of about sqrt(n / (MAP_FILL * min_size)) bins a side
    (between MAP_MIN_BINS and MAP_BINS): [{"x", "y", "count", "group"}] for each
    bin with at least `min_size` points, "group" the most common of the `shown`
    groups in it (None when it holds none); emptier bins are left out, so no
    drawn point is one participant."""
    if not shown or len(xy) == 0:
        return []
    side = int(
        np.clip(
            np.sqrt(len(xy) / (MAP_FILL * max(min_size, 1))), MAP_MIN_BINS, MAP_BINS
        )
    )
    edges = [
        np.linspace(xy[:, d].min(), xy[:, d].max() + 1e-12, side + 1) for d in (0, 1)
    ]
    ix = np.clip(np.searchsorted(edges[0], xy[:, 0], side="right") - 1, 0, side - 1)
    iy = np.clip(np.searchsorted(edges[1], xy[:, 1], side="right") - 1, 0, side - 1)
    cell = ix * side + iy
    ids = sorted(shown)
    code = np.full(max(int(labels.max()), max(ids)) + 1, -1)
    for k, gid in enumerate(ids):
        code[gid] = k
    member = np.where(labels >= 0, code[np.maximum(labels, 0)], -1)
    per = np.zeros((side * side, len(ids) + 1), dtype=np.int64)
    np.add.at(per, (cell, np.where(member >= 0, member, len(ids))), 1)
    totals = per.sum(axis=1)
    bins = []
    for c in np.flatnonzero(totals >= min_size).tolist():
        bx, by = divmod(c, side)
        main = int(per[c, : len(ids)].argmax())
        bins.append(
            {
                "x": float((edges[0][bx] + edges[0][bx + 1]) / 2),
                "y": float((edges[1][by] + edges[1][by + 1]) / 2),
                "count": int(totals[c]),
                "group": ids[main] if per[c, main] > 0 else None,
            }
        )
    return bins


def group_label(
    group: Mapping, names: Mapping[str, str], texts: Mapping[str, str]
) -> str:
    """A short name from what a group raises most, else lowers most, else "close
    to the plan": texts["first"] / ["less"] / ["plan"], "{line}" filled in."""
    if group["raises"]:
        return texts["first"].replace("{line}", names[group["raises"][0]])
    if group["lowers"]:
        return texts["less"].replace("{line}", names[group["lowers"][0]])
    return texts["plan"]


def group_labels(
    groups: Sequence[Mapping], names: Mapping[str, str], texts: Mapping[str, str]
) -> dict[int, str]:
    """`group_label` for each group, made unique by adding the group's id where
    two groups would get the same name."""
    plain = {g["id"]: group_label(g, names, texts) for g in groups}
    seen: dict[str, int] = {}
    for label in plain.values():
        seen[label] = seen.get(label, 0) + 1
    return {
        gid: (f"{label} ({gid})" if seen[label] > 1 else label)
        for gid, label in plain.items()
    }


def group_moves(group: Mapping, names: Mapping[str, str]) -> list[str]:
    """ "bomen +38%", "sport −22%": the `DESCRIBED` largest raises and lowers,
    as whole percentages of the plan (a Unicode minus sign, as Dutch print does)."""
    parts = []
    for line in list(group["raises"][:DESCRIBED]) + list(group["lowers"][:DESCRIBED]):
        value = round(group["change"][line] * 100)
        sign = "+" if value >= 0 else "\u2212"
        parts.append(f"{names[line]} {sign}{abs(value)}%")
    return parts


# -- idea groups --------------------------------------------------------------------


def _rated_counts(ratings: np.ndarray) -> np.ndarray:
    counts = np.zeros(len(ratings), dtype=np.int64)
    for start in range(0, len(ratings), CHUNK):
        counts[start : start + CHUNK] = (ratings[start : start + CHUNK] != MISSING).sum(
            axis=1
        )
    return counts


def _idea_means(ratings: np.ndarray) -> np.ndarray:
    total = np.zeros(ratings.shape[1])
    seen = np.zeros(ratings.shape[1])
    for start in range(0, len(ratings), CHUNK):
        part = ratings[start : start + CHUNK]
        known = part != MISSING
        total += np.where(known, part, 0).sum(axis=0)
        seen += known.sum(axis=0)
    return np.divide(total, seen, out=np.zeros_like(total), where=seen > 0)


def _filled(part: np.ndarray, means: np.ndarray) -> np.ndarray:
    return np.where(part == MISSING, means.astype(np.float32), part.astype(np.float32))


def idea_map(
    ratings: np.ndarray,
    seed: int = SEED,
    fit_sample: int = FIT_SAMPLE,
    components: int = 2,
) -> np.ndarray:
    """Pol.is' opinion map of participants (rows) over ideas (columns): int8 codes
    SUPPORT/NEUTRAL/OPPOSE/MISSING in, n x `components` coordinates out (at most
    the number of ideas). Missing ratings take the idea's mean rating; PCA (fitted
    on at most `fit_sample` rows chosen independently of row order); each row
    scaled by sqrt(ideas / ideas it rated)."""
    ratings = np.asarray(ratings, dtype=np.int8)
    n, p = ratings.shape
    means = _idea_means(ratings)
    # Rows in the order of a digest of their content: the same rows give the same
    # sample whatever their order (lexsort over thousands of columns is too slow).
    digests = np.array(
        [
            int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=8).digest())
            for row in ratings
        ],
        dtype=np.uint64,
    )
    fit_rows = _sample(np.argsort(digests, kind="stable"), fit_sample, seed)
    components = min(components, p, len(fit_rows))
    pca = PCA(n_components=components, svd_solver="randomized", random_state=seed)
    pca.fit(_filled(ratings[fit_rows], means))
    xy = np.empty((n, components))
    for start in range(0, n, CHUNK):
        xy[start : start + CHUNK] = pca.transform(
            _filled(ratings[start : start + CHUNK], means)
        )
    rated = _rated_counts(ratings)
    xy *= np.sqrt(p / np.maximum(rated, 1))[:, None]
    return xy


@_one_thread
def idea_groups(
    ratings: np.ndarray,
    idea_ids: Sequence[str],
    min_size: int,
    previous: Mapping[int, Sequence[float]] | None = None,
    seed: int = SEED,
    fit_sample: int = FIT_SAMPLE,
    min_ratings: int = MIN_RATINGS,
) -> dict:
    """Idea groups of a rating matrix (participants x ideas, int8 codes SUPPORT=1,
    NEUTRAL=0, OPPOSE=-1, MISSING=-128).

    Participants who rated fewer than min(min_ratings, ideas) ideas are not
    placed (Pol.is does the same) and count as `unassigned`, as do members of
    groups below `min_size`. Returns {"n", "unassigned", "k", "silhouette",
    "groups": [{"id", "size", "distinctive": [idea], "stance": {idea: "support"
    or "oppose"}, "support": {idea: share in [0, 1] or None}, "raters": {idea:
    members who rated it}}], "consensus": [idea], "plain": [idea],
    "consensus_scores": {idea: score}, "plain_scores": {idea: score}, "centres":
    {id: [component...]}, "map": {"x_line": None, "y_line": None, "bins":
    [{"x", "y", "count", "group"}]}}: the map is the placed participants on
    the first two components, binned by `density_bins`; `consensus`
    orders ideas by prod over shown groups of (support + 1) / (raters + 2),
    `plain` by (support + 1) / (raters + 2) over everyone. Distinctive ideas:
    Pol.is' representativeness, (agree_in+1)/(n_in+2) over the same outside the
    group, kept when a one-sided two-proportion z-test passes at 95%, strongest
    first, at most `DISTINCTIVE_TOP`, support and opposition alike."""
    ratings = np.asarray(ratings, dtype=np.int8)
    n, p = ratings.shape
    placed = _rated_counts(ratings) >= min(min_ratings, p)
    rows = np.flatnonzero(placed)
    result: dict = {
        "n": n,
        "unassigned": n,
        "k": 0,
        "silhouette": None,
        "groups": [],
        "consensus": [],
        "plain": [],
        "consensus_scores": {},
        "plain_scores": {},
        "centres": {},
        "map": {"x_line": None, "y_line": None, "bins": []},
    }
    counts_all = _group_counts(ratings, np.zeros(n, dtype=np.int64), 1)
    plain = (counts_all[0, 0] + 1) / (counts_all[0, 2] + 2)
    result["plain"] = _ranked(idea_ids, plain)
    result["plain_scores"] = dict(zip(idea_ids, plain.tolist(), strict=True))
    if len(rows) < K_RANGE.start * max(min_size, 1):
        return result
    xy = idea_map(ratings[rows], seed, fit_sample, IDEA_COMPONENTS)
    found = cluster(xy, previous, seed=seed, fit_sample=fit_sample)
    labels = np.full(n, -1, dtype=np.int64)
    labels[rows] = found.labels
    ids = sorted(found.centres)
    shown = [gid for gid in ids if int((labels == gid).sum()) >= min_size]
    code = np.full(max(ids) + 1, -1)
    for k, gid in enumerate(shown):
        code[gid] = k
    member = np.where(labels >= 0, code[np.maximum(labels, 0)], -1)
    counts = _group_counts(ratings, member, len(shown))
    groups = []
    for k, gid in enumerate(shown):
        agree_in, oppose_in, seen_in = counts[k]
        agree_out = counts_all[0, 0] - agree_in
        oppose_out = counts_all[0, 1] - oppose_in
        seen_out = counts_all[0, 2] - seen_in
        distinctive = _distinctive(
            idea_ids, agree_in, oppose_in, seen_in, agree_out, oppose_out, seen_out
        )
        groups.append(
            {
                "id": gid,
                "size": int((member == k).sum()),
                "distinctive": [idea for idea, _ in distinctive],
                "stance": dict(distinctive),
                "support": {
                    idea_ids[j]: float(agree_in[j] / seen_in[j]) if seen_in[j] else None
                    for j in range(p)
                },
                "raters": {idea_ids[j]: int(seen_in[j]) for j in range(p)},
            }
        )
    score = np.ones(p)
    for k in range(len(shown)):
        score *= (counts[k, 0] + 1) / (counts[k, 2] + 2)
    result.update(
        unassigned=int(n - sum(g["size"] for g in groups)),
        k=len(ids),
        silhouette=found.silhouette,
        groups=groups,
        consensus=_ranked(idea_ids, score) if groups else [],
        consensus_scores=(
            dict(zip(idea_ids, score.tolist(), strict=True)) if groups else {}
        ),
        centres={gid: c.tolist() for gid, c in found.centres.items()},
        map={
            "x_line": None,
            "y_line": None,
            "bins": density_bins(xy[:, :2], found.labels, set(shown), min_size),
        },
    )
    return result


def _ranked(idea_ids: Sequence[str], score: np.ndarray) -> list[str]:
    """Ideas by score, highest first; ties in the ideas' own order."""
    order = np.lexsort((np.arange(len(score)), -score))
    return [idea_ids[j] for j in order.tolist()]


def _group_counts(ratings: np.ndarray, member: np.ndarray, groups: int) -> np.ndarray:
    """groups x 3 x ideas: supports, oppositions and ratings per group (member
    code per row, -1 for none), summed in slices through a one-hot product."""
    p = ratings.shape[1]
    out = np.zeros((groups, 3, p))
    if groups == 0:
        return out
    for start in range(0, len(ratings), CHUNK):
        part = ratings[start : start + CHUNK]
        who = member[start : start + CHUNK]
        onehot = (who[None, :] == np.arange(groups)[:, None]).astype(np.float32)
        out[:, 0] += onehot @ (part == SUPPORT).astype(np.float32)
        out[:, 1] += onehot @ (part == OPPOSE).astype(np.float32)
        out[:, 2] += onehot @ (part != MISSING).astype(np.float32)
    return out


def _distinctive(
    idea_ids, agree_in, oppose_in, seen_in, agree_out, oppose_out, seen_out
) -> list[tuple[str, str]]:
    """(idea, "support" or "oppose") for the ideas a group rates distinctly
    (per-idea count arrays in, inside and outside the group; see
    `idea_groups`), strongest first, each idea once."""
    found = []
    for stance, inside, outside in (
        ("support", agree_in, agree_out),
        ("oppose", oppose_in, oppose_out),
    ):
        p_in = (inside + 1) / (seen_in + 2)
        p_out = (outside + 1) / (seen_out + 2)
        pooled = (inside + outside + 1) / (seen_in + seen_out + 2)
        spread = np.sqrt(
            pooled * (1 - pooled) * (1 / (seen_in + 1) + 1 / (seen_out + 1))
        )
        z = (p_in - p_out) / spread
        strength = p_in / p_out * p_in
        for j in np.flatnonzero(z >= DISTINCTIVE_Z).tolist():
            found.append((-float(strength[j]), j, stance))
    found.sort()
    chosen: dict[str, str] = {}
    for _, j, stance in found:
        chosen.setdefault(idea_ids[j], stance)
        if len(chosen) == DISTINCTIVE_TOP:
            break
    return list(chosen.items())


def rating_matrix(
    rows: Iterable[tuple[str, str, str]], idea_ids: Sequence[str]
) -> np.ndarray:
    """The participants x ideas int8 matrix `idea_groups` takes, from (rater,
    idea, value) triples with value "support", "oppose" or "neutral": one row per
    distinct rater in order of first appearance, one column per idea in the order
    of `idea_ids`; triples naming another idea are ignored, pairs never rated are
    MISSING. Raises ValueError for an unknown value."""
    column = {idea: j for j, idea in enumerate(idea_ids)}
    codes = {"support": SUPPORT, "neutral": NEUTRAL, "oppose": OPPOSE}
    row_of: dict[str, int] = {}
    where_r: list[int] = []
    where_c: list[int] = []
    values: list[int] = []
    for rater, idea, value in rows:
        if value not in codes:
            raise ValueError(f"unknown rating {value!r}")
        j = column.get(idea)
        if j is None:
            continue
        where_r.append(row_of.setdefault(rater, len(row_of)))
        where_c.append(j)
        values.append(codes[value])
    matrix = np.full((len(row_of), len(idea_ids)), MISSING, dtype=np.int8)
    matrix[where_r, where_c] = values
    return matrix


def shared_places(
    order: Sequence[str], scores: Mapping[str, float]
) -> dict[str, tuple[int, bool]]:
    """{idea: (place from 1, tied)} for ideas in `order` (highest score first):
    ideas with equal scores (to 12 significant digits) share the higher place,
    as in sports tables ("1, 2, 2, 4")."""
    places: dict[str, tuple[int, bool]] = {}
    counted = Counter(float(f"{scores[idea]:.12g}") for idea in order)
    place, previous = 0, None
    for position, idea in enumerate(order, start=1):
        value = float(f"{scores[idea]:.12g}")
        if value != previous:
            place, previous = position, value
        places[idea] = (place, counted[value] > 1)
    return places
