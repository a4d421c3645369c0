"""JSON API of idea rounds, ratings, reactions, reports and moderation under
/api/v1: parse, check with the pure rules, store. Registered in app.py."""

from __future__ import annotations

import functools
import secrets
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, request

from budgetschuiver.ideas import rules, validate
from budgetschuiver.ideas.files import picture_json
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.ideas.store import StoredIdea, StoredReaction
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.api import (
    error,
    json_body,
    refusal_response,
)
from budgetschuiver.kernel.cast import Outcome, cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.settings import parse_limit
from budgetschuiver.kernel.web import (
    browser_token,
    contribution_allowed,
    request_language,
)
from budgetschuiver.moderation import parts as moderation_parts
from budgetschuiver.moderation import rules as moderation

ideas_api = Blueprint("ideas_api_v1", __name__, url_prefix="/api/v1")

# Per address, as for ballots: generous, since a library or office shares one.
ADDRESS_LIMIT = (300, 10 * 60)
RATING_ADDRESS_FACTOR = 10


# -- helpers -------------------------------------------------------------------------


@functools.cache
def allowed_words(data_dir: str) -> tuple[str, ...]:
    """Everyday words the profanity lists also hold (`data/moderation/`)."""
    path = Path(data_dir) / "moderation" / "allowed-words.txt"
    if not path.is_file():
        return ()
    return moderation.load_word_list(path.read_text(encoding="utf-8").splitlines())


def allowed(kind: str, token: str | None) -> bool:
    """Count one attempt of `kind` (idea, reaction, report, rating) for this
    browser token and address; False when either is over its limit."""
    limit = parse_limit(getattr(services().settings, f"{kind}_limit"))
    by_address = ADDRESS_LIMIT
    if kind == "rating":
        by_address = (max(ADDRESS_LIMIT[0], limit[0] * RATING_ADDRESS_FACTOR), limit[1])
    return contribution_allowed(kind, token, limit, by_address)


def round_of(round_id: str) -> IdeaRound | None:
    return services().catalog.find("ideas", round_id)


def _visitor_token() -> str | None:
    """The browser token cookie, or a `token` query parameter (API clients)."""
    raw = request.args.get("token")
    if isinstance(raw, str) and validate.validation.check_token(raw)[0]:
        return raw
    return browser_token()


def iso_time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def round_json(round_: IdeaRound, lang: str) -> dict[str, Any]:
    return {
        "id": round_.id,
        "title": round_.title.get(lang),
        "status": round_.status(),
        "phase": round_.phase(),
        "moderation": round_.moderation,
        "show_counts": round_.show_counts,
        "themes": [{"id": t.id, "label": t.label.get(lang)} for t in round_.themes],
        "limits": {
            "title": round_.limits.title,
            "text": round_.limits.text,
            "reaction": round_.limits.reaction,
        },
    }


def idea_json(
    idea: StoredIdea, counts: bool, my_rating: str | None = None
) -> dict[str, Any]:
    """An idea as the API shows it; counts absent (not null) when hidden, its
    picture (`files.picture_json`) absent when it has none."""
    out: dict[str, Any] = {
        "id": idea.id,
        "round": idea.round_id,
        "title": idea.title,
        "text": idea.text,
        "theme": idea.theme,
        "district": idea.district,
        "display_name": idea.display_name,
        "status": idea.status,
        "answer": idea.answer,
        "answer_link": idea.answer_link,
        "created_at": iso_time(idea.created_at),
        "edited": idea.edited_at is not None,
        "reactions": idea.reactions,
    }
    picture = picture_json(idea)
    if picture is not None:
        out["picture"] = picture
    if counts:
        out |= {"support": idea.support, "oppose": idea.oppose, "neutral": idea.neutral}
    if my_rating is not None:
        out["my_rating"] = my_rating
    return out


def reaction_json(reaction: StoredReaction) -> dict[str, Any]:
    return {
        "id": reaction.id,
        "parent": reaction.parent,
        "stance": reaction.stance,
        "text": reaction.text,
        "display_name": reaction.display_name,
        "created_at": iso_time(reaction.created_at),
        "edited": reaction.edited_at is not None,
        "deleted": reaction.state == "deleted",
    }


def _created(payload: dict[str, Any], created: bool = True) -> Response:
    response = jsonify(payload)
    response.status_code = 201 if created else 200
    return response


def screen(round_: IdeaRound, title: str, text: str, duplicates: bool) -> str | None:
    """Why a new contribution waits for review (see `validate.queue_reason`)."""
    known = services()
    existing = known.store.idea_fingerprints(round_.id) if duplicates else None
    return validate.queue_reason(
        round_,
        title,
        text,
        allowed_words=allowed_words(str(known.settings.data_dir)),
        existing=existing,
    )


# -- rounds and ideas ---------------------------------------------------------------


@ideas_api.get("/idea-rounds")
def list_rounds() -> Response:
    lang = request_language()
    rounds = services().catalog.of("ideas").values()
    return jsonify({"idea_rounds": [round_json(r, lang) for r in rounds]})


def order_keys(round_: IdeaRound, keys: list, order: str, seed: str) -> list:
    """The round's idea keys in the asked order: "random" (stable per seed),
    "new" (newest first: the latest stored), "top" (Wilson lower bound, then
    support)."""
    if order == "new":
        return sorted(keys, key=lambda k: k.row_id, reverse=True)
    if order == "top":
        places = {
            r.id: index
            for index, r in enumerate(
                rules.rank((k.id, k.support, k.oppose, k.neutral) for k in keys)
            )
        }
        return sorted(keys, key=lambda k: places[k.id])
    by_id = {k.id: k for k in keys}
    return [by_id[i] for i in rules.random_order(by_id, seed)]


@ideas_api.route("/idea-rounds/<round_id>/ideas", methods=["GET", "POST"])
def round_ideas(round_id: str) -> Response:
    """One rule for both methods, so any other method is a 405 here."""
    return list_ideas(round_id) if request.method == "GET" else post_idea(round_id)


def list_ideas(round_id: str) -> Response:
    round_ = round_of(round_id)
    if round_ is None:
        return error(404, "not_found", "error.idea_round_not_found")
    phase = round_.phase()
    args = request.args
    default_order = "top" if phase == "closed" else "random"
    order = args.get("order", default_order)
    raw_seed = args.get("seed")
    seed = rules.check_seed(raw_seed) if raw_seed is not None else None
    query = args.get("q", "")
    theme = args.get("theme") or None
    district = args.get("district") or None
    try:
        page = int(args.get("page", "1"))
    except ValueError:
        page = 0
    if (
        order not in rules.ORDERS
        or (raw_seed is not None and seed is None)
        or len(query) > 100
        or (theme is not None and round_.theme(theme) is None)
        or (district is not None and len(district) > 32)
    ):
        field = "order" if order not in rules.ORDERS else ""
        return error(400, "bad_query", "error.idea_bad_query", field)
    counts_for_all = rules.counts_visible(round_.show_counts, phase, False)
    if order == "top" and not counts_for_all:
        return error(400, "bad_query", "error.idea_order_hidden", "order")
    token = _visitor_token()
    store = services().store
    if seed is None:
        # Without a seed the visitor's token gives one (the same order on every
        # visit); without either, a fresh one, returned so the client can page.
        seed = (
            store.token_hash("ideas-seed:" + round_.id, token)[:16]
            if token
            else secrets.token_hex(8)
        )
    # Ranking needs every idea's current counts; the other orders do not.
    read = store.idea_keys if order == "top" else store.idea_order_keys
    keys = read(round_.id, theme=theme, district=district, query=query.strip() or None)
    ordered = order_keys(round_, keys, order, seed)
    try:
        start, stop, pages = rules.page_bounds(len(ordered), page)
    except ValueError:
        return error(400, "bad_query", "error.idea_bad_query", "page")
    mine = store.ratings_by(round_.id, token)
    page_ideas = store.ideas_by_rows([k.row_id for k in ordered[start:stop]])
    items = []
    for idea in page_ideas:
        rated = idea.id in mine
        visible = rules.counts_visible(round_.show_counts, phase, rated)
        items.append(idea_json(idea, visible, mine.get(idea.id)))
    if phase == "closed":
        ranks = {
            r.id: r
            for r in rules.rank((k.id, k.support, k.oppose, k.neutral) for k in keys)
        }
        for item in items:
            item["rank"] = ranks[item["id"]].rank
            item["tied"] = ranks[item["id"]].tied
    totals = store.hidden_totals(round_.id)
    return jsonify(
        {
            "ideas": items,
            "page": page,
            "pages": pages,
            "total": len(ordered),
            "order": order,
            "seed": seed,
            "hidden": totals,
        }
    )


def post_idea(round_id: str) -> Response:
    """A new idea through the contribution pipeline (`kernel.cast`): 201 with its
    id and state (published, or pending when it waits for a moderator)."""
    known = services()
    round_ = known.catalog.find("ideas", round_id)
    outcome = cast(known.catalog.kinds["ideas"], round_, json_body)
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    idea = outcome.receipt
    return _created({"id": idea.id, "state": idea.state})


@ideas_api.get("/idea-rounds/<round_id>/similar")
def similar(round_id: str) -> Response:
    """Published ideas like a draft ("Lijkt op: …"), before it is posted."""
    round_ = round_of(round_id)
    if round_ is None:
        return error(404, "not_found", "error.idea_round_not_found")
    title = request.args.get("title", "")[: round_.limits.title]
    text = request.args.get("text", "")[:300]
    existing = (
        services().store.idea_fingerprints(round_.id, states=("published",))
        if title.strip()
        else []
    )
    titles = {idea_id: idea_title for idea_id, idea_title, _text in existing}
    found = moderation.near_duplicates(title, text, existing)
    return jsonify(
        {
            "similar": [
                {"id": s.id, "title": titles[s.id], "score": s.score} for s in found
            ]
        }
    )


def _idea_or_404(idea_id: str) -> tuple[StoredIdea | None, IdeaRound | None]:
    idea = services().store.find_idea(idea_id)
    if idea is None or idea.state != "published":
        return None, None
    return idea, round_of(idea.round_id)


@ideas_api.route("/ideas/<idea_id>", methods=["GET", "PATCH", "DELETE"])
def one_idea(idea_id: str) -> Response:
    """Read an idea, or its author changes or deletes it."""
    if request.method == "GET":
        return get_idea(idea_id)
    return _author_change("idea", idea_id)


def get_idea(idea_id: str) -> Response:
    idea, round_ = _idea_or_404(idea_id)
    if idea is None or round_ is None:
        return error(404, "not_found", "error.idea_not_found")
    store = services().store
    mine = store.ratings_by(round_.id, _visitor_token())
    visible = rules.counts_visible(round_.show_counts, round_.phase(), idea.id in mine)
    return jsonify(
        {
            "idea": idea_json(idea, visible, mine.get(idea.id)),
            "reactions": [reaction_json(r) for r in store.reactions_on(idea)],
        }
    )


def _on_idea(idea_id: str, part: str) -> Outcome:
    """A contribution `part` on a public idea, through the pipeline."""
    idea, round_ = _idea_or_404(idea_id)
    kind = services().catalog.kinds["ideas"]
    return cast(kind, round_, json_body, part=part, target=idea)


@ideas_api.post("/ideas/<idea_id>/ratings")
def rate(idea_id: str) -> Response:
    """201 for a new rating, 200 for a changed one."""
    outcome = _on_idea(idea_id, "rating")
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    value, created = outcome.receipt
    return _created({"id": idea_id, "value": value}, created)


@ideas_api.post("/ideas/<idea_id>/reactions")
def react(idea_id: str) -> Response:
    outcome = _on_idea(idea_id, "reaction")
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    stored = outcome.receipt
    return _created({"id": stored.id, "state": stored.state})


# -- the author's own items ----------------------------------------------------------


def _author_change(item_type: str, item_id: str) -> Response:
    """PATCH (edit within 15 minutes) or DELETE (any time) by the author's token
    (or voting code), through the pipeline."""
    kind, item, ref = own_item(item_type, item_id)
    part = "removal" if request.method == "DELETE" else "edit"
    outcome = cast(kind, item, json_body, part=part, target=ref)
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    if part == "removal":
        return jsonify({"id": item_id, "state": "deleted"})
    return jsonify({"id": item_id, "edited": True, "state": outcome.receipt})


def own_item(item_type: str, item_id: str) -> tuple[Any, Any, tuple[str, str] | None]:
    """The kind and trajectory of an idea or reaction (a reaction may be on a
    budget, poll or moodboard) and its reference (type, id); (idea kind, None,
    None) when unknown. Whose it is, the store checks."""
    known = services()
    place = known.store.item_place(item_type, item_id)
    kind = known.catalog.kinds.get(place[0]) if place else None
    item = known.catalog.find(*place) if place and kind else None
    if item is None:
        return known.catalog.kinds["ideas"], None, None
    return kind, item, (item_type, item_id)


@ideas_api.route("/reactions/<reaction_id>", methods=["PATCH", "DELETE"])
def change_reaction(reaction_id: str) -> Response:
    return _author_change("reaction", reaction_id)


@ideas_api.get("/my-contributions")
def my_contributions() -> Response:
    """What this browser posted (ideas, reactions, forum topics and posts, Q&A
    questions), with each item's state and reason."""
    token = _visitor_token()
    places = moderation_parts.authored_places()
    items = services().store.contributions_of(places, token)
    for item in items:
        item["created_at"] = iso_time(item["created_at"])
        item["appeal"] = item["state"] in ("hidden", "rejected")
        if item["kind"] == "ideas":
            item["idea_id"] = item["parent_id"] or item["id"]
    return jsonify({"items": items})


@ideas_api.post("/appeals")
def appeal() -> Response:
    outcome = _about_item("appeal")
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    item_type, item_id = outcome.ballot[0]
    return _created({"item": {"type": item_type, "id": item_id}, "state": "queued"})


def _about_item(part: str) -> Outcome:
    """A report or appeal: its body names the item it is about, whose kind's
    part takes it in (`moderation.parts`)."""
    body, refused = json_body()
    kind = moderation_parts.kind_of(body if refused is None else None)
    return cast(kind, None, lambda: (body, refused), part=part)


# -- reports and moderation ----------------------------------------------------------


@ideas_api.post("/reports")
def report() -> Response:
    """201 for a new report, 200 for the same browser's report again."""
    outcome = _about_item("report")
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    item_type, item_id = outcome.ballot[0]
    return _created(
        {"item": {"type": item_type, "id": item_id}}, outcome.receipt == "created"
    )


@ideas_api.get("/moderation/reasons")
def reasons() -> Response:
    lang = request_language()
    return jsonify(
        {
            "reasons": [
                {"code": code, "label": i18n.t(f"moderation.reason.{code}", lang)}
                for code in moderation.REASON_CODES
            ]
        }
    )
