"""/moodboard/<moodboard_id>: browse pictures, view one large, pick favourites.

Flow: favourite toggles -> (browser) selection within the maximum, pressed states and
a spoken count -> send -> (server) validate again -> store -> receipt and a ready-made
text to share.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, dcc, html
from flask import request

from budgetschuiver.kernel import i18n, ids
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages import profile
from budgetschuiver.kernel.pages.common import (
    busy_while_sending,
    code_field,
    ensure_token,
    not_found,
    notice,
    page_language,
    receipt_block,
    refusal_message,
    sections,
    status_notice,
    submit_button,
    trajectory_description,
    trajectory_title,
)
from budgetschuiver.kernel.sharing.component import trajectory_extras, video_hook
from budgetschuiver.kernel.web import browser_token
from budgetschuiver.moodboards.files import image_url
from budgetschuiver.moodboards.model import Moodboard, MoodboardImage

PATH = "/moodboard/<moodboard_id>"
PAGE_LANG = "moodboard-page-lang"
SHARE_STATUS = "moodboard-share-status"
SHARE_COPY = "moodboard-share-copy"
SHARE_SECTION = "moodboard-share"


def title(moodboard_id: str | None = None, **_kwargs: object) -> str:
    return trajectory_title(
        services().catalog.find("moodboard", moodboard_id), "moodboard"
    )


def description(moodboard_id: str | None = None, **_kwargs: object) -> str:
    return trajectory_description(services().catalog.find("moodboard", moodboard_id))


def og_image(moodboard_id: str | None = None, **_kwargs: object) -> str | None:
    """The first picture, as the preview when the page is shared."""
    moodboard = services().catalog.find("moodboard", moodboard_id)
    if moodboard is None:
        return None
    return image_url(moodboard.id, moodboard.images[0].id, 960)


def _card(moodboard: Moodboard, image: MoodboardImage, lang: str) -> html.Article:
    heading = f"image-title-{image.id}"
    return html.Article(
        [
            html.Img(
                src=image_url(moodboard.id, image.id, 480),
                srcSet=(
                    f"{image_url(moodboard.id, image.id, 480)} 480w, "
                    f"{image_url(moodboard.id, image.id, 960)} 960w"
                ),
                sizes="(min-width: 992px) 30vw, (min-width: 576px) 45vw, 100vw",
                alt=image.alt.get(lang),
                width=480,
                height=320,
                className="moodboard-img",
            ),
            html.H2(image.title.get(lang), id=heading, className="h5"),
            html.Div(
                [
                    html.Button(
                        [
                            html.Span(i18n.t("moodboard.pick", lang)),
                            html.Span(
                                ": " + image.title.get(lang),
                                className="visually-hidden",
                            ),
                        ],
                        id={"type": ids.IMAGE_TOGGLE, "image": image.id},
                        type="button",
                        className="btn image-toggle btn-outline-primary",
                        # The picture's title stays part of the name when the
                        # button's text changes to "Gekozen".
                        **{"aria-pressed": "false", "aria-describedby": heading},
                    ),
                    html.Button(
                        [
                            i18n.t("moodboard.view", lang),
                            html.Span(
                                ": " + image.title.get(lang),
                                className="visually-hidden",
                            ),
                        ],
                        id={"type": ids.IMAGE_VIEW, "image": image.id},
                        type="button",
                        className="btn btn-link",
                        **{"aria-haspopup": "dialog"},
                    ),
                ],
                className="card-actions",
            ),
        ],
        className="moodboard-card",
        **{"data-image": image.id, "aria-labelledby": heading},
    )


def share_block(moodboard: Moodboard, lang: str, hidden: bool) -> html.Section:
    """After voting: a link and a ready-made text for social media."""
    link = f"{request.host_url.rstrip('/')}/moodboard/{moodboard.id}"
    text = (
        moodboard.share_text.get(lang)
        if moodboard.share_text
        else moodboard.title.get(lang)
    )
    message = f"{text} {link}"
    return html.Section(
        [
            html.H2(i18n.t("moodboard.share_title", lang), id="share-title"),
            dbc.Label(
                i18n.t("moodboard.share_text_label", lang), html_for=ids.SHARE_TEXT
            ),
            dbc.Textarea(id=ids.SHARE_TEXT, value=message, readonly=True, rows=3),
            html.Button(
                i18n.t("moodboard.share_copy", lang),
                id=SHARE_COPY,
                type="button",
                className="btn btn-outline-primary mt-2",
            ),
            html.P(id=SHARE_STATUS, role="status", className="form-text"),
        ],
        id=SHARE_SECTION,
        className="share-block",
        hidden=hidden,
        **{"aria-labelledby": "share-title"},
    )


def layout(
    moodboard_id: str | None = None, lang: str | None = None, **_kwargs: object
) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    if moodboard_id is None and catalog.of("moodboard"):
        # Only Dash calls this without an id (to learn the page's components).
        moodboard_id = next(iter(catalog.of("moodboard")))
    moodboard = services().item("moodboard", moodboard_id)
    if moodboard is None:
        return not_found(lang, "moodboard.not_found_title", "moodboard.not_found")
    token = browser_token()
    earlier = (
        services().store.find_vote("moodboard", moodboard.id, token) if token else None
    )
    is_open = moodboard.status() == "open"
    board = {
        "max": moodboard.max_choices,
        "min": moodboard.min_choices,
        "open": is_open,
        "status": i18n.template("moodboard.status", lang),
        "full": i18n.template("moodboard.full", lang),
        "pick": i18n.t("moodboard.pick", lang),
        "picked": i18n.t("moodboard.picked", lang),
        "share_copied": i18n.t("budget.share_copied", lang),
        "share_manual": i18n.t("budget.share_manual", lang),
        "images": [
            {
                "id": image.id,
                "title": image.title.get(lang),
                "alt": image.alt.get(lang),
                "description": image.description.get(lang) if image.description else "",
                "large": image_url(moodboard.id, image.id, 960),
            }
            for image in moodboard.images
        ],
    }
    known = {image.id for image in moodboard.images}
    chosen = [c for c in earlier.choices if c in known] if earlier else []
    parts: list = [
        dcc.Store(id=ids.MOODBOARD_ID, data=moodboard.id),
        dcc.Store(id=PAGE_LANG, data=lang),
        dcc.Store(id=ids.MOODBOARD_IMAGES, data=board),
        dcc.Store(id=ids.MOODBOARD_SELECTION, data=chosen),
        html.H1(moodboard.title.get(lang)),
        html.P(moodboard.description.get(lang), className="lead"),
        html.P(i18n.t("moodboard.how", lang, max=moodboard.max_choices)),
    ]
    if moodboard.illustrative:
        parts.append(notice(i18n.t("ui.illustrative", lang), color="warning"))
    closed_note = status_notice(moodboard, "moodboard", lang)
    if closed_note is not None:
        parts.append(closed_note)
    elif earlier is not None:
        when = i18n.format_moment_date(earlier.updated_at, lang)
        key = "moodboard.outdated" if earlier.outdated else "moodboard.already"
        parts.append(notice(i18n.t(key, lang, date=when)))
    parts += [
        # Status and grid together: the sticky count stops where the pictures end.
        html.Div(
            [
                html.P(
                    id=ids.MOODBOARD_STATUS, role="status", className="moodboard-status"
                ),
                html.Div(
                    [_card(moodboard, image, lang) for image in moodboard.images],
                    className="moodboard-grid",
                ),
            ],
            className="moodboard-picker",
        ),
        dbc.Modal(
            [
                dbc.ModalHeader(
                    dbc.ModalTitle(id=ids.MOODBOARD_MODAL_TITLE),
                    close_button=True,
                ),
                dbc.ModalBody(id=ids.MOODBOARD_MODAL_BODY),
            ],
            id=ids.MOODBOARD_MODAL,
            size="lg",
            is_open=False,
            # No fade: nothing moves that a resident did not ask to move.
            fade=False,
        ),
        html.Div(
            [
                profile.fields(lang),
                code_field(moodboard, lang),
                html.P(i18n.t("poll.change_rule", lang), className="form-text"),
                submit_button(
                    ids.SUBMIT_MOODBOARD,
                    i18n.t("moodboard.submit", lang),
                    lang,
                    (ids.VOTE_RECEIPT, ids.VOTE_ERROR),
                ),
                html.Div(id=ids.VOTE_ERROR, role="alert"),
                html.Div(id=ids.VOTE_RECEIPT, role="status"),
            ],
            className="moodboard-form",
            hidden=not is_open,
        ),
        share_block(moodboard, lang, hidden=earlier is None),
        *sections("moodboard", moodboard, lang),
        *trajectory_extras(moodboard, f"/moodboard/{moodboard.id}", lang),
        html.H2(i18n.t("home.what_we_do", lang)),
        html.P(moodboard.what_we_do.get(lang)),
    ]
    return html.Div(
        parts, className="moodboard-page", **{"data-moodboard": moodboard.id}
    )


# favourite toggles -> selection, pressed states, spoken count, send allowed
dash.clientside_callback(
    ClientsideFunction("votes", "moodboardToggle"),
    Output(ids.MOODBOARD_SELECTION, "data"),
    Output({"type": ids.IMAGE_TOGGLE, "image": ALL}, "aria-pressed"),
    Output({"type": ids.IMAGE_TOGGLE, "image": ALL}, "children"),
    Output({"type": ids.IMAGE_TOGGLE, "image": ALL}, "className"),
    Output(ids.MOODBOARD_STATUS, "children"),
    Output(ids.SUBMIT_MOODBOARD, "disabled"),
    Input({"type": ids.IMAGE_TOGGLE, "image": ALL}, "n_clicks"),
    State(ids.MOODBOARD_SELECTION, "data"),
    State(ids.MOODBOARD_IMAGES, "data"),
)

# "bekijk groot" -> dialog with the large picture
dash.clientside_callback(
    ClientsideFunction("votes", "moodboardView"),
    Output(ids.MOODBOARD_MODAL, "is_open"),
    Output(ids.MOODBOARD_MODAL_TITLE, "children"),
    Output(ids.MOODBOARD_MODAL_BODY, "children"),
    Input({"type": ids.IMAGE_VIEW, "image": ALL}, "n_clicks"),
    Input(ids.MOODBOARD_MODAL, "is_open"),
    State(ids.MOODBOARD_IMAGES, "data"),
    prevent_initial_call=True,
)

# copy -> clipboard, with a spoken result
dash.clientside_callback(
    ClientsideFunction("votes", "copyShare"),
    Output(SHARE_STATUS, "children"),
    Input(SHARE_COPY, "n_clicks"),
    State(ids.SHARE_TEXT, "value"),
    State(ids.MOODBOARD_IMAGES, "data"),
    prevent_initial_call=True,
)


# send -> validate on the server -> store -> receipt and share text
@dash.callback(
    # Polls and moodboards share these hooks; only one of the pages is ever shown.
    Output(ids.VOTE_RECEIPT, "children", allow_duplicate=True),
    Output(ids.VOTE_ERROR, "children", allow_duplicate=True),
    Output(SHARE_SECTION, "hidden"),
    Input(ids.SUBMIT_MOODBOARD, "n_clicks"),
    State(ids.MOODBOARD_ID, "data"),
    State(ids.MOODBOARD_SELECTION, "data"),
    State(ids.DISTRICT, "value"),
    State(ids.AGE_BAND, "value"),
    State(PAGE_LANG, "data"),
    State(ids.VOTING_CODE, "value"),
    prevent_initial_call=True,
    running=busy_while_sending(ids.SUBMIT_MOODBOARD),
)
def submit_favourites(_clicks, moodboard_id, chosen, district, age_band, lang, code):
    lang = i18n.normalize_language(lang, page_language())
    known = services()
    form = {"images": chosen, "district": district, "age_band": age_band, "code": code}
    outcome = cast(
        known.catalog.kinds["moodboard"],
        known.item("moodboard", moodboard_id),
        lambda: (form, None),
        browser_token=ensure_token,
    )
    if outcome.refusal is not None:
        return None, refusal_message(outcome.refusal, lang), True
    receipt = outcome.receipt
    key = "moodboard.thanks_new" if receipt.created else "moodboard.thanks_replaced"
    return receipt_block(i18n.t(key, lang), receipt.receipt, lang), None, False


def register() -> None:
    dash.register_page(
        __name__,
        path_template=PATH,
        layout=layout,
        title=title,
        description=description,
        og_image=og_image,
        video=video_hook(
            lambda item_id: services().catalog.find("moodboard", item_id),
            "moodboard_id",
        ),
    )
