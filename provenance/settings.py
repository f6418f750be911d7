"""Tunable numbers stored with the data, with their defaults in code.

Design notes
------------
* A setting lives in the ``setting`` table only once somebody changes it;
  until then its default (below) applies. So a fresh database needs no seed
  rows, and changing a default in a later prov changes every database that
  never overrode it.
* Every setting is typed and validated here (``parse``), once, for both the
  CLI and the library: a tolerance of "abc" or -1 is refused with a one-line
  ``InvalidInput`` and nothing is written.
* Every change writes an ``Event`` (target_type "setting", before and
  after), like every other change in prov.
* The values are read at the start of a run (``load``: one query) rather than
  per claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from provenance.errors import InvalidInput, NotFound
from schema.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: float | int
    kind: type
    help: str
    check: Callable[[Any], bool]
    rule: str


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "tolerance",
            0.10,
            float,
            "t of SPEC 4: 'about 350,000' is [v(1-t), v(1+t)]; also the slack on "
            "exact ratios in the arithmetic check",
            lambda v: 0 <= v < 1,
            "a number from 0 up to (not including) 1",
        ),
        SettingSpec(
            "as_of_window_days",
            30,
            int,
            "a claim without as_of is taken at its article's publication date "
            "plus or minus this many days",
            lambda v: 0 <= v <= 36500,
            "a whole number of days from 0 to 36500",
        ),
        SettingSpec(
            "uncorroborated_min_age_days",
            7,
            int,
            "prov uncorroborated (and the report) list single-origin claims whose "
            "article is at least this many days old",
            lambda v: 0 <= v <= 36500,
            "a whole number of days from 0 to 36500",
        ),
        SettingSpec(
            "min_severity",
            0.0,
            float,
            "conflicts below this severity are not reported",
            lambda v: 0 <= v <= 1,
            "a number from 0 to 1",
        ),
    )
}


def spec(key: str) -> SettingSpec:
    try:
        return SPECS[key]
    except KeyError:
        raise NotFound(f"no setting {key!r} (known: {', '.join(SPECS)})") from None


def parse(key: str, raw: Any) -> float | int:
    """The typed value of ``raw`` for ``key``; InvalidInput when it is not allowed."""
    s = spec(key)
    try:
        if s.kind is int:
            number = float(str(raw).strip())
            if not number.is_integer():
                raise ValueError
            value: float | int = int(number)
        else:
            value = float(str(raw).strip())
            if value != value:  # NaN
                raise ValueError
    except (TypeError, ValueError):
        raise InvalidInput(f"setting {key} must be {s.rule}, not {raw!r}") from None
    if not s.check(value):
        raise InvalidInput(f"setting {key} must be {s.rule}, not {raw!r}")
    return value


def _stored(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.exec(select(Setting)).all()}


def load(session: Session) -> dict[str, float | int]:
    """Every setting's effective value (stored, else default), in one query."""
    stored = _stored(session)
    out: dict[str, float | int] = {}
    for key, s in SPECS.items():
        if key in stored:
            try:
                out[key] = parse(key, stored[key])
                continue
            except InvalidInput:
                pass  # a row written by hand that no longer parses: the default applies
        out[key] = s.default
    return out


def get(session: Session, key: str) -> float | int:
    """One setting's effective value."""
    s = spec(key)
    row = session.get(Setting, key)
    if row is None:
        return s.default
    try:
        return parse(key, row.value)
    except InvalidInput:
        return s.default


get_setting = get


def describe(session: Session) -> list[dict[str, Any]]:
    """Rows for ``prov settings list``: key, value, default, changed, help."""
    stored = {row.key: row for row in session.exec(select(Setting)).all()}
    values = load(session)
    return [
        {
            "key": key,
            "value": values[key],
            "default": s.default,
            "changed": key in stored,
            "updated_at": stored[key].updated_at if key in stored else None,
            "help": s.help,
        }
        for key, s in SPECS.items()
    ]


def set_setting(session: Session, key: str, raw: Any, *, actor: str) -> float | int:
    """Validate and store a setting; records an Event. Returns the typed value."""
    from provenance.names import now
    from provenance.store import record_event

    value = parse(key, raw)
    before = get(session, key)
    row = session.get(Setting, key)
    stamp = now()
    if row is None:
        row = Setting(key=key, value=str(value), updated_at=stamp)
    else:
        row.value = str(value)
        row.updated_at = stamp
    session.add(row)
    record_event(
        session,
        actor=actor,
        target_type="setting",
        target_id=key,
        action="edit",
        field="value",
        before=before,
        after=value,
    )
    session.flush()
    return value


__all__ = ["SPECS", "describe", "get", "get_setting", "load", "parse", "set_setting", "spec"]
