"""Page registration: a callback declared too late is refused loudly."""

from __future__ import annotations

import dash
import pytest
from dash import Input, Output
from dash import _callback as dash_callback_registry

from budgetschuiver.kernel.dash_callbacks import LateRegistrationError


def test_reg001_callback_declared_after_the_first_app_is_refused(app, settings):
    """Class: a page module imported after the first create_app loses its callbacks
    in every later app without a word; now building the next app fails instead."""
    from app import create_app

    @dash.callback(Output("reg-late-out", "children"), Input("reg-late-in", "value"))
    def _late(value):
        return value

    try:
        with pytest.raises(LateRegistrationError, match="reg-late-out"):
            create_app(settings)
    finally:
        dash_callback_registry.GLOBAL_CALLBACK_LIST.clear()
        dash_callback_registry.GLOBAL_CALLBACK_MAP.clear()
    # Once the stray declaration is gone, apps build as before.
    create_app(settings).server.extensions["budgetschuiver"].store.dispose()
