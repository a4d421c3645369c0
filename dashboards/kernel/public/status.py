"""What the dashboard overview says per trajectory about closing the loop: the
answer's status (ontbreekt / concept / gepubliceerd) with the days since
closing, links to the public results and the participation report, and the
embed code for the city's site."""

from __future__ import annotations

import datetime as dt

from dash import dcc, html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel import loopback as rules
from budgetschuiver.kernel.trajectory import TIMEZONE
from dashboards.kernel.public.embed import snippet


def answer_line(item, lang: str, today: dt.date | None = None) -> str:
    """'Antwoord: ontbreekt · 14 dagen gesloten' and the like."""
    today = today or dt.datetime.now(TIMEZONE).date()
    status = rules.answer_status(item.response)
    text = i18n.t("db.answer", lang, status=i18n.t(f"db.answer.{status}", lang))
    days = rules.days_closed(item.closes, today)
    if days is not None and status != "published":
        text += " · " + i18n.t_count("db.answer_closed", lang, days)
    return text


def loop_parts(item, lang: str) -> list:
    """The overview card's lines about the loop back (see the module)."""
    status = rules.answer_status(item.response)
    code_id = f"db-embed-{item.id}"
    return [
        html.P(
            answer_line(item, lang),
            className=f"db-answer db-answer-{status}",
            **{"data-answer": status},
        ),
        html.P(
            [
                dcc.Link(
                    i18n.t("db.public_results", lang), href=f"/resultaten/{item.id}"
                ),
                " · ",
                html.A(
                    i18n.t("db.report", lang),
                    href=f"/dashboard/verslag/{item.id}.pdf",
                    className="db-report-link",
                ),
            ]
        ),
        html.Details(
            [
                html.Summary(i18n.t("db.embed_snippet", lang)),
                html.Label(
                    i18n.t("db.embed_snippet", lang),
                    htmlFor=code_id,
                    className="visually-hidden",
                ),
                dcc.Textarea(
                    id=code_id,
                    value=snippet(item.id),
                    readOnly=True,
                    className="form-control db-embed-code",
                    style={"width": "100%", "height": "8rem"},
                ),
            ]
        ),
    ]
