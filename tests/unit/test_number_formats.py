"""One formatting path for the figures people quote: shares that add up, no 0% for
something that happened, singular and plural, Dutch number formats."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetschuiver.kernel import i18n
from dashboards.kernel import texts as dashboard_texts


@pytest.mark.parametrize(
    ("counts", "shown", "note"),
    [
        # 4/4/6: nearest rounding gives 29 + 29 + 43 = 101; equal stays equal, said.
        ((4, 4, 6), ["29%", "29%", "43%"], "101%"),
        ((1, 1, 1), ["33%", "33%", "33%"], "99%"),
        ((5, 3, 2), ["50%", "30%", "20%"], None),
        ((1, 199), ["< 1%", "> 99%"], None),
        ((1, 399), ["< 1%", "> 99%"], None),
        ((2, 5, 7, 11), ["8%", "20%", "28%", "44%"], None),
        ((0, 3), ["0%", "100%"], None),
    ],
)
def test_nfmt001_shares_of_one_whole_add_up_or_say_why(counts, shown, note):
    """Class: rounded shares that do not add up, and 0% for a share above 0."""
    total = sum(counts)
    texts, said = i18n.format_shares([c / total for c in counts], "nl")
    assert texts == shown
    assert (said is None) == (note is None)
    if note:
        assert note in said


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=12))
def test_nfmt002_largest_remainder_properties(counts):
    """Sums to 100 unless equal shares had to stay equal; each part within one
    of its exact quota; equal shares equal; a share above 0 never shown as 0%."""
    total = sum(counts)
    if total == 0:
        return
    shares = [c / total for c in counts]
    rounded = i18n.largest_remainder(shares)
    for count, value in zip(counts, rounded, strict=True):
        assert abs(value - Fraction(100 * count, total)) < 1
    for a, b in zip(counts, rounded, strict=True):
        for c, d in zip(counts, rounded, strict=True):
            if a == c:
                assert b == d
    if len(set(counts)) == len(counts):
        assert sum(rounded) == 100
    texts, note = i18n.format_shares(shares, "nl")
    for count, text in zip(counts, texts, strict=True):
        assert (text == "0%") == (count == 0)
        assert (text == "100%") == (count == total)
    if abs(sum(rounded) - 100) and note is None:
        pytest.fail("rounded shares miss 100% without a note")


def test_nfmt003_one_share_alone():
    assert i18n.format_share(1 / 200, "nl") == "1%"  # halves away from zero
    assert i18n.format_share(1 / 201, "nl") == "< 1%"
    assert i18n.format_share(0, "nl") == "0%"
    assert i18n.format_share(0.996, "nl") == "> 99%"
    assert i18n.format_share(1, "nl") == "100%"
    assert i18n.format_share(0.125, "nl") == "13%"  # not Python's 12 (half to even)
    texts, note = i18n.format_shares([0.6, 0.7], "nl")
    assert texts == ["60%", "70%"] and "meer dan één antwoord" in note


@pytest.mark.parametrize(
    ("value", "digits", "nl", "en"),
    [
        (-0.8449, 2, "-0,84", "-0.84"),
        (-0.845, 2, "-0,85", "-0.85"),
        (-0.001, 2, "0,00", "0.00"),
        (1234.5, 1, "1.234,5", "1,234.5"),
        (0.5, 0, "1", "1"),
    ],
)
def test_nfmt004_decimals(value, digits, nl, en):
    assert i18n.format_decimal(value, digits, "nl") == nl
    assert i18n.format_decimal(value, digits, "en") == en


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (100_000_000, "€ 100 mln", "€100 mln"),
        (574_600_000, "€ 574,6 mln", "€574.6 mln"),
        (2_060_000_000, "€ 2,1 mld", "€2.1 bn"),
        (1_500_000, "€ 1,5 mln", "€1.5 mln"),
        (-20_000_000, "-€ 20 mln", "-€20 mln"),
        (540_000, "€ 540.000", "€540,000"),
    ],
)
def test_nfmt005_short_euros_never_si(value, nl, en):
    assert i18n.format_euro_short(value, "nl") == nl
    assert i18n.format_euro_short(value, "en") == en


# Words after a count that do not change with it ("3 van 5", "waarvan 3 synthetisch").
NOT_NOUNS = {"van", "of", "synthetisch", "synthetic", "gekozen", "weighted", "gewogen"}


def test_nfmt006_every_counted_noun_has_a_singular():
    """Class: "1 stemmen", "1 toelichtingen". A message that puts a noun after a
    count comes as a pair `key.one` / `key.other`, used through `i18n.t_count`."""
    for key, texts in i18n.MESSAGES.items():
        for text in texts:
            for word in re.findall(r"\{(?:count|n|excluded|used)\} (\w+)", text):
                if word in NOT_NOUNS:
                    continue
                assert key.endswith((".one", ".other")), (key, text)
        if key.endswith(".one"):
            assert key.removesuffix(".one") + ".other" in i18n.MESSAGES, key
    assert i18n.t_count("db.comments_count", "nl", 1) == "1 toelichting"
    assert i18n.t_count("db.comments_count", "nl", 2) == "2 toelichtingen"
    assert i18n.t_count("db.comments_count", "nl", 1200) == "1.200 toelichtingen"
    assert i18n.t_count("poll.results_row", "en", 1, label="A", share="5%") == (
        "A: 5% (1 vote)"
    )


def test_nfmt900_dashboard_texts_are_in_the_catalogue():
    """The dashboard's texts (dashboards/kernel/texts.py) are checked above too."""
    assert set(dashboard_texts.MESSAGES) <= set(i18n.MESSAGES)
