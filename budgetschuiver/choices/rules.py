"""Pure rules for poll and moodboard votes: what a valid vote is, and result shares."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping

from budgetschuiver.kernel import i18n, validation
from budgetschuiver.kernel.intervals import wilson_interval
from budgetschuiver.kernel.problems import Problem
from budgetschuiver.moodboards.model import Moodboard
from budgetschuiver.polls.model import Poll

MAX_OTHER_CHARS = 200
# The "anders, namelijk" answer: the value of its box on the page, an option id the
# API accepts (with `other_text`) and the id it is counted under in every result.
OTHER = "__other__"
POLL_FIELDS = frozenset({"options", "token", "other_text", "district", "age_band"})
MOODBOARD_FIELDS = frozenset({"images", "token", "district", "age_band"})


@dataclasses.dataclass(frozen=True)
class VoteBallot:
    """A vote that passed every check, ready to store."""

    choices: tuple[str, ...]
    token: str
    other_text: str | None
    district: str | None
    age_band: str | None


def _choices(
    raw: object, field: str, known: Iterable[str]
) -> tuple[tuple[str, ...], list[Problem]]:
    if not isinstance(raw, list):
        return (), [Problem("invalid_type", field, "error.choices_type")]
    known_ids = set(known)
    problems: list[Problem] = []
    seen: list[str] = []
    for item in raw:
        shown = str(item)[:40]
        if not isinstance(item, str) or item not in known_ids:
            problems.append(
                Problem(
                    "unknown_choice", field, "error.unknown_choice", {"choice": shown}
                )
            )
        elif item in seen:
            problems.append(
                Problem(
                    "duplicate_choice",
                    field,
                    "error.duplicate_choice",
                    {"choice": shown},
                )
            )
        else:
            seen.append(item)
    return tuple(seen), problems


def _count(count: int, low: int, high: int, field: str) -> list[Problem]:
    if count < low:
        return [
            Problem("too_few_choices", field, "error.too_few_choices", {"min": low})
        ]
    if count > high:
        return [
            Problem("too_many_choices", field, "error.too_many_choices", {"max": high})
        ]
    return []


def validate_poll_vote(
    poll: Poll, body: object
) -> tuple[VoteBallot | None, list[Problem]]:
    if not isinstance(body, dict):
        return None, [Problem("invalid_type", "", "error.not_object")]
    token, district, age_band, problems = validation.check_common(body, POLL_FIELDS)
    choices, found = _choices(body.get("options"), "options", poll_choice_ids(poll))
    problems += found
    named_other = OTHER in choices
    choices = tuple(choice for choice in choices if choice != OTHER)
    other: str | None = None
    raw_other = body.get("other_text")
    if raw_other not in (None, ""):
        if not poll.allow_other:
            problems.append(
                Problem("other_not_allowed", "other_text", "error.other_not_allowed")
            )
        elif not isinstance(raw_other, str):
            problems.append(
                Problem("invalid_other_text", "other_text", "error.bad_comment")
            )
        else:
            other = validation.clean_text(raw_other) or None
            if other and len(other) > MAX_OTHER_CHARS:
                problems.append(
                    Problem(
                        "too_long",
                        "other_text",
                        "error.other_too_long",
                        {"max": MAX_OTHER_CHARS},
                    )
                )
    if named_other and not other and not problems:
        problems.append(Problem("other_empty", "other_text", "error.other_empty"))
    if not problems:
        problems += _count(
            len(choices) + (1 if other else 0),
            poll.min_choices,
            poll.max_choices,
            "options",
        )
    if problems or token is None:
        return None, problems
    return VoteBallot(choices, token, other, district, age_band), []


def poll_choice_ids(poll: Poll) -> list[str]:
    """Every answer a poll's results count, in order: its options, then `OTHER`
    when the poll allows "anders, namelijk"."""
    return [o.id for o in poll.options] + ([OTHER] if poll.allow_other else [])


def choice_label(poll: Poll, choice_id: str, lang: str) -> str:
    """The label of one of `poll_choice_ids(poll)` in `lang`."""
    if choice_id == OTHER:
        return i18n.t("poll.other_answer", lang)
    option = poll.option(choice_id)
    return option.label.get(lang) if option else choice_id


def counted_choices(choices: Iterable[str], other_text: str | None) -> list[str]:
    """The answers one stored vote counts for: its options, plus `OTHER` when it
    gave its own answer (stored as `other_text`, not among the options)."""
    return [*choices, *([OTHER] if other_text else [])]


def validate_moodboard_vote(
    moodboard: Moodboard, body: object
) -> tuple[VoteBallot | None, list[Problem]]:
    if not isinstance(body, dict):
        return None, [Problem("invalid_type", "", "error.not_object")]
    token, district, age_band, problems = validation.check_common(
        body, MOODBOARD_FIELDS
    )
    choices, found = _choices(
        body.get("images"), "images", (image.id for image in moodboard.images)
    )
    problems += found
    if not problems:
        problems += _count(
            len(choices), moodboard.min_choices, moodboard.max_choices, "images"
        )
    if problems or token is None:
        return None, problems
    return VoteBallot(choices, token, None, district, age_band), []


def shares(
    option_ids: Iterable[str], counts: Mapping[str, int], voters: int
) -> dict[str, dict]:
    """Per option: votes, share of voters who chose it, and its 95% interval."""
    return {
        option: {
            "votes": counts.get(option, 0),
            "share": counts.get(option, 0) / voters if voters else 0.0,
            "ci": list(wilson_interval(counts.get(option, 0), voters)),
        }
        for option in option_ids
    }


@dataclasses.dataclass(frozen=True)
class Ranked:
    """One item's place in a ranking; `shared` when others have the same value."""

    item: str
    place: int
    shared: bool


def rank(values: Mapping[str, float], order: Iterable[str]) -> list[Ranked]:
    """Items from highest value to lowest with standard competition places
    ("1224"): equal values share a place and the next place skips, so a tie for
    third is two thirds, never a third and a fourth. Within a tie the given
    `order` is kept. Values are counts or shares (a higher one ranks first)."""
    ordered = sorted(order, key=lambda item: -values[item])
    tally = Counter(values[item] for item in ordered)
    ranked: list[Ranked] = []
    for index, item in enumerate(ordered):
        tied_above = ranked and values[ranked[-1].item] == values[item]
        place = ranked[-1].place if tied_above else index + 1
        ranked.append(Ranked(item, place, tally[values[item]] > 1))
    return ranked


# The vote rules check a token too; the review of stored votes concerns only the
# choices.
_ANY_TOKEN = "t" * 32


def poll_misfits(
    poll: Poll, choices: Iterable[str], other_text: str | None = None
) -> tuple[str, ...]:
    """Why a stored poll vote does not fit the current poll: `<choice>:
    unknown_choice`, `anders: other_not_allowed`, or `choices: too_few_choices` /
    `too_many_choices`; empty when it fits."""
    body = {"options": list(choices), "token": _ANY_TOKEN}
    if other_text:
        body["other_text"] = other_text
    return _misfit_reasons(validate_poll_vote(poll, body)[1])


def moodboard_misfits(
    moodboard: Moodboard, choices: Iterable[str], _other_text: None = None
) -> tuple[str, ...]:
    """Why a stored moodboard vote does not fit the current moodboard (with its
    uploaded pictures): reasons as `poll_misfits`."""
    body = {"images": list(choices), "token": _ANY_TOKEN}
    return _misfit_reasons(validate_moodboard_vote(moodboard, body)[1])


def _misfit_reasons(problems: list[Problem]) -> tuple[str, ...]:
    reasons = []
    for problem in problems:
        if problem.code == "unknown_choice":
            reasons.append(f"{problem.params['choice']}: {problem.code}")
        elif problem.code == "other_not_allowed":
            reasons.append(f"anders: {problem.code}")
        else:
            reasons.append(f"choices: {problem.code}")
    return tuple(reasons)
