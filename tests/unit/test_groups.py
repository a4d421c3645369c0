"""Opinion groups (dashboards/stats/groups.py): planted groups are found, the answer
does not depend on row order or on the subsample, ids survive new ballots, and nothing
smaller than the smallest shown group is ever reported."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from dashboards.stats import groups

M = 12
PLAN = np.full(M, 100_000.0)
LOW = np.zeros(M)
HIGH = np.full(M, 200_000.0)
LINES = [f"line{j}" for j in range(M)]


def planted_budgets(seed: int, sizes: list[int], spread: float = 0.04):
    """Ballots around well-separated centres (changes of up to 40% of the range),
    each line rounded to whole euros, and the planted group of each."""
    rng = np.random.default_rng(seed)
    centres = rng.choice([-0.35, 0.0, 0.35], size=(len(sizes), M))
    for g in range(1, len(sizes)):
        while np.abs(centres[g] - centres[:g]).sum(axis=1).min() < 1.0:
            centres[g] = rng.choice([-0.35, 0.0, 0.35], size=M)
    truth = np.repeat(np.arange(len(sizes)), sizes)
    change = centres[truth] + rng.normal(0, spread, (len(truth), M))
    amounts = np.rint(PLAN + change * (HIGH - LOW))
    order = rng.permutation(len(truth))
    return amounts[order], truth[order]


def budget_result(amounts, min_size=10, **kwargs):
    return groups.budget_groups(amounts, LINES, PLAN, LOW, HIGH, min_size, **kwargs)


def labels_of(result, amounts):
    """Group id per ballot, recomputed from the result's centres (as `cluster`
    assigns them), for comparing partitions."""
    features, _ = groups.budget_features(amounts, PLAN, LOW, HIGH)
    ids = sorted(result["centres"])
    centres = np.array([result["centres"][i] for i in ids])
    return np.array(ids)[groups._assign(features, centres)]


@settings(max_examples=8, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    sizes=st.lists(st.integers(40, 160), min_size=2, max_size=5),
)
def test_grp001_planted_budget_groups_are_recovered(seed, sizes):
    """Class: clustering that misses real structure. Well-separated planted groups
    come back with adjusted Rand index >= 0.9 and the planted number of groups."""
    amounts, truth = planted_budgets(seed, sizes)
    result = budget_result(amounts)
    assert result["k"] == len(sizes)
    assert adjusted_rand_score(truth, labels_of(result, amounts)) >= 0.9
    assert result["n"] == len(truth)
    assert sum(g["size"] for g in result["groups"]) + result["unassigned"] == len(truth)


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), shuffle=st.integers(0, 10_000))
def test_grp002_same_groups_and_ids_whatever_the_row_order(seed, shuffle):
    """Class: results that depend on the order ballots were read in. Permuting the
    rows gives the same groups with the same ids and sizes."""
    amounts, _ = planted_budgets(seed, [120, 80, 60])
    first = budget_result(amounts)
    order = np.random.default_rng(shuffle).permutation(len(amounts))
    second = budget_result(amounts[order])
    assert second["groups"] == first["groups"]
    assert np.array_equal(labels_of(second, amounts), labels_of(first, amounts))


def test_grp003_groups_below_k_are_never_reported():
    """Class: small-group leaks. A planted group of 6 far from the rest is not
    shown; its members are counted as unassigned, and every shown group, district
    count and map bin is at least k."""
    amounts, _ = planted_budgets(3, [150, 120, 6], spread=0.02)
    result = budget_result(amounts, min_size=10)
    assert all(g["size"] >= 10 for g in result["groups"])
    assert result["unassigned"] >= 6
    assert sum(g["size"] for g in result["groups"]) + result["unassigned"] == 276
    assert all(b["count"] >= 10 for b in result["map"]["bins"])


def test_grp004_ids_survive_new_ballots():
    """Class: group names and colours reshuffling on each recount. Ballots added
    so that the second group becomes the largest keep every earlier ballot's group
    id; a new planted group gets a fresh id."""
    amounts, truth = planted_budgets(5, [200, 150, 100])
    first = budget_result(amounts)
    before = labels_of(first, amounts)
    extra_rows = amounts[truth == 1][:100] + 500.0
    more = np.vstack([amounts, extra_rows])
    second = budget_result(more, previous=first["centres"])
    after = labels_of(second, more)[: len(amounts)]
    assert np.mean(before == after) >= 0.99
    # Without the previous groups, ids follow size: the grown group would be 1.
    fresh = budget_result(more)
    assert np.mean(labels_of(fresh, more)[: len(amounts)] == before) < 0.9
    # A new kind of ballot: a fresh id, never one of the earlier ones.
    far = np.rint(
        np.tile(PLAN + 0.45 * (HIGH - LOW) * np.sign(np.arange(M) % 2 - 0.5), (90, 1))
    )
    far += np.random.default_rng(1).normal(0, 2000, far.shape)
    third = budget_result(np.vstack([amounts, far]), previous=first["centres"])
    assert set(first["centres"]) < set(third["centres"])
    assert max(third["centres"]) == max(first["centres"]) + 1


def test_grp005_a_subsample_gives_the_same_groups():
    """Class: subsampling that changes the answer. Fitted on 1,000 of 6,000
    ballots (two different draws), the groups match the full fit (ARI >= 0.95)."""
    amounts, truth = planted_budgets(11, [2500, 2000, 1500], spread=0.08)
    full = labels_of(budget_result(amounts), amounts)
    for seed in (1, 2):
        part = budget_result(amounts, fit_sample=1_000, seed=seed)
        assert part["fitted"] == 1_000
        assert adjusted_rand_score(full, labels_of(part, amounts)) >= 0.95
    assert adjusted_rand_score(truth, full) >= 0.9


def test_grp006_descriptions_agreement_and_spread():
    """Class: descriptions that say more than the data. Raises and lowers are the
    lines a group's mean moves by >= 5% of plan; "agreement" holds only lines every
    group moves the same way; district counts below k are hidden."""
    rng = np.random.default_rng(2)
    a = np.tile(PLAN, (60, 1))
    b = np.tile(PLAN, (60, 1))
    a[:, 0] *= 1.4
    a[:, 1] *= 0.7
    b[:, 0] *= 0.6
    b[:, 1] *= 1.3
    a[:, 2] *= 1.2
    b[:, 2] *= 1.1
    amounts = np.vstack([a, b]) + rng.normal(0, 300, (120, M))
    districts = np.array(
        ["centrum"] * 55 + ["escamp"] * 5 + ["centrum"] * 60, dtype=object
    )
    result = budget_result(amounts, districts=districts)
    by_first = {g["raises"][0]: g for g in result["groups"]}
    assert set(by_first) == {"line0", "line1"}
    assert by_first["line0"]["lowers"] == ["line1"]
    assert by_first["line0"]["raises"] == ["line0", "line2"]
    assert result["agreement"] == ["line2"]
    assert by_first["line0"]["districts"] == {"centrum": None, "escamp": None}
    assert by_first["line1"]["districts"] == {"centrum": 60}
    assert by_first["line0"]["change"]["line0"] == pytest.approx(0.4, abs=0.01)
    names = {line: line.upper() for line in LINES}
    texts = {"first": "{line} eerst", "less": "minder {line}", "plan": "plan"}
    labels = groups.group_labels(result["groups"], names, texts)
    assert sorted(labels.values()) == ["LINE0 eerst", "LINE1 eerst"]
    moves = groups.group_moves(by_first["line0"], names)
    assert moves == ["LINE0 +40%", "LINE2 +20%", "LINE1 \u221230%"]


def planted_ratings(seed: int, sizes: list[int], ideas: int = 40, missing=0.5):
    """Ratings by planted groups: each group has its own view of each idea, each
    rating follows it 85% of the time, half the ratings missing."""
    rng = np.random.default_rng(seed)
    view = rng.choice([-1, 1], size=(len(sizes), ideas))
    truth = np.repeat(np.arange(len(sizes)), sizes)
    noise = rng.choice([-1, 0, 1], size=(len(truth), ideas))
    ratings = np.where(rng.random(noise.shape) < 0.85, view[truth], noise)
    ratings[rng.random(noise.shape) < missing] = groups.MISSING
    return ratings.astype(np.int8), truth, view


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(2, 4))
def test_grp007_planted_idea_groups_are_recovered(seed, k):
    """Class: clustering that misses real structure (ratings, with missing ones
    filled as Pol.is does). ARI >= 0.9 against the planted groups."""
    ratings, truth, _ = planted_ratings(seed, [150] * k)
    ids = [f"idea{j}" for j in range(ratings.shape[1])]
    result = groups.idea_groups(ratings, ids, 10)
    xy = groups.idea_map(ratings, components=groups.IDEA_COMPONENTS)
    keys = sorted(result["centres"])
    centres = np.array([result["centres"][i] for i in keys])
    found = groups._assign(xy, centres)
    assert adjusted_rand_score(truth, found) >= 0.9


def test_grp008_idea_groups_do_not_depend_on_row_order():
    """Class: results that depend on the order ratings were read in."""
    ratings, _, _ = planted_ratings(4, [120, 90, 60])
    ids = [f"idea{j}" for j in range(ratings.shape[1])]
    first = groups.idea_groups(ratings, ids, 10)
    order = np.random.default_rng(9).permutation(len(ratings))
    second = groups.idea_groups(ratings[order], ids, 10)
    assert second["groups"] == first["groups"]
    assert second["consensus"] == first["consensus"]


def test_grp009_consensus_needs_every_group():
    """Class: rankings where a large group outvotes a small one. An idea every
    group supports outranks one only the large group supports, although the
    second has more supporters in all; the plain ranking says the opposite."""
    ratings, _, view = planted_ratings(6, [300, 60], ideas=30, missing=0.0)
    # idea0: everyone supports; idea1: the large group all, the small none.
    ratings[:, 0] = np.where(np.arange(360) % 5 == 0, groups.OPPOSE, groups.SUPPORT)
    ratings[:300, 1] = groups.SUPPORT
    ratings[300:, 1] = groups.OPPOSE
    ids = [f"idea{j}" for j in range(30)]
    result = groups.idea_groups(ratings, ids, 10)
    assert len(result["groups"]) == 2
    assert result["consensus"].index("idea0") < result["consensus"].index("idea1")
    assert result["plain"].index("idea1") < result["plain"].index("idea0")
    small = min(result["groups"], key=lambda g: g["size"])
    assert "idea1" in small["distinctive"]


def test_grp010_small_idea_groups_and_sparse_raters_unassigned():
    """Class: small-group leaks. A planted group of 5 is not shown; people with
    fewer than 7 ratings are not placed; all of them count as unassigned."""
    ratings, _, _ = planted_ratings(8, [100, 100, 5], missing=0.3)
    ratings[:3, :] = groups.MISSING
    ratings[:3, :2] = groups.SUPPORT
    ids = [f"idea{j}" for j in range(ratings.shape[1])]
    result = groups.idea_groups(ratings, ids, 10)
    assert all(g["size"] >= 10 for g in result["groups"])
    assert result["unassigned"] >= 8
    assert sum(g["size"] for g in result["groups"]) + result["unassigned"] == 205


def test_grp011_match_ids_keeps_old_ids_and_adds_fresh_ones():
    """Class: ids handed out again. Nearest old centre keeps its id; a surplus new
    centre gets one above every id used before."""
    previous = {4: [0.0, 0.0], 7: [10.0, 10.0]}
    centres = np.array([[9.5, 10.2], [30.0, 30.0], [0.1, -0.2]])
    assert groups.match_ids(centres, previous) == [7, 8, 4]
    assert groups.match_ids(centres, None) == [1, 2, 3]


@pytest.mark.parametrize("name", ["park", "city"])
def test_grp012_seeded_demo_budgets_show_the_planted_kinds(request, name):
    """Class: demo data without real structure. The seed plants three kinds of
    residents (35% / 30% / 35%); the groups find three, about that large, the
    outer two moving the taste's lines in opposite directions."""
    from budgetschuiver.seeding import Grid, synthetic_budgets

    project = request.getfixturevalue(name)
    amounts = synthetic_budgets(project, np.random.default_rng(3), 6_000).amounts
    result = groups.project_groups(project, amounts, 10)
    assert result["k"] == 3
    shares = sorted(g["size"] / 6_000 for g in result["groups"])
    assert shares[0] > 0.22 and shares[-1] < 0.45
    grid = Grid.of(project)
    loading = dict(zip(grid.ids, grid.loading, strict=True))
    signs = set()
    for g in result["groups"]:
        if g["raises"]:
            signs.add(loading[g["raises"][0]])
    assert signs == {1.0, -1.0}


def test_grp020_rating_matrix_from_stored_triples():
    """Class: ratings put in the wrong cell. One row per rater in order of first
    appearance, one column per idea as given, unknown ideas ignored, unrated
    pairs missing, an unknown value refused."""
    rows = [
        ("r2", "b", "oppose"),
        ("r1", "a", "support"),
        ("r2", "a", "neutral"),
        ("r1", "gone", "support"),
    ]
    matrix = groups.rating_matrix(rows, ["a", "b", "c"])
    assert matrix.dtype == np.int8
    assert matrix.tolist() == [
        [groups.NEUTRAL, groups.OPPOSE, groups.MISSING],
        [groups.SUPPORT, groups.MISSING, groups.MISSING],
    ]
    assert groups.rating_matrix([], ["a"]).shape == (0, 1)
    with pytest.raises(ValueError):
        groups.rating_matrix([("r1", "a", "love")], ["a"])


def test_grp021_shared_places_for_ties():
    """Class: ties shown as different places. Equal scores share the higher
    place and are marked; the next place skips."""
    scores = {"a": 0.9, "b": 0.5, "c": 0.5, "d": 0.1}
    assert groups.shared_places(["a", "b", "c", "d"], scores) == {
        "a": (1, False),
        "b": (2, True),
        "c": (2, True),
        "d": (4, False),
    }


def test_grp022_idea_map_is_binned_above_k_and_stances_named():
    """Class: a map that shows single participants, and distinctive ideas
    without their direction. Every drawn square holds at least k placed
    participants (and at most all of them); a group's distinctive ideas carry
    "support" or "oppose" matching the planted view; scores come with the
    orders."""
    ratings, _, view = planted_ratings(11, [120, 80], ideas=20, missing=0.2)
    ids = [f"idea{j}" for j in range(20)]
    result = groups.idea_groups(ratings, ids, 10)
    bins = result["map"]["bins"]
    assert bins and all(b["count"] >= 10 for b in bins)
    assert sum(b["count"] for b in bins) <= 200
    assert {b["group"] for b in bins} <= {g["id"] for g in result["groups"]} | {None}
    for g in result["groups"]:
        assert set(g["stance"]) == set(g["distinctive"])
        assert set(g["stance"].values()) <= {"support", "oppose"}
        assert set(g["raters"]) == set(ids)
        assert all(0 <= n <= g["size"] for n in g["raters"].values())
    assert list(result["consensus_scores"]) == ids
    top = result["consensus"][0]
    assert result["consensus_scores"][top] == max(result["consensus_scores"].values())
    big = max(result["groups"], key=lambda g: g["size"])
    for idea, stance in big["stance"].items():
        planted = view[0, ids.index(idea)]
        assert stance == ("support" if planted == 1 else "oppose")
