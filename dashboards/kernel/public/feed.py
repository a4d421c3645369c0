"""/feed.atom: new trajectories, closings, published results and the
municipality's answers, as an Atom feed (RFC 4287, written by `feedgen`) the city's
site and residents can follow without e-mail. Events come from the definitions
(`loopback.rules.feed_events`): no ballot or resident is ever in it."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, request

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel import loopback as rules
from budgetschuiver.kernel.trajectory import TIMEZONE
from budgetschuiver.kernel.web import request_language
from dashboards.kernel.public import kinds

feeds = Blueprint("feeds", __name__)
# Newest first, at most this many entries (RFC 4287 sets no limit; readers poll).
MAX_ENTRIES = 100


def _moment(day: dt.date) -> dt.datetime:
    """An event's day as the start of that day in Den Haag."""
    return dt.datetime.combine(day, dt.time(), tzinfo=TIMEZONE)


def _entries(lang: str, today: dt.date) -> list[tuple[dt.date, str, str, str, str]]:
    """(day, event, title, summary, path) of every event up to today."""
    found = []
    for kind, item in kinds.everything():
        title = item.title.get(lang)
        for event, day in rules.feed_events(
            item.opens, item.closes, item.results_public, item.response, today
        ):
            path = (
                f"/resultaten/{item.id}"
                if event in ("results", "answer")
                else kind.page + item.id
            )
            if event == "opened":
                summary = i18n.t(
                    "feed.opened_text", lang, date=i18n.format_date(item.closes, lang)
                )
            elif event == "answer":
                summary = item.response.summary.get(lang)
            else:
                summary = i18n.t(f"feed.{event}_text", lang)
            found.append(
                (
                    day,
                    event,
                    f"{kind.kind}/{item.id}/{event}",
                    i18n.t(f"feed.{event}", lang, title=title),
                    summary,
                    path,
                )
            )
    found.sort(key=lambda entry: (entry[0], entry[2]), reverse=True)
    return found[:MAX_ENTRIES]


def atom(lang: str, base: str, today: dt.date) -> bytes:
    """The feed as Atom XML (UTF-8) for absolute address `base` (no slash at
    the end)."""
    host = base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    entries = _entries(lang, today)
    feed = FeedGenerator()
    feed.id(f"{base}/feed.atom")
    feed.title(i18n.t("feed.title", lang))
    feed.subtitle(i18n.t("feed.subtitle", lang))
    feed.author({"name": i18n.t("ui.site_name", lang)})
    feed.link(href=f"{base}/feed.atom", rel="self")
    feed.link(href=f"{base}/", rel="alternate")
    feed.language(lang)
    # Named without feedgen's own address: the feed points nowhere but here.
    feed.generator("Budgetschuiver")
    feed.updated(_moment(entries[0][0]) if entries else _moment(today))
    # feedgen puts the last added entry first: add the oldest first.
    for day, _event, key, title, summary, path in reversed(entries):
        entry = feed.add_entry()
        entry.id(f"tag:{host},2026:{key}")
        entry.title(title)
        entry.link(href=base + path, rel="alternate")
        entry.updated(_moment(day))
        entry.published(_moment(day))
        entry.summary(summary)
    return feed.atom_str(pretty=True)


@feeds.get("/feed.atom")
def feed_atom() -> Response:
    today = dt.datetime.now(TIMEZONE).date()
    body = atom(request_language(), request.host_url.rstrip("/"), today)
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
