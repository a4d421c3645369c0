"""The forum part of the store on SQLite and PostgreSQL: demo topics stored once
and synthetic, replies one level deep, conclusions replaced, and topics and posts
in the shared moderation machinery (place, queue, hidden totals, appeals)."""

from __future__ import annotations

from sqlalchemy import select

from budgetschuiver.forums.store import forum_posts, forum_topics

TOKENS = [f"forum-store-token-{n}-" + "w" * 16 for n in range(4)]


def test_fst001_demo_topics_stored_once_and_synthetic(backend_store):
    from budgetschuiver.forums.demo import seed_demo_topics
    from budgetschuiver.kernel.settings import REPO_ROOT
    from budgetschuiver.kinds import load_catalog

    catalog = load_catalog(REPO_ROOT / "data")
    assert seed_demo_topics(catalog, backend_store) == {"pleinen-centrum": 3}
    assert seed_demo_topics(catalog, backend_store) == {}
    keys = backend_store.topic_keys("pleinen-centrum")
    topics = {t.title: t for t in backend_store.topics_by_ids([k.id for k in keys])}
    shade = topics["Meer bankjes in de schaduw"]
    assert shade.posts == 3
    posts = backend_store.posts_in(shade)
    assert posts[2].municipality is True and posts[2].parent == posts[1].id
    assert topics["Welke pleinen horen bij dit project?"].municipality is True
    with backend_store.engine.connect() as conn:
        assert all(conn.execute(select(forum_topics.c.synthetic)).scalars())
        assert all(conn.execute(select(forum_posts.c.synthetic)).scalars())


def test_fst002_replies_conclusions_and_moderation(backend_store):
    store = backend_store
    topic = store.add_topic("plein", TOKENS[0], title="Bomen", text="Meer bomen.")
    first = store.add_post(topic, TOKENS[1], text="Ja.")
    reply = store.add_post(topic, TOKENS[2], text="Ook ja.", parent=first.id)
    assert reply.parent == first.id
    assert store.add_post(topic, TOKENS[2], text="Dieper.", parent=reply.id) is None
    assert store.add_post(topic, TOKENS[2], text="Elders.", parent="p404") is None
    assert store.find_topic(topic.id).posts == 2
    assert store.close_topic(topic.id, "Eerste conclusie.", "a") is True
    assert store.close_topic("t404", "x", "a") is False
    store.close_forum("plein", "Eerst.", "a")
    store.close_forum("plein", "Daarna.", "b")
    closing = store.forum_closing("plein")
    assert (closing.conclusion, closing.closed_by) == ("Daarna.", "b")
    assert store.forum_closing("ander") is None

    assert store.item_place("topic", topic.id) == ("forums", "plein")
    assert store.item_place("post", first.id) == ("forums", "plein")
    assert store.item_place("post", "p404") is None
    held = store.add_post(topic, TOKENS[3], text="Wacht.", queue_reason="pre")
    queue = store.moderation_queue()
    assert [(q.type, q.id, q.round_id, q.title) for q in queue] == [
        ("post", held.id, "plein", None)
    ]
    assert store.decide("post", first.id, "hide", "spam", None, "mod-a") == "ok"
    assert store.hidden_totals("plein", ("topic", "post")) == {
        "topic": {},
        "post": {"spam": 1},
    }
    assert store.find_topic(topic.id).posts == 1
    # Only the author's token appeals, in the forum's own scope.
    assert store.appeal("post", first.id, TOKENS[2], None) == "not_found"
    assert store.appeal("post", first.id, TOKENS[1], "Geen spam") == "created"
