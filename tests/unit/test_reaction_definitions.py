"""`reactions:` in a budget, poll or moodboard definition: validated by each
definition model, off by default, and never part of what a ballot means."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from budgetschuiver.kernel import definitions
from budgetschuiver.kernel.reactions import reaction_hosts

DEMOS = [
    ("budget", "park-zuiderpark"),
    ("poll", "zondag-bibliotheek"),
    ("moodboard", "speeltuin-transvaal"),
]


def changed(item, **fields):
    return type(item).model_validate(item.model_dump() | fields)


@pytest.mark.parametrize(("kind", "item_id"), DEMOS)
def test_rdef001_off_by_default_and_switched_on(demo, kind, item_id):
    item = demo.find(kind, item_id)
    assert item.reactions is False
    on = changed(item, reactions=True, reaction_moderation="pre", reaction_limit=300)
    rules = on.reaction_rules()
    assert (on.reactions, rules.id, rules.moderation) == (True, item_id, "pre")
    assert (rules.limits.reaction, rules.limits.text) == (300, 300)


@pytest.mark.parametrize(("kind", "item_id"), DEMOS)
@pytest.mark.parametrize(
    "fields",
    [
        {"reactions": "sometimes"},
        {"reactions": [True]},
        {"reaction_moderation": "later"},
        {"reaction_limit": 10},
        {"reaction_limit": 6000},
        {"reaction": True},
    ],
)
def test_rdef002_bad_values_refused(demo, kind, item_id, fields):
    item = demo.find(kind, item_id)
    with pytest.raises(ValidationError):
        changed(item, **fields)


@pytest.mark.parametrize(("kind", "item_id"), DEMOS)
def test_rdef003_switching_reactions_does_not_outdate_ballots(demo, kind, item_id):
    item = demo.find(kind, item_id)
    on = changed(item, reactions=True, reaction_moderation="pre")
    assert definitions.rules_hash(on) == definitions.rules_hash(item)


def test_rdef004_demo_hosts(demo):
    assert reaction_hosts(demo.everything()) == [
        ("budget", "begroting-2027"),
        ("poll", "fietsparkeren-centrum"),
    ]
