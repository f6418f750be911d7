"""Sources can be merged: ``source.merged_into_id``

Revision ID: 0004
Revises: 0003

``prov sources merge`` folds one source into another (the same body met as
"ACLED" and as "Armed Conflict Location & Event Data Project"): claims,
chain hops, relays and aliases move to the survivor, and the merged source
keeps its row, pointing at the survivor, as merged entities do. Nothing is
deleted.

One nullable column with a foreign key to ``source.id``. SQLite adds it with
``ALTER TABLE ... ADD COLUMN ... REFERENCES`` and drops it with ``DROP
COLUMN`` (3.35 and later): no table is rebuilt, so the views of 0002 and the
foreign keys other tables hold on ``source`` are left alone.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK = "fk_source_merged_into_id_source"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE source ADD COLUMN merged_into_id INTEGER CONSTRAINT {FK} REFERENCES source (id)"
        )
    else:
        op.add_column("source", sa.Column("merged_into_id", sa.Integer(), nullable=True))
        op.create_foreign_key(FK, "source", "source", ["merged_into_id"], ["id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE source DROP COLUMN merged_into_id")
    else:
        op.drop_constraint(FK, "source", type_="foreignkey")
        op.drop_column("source", "merged_into_id")
