"""The share block and the video placeholder every trajectory and results page
shows (Dash components; the browser side is assets/03-app/sharing.js)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import has_request_context, request

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel import loopback as rules
from budgetschuiver.kernel.sharing.links import share_links

SHARE_URL = "loop-share-url"
# Filled by the dashboard side after a budget is sent, while its results are
# public: where the resident's choice stands (dashboards/kernel/public/page.py).
STANCE_SLOT = "loop-stance-after"
SHARE_STATUS = "loop-share-status"
VIDEO_FRAME = "loop-video"


def absolute(path: str) -> str:
    """The page's own address on this host (what a shared link must carry);
    the path alone outside a request (Dash's start-up calls to layouts)."""
    if not has_request_context():
        return path
    return request.host_url.rstrip("/") + path


def share_block(path: str, text: str, lang: str) -> html.Section:
    """Share links (each opens the network's own page in a new window), the
    address to copy with a copy button, and a button for the phone's share sheet
    that sharing.js shows only where the browser has `navigator.share`."""
    url = absolute(path)
    links = share_links(url, text) if url.startswith(("http://", "https://")) else []
    return html.Section(
        [
            html.H2(i18n.t("share.title", lang), id="loop-share-title"),
            html.Ul(
                [
                    html.Li(
                        html.A(
                            [
                                i18n.t(f"share.{network}", lang),
                                html.Span(
                                    " " + i18n.t("share.new_window", lang),
                                    className="visually-hidden",
                                ),
                            ],
                            href=href,
                            target="_blank",
                            rel="noopener noreferrer",
                            className=f"btn btn-outline-primary share-{network}",
                            **{"data-share": network},
                        )
                    )
                    for network, href in links
                ],
                className="share-links list-unstyled",
            ),
            html.Div(
                [
                    html.Label(i18n.t("share.link_label", lang), htmlFor=SHARE_URL),
                    dbc.Input(id=SHARE_URL, value=url, readonly=True, type="text"),
                ],
                className="share-url mb-2",
            ),
            html.Div(
                [
                    html.Button(
                        i18n.t("share.copy", lang),
                        type="button",
                        className="btn btn-primary share-copy",
                        **{
                            "data-copied": i18n.t("share.copied", lang),
                            "data-failed": i18n.t("share.copy_failed", lang),
                        },
                    ),
                    html.Button(
                        i18n.t("share.native", lang),
                        type="button",
                        className="btn btn-primary share-native",
                        hidden=True,
                        **{"data-url": url, "data-text": text},
                    ),
                ],
                className="share-buttons",
            ),
            html.P(id=SHARE_STATUS, role="status", className="share-status"),
        ],
        className="loop-share",
        **{"aria-labelledby": "loop-share-title"},
    )


def video_block(value: str | None, lang: str) -> html.Section | None:
    """An explainer video as a placeholder: nothing is loaded from YouTube until
    the resident presses the button (sharing.js then puts in the
    youtube-nocookie.com player). None without a valid video."""
    video_id = rules.youtube_id(value)
    if video_id is None:
        return None
    return html.Section(
        [
            html.H2(i18n.t("video.title", lang), id="loop-video-title"),
            html.Div(
                [
                    html.P(i18n.t("video.note", lang)),
                    html.Button(
                        i18n.t("video.load", lang),
                        type="button",
                        className="btn btn-primary video-load",
                        **{
                            "data-src": rules.video_embed_url(video_id),
                            "data-title": i18n.t("video.frame_title", lang),
                            "data-loaded": i18n.t("video.loaded", lang),
                        },
                    ),
                    # Empty for React: sharing.js puts the player in here.
                    html.Div(className="video-slot"),
                ],
                id=VIDEO_FRAME,
                className="video-placeholder",
            ),
            html.P(className="video-status", role="status"),
        ],
        className="video-block",
        **{"aria-labelledby": "loop-video-title"},
    )


def video_hook(find, variable: str):
    """A page registration's `video` hook: the video of the trajectory named by
    the page address's `variable`, found with `find(id)` (app.py allows the
    player's frame only on pages whose hook names one)."""

    def video(**variables: object) -> str | None:
        item = find(variables.get(variable))
        return item.video if item is not None else None

    return video


def trajectory_extras(item, path: str, lang: str, stance: bool = False) -> list:
    """What the loop back adds to a trajectory's own page: its video, a link to
    the public results once they are public, and the share block; with `stance`
    (a budget page), first the place where the resident's choice stands appears
    after sending."""
    parts: list = [html.Div(id=STANCE_SLOT)] if stance else []
    video = video_block(item.video, lang)
    if video is not None:
        parts.append(video)
    if rules.results_public(item.results_public, item.status()):
        parts.append(
            html.P(
                dcc.Link(
                    i18n.t("loop.see_results", lang),
                    href=f"/resultaten/{item.id}",
                    className="btn btn-outline-primary loop-results-link",
                )
            )
        )
    text = i18n.t("share.text_trajectory", lang, title=item.title.get(lang))
    parts.append(share_block(path, text, lang))
    return parts
