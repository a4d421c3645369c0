"""One Settings object built from BUDGETSCHUIVER_* environment variables."""

from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from budgetschuiver.kernel.private import private_file, private_folder

REPO_ROOT = Path(__file__).resolve().parents[2]
PREFIX = "BUDGETSCHUIVER_"


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {raw!r}")


@dataclasses.dataclass(frozen=True)
class Setting:
    """One documented setting: its environment name, default and help text."""

    name: str
    default: Any
    help: str
    parse: Any = str

    @property
    def env(self) -> str:
        return PREFIX + self.name.upper()


# The single list of settings. The README table is checked against it by a test.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "database_url",
        None,
        "SQLAlchemy URL of the database. Default: a SQLite file `budgetschuiver.db` "
        "in the instance folder. PostgreSQL: `postgresql://user@host/db`.",
    ),
    Setting(
        "redis_url",
        None,
        "Redis for the shared cache and rate-limit counters of several workers or "
        "hosts (`redis://host:6379/0`). Without it: a local cache per worker.",
    ),
    Setting(
        "secret_key",
        None,
        "Key for sessions and for the keyed hash of browser tokens. When unset, one "
        "is generated once and kept in `secret_key` in the instance folder.",
    ),
    Setting("host", "127.0.0.1", "Address `python app.py` listens on."),
    Setting("port", 8050, "Port `python app.py` listens on.", int),
    Setting(
        "data_dir",
        str(REPO_ROOT / "data"),
        "Folder with the trajectory definitions (`projects/*.yaml`).",
    ),
    Setting(
        "instance_dir",
        str(REPO_ROOT / "instance"),
        "Folder for local state: the default SQLite database and the generated "
        "secret key.",
    ),
    Setting(
        "workers",
        0,
        "gunicorn worker processes for `make serve`; 0 means 2 x cores + 1.",
        int,
    ),
    Setting(
        "max_request_bytes",
        64 * 1024,
        "Largest request body accepted, in bytes; larger gets 413.",
        int,
    ),
    Setting(
        "debug",
        False,
        "Dash debug mode (dev tools, reloader). Never on in production.",
        _bool,
    ),
    Setting(
        "default_language",
        "nl",
        "Language when the browser states no preference: `nl` or `en`.",
    ),
    Setting(
        "admin_password",
        None,
        "When set and no dashboard account exists yet, an account `admin` with role "
        "`admin` and this password is created at start-up.",
    ),
    Setting(
        "rate_limits_enabled",
        True,
        "Rate limits on login attempts (and, later, ballots). `0` switches them off "
        "for load tests and benchmarks.",
        _bool,
    ),
    Setting(
        "purge_after_days",
        90,
        "`python -m budgetschuiver purge` forgets which browser sent each ballot this "
        "many days after a trajectory closes.",
        int,
    ),
    Setting(
        "frame_ancestors",
        "'self'",
        "Who may show the pages in a frame (CSP `frame-ancestors`), e.g. "
        "`'self' https://www.denhaag.nl` to embed a trajectory in the city's site.",
    ),
    Setting(
        "trusted_proxies",
        0,
        "How many reverse proxies in front of the app set X-Forwarded-For/-Proto "
        "(for TLS detection: Secure cookies, HSTS). 0 when none.",
        int,
    ),
    Setting(
        "oidc_issuer",
        None,
        "OpenID Connect issuer URL of the municipality's sign-on service; with "
        "`OIDC_CLIENT_ID` set, the login page offers single sign-on.",
    ),
    Setting("oidc_client_id", None, "Client id registered with the OIDC provider."),
    Setting("oidc_client_secret", None, "Client secret for the OIDC provider."),
    Setting(
        "oidc_groups_claim",
        "groups",
        "ID token claim that lists the person's groups.",
    ),
    Setting(
        "oidc_advisor_group",
        "budgetschuiver-advisor",
        "Group whose members get the role `advisor` by single sign-on.",
    ),
    Setting(
        "oidc_admin_group",
        "budgetschuiver-admin",
        "Group whose members get the role `admin` by single sign-on.",
    ),
    Setting(
        "min_group_size",
        10,
        "Smallest group the dashboard shows statistics for; smaller groups are "
        "suppressed, also where they could be recovered by subtraction.",
        int,
    ),
    Setting(
        "dashboard_period",
        "week",
        "Smallest period the dashboard counts in and the date filter selects: "
        "`week` (calendar weeks, Monday to Sunday, Europe/Amsterdam) or `whole` "
        "(one period: every date filter then answers for the whole trajectory).",
    ),
    Setting(
        "stale_seconds",
        5,
        "How far behind the data a shared dashboard answer may be: while one "
        "request makes the answer after a new ballot, the others get the previous "
        "one if the data changed at most this many seconds ago. `0`: always wait "
        "for the new answer.",
        int,
    ),
    # -- idea rounds and moderation (issue 14) -------------------------------------
    Setting(
        "report_hide_threshold",
        3.0,
        "Weighted reports from distinct browsers that hide an idea or reaction "
        "pending review (a reporter whose earlier reports were rejected counts less).",
        float,
    ),
    Setting(
        "idea_limit",
        "10/3600",
        "New ideas per browser token: `COUNT/SECONDS`.",
        lambda raw: _limit(raw),
    ),
    Setting(
        "reaction_limit",
        "30/600",
        "Reactions per browser token: `COUNT/SECONDS`.",
        lambda raw: _limit(raw),
    ),
    Setting(
        "report_limit",
        "20/600",
        "Reports per browser token: `COUNT/SECONDS`.",
        lambda raw: _limit(raw),
    ),
    Setting(
        "rating_limit",
        "300/600",
        "Ratings of ideas per browser token: `COUNT/SECONDS`.",
        lambda raw: _limit(raw),
    ),
    Setting(
        "qa_question_limit",
        "5/600",
        "Questions in a live Q&A per browser token: `COUNT/SECONDS`.",
        lambda raw: _limit(raw),
    ),
    Setting(
        "qa_vote_limit",
        "120/600",
        "Votes (and withdrawals) in a live Q&A per browser token: `COUNT/SECONDS`.",
        lambda raw: _limit(raw),
    ),
)


def _limit(raw: str) -> str:
    """A rate limit written `COUNT/SECONDS` (both whole numbers above 0)."""
    count, _, seconds = raw.strip().partition("/")
    if not (count.isdigit() and seconds.isdigit() and int(count) and int(seconds)):
        raise ValueError(f"not COUNT/SECONDS: {raw!r}")
    return f"{int(count)}/{int(seconds)}"


def parse_limit(value: str) -> tuple[int, int]:
    """(count, seconds) of a `COUNT/SECONDS` limit setting."""
    count, seconds = _limit(value).split("/")
    return int(count), int(seconds)


@dataclasses.dataclass(frozen=True)
class Settings:
    """The app's configuration; build it with `Settings.from_env()` or directly."""

    database_url: str | None = None
    redis_url: str | None = None
    secret_key: str | None = None
    host: str = "127.0.0.1"
    port: int = 8050
    data_dir: str = str(REPO_ROOT / "data")
    instance_dir: str = str(REPO_ROOT / "instance")
    workers: int = 0
    max_request_bytes: int = 64 * 1024
    debug: bool = False
    default_language: str = "nl"
    admin_password: str | None = None
    rate_limits_enabled: bool = True
    min_group_size: int = 10
    dashboard_period: str = "week"
    stale_seconds: int = 5
    purge_after_days: int = 90
    frame_ancestors: str = "'self'"
    trusted_proxies: int = 0
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_groups_claim: str = "groups"
    oidc_advisor_group: str = "budgetschuiver-advisor"
    oidc_admin_group: str = "budgetschuiver-admin"
    report_hide_threshold: float = 3.0
    idea_limit: str = "10/3600"
    reaction_limit: str = "30/600"
    report_limit: str = "20/600"
    rating_limit: str = "300/600"
    qa_question_limit: str = "5/600"
    qa_vote_limit: str = "120/600"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any):
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = environ.get(setting.env)
            if raw is None or raw == "":
                continue
            try:
                values[setting.name] = setting.parse(raw)
            except ValueError as exc:
                raise ValueError(f"{setting.env}: {exc}") from exc
        values.update(overrides)
        return cls(**values)

    def __post_init__(self) -> None:
        if self.default_language not in ("nl", "en"):
            raise ValueError("BUDGETSCHUIVER_DEFAULT_LANGUAGE must be 'nl' or 'en'")
        if self.max_request_bytes < 1024:
            raise ValueError("BUDGETSCHUIVER_MAX_REQUEST_BYTES must be at least 1024")
        if self.min_group_size < 1:
            raise ValueError("BUDGETSCHUIVER_MIN_GROUP_SIZE must be at least 1")
        if self.dashboard_period not in ("week", "whole"):
            raise ValueError("BUDGETSCHUIVER_DASHBOARD_PERIOD must be week or whole")
        if not 0 <= self.stale_seconds <= 60:
            raise ValueError("BUDGETSCHUIVER_STALE_SECONDS must be from 0 to 60")
        if not self.report_hide_threshold > 0:
            raise ValueError("BUDGETSCHUIVER_REPORT_HIDE_THRESHOLD must be above 0")
        for name in (
            "idea_limit",
            "reaction_limit",
            "report_limit",
            "rating_limit",
            "qa_question_limit",
            "qa_vote_limit",
        ):
            try:
                _limit(getattr(self, name))
            except ValueError as exc:
                raise ValueError(f"{PREFIX}{name.upper()}: {exc}") from None

    @property
    def instance_path(self) -> Path:
        return Path(self.instance_dir)

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.instance_path / 'budgetschuiver.db'}"

    def resolved_secret_key(self) -> str:
        """The configured key, or one generated once and kept in the instance folder."""
        if self.secret_key:
            return self.secret_key
        path = self.instance_path / "secret_key"
        if path.exists():
            return path.read_text().strip()
        private_folder(self.instance_path)
        key = secrets.token_urlsafe(48)
        # Write aside, then hard-link into place: when several workers start at once,
        # exactly one key wins and nobody ever reads a half-written file.
        tmp = path.with_name(f"secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        private_file(tmp)
        tmp.write_text(key)
        try:
            os.link(tmp, path)
        except FileExistsError:
            key = path.read_text().strip()
        finally:
            tmp.unlink()
        return key
