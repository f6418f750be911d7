"""Every Alembic revision this version of prov knows, oldest first.

Commands check the database's revision against this tuple instead of loading
Alembic's script directory, which keeps start-up fast. tests/test_migrations.py
asserts it matches schema/migrations/versions exactly, so it cannot drift.
"""

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")
HEAD = REVISIONS[-1]
