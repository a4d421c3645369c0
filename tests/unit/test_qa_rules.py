"""Pure rules of the live Q&A: the session's status by the clock, what each host
action does to a question, votes counted once per voter, merging, the order
questions are shown in, and the definition's checks."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from budgetschuiver.kernel.trajectory import TIMEZONE
from budgetschuiver.qa import rules, validate
from budgetschuiver.qa.model import QaSession

STARTS = dt.datetime(2026, 12, 3, 19, 30, tzinfo=TIMEZONE)
ENDS = dt.datetime(2026, 12, 3, 21, 0, tzinfo=TIMEZONE)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (STARTS - dt.timedelta(seconds=1), "upcoming"),
        (STARTS, "live"),
        (ENDS - dt.timedelta(seconds=1), "live"),
        (ENDS, "ended"),
        # The same instant written in UTC: 18:30 UTC is 19:30 in Den Haag.
        (dt.datetime(2026, 12, 3, 18, 30, tzinfo=dt.UTC), "live"),
    ],
)
def test_qa001_status_by_the_clock(now, expected):
    assert rules.session_status(STARTS, ENDS, now) == expected


def test_qa002_what_residents_and_hosts_may_do():
    assert rules.may_ask("upcoming") and rules.may_ask("live")
    assert not rules.may_ask("ended") and not rules.may_vote("ended")
    assert rules.may_host("live", "pin")
    assert not rules.may_host("ended", "pin") and not rules.may_host("ended", "merge")
    assert rules.may_host("ended", "answer") and rules.may_host("ended", "follow_up")


def test_qa003_stages():
    assert rules.next_stage("pin", "waiting") == "answering"
    assert rules.next_stage("pin", "follow_up") == "answering"
    assert rules.next_stage("follow_up", "answering") == "follow_up"
    assert rules.next_stage("answer", "follow_up") == "answered"
    with pytest.raises(rules.Refused) as refused:
        rules.next_stage("pin", "answered")
    assert refused.value.code == "already_answered"
    with pytest.raises(ValueError):
        rules.next_stage("merge", "waiting")


def test_qa004_votes_counted_once_per_voter():
    assert rules.count_votes(["a", "b", "a", "c", "b"]) == 3
    assert rules.count_votes([]) == 0


def test_qa005_merge_counts_a_voter_of_both_once():
    merged = rules.merged_voters({"a", "b"}, {"b", "c", "d"})
    assert merged == frozenset({"a", "b", "c", "d"})
    assert rules.count_votes(merged) == 4
    assert rules.merged_voters(set(), {"x"}) == frozenset({"x"})


def _line(qid, stage, votes, minute):
    return rules.Line(qid, stage, votes, STARTS + dt.timedelta(minutes=minute))


def test_qa006_order_by_votes_then_who_asked_first():
    lines = [
        _line("q1", "waiting", 3, 1),
        _line("q2", "waiting", 5, 2),
        _line("q3", "waiting", 3, 0),
        _line("q4", "answered", 9, 0),
        _line("q5", "answering", 1, 5),
        _line("q6", "follow_up", 2, 3),
        *(_line(f"w{n}", "waiting", 1, 10 + n) for n in range(5)),
    ]
    assert [x.id for x in rules.waiting_order(lines)][:3] == ["q2", "q3", "q1"]
    top = rules.top_waiting(lines)
    assert [x.id for x in top] == ["q2", "q3", "q1", "w0", "w1"]
    shown = [x.id for x in rules.shown_order(lines)]
    assert shown[0] == "q5" and shown[1:4] == ["q2", "q3", "q1"]
    assert shown[-2:] == ["q6", "q4"]


def _definition(**changes):
    data = {
        "id": "avond",
        "title": "Vragenuur",
        "description": "Vragen",
        "participation": "raadplegen",
        "what_we_do": "Antwoorden",
        "starts": "2026-12-03T19:30",
        "ends": "2026-12-03T21:00",
    }
    return QaSession.model_validate(data | changes)


def test_qa007_definition_dates_and_defaults():
    session = _definition()
    assert session.opens == session.closes == dt.date(2026, 12, 3)
    assert session.moderation == "pre" and session.question_limit == 300
    assert session.starts_at() == STARTS
    assert session.session_status(STARTS + dt.timedelta(minutes=1)) == "live"
    with pytest.raises(ValidationError, match="ends must be after starts"):
        _definition(ends="2026-12-03T19:00")
    with pytest.raises(ValidationError, match="without an offset"):
        _definition(starts="2026-12-03T19:30+01:00")
    with pytest.raises(ValidationError):
        _definition(question_limit=301)


def test_qa008_question_and_host_bodies_checked():
    session = _definition(question_limit=40)
    token = "t" * 32
    draft, problems = validate.validate_question(
        session,
        {"text": " Mag de hond mee? 🐕 ", "display_name": "Ayşe", "token": token},
    )
    assert problems == [] and draft.text == "Mag de hond mee? 🐕"
    _none, problems = validate.validate_question(
        session, {"text": "Bel mij op 06 12345678", "token": token}
    )
    assert [p.code for p in problems] == ["personal_data"]
    _none, problems = validate.validate_question(
        session, {"text": "x" * 41, "token": token, "extra": 1}
    )
    assert {p.code for p in problems} == {"too_long", "unknown_field"}
    assert problems[-1].key == "error.qa_too_long" or problems[0].key
    action, problems = validate.validate_host({"action": "hide", "question": "q1"})
    assert action is None and problems[0].field == "reason_code"
    action, problems = validate.validate_host({"action": "approve", "question": "q1"})
    assert problems == [] and action.reason_code is None
    action, _ = validate.validate_host(
        {"action": "answer", "question": "q1", "answer": "live"}
    )
    assert action.answer is None
    _none, problems = validate.validate_host({"action": "merge", "question": "q1"})
    assert problems[0].field == "into"
    _none, problems = validate.validate_host({"action": "delete", "question": 5})
    assert {p.field for p in problems} == {"action", "question"}
