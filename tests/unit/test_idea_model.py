"""Idea round definitions: the demo rounds load, broken ones name the field."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kernel.trajectory import DefinitionError
from budgetschuiver.kinds import load_catalog

NOW_OPEN = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def test_idm001_demo_rounds_load():
    rounds = load_catalog(REPO_ROOT / "data").of("ideas")
    letters = rounds["brieven-beter"]
    assert letters.title.nl == "Hoe maken we brieven van de gemeente beter?"
    assert letters.illustrative and letters.demo_ideas
    assert letters.phase(NOW_OPEN) == "collect"
    assert rounds["speelplekken-2025"].phase(NOW_OPEN) == "closed"
    assert letters.limits.title == 100 and letters.limits.text == 2000
    assert letters.limits.reaction == 1000


def _write(tmp_path, **changes):
    data = yaml.safe_load((REPO_ROOT / "data/ideas/brieven-beter.yaml").read_text())
    data.update(changes)
    folder = tmp_path / "ideas"
    folder.mkdir(exist_ok=True)
    (folder / "brieven-beter.yaml").write_text(yaml.safe_dump(data))
    return tmp_path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"moderation": "later"}, "moderation"),
        ({"show_counts": "never"}, "show_counts"),
        ({"rate_from": "2020-01-01"}, "rate_from"),
        ({"themes": [{"id": "a", "label": "A"}, {"id": "a", "label": "B"}]}, "twice"),
        ({"illustrative": False}, "demo_ideas needs illustrative"),
        ({"limits": {"title": 5}}, "limits.title"),
        ({"demo_ideas": [{"title": "x", "text": "y", "theme": "nope"}]}, "nope"),
        ({"demo_ideas": [{"title": "x", "text": "y", "district": "mars"}]}, "mars"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_idm002_broken_definitions_name_the_field(tmp_path, changes, message):
    with pytest.raises(DefinitionError, match=message):
        load_catalog(_write(tmp_path, **changes)).of("ideas")


def test_idm003_no_folder_no_rounds(tmp_path):
    assert load_catalog(tmp_path).of("ideas") == {}
    assert IdeaRound.model_fields["moderation"].default == "post"
