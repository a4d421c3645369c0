"""Pure moderation rules: personal data, spam signals, profanity, near-duplicates
and report weights, as tables."""

from __future__ import annotations

import pytest

from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.moderation import rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail me: jan.jansen+idee@example.nl", ["email"]),
        ("mijn adres is an@denhaag.nl.", ["email"]),
        ("bel 06-12345678", ["phone"]),
        ("bel 0612345678 of", ["phone"]),
        ("070 123 4567", ["phone"]),
        ("(070) 123 45 67", ["phone"]),
        ("+31 6 1234 5678", ["phone"]),
        ("0031 70 123 4567", ["phone"]),
        ("+31(0)70-1234567", ["phone"]),
        ("NL91 ABNA 0417 1643 00", ["iban"]),
        ("iban nl91abna0417164300 graag", ["iban"]),
        ("DE89 3704 0044 0532 0130 00", ["iban"]),
        ("bsn 111222333", ["bsn"]),
        ("BSN: 1112.22.333", ["bsn"]),
        ("Spui 70, 2511 BT Den Haag", ["address"]),
        ("2511BT 70", ["address"]),
        ("woon op 2511 bt nr 7", []),
        ("2511bt 7a", ["address"]),
        ("jan@example.nl of 06 12345678", ["email", "phone"]),
        # Not personal data: amounts, years, counts, invalid checksums.
        ("NL91 ABNA 0417 1643 01", []),
        ("kosten 123456789 euro", []),
        ("het kost € 1.000.000 of 2.500.000", []),
        ("in 2020 en 2021 4 keer", []),
        ("bus 24 rijdt om 12:30", []),
        ("tel 06-1234", []),
        ("@gemeente op sociale media", []),
        ("Schrijf brieven in B1-taal 😀", []),
        ("", []),
    ],
)
def test_mod001_personal_data(text, expected):
    assert rules.personal_data(text) == expected


@pytest.mark.parametrize(
    ("text", "seconds", "expected"),
    [
        ("Meer bankjes in het park, graag.", None, []),
        ("zie https://a.nl https://b.nl www.c.nl", None, ["links"]),
        ("zie https://a.nl en https://b.nl", None, []),
        ("neeeeeee", None, ["repeated"]),
        ("neeeee", None, []),
        ("!!!!!!", None, ["repeated"]),
        ("HEEL SLECHT IDEE VAN DE GEMEENTE ECHT WAAR", None, ["caps"]),
        ("GGD en RET", None, []),
        ("Een tekst van ruim veertig tekens lang, om te typen.", 1.0, ["too_fast"]),
        ("Een tekst van ruim veertig tekens lang, om te typen.", 30.0, []),
        ("kort", 0.0, []),
    ],
)
def test_mod002_spam_signals(text, seconds, expected):
    assert rules.spam_signals(text, seconds) == expected


ALLOWED = rules.load_word_list(
    (REPO_ROOT / "data" / "moderation" / "allowed-words.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wat een klootzak", ["klootzak"]),
        ("this is shit", ["shit"]),
        ("f4ck dit plan", ["f4ck"]),
        ("k.u.t idee", ["kut"]),
        # Everyday words the lists also hold, allowed by data/moderation.
        ("Het tekort aftrekken van de reserve", []),
        ("Een asbak bij de bushalte en palen langs de weg", []),
        ("Scunthorpe en Middlesex", []),
        ("Meer bankjes 🌳", []),
    ],
)
def test_mod003_profanity(text, expected):
    assert rules.profanity(text, ALLOWED) == expected


def test_mod004_allowed_list_matters():
    # Without the allow list, the everyday word is counted: the list file is read.
    assert rules.profanity("aftrekken") == ["aftrekken"]
    assert "aftrekken" in ALLOWED


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Brieven in gewone taal", "Schrijf brieven in B1", ["taal"]),
        ("Gewone taal in de brieven!", "Schrijf de brieven in B1.", ["taal"]),
        ("Meer bankjes", "In het Zuiderpark", []),
        ("Brief per e-mail", "Stuur brieven digitaal", []),
    ],
)
def test_mod005_near_duplicates(title, text, expected):
    existing = [
        ("taal", "Gewone taal in brieven", "Schrijf brieven in B1"),
        ("app", "Een app voor afspraken", "Plan afspraken online"),
    ]
    found = rules.near_duplicates(title, text, existing)
    assert [s.id for s in found] == expected
    assert all(s.score >= rules.DUPLICATE_SCORE for s in found)


def test_mod006_near_duplicates_empty_and_limit():
    assert rules.near_duplicates("a", "b", []) == []
    same = [(str(i), "Brieven in gewone taal", "B1") for i in range(10)]
    assert len(rules.near_duplicates("Brieven in gewone taal", "B1", same)) == 3


@pytest.mark.parametrize(
    ("upheld", "rejected", "weight"),
    [(0, 0, 1.0), (0, 1, 0.5), (0, 2, 1 / 3), (1, 1, 2 / 3), (3, 0, 1.0)],
)
def test_mod007_reporter_weight(upheld, rejected, weight):
    assert rules.reporter_weight(upheld, rejected) == pytest.approx(weight)


def test_mod008_reporter_weight_refuses_negative():
    with pytest.raises(ValueError):
        rules.reporter_weight(-1, 0)


@pytest.mark.parametrize(
    ("weights", "threshold", "hidden"),
    [
        ([1, 1, 1], 3, True),
        ([1, 1], 3, False),
        ([1, 1, 0.5], 3, False),
        ([1, 1, 0.5, 0.5], 3, True),
        ([1 / 3, 1 / 3, 1 / 3], 1, True),
        ([], 3, False),
    ],
)
def test_mod009_reports_hide(weights, threshold, hidden):
    assert rules.reports_hide(weights, threshold) is hidden


def test_mod010_reason_codes_fixed():
    assert rules.REASON_CODES == (
        "spam",
        "offensive",
        "discrimination",
        "personal_data",
        "off_topic",
        "duplicate",
        "other",
    )
