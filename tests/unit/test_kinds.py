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
    assert names == ["budget", "poll", "moodboard", "ideas", "forums", "qa"]
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


def _store_calls(function) -> set[str]:
    """The store methods a hook calls (`store.<name>(...)`), read from its source."""
    import ast
    import inspect
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "store"
    }


# Besides the kinds' own hooks (`kind.py`, and the report and appeal parts every
# kind with moderated items shares: `moderation/parts.py`), only what stores
# synthetic demo data writes contributions directly; the store parts define the
# methods.
DIRECT_WRITERS = ("store.py", "seeding.py", "demo.py", "kind.py", "parts.py")


def test_kind004_every_contribution_is_written_only_through_the_pipeline():
    """Each kind's ballot and parts are stored by the hooks `cast` calls; no page,
    API endpoint or dashboard module calls those store methods itself (so none
    can skip the open?, who, rate-limit, validate or moderate steps)."""
    import ast

    writes: dict[str, str] = {}
    for kind in KINDS:
        hooks = [(kind.name, kind.store_ballot)] + [
            (f"{kind.name}.{name}", part.store) for name, part in kind.parts.items()
        ]
        for label, hook in hooks:
            called = _store_calls(hook)
            assert called, f"{label}: its store hook calls no store method"
            writes |= dict.fromkeys(called, label)
    assert {"submit_budget", "submit_vote", "add_idea", "rate_idea"} <= set(writes)
    assert {"add_reaction", "report_item", "appeal"} <= set(writes)
    assert {"author_edit", "author_delete"} <= set(writes)
    assert {"add_topic", "add_post"} <= set(writes)
    assert {"add_question", "vote_question", "withdraw_vote"} <= set(writes)
    offenders = []
    for top in ("budgetschuiver", "dashboards"):
        for path in sorted((REPO_ROOT / top).rglob("*.py")):
            if path.name in DIRECT_WRITERS:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in writes
                ):
                    where = path.relative_to(REPO_ROOT)
                    offenders.append(f"{where}:{node.lineno} {node.func.attr}")
    assert offenders == []


def test_kind005_ideas_ratings_reactions_reports_appeals_edits_are_parts():
    parts = KINDS["ideas"].parts
    assert set(parts) == {"rating", "reaction", "report", "appeal", "edit", "removal"}
    assert parts["report"].by_code is False and parts["appeal"].by_code is True


def test_kind006_every_kind_with_moderated_items_has_its_own_reports_and_appeals():
    """A report or appeal is a contribution of the reported item's own kind
    (its voting codes, its rate limits), never borrowed from the ideas kind."""
    from budgetschuiver.moderation.rules import ITEM_KINDS

    for name in set(ITEM_KINDS.values()):
        parts = KINDS[name].parts
        assert {"report", "appeal"} <= set(parts), name
        assert parts["report"].by_code is False and parts["appeal"].by_code is True
        assert parts["report"].locate is not None, name
