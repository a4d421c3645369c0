"""Dashboard callbacks, guarded by construction.

Every callback of a dashboard page is declared with `dashboard_callback` instead of
`dash.callback`: the declaration adds the page language (and, when asked, the
filter bar) to its inputs, refuses the call with 401 unless an account is logged
in, and hands the function a `Call` with the account, the language and the parsed
filters. A test (`tests/integration/test_guard.py`) checks, by each callback's
module, that every callback from `dashboards.*` was declared this way.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

import dash
from dash import Input, Output, State
from flask import abort

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.pages.common import page_language
from dashboards.kernel import auth
from dashboards.kernel.filters import FilterError, Filters

# The attribute that marks a guarded callback (functools.wraps copies it onto
# Dash's own wrapper, so it is found on the registered callback too).
MARK = "dashboard_guard"
# The mark of a callback declared open to residents (`public_callback`).
PUBLIC = "public"


@dataclasses.dataclass(frozen=True)
class Call:
    """What every dashboard callback starts from: the logged-in `account`, the
    page's `lang` ("nl" or "en") and, for callbacks on the filter bar, the
    validated `filters` (None otherwise)."""

    account: Any
    lang: str
    filters: Filters | None = None


def dashboard_callback(
    *dependencies: Any, filters: bool | tuple[str, ...] = False, **kwargs: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`dash.callback` for dashboard pages. The function is called as
    `fn(call, *inputs, *states)` with the dependencies as declared; the page
    language is read from `common.LANG` and, with `filters=True`, the filter bar
    (`common.FILTER_IDS`; or the ids given, such as `common.IDEA_FILTER_IDS`)
    is read and validated first: a bad filter is answered with
    `common.filter_error` (such callbacks have one output). Anonymous calls are
    refused with 401 before anything is read or computed."""
    # Imported here: `common` declares a callback of its own through this function.
    from dashboards.kernel import common

    outputs = [d for d in dependencies if isinstance(d, Output)]
    inputs = [d for d in dependencies if isinstance(d, Input)]
    states = [d for d in dependencies if isinstance(d, State)]
    if filters and len(outputs) != 1:
        raise ValueError("a callback on the filter bar has exactly one output")
    ids = common.FILTER_IDS if filters is True else tuple(filters or ())
    bar = [Input(component, "value") for component in ids]
    declared = [*outputs, *(bar if filters else []), *inputs, *states]
    declared.append(State(common.LANG, "data"))

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def guarded(*values: Any) -> Any:
            account = auth.current_account()
            if account is None:
                abort(401)
            *values, raw_lang = values
            lang = i18n.normalize_language(raw_lang, page_language())
            chosen = None
            if filters:
                raw, values = values[: len(bar)], values[len(bar) :]
                try:
                    chosen = common.read_filters(
                        **{
                            common.FILTER_NAMES[i]: v
                            for i, v in zip(ids, raw, strict=True)
                        }
                    )
                except FilterError as exc:
                    return common.filter_error(exc, lang)
            return function(Call(account, lang, chosen), *values)

        setattr(guarded, MARK, True)
        return dash.callback(*declared, **kwargs)(guarded)

    return decorate


def public_callback(
    *dependencies: Any, **kwargs: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`dash.callback` for a callback in `dashboards.*` that serves residents on
    purpose (the public results, where a sent budget stands): declared here so
    that being open to anyone is a visible choice, never an oversight. It gets
    no account and is not refused when anonymous."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def open_to_all(*values: Any) -> Any:
            return function(*values)

        setattr(open_to_all, MARK, PUBLIC)
        return dash.callback(*dependencies, **kwargs)(open_to_all)

    return decorate


def install(server: Any, app: dash.Dash) -> None:
    """Tell the request guard (`auth.install_guard`) which callback ids are the
    dashboard's, so an anonymous request for one is refused before Dash reads it.
    Call after every page's callbacks are attached."""
    server.extensions[auth.GUARDED_EXTENSION] = frozenset(
        output
        for output, entry in app.callback_map.items()
        if getattr(entry.get("callback"), MARK, None) is True
    )
    # Callbacks that run in the browser only: a request for one reaches the
    # server only when forged, and must be refused there, not crash Dash.
    server.extensions[auth.BROWSER_ONLY_EXTENSION] = frozenset(
        output for output, entry in app.callback_map.items() if "callback" not in entry
    )


def is_guarded(callback: Callable[..., Any]) -> bool:
    """Whether a registered callback was declared through this module: guarded
    (`dashboard_callback`) or openly public (`public_callback`)."""
    return getattr(callback, MARK, None) in (True, PUBLIC)
