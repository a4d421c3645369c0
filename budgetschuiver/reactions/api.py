"""Reactions on a whole trajectory in the JSON API:
`GET/POST /api/v1/<kind plural>/<id>/reactions`, with the bodies and answers of
an idea's reactions (`ideas.api`). Changing, deleting, reporting and appealing a
reaction go through the idea rounds' endpoints (`/reactions/<id>`, `/reports`,
`/appeals`), which find its trajectory by `Store.item_place`."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from budgetschuiver.ideas.api import reaction_json
from budgetschuiver.kernel.api import error, json_body, refusal_response
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.kinds import Kind
from budgetschuiver.reactions.hosts import host


def add_routes(blueprint: Blueprint, plural: str, kind: Kind) -> None:
    """Add `/<plural>/<id>/reactions` (GET: the list; POST: a new reaction or
    reply, 201 `{id, state}`) to the kind's API blueprint. 404 when the
    trajectory is unknown or has no `reactions: true`."""

    def reactions(item_id: str) -> Response:
        item = services().catalog.find(kind.name, item_id)
        found = host(kind, item)
        if request.method == "GET":
            if found is None:
                return error(404, "not_found", f"error.{kind.noun}_not_found")
            listed = services().store.reactions_on(found)
            return jsonify({"reactions": [reaction_json(r) for r in listed]})
        outcome = cast(
            kind, item if found else None, json_body, part="reaction", target=found
        )
        if outcome.refusal is not None:
            return refusal_response(outcome.refusal)
        response = jsonify({"id": outcome.receipt.id, "state": outcome.receipt.state})
        response.status_code = 201
        return response

    blueprint.add_url_rule(
        f"/{plural}/<item_id>/reactions",
        endpoint=f"{kind.name}_reactions",
        view_func=reactions,
        methods=["GET", "POST"],
    )
