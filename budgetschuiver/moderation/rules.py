"""Pure moderation rules: personal data, spam signals, profanity, near-duplicates
and report weights. Everything runs here; no resident's text leaves the server."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

# One fixed list for decisions and reports (the API's `GET /moderation/reasons`).
REASON_CODES = (
    "spam",
    "offensive",
    "discrimination",
    "personal_data",
    "off_topic",
    "duplicate",
    "other",
)
ACTIONS = ("approve", "hide", "reject", "restore")

# Every moderated item type and the kind its trajectory belongs to: a report or
# appeal on an item is that kind's contribution (keyed by its voting codes).
ITEM_KINDS = {
    "idea": "ideas",
    "reaction": "ideas",
    "topic": "forums",
    "post": "forums",
    "question": "qa",
}

# -- personal data ------------------------------------------------------------------

PERSONAL_DATA_KINDS = ("email", "phone", "iban", "bsn", "address")

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", re.UNICODE)
# Dutch numbers as people write them: 06 12345678, 070-1234567, +31 6 1234 5678,
# 0031 70 123 4567, (070) 123 45 67. Ten digits from the leading 0, or nine after
# the country code; spaces, dots, dashes and brackets between digits are allowed.
_SEP = r"[\s.\-()]{0,3}"
_PHONE_RE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00){_SEP}31{_SEP}(?:\(0\))?{_SEP}[1-9](?:{_SEP}\d){{8}}"
    rf"|\(?0{_SEP}[1-9](?:{_SEP}\d){{8}})(?!\d)"
)
# IBAN candidates: country letters, check digits, then 11-30 letters or digits,
# in groups of four as printed or written together; the checksum decides.
_IBAN_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}"
    r"(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?)"
    r"(?![A-Za-z0-9])"
)
# BSN candidates: nine digits together, or grouped 1234.56.789 / 123 456 789; the
# 11-check decides.
_BSN_RE = re.compile(
    r"(?<![\d.,])(?:\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3})"
    r"(?![\d]|[.,]\d)"
)
# A postcode (PostNL never issues SA, SD or SS) with a house number just before or
# after it: "Spui 70, 2511 BT" or "2511 BT 70". Letters in capitals, or lower case
# only when written against the digits ("2511bt"): "2020 en 2021" is no postcode.
_POSTCODE = r"[1-9]\d{3}(?:[ ]?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})"
_HOUSE_NUMBER = r"\d{1,5}(?:[ -]?[A-Za-z](?![A-Za-z]))?"
_ADDRESS_RE = re.compile(
    rf"(?<![\w]){_POSTCODE}(?![A-Za-z])[ ,]{{1,3}}(?:nr\.?\s?)?{_HOUSE_NUMBER}(?!\d)"
    rf"|(?<![\w]){_HOUSE_NUMBER}[ ,]{{1,3}}{_POSTCODE}(?![A-Za-z])"
)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def personal_data(text: str) -> list[str]:
    """Which kinds of personal data `text` contains, in the order of
    `PERSONAL_DATA_KINDS` (each at most once): "email", "phone" (Dutch numbers:
    06, 070 and other 0-numbers of ten digits, +31 and 0031), "iban" (any
    country, valid checksum: python-stdnum), "bsn" (nine digits passing the
    11-check: python-stdnum) and "address" (a postcode with a house number).
    Empty for clean text. Never raises."""
    found: set[str] = set()
    if _EMAIL_RE.search(text):
        found.add("email")
    for match in _IBAN_RE.finditer(text):
        if stdnum_iban.is_valid(match.group().replace(" ", "")):
            found.add("iban")
    # Digits inside anything shaped like an IBAN belong to it (valid or not), and
    # a phone number's digits are no BSN.
    rest = _IBAN_RE.sub(" ", text)
    if _PHONE_RE.search(rest):
        found.add("phone")
        rest = _PHONE_RE.sub(" ", rest)
    for match in _BSN_RE.finditer(rest):
        if stdnum_bsn.is_valid(_digits(match.group())):
            found.add("bsn")
    if _ADDRESS_RE.search(rest):
        found.add("address")
    return [kind for kind in PERSONAL_DATA_KINDS if kind in found]


# -- spam signals -------------------------------------------------------------------

SPAM_SIGNALS = ("links", "repeated", "caps", "too_fast")
MAX_LINKS = 2
REPEAT_RUN = 6
CAPS_MIN_LETTERS = 20
CAPS_SHARE = 0.7
# A fast typist manages about 8 characters a second (90 words a minute); a text that
# arrives faster than 15 a second after its form opened was not typed there.
# Pasting is allowed, so this only sends the text for review, never refuses it.
MAX_CHARS_PER_SECOND = 15.0
_LINK_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_RUN_RE = re.compile(rf"(\S)\1{{{REPEAT_RUN - 1},}}")


def spam_signals(text: str, seconds_writing: float | None = None) -> list[str]:
    """Which signals of spam `text` shows, in the order of `SPAM_SIGNALS`:
    more than `MAX_LINKS` links; one visible character `REPEAT_RUN` or more times
    in a row ("!!!!!!", "heeeeeel"); at least `CAPS_MIN_LETTERS` letters of which
    `CAPS_SHARE` or more are capitals; written faster than `MAX_CHARS_PER_SECOND`
    (only when `seconds_writing`, the seconds between opening the form and
    sending it, is known). Signals send a text for review; they never refuse it."""
    found = []
    if len(_LINK_RE.findall(text)) > MAX_LINKS:
        found.append("links")
    if _RUN_RE.search(text):
        found.append("repeated")
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if len(letters) >= CAPS_MIN_LETTERS:
        capitals = sum(1 for c in letters if c.isupper())
        if capitals / len(letters) >= CAPS_SHARE:
            found.append("caps")
    if (
        seconds_writing is not None
        and len(text) > 40
        and len(text) / max(seconds_writing, 0.1) > MAX_CHARS_PER_SECOND
    ):
        found.append("too_fast")
    return found


# -- profanity ----------------------------------------------------------------------

PROFANITY_LANGUAGES = ("dutch", "english")


@functools.cache
def _profanity_filter(allowed: tuple[str, ...]):
    """glin-profanity's filter over its Dutch and English lists, whole words,
    with leetspeak and obfuscation ("k.u.t", "f4ck") caught, built once per
    allow list."""
    from glin_profanity import Filter

    return Filter(
        {
            "languages": list(PROFANITY_LANGUAGES),
            "word_boundaries": True,
            "detect_leetspeak": True,
            "normalize_unicode": True,
            "whitelist": list(allowed),
        }
    )


def profanity(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The words of `text` on glin-profanity's Dutch or English lists, lower case,
    each once, in order of appearance; words in `allowed` (lower case: everyday
    words that the lists also hold, `data/moderation/allowed-words.txt`) are not
    counted. A hit sends a text for review; it never refuses it."""
    result = _profanity_filter(
        tuple(sorted({w.lower() for w in allowed}))
    ).check_profanity(text)
    words: list[str] = []
    for word in result["profane_words"]:
        if word.lower() not in words:
            words.append(word.lower())
    return words


def load_word_list(lines: Iterable[str]) -> tuple[str, ...]:
    """Words from a list file's lines: one a line, `#` starts a comment, blank lines
    ignored, lower case."""
    words = []
    for line in lines:
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.append(word)
    return tuple(words)


# -- near-duplicates ----------------------------------------------------------------

DUPLICATE_SCORE = 85.0


@dataclasses.dataclass(frozen=True)
class Similar:
    """An existing idea that looks like a new one; score 0-100 (rapidfuzz)."""

    id: str
    score: float


def _fingerprint(title: str, text: str) -> str:
    # The title carries the idea; the start of the text tells two ideas with the
    # same short title apart.
    return f"{title} {title} {text[:300]}"


def near_duplicates(
    title: str,
    text: str,
    existing: Sequence[tuple[str, str, str]],
    *,
    cutoff: float = DUPLICATE_SCORE,
    limit: int = 3,
) -> list[Similar]:
    """Existing ideas `(id, title, text)` that look like this one, most alike first,
    at most `limit`, each scoring `cutoff` or more out of 100. The score is
    rapidfuzz's `token_sort_ratio` (word order ignored, case and punctuation
    removed by `utils.default_process`) over the title twice and the text's first
    300 characters."""
    from rapidfuzz import fuzz, process, utils

    if not existing:
        return []
    choices = [_fingerprint(t, body) for _id, t, body in existing]
    found = process.extract(
        _fingerprint(title, text),
        choices,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=cutoff,
        limit=limit,
    )
    return [Similar(existing[index][0], round(score, 1)) for _c, score, index in found]


# -- reports ------------------------------------------------------------------------

DEFAULT_HIDE_THRESHOLD = 3.0


def reporter_weight(upheld: int, rejected: int) -> float:
    """How much one report counts, from the reporter's earlier reports that
    moderators decided: (upheld + 1) / (upheld + rejected + 1). A new reporter
    counts 1; each rejected report lowers the weight (1/2, 1/3, ...) and upheld
    ones earn it back, so one person cannot hide items by reporting everything.
    Raises ValueError for negative counts."""
    if upheld < 0 or rejected < 0:
        raise ValueError("report counts cannot be negative")
    return (upheld + 1) / (upheld + rejected + 1)


def reports_hide(weights: Iterable[float], threshold: float) -> bool:
    """Whether reports (one weight per distinct reporter) hide an item pending
    review: their sum reaches `threshold` (with a little room for float sums)."""
    return sum(weights) >= threshold - 1e-9
