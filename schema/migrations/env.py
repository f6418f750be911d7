"""Alembic environment for prov.

Used both by `prov init` (provenance/db.py passes an open connection in
``config.attributes["connection"]``) and by developers running ``alembic``
from a checkout (URL from PROV_DATABASE_URL, else ./prov.db).
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import schema.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata

# Objects created by raw DDL in migrations (full-text search, views,
# triggers) are not in the metadata; autogenerate must not drop them.
RAW_DDL_PREFIXES = ("claim_fts", "claims_view", "conflicts_view", "ix_claim_quote_tsv")


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    if name and name.startswith(RAW_DDL_PREFIXES):
        return False
    return True


def _configure(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return

    from provenance.db import get_engine, resolve_url

    url = config.get_main_option("sqlalchemy.url") or resolve_url(None)
    engine = get_engine(url)
    with engine.begin() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("prov migrations run online only")
run_migrations()
