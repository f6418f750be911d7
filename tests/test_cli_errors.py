"""Expected failures through the CLI: one line on stderr, exit 1, nothing written."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text as sql

from cli.main import cli
from provenance.db import get_engine
from tests.conftest import REPO, Prov

ARTICLE = "Title: A test\nOutlet: Test Outlet\n\nAbout 25 fighters were counted, a source said.\n"


def run(args: list[str], url: str | None = None):  # noqa: ANN201
    env = {"PROV_DATABASE_URL": url} if url else {}
    return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)


@pytest.mark.parametrize(
    "args", [["articles", "list"], ["articles", "show", "1"], ["ingest", "x.txt"]]
)
def test_missing_database_says_run_prov_init(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "x.txt").write_text(ARTICLE, encoding="utf-8")
    result = run(args)  # default ./prov.db in the test's cwd (tmp_path)
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no database at prov.db: run `prov init` first"
    assert not (tmp_path / "prov.db").exists()  # asking does not create it


def test_uninitialised_database_says_run_prov_init(db_url: str, tmp_path: Path) -> None:
    if db_url.startswith("sqlite"):
        sqlite3.connect(tmp_path / "prov.db").close()  # an empty file
    result = run(["articles", "list"], db_url)
    assert result.exit_code == 1
    assert "is not a prov database (no schema): run `prov init` first" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _stamp(url: str, revision: str) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(sql("UPDATE alembic_version SET version_num = :r"), {"r": revision})


def test_newer_schema_refused_and_nothing_written(migrated_url: str, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    _stamp(migrated_url, "9999_from_the_future")
    prov = Prov(migrated_url)
    for args in (["ingest", str(path)], ["articles", "list"], ["init"]):
        result = prov(*args)
        assert result.exit_code == 1, args
        assert "newer than this prov knows" in result.stderr
        assert "nothing was written" in result.stderr
        assert "Traceback" not in result.stderr
    with get_engine(migrated_url).connect() as conn:
        assert conn.execute(sql("SELECT count(*) FROM article")).scalar_one() == 0
        assert conn.execute(sql("SELECT count(*) FROM event")).scalar_one() == 0
        assert (
            conn.execute(sql("SELECT version_num FROM alembic_version")).scalar_one()
            == "9999_from_the_future"
        )


def test_older_schema_says_run_prov_init(migrated_url: str, tmp_path: Path) -> None:
    from schema.revisions import REVISIONS

    if len(REVISIONS) < 2:
        pytest.skip("only one schema revision exists")
    _stamp(migrated_url, REVISIONS[0])
    result = Prov(migrated_url)("articles", "list")
    assert result.exit_code == 1
    assert "run `prov init` to upgrade" in result.stderr


def test_locked_database_gives_one_line(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db_file = sqlite_url.split(":///", 1)[1]
    holder = sqlite3.connect(db_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # hold the write lock
    try:
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "PROV_DATABASE_URL": sqlite_url,
            "PROV_BUSY_TIMEOUT_MS": "300",
        }
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "ingest", str(path), "--no-extract"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 1
    assert "is locked by another process (waited 0.3s); try again" in proc.stderr
    assert "Traceback" not in proc.stderr
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone()[0] == 0


def test_not_a_database_file(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    result = run(["--database", str(bogus), "articles", "list"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {bogus} is not a SQLite database"


def test_usage_errors_exit_2(prov) -> None:  # noqa: ANN001
    result = prov("ingest")
    assert result.exit_code == 2
    result = prov("articles", "list", "--format", "yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_closed_pipe_stops_quietly(tmp_path) -> None:  # noqa: ANN001
    """`prov articles list --format jsonl | head -1`: no error text, no traceback."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    db = tmp_path / "pipe.db"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PROV_DATABASE_URL": str(db)}
    subprocess.run([sys.executable, "-m", "cli", "init"], env=env, check=True, capture_output=True)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(400):
        (docs / f"a{i}.txt").write_text(f"Title: Story {i}\n\nBody number {i} of the test set.\n")
    subprocess.run(
        [sys.executable, "-m", "cli", "ingest", "--no-extract", str(docs)],
        env=env,
        check=True,
        capture_output=True,
    )
    proc = subprocess.run(
        f"{sys.executable} -m cli articles list --format jsonl | head -1",
        shell=True,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.stdout.count("\n") == 1
    assert "Error" not in proc.stderr and "Traceback" not in proc.stderr
