"""The kind registry: every kind registered once, found by name and page variable,
and the catalog generic over the kinds (no field or method per kind)."""

from __future__ import annotations

import dataclasses

import pytest

from budgetschuiver.kernel.kinds import Registry
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import KINDS, load_catalog


def test_kind001_each_kind_once_with_its_folder_and_page_variable():
    names = [kind.name for kind in KINDS]
    assert names == ["budget", "poll", "moodboard", "ideas"]
    for kind in KINDS:
        assert KINDS[kind.name] is kind
        assert KINDS.by_route_variable(kind.route_variable) is kind
        assert (REPO_ROOT / "data" / kind.folder).is_dir()
        assert kind.path.startswith("/") and kind.path.endswith("/")


@pytest.mark.parametrize("field", ["name", "folder", "route_variable"])
def test_kind002_a_second_kind_with_the_same_name_folder_or_variable_is_refused(
    field,
):
    budget = KINDS["budget"]
    twin = dataclasses.replace(KINDS["poll"], **{field: getattr(budget, field)})
    with pytest.raises(ValueError, match=field):
        Registry([budget, twin])


def test_kind003_catalog_finds_by_kind_and_id_and_refuses_forged_ids():
    catalog = load_catalog(REPO_ROOT / "data")
    assert catalog.find("budget", "park-zuiderpark").id == "park-zuiderpark"
    assert catalog.find("poll", "park-zuiderpark") is None
    for forged in (None, 3, ["park-zuiderpark"], {"id": "park-zuiderpark"}):
        assert catalog.find("budget", forged) is None
    assert catalog.of("no-such-kind") == {}
    listed = list(catalog.everything())
    assert {kind.name for kind, _ in listed} == {kind.name for kind in KINDS}
    assert len(listed) == sum(len(catalog.of(kind.name)) for kind in KINDS)


def test_kind004_the_catalog_has_no_field_or_method_per_kind():
    catalog = load_catalog(REPO_ROOT / "data")
    for kind in KINDS:
        for name in (kind.name, kind.folder, kind.noun):
            assert not hasattr(catalog, name), name
