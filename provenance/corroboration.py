"""Independence of origins, corroboration, and ``prov uncorroborated``.

Definitions (SPEC section 5), over the stored attribution chains
(``claim_link`` rows, publishing outlet first, origin last):

* **independent(a, b)**: both have an origin, the origins differ, and
  neither claim's chain contains the other's origin. So a relay of an
  origin is never a second origin: ten outlets repeating the Observatory
  share its origin; an outlet that cites Asharq Al-Awsat, which elsewhere is
  seen relaying the Observatory, is not independent of the Observatory's
  claim either (the chain of one contains the other's origin).
* **agrees(a, b)**: on the same question (``questions.same_question``),
  same polarity, and value intervals that overlap (claims without a value
  agree when their polarity matches).
* **support(c)** = 1 + the number of *distinct origins* among agreeing claims
  independent of c. Counting origins (not claims) is what makes circular
  reporting harmless: another claim from an origin already counted adds
  nothing; relaying a claim through more outlets adds nothing.
* **corroborated(c)** = support(c) >= 2. ``prov uncorroborated`` lists the
  claims with support 1, grouped: the claims that repeat one origin's figure
  on one question are one row, with how many outlets carried it
  ("4 outlets, 1 origin").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from provenance.questions import Row, same_question


def independent(a: Row, b: Row) -> bool:
    if a.origin is None or b.origin is None:
        return False
    return a.origin != b.origin and a.origin not in b.chain and b.origin not in a.chain


def values_overlap(a: Row, b: Row) -> bool:
    if not a.has_value or not b.has_value:
        return True
    return a.lo <= b.hi and b.lo <= a.hi


def agrees(a: Row, b: Row) -> bool:
    return same_question(a, b) and a.polarity == b.polarity and values_overlap(a, b)


def supporting_origins(claim: Row, peers: Iterable[Row]) -> set[int]:
    """Distinct origins of agreeing claims independent of ``claim``."""
    # independent() is False when either origin is None, so every origin here is set.
    return {
        p.origin  # type: ignore[misc]
        for p in peers
        if p.id != claim.id and agrees(claim, p) and independent(claim, p)
    }


def support(claim: Row, peers: Iterable[Row]) -> int:
    own = 1 if claim.origin is not None else 0
    return own + len(supporting_origins(claim, peers))


def repeats(claim: Row, peers: Iterable[Row]) -> list[Row]:
    """Agreeing claims that are *not* independent of ``claim`` (itself included)."""
    return [claim] + [
        p for p in peers if p.id != claim.id and agrees(claim, p) and not independent(claim, p)
    ]


# --------------------------------------------------------------------------
# prov uncorroborated


def uncorroborated(
    session: Session,
    *,
    subject: str | None = None,
    min_age_days: int | None = None,
    today: date | None = None,
) -> list[dict[str, Any]]:
    """Single-origin claims, one row per (question, origin) group, oldest first.

    ``min_age_days`` (default: the ``uncorroborated_min_age_days`` setting)
    keeps groups whose first article is at least that old.
    """
    from provenance import settings
    from provenance.questions import load_context

    ctx = load_context(session)
    min_age = (
        settings.get(session, "uncorroborated_min_age_days")
        if min_age_days is None
        else min_age_days
    )
    today = today or date.today()
    subject_ids = _subject_filter(session, subject)
    groups: list[dict[str, Any]] = []
    for rows in _subject_batches(session, ctx, subject_ids):
        groups.extend(_groups(rows, today.toordinal(), int(min_age)))
    _decorate(session, groups)
    groups.sort(key=lambda g: (g["first_published"] or "", g["id"]))
    return groups


def _subject_filter(session: Session, subject: str | None) -> list[int] | None:
    from provenance.names import subject_ids

    return None if subject is None else subject_ids(session, subject)


def _subject_batches(
    session: Session, ctx: Any, subject_ids: list[int] | None
) -> Iterator[list[Row]]:
    """All active rows, one batch per resolved subject (rows without subject last)."""
    from provenance.questions import placeholder, status_clause, stream_rows, subject_order_sql

    ph = placeholder(session)
    where, params = status_clause(ph)
    if subject_ids is not None:
        where += f" AND c.subject_id IN ({', '.join([ph] * len(subject_ids))})"
        params += subject_ids
    batch: list[Row] = []
    no_subject: list[Row] = []
    current: int | None = None
    order = f"{subject_order_sql(ctx)}, c.id"
    for row in stream_rows(session, ctx, where, params, order=order):
        if row.subject_id is None:
            no_subject.append(row)
            continue
        if row.subject_id != current and batch:
            yield batch
            batch = []
        current = row.subject_id
        batch.append(row)
    if batch:
        yield batch
    for row in no_subject:
        yield [row]


def _groups(rows: Sequence[Row], today: int, min_age: int) -> list[dict[str, Any]]:
    from provenance.questions import buckets

    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    by_bucket = buckets(rows)
    loose = [r for r in rows if r.subject_id is None or r.measure is None]
    for bucket_rows in [*by_bucket.values(), *([r] for r in loose)]:
        for claim in sorted(bucket_rows, key=lambda r: r.id):
            if claim.id in seen:
                continue
            if support(claim, bucket_rows) >= 2:
                continue
            group = [
                r
                for r in repeats(claim, bucket_rows)
                if r.id not in seen and support(r, bucket_rows) < 2
            ]
            seen.update(r.id for r in group)
            first = min((r.published for r in group if r.published is not None), default=None)
            if first is not None and today - first < min_age:
                continue
            outlets = {r.outlet for r in group if r.outlet is not None}
            unknown = {r.article_id for r in group if r.outlet is None}
            origins = {r.origin for r in group if r.origin is not None}
            out.append(
                {
                    "id": claim.id,
                    "claim_ids": sorted(r.id for r in group),
                    "subject_id": claim.subject_id,
                    "measure": claim.measure,
                    "value": claim.low if claim.low == claim.high else [claim.low, claim.high],
                    "unit": claim.unit,
                    "origin_id": claim.origin,
                    "outlet_ids": sorted(outlets),
                    "outlets": len(outlets),
                    "articles_without_outlet": len(unknown),
                    "origins": len(origins) or 1,
                    "first_published": date.fromordinal(first).isoformat() if first else None,
                    "age_days": today - first if first is not None else None,
                }
            )
    return out


def _decorate(session: Session, groups: list[dict[str, Any]]) -> None:
    """Names for ids, and the quote of the representative claim, in bulk."""
    if not groups:
        return
    from sqlmodel import col, select

    from schema.models import Claim, Entity, Source

    source_ids = {g["origin_id"] for g in groups if g["origin_id"]} | {
        s for g in groups for s in g["outlet_ids"]
    }
    names: dict[Any, str] = {}
    ids = list(source_ids)
    for i in range(0, len(ids), 500):
        for sid, name in session.exec(
            select(Source.id, Source.name).where(col(Source.id).in_(ids[i : i + 500]))
        ):
            names[sid] = name
    subjects: dict[Any, str] = {}
    eids = list({g["subject_id"] for g in groups if g["subject_id"]})
    for i in range(0, len(eids), 500):
        for eid, name in session.exec(
            select(Entity.id, Entity.name).where(col(Entity.id).in_(eids[i : i + 500]))
        ):
            subjects[eid] = name
    quotes: dict[Any, tuple[str, str | None, int]] = {}
    cids = [g["id"] for g in groups]
    for i in range(0, len(cids), 500):
        for cid, quote, vtext, art in session.exec(
            select(Claim.id, Claim.quote, Claim.value_text, Claim.article_id).where(
                col(Claim.id).in_(cids[i : i + 500])
            )
        ):
            quotes[cid] = (quote, vtext, art)
    for g in groups:
        quote, vtext, art = quotes.get(g["id"], ("", None, 0))
        g["quote"] = quote
        g["value_text"] = vtext
        g["article_id"] = art
        g["subject"] = subjects.get(g["subject_id"]) if g["subject_id"] else None
        g["origin"] = names.get(g["origin_id"]) if g["origin_id"] else None
        g["outlet_names"] = [names.get(s, str(s)) for s in g.pop("outlet_ids")]
        g["summary"] = summary(g["outlets"], g.get("articles_without_outlet", 0))


def summary(outlets: int, without_outlet: int) -> str:
    """ "4 outlets, 1 origin"; articles whose outlet is not known are counted apart."""
    parts = []
    if outlets or not without_outlet:
        parts.append(f"{outlets} outlet{'s' if outlets != 1 else ''}")
    if without_outlet:
        parts.append(
            f"{without_outlet} article{'s' if without_outlet != 1 else ''} with no known outlet"
        )
    return " and ".join(parts) + ", 1 origin"


__all__ = [
    "agrees",
    "independent",
    "repeats",
    "summary",
    "support",
    "supporting_origins",
    "uncorroborated",
    "values_overlap",
]
