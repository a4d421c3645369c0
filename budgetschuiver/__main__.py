"""Command line: `python -m budgetschuiver init-db` and friends."""

from __future__ import annotations

import argparse
import sys

from budgetschuiver.projects import DefinitionError, load_catalog
from budgetschuiver.settings import Settings
from budgetschuiver.store import Store


def _store(settings: Settings) -> Store:
    return Store(settings.resolved_database_url(), settings.resolved_secret_key())


def cmd_init_db(settings: Settings, _args: argparse.Namespace) -> int:
    store = _store(settings)
    store.init_db()
    print(f"database ready: {store.engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_check(settings: Settings, _args: argparse.Namespace) -> int:
    catalog = load_catalog(settings.data_dir)
    for project in catalog.projects.values():
        print(f"{project.id}: {len(project.lines)} lines, {project.status()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m budgetschuiver")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="create the database tables (idempotent)")
    commands.add_parser("check", help="validate the trajectory definitions in data/")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    handler = {"init-db": cmd_init_db, "check": cmd_check}[args.command]
    try:
        return handler(settings, args)
    except DefinitionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
