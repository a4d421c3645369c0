"""The ideas and moderation store parts on SQLite and PostgreSQL: counts kept with
ratings, one level of replies, the author's edits, reports and their weights,
decisions, the append-only log and appeals."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select, text

from budgetschuiver.ideas.store import idea_ratings, ideas

TOKENS = [f"token-{n:02d}-" + "x" * 20 for n in range(12)]


def _idea(store, token=TOKENS[0], **kwargs):
    values = {"title": "Brieven in gewone taal", "text": "Schrijf in B1."} | kwargs
    return store.add_idea("brieven", token, **values)


def test_ist001_idea_stored_with_hashed_token_only(backend_store):
    idea = _idea(backend_store, theme="taal", display_name="Anouk 🌷")
    assert idea.state == "published" and idea.status == "nieuw"
    found = backend_store.find_idea(idea.id)
    assert (found.title, found.theme, found.display_name) == (
        "Brieven in gewone taal",
        "taal",
        "Anouk 🌷",
    )
    with backend_store.engine.connect() as conn:
        row = conn.execute(select(ideas)).one()
    assert TOKENS[0] not in str(tuple(row))
    assert backend_store.find_idea("nope") is None
    assert backend_store.find_idea(123) is None


def test_ist002_pending_when_queued(backend_store):
    idea = _idea(backend_store, queue_reason="pre")
    assert idea.state == "pending"
    assert backend_store.idea_keys("brieven") == []
    assert [k.id for k in backend_store.idea_keys("brieven", states=("pending",))] == [
        idea.id
    ]
    assert [q.id for q in backend_store.moderation_queue()] == [idea.id]


def test_ist003_ratings_keep_counts_and_positions(backend_store):
    idea = _idea(backend_store)
    assert backend_store.rate_idea(idea, TOKENS[1], "support", 3) is True
    assert backend_store.rate_idea(idea, TOKENS[2], "oppose", 1) is True
    assert backend_store.rate_idea(idea, TOKENS[3], "neutral") is True
    assert backend_store.rate_idea(idea, TOKENS[1], "oppose", 2) is False
    assert backend_store.rate_idea(idea, TOKENS[2], "oppose", 2) is False
    found = backend_store.find_idea(idea.id)
    assert (found.support, found.oppose, found.neutral) == (0, 2, 1)
    assert backend_store.rating_counts("brieven") == [(idea.id, 0, 2, 1)]
    assert backend_store.rating_positions("brieven") == [(2, 0, 2)]
    assert backend_store.ratings_by("brieven", TOKENS[1]) == {idea.id: "oppose"}
    assert backend_store.ratings_by("other", TOKENS[1]) == {}
    assert backend_store.count_raters("brieven") == 3
    with pytest.raises(ValueError):
        backend_store.rate_idea(idea, TOKENS[1], "love")


def test_ist004_concurrent_ratings_count_exactly(backend_store):
    idea = _idea(backend_store)
    errors = []

    def rate(n):
        try:
            for value in ("support", "oppose", "support"):
                backend_store.rate_idea(idea, f"thread-{n}-" + "y" * 20, value)
        except Exception as exc:  # pragma: no cover - the assertion shows it
            errors.append(exc)

    threads = [threading.Thread(target=rate, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    found = backend_store.find_idea(idea.id)
    assert (found.support, found.oppose) == (8, 0)
    with backend_store.engine.connect() as conn:
        assert len(conn.execute(select(idea_ratings)).all()) == 8


def test_ist005_reactions_one_level_of_replies(backend_store):
    idea = _idea(backend_store)
    top = backend_store.add_reaction(idea, TOKENS[1], stance="for", text="Goed!")
    reply = backend_store.add_reaction(
        idea, TOKENS[2], stance="question", text="Hoe dan?", parent=top.id
    )
    assert reply.parent == top.id
    # A reply to a reply, or to another idea's reaction, is refused.
    assert (
        backend_store.add_reaction(
            idea, TOKENS[3], stance="against", text="x", parent=reply.id
        )
        is None
    )
    other = _idea(backend_store, title="Iets anders")
    assert (
        backend_store.add_reaction(
            other, TOKENS[3], stance="for", text="x", parent=top.id
        )
        is None
    )
    listed = backend_store.reactions_on(idea)
    assert [(r.id, r.parent, r.stance) for r in listed] == [
        (top.id, None, "for"),
        (reply.id, top.id, "question"),
    ]
    assert backend_store.find_idea(idea.id).reactions == 2


def test_ist006_author_edits_within_window_and_deletes(backend_store):
    idea = _idea(backend_store)
    assert backend_store.author_edit("idea", idea.id, TOKENS[1], text="x") == (
        "not_found"
    )
    assert backend_store.author_edit("idea", idea.id, TOKENS[0], text="Nieuw") == "ok"
    found = backend_store.find_idea(idea.id)
    assert found.text == "Nieuw" and found.edited_at is not None
    with backend_store.engine.begin() as conn:
        conn.execute(
            ideas.update().values(
                created_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16)
            )
        )
    assert backend_store.author_edit("idea", idea.id, TOKENS[0], text="Te laat") == (
        "too_late"
    )
    reaction = backend_store.add_reaction(idea, TOKENS[1], stance="for", text="Ja")
    assert backend_store.author_delete("reaction", reaction.id, TOKENS[0]) is False
    assert backend_store.author_delete("reaction", reaction.id, TOKENS[1]) is True
    [gone] = backend_store.reactions_on(idea)
    assert (gone.state, gone.text) == ("deleted", "")
    assert backend_store.find_idea(idea.id).reactions == 0


def test_ist007_reports_hide_at_threshold_weighted(backend_store):
    idea = _idea(backend_store)
    assert backend_store.report_item("idea", idea.id, TOKENS[1], "spam", None, 3) == (
        "created",
        False,
    )
    assert backend_store.report_item("idea", idea.id, TOKENS[1], "spam", None, 3) == (
        "again",
        False,
    )
    backend_store.report_item("idea", idea.id, TOKENS[2], "offensive", None, 3)
    assert backend_store.report_item("idea", idea.id, TOKENS[3], "spam", "x", 3) == (
        "created",
        True,
    )
    found = backend_store.find_idea(idea.id)
    assert (found.state, found.queue_reason) == ("hidden", "reports")
    [queued] = backend_store.moderation_queue()
    assert (queued.id, queued.reason_queued, queued.reports) == (idea.id, "reports", 3)
    # Approving makes it public again and closes the reports as rejected...
    assert (
        backend_store.decide("idea", idea.id, "approve", "other", None, "mod-a") == "ok"
    )
    assert backend_store.find_idea(idea.id).state == "published"
    assert backend_store.moderation_queue() == []
    # ...so the same three reporters now weigh 1/2 each: three reports of a new
    # idea do not reach 3, a fourth and fifth reporter's do.
    second = _idea(backend_store, title="Tweede")
    for token in TOKENS[1:4]:
        assert (
            backend_store.report_item("idea", second.id, token, "spam", None, 3)[1]
            is False
        )
    assert (
        backend_store.report_item("idea", second.id, TOKENS[4], "spam", None, 3)[1]
        is False
    )
    assert (
        backend_store.report_item("idea", second.id, TOKENS[5], "spam", None, 3)[1]
        is True
    )
    assert backend_store.report_item(
        "idea", "i-unknown", TOKENS[5], "spam", None, 3
    ) == (
        "not_found",
        False,
    )


def test_ist008_log_is_append_only(backend_store):
    idea = _idea(backend_store)
    backend_store.decide("idea", idea.id, "hide", "spam", "reclame", "mod-a")
    rows = list(backend_store.moderation_log_rows())
    assert [r[1:] for r in rows] == [
        ("mod-a", "idea", idea.id, "hide", "spam", "reclame")
    ]
    for statement in (
        "UPDATE moderation_log SET note = 'x'",
        "DELETE FROM moderation_log",
    ):
        with (
            pytest.raises(Exception, match="append-only"),
            backend_store.engine.begin() as conn,
        ):
            conn.execute(text(statement))
    assert len(list(backend_store.moderation_log_rows())) == 1


def test_ist009_appeal_needs_another_moderator(backend_store):
    idea = _idea(backend_store, token=TOKENS[0])
    assert backend_store.appeal("idea", idea.id, TOKENS[0], "Waarom?") == "not_decided"
    backend_store.decide("idea", idea.id, "reject", "off_topic", None, "mod-a")
    assert backend_store.appeal("idea", idea.id, TOKENS[1], "x") == "not_found"
    assert backend_store.appeal("idea", idea.id, TOKENS[0], "Waarom?") == "created"
    assert backend_store.appeal("idea", idea.id, TOKENS[0], "Nog eens") == "not_decided"
    [queued] = backend_store.moderation_queue()
    assert queued.reason_queued == "appeal"
    assert (
        backend_store.decide("idea", idea.id, "restore", "other", None, "mod-a")
        == "same_moderator"
    )
    assert backend_store.find_idea(idea.id).state == "rejected"
    assert (
        backend_store.decide("idea", idea.id, "restore", "other", "terecht", "mod-b")
        == "ok"
    )
    assert backend_store.find_idea(idea.id).state == "published"
    assert [r[1] for r in backend_store.moderation_log_rows()] == ["mod-a", "mod-b"]


def test_ist010_contributions_and_hidden_totals(backend_store):
    idea = _idea(backend_store, token=TOKENS[0])
    reaction = backend_store.add_reaction(idea, TOKENS[0], stance="for", text="Ja")
    backend_store.decide("reaction", reaction.id, "hide", "personal_data", None, "m")
    mine = backend_store.contributions_of(
        [("ideas", "brieven"), ("ideas", "other")], TOKENS[0]
    )
    assert [(m["type"], m["state"], m["reason"]) for m in mine] == [
        ("reaction", "hidden", "personal_data"),
        ("idea", "published", None),
    ]
    assert backend_store.contributions_of([("ideas", "brieven")], TOKENS[1]) == []
    assert backend_store.hidden_totals("brieven") == {
        "idea": {},
        "reaction": {"personal_data": 1},
    }


def test_ist011_status_and_answer(backend_store):
    idea = _idea(backend_store)
    with pytest.raises(ValueError):
        backend_store.set_idea_status(idea.id, "niet_overgenomen", None)
    with pytest.raises(ValueError):
        backend_store.set_idea_status(idea.id, "misschien", None)
    assert backend_store.set_idea_status(idea.id, "overgenomen", "Komt in 2027.")
    found = backend_store.find_idea(idea.id)
    assert (found.status, found.answer) == ("overgenomen", "Komt in 2027.")
    assert backend_store.set_idea_status("nope", "nieuw", None) is False


def test_ist012_search_theme_district(backend_store):
    a = _idea(backend_store, theme="taal", district="centrum", title="100% duidelijk")
    b = _idea(backend_store, theme="vorm", text="Grotere LETTERS")
    assert [k.id for k in backend_store.idea_keys("brieven", theme="taal")] == [a.id]
    assert [k.id for k in backend_store.idea_keys("brieven", district="centrum")] == [
        a.id
    ]
    assert [k.id for k in backend_store.idea_keys("brieven", query="letters")] == [b.id]
    assert [k.id for k in backend_store.idea_keys("brieven", query="100%")] == [a.id]
    assert backend_store.idea_keys("brieven", query="_") == []
    assert [i.id for i in backend_store.ideas_by_rows([b.row_id, a.row_id])] == [
        b.id,
        a.id,
    ]


def test_ist013_seeded_round_counts_agree_with_its_ratings(backend_store):
    seeded = backend_store.seed_round("bench", 50, 2_000, 100, themes=["a", "b"])
    assert seeded["ideas"] == 50 and 1_400 < seeded["ratings"] <= 2_000
    keys = {
        k.id: (k.support, k.oppose, k.neutral) for k in backend_store.idea_keys("bench")
    }
    counted = {
        i: (s, o, n) for i, s, o, n in backend_store.rating_counts("bench", True)
    }
    assert keys == counted
    assert sum(map(sum, counted.values())) == seeded["ratings"]
    # Synthetic ratings are left out unless asked for.
    assert all(
        (s, o, n) == (0, 0, 0) for _i, s, o, n in backend_store.rating_counts("bench")
    )
    audit = backend_store.rating_positions("bench", synthetic=True)
    assert sum(s + o for _p, s, o in audit) == sum(
        s + o for s, o, _n in counted.values()
    )
    assert backend_store.rating_positions("bench") == []


def test_ist014_demo_ideas_stored_once_and_synthetic(backend_store):
    from budgetschuiver.ideas.demo import seed_demo_ideas
    from budgetschuiver.kernel.settings import REPO_ROOT
    from budgetschuiver.kinds import load_catalog

    catalog = load_catalog(REPO_ROOT / "data")
    assert seed_demo_ideas(catalog, backend_store) == {"brieven-beter": 5}
    assert seed_demo_ideas(catalog, backend_store) == {}
    keys = backend_store.idea_keys("brieven-beter")
    assert len(keys) == 5 and sum(k.support for k in keys) == 48
    # Made-up ratings are synthetic: the residents' count leaves them out.
    assert backend_store.count_raters("brieven-beter") == 0
    with backend_store.engine.connect() as conn:
        assert all(conn.execute(select(ideas.c.synthetic)).scalars())


def test_ist015_order_keys_follow_the_published_set(backend_store):
    first = _idea(backend_store)
    assert [k.id for k in backend_store.idea_order_keys("brieven")] == [first.id]
    second = _idea(backend_store, title="Tweede")
    assert {k.id for k in backend_store.idea_order_keys("brieven")} == {
        first.id,
        second.id,
    }
    backend_store.decide("idea", first.id, "hide", "spam", None, "m")
    assert [k.id for k in backend_store.idea_order_keys("brieven")] == [second.id]
    # Ratings leave the set alone: the kept keys are reused (counts read fresh
    # from the ideas themselves).
    kept = backend_store.idea_order_keys("brieven")
    backend_store.rate_idea(second, TOKENS[1], "support")
    assert backend_store.idea_order_keys("brieven") is kept
    assert backend_store.ideas_by_rows([kept[0].row_id])[0].support == 1
