"""Shared fixtures: real SQLite files, a real throwaway PostgreSQL cluster.

PostgreSQL: one cluster per test session (per xdist worker), made with
``initdb`` + ``pg_ctl`` in a temporary folder on a free port on 127.0.0.1,
fsync off. Each test gets its own database, dropped afterwards. Running as
root (CI), the server is started as the ``postgres`` user through
``runuser``, since PostgreSQL refuses to run as root. Set
``PROV_TEST_POSTGRES_URL`` to an admin URL to use an existing server instead.

With ``CI=true`` the PostgreSQL half must run: a missing server fails the
run instead of skipping.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from provenance.db import dispose_engines, init_database

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
IN_CI = os.environ.get("CI", "").lower() == "true"


# --------------------------------------------------------------------------
# PostgreSQL cluster


def _pg_bindir() -> str | None:
    candidates = [os.environ.get("PROV_PG_BINDIR", "")]
    if shutil.which("pg_config"):
        try:
            candidates.append(
                subprocess.run(
                    ["pg_config", "--bindir"], capture_output=True, text=True, check=True
                ).stdout.strip()
            )
        except (subprocess.CalledProcessError, OSError):
            pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for cand in candidates:
        if cand and os.path.exists(os.path.join(cand, "initdb")):
            return cand
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    def __init__(self) -> None:
        self.admin_url: str | None = os.environ.get("PROV_TEST_POSTGRES_URL")
        self.tmp: str | None = None
        self.bindir: str | None = None
        self._as_root = os.geteuid() == 0
        self.error: str | None = None

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, text=True)

    def start(self) -> None:
        if self.admin_url:
            return
        self.bindir = _pg_bindir()
        if self.bindir is None:
            self.error = "no PostgreSQL server binaries (apt-get install postgresql)"
            return
        self.tmp = tempfile.mkdtemp(prefix="prov-pg-")
        if self._as_root:
            shutil.chown(self.tmp, "postgres", "postgres")
        data = os.path.join(self.tmp, "data")
        port = _free_port()
        # Command lines read best as flag-value pairs.
        # fmt: off
        try:
            self._run(
                os.path.join(self.bindir, "initdb"),
                "-D", data, "-U", "prov", "--auth=trust", "-E", "UTF8", "--no-sync",
            )
            self._run(
                os.path.join(self.bindir, "pg_ctl"),
                "-D", data, "-l", os.path.join(self.tmp, "log"), "-w", "-t", "60",
                "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {self.tmp} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=200",
                "start",
            )
        except subprocess.CalledProcessError as exc:
            self.error = f"could not start PostgreSQL: {exc.stderr.strip()[-500:]}"
            return
        # fmt: on
        self.admin_url = f"postgresql+psycopg://prov@127.0.0.1:{port}/postgres"

    def stop(self) -> None:
        if self.tmp and self.bindir:
            try:
                self._run(
                    os.path.join(self.bindir, "pg_ctl"),
                    "-D", os.path.join(self.tmp, "data"), "-m", "immediate", "stop",
                )  # fmt: skip
            except subprocess.CalledProcessError:
                pass
            shutil.rmtree(self.tmp, ignore_errors=True)

    def create_database(self, name: str) -> str:
        import psycopg

        assert self.admin_url
        conninfo = self.admin_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        base = self.admin_url.rsplit("/", 1)[0]
        return f"{base}/{name}"

    def drop_database(self, name: str) -> None:
        import psycopg

        assert self.admin_url
        conninfo = self.admin_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    cluster = PgCluster()
    cluster.start()
    yield cluster
    cluster.stop()


_db_counter = itertools.count()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    if pg_cluster.admin_url is None:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required when CI=true: {pg_cluster.error}")
        pytest.skip(pg_cluster.error or "PostgreSQL unavailable")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    name = f"prov_test_{worker}_{os.getpid()}_{next(_db_counter)}"
    url = pg_cluster.create_database(name)
    yield url
    dispose_engines()
    pg_cluster.drop_database(name)


# --------------------------------------------------------------------------
# Backend-parametrised databases


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL on each backend (no schema yet)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'prov.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def migrated_url(db_url: str) -> str:
    """A database at head, on each backend."""
    init_database(db_url)
    return db_url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database at head (for tests that need only one backend)."""
    url = f"sqlite:///{tmp_path / 'prov.db'}"
    init_database(url)
    return url


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test reads the developer's environment or ./prov.db."""
    monkeypatch.delenv("PROV_DATABASE_URL", raising=False)
    monkeypatch.setenv("PROV_USER", "tester")
    monkeypatch.chdir(tmp_path)
    yield
    dispose_engines()


# --------------------------------------------------------------------------
# Running the CLI


class Prov:
    """Invoke `prov` in-process through CliRunner against one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(
        self, *args: str, input: str | bytes | None = None, env: dict | None = None
    ) -> Result:
        from cli.main import cli

        full_env = {"PROV_DATABASE_URL": self.url, **(env or {})}
        return self.runner.invoke(
            cli, list(args), input=input, env=full_env, catch_exceptions=False
        )


@pytest.fixture
def prov(migrated_url: str) -> Prov:
    """`prov` against a migrated database, on both backends."""
    return Prov(migrated_url)


@pytest.fixture
def prov_sqlite(sqlite_url: str) -> Prov:
    """`prov` against a migrated SQLite database only."""
    return Prov(sqlite_url)


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.05) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


# --------------------------------------------------------------------------
# Editorial workflow (issue 4): two small articles written for these tests,
# with candidate claims stored through provenance.store.create_claim.

EDITORIAL_ARTICLE_A = """Fatemiyoun numbers climb in eastern Syria

DEIR EZZOR - The Liwa Fatemiyoun now fields up to 15,000 fighters across the province, according to a report by the Syrian Observatory for Human Rights.

Local sources told the Observatory that each recruit is paid about 350,000 Syrian pounds a month.

A spokesman for the group denied that any fighters had left in January. The group reportedly recruited 2,000 civilians last year.

Up to 15,000 fighters is the highest figure yet."""

EDITORIAL_ARTICLE_B = """Brigade strength disputed

The Fatimiyoun Brigade has some 8,000 fighters, an Iraqi security official said on Monday. Zainabiyoun units were estimated at 1,200 members."""


def seed_editorial(url: str) -> dict:
    """Two articles and four candidate claims; returns their ids."""
    import hashlib
    from datetime import date

    from provenance.db import get_engine, session_scope
    from provenance.model import ClaimDraft, SourceRef, Value
    from provenance.names import now
    from provenance.store import create_claim, ensure_outlet
    from schema.models import Article

    def article(session, text, title, outlet, published, link):  # noqa: ANN001, ANN202
        row = Article(
            title=title,
            url=link,
            published=published,
            ingested_at=now(),
            text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            origin="test",
        )
        ensure_outlet(session, row, outlet, None)
        session.add(row)
        session.flush()
        return row

    def draft(text, quote, **kw):  # noqa: ANN001, ANN202, ANN003
        start = text.index(quote)
        return ClaimDraft(
            quote=quote,
            start=start,
            end=start + len(quote),
            sentence=kw.pop("sentence", quote),
            **kw,
        )

    ids: dict = {}
    with session_scope(get_engine(url), write=True) as s:
        a = article(
            s,
            EDITORIAL_ARTICLE_A,
            "Fatemiyoun numbers climb in eastern Syria",
            "Levant Ledger",
            date(2025, 2, 6),
            "https://levant-ledger.example/fatemiyoun-numbers",
        )
        b = article(
            s,
            EDITORIAL_ARTICLE_B,
            "Brigade strength disputed",
            "Gulf Wire",
            date(2025, 1, 20),
            "https://gulf-wire.example/brigade",
        )
        sohr = SourceRef("Syrian Observatory for Human Rights", "organisation", "a report by")
        c1 = create_claim(
            s,
            a,
            draft(
                EDITORIAL_ARTICLE_A,
                "up to 15,000 fighters",
                subject="Liwa Fatemiyoun",
                measure="personnel",
                measure_text="fighters",
                value=Value("up to 15,000", 0, 15000, "count", "at_most"),
                as_of="2025-02",
                chain=[sohr],
            ),
            actor="extractor",
        )
        c2 = create_claim(
            s,
            a,
            draft(
                EDITORIAL_ARTICLE_A,
                "about 350,000 Syrian pounds a month",
                subject="Fatemiyoun",
                measure="monthly salary",
                value=Value("about 350,000 Syrian pounds", 315000, 385000, "SYP", "about"),
                chain=[sohr, SourceRef("local sources", "unnamed", "told")],
            ),
            actor="extractor",
        )
        c3 = create_claim(
            s,
            b,
            draft(
                EDITORIAL_ARTICLE_B,
                "some 8,000 fighters",
                subject="Fatimiyoun Brigade",
                measure="personnel",
                value=Value("some 8,000", 7200, 8800, "count", "about"),
                as_of="2025-01-20",
                chain=[SourceRef("an Iraqi security official", "anonymous", "said")],
            ),
            actor="extractor",
        )
        c4 = create_claim(
            s,
            b,
            draft(
                EDITORIAL_ARTICLE_B,
                "1,200 members",
                subject="Zainabiyoun",
                measure="personnel",
                value=Value("1,200", 1200, 1200, "count", "exact"),
                hedge="probable",
                hedge_cues=["estimated"],
            ),
            actor="extractor",
        )
        ids = {"a": a.id, "b": b.id, "claims": [c1.id, c2.id, c3.id, c4.id], "url_a": a.url}
    return ids


@pytest.fixture
def editorial(prov: Prov) -> tuple[Prov, dict]:
    """`prov` on both backends, with seed_editorial's articles and claims."""
    return prov, seed_editorial(prov.url)
