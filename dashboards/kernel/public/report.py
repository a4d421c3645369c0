"""/dashboard/verslag/<item_id>.pdf: the participation report for the council,
the evaluation the participation ordinance asks for: question and level, dates,
channels, who took part against the population, the results, moderation
totals, and the municipality's answer with its date.

HTML (a Jinja template, autoescaped) turned into PDF on the server by xhtml2pdf
(pure Python on ReportLab: installs from pip with no system libraries). Numbers
are the dashboard's own at its default filters, small groups hidden the same way.
A dashboard session or HTTP Basic (or an API token) opens it: auth's guard sends
anyone else to the login page."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import markdown
from flask import Blueprint, Response, abort, render_template
from markupsafe import Markup, escape
from xhtml2pdf import pisa

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel import loopback as rules
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import DISTRICTS
from budgetschuiver.kernel.sharing.component import absolute
from budgetschuiver.kernel.trajectory import TIMEZONE
from budgetschuiver.kernel.web import request_language
from dashboards.kernel import auth, results
from dashboards.kernel.public import kinds
from dashboards.kernel.public.results import public_results, who_took_part

HERE = Path(__file__).parent
reports = Blueprint("reports", __name__, template_folder=str(HERE / "templates"))


def _population_by_district(settings) -> dict[str, float]:
    population = results.load_population(results.population_path(settings.data_dir))
    totals: dict[str, float] = {}
    for cell, people in population.items():
        totals[cell[0]] = totals.get(cell[0], 0.0) + people
    everyone = sum(totals.values()) or 1.0
    return {key: value / everyone for key, value in totals.items()}


def _moderation(kind: kinds.PublicKind, item, lang: str) -> str:
    """Comment totals where the kind has free text (budgets' "waarom?")."""
    if kind.text_totals is None:
        return i18n.t("report.moderation_none", lang)
    comments, hidden = kind.text_totals(item)
    return i18n.t(
        "report.moderation_text",
        lang,
        comments=i18n.format_number(comments, lang),
        hidden=i18n.format_number(hidden, lang),
    )


def _markdown(text: str) -> Markup:
    """The answer's Markdown as HTML for the PDF. The text is escaped first, so
    HTML written in a definition shows as text, as it does on the page."""
    return Markup(markdown.markdown(str(escape(text))))


def report_html(kind: kinds.PublicKind, item, lang: str, today: dt.date) -> str:
    """The report as HTML for xhtml2pdf."""
    data = public_results(kind, item)
    suppressed = bool(data.get("suppressed"))
    who = who_took_part(kind, item)
    shares = _population_by_district(services().settings)
    names = {key: (en if lang == "en" else nl) for key, nl, en in DISTRICTS}
    districts = [
        (
            names.get(key) or i18n.t("loop.who_not_given", lang),
            i18n.format_number(count, lang)
            if count is not None
            else i18n.t("loop.hidden", lang),
            i18n.format_share(count / who.n, lang)
            if count is not None and who.n
            else "–",
            i18n.format_share(shares[key], lang) if key in shares else "–",
        )
        for key, count in who.by_district
    ]
    answer = item.response
    status = rules.answer_status(answer)
    days = rules.days_closed(item.closes, today)
    channels = [i18n.t("report.channel_web", lang, url=absolute(kind.page + item.id))]
    if item.integrity == "code":
        channels.append(i18n.t("report.channel_codes", lang))
    return render_template(
        "report.html",
        lang=lang,
        t=lambda key, **params: i18n.t(key, lang, **params),
        title=item.title.get(lang),
        description=item.description.get(lang),
        made=i18n.format_date(today, lang),
        level=i18n.t(f"level.{item.participation}", lang),
        promise=i18n.t(rules.LEVEL_PROMISES[item.participation], lang),
        dates=i18n.t(
            "report.dates_text",
            lang,
            opens=i18n.format_date(item.opens, lang),
            closes=i18n.format_date(item.closes, lang),
        ),
        channels=channels,
        suppressed=suppressed,
        n=None if suppressed else i18n.t_count("loop.n", lang, data["n"]),
        synthetic=i18n.t_count("loop.synthetic", lang, data["synthetic_excluded"])
        if not suppressed and data.get("synthetic_excluded")
        else None,
        notes=kind.notes(item, data, lang) if kind.notes and not suppressed else [],
        districts=[] if who.suppressed else districts,
        rows=[] if suppressed else kind.rows(item, data, lang),
        shape=kind.shape,
        columns=kind.ranking.columns if kind.ranking is not None else (),
        conclusion=kind.conclusion(item) if kind.conclusion is not None else None,
        euro=lambda value: i18n.format_euro(value, lang),
        moderation=_moderation(kind, item, lang),
        status=status,
        answer_date=i18n.format_date(answer.date, lang) if answer else None,
        summary=_markdown(answer.summary.get(lang)) if answer else "",
        items=[
            (label, answer.items[item_id].get(lang))
            for item_id, label in kind.labels(item, lang)
            if answer and item_id in answer.items
        ],
        missing=i18n.t_count("loop.answer_missing", lang, days)
        if days is not None
        else i18n.t(
            "loop.answer_after_close", lang, date=i18n.format_date(item.closes, lang)
        ),
    )


def report_pdf(kind: kinds.PublicKind, item, lang: str, today: dt.date) -> bytes:
    """The report as PDF bytes; raises RuntimeError when xhtml2pdf fails."""
    out = io.BytesIO()
    status = pisa.CreatePDF(report_html(kind, item, lang, today), dest=out)
    if status.err:
        raise RuntimeError(f"the report for {item.id} could not be made")
    return out.getvalue()


@reports.get("/dashboard/verslag/<item_id>.pdf")
@auth.api_login_required()
def report(item_id: str) -> Response:
    kind, item = kinds.find(item_id)
    if item is None:
        abort(404)
    today = dt.datetime.now(TIMEZONE).date()
    pdf = report_pdf(kind, item, request_language(), today)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="verslag-{item.id}.pdf"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
