"""Shared CLI plumbing: the app context, who is acting, consoles, errors.

Only cli/ modules import this. Heavy modules (sqlalchemy, rich) are imported
inside functions so that importing this file stays cheap.
"""

from __future__ import annotations

import getpass
import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any, NoReturn

import click

from provenance.errors import ProvError

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy.engine import Engine


class AppContext:
    """Carried in ``ctx.obj``: which database, and an engine once needed."""

    def __init__(self, database: str | None) -> None:
        from provenance.db import resolve_url

        self.url = resolve_url(database)

    def engine(self) -> Engine:
        """The engine for a database at head; refuses missing/old/newer schemas."""
        from provenance.db import check_schema

        return check_schema(self.url)

    def session(self, *, write: bool = False) -> Any:
        """A transaction context manager on the checked database."""
        from provenance.db import session_scope

        return session_scope(self.engine(), write=write)


pass_app = click.make_pass_decorator(AppContext)


def actor(by: str | None = None) -> str:
    """Who is acting: --by, else PROV_USER, else the login name."""
    if by:
        return by
    env = os.environ.get("PROV_USER")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def by_option(func: Any) -> Any:
    return click.option(
        "--by", metavar="NAME", help="Who is making the change [default: $PROV_USER or login]."
    )(func)


class _Consoles:
    @cached_property
    def err(self) -> Console:
        from rich.console import Console

        return Console(stderr=True, highlight=False, soft_wrap=True)

    @cached_property
    def out(self) -> Console:
        from rich.console import Console

        return Console(highlight=False)


consoles = _Consoles()


def info(message: str) -> None:
    """A message for the user on stderr (never mixed with data on stdout)."""
    click.echo(message, err=True)


def fail_from_exception(exc: BaseException) -> NoReturn:
    """Turn an exception into a one-line error and exit code 1."""
    if os.environ.get("PROV_RAISE_ERRORS") and not isinstance(exc, ProvError):
        raise exc
    if isinstance(exc, ProvError):
        message = exc.message
    else:
        message = _describe_unexpected(exc)
    click.echo(f"Error: {message}", err=True)
    sys.exit(getattr(exc, "exit_code", 1))


def _describe_unexpected(exc: BaseException) -> str:
    try:
        from sqlalchemy.exc import DBAPIError, OperationalError
    except ImportError:  # pragma: no cover
        DBAPIError = OperationalError = ()  # type: ignore[assignment,misc]
    if isinstance(exc, (OperationalError, DBAPIError)):
        from provenance.db import resolve_url, translate_db_error

        ctx = click.get_current_context(silent=True)
        app = ctx.find_object(AppContext) if ctx else None
        url = app.url if app is not None else resolve_url()
        return translate_db_error(exc, url).message
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"unexpected {type(exc).__name__}: {first}".rstrip(": ")
