"""Alembic environment: runs on the connection handed over by ``store.db.migrate``.

For the plain ``alembic`` command, the URL comes from ``sqlalchemy.url`` in
alembic.ini or from the ``CERTVERIFY_DATABASE_URL`` setting.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from store.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from ingest.settings import Settings
    from store.db import make_engine

    engine = make_engine(Settings())
    with engine.begin() as own_connection:
        _run(own_connection)


_main()
