"""The moodboard ranking on the dashboard shows shared places and the counts behind
its rounded shares."""

from __future__ import annotations

import json

from dashboards.choices.page import board_block
from tests.integration.test_dashboard import accounts, basic  # noqa: F401

BOARD = "speeltuin-transvaal"


def _vote(client, number: int, images: list[str]):
    answer = client.post(
        f"/api/v1/moodboards/{BOARD}/votes",
        data=json.dumps({"images": images, "token": f"resident-{number:04d}-abcdefgh"}),
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.get_json()


def _texts(component) -> list[str]:
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif hasattr(node, "children"):
            walk(node.children)

    walk(component)
    return found


def test_rankshown001_tied_pictures_share_their_place(app, client, accounts):  # noqa: F811
    """Class: a ranking that orders equal counts by file order. Two pictures tied
    for third are both "gedeelde 3e plaats", the next one is fifth, and every
    picture shows its count beside its rounded share."""
    # water 6, natuur 4, klimmen 3 and sport 3 (tied for third), samen 2,
    # kleur 1 and beweging 1 (tied for sixth), rustig 0; ten voters.
    ballots = (
        [["water", "natuur", "klimmen"]] * 3
        + [["water", "natuur", "sport"]]
        + [["water", "sport"]] * 2
        + [["kleur"], ["samen"], ["samen"], ["beweging"]]
    )
    for number, images in enumerate(ballots):
        _vote(client, number, images)
    data = client.get(
        f"/api/v1/moodboards/{BOARD}/results", headers=basic("adviseur")
    ).get_json()
    with app.server.app_context():
        from budgetschuiver.kernel.context import EXTENSION

        board = app.server.extensions[EXTENSION].item("moodboard", BOARD)
        block = board_block(board, data, "nl", 10)
    items = block.children[-1].children
    places = [(item.value, "db-tied" in item.className) for item in items]
    assert places == [
        (1, False),
        (2, False),
        (3, True),
        (3, True),
        (5, False),
        (6, True),
        (6, True),
        (8, False),
    ]
    texts = _texts(block)
    assert sum("Gedeelde" in text for text in texts) >= 2
    assert any(text.startswith("6 stemmen · ") for text in texts)
    assert any(text.startswith("1 stem · ") for text in texts)
