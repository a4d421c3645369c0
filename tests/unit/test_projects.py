"""Trajectory definitions: valid demos, and broken files named with file and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kernel.trajectory import TIMEZONE, DefinitionError, load_file
from budgetschuiver.kinds import load_catalog

PARK = yaml.safe_load(
    (REPO_ROOT / "data" / "projects" / "park-zuiderpark.yaml").read_text()
)


def test_prj001_demos_load_and_are_marked_illustrative(demo):
    assert set(demo.of("budget")) == {"park-zuiderpark", "begroting-2027"}
    for project in demo.of("budget").values():
        assert project.illustrative
        assert project.source is not None
    park = demo.find("budget", "park-zuiderpark")
    assert len([ln for ln in park.lines if ln.kind == "spending"]) >= 8
    city = demo.find("budget", "begroting-2027")
    revenue = {ln.id for ln in city.lines if ln.kind == "revenue"}
    assert {"ozb", "parking", "waste-levy", "tourist-tax", "reserves"} <= revenue
    assert any(ln.locked for ln in park.lines) and any(ln.locked for ln in city.lines)


def test_prj002_every_demo_text_has_english(demo):
    for project in demo.of("budget").values():
        texts = [project.title, project.description, project.what_we_do]
        for line in project.lines:
            texts += [line.label, line.explanation]
            texts += [line.more] if line.more else []
            texts += [level.text for level in line.thresholds]
        assert all(text.en for text in texts), project.id


def _broken(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(yaml.safe_dump(PARK))
    mutate(data)
    path = tmp_path / "projects" / f"{data.get('id', 'x')}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def _line(data, line_id):
    return next(ln for ln in data["lines"] if ln["id"] == line_id)


@pytest.mark.parametrize(
    ("mutate", "field", "reason"),
    [
        (
            lambda d: _line(d, "trees").update(plan=540_001),
            "lines[0] (id trees)",
            "grid",
        ),
        (
            lambda d: _line(d, "play").update(min=500_000),
            "lines[1] (id play)",
            "between",
        ),
        (
            lambda d: _line(d, "drainage").pop("locked_reason"),
            "(id drainage)",
            "locked_reason",
        ),
        (lambda d: d["lines"].append(dict(d["lines"][0])), "lines", "twice"),
        (lambda d: d.update(colour="green"), "colour", "Extra inputs"),
        (lambda d: d.update(participation="praten"), "participation", "raadplegen"),
        (lambda d: d.update(total=1), "(top level)", "does not meet balance rule"),
        (lambda d: d.update(balance_rule="sometimes"), "balance_rule", "balanced"),
        (lambda d: d.update(closes="2020-01-01"), "(top level)", "closes"),
        (
            lambda d: _line(d, "trees").update(step=0),
            "lines[0] (id trees).step",
            "greater",
        ),
        (
            lambda d: _line(d, "trees").update(kind="gift"),
            "(id trees).kind",
            "spending",
        ),
        (lambda d: d.pop("lines"), "lines", "Field required"),
        (lambda d: d["title"].pop("nl"), "title.nl", "Field required"),
    ],
)
def test_prj003_broken_definition_names_file_and_field(tmp_path, mutate, field, reason):
    path = _broken(tmp_path, mutate)
    with pytest.raises(DefinitionError) as info:
        load_file(path, BudgetProject)
    message = str(info.value)
    assert str(path) in message
    assert field in message
    assert reason in message


def test_prj004_yaml_syntax_error_names_file(tmp_path):
    path = tmp_path / "projects" / "bad.yaml"
    path.parent.mkdir()
    path.write_text("id: bad\ntitle: [unclosed\n")
    with pytest.raises(DefinitionError, match="bad.yaml: cannot be read as YAML"):
        load_file(path, BudgetProject)


def test_prj005_id_must_match_file_name(tmp_path):
    path = _broken(tmp_path, lambda d: None)
    path = path.rename(path.with_name("other.yaml"))
    with pytest.raises(DefinitionError, match="must match the file name"):
        load_file(path, BudgetProject)


def test_prj006_one_broken_file_fails_the_whole_catalog(tmp_path):
    _broken(tmp_path, lambda d: None)
    _broken(tmp_path, lambda d: d.update(id="second", total="lots"))
    with pytest.raises(DefinitionError, match="second.yaml"):
        load_catalog(tmp_path)


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (dt.datetime(2026, 10, 31, 23, 59, tzinfo=TIMEZONE), "upcoming"),
        (dt.datetime(2026, 11, 1, 0, 0, tzinfo=TIMEZONE), "open"),
        # 23:30 UTC on the closing day is already the next day in Den Haag.
        (dt.datetime(2027, 12, 31, 22, 59, tzinfo=dt.UTC), "open"),
        (dt.datetime(2027, 12, 31, 23, 30, tzinfo=dt.UTC), "closed"),
    ],
)
def test_prj007_status_follows_dates_in_den_haag(park, moment, status):
    assert park.status(moment) == status
