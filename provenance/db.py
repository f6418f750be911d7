"""The one place that creates engines and sessions, and checks schema versions.

Design notes
------------
* A database is named by a URL. A bare path (``prov.db``, ``/tmp/x.db``) is a
  SQLite file; ``postgresql://`` URLs use psycopg 3. The default is
  ``./prov.db``, overridden by ``--database`` or ``PROV_DATABASE_URL``.
* SQLite is opened in WAL mode with foreign keys on and a busy timeout, and
  Python's sqlite3 module is put in autocommit mode so that *we* emit BEGIN:
  write transactions use ``BEGIN IMMEDIATE``, which takes the write lock up
  front. With plain deferred BEGIN, two processes that both read then write
  deadlock on the lock upgrade and one fails at once with "database is
  locked" without waiting (the busy handler is not consulted in that case).
* Every command but ``prov init`` refuses a database that is missing, behind
  head (run ``prov init``) or from a newer prov (upgrade prov; nothing is
  written). The check reads ``alembic_version`` and compares with
  ``schema.revisions`` so Alembic itself is only imported by ``prov init``.
* Passwords never reach output: ``display_url`` renders URLs with the
  password masked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from provenance.errors import (
    DatabaseBehind,
    DatabaseError,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseNewer,
)
from schema.revisions import HEAD, REVISIONS

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

T = TypeVar("T")
R = TypeVar("R")
Runner = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

DEFAULT_DATABASE = "prov.db"
ENV_URL = "PROV_DATABASE_URL"
BUSY_TIMEOUT_MS = int(os.environ.get("PROV_BUSY_TIMEOUT_MS", "30000"))


def resolve_url(database: str | None = None) -> str:
    """Turn ``--database`` / ``PROV_DATABASE_URL`` / default into a SQLAlchemy URL."""
    raw = database or os.environ.get(ENV_URL) or DEFAULT_DATABASE
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser()}"
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


def display_url(url: str) -> str:
    """The URL as it may be shown to a user: password masked, SQLite as a path."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :] or ":memory:"
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show nothing secret
        return url.split("://", 1)[0] + "://…"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for in-memory databases."""
    if not is_sqlite(url):
        return None
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    rest = rest.split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


_ENGINES: dict[str, Engine] = {}


def get_engine(url: str) -> Engine:
    """A cached engine for ``url`` with prov's connection settings."""
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _make_engine(url)
        _ENGINES[url] = engine
    return engine


def dispose_engines() -> None:
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()


def _make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event

    if not is_sqlite(url):
        try:
            return create_engine(url, pool_pre_ping=True)
        except ModuleNotFoundError as exc:  # psycopg not installed
            raise DatabaseError(
                f"cannot open {display_url(url)}: {exc.name} is not installed "
                "(pip install 'prov-claims[postgres]')"
            ) from None

    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if sqlite_path(url) is not None:
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("prov_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


# --------------------------------------------------------------------------
# Schema version checks


def database_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None if it was never initialised."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def check_schema(url: str) -> Engine:
    """Open ``url`` for use by a command; refuse missing, old or newer schemas."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise DatabaseMissing(f"no database at {path}: run `prov init` first")
    engine = get_engine(url)
    try:
        revision = database_revision(engine)
    except DatabaseError:
        raise
    except Exception as exc:
        raise translate_db_error(exc, url) from None
    if revision is None:
        raise DatabaseMissing(
            f"{display_url(url)} is not a prov database (no schema): run `prov init` first"
        )
    if revision not in REVISIONS:
        raise DatabaseNewer(
            f"{display_url(url)} has schema revision {revision}, newer than this prov "
            f"knows (head {HEAD}): upgrade prov; nothing was written"
        )
    if revision != HEAD:
        raise DatabaseBehind(
            f"{display_url(url)} has schema revision {revision}, behind {HEAD}: "
            "run `prov init` to upgrade"
        )
    return engine


def translate_db_error(exc: BaseException, url: str) -> DatabaseError:
    """Map driver errors to one-line user messages."""
    text = str(getattr(exc, "orig", None) or exc)
    lowered = text.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        return DatabaseLocked(
            f"{display_url(url)} is locked by another process "
            f"(waited {BUSY_TIMEOUT_MS / 1000:g}s); try again"
        )
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return DatabaseError(f"{display_url(url)} is not a SQLite database")
    if "unable to open database" in lowered:
        return DatabaseError(f"cannot open {display_url(url)}: {text.splitlines()[0]}")
    if "connection" in lowered and ("refused" in lowered or "failed" in lowered):
        return DatabaseError(f"cannot connect to {display_url(url)}: server unreachable")
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return DatabaseError(f"database error on {display_url(url)}: {first}")


# --------------------------------------------------------------------------
# Sessions


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any exception.

    ``write=True`` takes SQLite's write lock at BEGIN (see module notes).
    """
    from sqlmodel import Session

    bind = engine.execution_options(prov_write=True) if write else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def dbapi_rows(conn: Any, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """All rows of a raw query (driver placeholders) on a DBAPI connection."""
    cur = conn.cursor()
    try:
        cur.execute(sql, tuple(params))
        return list(cur.fetchall())
    finally:
        cur.close()


def read_ahead(
    session: Session,
    work: Callable[[Runner, T], R],
    items: Iterable[T],
    *,
    depth: int = 2,
) -> Iterator[R]:
    """``work(run, item)`` for each item in order; ``run(sql, params)``
    returns all rows of a raw query.

    On PostgreSQL a background thread computes them on a second connection,
    up to ``depth`` results ahead of the caller, so the server's time
    overlaps the caller's Python work (psycopg waits for a whole result
    without the GIL). Only for reading what this transaction has not
    changed: the second connection sees what is committed. When the server
    refuses a second connection (``max_connections``), the work runs inline.

    On SQLite the work runs inline on the session's connection: sqlite3
    takes the GIL back for every row it steps, so a reader thread next to a
    busy caller runs several times slower than alone (measured: a 143k-row
    read took 0.55 s alone and 2.6 s beside a Python loop), and a second
    connection would not see an in-memory database at all.
    """
    from sqlalchemy.engine import Connection

    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    conn = None
    if engine.dialect.name != "sqlite":
        from sqlalchemy.exc import DBAPIError

        try:
            conn = engine.raw_connection()
        except (DBAPIError, engine.dialect.loaded_dbapi.Error):
            conn = None  # e.g. the server's max_connections reached: read inline
    if conn is None:
        for item in items:
            yield work(lambda q, p: dbapi_rows(session.connection().connection, q, p), item)
        return

    import queue
    import threading

    def run(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return dbapi_rows(conn, sql, params)

    done = object()
    results: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(entry: tuple[bool, Any]) -> None:
        while not stop.is_set():
            try:
                results.put(entry, timeout=0.05)
                return
            except queue.Full:
                continue

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                offer((True, work(run, item)))
            offer((True, done))
        except BaseException as exc:  # handed to the caller, raised there
            offer((False, exc))

    thread = threading.Thread(target=produce, name="prov-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            ok, value = results.get()
            if not ok:
                raise value
            if value is done:
                return
            yield value
    finally:
        stop.set()
        while thread.is_alive():
            try:
                results.get(timeout=0.05)
            except queue.Empty:
                pass
        thread.join()
        try:
            conn.rollback()
        finally:
            conn.close()


# --------------------------------------------------------------------------
# Migrations (prov init)


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "schema" / "migrations"


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def init_database(url: str) -> tuple[str | None, str]:
    """Create or upgrade the database to head. Returns (before, after) revisions.

    Idempotent. Refuses (writing nothing) when the database is newer than
    this prov.
    """
    from alembic import command

    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = get_engine(url)
    try:
        before = database_revision(engine)
    except Exception as exc:
        raise translate_db_error(exc, url) from None
    if before is not None and before not in REVISIONS:
        raise DatabaseNewer(
            f"{display_url(url)} has schema revision {before}, newer than this prov "
            f"knows (head {HEAD}): upgrade prov; nothing was written"
        )
    if before != HEAD:
        cfg = alembic_config(url)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return before, HEAD
