"""Writing claims and events, and reading claims back in the SPEC JSON shape.

Every path that creates a claim (ingest's extractor, ``prov claims add``,
``prov claims import``) goes through ``create_claim`` so that chains, origins,
subjects and the creation event are written the same way. ``claim_records``
reads many claims back with a fixed number of queries (no per-claim lookups),
which is what listings and exports iterate over.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from provenance.errors import InvalidInput
from provenance.model import ClaimDraft, SourceRef, Value
from provenance.names import get_or_create_outlet, now, resolve_entity, resolve_source
from schema.models import Article, Claim, ClaimLink, Entity, Event, Outlet, Source

# --------------------------------------------------------------------------
# Events


def record_event(
    session: Session,
    *,
    actor: str,
    target_type: str,
    target_id: int | str,
    action: str,
    field: str | None = None,
    before: Any = None,
    after: Any = None,
    reason: str | None = None,
) -> Event:
    event = Event(
        at=now(),
        actor=actor,
        target_type=target_type,
        target_id=str(target_id),
        action=action,
        field=field,
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason,
    )
    session.add(event)
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


# --------------------------------------------------------------------------
# as_of: ISO 8601 text <-> window

_AS_OF = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def as_of_window(as_of: str | None) -> tuple[date | None, date | None]:
    """The first and last day an ISO 8601 date, month, year or interval covers."""
    if not as_of:
        return None, None
    if "/" in as_of:
        left, right = as_of.split("/", 1)
        return as_of_window(left)[0], as_of_window(right)[1]
    m = _AS_OF.match(as_of.strip())
    if not m:
        raise InvalidInput(
            f"as_of {as_of!r} is not an ISO 8601 date, month, year or start/end interval"
        )
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            d = date(year, int(month), int(day))
            return d, d
        if month:
            mo = int(month)
            first = date(year, mo, 1)
            last = date(year + (mo == 12), mo % 12 + 1, 1).toordinal() - 1
            return first, date.fromordinal(last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        raise InvalidInput(f"as_of {as_of!r} is not a real date") from None


# --------------------------------------------------------------------------
# Creating claims


def outlet_source(session: Session, article: Article) -> Source | None:
    if article.outlet_id is None:
        return None
    outlet = session.get(Outlet, article.outlet_id)
    return session.get(Source, outlet.source_id) if outlet else None


def resolve_chain(
    session: Session, article: Article, chain: Sequence[SourceRef]
) -> list[tuple[Source, str | None]]:
    """Sources for a chain, starting with the article's outlet when it has one.

    A chain given without the outlet at its head gets it prepended, so every
    stored chain runs from the publishing outlet to the origin.
    """
    hops: list[tuple[Source, str | None]] = []
    head = outlet_source(session, article)
    if head is not None:
        hops.append((head, None))
    for ref in chain:
        source = resolve_source(session, ref.name, ref.kind)
        assert source is not None
        if hops and hops[-1][0].id == source.id:
            continue  # the outlet named again as the first hop
        hops.append((source, ref.cue))
    return hops


def create_claim(
    session: Session,
    article: Article,
    draft: ClaimDraft,
    *,
    actor: str,
    origin_kind: str = "extracted",
    status: str = "candidate",
    note: str | None = None,
) -> Claim:
    """Store ``draft`` as a claim of ``article`` with its chain and a create event."""
    assert article.id is not None
    if article.text[draft.start : draft.end] != draft.quote:
        raise InvalidInput(
            f"quote does not match article {article.id} text at {draft.start}:{draft.end}"
        )
    subject = resolve_entity(session, draft.subject) if draft.subject else None
    hops = resolve_chain(session, article, draft.chain)
    as_of_start, as_of_end = as_of_window(draft.as_of)
    value = draft.value
    stamp = now()
    claim = Claim(
        article_id=article.id,
        quote=draft.quote,
        start_offset=draft.start,
        end_offset=draft.end,
        sentence=draft.sentence,
        subject_id=subject.id if subject else None,
        subject_text=draft.subject,
        measure=draft.measure,
        measure_text=draft.measure_text,
        place=draft.place,
        as_of=draft.as_of,
        as_of_start=as_of_start,
        as_of_end=as_of_end,
        value_text=value.text if value else None,
        low=value.low if value else None,
        high=value.high if value else None,
        unit=value.unit if value else None,
        approx=value.approx if value else None,
        hedge=draft.hedge,
        hedge_cues=list(draft.hedge_cues),
        polarity=draft.polarity,
        origin_source_id=hops[-1][0].id if hops else None,
        origin_kind=origin_kind,
        status=status,
        note=note,
        created_at=stamp,
        updated_at=stamp,
        updated_by=actor,
        version=1,
    )
    session.add(claim)
    session.flush()
    assert claim.id is not None
    for position, (source, cue) in enumerate(hops):
        assert source.id is not None
        session.add(ClaimLink(claim_id=claim.id, position=position, source_id=source.id, cue=cue))
    session.flush()
    record_event(
        session,
        actor=actor,
        target_type="claim",
        target_id=claim.id,
        action="create",
        after=claim_row_state(claim, [s.id for s, _ in hops]),
        reason=note,
    )
    return claim


def claim_row_state(claim: Claim, chain_ids: Sequence[int | None]) -> dict[str, Any]:
    """Every stored field of a claim (for events: replaying them rebuilds the row)."""
    state = claim.model_dump(exclude={"created_at", "updated_at"})
    state["chain_ids"] = list(chain_ids)
    return _jsonable(state)


# --------------------------------------------------------------------------
# Reading claims back


def claim_value(claim: Claim) -> Value | None:
    if claim.value_text is None and claim.low is None and claim.high is None:
        return None
    return Value(
        text=claim.value_text or "",
        low=claim.low,
        high=claim.high,
        unit=claim.unit,
        approx=claim.approx or "exact",
    )


# The keys of a claim record, in order: SPEC section 7's claim shape plus the
# stored fields. Listing, export (CSV header) and import all read this.
CLAIM_RECORD_COLUMNS: tuple[str, ...] = (
    "id",
    "article_id",
    "quote",
    "start",
    "end",
    "sentence",
    "subject",
    "measure",
    "value",
    "as_of",
    "place",
    "hedge",
    "hedge_cues",
    "polarity",
    "source",
    "chain",
    "status",
    "origin_kind",
    "credibility",
)


def claim_records(
    session: Session,
    claims: Iterable[Claim],
    *,
    credibility: dict[int, int] | None = None,
) -> list[dict[str, Any]]:
    """SPEC section 7 claim objects (plus id, article_id, status, origin_kind,
    credibility) for ``claims``, loading chains and subjects in bulk."""
    claims = list(claims)
    if not claims:
        return []
    ids = [c.id for c in claims]
    links: dict[int, list[str]] = defaultdict(list)
    # Plain column rows on the session's connection (no ORM loading: this is
    # the hot path of listings); flush first, as session.exec would.
    if session.autoflush:
        session.flush()
    conn = session.connection()
    rows = conn.execute(
        select(ClaimLink.claim_id, Source.name)
        .join(Source, col(Source.id) == ClaimLink.source_id)
        .where(_in_ids(conn, col(ClaimLink.claim_id), ids))
        .order_by(col(ClaimLink.claim_id), col(ClaimLink.position))
    ).all()
    for claim_id, name in rows:
        links[claim_id].append(name)
    subject_ids = {c.subject_id for c in claims if c.subject_id is not None}
    subjects: dict[int, str] = {}
    if subject_ids:
        for entity_id, entity_name in conn.execute(
            select(Entity.id, Entity.name).where(_in_ids(conn, col(Entity.id), sorted(subject_ids)))
        ).all():
            subjects[entity_id] = entity_name
    return build_claim_records(claims, links, subjects, credibility)


def build_claim_records(
    claims: Iterable[Claim],
    chains: dict[int, list[str]],
    subjects: dict[int, str],
    credibility: dict[int, int] | None = None,
) -> list[dict[str, Any]]:
    """The records of ``claims`` given their chains (source names, outlet first)
    and subject names by entity id; no database access."""
    credibility = credibility or {}
    out = []
    for c in claims:
        assert c.id is not None
        chain = chains.get(c.id, [])
        value = claim_value(c)
        out.append(
            {
                "id": c.id,
                "article_id": c.article_id,
                "quote": c.quote,
                "start": c.start_offset,
                "end": c.end_offset,
                "sentence": c.sentence,
                "subject": subjects.get(c.subject_id) if c.subject_id else c.subject_text,
                "measure": c.measure,
                "value": value.to_json() if value else None,
                "as_of": c.as_of,
                "place": c.place,
                "hedge": c.hedge,
                "hedge_cues": list(c.hedge_cues or []),
                "polarity": c.polarity,
                "source": chain[-1] if chain else None,
                "chain": chain,
                "status": c.status,
                "origin_kind": c.origin_kind,
                "credibility": credibility.get(c.id),
            }
        )
    return out


def _in_ids(conn: Any, column: Any, ids: Sequence[Any]) -> Any:
    """``column IN ids``; on PostgreSQL one array parameter (``= ANY``), so a
    long id list is not a long statement for the driver to parse each time."""
    if conn.dialect.name == "sqlite":
        return column.in_(ids)
    from sqlalchemy import Integer, any_, bindparam
    from sqlalchemy.dialects.postgresql import ARRAY

    return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer())))


def ensure_outlet(session: Session, article: Article, name: str | None, domain: str | None) -> None:
    """Attach an outlet (created if new) to an article being stored."""
    if name:
        article.outlet_id = get_or_create_outlet(session, name, domain).id


__all__ = [
    "CLAIM_RECORD_COLUMNS",
    "as_of_window",
    "build_claim_records",
    "claim_records",
    "claim_row_state",
    "claim_value",
    "create_claim",
    "ensure_outlet",
    "record_event",
    "resolve_chain",
]
