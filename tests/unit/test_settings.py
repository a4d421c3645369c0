"""Settings: parsed from the environment, each one documented in the README."""

from __future__ import annotations

import re

import pytest

from budgetschuiver.kernel.settings import REPO_ROOT, SETTINGS, Settings


def test_set001_defaults():
    settings = Settings.from_env({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8050)
    assert settings.data_dir == str(REPO_ROOT / "data")
    assert settings.resolved_database_url().endswith("instance/budgetschuiver.db")


def test_set002_from_environment():
    settings = Settings.from_env(
        {
            "BUDGETSCHUIVER_PORT": "9000",
            "BUDGETSCHUIVER_DEBUG": "yes",
            "BUDGETSCHUIVER_DATABASE_URL": "postgresql://u@h/db",
        }
    )
    assert settings.port == 9000 and settings.debug is True
    assert settings.resolved_database_url() == "postgresql://u@h/db"


@pytest.mark.parametrize(
    "env",
    [
        {"BUDGETSCHUIVER_PORT": "eighty"},
        {"BUDGETSCHUIVER_DEBUG": "maybe"},
        {"BUDGETSCHUIVER_DEFAULT_LANGUAGE": "fr"},
    ],
)
def test_set003_bad_values_name_the_variable(env):
    with pytest.raises(ValueError, match="BUDGETSCHUIVER_"):
        Settings.from_env(env)


def test_set004_every_setting_is_in_the_readme_table():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(BUDGETSCHUIVER_[A-Z_]+)` \|", readme, re.M))
    assert {setting.env for setting in SETTINGS} <= documented


def test_set005_every_setting_field_is_declared():
    fields = set(Settings.__dataclass_fields__)
    assert {setting.name for setting in SETTINGS} == fields


def test_set006_secret_key_generated_once(tmp_path):
    settings = Settings(instance_dir=str(tmp_path))
    first = settings.resolved_secret_key()
    assert len(first) >= 40
    assert Settings(instance_dir=str(tmp_path)).resolved_secret_key() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
