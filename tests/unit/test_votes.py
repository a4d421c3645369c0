"""Poll and moodboard vote rules, and the statistics shown with results."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetschuiver.choices import rules as votes
from budgetschuiver.kernel import intervals

TOKEN = "t" * 32


@pytest.fixture(scope="module")
def bikes(demo):
    return demo.find("poll", "fietsparkeren-centrum")  # 1..2 choices, "anders" allowed


@pytest.fixture(scope="module")
def library(demo):
    return demo.find("poll", "zondag-bibliotheek")  # exactly one choice, no "anders"


@pytest.fixture(scope="module")
def board(demo):
    return demo.find("moodboard", "speeltuin-transvaal")  # 1..3 pictures


def test_vot001_demo_content(demo):
    statuses = [poll.status() for poll in demo.of("poll").values()]
    assert statuses.count("open") >= 2 and statuses.count("closed") >= 1
    board = demo.find("moodboard", "speeltuin-transvaal")
    assert len(board.images) >= 8
    assert all(image.alt.nl and image.alt.en for image in board.images)


@pytest.mark.parametrize(
    ("body", "choices", "other"),
    [
        ({"options": ["spui"]}, ("spui",), None),
        ({"options": ["spui", "grote-markt"]}, ("spui", "grote-markt"), None),
        (
            {"options": [], "other_text": " Bij de Haagse Markt "},
            (),
            "Bij de Haagse Markt",
        ),
        ({"options": ["spui"], "other_text": "Plein"}, ("spui",), "Plein"),
        ({"options": ["spui"], "other_text": ""}, ("spui",), None),
    ],
)
def test_vot002_valid_poll_votes(bikes, body, choices, other):
    ballot, problems = votes.validate_poll_vote(bikes, body | {"token": TOKEN})
    assert problems == []
    assert (ballot.choices, ballot.other_text) == (choices, other)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"options": []}, "too_few_choices"),
        ({"options": ["spui", "grote-markt", "hollands-spoor"]}, "too_many_choices"),
        ({"options": ["spui", "grote-markt"], "other_text": "x"}, "too_many_choices"),
        ({"options": ["spui", "spui"]}, "duplicate_choice"),
        ({"options": ["schiphol"]}, "unknown_choice"),
        ({"options": [1]}, "unknown_choice"),
        ({"options": [None]}, "unknown_choice"),
        ({"options": "spui"}, "invalid_type"),
        ({"options": {"spui": True}}, "invalid_type"),
        ({"options": ["spui"], "other_text": "x" * 201}, "too_long"),
        ({"options": ["spui"], "other_text": 5}, "invalid_other_text"),
        ({"options": ["spui"], "token": "kort"}, "invalid_token"),
        ({"options": ["spui"], "district": "utrecht"}, "invalid_district"),
        ({"options": ["spui"], "name": "Piet"}, "unknown_field"),
    ],
)
def test_vot003_invalid_poll_votes(bikes, body, code):
    ballot, problems = votes.validate_poll_vote(bikes, {"token": TOKEN} | body)
    assert ballot is None
    assert code in {problem.code for problem in problems}
    assert all(problem.message("nl") and problem.message("en") for problem in problems)


def test_vot004_single_choice_poll_refuses_other_and_two(library):
    _, problems = votes.validate_poll_vote(
        library, {"options": ["ja"], "other_text": "misschien", "token": TOKEN}
    )
    assert problems[0].code == "other_not_allowed"
    _, problems = votes.validate_poll_vote(
        library, {"options": ["ja", "nee"], "token": TOKEN}
    )
    assert problems[0].code == "too_many_choices"


@pytest.mark.parametrize(
    ("images", "code"),
    [
        ([], "too_few_choices"),
        (["natuur", "water", "sport", "kleur"], "too_many_choices"),
        (["natuur", "natuur"], "duplicate_choice"),
        (["../etc/passwd"], "unknown_choice"),
        ("natuur", "invalid_type"),
    ],
)
def test_vot005_invalid_moodboard_votes(board, images, code):
    ballot, problems = votes.validate_moodboard_vote(
        board, {"images": images, "token": TOKEN}
    )
    assert ballot is None and problems[0].code == code


def test_vot006_valid_moodboard_vote(board):
    ballot, problems = votes.validate_moodboard_vote(
        board, {"images": ["water", "natuur"], "token": TOKEN, "age_band": "30-44"}
    )
    assert problems == [] and ballot.choices == ("water", "natuur")
    assert ballot.age_band == "30-44"


@given(
    st.integers(min_value=0, max_value=5000), st.integers(min_value=1, max_value=5000)
)
def test_vot007_wilson_interval_brackets_the_share(successes, n):
    successes = min(successes, n)
    low, high = intervals.wilson_interval(successes, n)
    assert 0.0 <= low <= successes / n <= high <= 1.0


def test_vot008_wilson_known_value():
    # 50 of 100: the textbook Wilson interval is about [0.404, 0.596].
    low, high = intervals.wilson_interval(50, 100)
    assert math.isclose(low, 0.4038, abs_tol=5e-4) and math.isclose(
        high, 0.5962, abs_tol=5e-4
    )
    assert intervals.wilson_interval(0, 0) == (0.0, 0.0)


def test_vot009_shares_are_of_voters():
    table = votes.shares(["a", "b", "c"], {"a": 6, "b": 3}, voters=8)
    assert table["a"]["share"] == 0.75 and table["c"]["votes"] == 0
    assert table["c"]["ci"][0] == 0.0
