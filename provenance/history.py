"""A claim's history: the events that changed it, and replaying them.

Design notes
------------
* The create event (written by ``provenance.store.create_claim``) stores the
  whole row as ``claim_row_state``. Every later change is one event per
  *field group* with ``before`` and ``after``: a field group is what an editor
  thinks of as one field even when it spans several columns ("value" is
  value_text, low, high, unit and approx; "chain" is the list of source ids
  and the denormalised origin). For a group, ``before``/``after`` are dicts
  of its columns; for a single column they are the plain values. That keeps
  the history readable ("value: 'about 350,000' -> '400,000'") and makes
  replay exact: ``state.update(after)``.
* ``Claim.version`` counts recorded changes: it starts at 1 and every field
  event adds one, so a save that changes three fields moves the version by
  three in one ``UPDATE ... WHERE version = :seen``. ``updated_by`` is the
  actor of the latest event. Replaying therefore needs nothing but the
  events themselves.
* ``updated_at`` and ``created_at`` are not part of the replayed state
  (``claim_row_state`` leaves them out): they are the events' own times.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from sqlmodel import Session, col, select

from schema.models import Event

# field name in events -> the claim_row_state keys it carries
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "value": ("value_text", "low", "high", "unit", "approx"),
    "as_of": ("as_of", "as_of_start", "as_of_end"),
    "subject": ("subject_id", "subject_text"),
    "measure": ("measure", "measure_text"),
    "quote": ("quote", "start_offset", "end_offset", "sentence"),
    "chain": ("chain_ids", "origin_source_id"),
    "hedge": ("hedge", "hedge_cues"),
}
SINGLE_FIELDS: tuple[str, ...] = ("place", "polarity", "status", "note")
EDITABLE_FIELDS: tuple[str, ...] = (*FIELD_GROUPS, *SINGLE_FIELDS)


class ReplayError(ValueError):
    """Events that cannot be replayed (no create event first, unknown field)."""


def apply_event(state: dict[str, Any], *, field: str | None, after: Any, actor: str) -> None:
    """Apply one change event to a replayed claim state, in place."""
    if field in FIELD_GROUPS:
        if not isinstance(after, dict) or set(after) != set(FIELD_GROUPS[field]):
            raise ReplayError(f"event for {field!r} does not carry {FIELD_GROUPS[field]}")
        state.update(copy.deepcopy(after))
    elif field in SINGLE_FIELDS:
        state[field] = copy.deepcopy(after)
    else:
        raise ReplayError(f"cannot replay a change of field {field!r}")
    state["version"] = int(state["version"]) + 1
    state["updated_by"] = actor


def replay_claim(events: Iterable[Event | dict[str, Any]]) -> dict[str, Any]:
    """Rebuild ``claim_row_state`` of a claim from its events, oldest first."""
    state: dict[str, Any] | None = None
    for event in events:
        data = event if isinstance(event, dict) else event.model_dump()
        if data["action"] == "create":
            if state is not None:
                raise ReplayError("a second create event for one claim")
            state = copy.deepcopy(data["after"])
            continue
        if state is None:
            raise ReplayError("events do not start with the claim's create event")
        if data.get("field") is None:
            continue  # an annotation without a change
        apply_event(state, field=data["field"], after=data["after"], actor=data["actor"])
    if state is None:
        raise ReplayError("no create event")
    return state


def events_for(session: Session, target_type: str, target_id: int | str) -> list[Event]:
    """Every event about one target, oldest first."""
    return list(
        session.exec(
            select(Event)
            .where(Event.target_type == target_type, Event.target_id == str(target_id))
            .order_by(col(Event.id))
        ).all()
    )


def event_records(events: Sequence[Event]) -> list[dict[str, Any]]:
    """Events as plain dicts for output (JSON-safe)."""
    return [
        {
            "id": e.id,
            "at": e.at.isoformat() if e.at else None,
            "actor": e.actor,
            "action": e.action,
            "field": e.field,
            "before": e.before,
            "after": e.after,
            "reason": e.reason,
        }
        for e in events
    ]


__all__ = [
    "EDITABLE_FIELDS",
    "FIELD_GROUPS",
    "SINGLE_FIELDS",
    "ReplayError",
    "apply_event",
    "event_records",
    "events_for",
    "replay_claim",
]
