"""Definitions that would make participation impossible are refused, the same way
for every kind, with the file and the field named."""

from __future__ import annotations

import pytest
import yaml

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kernel.trajectory import DefinitionError, load_file
from budgetschuiver.moodboards.model import Moodboard
from budgetschuiver.polls.model import Poll

KINDS = {
    "projects": ("park-zuiderpark", BudgetProject),
    "polls": ("fietsparkeren-centrum", Poll),
    "moodboards": ("speeltuin-transvaal", Moodboard),
}


def write(tmp_path, kind: str, change) -> tuple:
    item_id, model = KINDS[kind]
    data = yaml.safe_load((REPO_ROOT / "data" / kind / f"{item_id}.yaml").read_text())
    change(data)
    path = tmp_path / f"{item_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path, model


def refusal(path, model) -> str:
    with pytest.raises(DefinitionError) as info:
        load_file(path, model)
    return str(info.value)


IMPOSSIBLE = [
    ("moodboards", lambda d: d.update(min_choices=9, max_choices=9), "max_choices (9)"),
    ("moodboards", lambda d: d.update(max_choices=9), "number of pictures (8)"),
    ("moodboards", lambda d: d.update(min_choices=4), "min_choices (4)"),
    (
        "polls",
        lambda d: d.update(min_choices=4, max_choices=4),
        "number of options (3)",
    ),
    ("polls", lambda d: d.update(min_choices=2, max_choices=1), "min_choices (2)"),
    ("polls", lambda d: d.update(opens="2027-03-01", closes="2027-02-01"), "closes"),
    (
        "moodboards",
        lambda d: d.update(opens="2027-03-01", closes="2027-02-01"),
        "closes",
    ),
    ("projects", lambda d: d.update(opens="2027-03-01", closes="2027-02-01"), "closes"),
    ("projects", lambda d: d.update(total=1), "does not meet balance rule"),
]


@pytest.mark.parametrize(("kind", "change", "says"), IMPOSSIBLE)
def test_dchk001_impossible_definitions_are_refused(tmp_path, kind, change, says):
    """Class: a definition under which no ballot could be valid or open (more
    choices required than there are options or pictures, limits the wrong way
    round, closing before opening, a plan that breaks its own rule), for every
    kind: refused with the file and the field named."""
    path, model = write(tmp_path, kind, change)
    message = refusal(path, model)
    assert str(path) in message and says in message


def label(index: int, value):
    def change(data):
        key = "options" if "options" in data else "images"
        field = "label" if key == "options" else "title"
        data[key][index][field] = value

    return change


YAML_WORDS = [
    ("polls", "label: No\n", label(0, False), "options[0] (id grote-markt).label"),
    ("polls", "en: Yes\n", label(1, {"nl": "Ja", "en": True}), "options[1]"),
    ("moodboards", "title: Off\n", label(2, False), "images[2] (id water).title"),
    ("projects", "id: no\n", lambda d: d["lines"][0].update(id=False), "lines[0]"),
]


@pytest.mark.parametrize(("kind", "written", "change", "field"), YAML_WORDS)
def test_dchk002_yaml_yes_no_words_get_a_hint(tmp_path, kind, written, change, field):
    """Class: a yes/no word YAML reads as a boolean where text is expected (labels,
    titles, translations, ids), in every kind: the error names the field and says
    to quote it."""
    path, model = write(tmp_path, kind, change)
    message = refusal(path, model)
    assert field in message, written
    assert 'put the text in quotes, e.g. "No"' in message, written


def test_dchk003_quoted_words_load(tmp_path):
    """Class: the hint's advice works: quoted, the same words load as text."""
    path, model = write(tmp_path, "polls", label(0, "No"))
    assert "quotes" not in path.read_text()
    assert load_file(path, model).options[0].label.nl == "No"
