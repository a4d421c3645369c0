"""The optional 'about you' fields every ballot form shares (district, age band).

Asked once per browser: the answers are remembered in this browser only (local
storage), never on our side until the resident sends a ballot, and can be changed or
cleared right here.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html

from budgetschuiver.kernel import i18n, ids
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.kernel.pages.common import demographic_select


def _select(component_id: str, label: str, table, lang: str) -> html.Div:
    return demographic_select(
        component_id, label, table, lang, i18n.t("profile.no_answer", lang), "mb-3"
    )


def fields(lang: str) -> html.Fieldset:
    return html.Fieldset(
        [
            html.Legend(i18n.t("profile.legend", lang), className="h5"),
            html.P(i18n.t("profile.why", lang), className="form-text"),
            dbc.Row(
                [
                    dbc.Col(
                        _select(
                            ids.DISTRICT,
                            i18n.t("profile.district", lang),
                            DISTRICTS,
                            lang,
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        _select(
                            ids.AGE_BAND,
                            i18n.t("profile.age_band", lang),
                            AGE_BANDS,
                            lang,
                        ),
                        md=6,
                    ),
                ]
            ),
            html.P(i18n.t("profile.remembered", lang), className="form-text"),
            # Whether the fields were filled from this browser's memory yet.
            dcc.Store(id=ids.PROFILE_READY, data=False),
            html.Button(
                i18n.t("profile.clear", lang),
                id=ids.PROFILE_CLEAR,
                type="button",
                className="btn btn-link px-0",
            ),
        ],
        className="profile",
    )


# district / age band / clear <-> this browser's remembered answers
dash.clientside_callback(
    ClientsideFunction("shell", "profile"),
    Output(ids.DISTRICT, "value"),
    Output(ids.AGE_BAND, "value"),
    Output(ids.PROFILE, "data"),
    Output(ids.PROFILE_READY, "data"),
    Input(ids.DISTRICT, "value"),
    Input(ids.AGE_BAND, "value"),
    Input(ids.PROFILE_CLEAR, "n_clicks"),
    State(ids.PROFILE, "data"),
    State(ids.PROFILE_READY, "data"),
)
