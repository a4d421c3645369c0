"""Pure forum rules: who may start a topic and when posts are taken, newest
activity first with shared times, paging and query checks, the topic and post
checks (personal data refused, stances only where the forum has them), and the
definition model."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

from budgetschuiver.forums import rules, validate
from budgetschuiver.forums.model import Forum
from budgetschuiver.kernel.settings import REPO_ROOT

TOKEN = "forum-unit-token-" + "x" * 16
T0 = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def _forum(**changes) -> Forum:
    data = yaml.safe_load(
        (REPO_ROOT / "data" / "forums" / "pleinen-centrum.yaml").read_text()
    )
    return Forum.model_validate(data | changes)


@pytest.mark.parametrize(
    ("status", "closed", "topics_from", "municipality", "expected"),
    [
        ("open", False, "residents", False, None),
        ("open", False, "municipality", False, "municipality_only"),
        ("open", False, "municipality", True, None),
        ("upcoming", False, "residents", True, "upcoming"),
        ("closed", False, "residents", True, "closed"),
        ("open", True, "residents", True, "closed"),
    ],
)
def test_frul001_who_may_start_a_topic(
    status, closed, topics_from, municipality, expected
):
    assert rules.topic_refusal(status, closed, topics_from, municipality) == expected


@pytest.mark.parametrize(
    ("status", "forum_closed", "topic_closed", "expected"),
    [
        ("open", False, False, None),
        ("open", False, True, "topic_closed"),
        ("open", True, False, "closed"),
        ("closed", False, False, "closed"),
        ("upcoming", False, False, "upcoming"),
    ],
)
def test_frul002_when_posts_are_taken(status, forum_closed, topic_closed, expected):
    assert rules.post_refusal(status, forum_closed, topic_closed) == expected


def test_frul003_newest_activity_first_with_ties_by_id():
    quiet = rules.TopicKey("t-quiet", T0, None)
    busy = rules.TopicKey("t-busy", T0 - dt.timedelta(days=3), T0 + dt.timedelta(1))
    twin_b = rules.TopicKey("t-b", T0 - dt.timedelta(hours=1), None)
    twin_a = rules.TopicKey("t-a", T0 - dt.timedelta(hours=1), None)
    ordered = rules.newest_activity_first([twin_b, quiet, twin_a, busy])
    assert [k.id for k in ordered] == ["t-busy", "t-quiet", "t-a", "t-b"]
    assert busy.last_activity == T0 + dt.timedelta(1)
    assert quiet.last_activity == T0


def test_frul004_paging_and_query_checks():
    keys = [rules.TopicKey(f"t{n:02d}", T0, None) for n in range(45)]
    first, pages = rules.page_of(keys, 1)
    assert (len(first), pages) == (20, 3)
    last, _ = rules.page_of(keys, 3)
    assert [k.id for k in last] == [f"t{n}" for n in range(40, 45)]
    assert rules.page_of([], 1) == ([], 1)
    with pytest.raises(ValueError):
        rules.page_of(keys, 4)
    assert [rules.check_page(raw) for raw in ("1", "12", "0", "-1", "x", "", None)] == [
        1,
        12,
        None,
        None,
        None,
        None,
        None,
    ]
    assert rules.check_query(None) == ""
    assert rules.check_query("  bankjes ") == "bankjes"
    assert rules.check_query("a" * 101) is None


def test_frul005_topic_checks_keep_words_and_refuse_personal_data():
    forum = _forum()
    draft, problems = validate.validate_topic(
        forum,
        {"title": "Schaduw 🌳 op het Plein", "text": "مرحبا — bankjes", "token": TOKEN},
    )
    assert problems == [] and draft.title == "Schaduw 🌳 op het Plein"
    assert draft.text == "مرحبا — bankjes" and draft.municipality is False
    _none, problems = validate.validate_topic(
        forum, {"title": "Bel mij", "text": "info@example.nl", "token": TOKEN}
    )
    assert [(p.code, p.field) for p in problems] == [("personal_data", "text")]
    _none, problems = validate.validate_topic(
        forum, {"title": "x" * 121, "text": "", "token": "kort", "role": "admin"}
    )
    assert {p.field for p in problems} == {"role", "token", "title", "text"}
    assert validate.validate_topic(forum, ["niet", "een", "object"])[0] is None
    mine, _ = validate.validate_topic(
        forum,
        {
            "title": "Planning",
            "text": "Zo gaat het.",
            "display_name": "Jan",
            "token": TOKEN,
        },
        municipality=True,
    )
    assert mine.municipality is True and mine.display_name is None


def test_frul006_post_checks_stances_only_where_the_forum_has_them():
    with_stances, without = _forum(), _forum(stances=False, demo_topics=[])
    body = {"text": "Eens.", "token": TOKEN}
    assert validate.validate_post(with_stances, body)[0].stance is None
    assert validate.validate_post(with_stances, body | {"stance": "for"})[0].stance == (
        "for"
    )
    _none, problems = validate.validate_post(with_stances, body | {"stance": "maybe"})
    assert [p.key for p in problems] == ["error.forum_bad_stance"]
    _none, problems = validate.validate_post(without, body | {"stance": "for"})
    assert [p.key for p in problems] == ["error.forum_no_stances"]
    _none, problems = validate.validate_post(without, body | {"parent": 12})
    assert [p.field for p in problems] == ["parent"]
    draft, _ = validate.validate_post(without, body | {"parent": "p0123"})
    assert draft.parent == "p0123"


def test_frul007_the_definition_model():
    forum = _forum()
    assert forum.residents_may_start_topics is True
    assert (forum.limits.title, forum.limits.text) == (120, 5000)
    assert _forum(topics_from="municipality").residents_may_start_topics is False
    with pytest.raises(ValidationError, match="illustrative"):
        _forum(illustrative=False)
    with pytest.raises(ValidationError, match="stances"):
        _forum(stances=False)
    bad_reply = {"title": "T", "text": "x", "posts": [{"text": "a", "reply_to": 0}]}
    with pytest.raises(ValidationError, match="reply_to"):
        _forum(demo_topics=[bad_reply])
    with pytest.raises(ValidationError):
        _forum(topics_from="everyone")
