"""A slider handle that cannot move tells assistive technology so."""

from __future__ import annotations

import pytest

from tests.browser.helpers import axe_serious, wait_for


def handles(duo) -> dict[str, str | None]:
    return duo.driver.execute_script(
        """
        const out = {};
        document.querySelectorAll("[data-line]").forEach((box) => {
          const handle = box.querySelector("[role=slider]");
          if (handle) out[box.dataset.line] = handle.getAttribute("aria-disabled");
        });
        return out;
        """
    )


@pytest.mark.parametrize(
    ("path", "fixed"),
    [
        ("/begroting/park-zuiderpark?lang=nl", {"drainage"}),
        ("/begroting/park-closed?lang=nl", {"drainage"}),
        ("/begroting/begroting-2027?lang=nl", None),
        ("/begroting/begroting-2027?lang=en", None),
    ],
)
def test_lock001_handles_that_cannot_move_are_aria_disabled(
    served, catalog, path, fixed
):
    """Class: every slider handle that cannot move (each locked line, in every
    trajectory and language) carries aria-disabled="true"; a handle that can move
    (a closed trajectory's too: residents may still try amounts) does not."""
    duo = served
    project = catalog.find("budget", path.split("/")[2].split("?")[0])
    if fixed is None:
        fixed = {line.id for line in project.lines if line.locked}
    assert fixed
    duo.driver.get(duo.server_url + path)
    expected = {
        line.id: ("true" if line.id in fixed else None) for line in project.lines
    }
    wait_for(lambda: handles(duo) == expected, timeout=20, message=str(expected))
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []
