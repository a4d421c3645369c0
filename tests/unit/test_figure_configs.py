"""Every chart the dashboard draws gets a config that offers no other host."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboards.kernel import figures

# Every module of the dashboards package (pages live in its feature folders).
DASHBOARDS = Path(figures.__file__).parents[1]


def _graph_configs() -> list[tuple[str, ast.expr | None]]:
    found = []
    for path in sorted(DASHBOARDS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "Graph"
            ):
                config = next(
                    (k.value for k in node.keywords if k.arg == "config"), None
                )
                found.append((f"{path.name}:{node.lineno}", config))
    return found


def test_figcfg001_every_graph_uses_a_shared_config_without_other_hosts():
    """Class: a chart config written in place (and so without the switch that keeps
    plotly's "send to cloud" action away). Every dcc.Graph on a dashboard page takes
    one of figures' configs, and each of those switches it off."""
    graphs = _graph_configs()
    assert len(graphs) >= 5
    for where, config in graphs:
        assert (
            isinstance(config, ast.Attribute)
            and isinstance(config.value, ast.Name)
            and config.value.id == "figures"
        ), where
        shared = getattr(figures, config.attr)
        assert shared["showSendToCloud"] is False, where
        assert shared["plotlyServerURL"] == "", where


@pytest.mark.parametrize("name", ["GRAPH_CONFIG", "SLIDE_CONFIG"])
def test_figcfg002_configs_name_no_url(name):
    """No value in a chart config is an address."""
    assert not any("://" in str(value) for value in getattr(figures, name).values())
