"""The idea counters (residents' and all counts per idea, counts per shown
position, raters, the round's version) on SQLite and PostgreSQL: after any mix of
new and changed ratings, also concurrent ones, and after the migration that fills
them, they equal a recount from the ratings themselves."""

from __future__ import annotations

import random
import threading

from sqlalchemy import func, select

from budgetschuiver.ideas import rules
from budgetschuiver.ideas.store import idea_ratings, ideas

ROUND = "brieven"


def _recount(store, round_id=ROUND):
    """Every counter recomputed from `idea_ratings` (the truth)."""
    per_idea = {}
    positions = {False: {}, True: {}}
    raters = {False: set(), True: set()}
    with store.engine.connect() as conn:
        public = dict(
            conn.execute(
                select(ideas.c.id, ideas.c.public_id).where(
                    ideas.c.round_id == round_id
                )
            ).all()
        )
        rows = conn.execute(
            select(
                idea_ratings.c.idea_id,
                idea_ratings.c.token_hash,
                idea_ratings.c.value,
                idea_ratings.c.position,
                idea_ratings.c.synthetic,
            ).where(idea_ratings.c.round_id == round_id)
        ).all()
    for idea_id, token_hash, value, position, synthetic in rows:
        synthetic = bool(synthetic)
        cell = per_idea.setdefault(public[idea_id], {True: [0, 0, 0], False: [0, 0, 0]})
        cell[synthetic][rules.RATING_VALUES.index(value)] += 1
        raters[synthetic].add(token_hash)
        if position is not None:
            counts = positions[synthetic].setdefault(position, [0, 0])
            if value != "neutral":
                counts[value == "oppose"] += 1
    return per_idea, positions, raters, set(public.values())


def _audit(positions, synthetic):
    merged = {}
    for flag in (False, True) if synthetic else (False,):
        for position, (s, o) in positions[flag].items():
            pair = merged.setdefault(position, [0, 0])
            pair[0] += s
            pair[1] += o
    return sorted((p, s, o) for p, (s, o) in merged.items())


def _assert_counters_agree(store):
    per_idea, positions, raters, published = _recount(store)
    zero = {True: [0, 0, 0], False: [0, 0, 0]}
    resident = {i: tuple(per_idea.get(i, zero)[False]) for i in published}
    everyone = {
        i: tuple(a + b for a, b in zip(*per_idea.get(i, zero).values(), strict=True))
        for i in published
    }
    assert {i: (s, o, n) for i, s, o, n in store.rating_counts(ROUND)} == resident
    assert {i: (s, o, n) for i, s, o, n in store.rating_counts(ROUND, True)} == everyone
    assert {k.id: (k.support, k.oppose, k.neutral) for k in store.idea_keys(ROUND)} == (
        everyone
    )
    # Positions where only neutral ratings are left show as (p, 0, 0), as the
    # grouped count did; positions with no rating at all are absent.
    assert store.rating_positions(ROUND) == _audit(positions, False)
    assert store.rating_positions(ROUND, synthetic=True) == _audit(positions, True)
    assert store.count_raters(ROUND) == len(raters[False])
    assert store.count_raters(ROUND, synthetic=True) == len(raters[False]) + len(
        raters[True]
    )


def _ideas(store, n):
    return [
        store.add_idea(
            ROUND, f"author-{k}-" + "a" * 20, title=f"Idee {k}", text="Tekst"
        )
        for k in range(n)
    ]


def test_ict001_random_new_and_changed_ratings_match_a_recount(backend_store):
    rng = random.Random(14)
    made = _ideas(backend_store, 4)
    tokens = [f"rater-{n:02d}-" + "r" * 20 for n in range(14)]
    for step in range(240):
        new = backend_store.rate_idea(
            rng.choice(made),
            rng.choice(tokens),
            rng.choice(rules.RATING_VALUES),
            rng.choice((None, 1, 2, 3, 7, 60)),
            synthetic=rng.random() < 0.3,
        )
        assert new in (True, False)
        if step % 60 == 59:
            # Read (and kept in this process) between batches: a later rating
            # must never be answered from what was kept before it.
            _assert_counters_agree(backend_store)
    _assert_counters_agree(backend_store)


def test_ict002_a_changed_rating_moves_its_position_and_value(backend_store):
    [idea] = _ideas(backend_store, 1)
    token = "mover-" + "m" * 20
    backend_store.rate_idea(idea, token, "support", 3)
    assert backend_store.rating_positions(ROUND) == [(3, 1, 0)]
    assert backend_store.rating_counts(ROUND) == [(idea.id, 1, 0, 0)]
    backend_store.rate_idea(idea, token, "oppose", 5)
    assert backend_store.rating_positions(ROUND) == [(5, 0, 1)]
    assert backend_store.rating_counts(ROUND) == [(idea.id, 0, 1, 0)]
    backend_store.rate_idea(idea, token, "oppose", None)
    assert backend_store.rating_positions(ROUND) == []
    assert backend_store.count_raters(ROUND) == 1
    # A synthetic (demo) rating counts for the list but not for the residents.
    backend_store.rate_idea(idea, "demo-" + "d" * 20, "support", 1, synthetic=True)
    assert backend_store.rating_counts(ROUND) == [(idea.id, 0, 1, 0)]
    assert backend_store.rating_counts(ROUND, True) == [(idea.id, 1, 1, 0)]
    assert [(k.support, k.oppose) for k in backend_store.idea_keys(ROUND)] == [(1, 1)]
    assert backend_store.rating_positions(ROUND) == []
    assert backend_store.rating_positions(ROUND, synthetic=True) == [(1, 1, 0)]


def test_ict003_concurrent_ratings_keep_exact_counters(backend_store):
    """Threads rate and re-rate two ideas at crossing positions (which on
    PostgreSQL would deadlock if counter rows were taken in different orders)."""
    made = _ideas(backend_store, 2)
    errors = []

    def rate(n):
        rng = random.Random(n)
        try:
            for _ in range(12):
                backend_store.rate_idea(
                    made[n % 2],
                    f"thread-{n}-" + "t" * 20,
                    rng.choice(rules.RATING_VALUES),
                    rng.choice((1, 2, 3)),
                )
        except Exception as exc:  # pragma: no cover - the assertion shows it
            errors.append(exc)

    threads = [threading.Thread(target=rate, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _assert_counters_agree(backend_store)
    assert backend_store.count_raters(ROUND) == 8


def test_ict004_kept_keys_follow_moderation(backend_store):
    first, second = _ideas(backend_store, 2)
    backend_store.rate_idea(first, "r-" + "x" * 20, "support", 1)
    assert {k.id for k in backend_store.idea_keys(ROUND)} == {first.id, second.id}
    backend_store.decide("idea", first.id, "hide", "spam", None, "mod-a")
    assert [k.id for k in backend_store.idea_keys(ROUND)] == [second.id]
    assert [row[0] for row in backend_store.rating_counts(ROUND)] == [second.id]
    backend_store.decide("idea", first.id, "restore", "other", None, "mod-b")
    assert {k.id for k in backend_store.idea_keys(ROUND)} == {first.id, second.id}


def test_ict005_migration_fills_the_counters_from_stored_ratings(backend_store):
    """Ratings stored under revision 0005 (no counters): upgrading fills them."""
    from alembic import command
    from alembic.config import Config

    from budgetschuiver.kernel.settings import REPO_ROOT

    made = _ideas(backend_store, 3)
    rng = random.Random(5)
    for n in range(60):
        backend_store.rate_idea(
            rng.choice(made),
            f"old-{n % 20}-" + "o" * 20,
            rng.choice(rules.RATING_VALUES),
            rng.choice((None, 1, 2, 4)),
            synthetic=n % 4 == 0,
        )
    config = Config(str(REPO_ROOT / "alembic.ini"))
    with backend_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with backend_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with backend_store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(idea_ratings)).scalar() > 0
    _assert_counters_agree(backend_store)


def test_ict006_migrations_down_and_up_keep_ratings_reactions_and_replies(
    backend_store,
):
    """Migrations that change `ideas` or `reactions` keep every row on both
    databases: on SQLite a table copy used to drop the old table with foreign
    keys on, and its cascades deleted the ratings (0009's downgrade) and every
    reply (0010, both ways)."""
    from alembic import command
    from alembic.config import Config

    from budgetschuiver.ideas.store import reactions
    from budgetschuiver.kernel.settings import REPO_ROOT

    (idea,) = _ideas(backend_store, 1)
    backend_store.rate_idea(idea, "rater-" + "r" * 20, "support", 1)
    top = backend_store.add_reaction(
        idea, "writer-" + "w" * 20, stance="for", text="Eerst"
    )
    reply = backend_store.add_reaction(
        idea, "other-" + "o" * 20, stance="question", text="Hoezo?", parent=top.id
    )
    assert reply is not None

    def rows():
        with backend_store.engine.connect() as conn:
            found = conn.execute(
                select(reactions.c.public_id, reactions.c.parent_id)
            ).all()
            ratings = conn.execute(select(func.count()).select_from(idea_ratings))
            return sorted(found), ratings.scalar()

    before = rows()
    config = Config(str(REPO_ROOT / "alembic.ini"))
    for step, target in ((command.downgrade, "0008"), (command.upgrade, "head")):
        with backend_store.engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, target)
        assert rows() == before
    assert before[1] == 1 and len(before[0]) == 2
