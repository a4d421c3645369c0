"""Reports and appeals as parts of the kind the reported item belongs to.

Every kind with moderated items (ideas, forums, Q&A) registers the same two
parts (`report_part`, `appeal_part`) under its own name, so a report or an
appeal on a forum post is a forum contribution: in a forum with `integrity:
code` the appeal is keyed by the forum's voting code, and the rate limits and
receipts are the forum's. The API (`POST /api/v1/reports`, `POST
/api/v1/appeals`) and the pages pick the kind with `kind_of` from the item type
the body names, then cast through `kernel.cast` as for any other part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from budgetschuiver.ideas import api as ideas_api
from budgetschuiver.ideas import validate
from budgetschuiver.kernel.cast import Refusal
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.kinds import Kind, Part
from budgetschuiver.kernel.reactions import reaction_hosts
from budgetschuiver.moderation.rules import ITEM_KINDS

# The kind that answers for a body whose item is malformed or of no known type:
# its parts refuse it (422) as every kind's would.
FALLBACK_KIND = "ideas"


def kind_of(body: Any) -> Kind:
    """The registered kind of the item a report or appeal body names
    (`{"item": {"type": ...}}`, `rules.ITEM_KINDS`); `FALLBACK_KIND` when the
    body names no known item type (its `locate` then refuses it)."""
    item = body.get("item") if isinstance(body, dict) else None
    item_type = item.get("type") if isinstance(item, dict) else None
    if not isinstance(item_type, str) or item_type not in ITEM_KINDS:
        return services().catalog.kinds[FALLBACK_KIND]
    return services().catalog.kinds[ITEM_KINDS[item_type]]


def authored_places() -> list[tuple[str, str]]:
    """Every trajectory with moderated items, as `(kind name, trajectory id)`
    in registration order, then those with reactions switched on (`reactions:
    true`): where `/mijn-bijdragen` looks for what a browser
    wrote (`Store.contributions_of`)."""
    catalog = services().catalog
    kinds = dict.fromkeys(ITEM_KINDS.values())
    own = [(kind, item_id) for kind in kinds for item_id in catalog.of(kind)]
    return own + reaction_hosts(catalog.everything())


def _locate(kind_name: str, missing: str):
    """Find the trajectory of the item a report or appeal names: (trajectory,
    (type, id)); 422 for a malformed reference, 404 for an unknown item or one
    of another kind (each kind answers only for its own items)."""

    def locate(store: Any, body: Any) -> tuple[Any, tuple[str, str]] | Refusal:
        if not isinstance(body, dict):
            return Refusal(422, "invalid", problems=(validate.NOT_OBJECT,))
        ref, problems = validate.check_item(body.get("item"))
        if ref is None:
            return Refusal(422, "invalid", problems=tuple(problems))
        place = store.item_place(*ref) if ITEM_KINDS[ref[0]] == kind_name else None
        trajectory = services().catalog.find(*place) if place else None
        if trajectory is None:
            return Refusal(404, "not_found", missing)
        return trajectory, ref

    return locate


def report_part(
    kind_name: str, after: Callable[[str, str], None] | None = None
) -> Part:
    """The "melden" part of `kind_name`'s items. Anyone may report abuse, also
    in a trajectory with voting codes (`by_code=False`); the receipt is
    "created", or "again" for the same browser's second report of an item.
    Whether the item is now hidden is not told: a reporter cannot probe the
    threshold. `after(item_type, item_id)` runs once a report is stored (the
    Q&A tells its viewers)."""

    def store_report(store: Any, _item, _ref, report, _held):
        (item_type, item_id), reason, note, token = report
        outcome, _hidden = store.report_item(
            item_type,
            item_id,
            token,
            reason,
            note,
            services().settings.report_hide_threshold,
        )
        if outcome == "not_found":
            return Refusal(404, "not_found", "error.idea_item_not_found")
        if after is not None:
            after(item_type, item_id)
        return outcome

    return Part(
        name="report",
        validate=lambda _item, _ref, body: validate.validate_report(body),
        store=store_report,
        allowed=lambda token: ideas_api.allowed("report", token),
        locate=_locate(kind_name, "error.idea_item_not_found"),
        by_code=False,
    )


def _store_appeal(store: Any, _item, _ref, appeal, _held):
    (item_type, item_id), text, token = appeal
    outcome = store.appeal(item_type, item_id, token, text)
    if outcome == "not_found":
        return Refusal(404, "not_found", "error.idea_not_yours")
    if outcome != "created":
        return Refusal(409, outcome, "error.idea_appeal_not_possible")
    return outcome


def appeal_part(kind_name: str) -> Part:
    """The author's appeal on a hidden or rejected item of `kind_name`: keyed
    like the item itself (the browser's token, or the trajectory's voting code
    in one with `integrity: code`); the receipt is "created"."""
    return Part(
        name="appeal",
        validate=lambda _item, _ref, body: validate.validate_appeal(body),
        store=_store_appeal,
        allowed=lambda token: ideas_api.allowed("report", token),
        locate=_locate(kind_name, "error.idea_not_yours"),
    )


def moderation_parts(
    kind_name: str, after: Callable[[str, str], None] | None = None
) -> dict[str, Part]:
    """`{"report": ..., "appeal": ...}` for a kind's `parts`."""
    return {"report": report_part(kind_name, after), "appeal": appeal_part(kind_name)}
