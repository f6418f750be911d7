"""Typed errors of the domain library.

The CLI turns every ProvError into a one-line message and exit code 1
(cli/main.py); anything else is a bug and re-raises when PROV_RAISE_ERRORS
is set, so tests see real tracebacks.
"""

from __future__ import annotations


class ProvError(Exception):
    """Base class: an expected failure with a message fit for a user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(ProvError):
    """An id or name that does not exist."""


class InvalidInput(ProvError):
    """Input that cannot be accepted (bad value, bad enum, bad date, bad file)."""


class DatabaseError(ProvError):
    """The database cannot be used as it is."""


class DatabaseMissing(DatabaseError):
    """No database, or one never initialised: run `prov init`."""


class DatabaseBehind(DatabaseError):
    """An older schema: run `prov init` to upgrade."""


class DatabaseNewer(DatabaseError):
    """A schema written by a newer prov: refuse, write nothing."""


class DatabaseLocked(DatabaseError):
    """Another process holds the write lock for longer than the busy timeout."""


class StaleEdit(ProvError):
    """Optimistic-lock failure: somebody else saved the row since it was read."""
