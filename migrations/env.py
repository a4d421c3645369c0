"""Alembic environment: migrates the database Budgetschuiver is configured for.

`python -m budgetschuiver init-db` runs these migrations (alembic.command.upgrade);
the tables of budgetschuiver/store.py (all parts) are the target a test compares
against.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from budgetschuiver.store import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several workers may start at once: one migrates, the others wait.
            connection.execute(text("SELECT pg_advisory_xact_lock(727376312)"))
        context.run_migrations()


run_migrations_online()
