"""Synthetic demo votes go only where a definition explicitly asks for them."""

from __future__ import annotations

import pytest

from budgetschuiver.kernel.trajectory import DefinitionError
from budgetschuiver.kinds import load_catalog
from budgetschuiver.seeding import seed_closed_polls
from tests.conftest import write_variant


def test_demo001_only_polls_that_ask_get_demo_votes(data_dir, store):
    """Class: every poll a definition does not mark for demo votes gets none,
    whatever its state: closed and real, closed and illustrative without the
    request, open, upcoming; a closed illustrative poll that asks gets exactly the
    number it asks for, once."""
    polls = data_dir / "polls"
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "closed-real",
        kind="polls",
        opens="2020-01-01",
        closes="2020-12-31",
        illustrative=False,
    )
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "closed-illustrative",
        kind="polls",
        opens="2020-01-01",
        closes="2020-12-31",
        illustrative=True,
    )
    write_variant(
        data_dir,
        "naam-nieuw-park.yaml",
        "open-demo",
        kind="polls",
        opens="2020-01-01",
        closes="2099-12-31",
    )
    write_variant(
        data_dir, "naam-nieuw-park.yaml", "small-demo", kind="polls", demo_votes=7
    )
    assert (polls / "closed-real.yaml").exists()
    catalog = load_catalog(data_dir)
    added = seed_closed_polls(catalog, store)
    assert added == {"naam-nieuw-park": 240, "small-demo": 7}
    for poll_id in catalog.of("poll"):
        expected = added.get(poll_id, 0)
        assert store.count_votes("poll", poll_id) == expected, poll_id
    assert store.tally("poll", "small-demo").synthetic == 7
    assert seed_closed_polls(catalog, store) == {}


def test_demo002_demo_votes_only_on_illustrative_polls(data_dir):
    """Class: a definition cannot ask for synthetic votes on a poll whose figures
    are presented as real; the error names the file and the field."""
    write_variant(
        data_dir, "naam-nieuw-park.yaml", "real-demo", kind="polls", illustrative=False
    )
    with pytest.raises(DefinitionError, match="real-demo.yaml.*illustrative"):
        load_catalog(data_dir)
