"""Migrations: up, down, up again, no drift, and version refusals, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from provenance.db import (
    alembic_config,
    check_schema,
    database_revision,
    get_engine,
    init_database,
    migrations_dir,
)
from provenance.errors import DatabaseBehind, DatabaseMissing, DatabaseNewer
from schema.revisions import HEAD, REVISIONS

EXPECTED_TABLES = {
    "article",
    "claim",
    "claim_link",
    "entity",
    "entity_alias",
    "event",
    "finding",
    "measure_alias",
    "outlet",
    "setting",
    "source",
    "source_alias",
}


def _run(url: str, fn, *args) -> None:  # noqa: ANN001
    cfg = alembic_config(url)
    with get_engine(url).begin() as conn:
        cfg.attributes["connection"] = conn
        fn(cfg, *args)


def test_revisions_constant_matches_script_directory() -> None:
    script = ScriptDirectory(str(migrations_dir()))
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == REVISIONS
    assert script.get_current_head() == HEAD


def test_upgrade_downgrade_upgrade_and_no_drift(db_url: str) -> None:
    _run(db_url, command.upgrade, "head")
    engine = get_engine(db_url)
    assert EXPECTED_TABLES <= set(inspect(engine).get_table_names())
    _run(db_url, command.check)  # raises if models and migrations differ

    _run(db_url, command.downgrade, "base")
    left = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert left == set()

    _run(db_url, command.upgrade, "head")
    assert database_revision(engine) == HEAD
    _run(db_url, command.check)


def test_each_revision_steps_down_and_up(db_url: str) -> None:
    _run(db_url, command.upgrade, "head")
    for rev in reversed(REVISIONS):
        _run(db_url, command.downgrade, "-1")
        _run(db_url, command.upgrade, rev)
        _run(db_url, command.downgrade, "-1")
    assert database_revision(get_engine(db_url)) is None
    _run(db_url, command.upgrade, "head")
    assert database_revision(get_engine(db_url)) == HEAD


def test_init_is_idempotent(db_url: str) -> None:
    assert init_database(db_url) == (None, HEAD)
    assert init_database(db_url) == (HEAD, HEAD)
    assert check_schema(db_url) is not None


def test_event_log_is_append_only(migrated_url: str) -> None:
    engine = get_engine(migrated_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO event (at, actor, target_type, target_id, action) "
                "VALUES (CURRENT_TIMESTAMP, 'a', 'claim', '1', 'create')"
            )
        )
    for statement in ("UPDATE event SET actor = 'b'", "DELETE FROM event"):
        with pytest.raises(Exception, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT actor FROM event")).scalar_one() == "a"


def test_missing_sqlite_database_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absent.db"
    with pytest.raises(DatabaseMissing, match="prov init"):
        check_schema(f"sqlite:///{path}")
    assert not path.exists()


def test_uninitialised_database_is_refused(db_url: str) -> None:
    get_engine(db_url).connect().close()
    with pytest.raises(DatabaseMissing, match="prov init"):
        check_schema(db_url)


def _stamp(url: str, revision: str) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


def test_newer_database_is_refused_by_commands_and_init(migrated_url: str) -> None:
    _stamp(migrated_url, "9999_from_the_future")
    with pytest.raises(DatabaseNewer, match="newer"):
        check_schema(migrated_url)
    with pytest.raises(DatabaseNewer, match="nothing was written"):
        init_database(migrated_url)
    assert database_revision(get_engine(migrated_url)) == "9999_from_the_future"


@pytest.mark.skipif(len(REVISIONS) < 2, reason="needs two revisions")
def test_older_database_is_asked_to_upgrade(db_url: str) -> None:
    _run(db_url, command.upgrade, REVISIONS[-2])
    with pytest.raises(DatabaseBehind, match="prov init"):
        check_schema(db_url)
    assert init_database(db_url) == (REVISIONS[-2], HEAD)


def test_source_merge_column_keeps_stored_sources_up_and_down(db_url: str) -> None:
    """0004 adds ``source.merged_into_id`` to a database holding sources and claims."""
    _run(db_url, command.upgrade, "0003")
    engine = get_engine(db_url)
    rows = [
        "INSERT INTO source (id, name, kind, grade, created_at)"
        " VALUES (1, 'ACLED', 'organisation', 'B', '2025-01-01 00:00:00')",
        "INSERT INTO source (id, name, kind, grade, created_at)"
        " VALUES (2, 'Levant Daily', 'outlet', 'F', '2025-01-01 00:00:00')",
        "INSERT INTO outlet (id, name, source_id) VALUES (1, 'Levant Daily', 2)",
        "INSERT INTO article (id, outlet_id, ingested_at, text, sha256, relay_source_id)"
        " VALUES (1, 1, '2025-01-01 00:00:00', 'x', 'h', 1)",
    ]
    with engine.begin() as conn:
        for row in rows:
            conn.execute(text(row))
    _run(db_url, command.upgrade, "0004")
    with engine.begin() as conn:
        got = conn.execute(text("SELECT id, name, grade, merged_into_id FROM source ORDER BY id"))
        assert [tuple(r) for r in got] == [(1, "ACLED", "B", None), (2, "Levant Daily", "F", None)]
        conn.execute(text("UPDATE source SET merged_into_id = 1 WHERE id = 2"))
    _run(db_url, command.downgrade, "0003")
    with engine.begin() as conn:
        got = conn.execute(text("SELECT id, name FROM source ORDER BY id"))
        assert [tuple(r) for r in got] == [(1, "ACLED"), (2, "Levant Daily")]
        relay = conn.execute(text("SELECT relay_source_id FROM article")).scalar_one()
        assert relay == 1
        names = conn.execute(text("SELECT origin FROM claims_view")).all()
        assert names == []  # the views still read the table
    assert "merged_into_id" not in {c["name"] for c in inspect(engine).get_columns("source")}
