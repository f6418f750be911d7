"""Credibility grades 1–6 (SPEC section 6, the Admiralty code).

Every active claim gets a grade computed from its question (see
``provenance.questions``), its origin's reliability grade A–F, its hedge, and
the conflicts it is in. Several rules can apply at once; they are tried in
this order and the first that applies wins:

1. **5 improbable** — contradicted by more independent origins than support
   it: the number of distinct origins of conflicting claims that are
   independent of the claim is greater than ``support`` (its own origin plus
   distinct independent agreeing origins, see ``provenance.corroboration``).
   Conflicts already resolved by a verdict that still applies are ignored.
2. **1 confirmed** — support ≥ 2 (two or more independent origins) and no
   unresolved conflict. Corroboration outranks a weak origin or a hedge: a
   "reportedly" figure that an independent origin also gives is confirmed.
3. **4 doubtful** — hedge ``possible`` or ``unverified``, or origin graded
   D or E.
4. **2 probably true** — origin graded A or B and no unresolved conflict.
5. **3 possibly true** — origin graded C, or graded F with hedge
   ``certain``.
6. **6 cannot be judged** — anything else (e.g. an F origin with hedge
   ``probable``, an A origin whose figure is in an unresolved conflict),
   and rejected or retracted claims.

An "unresolved conflict" of a claim: a claim on the same question that
conflicts with it (``conflicts.pair_conflict``), unless the claim belongs to
a finding whose verdict still applies.

Monotone by construction: adding an independent agreeing claim only raises
support and never adds contradiction, so it never moves a claim to a worse
grade (ordering 1 < 2 < 3 < 4 < 6 < 5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlmodel import Session

from provenance.corroboration import agrees, independent, support, supporting_origins
from provenance.questions import Row

LABELS = {
    1: "confirmed by independent origins",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}
# Best to worst, for "never lowers a grade".
GOODNESS = {1: 0, 2: 1, 3: 2, 4: 3, 6: 4, 5: 5}


def contradicting_origins(claim: Row, peers: Iterable[Row]) -> set[int]:
    from provenance.conflicts import pair_conflict

    return {
        p.origin  # type: ignore[misc]
        for p in peers
        if p.id != claim.id and pair_conflict(claim, p) is not None and independent(claim, p)
    }


def in_conflict(claim: Row, peers: Iterable[Row]) -> bool:
    from provenance.conflicts import pair_conflict

    return any(p.id != claim.id and pair_conflict(claim, p) is not None for p in peers)


def grade(
    claim: Row,
    peers: Sequence[Row],
    origin_grade: str,
    *,
    resolved: bool = False,
) -> tuple[int, str]:
    """(grade, the rule that decided it) for one claim among its bucket's rows."""
    if claim.status not in ("candidate", "confirmed"):
        return 6, f"claim is {claim.status}"
    from provenance.conflicts import conflict_kind

    # One pass over the peers: supporting origins, contradicting origins,
    # conflict. ``same_question``, ``independent`` and ``values_overlap`` are
    # inlined (this runs for every claim shown against every peer).
    supporting: set[int] = set()
    contradicting: set[int] = set()
    conflicted = False
    cid, sid, measure, uclass = claim.id, claim.subject_id, claim.measure, claim.unit_class
    place, start, end = claim.place, claim.start, claim.end
    origin, chain, polarity = claim.origin, claim.chain, claim.polarity
    lo, hi, valued = claim.lo, claim.hi, claim.unit_class != "none"
    if sid is None or measure is None:
        peers = ()
    for p in peers:
        if (
            p.id == cid
            or p.subject_id != sid
            or p.measure != measure
            or p.unit_class != uclass
            or (place is not None and p.place is not None and place != p.place)
            or start > p.end
            or p.start > end
        ):
            continue
        p_origin = p.origin
        indep = (
            origin is not None
            and p_origin is not None
            and origin != p_origin
            and origin not in p.chain
            and p_origin not in chain
        )
        if conflict_kind(claim, p) is not None:
            conflicted = True
            if indep:
                contradicting.add(p_origin)  # type: ignore[arg-type]
        elif (
            indep
            and p.polarity == polarity
            and (not valued or p.unit_class == "none" or (lo <= p.hi and p.lo <= hi))
        ):
            supporting.add(p_origin)  # type: ignore[arg-type]
    sup = (1 if claim.origin is not None else 0) + len(supporting)
    contra = 0 if resolved else len(contradicting)
    conflicted = conflicted and not resolved
    if contra > sup:
        return 5, f"contradicted by {contra} independent origin(s), supported by {sup}"
    if sup >= 2 and not conflicted:
        return 1, f"{sup} independent origins agree, no unresolved conflict"
    if claim.hedge in ("possible", "unverified"):
        return 4, f"hedge {claim.hedge}"
    if origin_grade in ("D", "E"):
        return 4, f"origin graded {origin_grade}"
    if origin_grade in ("A", "B") and not conflicted:
        return 2, f"one origin graded {origin_grade}, no conflict"
    if origin_grade == "C":
        return 3, "one origin graded C"
    if origin_grade == "F" and claim.hedge == "certain":
        return 3, "origin not graded (F), stated flatly"
    if conflicted:
        return 6, "in an unresolved conflict, not outnumbered"
    return 6, f"origin graded {origin_grade}, hedge {claim.hedge}"


def grade_rows(
    targets: Iterable[Row],
    peers_of: Mapping[int, Sequence[Row]],
    source_grades: dict[int, str],
    resolved_ids: set[int],
) -> dict[int, int]:
    out: dict[int, int] = {}
    for claim in targets:
        peers = peers_of.get(claim.id, ())
        g, _ = grade(
            claim,
            peers,
            source_grades.get(claim.origin, "F") if claim.origin else "F",
            resolved=claim.id in resolved_ids,
        )
        out[claim.id] = g
    return out


# --------------------------------------------------------------------------
# Database entry points


def source_grades(session: Session) -> dict[int, str]:
    """Every source graded other than F (the default), in one query."""
    from sqlalchemy import text

    return dict(session.execute(text("SELECT id, grade FROM source WHERE grade <> 'F'")).all())


def resolved_claim_ids(session: Session) -> set[int]:
    """Claims in an open finding whose verdict still applies."""
    from sqlalchemy import text

    rows = session.execute(
        text(
            "SELECT claim_ids FROM finding WHERE closed_at IS NULL AND verdict IS NOT NULL "
            "AND verdict_fingerprint = fingerprint"
        )
    ).all()
    out: set[int] = set()
    for (ids,) in rows:
        if isinstance(ids, str):
            import json

            ids = json.loads(ids)
        out.update(int(i) for i in ids or [])
    return out


def _rows_with_peers(
    session: Session, claim_ids: list[int] | None
) -> tuple[list[Row], dict[int, list[Row]]]:
    """Target rows and, for each, the rows of its bucket (bulk queries only)."""
    from provenance.questions import (
        buckets,
        fetch_rows,
        load_context,
        placeholder,
    )

    ctx = load_context(session)
    ph = placeholder(session)
    targets: list[Row] = []
    if claim_ids is None:
        from provenance.corroboration import _subject_batches

        peers_of: dict[int, list[Row]] = {}
        for batch in _subject_batches(session, ctx, None):
            for rows in buckets(batch).values():
                for r in rows:
                    peers_of[r.id] = rows
            targets.extend(batch)
        # Rejected / retracted claims get 6; list them too.
        inactive = fetch_rows(
            session, ctx, f"c.status NOT IN ({ph}, {ph})", ["candidate", "confirmed"]
        )
        return targets + inactive, peers_of
    ids = sorted(set(claim_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        targets.extend(fetch_rows(session, ctx, f"c.id IN ({', '.join([ph] * len(chunk))})", chunk))
    wanted: dict[int, set[str]] = {}
    for r in targets:
        if r.subject_id is not None and r.measure is not None:
            wanted.setdefault(r.subject_id, set()).add(r.measure)
    from provenance.conflicts import bucket_rows

    peers: list[Row] = []
    for _key, rows in bucket_rows(session, ctx, wanted):
        peers.extend(rows)
    by_bucket = buckets(peers)
    peers_of = {}
    from provenance.questions import bucket_key

    for t in targets:
        key = bucket_key(t)
        if key is not None:
            peers_of[t.id] = by_bucket.get(key, [])
    return targets, peers_of


def credibility_for(
    session: Session,
    claim_ids: list[int] | None = None,
    *,
    sources: dict[int, str] | None = None,
    resolved: set[int] | None = None,
) -> dict[int, int]:
    """Credibility 1–6 for the given claims (every claim when None).

    ``sources`` and ``resolved`` (``source_grades``, ``resolved_claim_ids``)
    may be passed in by a caller that already read them.
    """
    targets, peers_of = _rows_with_peers(session, claim_ids)
    return grade_rows(
        targets,
        peers_of,
        source_grades(session) if sources is None else sources,
        resolved_claim_ids(session) if resolved is None else resolved,
    )


def explain_credibility(session: Session, claim_id: int) -> dict[str, Any]:
    """The grade, the rule that decided it, which origins confirm and which contradict."""
    from provenance.conflicts import pair_conflict
    from provenance.errors import NotFound
    from schema.models import Source

    targets, peers_of = _rows_with_peers(session, [claim_id])
    if not targets:
        raise NotFound(f"no claim {claim_id}")
    claim = targets[0]
    peers = peers_of.get(claim.id, [])
    grades = source_grades(session)
    resolved = claim.id in resolved_claim_ids(session)
    origin_grade = grades.get(claim.origin, "F") if claim.origin else "F"
    g, rule = grade(claim, peers, origin_grade, resolved=resolved)
    confirming = supporting_origins(claim, peers)
    contradicting = contradicting_origins(claim, peers)
    same_origin = [
        p.id
        for p in peers
        if p.id != claim.id and p.origin == claim.origin and p.origin is not None
    ]
    ids = {i for i in (confirming | contradicting | {claim.origin}) if i is not None}
    names = {i: session.get(Source, i) for i in ids}

    def describe(origin: int, which: str = "all") -> dict[str, Any]:
        """One origin, with its claims that agree ("confirm"), conflict or all of them."""
        src = names.get(origin)
        mine = [p for p in peers if p.origin == origin and p.id != claim.id]
        if which == "confirm":
            mine = [p for p in mine if agrees(claim, p) and independent(claim, p)]
        elif which == "contradict":
            mine = [p for p in mine if pair_conflict(claim, p) is not None]
        return {
            "source_id": origin,
            "name": src.name if src else None,
            "grade": src.grade if src else None,
            "claim_ids": sorted(p.id for p in mine),
        }

    return {
        "claim_id": claim.id,
        "credibility": g,
        "label": LABELS[g],
        "rule": rule,
        "origin": describe(claim.origin) if claim.origin else None,
        "origin_grade": origin_grade,
        "hedge": claim.hedge,
        "support": support(claim, peers),
        "confirming_origins": [describe(o, "confirm") for o in sorted(confirming)],
        "contradicting_origins": [describe(o, "contradict") for o in sorted(contradicting)],
        "same_origin_claims": sorted(same_origin),
        "conflicting_claims": sorted(
            p.id for p in peers if p.id != claim.id and pair_conflict(claim, p)
        ),
        "conflict_resolved": resolved,
    }


__all__ = [
    "GOODNESS",
    "LABELS",
    "contradicting_origins",
    "credibility_for",
    "explain_credibility",
    "grade",
    "grade_rows",
    "resolved_claim_ids",
    "source_grades",
]
