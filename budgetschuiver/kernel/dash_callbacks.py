"""Give every app instance the callbacks that page modules declare with @dash.callback.

Dash keeps `dash.callback` registrations in process-wide lists and hands them to the
first app that starts, then empties them. Tests build many apps in one process, so we
take the registrations once and give each app its own copy.
"""

from __future__ import annotations

from dash import Dash
from dash import _callback as dash_callback_registry

_snapshot: tuple[list, dict, list] | None = None


class LateRegistrationError(RuntimeError):
    """A callback was declared after the first app took the registrations: the apps
    built before would silently lack it, so building another app is refused."""


def attach(app: Dash) -> None:
    """Give `app` every `@dash.callback` declared so far.

    Raises LateRegistrationError when callbacks were declared after an earlier app
    took its copy (a page module imported after the first `create_app`)."""
    global _snapshot
    if _snapshot is not None and dash_callback_registry.GLOBAL_CALLBACK_LIST:
        late = sorted(
            str(item.get("output"))
            for item in dash_callback_registry.GLOBAL_CALLBACK_LIST
        )
        raise LateRegistrationError(
            "callbacks declared after the first app was built (import every page "
            f"module before the first create_app): {', '.join(late)}"
        )
    if _snapshot is None:
        _snapshot = (
            list(dash_callback_registry.GLOBAL_CALLBACK_LIST),
            dict(dash_callback_registry.GLOBAL_CALLBACK_MAP),
            list(dash_callback_registry.GLOBAL_INLINE_SCRIPTS),
        )
    dash_callback_registry.GLOBAL_CALLBACK_LIST.clear()
    dash_callback_registry.GLOBAL_CALLBACK_MAP.clear()
    dash_callback_registry.GLOBAL_INLINE_SCRIPTS.clear()
    callbacks, callback_map, inline_scripts = _snapshot
    app._callback_list.extend(dict(item) for item in callbacks)
    app.callback_map.update({key: dict(value) for key, value in callback_map.items()})
    app._inline_scripts.extend(inline_scripts)
