"""Command line: `python -m budgetschuiver init-db` and friends."""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

from budgetschuiver.kernel.private import private_file
from budgetschuiver.kernel.settings import Settings
from budgetschuiver.kernel.trajectory import Catalog, DefinitionError
from budgetschuiver.kinds import load_catalog
from budgetschuiver.store import Store


def _store(settings: Settings, catalog: Catalog | None = None) -> Store:
    """The database; given the definitions, ballots it writes (and saved counts)
    carry their rules version, as the app's do."""
    from budgetschuiver.kernel.definitions import current_hashes

    store = Store(settings.resolved_database_url(), settings.resolved_secret_key())
    if catalog is not None:
        store.definitions = current_hashes(catalog)
    return store


def cmd_init_db(settings: Settings, _args: argparse.Namespace) -> int:
    store = _store(settings)
    store.init_db()
    print(f"database ready: {store.engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_new_migration(settings: Settings, args: argparse.Namespace) -> int:
    """For developers: a new Alembic revision from the difference between the models
    and the database (brought to the latest schema first)."""
    from alembic import command
    from alembic.config import Config

    from budgetschuiver.kernel.settings import REPO_ROOT

    store = _store(settings)
    store.init_db()
    config = Config(str(REPO_ROOT / "alembic.ini"))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=args.message, autogenerate=True)
    return 0


def cmd_check(settings: Settings, _args: argparse.Namespace) -> int:
    catalog = load_catalog(settings.data_dir)
    for kind, item in catalog.everything():
        print(f"{kind.name} {item.id}: {kind.summary(item)}, {item.status()}")
    return _check_ballots(settings, catalog)


def _check_ballots(settings: Settings, catalog: Catalog) -> int:
    """Stored ballots against the definitions, changing nothing: 1 when some no
    longer fit (the app leaves those out of every result)."""
    from budgetschuiver.kernel import definitions
    from budgetschuiver.kernel.context import Services
    from budgetschuiver.kernel.store import database_exists

    if not database_exists(settings.resolved_database_url()):
        print("no database yet: no stored ballots to check")
        return 0
    store = _store(settings)
    try:
        store.init_db()
        known = Services(settings, catalog, store)
        reports = definitions.review_all(store, catalog, known.item, write=False)
    finally:
        store.dispose()
    found = [line for report in reports for line in report.describe()]
    for line in found:
        print(line)
    if any(report.outdated for report in reports):
        print(
            "ballots that no longer fit their trajectory's definition are left out "
            "of the results; residents who sent them are asked to send again",
            file=sys.stderr,
        )
        return 1
    print(f"stored ballots: all fit their definitions ({len(reports)} trajectories)")
    return 0


def cmd_seed_demo(settings: Settings, _args: argparse.Namespace) -> int:
    """Synthetic votes for closed demo polls, so their results can be shown."""
    from budgetschuiver.seeding import seed_closed_polls

    catalog = load_catalog(settings.data_dir)
    store = _store(settings, catalog)
    store.init_db()
    added = seed_closed_polls(catalog, store)
    for poll_id, count in added.items():
        print(f"poll {poll_id}: {count} synthetic demo votes added")
    from budgetschuiver.ideas.demo import seed_demo_ideas

    for round_id, count in seed_demo_ideas(catalog, store).items():
        print(f"idea round {round_id}: {count} illustrative ideas added")
    from budgetschuiver.forums.demo import seed_demo_topics

    for forum_id, count in seed_demo_topics(catalog, store).items():
        print(f"forum {forum_id}: {count} illustrative topics added")
    from budgetschuiver.qa.demo import seed_demo_questions

    for session_id, count in seed_demo_questions(catalog, store).items():
        print(f"question hour {session_id}: {count} illustrative questions added")
    if not added:
        print("nothing to add: demo votes are already there")
    return 0


def cmd_seed(settings: Settings, args: argparse.Namespace) -> int:
    """Synthetic budgets for a trajectory (load tests, demos); marked as such."""
    import time

    from budgetschuiver.seeding import seed_budgets

    catalog = load_catalog(settings.data_dir)
    if args.idea_round is not None:
        return _seed_ideas(settings, catalog, args)
    project = catalog.find("budget", args.project)
    if project is None:
        print(f"error: no budget trajectory '{args.project}'", file=sys.stderr)
        return 2
    if args.submissions is None or args.submissions < 0:
        print("error: --submissions must be 0 or more", file=sys.stderr)
        return 2
    store = _store(settings, catalog)
    store.init_db()
    started = time.monotonic()
    report = seed_budgets(
        project, store, settings.data_dir, args.submissions, args.seed
    )
    took = time.monotonic() - started
    print(
        f"{report.written} synthetic budgets written for {project.id} in {took:.1f} s"
        f" ({report.redrawn} drawn again to balance, {report.plan} set to the plan)"
    )
    # Seeded budgets carry earlier dates; counting them all now means no worker
    # has to, and a fresh one starts from the saved counts.
    from dashboards.budgets.service import build_tally

    started = time.monotonic()
    tally = build_tally(store, project)
    took = time.monotonic() - started
    print(f"dashboard counts saved for {tally.n} budgets in {took:.1f} s")
    return 0


def _seed_ideas(settings: Settings, catalog: Catalog, args: argparse.Namespace) -> int:
    """Synthetic ratings in planted opinion groups on an idea round's published
    ideas (`seeding.seed_idea_ratings`)."""
    from budgetschuiver.seeding import IDEA_GROUP_SHARES, seed_idea_ratings

    round_ = catalog.find("ideas", args.idea_round)
    if round_ is None:
        print(f"error: no idea round '{args.idea_round}'", file=sys.stderr)
        return 2
    if args.raters is None or args.raters < 0:
        print("error: --raters must be 0 or more", file=sys.stderr)
        return 2
    store = _store(settings, catalog)
    store.init_db()
    written = seed_idea_ratings(round_.id, store, args.raters, args.seed)
    if not written and args.raters:
        print(
            f"error: idea round '{round_.id}' has no published ideas", file=sys.stderr
        )
        return 2
    print(
        f"{written} synthetic ratings by {args.raters} raters in"
        f" {len(IDEA_GROUP_SHARES)} planted groups written for {round_.id}"
    )
    return 0


def cmd_purge(settings: Settings, args: argparse.Namespace) -> int:
    """Privacy: drop token hashes of trajectories closed longer than the set days."""
    import datetime as dt

    from budgetschuiver.kernel.trajectory import TIMEZONE

    days = settings.purge_after_days if args.days is None else args.days
    if days < 0:
        print("error: --days must be 0 or more", file=sys.stderr)
        return 2
    catalog = load_catalog(settings.data_dir)
    store = _store(settings)
    store.init_db()
    today = dt.datetime.now(TIMEZONE).date()
    total = 0
    for kind, item in catalog.everything():
        if (today - item.closes).days > days:
            count = store.purge_token_hashes(kind.name, item.id)
            total += count
            print(f"{kind.name} {item.id}: {count} browser keys forgotten")
    print(f"done: {total} browser keys forgotten; ballots and results kept")
    return 0


def cmd_codes(settings: Settings, args: argparse.Namespace) -> int:
    """Voting codes for a trajectory with `integrity: code`, as CSV for the letters.
    Only keyed hashes are stored; this output is the only place the codes exist."""
    import csv

    from budgetschuiver.kernel import codes

    catalog = load_catalog(settings.data_dir)
    found = [
        (kind.name, item)
        for kind, item in catalog.everything()
        if item.id == args.project
    ]
    if not found:
        print(f"error: no trajectory '{args.project}'", file=sys.stderr)
        return 2
    kind, item = found[0]
    if item.integrity != "code":
        print(
            f"error: '{item.id}' has integrity '{item.integrity}', not 'code'",
            file=sys.stderr,
        )
        return 2
    if not 1 <= args.count <= 2_000_000:
        print("error: --count must be between 1 and 2000000", file=sys.stderr)
        return 2
    issued = {codes.new_code() for _ in range(args.count)}
    while len(issued) < args.count:
        issued.add(codes.new_code())
    store = _store(settings)
    store.init_db()
    store.add_codes(codes.scope(kind, item.id), [codes.normalize(c) for c in issued])
    rows = [["code"], *([code] for code in sorted(issued))]
    if args.out:
        # Each code casts a ballot: the file is as secret as the ballots.
        private_file(args.out)
        with open(args.out, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    else:
        csv.writer(sys.stdout).writerows(rows)
    print(
        f"{len(issued)} codes for {kind} {item.id} ({codes.BITS:.0f} bits each)",
        file=sys.stderr,
    )
    return 0


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    """SQLite: the online backup API (safe while the app runs); PostgreSQL: pg_dump."""
    import subprocess

    store = _store(settings)
    if store.dialect == "sqlite":
        store.backup_sqlite(args.to)
    else:
        # pg_dump would create the file with the process's umask (often 0644).
        private_file(args.to)
        done = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                f"--file={args.to}",
                f"--dbname={store.libpq_url()}",
            ],
            check=False,
        )
        if done.returncode:
            print("error: pg_dump failed", file=sys.stderr)
            return 2
    print(f"backup written to {args.to}")
    return 0


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    """Put a backup back (stop the app first). Checks the result afterwards."""
    import subprocess

    if not Path(args.source).is_file():
        print(f"error: no backup at {args.source}", file=sys.stderr)
        return 2
    store = _store(settings)
    if store.dialect == "sqlite":
        store.restore_sqlite(args.source)
    else:
        done = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                f"--dbname={store.libpq_url()}",
                args.source,
            ],
            check=False,
        )
        if done.returncode:
            print("error: pg_restore failed", file=sys.stderr)
            return 2
    if not store.integrity_ok():
        print("error: the restored database fails its integrity check", file=sys.stderr)
        return 2
    print(f"restored from {args.source}; integrity check passed")
    return 0


def cmd_add_picture(settings: Settings, args: argparse.Namespace) -> int:
    """Add a picture to a moodboard: decoded, checked, re-encoded without metadata."""
    from budgetschuiver.kernel import i18n, media
    from budgetschuiver.moodboards.store import UploadedImage

    catalog = load_catalog(settings.data_dir)
    moodboard = catalog.find("moodboard", args.moodboard)
    if moodboard is None:
        print(f"error: no moodboard '{args.moodboard}'", file=sys.stderr)
        return 2
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", args.id):
        print("error: --id must be lower-case letters, digits, - or _", file=sys.stderr)
        return 2
    if moodboard.image(args.id) is not None:
        print(
            f"error: '{args.id}' is already in {moodboard.id}'s definition",
            file=sys.stderr,
        )
        return 2
    try:
        data = media.prepare_upload(Path(args.file).read_bytes())
    except media.ImageRejected as exc:
        print(f"error: {i18n.t(exc.key, 'en')}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    store = _store(settings)
    store.init_db()
    if not store.add_image(
        UploadedImage(
            moodboard.id,
            args.id,
            {"nl": args.title_nl, "en": args.title_en},
            {"nl": args.alt_nl, "en": args.alt_en},
            {"nl": args.description_nl, "en": args.description_en},
        ),
        data,
    ):
        print(
            f"error: {moodboard.id} already has a picture '{args.id}'; choose "
            "another --id (nothing was changed)",
            file=sys.stderr,
        )
        return 2
    print(f"added {args.id} to {moodboard.id} ({len(data)} bytes, WebP, no metadata)")
    votes = store.count_votes("moodboard", moodboard.id)
    if votes:
        print(
            f"warning: {moodboard.id} already had {votes} votes; those who voted "
            "did not see this picture",
            file=sys.stderr,
        )
    return 0


def cmd_create_user(settings: Settings, args: argparse.Namespace) -> int:
    """A dashboard account; the password comes from a prompt or standard input."""
    from app import create_app
    from dashboards.kernel import auth

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
        if getpass.getpass("Again: ") != password:
            print("error: the passwords differ", file=sys.stderr)
            return 2
    app = create_app(settings)
    with app.server.app_context():
        try:
            created = auth.create_user(args.name, password, args.role)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if not created:
        print(f"error: an account '{args.name}' already exists", file=sys.stderr)
        return 2
    print(f"account '{args.name}' created with role {args.role}")
    return 0


def cmd_create_token(settings: Settings, args: argparse.Namespace) -> int:
    """A personal read-only API token for an account, printed once."""
    from app import create_app
    from dashboards.kernel import auth

    app = create_app(settings)
    with app.server.app_context():
        try:
            public_id, token = auth.create_api_token(args.name, args.label)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(token)
    print(
        f"token {public_id} for '{args.name}' (read): shown only now; send it as "
        f"'Authorization: Bearer <token>'; revoke with 'revoke-token {public_id}'",
        file=sys.stderr,
    )
    return 0


def cmd_list_tokens(settings: Settings, args: argparse.Namespace) -> int:
    """Every personal API token (never its value), or those of one account."""
    store = _store(settings)
    for row in store.list_api_tokens(args.name):
        state = f"revoked {row['revoked_at']:%Y-%m-%d}" if row["revoked_at"] else "live"
        print(
            f"{row['public_id']}  {row['name']}  {row['scope']}  "
            f"{row['created_at']:%Y-%m-%d}  {state}  {row['label']}"
        )
    return 0


def cmd_revoke_token(settings: Settings, args: argparse.Namespace) -> int:
    """Refuse a personal API token from now on."""
    if not _store(settings).revoke_api_token(args.id):
        print(f"error: no live token {args.id}", file=sys.stderr)
        return 2
    print(f"token {args.id} revoked")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m budgetschuiver")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="create the database tables (idempotent)")
    commands.add_parser("check", help="validate the trajectory definitions in data/")
    migration = commands.add_parser(
        "new-migration", help="(developers) write a migration for changed models"
    )
    migration.add_argument("message")
    commands.add_parser("seed-demo", help="synthetic votes for closed demo polls")
    picture = commands.add_parser("add-picture", help="add a picture to a moodboard")
    picture.add_argument("--moodboard", required=True)
    picture.add_argument("--file", required=True, help="PNG, JPEG or WebP")
    picture.add_argument("--id", required=True, help="picture id, e.g. 'schommels'")
    picture.add_argument("--title-nl", required=True)
    picture.add_argument("--alt-nl", required=True, help="what the picture shows")
    picture.add_argument("--title-en")
    picture.add_argument("--alt-en")
    picture.add_argument("--description-nl")
    picture.add_argument("--description-en")
    seed = commands.add_parser(
        "seed",
        help="synthetic budgets, or idea ratings in planted groups (marked as such)",
    )
    target = seed.add_mutually_exclusive_group(required=True)
    target.add_argument("--project", help="a budget trajectory: with --submissions")
    target.add_argument("--idea-round", help="an idea round: with --raters")
    seed.add_argument("--submissions", type=int)
    seed.add_argument("--raters", type=int)
    seed.add_argument("--seed", type=int, default=1)
    purge = commands.add_parser(
        "purge", help="forget browser keys of trajectories closed long enough ago"
    )
    purge.add_argument(
        "--days",
        type=int,
        default=None,
        help="days after closing (default: the setting)",
    )
    code = commands.add_parser(
        "codes", help="voting codes for an 'integrity: code' trajectory (CSV)"
    )
    code.add_argument("--project", required=True, help="budget, poll or moodboard id")
    code.add_argument("--count", type=int, required=True)
    code.add_argument("--out", help="CSV file to write (default: standard output)")
    backup = commands.add_parser("backup", help="write a backup of the database")
    backup.add_argument("--to", required=True, help="file to write")
    restore = commands.add_parser("restore", help="put a backup back (app stopped)")
    restore.add_argument("--from", dest="source", required=True, help="backup file")
    user = commands.add_parser("create-user", help="create a dashboard account")
    user.add_argument("name")
    user.add_argument(
        "--role", required=True, choices=("advisor", "admin", "moderator")
    )
    user.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (for scripts)",
    )
    token = commands.add_parser(
        "create-token", help="a personal read-only token for the results API"
    )
    token.add_argument("name", help="the dashboard account it acts for")
    token.add_argument("--label", default="", help="what it is for (≤ 100 chars)")
    tokens = commands.add_parser("list-tokens", help="personal API tokens (no values)")
    tokens.add_argument("name", nargs="?", help="only this account's")
    revoke = commands.add_parser("revoke-token", help="refuse a personal API token")
    revoke.add_argument("id", help="the token's id, as list-tokens shows it")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    handler = {
        "init-db": cmd_init_db,
        "check": cmd_check,
        "new-migration": cmd_new_migration,
        "seed-demo": cmd_seed_demo,
        "add-picture": cmd_add_picture,
        "create-user": cmd_create_user,
        "create-token": cmd_create_token,
        "list-tokens": cmd_list_tokens,
        "revoke-token": cmd_revoke_token,
        "seed": cmd_seed,
        "purge": cmd_purge,
        "codes": cmd_codes,
        "backup": cmd_backup,
        "restore": cmd_restore,
    }[args.command]
    try:
        return handler(settings, args)
    except DefinitionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
