"""Pure checks of what residents send to an idea round: ideas, ratings, reactions,
reports. Every refusal is a `Problem` naming the body key at fault; nothing that
fails here is stored. Personal data is refused; other signals only queue."""

from __future__ import annotations

import base64
import dataclasses
import re
from typing import Any

from budgetschuiver.ideas import rules
from budgetschuiver.kernel import i18n, media, validation
from budgetschuiver.kernel.problems import Problem
from budgetschuiver.moderation import rules as moderation

DISPLAY_NAME_MAX = 40
NOTE_MAX = 500
POSITION_MAX = 100_000
# An alternative text says what a picture shows in a sentence, not a story.
PICTURE_ALT_MAX = 150
# Base64 grows bytes by 4/3; anything longer cannot decode to an allowed upload.
PICTURE_BASE64_MAX = 4 * ((media.MAX_UPLOAD_BYTES + 2) // 3)
# What a browser's file reader puts before the bytes ("data:image/jpeg;base64,").
DATA_URL = re.compile(r"^data:[\w.+/-]*;base64,")
IDEA_FIELDS = frozenset(
    {
        "title",
        "text",
        "theme",
        "district",
        "display_name",
        "token",
        "picture",
        "picture_alt",
    }
)
RATING_FIELDS = frozenset({"value", "token", "position"})
REACTION_FIELDS = frozenset({"text", "stance", "parent", "display_name", "token"})
REPORT_FIELDS = frozenset({"item", "reason", "note", "token"})
DECISION_FIELDS = frozenset({"item", "action", "reason_code", "note"})
APPEAL_FIELDS = frozenset({"item", "text", "token"})
ITEM_TYPES = ("idea", "reaction", "topic", "post", "question")


@dataclasses.dataclass(frozen=True)
class Found:
    """The kinds of personal data found, named in the reader's language."""

    kinds: tuple[str, ...]

    def localized(self, lang: str) -> str:
        names = [i18n.t(f"personal.{kind}", lang) for kind in self.kinds]
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + i18n.t("personal.and", lang) + names[-1]


@dataclasses.dataclass(frozen=True)
class IdeaPicture:
    """A checked picture: `data` re-encoded as WebP without metadata
    (`media.prepare_upload`), `width` and `height` in pixels, `alt` the author's
    alternative text."""

    data: bytes
    alt: str
    width: int
    height: int


@dataclasses.dataclass(frozen=True)
class IdeaDraft:
    title: str
    text: str
    theme: str | None
    district: str | None
    display_name: str | None
    token: str
    picture: IdeaPicture | None = None


@dataclasses.dataclass(frozen=True)
class ReactionDraft:
    text: str
    stance: str
    parent: str | None
    display_name: str | None
    token: str


# What every check says of a body that is not a JSON object.
NOT_OBJECT = Problem("invalid_type", "", "error.not_object")


def _unknown(body: dict, allowed: frozenset[str]) -> list[Problem]:
    return [
        Problem(
            "unknown_field",
            str(key)[:40],
            "error.unknown_field",
            {"field": str(key)[:40]},
        )
        for key in body
        if key not in allowed
    ]


def check_words(
    raw: object, field: str, max_chars: int, *, required: bool
) -> tuple[str | None, list[Problem]]:
    """A resident's text: cleaned like every free text (`validation.clean_text`:
    kept as written, invisible controls removed), bounded, and refused when it
    holds personal data (`moderation.personal_data`). HTML-like text is kept as
    written; pages always show it as text."""
    if raw is None or (isinstance(raw, str) and not validation.clean_text(raw)):
        if required:
            return None, [Problem("empty", field, "error.idea_empty")]
        return None, []
    if not isinstance(raw, str):
        return None, [Problem(f"invalid_{field}", field, "error.idea_not_text")]
    text = validation.clean_text(raw)
    if len(text) > max_chars:
        return None, [
            Problem("too_long", field, "error.idea_too_long", {"max": max_chars})
        ]
    kinds = moderation.personal_data(text)
    if kinds:
        return None, [
            Problem(
                "personal_data",
                field,
                "error.personal_data",
                {"found": Found(tuple(kinds))},
            )
        ]
    return text, []


def check_picture(
    raw: object, raw_alt: object
) -> tuple[IdeaPicture | None, list[Problem]]:
    """An idea's optional picture: `raw` base64 (a data URL prefix allowed), decoded
    and re-encoded by `media.prepare_upload` (PNG, JPEG or WebP, at most
    `media.MAX_UPLOAD_BYTES` bytes and `media.MAX_PIXELS` pixels; metadata such
    as EXIF GPS dropped); `raw_alt` its alternative text, required with a picture
    and refused without one, checked like every text (personal data refused)."""
    alt, problems = check_words(raw_alt, "picture_alt", PICTURE_ALT_MAX, required=False)
    if raw is None or raw == "":
        if alt is not None:
            problems.append(
                Problem("no_picture", "picture_alt", "error.idea_alt_without_picture")
            )
        return None, problems
    if not isinstance(raw, str):
        return None, [Problem("invalid_picture", "picture", "upload.not_an_image")]
    encoded = DATA_URL.sub("", raw, count=1)
    if len(encoded) > PICTURE_BASE64_MAX:
        return None, [Problem("too_large", "picture", "upload.too_large")]
    try:
        data = media.prepare_upload(base64.b64decode(encoded, validate=True))
    except ValueError as exc:
        # binascii.Error (not base64) and media.ImageRejected are ValueErrors.
        key = exc.key if isinstance(exc, media.ImageRejected) else "upload.not_an_image"
        return None, [Problem("invalid_picture", "picture", key)]
    if alt is None and not problems:
        problems.append(Problem("empty", "picture_alt", "error.idea_picture_alt"))
    if problems or alt is None:
        return None, problems
    width, height = media.dimensions(data)
    return IdeaPicture(data, alt, width, height), []


def validate_idea(round_: Any, body: object) -> tuple[IdeaDraft | None, list[Problem]]:
    """A new idea for `round_` (an `IdeaRound`): title and text required, theme
    from the round's list, district from the city's list where the round has
    districts, optional display name and picture (`check_picture`); no other
    fields."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    problems = _unknown(body, IDEA_FIELDS)
    token, found = validation.check_token(body.get("token"))
    problems += found
    title, found = check_words(
        body.get("title"), "title", round_.limits.title, required=True
    )
    problems += found
    text, found = check_words(
        body.get("text"), "text", round_.limits.text, required=True
    )
    problems += found
    name, found = check_words(
        body.get("display_name"), "display_name", DISPLAY_NAME_MAX, required=False
    )
    problems += found
    theme, found = validation.check_choice(
        body.get("theme"),
        frozenset(t.id for t in round_.themes),
        "theme",
        "error.idea_bad_theme",
    )
    problems += found
    district = None
    if round_.districts:
        district, found = validation.check_district(body.get("district"))
        problems += found
    elif body.get("district") not in (None, ""):
        problems.append(
            Problem("invalid_district", "district", "error.idea_no_districts")
        )
    picture, found = check_picture(body.get("picture"), body.get("picture_alt"))
    problems += found
    if problems or token is None or title is None or text is None:
        return None, problems
    return IdeaDraft(title, text, theme, district, name, token, picture), []


def validate_rating(
    body: object,
) -> tuple[tuple[str, str, int | None] | None, list[Problem]]:
    """(value, token, position) of a rating: support, oppose or neutral; the
    optional position is the idea's place in the list (1 to 100,000)."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    problems = _unknown(body, RATING_FIELDS)
    token, found = validation.check_token(body.get("token"))
    problems += found
    value = body.get("value")
    if value not in rules.RATING_VALUES:
        problems.append(Problem("invalid_value", "value", "error.idea_bad_rating"))
    position = body.get("position")
    if position is not None and (
        isinstance(position, bool)
        or not isinstance(position, int)
        or not 1 <= position <= POSITION_MAX
    ):
        problems.append(
            Problem("invalid_position", "position", "error.idea_bad_position")
        )
    if problems or token is None:
        return None, problems
    return (value, token, position), []


def validate_reaction(
    round_: Any, body: object
) -> tuple[ReactionDraft | None, list[Problem]]:
    """A reaction: text (at most the round's reaction limit), stance for, against
    or question, optional parent reaction id and display name."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    problems = _unknown(body, REACTION_FIELDS)
    token, found = validation.check_token(body.get("token"))
    problems += found
    text, found = check_words(
        body.get("text"), "text", round_.limits.reaction, required=True
    )
    problems += found
    name, found = check_words(
        body.get("display_name"), "display_name", DISPLAY_NAME_MAX, required=False
    )
    problems += found
    stance = body.get("stance")
    if stance not in rules.STANCES:
        problems.append(Problem("invalid_stance", "stance", "error.idea_bad_stance"))
    parent = body.get("parent")
    if parent is not None and not (isinstance(parent, str) and 0 < len(parent) <= 24):
        problems.append(Problem("invalid_parent", "parent", "error.idea_bad_parent"))
    if problems or token is None or text is None:
        return None, problems
    return ReactionDraft(text, stance, parent, name, token), []


def check_item(raw: object) -> tuple[tuple[str, str] | None, list[Problem]]:
    """`{"type": <one of ITEM_TYPES>, "id": str}` as (type, id)."""
    if (
        isinstance(raw, dict)
        and set(raw) == {"type", "id"}
        and raw["type"] in ITEM_TYPES
        and isinstance(raw["id"], str)
        and 0 < len(raw["id"]) <= 24
    ):
        return (raw["type"], raw["id"]), []
    return None, [Problem("invalid_item", "item", "error.idea_bad_item")]


def _start(body: object, allowed: frozenset[str]):
    """What every item body starts with: an object, no unknown fields, the item
    and a token. Returns (item, token, problems); item/token None when invalid."""
    if not isinstance(body, dict):
        return None, None, [NOT_OBJECT]
    problems = _unknown(body, allowed)
    item, found = check_item(body.get("item"))
    problems += found
    token, found = validation.check_token(body.get("token"))
    return item, token, problems + found


def _note(raw: object, field: str = "note") -> tuple[str | None, list[Problem]]:
    return check_words(raw, field, NOTE_MAX, required=False)


@dataclasses.dataclass(frozen=True)
class Edit:
    """An author's change: the new texts by field ("title", "text"), and whether
    the idea's picture is removed."""

    texts: dict[str, str]
    token: str
    remove_picture: bool = False


def validate_edit(
    round_: Any, item_type: str, body: object
) -> tuple[Edit | None, list[Problem]]:
    """The author's change of an idea (title and/or text; `"picture": null`
    removes its picture, a new one cannot be added) or a reaction (text): each
    text checked as when it was posted, within the round's limits."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    fields = ("title", "text") if item_type == "idea" else ("text",)
    extra = ("picture",) if item_type == "idea" else ()
    problems = _unknown(body, frozenset((*fields, *extra, "token")))
    remove_picture = "picture" in body and item_type == "idea"
    if remove_picture and body["picture"] is not None:
        problems.append(
            Problem("invalid_picture", "picture", "error.idea_picture_remove_only")
        )
    token, found = validation.check_token(body.get("token"))
    problems += found
    limits = {"title": round_.limits.title, "text": round_.limits.text}
    if item_type == "reaction":
        limits["text"] = round_.limits.reaction
    texts: dict[str, str] = {}
    for name in fields:
        if name in body:
            value, found = check_words(body[name], name, limits[name], required=True)
            problems += found
            if value is not None:
                texts[name] = value
    if problems or token is None:
        return None, problems
    return Edit(texts, token, remove_picture), []


def validate_removal(body: object) -> tuple[str | None, list[Problem]]:
    """The author's deletion: the token alone."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    problems = _unknown(body, frozenset({"token"}))
    token, found = validation.check_token(body.get("token"))
    problems += found
    if problems or token is None:
        return None, problems
    return token, []


def validate_report(body: object):
    """((type, id), reason, note, token) of a report; reasons are the fixed
    moderation reason codes."""
    item, token, problems = _start(body, REPORT_FIELDS)
    if not isinstance(body, dict):
        return None, problems
    reason = body.get("reason")
    if reason not in moderation.REASON_CODES:
        problems.append(Problem("invalid_reason", "reason", "error.idea_bad_reason"))
    note, found = _note(body.get("note"))
    problems += found
    if problems or item is None or token is None:
        return None, problems
    return (item, reason, note, token), []


def validate_decision(body: object):
    """((type, id), action, reason_code, note) of a moderator's decision; a reason
    code is required."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    problems = _unknown(body, DECISION_FIELDS)
    item, found = check_item(body.get("item"))
    problems += found
    action = body.get("action")
    if action not in moderation.ACTIONS:
        problems.append(Problem("invalid_action", "action", "error.idea_bad_action"))
    reason = body.get("reason_code")
    if reason not in moderation.REASON_CODES:
        problems.append(
            Problem("invalid_reason", "reason_code", "error.idea_bad_reason")
        )
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        problems.append(Problem("invalid_note", "note", "error.idea_not_text"))
    elif isinstance(note, str):
        note = validation.clean_text(note)[:NOTE_MAX] or None
    if problems or item is None:
        return None, problems
    return (item, action, reason, note), []


def validate_appeal(body: object):
    """((type, id), text, token) of an author's appeal."""
    item, token, problems = _start(body, APPEAL_FIELDS)
    if not isinstance(body, dict):
        return None, problems
    text, found = _note(body.get("text"), "text")
    problems += found
    if problems or item is None or token is None:
        return None, problems
    return (item, text, token), []


def queue_reason(
    round_: Any,
    title: str,
    text: str,
    *,
    allowed_words: tuple[str, ...],
    existing: list[tuple[str, str, str]] | None = None,
    seconds_writing: float | None = None,
) -> str | None:
    """Why a new contribution waits for a moderator, or None when it goes public
    at once: "pre" (the round moderates first), else the local checks that
    tripped, joined by ",": "spam:<signal>", "profanity", "duplicate"."""
    reasons = [
        f"spam:{signal}"
        for signal in moderation.spam_signals(
            f"{title}\n{text}".strip(), seconds_writing
        )
    ]
    if moderation.profanity(f"{title}\n{text}", allowed_words):
        reasons.append("profanity")
    if existing and moderation.near_duplicates(title, text, existing):
        reasons.append("duplicate")
    if round_.moderation == "pre":
        reasons.insert(0, "pre")
    return ",".join(reasons)[:64] or None
