"""Residents' free text is kept as written: only invisible, dangerous or meaningless
code points are removed (budgetschuiver/kernel/validation.py, README "Text
handling")."""

from __future__ import annotations

import unicodedata

import pytest

from budgetschuiver.kernel import validation

ZWJ, ZWNJ = "\u200d", "\u200c"

# Everything a person can write, in any script: each must come back unchanged.
KEPT = [
    "Meer 🩷 en 🫨",  # emoji newer than Python 3.11's Unicode 14 (category Cn)
    "👨\u200d👩\u200d👧",  # a family: joined by zero-width joiners (Cf)
    "🏳️\u200d🌈 en 🧑🏽\u200d🦱",  # flag, skin tone and hair in one sequence
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland: tags
    "❤️ 1️⃣",  # variation selector and keycap
    "می" + ZWNJ + "خواهم",  # Persian needs the zero-width non-joiner
    "क्" + ZWJ + "ष",  # Devanagari half form with a joiner
    "שלום \u200fעולם\u200e OK",  # right-to-left and left-to-right marks
    "Arbeids\u00adongeschiktheid",  # soft hyphen: where a long word may break
    "Zeeën, café, ijsje, ĳ, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "日本語のテキスト と 한국어",
    "Regel één\nRegel twee\tmet tab",
    "\U0001faea \U0001fac8 \U0001fabe",  # Unicode 15/16 emoji, unassigned to 3.11
    "a\u200bb",  # zero-width space: a line-break opportunity in Thai and Khmer
]


@pytest.mark.parametrize("text", KEPT)
def test_txt001_everything_a_person_can_write_is_kept(text):
    """Class: cleaning that deletes parts of residents' words (unassigned-to-Python
    emoji, joiners, marks, tags, selectors)."""
    assert validation.clean_text(text) == text
    assert validation.removed_count(text) == 0
    assert validation.check_text(text, "comment", 1000) == (text, [])


@pytest.mark.parametrize(
    ("raw", "stored", "removed"),
    [
        ("Goed\x00 idee\x07", "Goed idee", 2),
        ("rood \u202egroen\u202c blauw", "rood groen blauw", 2),
        ("a\u2066b\u2069c", "abc", 2),
        ("\ufeffHallo", "Hallo", 1),
        ("x\ufffey\U0010ffff", "xy", 2),
        ("half \ud83d surrogate", "half  surrogate", 1),
        ("a\x85b\x9bc", "abc", 2),
        ("anno\ufff9tatie\ufffb", "annotatie", 2),
    ],
)
def test_txt002_only_invisible_dangerous_code_points_are_removed(raw, stored, removed):
    """Class: control, bidi override, BOM, surrogate and noncharacter code points."""
    assert validation.clean_text(raw) == stored
    assert validation.removed_count(raw) == removed


def test_txt003_line_ends_normalisation_and_outer_space_are_not_counted():
    raw = "  e\u0301e\u0301n\r\ntwee\rdrie  "
    assert validation.clean_text(raw) == "één\ntwee\ndrie"
    assert validation.removed_count(raw) == 0
    assert unicodedata.is_normalized("NFC", validation.clean_text(raw))


def test_txt004_every_category_c_character_a_person_writes_survives():
    """Class: filtering on Unicode category 'C' (Cf/Cn/Co) instead of a named list."""
    format_chars = [
        chr(cp)
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) == "Cf"
        and not 0x202A <= cp <= 0x202E
        and not 0x2066 <= cp <= 0x2069
        and cp not in (0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB)
    ]
    text = "".join(format_chars)
    assert validation.clean_text("x" + text + "x") == "x" + text + "x"
    private = "\ue000\U000f0000"
    assert validation.clean_text(private) == private
