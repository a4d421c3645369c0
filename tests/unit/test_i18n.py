"""Messages and number formats: both languages, same fields, same rounding."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from budgetschuiver.kernel import i18n
from dashboards.kernel import texts as dashboard_texts


def test_i18n001_every_message_has_both_languages_and_same_fields():
    for key, (nl, en) in i18n.MESSAGES.items():
        assert nl.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", nl)) == set(re.findall(r"{(\w+)}", en)), key


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (0, "€ 0", "€0"),
        (40_000, "€ 40.000", "€40,000"),
        (-120_000, "-€ 120.000", "-€120,000"),
        (2.5, "€ 3", "€3"),
        (-2.5, "-€ 3", "-€3"),
        (2_060_000_000, "€ 2.060.000.000", "€2,060,000,000"),
    ],
)
def test_i18n002_euro_format(value, nl, en):
    assert i18n.format_euro(value, "nl") == nl
    assert i18n.format_euro(value, "en") == en


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("en", "en"),
        ("EN-gb", "en"),
        ("nl", "nl"),
        ("de", "nl"),
        (None, "nl"),
        (3, "nl"),
    ],
)
def test_i18n003_language_from_untrusted_input(raw, expected):
    assert i18n.normalize_language(raw) == expected


def test_i18n004_dates():
    assert i18n.format_date(dt.date(2027, 12, 31), "nl") == "31 december 2027"
    assert i18n.format_date(dt.date(2027, 3, 1), "en") == "1 March 2027"


def test_i18n900_dashboard_texts_are_in_the_catalogue():
    """The dashboard's texts (dashboards/kernel/texts.py) are checked above too."""
    assert set(dashboard_texts.MESSAGES) <= set(i18n.MESSAGES)
