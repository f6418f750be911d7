"""`prov demo` from a clean environment: in-process, as a real subprocess, and from an install.

The demo writes a SQLite file into a new temporary folder; these tests point
the temporary folder at ``tmp_path`` (TMPDIR / ``tempfile.tempdir``) so
nothing is left behind, read the path the demo prints, and open that database
themselves to count what is in it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from tests.conftest import FIXTURES, REPO

SECTIONS = (
    "== Conflicts: figures that disagree (prov conflicts) ==",
    "== Single-origin claims: nobody independent has confirmed them (prov uncorroborated) ==",
    "== Weekly report for ",
)
ARTICLES = sorted(p for p in (FIXTURES / "articles").iterdir() if p.is_file())


def _database(stderr: str) -> Path:
    match = re.search(r"^The demo database is (.+\.db)\. Explore it", stderr, re.MULTILINE)
    assert match, stderr
    built = re.search(r"^Building a demo database at (\S+) from ", stderr, re.MULTILINE)
    assert built and built[1] == match[1]
    return Path(match[1])


def _counts(db: Path) -> tuple[int, int]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            articles = conn.execute(text("SELECT count(*) FROM article")).scalar_one()
            claims = conn.execute(text("SELECT count(*) FROM claims_view")).scalar_one()
    finally:
        engine.dispose()
    return articles, claims


def _check_run(stdout: str, stderr: str, tmp_path: Path) -> Path:
    db = _database(stderr)
    assert db.is_file() and db.parent.parent == tmp_path  # in a new folder under TMPDIR
    articles, claims = _counts(db)
    ingested = re.search(r"^(\d+) ingested, 0 already present, 0 failed", stderr, re.MULTILINE)
    assert ingested, stderr
    assert articles == int(ingested[1]) == len(ARTICLES)
    assert claims > 0
    for section in SECTIONS:
        assert section in stderr
    week = re.search(r"== Weekly report for (\d{4}-W\d\d), ", stderr)
    assert week, stderr
    assert f"Corroboration report, week {week[1]}" in stdout
    assert "Conflicts opened this week" in stdout and "Origins cited most" in stdout
    assert f"prov --database {db} claims list" in stderr
    return db


def test_demo_in_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from cli.main import cli

    monkeypatch.delenv("PROV_FIXTURES", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = CliRunner().invoke(cli, ["demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    _check_run(result.stdout, result.stderr, tmp_path)
    assert not (tmp_path / "prov.db").exists()  # not the working directory's database


def test_demo_as_a_subprocess_from_a_clean_environment(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PROV_") and key not in ("PYTHONPATH", "TMPDIR")
    }
    env.update({"PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path), "PROV_USER": "tester"})
    work = tmp_path / "cwd"
    work.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "demo"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    _check_run(proc.stdout, proc.stderr, tmp_path)
    assert list(work.iterdir()) == []  # the working directory is untouched
    assert "Traceback" not in proc.stderr


def test_keep_dir_refuses_an_existing_database(prov_sqlite, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "prov.db").write_bytes(b"precious")
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy(ARTICLES[0], sample)
    result = prov_sqlite("demo", "--keep-dir", str(folder), "--fixtures", str(sample))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {folder / 'prov.db'} already exists: choose an empty folder"
    )
    assert (folder / "prov.db").read_bytes() == b"precious"


def test_keep_dir_and_fixtures_option(prov_sqlite, tmp_path: Path) -> None:  # noqa: ANN001
    sample = tmp_path / "sample" / "articles"
    sample.mkdir(parents=True)
    for path in ARTICLES[:2]:
        shutil.copy(path, sample)
    folder = tmp_path / "kept"
    result = prov_sqlite("demo", "--keep-dir", str(folder), "--fixtures", str(sample.parent))
    assert result.exit_code == 0, result.stderr
    assert _database(result.stderr) == folder / "prov.db"
    assert _counts(folder / "prov.db")[0] == 2


def test_fixtures_without_articles_is_a_clear_error(prov_sqlite, tmp_path: Path) -> None:  # noqa: ANN001
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = prov_sqlite("demo", "--fixtures", str(empty))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: no fixture articles (.txt, .html, ...) in {empty}: "
        "pass --fixtures DIR with articles in DIR or DIR/articles"
    )


def test_installed_fixtures_are_found_and_their_absence_explained(
    prov_sqlite,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import cli.demo as demo

    monkeypatch.delenv("PROV_FIXTURES", raising=False)
    missing = tmp_path / "no-checkout" / "fixtures"
    shared = tmp_path / "prefix" / "share" / "prov-claims" / "fixtures"
    monkeypatch.setattr(demo, "CHECKOUT_FIXTURES", missing)
    monkeypatch.setattr(demo, "SHARED_FIXTURES", shared)
    result = prov_sqlite("demo")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: no fixture articles found (looked in {missing} and {shared}): "
        "pass --fixtures DIR, e.g. the fixtures/ folder of a prov source checkout"
    )
    # Where a wheel puts them (see test below): the demo uses them.
    (shared / "articles").mkdir(parents=True)
    shutil.copy(ARTICLES[0], shared / "articles")
    assert demo.find_fixtures() == shared / "articles"


def test_the_wheel_ships_every_fixture_article() -> None:
    """pyproject's data-files put fixtures/articles under <prefix>/share/prov-claims."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = config["tool"]["setuptools"]["data-files"]
    import cli.demo as demo

    target = "share/prov-claims/fixtures/articles"
    assert str(demo.SHARED_FIXTURES / "articles").endswith(target)
    shipped = {p for pattern in data_files[target] for p in REPO.glob(pattern) if p.is_file()}
    assert shipped == set(ARTICLES)
