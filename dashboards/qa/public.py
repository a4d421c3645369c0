"""What live Q&A sessions give the loop back (`dashboards.kernel.public`): the
transcript as results. Every published question ranked by its residents' votes,
each with its support (the share of voting residents who voted for it, with its
95% Wilson interval), where it stands (answered, answered live, answer follows
later, not answered yet) and its answer; beside them how many residents asked a
question that is shown, how many questions were hidden by reason and how many
merged. n is the residents who voted; synthetic (demo) votes and questions never
count as residents; the session as a whole is suppressed while fewer than k
residents voted."""

from __future__ import annotations

from typing import Any

from budgetschuiver.kernel import i18n, intervals, places
from budgetschuiver.kernel.context import services
from budgetschuiver.qa.model import QaSession
from dashboards.kernel.public.kinds import PublicKind, RankingTexts, Row
from dashboards.kernel.public.results import unasked_crowd

# A question's stage as the results name it (an answered one: live or written).
STAGE_TEXTS = {
    "waiting": "loop.qa_unanswered",
    "answering": "qa.now_answering",
    "follow_up": "qa.follow_up_title",
    "answered": "qa.answered_title",
}


def transcript(session: QaSession) -> dict[str, Any]:
    """The session's results object: {"n_questions", "n_voters", "n_askers",
    "questions": [{id, text, votes, share, low, high (shares in [0, 1]),
    place, tied, stage, answer, answered_live}], "hidden_by_reason" ({reason
    code: count}), "merged"}; residents' votes only."""
    store = services().store
    found = {q.id: q for q in store.question_support(session.id)}
    voters = store.count_qa_voters(session.id)
    ranked = places.by_count((q.id, q.votes) for q in found.values())
    rows = []
    for r in ranked:
        question = found[r.id]
        low, high = intervals.wilson_interval(r.count, voters)
        rows.append(
            {
                "id": r.id,
                "text": question.text,
                "votes": r.count,
                "share": r.count / voters if voters else 0.0,
                "low": low,
                "high": high,
                "place": r.place,
                "tied": r.tied,
                "stage": question.stage,
                "answer": question.answer,
                "answered_live": question.answered_live,
            }
        )
    return {
        "n_questions": len(rows),
        "n_voters": voters,
        "n_askers": store.count_askers(session.id),
        "questions": rows,
        "hidden_by_reason": store.hidden_totals(session.id, ("question",))["question"],
        "merged": store.merged_count(session.id),
    }


def public_results(session: QaSession) -> dict[str, Any]:
    """The public results: `transcript` plus "n" (residents who voted) and
    "synthetic_excluded" (synthetic voters left out); {"suppressed": true}
    alone while fewer than k residents voted."""
    store = services().store
    found = transcript(session)
    n = found["n_voters"]
    if n < services().settings.min_group_size:
        return {"suppressed": True}
    everyone = store.count_qa_voters(session.id, synthetic=True)
    return found | {"n": n, "synthetic_excluded": everyone - n}


def who(session: QaSession):
    """Who took part: the residents who voted, in one "not given" row (a
    question hour asks no district or age)."""
    return unasked_crowd(services().store.count_qa_voters(session.id))


def _status(question: dict, lang: str) -> str:
    if question["stage"] == "answered" and question["answered_live"]:
        return i18n.t("qa.answered_live", lang)
    return i18n.t(STAGE_TEXTS[question["stage"]], lang)


def _rows(_session: QaSession, data: dict, lang: str) -> list[Row]:
    """One row per published question in ranking order: value its support in
    [0, 1], text that share with its 95% Wilson interval, count its residents'
    votes, with place, where it stands and its written answer."""
    return [
        Row(
            q["id"],
            q["text"],
            q["share"],
            i18n.t(
                "loop.idea_share",
                lang,
                share=i18n.format_share(q["share"], lang),
                low=i18n.format_share(q["low"], lang),
                high=i18n.format_share(q["high"], lang),
            ),
            count=q["votes"],
            place=f"{q['place']}{' (=)' if q['tied'] else ''}",
            status=_status(q, lang),
            answer=q["answer"] if q["stage"] == "answered" else None,
        )
        for q in data["questions"]
    ]


def _reason(code: str, lang: str) -> str:
    key = f"moderation.reason.{code}"
    return i18n.t(key if key in i18n.MESSAGES else "ideas.reason_reports", lang)


def notes(_session: QaSession, data: dict, lang: str) -> list[str]:
    """Who n counts, how many residents asked, what moderation hid (by reason)
    and how many questions were merged, in plain sentences."""
    found = [
        i18n.t("loop.qa_voters_note", lang),
        i18n.t_count("loop.qa_askers", lang, data["n_askers"]),
    ]
    hidden = data["hidden_by_reason"]
    if hidden:
        reasons = ", ".join(
            f"{_reason(code, lang)} {i18n.format_number(n, lang)}"
            for code, n in sorted(hidden.items())
        )
        found.append(
            i18n.t_count("qa.hidden", lang, sum(hidden.values()))
            + " ("
            + i18n.t("qa.hidden_reasons", lang, reasons=reasons)
            + ")."
        )
    if data["merged"]:
        found.append(i18n.t_count("qa.merged", lang, data["merged"]))
    return found


PUBLIC = PublicKind(
    "qa",
    "qa",
    "/vragenuur/",
    _rows,
    # Questions are stored, not defined: the answer speaks to the session as a
    # whole; each question's answer stands in the ranking itself.
    lambda _session, _lang: [],
    "ranking",
    results=public_results,
    who=who,
    ranking=RankingTexts(
        "loop.n_questions",
        "loop.qa_intro",
        (
            "place",
            "question",
            "qa_support",
            "qa_votes",
            "status",
            "qa_answer",
        ),
    ),
    notes=notes,
)
