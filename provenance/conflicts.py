"""Finding conflicts between claims (SPEC section 5) and keeping their verdicts.

Kinds of finding
----------------
``interval``
    On one question (``provenance.questions``), two affirmed claims from
    different articles whose value intervals are disjoint and whose own
    as_of windows overlap.
``date``
    The same for year/date values ("formed in 2014" against "in 2016").
``denial``
    One claim affirms what another denies: both without a value, or with
    overlapping intervals (a denial of 15,000 against a claim of 15,000).
``internal``
    Two claims *of one article* on one question that are disjoint (a
    headline of 200 against a body of 240). Reported per article, beside any
    cross-article finding on the same question.
``arithmetic``
    An article's own arithmetic does not add up: a ratio claim (unit
    ``ratio``, measure = the measure compared) against the ratio of the
    largest to the smallest figure of that measure the article also gives
    (central values: the midpoint of each bounded interval; an exact ratio
    gets the tolerance t as slack, so "six times" is [5.4, 6.6] and 7 is
    outside); or a total (measure X) against the sum of its parts
    (measures ``X:<part>``, one figure per part: the first in the text)
    when the total's interval is disjoint from the interval sum of the parts
    (200 against 205 + 35).

Positions
---------
Positions are groups of *mutually* compatible claims: the greedy minimum
clique cover of the interval graph (sort by upper bound; the first upper
bound is a stabbing point; every remaining interval containing it forms a
position; repeat). Every position shares a common value, positions are
disjoint as sets, and there are two or more positions exactly when some pair
of intervals is disjoint (Helly in one dimension), so "in conflict" and
"more than one position" agree.

Severity
--------
The relative gap between the farthest positions: for a lowest upper bound
``h`` and a highest lower bound ``l`` (``h < l``), ``(l - h) / l``, in (0, 1].
Dates: the distance between their starts in days over five years, capped
at 1 (2013 vs 2014 ≈ 0.2).
Denial: 1.0. Arithmetic: the relative distance from the computed value to
the stated interval. Findings below the ``min_severity`` setting are not
reported. Listings sort by severity, then by the newest publication date.

Identity and verdicts
---------------------
A finding's id is a hash of its question key and kind, so the same conflict
keeps its id across runs. Its fingerprint hashes the ids and versions of all
claims on the question; a verdict (``resolve``) applies while
``verdict_fingerprint == fingerprint``, so adding or editing a claim on the
question reopens it by itself. A run upserts what it finds and closes
(``closed_at``) findings no longer detected in the scope it examined.

Scale
-----
A full run never loads the claim table. One GROUP BY over
(subject, measure) — the same work as a bare aggregate scan — keeps only the
buckets that *could* conflict (two or more claims whose max lower bound
exceeds their min upper bound, or affirmed and denied claims; merged
subjects and measures the lexicon joins are never filtered out in SQL).
Only those buckets' claims are then read, a batch of buckets per query (raw
DBAPI rows, no ORM objects; on PostgreSQL id lists and bucket pairs go as
array parameters, so statements stay short), then their chains. When the
run renders claim records, the same query also reads what a record needs
(quote, sentence, article title, outlet name) and the chains come in
order, so a conflict's claims are never read a second time. On
PostgreSQL, `prov conflicts` reads the next batches on a second connection
while it works on the current one (``db.read_ahead``), so the server's time
overlaps the Python work; SQLite reads inline (a reader thread there is
starved of the GIL, see ``read_ahead``).

``list_conflicts`` is one pass over those batches: detect, upsert (new
findings inserted, changed ones updated, unchanged ones only get
``last_seen_at``), render the batch's findings (positions, claim records,
credibility) and write each as JSON to a temporary file, keeping only its
sort key (severity, newest publication, id) and file offset. Findings not
seen by the run are closed afterwards in one UPDATE (``last_seen_at`` older
than the run's stamp). The result reads the records back in sorted order,
one at a time. So memory holds one batch of buckets plus one small key per
finding — bounded by the largest question, not by the table or the output.

Grades are computed with the verdicts as they stood when the run began; a
verdict that stops (or starts) applying during the run changes only the
grades of its own claims, which are recomputed at the end and patched into
the records as they are read back.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, overload

from sqlmodel import Session

from provenance.errors import InvalidInput, NotFound
from provenance.model import json_default
from provenance.questions import (
    Context,
    Question,
    Row,
    Runner,
    buckets,
    build_rows,
    fetch_rows,
    form_questions,
    id_chunk,
    in_clause,
    is_sqlite,
    load_context,
    placeholder,
    raw_rows,
    read_claims,
    row_query,
    status_clause,
)
from schema.enums import VERDICT_REASONS

KINDS = ("interval", "date", "denial", "internal", "arithmetic")
DATE_SPAN_DAYS = 5 * 365.25

# --------------------------------------------------------------------------
# Pure logic


def values_disjoint(a: Row, b: Row) -> bool:
    return a.hi < b.lo or b.hi < a.lo


def pair_conflict(a: Row, b: Row) -> str | None:
    """The kind of conflict between two claims, or None. Symmetric."""
    # ``same_question`` inlined: this runs for every pair of every question.
    if (
        a.id == b.id
        or a.subject_id is None
        or a.subject_id != b.subject_id
        or a.measure is None
        or a.measure != b.measure
        or a.unit_class != b.unit_class
        or (a.place is not None and b.place is not None and a.place != b.place)
        or a.start > b.end
        or b.start > a.end
    ):
        return None
    return conflict_kind(a, b)


def conflict_kind(a: Row, b: Row) -> str | None:
    """``pair_conflict`` for two claims already known to share a question."""
    if a.polarity != b.polarity:
        if a.unit_class == "none" or not (a.hi < b.lo or b.hi < a.lo):
            return "denial"
        return None
    if a.polarity == "denied" or a.unit_class == "none":
        return None
    if a.hi < b.lo or b.hi < a.lo:
        return "date" if a.unit_class == "time" else "interval"
    return None


def gap(low_side_hi: float, high_side_lo: float, unit_class: str) -> float:
    """Relative gap between an upper bound and a higher lower bound, in [0, 1]."""
    if high_side_lo <= low_side_hi:
        return 0.0
    if unit_class == "time":
        return min(1.0, (high_side_lo - low_side_hi) / DATE_SPAN_DAYS)
    if high_side_lo <= 0 or math.isinf(high_side_lo):
        return 1.0
    return max(0.0, min(1.0, (high_side_lo - low_side_hi) / high_side_lo))


def pair_severity(a: Row, b: Row) -> float:
    kind = pair_conflict(a, b)
    if kind is None:
        return 0.0
    if kind == "denial":
        return 1.0
    lo_side, hi_side = (a, b) if a.hi < b.lo else (b, a)
    if a.unit_class == "time":
        # Dates: how far apart the two start (2013 vs 2014 is a year, not the
        # one day between 31 December and 1 January).
        return min(1.0, (hi_side.lo - lo_side.lo) / DATE_SPAN_DAYS)
    return gap(lo_side.hi, hi_side.lo, a.unit_class)


def positions(rows: Iterable[Row]) -> list[list[Row]]:
    """Greedy minimum clique cover of the intervals (see module notes)."""
    by_hi = sorted(rows, key=lambda r: (r.hi, r.lo, r.id))
    by_lo = sorted(by_hi, key=lambda r: (r.lo, r.id))
    assigned: set[int] = set()
    out: list[list[Row]] = []
    j = 0
    for seed in by_hi:
        if seed.id in assigned:
            continue
        point = seed.hi
        group: list[Row] = []
        while j < len(by_lo) and by_lo[j].lo <= point:
            r = by_lo[j]
            j += 1
            if r.id not in assigned:
                group.append(r)
                assigned.add(r.id)
        if seed.id not in assigned:  # only when hi is NaN-like; defensive
            group.append(seed)
            assigned.add(seed.id)
        out.append(sorted(group, key=lambda r: r.id))
    return out


def fingerprint(rows: Iterable[Row]) -> str:
    text = ",".join(f"{r.id}:{r.version}" for r in sorted(rows, key=lambda r: r.id))
    return hashlib.sha256(text.encode()).hexdigest()


def finding_id(question_key: str, kind: str) -> str:
    return hashlib.sha256(f"{question_key}#{kind}".encode()).hexdigest()[:16]


@dataclass
class Detected:
    key: str
    kind: str
    severity: float
    rows: list[Row]  # every claim on the question (fingerprinted)
    positions: list[list[Row]]
    question: Question | None = None
    article_id: int | None = None
    why: list[dict[str, Any]] = field(default_factory=list)
    peers: list[Row] = field(default_factory=list)  # bucket rows, for grades

    @property
    def id(self) -> str:
        return finding_id(self.key, self.kind)

    @property
    def claim_ids(self) -> list[int]:
        return sorted({r.id for r in self.rows})

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rows)

    @property
    def newest(self) -> int:
        return max((r.published or 0 for r in self.rows), default=0)


def _interval(r: Row) -> list[float | None]:
    return [r.low, r.high]


def _pair_why(a: Row, b: Row, kind: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "claims": [a.id, b.id],
        "intervals": [_interval(a), _interval(b)],
        "polarity": [a.polarity, b.polarity],
        "severity": round(pair_severity(a, b), 4),
    }


def detect_question(
    q: Question, ctx: Context | None = None, peers: list[Row] | None = None
) -> list[Detected]:
    rows = q.rows
    if len(rows) < 2:
        return []
    pairs: list[tuple[Row, Row, str]] = []
    if q.common_window() and len(rows) > 64:
        pairs = _pairs_fast(rows)
    else:
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                kind = pair_conflict(a, b)
                if kind is not None:
                    pairs.append((a, b, kind))
    if not pairs:
        return []
    out: list[Detected] = []
    key = q.key
    numeric_kind = "date" if q.unit_class == "time" else "interval"
    valued = [r for r in rows if r.has_value and r.polarity == "affirmed"]
    cross = [(a, b, k) for a, b, k in pairs if k != "denial" and a.article_id != b.article_id]
    if cross:
        sev = max(pair_severity(a, b) for a, b, _ in cross)
        out.append(
            Detected(
                key=key,
                kind=numeric_kind,
                severity=sev,
                rows=list(rows),
                positions=positions(valued),
                question=q,
                why=[
                    _pair_why(a, b, k)
                    for a, b, k in sorted(cross, key=lambda p: -pair_severity(p[0], p[1]))[:20]
                ],
                peers=peers or list(rows),
            )
        )
    polar = [(a, b, k) for a, b, k in pairs if k == "denial"]
    if polar:
        involved = {r.id for a, b, _ in polar for r in (a, b)}
        aff = [r for r in rows if r.id in involved and r.polarity == "affirmed"]
        den = [r for r in rows if r.id in involved and r.polarity == "denied"]
        out.append(
            Detected(
                key=key,
                kind="denial",
                severity=1.0,
                rows=list(rows),
                positions=[aff, den],
                question=q,
                why=[_pair_why(a, b, k) for a, b, k in polar[:20]],
                peers=peers or list(rows),
            )
        )
    within: dict[int, list[tuple[Row, Row, str]]] = {}
    for a, b, k in pairs:
        if k != "denial" and a.article_id == b.article_id:
            within.setdefault(a.article_id, []).append((a, b, k))
    for article_id, article_pairs in sorted(within.items()):
        article_rows = [r for r in valued if r.article_id == article_id]
        out.append(
            Detected(
                key=f"{key}|article:{article_id}",
                kind="internal",
                severity=max(pair_severity(a, b) for a, b, _ in article_pairs),
                rows=list(rows),
                positions=positions(article_rows),
                question=q,
                article_id=article_id,
                why=[_pair_why(a, b, k) for a, b, k in article_pairs[:20]],
                peers=peers or list(rows),
            )
        )
    return out


def _pairs_fast(rows: Sequence[Row]) -> list[tuple[Row, Row, str]]:
    """Conflicting pairs when all windows share a day (so every pair is on the question).

    Returns, per kind, the extreme pair and per article its extreme pair,
    which is all detection needs (severity is the farthest pair's).
    """
    out: list[tuple[Row, Row, str]] = []
    valued = [r for r in rows if r.has_value and r.polarity == "affirmed"]
    kind = "date" if rows[0].unit_class == "time" else "interval"

    def extreme(group: Sequence[Row]) -> tuple[Row, Row] | None:
        if len(group) < 2:
            return None
        a = min(group, key=lambda r: (r.hi, r.id))
        b = max(group, key=lambda r: (r.lo, -r.id))
        return (a, b) if a.hi < b.lo else None

    by_article: dict[int, list[Row]] = {}
    for r in valued:
        by_article.setdefault(r.article_id, []).append(r)
    # Cross-article extreme: the lowest upper bound against the highest lower
    # bound from a different article.
    ordered_hi = sorted(valued, key=lambda r: (r.hi, r.id))
    ordered_lo = sorted(valued, key=lambda r: (-r.lo, r.id))
    best: tuple[Row, Row] | None = None
    for a in ordered_hi[:2]:
        for b in ordered_lo[:2]:
            if a.article_id != b.article_id and a.hi < b.lo:
                if best is None or pair_severity(a, b) > pair_severity(*best):
                    best = (a, b)
    if best is None:  # the extremes share an article: look wider
        for a in ordered_hi:
            for b in ordered_lo:
                if b.lo <= a.hi:
                    break
                if a.article_id != b.article_id:
                    best = (a, b)
                    break
            if best:
                break
    if best:
        out.append((best[0], best[1], kind))
    for group in by_article.values():
        pair = extreme(group)
        if pair:
            out.append((pair[0], pair[1], kind))
    affirmed = [r for r in rows if r.polarity == "affirmed"]
    denied = [r for r in rows if r.polarity == "denied"]
    if affirmed and denied:
        for a in affirmed:
            for d in denied:
                if pair_conflict(a, d) == "denial":
                    out.append((a, d, "denial"))
    return out


def detect_bucket(
    key: tuple[int, str, str], rows: Sequence[Row], ctx: Context | None = None
) -> list[Detected]:
    out: list[Detected] = []
    for q in form_questions(key, rows):
        out.extend(detect_question(q, ctx, list(rows)))
    return out


def _central(r: Row) -> float | None:
    if r.low is None or r.high is None or math.isinf(r.hi):
        return None
    return (r.low + r.high) / 2


def detect_article(article_id: int, rows: Sequence[Row], tolerance: float) -> list[Detected]:
    """The internal arithmetic checks of one article (see module notes)."""
    out: list[Detected] = []
    active = [r for r in rows if r.polarity == "affirmed" and r.has_value and r.measure]
    # Ratio claims against the ratio of the article's own figures.
    for r in active:
        if r.unit_class != "ratio":
            continue
        figures: dict[str, list[Row]] = {}
        for f in active:
            if f.measure == r.measure and f.unit_class not in ("ratio", "none", "time"):
                if _central(f) is not None:
                    figures.setdefault(f.unit_class, []).append(f)
        usable = [g for g in figures.values() if len(g) >= 2]
        if not usable:
            continue
        group = max(usable, key=len)
        small = min(group, key=lambda f: (_central(f), f.id))
        big = max(group, key=lambda f: (_central(f), -f.id))
        c_small, c_big = _central(small), _central(big)
        if not c_small or c_small <= 0 or c_big is None:
            continue
        computed = c_big / c_small
        lo, hi = r.lo, r.hi
        if r.approx in (None, "exact") or lo == hi:
            lo, hi = lo * (1 - tolerance), hi * (1 + tolerance)
        if lo <= computed <= hi:
            continue
        sev = (computed - hi) / computed if computed > hi else (lo - computed) / lo
        out.append(
            Detected(
                key=f"article:{article_id}|{r.measure}|ratio|{r.id}",
                kind="arithmetic",
                severity=max(0.0, min(1.0, sev)),
                rows=[r, *group],
                positions=[[r], sorted(group, key=lambda f: f.id)],
                article_id=article_id,
                why=[
                    {
                        "kind": "ratio",
                        "claims": [r.id, big.id, small.id],
                        "stated": [r.low, r.high],
                        "accepted": [lo, hi],
                        "computed": round(computed, 4),
                        "from": [c_big, c_small],
                    }
                ],
            )
        )
    # Totals against the sum of their parts.
    parts_by_total: dict[str, dict[str, Row]] = {}
    for r in sorted(active, key=lambda r: (r.offset, r.id)):
        if r.measure and ":" in r.measure:
            total, _, _part = r.measure.partition(":")
            parts_by_total.setdefault(total, {}).setdefault(r.measure, r)
    for total_measure, parts in parts_by_total.items():
        part_rows = list(parts.values())
        if len(part_rows) < 2:
            continue
        for t in active:
            if t.measure != total_measure:
                continue
            same = [
                p
                for p in part_rows
                if p.unit_class == t.unit_class
                and (p.subject_id is None or t.subject_id is None or p.subject_id == t.subject_id)
            ]
            if len(same) < 2:
                continue
            s_lo = sum(p.lo for p in same)
            s_hi = sum(p.hi for p in same)
            if not (t.hi < s_lo or s_hi < t.lo):
                continue
            sev = gap(t.hi, s_lo, t.unit_class) if t.hi < s_lo else gap(s_hi, t.lo, t.unit_class)
            out.append(
                Detected(
                    key=f"article:{article_id}|{total_measure}|sum|{t.id}",
                    kind="arithmetic",
                    severity=sev,
                    rows=[t, *same],
                    positions=[[t], sorted(same, key=lambda p: p.id)],
                    article_id=article_id,
                    why=[
                        {
                            "kind": "sum",
                            "claims": [t.id, *[p.id for p in same]],
                            "total": [t.low, t.high],
                            "parts": {p.measure: [p.low, p.high] for p in same},
                            "sum": [s_lo, None if math.isinf(s_hi) else s_hi],
                        }
                    ],
                )
            )
    return out


# --------------------------------------------------------------------------
# Reading candidates from the database


def _ph_list(ph: str, n: int) -> str:
    return ", ".join([ph] * n)


def candidate_buckets(
    session: Session, ctx: Context, subject_ids: list[int] | None = None
) -> dict[int, set[str]]:
    """Resolved subject -> normalised measures that could hold a conflict."""
    ph = placeholder(session)
    status_sql, params = status_clause(ph)
    where = f"{status_sql} AND c.subject_id IS NOT NULL AND c.measure IS NOT NULL"
    if subject_ids is not None:
        where += f" AND c.subject_id IN ({_ph_list(ph, len(subject_ids))})"
        params = params + list(subject_ids)
    conn = session.connection()
    measures = _stored_measures(session, ctx, subject_ids)
    images: dict[str | None, list[str]] = {}
    for m in measures:
        images.setdefault(ctx.measure(m), []).append(m)
    joined = sorted(m for ms in images.values() if len(ms) > 1 for m in ms)
    merged = sorted(set(ctx.live) | set(ctx.live.values()))
    having = (
        "count(*) > 1 AND (max(CASE WHEN c.polarity = 'affirmed' THEN c.low END) > "
        "min(CASE WHEN c.polarity = 'affirmed' AND (c.low IS NOT NULL OR c.high IS NOT NULL) "
        "THEN COALESCE(c.high, 1e308) END) OR sum(CASE WHEN c.polarity = 'denied' THEN 1 ELSE 0 END) > 0)"
    )
    having_params: list[Any] = []
    if joined:
        having += f" OR c.measure IN ({_ph_list(ph, len(joined))})"
        having_params += joined
    if merged:
        having += f" OR c.subject_id IN ({_ph_list(ph, len(merged))})"
        having_params += merged
    sql = (
        "SELECT c.subject_id, c.measure, count(*), "
        "max(CASE WHEN c.polarity = 'affirmed' THEN c.low END), "
        "min(CASE WHEN c.polarity = 'affirmed' AND (c.low IS NOT NULL OR c.high IS NOT NULL) "
        "THEN COALESCE(c.high, 1e308) END), "
        "sum(CASE WHEN c.polarity = 'denied' THEN 1 ELSE 0 END) "
        f"FROM claim c WHERE {where} GROUP BY c.subject_id, c.measure HAVING {having}"
    )
    agg: dict[tuple[Any, Any], list[Any]] = {}
    for subject_id, measure, count, max_low, min_high, denied in conn.exec_driver_sql(
        sql, tuple(params + having_params)
    ):
        key = (ctx.subject(subject_id), ctx.measure(measure))
        cur = agg.get(key)
        if cur is None:
            agg[key] = [count, max_low, min_high, denied or 0]
        else:
            cur[0] += count
            cur[1] = (
                max(x for x in (cur[1], max_low) if x is not None)
                if (cur[1] is not None or max_low is not None)
                else None
            )
            cur[2] = (
                min(x for x in (cur[2], min_high) if x is not None)
                if (cur[2] is not None or min_high is not None)
                else None
            )
            cur[3] += denied or 0
    out: dict[int, set[str]] = {}
    for (subject_id, measure), (count, max_low, min_high, denied) in agg.items():
        if count < 2:
            continue
        spread = max_low is not None and min_high is not None and max_low > min_high
        if spread or 0 < denied:
            out.setdefault(subject_id, set()).add(measure)  # type: ignore[arg-type]
    return out


def _raw_subjects(ctx: Context, subjects: Iterable[int]) -> list[int]:
    wanted = set(subjects)
    return sorted(wanted | {a for a, b in ctx.live.items() if b in wanted})


def _stored_measures(
    session: Session, ctx: Context, subjects: Sequence[int] | None = None
) -> list[str]:
    """Distinct stored measures: of a few subjects through the (subject_id,
    measure) index, so re-checking one question never scans the claim table;
    else of the whole table (once per run)."""
    conn = session.connection()
    if subjects is not None and len(subjects) <= 500:
        ph = placeholder(session)
        return [
            m
            for (m,) in conn.exec_driver_sql(
                f"SELECT DISTINCT measure FROM claim WHERE subject_id IN ({_ph_list(ph, len(subjects))}) "
                "AND measure IS NOT NULL",
                tuple(subjects),
            )
        ]
    if ctx.distinct_measures is None:
        ctx.distinct_measures = [
            m
            for (m,) in conn.exec_driver_sql(
                "SELECT DISTINCT measure FROM claim WHERE measure IS NOT NULL"
            )
        ]
    return ctx.distinct_measures


def _raw_measures(
    session: Session, ctx: Context, measures: set[str], subjects: Sequence[int] | None = None
) -> list[str]:
    """Stored measures (of ``subjects`` when given) that normalise to ``measures``."""
    return sorted(m for m in _stored_measures(session, ctx, subjects) if ctx.measure(m) in measures)


def bucket_batches(
    session: Session,
    ctx: Context,
    wanted: dict[int, set[str]],
    *,
    batch: int = 200,
    detail: bool = False,
    read_ahead: bool = False,
) -> Iterator[list[tuple[tuple[int, str, str], list[Row]]]]:
    """The active rows of the wanted (subject, measure) buckets, one list of
    (bucket key, rows) per query batch (so memory holds one batch, not the table).
    ``detail``: rows carry what their claim records need (``fetch_rows``).
    ``read_ahead``: on PostgreSQL the next batches are read on a second
    connection while the caller works on this one (``db.read_ahead``: only
    when this transaction has not changed any claim)."""
    if not wanted:
        return
    ph = placeholder(session)
    status_sql, status_params = status_clause(ph)
    all_measures = set().union(*wanted.values())
    raw_of: dict[str, list[str]] = {}
    for m in _raw_measures(session, ctx, all_measures, _raw_subjects(ctx, wanted)):
        raw_of.setdefault(ctx.measure(m), []).append(m)  # type: ignore[arg-type]
    # Exact (raw subject, raw measure) pairs, whole buckets per batch, so
    # only the wanted buckets are read, and a bucket joined by a merge or the lexicon is never
    # split across batches.
    batches: list[list[tuple[int, str]]] = [[]]
    for subject in sorted(wanted):
        for measure in sorted(wanted[subject]):
            bucket_pairs = [
                (raw_subject, raw_measure)
                for raw_subject in _raw_subjects(ctx, [subject])
                for raw_measure in raw_of.get(measure, [])
            ]
            if len(batches[-1]) + len(bucket_pairs) > batch and batches[-1]:
                batches.append([])
            batches[-1].extend(bucket_pairs)
    queries: list[tuple[str, list[Any]]] = []
    for chunk in batches:
        if not chunk:
            continue
        if is_sqlite(session):
            # An OR of equalities (not a row-value IN): SQLite plans it as a
            # MULTI-INDEX OR over (subject_id, measure).
            ors = " OR ".join([f"(c.subject_id = {ph} AND c.measure = {ph})"] * len(chunk))
            where = f"{status_sql} AND ({ors})"
            params: list[Any] = [x for pair in chunk for x in pair]
        else:
            # PostgreSQL: the pairs as two arrays (a short statement, parsed
            # once), joined to the (subject_id, measure) index.
            where = (
                f"{status_sql} AND (c.subject_id, c.measure) IN "
                "(SELECT * FROM unnest(%s::bigint[], %s::text[]))"
            )
            params = [[p[0] for p in chunk], [p[1] for p in chunk]]
        sql = row_query(session, where, None, with_chain=False, detail=detail)
        queries.append((sql, status_params + params))
    sqlite = is_sqlite(session)

    def read(run: Runner, query: tuple[str, list[Any]]) -> Any:
        return read_claims(run, sqlite, query[0], query[1], ordered=detail)

    if read_ahead:
        from provenance.db import read_ahead as background

        reads = background(session, read, queries)
    else:
        reads = (read(lambda q, p: raw_rows(session, q, p), query) for query in queries)
    for raw, links in reads:
        rows = sorted(
            (
                r
                for r in build_rows(ctx, raw, links, detail=detail)
                if r.subject_id in wanted and r.measure in wanted[r.subject_id]
            ),
            key=lambda r: r.id,
        )
        yield sorted(buckets(rows).items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))


def bucket_rows(
    session: Session, ctx: Context, wanted: dict[int, set[str]], *, batch: int = 200
) -> Iterator[tuple[tuple[int, str, str], list[Row]]]:
    """The active rows of the wanted (subject, measure) buckets, bucket by bucket."""
    for chunk in bucket_batches(session, ctx, wanted, batch=batch):
        yield from chunk


def arithmetic_articles(session: Session, subject_ids: list[int] | None = None) -> list[int]:
    ph = placeholder(session)
    status_sql, params = status_clause(ph)
    where = f"{status_sql} AND (c.unit = 'ratio' OR c.measure LIKE {ph})"
    params = [*params, "%:%"]
    if subject_ids is not None:
        where += f" AND c.subject_id IN ({_ph_list(ph, len(subject_ids))})"
        params = params + list(subject_ids)
    sql = f"SELECT DISTINCT c.article_id FROM claim c WHERE {where}"
    return sorted(a for (a,) in session.connection().exec_driver_sql(sql, tuple(params)))


def article_findings(
    session: Session, ctx: Context, article_ids: Sequence[int], *, detail: bool = False
) -> list[Detected]:
    ph = placeholder(session)
    status_sql, status_params = status_clause(ph)
    out: list[Detected] = []
    ids = list(article_ids)
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        in_sql, in_params = in_clause(session, "c.article_id", chunk)
        rows = fetch_rows(
            session,
            ctx,
            f"{status_sql} AND {in_sql}",
            status_params + in_params,
            order="c.article_id, c.start_offset, c.id",
            detail=detail,
        )
        by_article: dict[int, list[Row]] = {}
        for r in rows:
            by_article.setdefault(r.article_id, []).append(r)
        for article_id, article_rows in by_article.items():
            out.extend(detect_article(article_id, article_rows, ctx.tolerance))
    return out


def wanted_buckets(
    session: Session,
    ctx: Context,
    *,
    subject_ids: list[int] | None = None,
    measure: str | None = None,
) -> dict[int, set[str]]:
    """The (resolved subject -> normalised measures) buckets in scope that could conflict."""
    wanted = candidate_buckets(
        session, ctx, _raw_subjects(ctx, subject_ids) if subject_ids else None
    )
    if measure is not None:
        norm = ctx.measure(measure)
        wanted = {s: {m for m in ms if m == norm} for s, ms in wanted.items()}
        wanted = {s: ms for s, ms in wanted.items() if ms}
    return wanted


def detect_batches(
    session: Session,
    ctx: Context,
    *,
    subject_ids: list[int] | None = None,
    measure: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    detail: bool = False,
    read_ahead: bool = False,
    wanted: dict[int, set[str]] | None = None,
    arithmetic: bool = True,
) -> Iterator[list[Detected]]:
    """Every conflict in scope (all claims, or some subjects / one measure),
    one list per query batch: buckets first, then articles' arithmetic.

    ``progress(done, total)`` is called after each batch with the number of
    (subject, measure) buckets checked so far and in all. ``detail`` and
    ``read_ahead``: see ``bucket_batches``. ``wanted``: the buckets to read
    (default ``wanted_buckets``); ``arithmetic=False`` skips the articles'
    arithmetic checks.
    """
    if wanted is None:
        wanted = wanted_buckets(session, ctx, subject_ids=subject_ids, measure=measure)
    total = sum(len(ms) for ms in wanted.values())
    done = 0
    if progress is not None:
        progress(done, total)

    def keep(d: Detected) -> bool:
        return d.severity >= ctx.min_severity or d.kind == "denial"

    batch = 200 if is_sqlite(session) else 500
    for chunk in bucket_batches(
        session, ctx, wanted, batch=batch, detail=detail, read_ahead=read_ahead
    ):
        found: list[Detected] = []
        for key, rows in chunk:
            found.extend(d for d in detect_bucket(key, rows, ctx) if keep(d))
        done += len(chunk)
        if progress is not None:
            progress(min(done, total), total)
        yield found
    if progress is not None:
        progress(total, total)
    if not arithmetic:
        return
    articles = arithmetic_articles(
        session, _raw_subjects(ctx, subject_ids) if subject_ids else None
    )
    norm_measure = ctx.measure(measure) if measure is not None else None
    for i in range(0, len(articles), 400):
        yield [
            d
            for d in article_findings(session, ctx, articles[i : i + 400], detail=detail)
            if (measure is None or d.rows[0].measure == norm_measure) and keep(d)
        ]


def detect(
    session: Session,
    ctx: Context,
    *,
    subject_ids: list[int] | None = None,
    measure: str | None = None,
) -> list[Detected]:
    """Every conflict in scope (all claims, or some subjects / one measure)."""
    return [
        d
        for found in detect_batches(session, ctx, subject_ids=subject_ids, measure=measure)
        for d in found
    ]


# --------------------------------------------------------------------------
# Persisting findings


def _now() -> datetime:
    from provenance.names import now

    return now()


def sync(
    session: Session,
    found: Sequence[Detected],
    *,
    scope_prefixes: Sequence[str] | None = None,
    stamp: datetime | None = None,
) -> None:
    """Upsert ``found`` into ``finding``; close open findings in scope not found.

    ``scope_prefixes`` None means the whole table was examined.
    """
    stamp = stamp or _now()
    upsert(session, found, stamp)
    close_unseen(session, stamp, scope_prefixes)


def _id_in(session: Session, column: Any, ids: Sequence[Any]) -> Any:
    """``column IN ids`` in Core: one bound array on PostgreSQL (``= ANY``)."""
    if is_sqlite(session):
        return column.in_(ids)
    from sqlalchemy import String, any_, bindparam
    from sqlalchemy.dialects.postgresql import ARRAY

    return column == any_(bindparam(None, list(ids), type_=ARRAY(String())))


def upsert(session: Session, found: Sequence[Detected], stamp: datetime) -> None:
    """Insert new findings, update changed ones, and mark every one seen at ``stamp``.

    A finding whose fingerprint and severity are unchanged (and which is
    open) only gets its ``last_seen_at`` moved, in one statement per 500.
    """
    from sqlalchemy import insert, update
    from sqlmodel import col, select

    from schema.models import Finding

    session.flush()
    by_id: dict[str, Detected] = {}
    for d in found:
        by_id.setdefault(d.id, d)
    ids = list(by_id)
    existing: dict[str, tuple[str, float, datetime | None]] = {}
    conn = session.connection()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for fid, fp, sev, closed in conn.execute(
            select(Finding.id, Finding.fingerprint, Finding.severity, Finding.closed_at).where(
                _id_in(session, col(Finding.id), chunk)
            )
        ):
            existing[fid] = (fp, sev, closed)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    unchanged: list[str] = []
    for fid, d in by_id.items():
        fp = d.fingerprint
        severity = float(d.severity)
        old = existing.get(fid)
        if old is not None and old[0] == fp and old[1] == severity and old[2] is None:
            unchanged.append(fid)
            continue
        values = {
            "question_key": d.key,
            "kind": d.kind,
            "severity": severity,
            "claim_ids": d.claim_ids,
            "fingerprint": fp,
            "last_seen_at": stamp,
            "closed_at": None,
        }
        if old is not None:
            updates.append({"id": fid, **values})
        else:
            inserts.append({"id": fid, "opened_at": stamp, **values})
    if inserts:
        session.execute(insert(Finding), inserts)
    if updates:
        session.execute(update(Finding), updates)
    for i in range(0, len(unchanged), 500):
        session.execute(
            update(Finding)
            .where(_id_in(session, col(Finding.id), unchanged[i : i + 500]))
            .values(last_seen_at=stamp)
        )


def close_unseen(
    session: Session, stamp: datetime, scope_prefixes: Sequence[str] | None = None
) -> None:
    """Close open findings in scope that the run stamped ``stamp`` did not see
    (``scope_prefixes`` None: the whole table was examined; empty: close nothing)."""
    from sqlalchemy import or_, update
    from sqlmodel import col

    from schema.models import Finding

    if scope_prefixes is not None and not scope_prefixes:
        session.flush()
        return
    query = update(Finding).where(
        col(Finding.closed_at).is_(None),
        or_(col(Finding.last_seen_at).is_(None), col(Finding.last_seen_at) != stamp),
    )
    if scope_prefixes is not None:
        query = query.where(
            or_(*(col(Finding.question_key).startswith(p, autoescape=True) for p in scope_prefixes))
        )
    session.execute(query.values(closed_at=stamp))
    session.flush()


def refresh(
    session: Session,
    *,
    subject_ids: list[int] | None = None,
    measure: str | None = None,
    ctx: Context | None = None,
) -> list[Detected]:
    """Detect and persist. Scoped by subject/measure, it only closes findings there."""
    ctx = ctx or load_context(session)
    found = detect(session, ctx, subject_ids=subject_ids, measure=measure)
    prefixes: list[str] | None = None
    if subject_ids is not None:
        norm = ctx.measure(measure) if measure else None
        prefixes = [f"{s}|{norm}|" if norm else f"{s}|" for s in subject_ids]
        prefixes += [
            f"article:{a}|" for a in {d.article_id for d in found if d.kind == "arithmetic"}
        ]
    elif measure is not None:
        prefixes = []  # a measure-only scope: close nothing (cannot tell cheaply)
    sync(session, found, scope_prefixes=prefixes)
    return found


def recheck_claim(session: Session, claim_id: int) -> list[Detected]:
    """Re-check only the question(s) of one claim (after adding or editing it).

    Reads the claim's subject bucket and its article: time proportional to
    the question, not the database.
    """
    ctx = load_context(session)
    ph = placeholder(session)
    rows = fetch_rows(session, ctx, f"c.id = {ph}", [claim_id])
    if not rows:
        raise NotFound(f"no claim {claim_id}")
    row = rows[0]
    found: list[Detected] = []
    prefixes: list[str] = [f"article:{row.article_id}|"]
    if row.subject_id is not None and row.measure is not None:
        status_sql, status_params = status_clause(ph)
        raw = _raw_subjects(ctx, [row.subject_id])
        raw_measures = _raw_measures(session, ctx, {row.measure}, raw)
        peers = fetch_rows(
            session,
            ctx,
            f"{status_sql} AND c.subject_id IN ({_ph_list(ph, len(raw))}) "
            f"AND c.measure IN ({_ph_list(ph, len(raw_measures))})",
            status_params + raw + raw_measures,
        )
        for key, bucket in buckets(peers).items():
            found.extend(detect_bucket(key, bucket, ctx))
        prefixes.append(f"{row.subject_id}|{row.measure}|")
    found.extend(article_findings(session, ctx, [row.article_id]))
    found = [d for d in found if d.severity >= ctx.min_severity or d.kind == "denial"]
    sync(session, found, scope_prefixes=prefixes)
    return found


# --------------------------------------------------------------------------
# Verdicts


def resolve(
    session: Session,
    finding_id: str,
    reason: str,
    note: str | None,
    actor: str,
) -> dict[str, Any]:
    """Record a verdict on a finding (applies while its claims stay unchanged)."""
    from provenance.store import record_event
    from schema.models import Finding

    if reason not in VERDICT_REASONS:
        raise InvalidInput(f"reason must be one of {', '.join(VERDICT_REASONS)}, not {reason!r}")
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFound(f"no conflict {finding_id}")
    _recheck_finding(session, finding)
    session.refresh(finding)
    if finding.closed_at is not None:
        raise InvalidInput(
            f"conflict {finding_id} is no longer detected (closed {finding.closed_at:%Y-%m-%d})"
        )
    before = {
        "verdict": finding.verdict,
        "note": finding.verdict_note,
        "fingerprint": finding.verdict_fingerprint,
    }
    stamp = _now()
    finding.verdict = reason
    finding.verdict_note = note
    finding.verdict_by = actor
    finding.verdict_at = stamp
    finding.verdict_fingerprint = finding.fingerprint
    session.add(finding)
    record_event(
        session,
        actor=actor,
        target_type="finding",
        target_id=finding_id,
        action="resolve",
        field="verdict",
        before=before,
        after={
            "verdict": reason,
            "note": note,
            "fingerprint": finding.fingerprint,
            "claim_ids": finding.claim_ids,
        },
        reason=note,
    )
    session.flush()
    return finding_record(finding)


def _recheck_finding(session: Session, finding: Any) -> None:
    """Bring one finding up to date before a verdict is recorded on it."""
    key: str = finding.question_key
    if key.startswith("article:"):
        article_id = int(key.split("|", 1)[0].split(":", 1)[1])
        ctx = load_context(session)
        found = article_findings(session, ctx, [article_id])
        sync(session, found, scope_prefixes=[f"article:{article_id}|"])
        return
    subject_id = int(key.split("|", 1)[0])
    measure = key.split("|")[1]
    refresh(session, subject_ids=[subject_id], measure=measure)


def finding_status(finding: Any) -> str:
    if finding.closed_at is not None:
        return "closed"
    if finding.verdict and finding.verdict_fingerprint == finding.fingerprint:
        return "resolved"
    return "open"


def finding_record(finding: Any) -> dict[str, Any]:
    verdict = None
    if finding.verdict:
        verdict = {
            "reason": finding.verdict,
            "note": finding.verdict_note,
            "by": finding.verdict_by,
            "at": finding.verdict_at,
            "applies": finding.verdict_fingerprint == finding.fingerprint,
        }
    return {
        "id": finding.id,
        "kind": finding.kind,
        "severity": round(finding.severity, 4),
        "status": finding_status(finding),
        "claim_ids": list(finding.claim_ids or []),
        "opened_at": finding.opened_at,
        "last_seen_at": finding.last_seen_at,
        "closed_at": finding.closed_at,
        "verdict": verdict,
    }


# --------------------------------------------------------------------------
# Listing and showing (the library side of `prov conflicts`)


def _subject_ids(session: Session, subject: str | None) -> list[int] | None:
    """The live entity only: questions already join the entities merged into it."""
    from provenance.names import subject_ids

    return None if subject is None else subject_ids(session, subject)[:1]


def _parse_since(since: str | date | None) -> int | None:
    if since is None:
        return None
    if isinstance(since, date):
        return since.toordinal()
    try:
        return date.fromisoformat(since).toordinal()
    except ValueError:
        raise InvalidInput(f"--since {since!r} is not a date (YYYY-MM-DD)") from None


def list_conflicts(
    session: Session,
    *,
    subject: str | None = None,
    measure: str | None = None,
    since: str | date | None = None,
    min_severity: float | None = None,
    include_resolved: bool = False,
    detail: bool = True,
    progress: Callable[[int, int], None] | None = None,
    read_ahead: bool = False,
    parallel: bool | None = False,
) -> FindingList:
    """Refresh findings in scope and return them as records, most severe first.

    ``since``: keep findings involving an article published (else ingested)
    on or after that date. ``min_severity`` defaults to the setting.
    ``read_ahead``: on PostgreSQL, read the next batches of claims on a
    second connection while this one detects and renders
    (``db.read_ahead``); only for a transaction that has not changed any
    claim, such as the command's own. ``parallel``: hand part of the
    buckets to a helper process (``conflicts_helper``; same condition);
    None decides by the number of buckets.

    One pass, batch by batch (see "Scale" in the module notes): detect,
    upsert, render the batch's findings to JSON in a temporary file, keep
    only their sort keys. The result reads them back in order.
    """
    from provenance.grades import resolved_claim_ids, source_grades

    ctx = load_context(session)
    if min_severity is not None:
        if not 0 <= min_severity <= 1:
            raise InvalidInput("--min-severity must be between 0 and 1")
        ctx.min_severity = min_severity
    since_ord = _parse_since(since)
    subject_ids = _subject_ids(session, subject)
    sources = source_grades(session)
    resolved = resolved_claim_ids(session)
    stamp = _now()
    out = FindingList()
    arithmetic_articles_seen: set[int] = set()
    from provenance import conflicts_helper

    wanted = None
    theirs: dict[int, set[str]] = {}
    helper = None
    total = 0
    if detail and parallel is not False:
        url = session.get_bind().engine.url.render_as_string(hide_password=False)
        if conflicts_helper.can_split(url):
            # Started before the candidate scan when the table is large, so
            # that its start-up overlaps the scan; sent away if not needed.
            if parallel or conflicts_helper.large(session):
                helper = conflicts_helper.spawn()
            try:
                wanted = wanted_buckets(session, ctx, subject_ids=subject_ids, measure=measure)
            except BaseException:
                if helper is not None:
                    helper.close()
                raise
            total = sum(len(ms) for ms in wanted.values())
            mine, theirs = conflicts_helper.split(wanted)
            if (
                helper is not None
                and theirs
                and (parallel or conflicts_helper.worth_splitting(wanted))
            ):
                task = conflicts_helper.Task(
                    url, theirs, ctx.min_severity, since_ord, subject_ids, measure
                )
                if helper.begin(task):
                    wanted = mine
                else:
                    helper.close()
                    helper = None
            elif helper is not None:
                helper.close()
                helper = None
    local_done = [0]

    def report(done: int, local_total: int) -> None:
        local_done[0] = done
        if progress is not None:
            progress(done + helper.done, total) if helper else progress(done, local_total)

    def take(batch: list[tuple[Any, str | None]]) -> None:
        """A helper's batch: upsert, then join stored state and body text."""
        upsert(session, [summary for summary, _ in batch], stamp)
        arithmetic_articles_seen.update(
            s.article_id for s, _ in batch if s.kind == "arithmetic" and s.article_id is not None
        )
        session.flush()
        bodies = {summary.id: body for summary, body in batch if body is not None}
        stored = _stored_findings(session, list(bodies))
        for summary, body in batch:
            if body is None:
                continue
            head = finding_record(stored[summary.id])
            if include_resolved or head["status"] == "open":
                key = (-summary.severity, -summary.newest, summary.id)
                out.add_text(_dumps(head)[:-1] + ", " + body[1:], key, head["status"])
        report(local_done[0], 0)

    def local(scope: dict[int, set[str]] | None, *, arithmetic: bool = True) -> None:
        for found in detect_batches(
            session,
            ctx,
            subject_ids=subject_ids,
            measure=measure,
            progress=report if progress is not None or helper else None,
            detail=detail,
            read_ahead=read_ahead,
            wanted=scope,
            arithmetic=arithmetic,
        ):
            if helper is not None:
                for batch in helper.ready():
                    take(batch)
            _list_batch(
                session, found, out, stamp, arithmetic_articles_seen,
                since_ord=since_ord, include_resolved=include_resolved, detail=detail,
                sources=sources, resolved=resolved,
            )  # fmt: skip

    try:
        # The helper, when there is one, also does the articles' arithmetic.
        local(wanted, arithmetic=helper is None)
        if helper is not None:
            for batch in helper.rest():
                take(batch)
    except conflicts_helper.HelperFailed:
        # A helper that failed before sending anything (it could not
        # connect, say) costs nothing: its share is done here instead.
        if helper is None or helper.taken:
            raise
        helper.close()
        helper = None
        local(theirs)
    finally:
        if helper is not None:
            helper.close()
    prefixes: list[str] | None = None
    if subject_ids is not None:
        norm = ctx.measure(measure) if measure else None
        prefixes = [f"{s}|{norm}|" if norm else f"{s}|" for s in subject_ids]
        prefixes += [f"article:{a}|" for a in sorted(arithmetic_articles_seen)]
    elif measure is not None:
        prefixes = []  # a measure-only scope: close nothing (cannot tell cheaply)
    close_unseen(session, stamp, prefixes)
    if detail:
        # Grades above used the verdicts as they stood before this run; a
        # verdict that stopped (or started) applying changes only the grades
        # of its own claims: recompute those few and patch them in.
        changed = resolved ^ resolved_claim_ids(session)
        if changed:
            from provenance.grades import credibility_for

            out.patch = credibility_for(session, sorted(changed))
    out.finish()
    return out


def _list_batch(
    session: Session,
    found: list[Detected],
    out: FindingList,
    stamp: datetime,
    arithmetic_articles_seen: set[int],
    *,
    since_ord: int | None,
    include_resolved: bool,
    detail: bool,
    sources: dict[int, str],
    resolved: set[int],
) -> None:
    """One batch of ``list_conflicts``: upsert, render, add to ``out``."""
    if not found:
        return
    upsert(session, found, stamp)
    arithmetic_articles_seen.update(
        d.article_id for d in found if d.kind == "arithmetic" and d.article_id is not None
    )
    if since_ord is not None:
        found = [d for d in found if d.newest >= since_ord]
    records = _render_batch(
        session,
        found,
        include_resolved=include_resolved,
        detail=detail,
        sources=sources,
        resolved=resolved,
    )
    for d, rec in records:
        out.add(rec, (-d.severity, -d.newest, d.id))


class FindingList(Sequence[dict[str, Any]]):
    """Rendered findings, most severe first, kept as JSON text in a temporary
    file; memory holds one sort key per finding, not the records.

    Iterating decodes one record at a time; ``texts()`` yields the JSON
    text itself (what ``prov conflicts --format json`` writes).
    """

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile()
        self._keys: list[tuple[float, int, str, int, int]] = []
        self._end = 0
        self.open_count = 0
        self.patch: dict[int, int] = {}

    def add(self, record: dict[str, Any], key: tuple[float, int, str]) -> None:
        self.add_text(_dumps(record), key, record.get("status"))

    def add_text(self, text: str, key: tuple[float, int, str], status: str | None) -> None:
        """A record already encoded by ``_dumps``, with its status."""
        data = text.encode()
        self._file.seek(self._end)
        self._file.write(data)
        self._keys.append((*key, self._end, len(data)))
        self._end += len(data)
        if status == "open":
            self.open_count += 1

    def finish(self) -> None:
        self._keys.sort()

    def __len__(self) -> int:
        return len(self._keys)

    def _text(self, i: int) -> str:
        *_, offset, length = self._keys[i]
        self._file.seek(offset)
        text = self._file.read(length).decode()
        if self.patch:
            record = json.loads(text)
            hit = False
            for pos in record.get("positions") or []:
                for claim in pos["claims"]:
                    if claim["id"] in self.patch:
                        claim["credibility"] = self.patch[claim["id"]]
                        hit = True
            if hit:
                text = _dumps(record)
        return text

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [json.loads(self._text(j)) for j in range(len(self))[i]]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return dict(json.loads(self._text(i)))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for i in range(len(self)):
            yield json.loads(self._text(i))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, FindingList)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"FindingList({list(self)!r})"

    def texts(self) -> Iterator[str]:
        """Each record as JSON text (``cli.output.dumps`` of the record), in order."""
        for i in range(len(self)):
            yield self._text(i)

    def close(self) -> None:
        self._file.close()


def _dumps(value: Any) -> str:
    return json.dumps(value, default=json_default, ensure_ascii=False)


def render(
    session: Session,
    found: Sequence[Detected],
    *,
    include_resolved: bool = False,
    detail: bool = True,
) -> list[dict[str, Any]]:
    """Records for ``found`` (stored state, positions, claim records), most severe first."""
    from provenance.grades import resolved_claim_ids, source_grades

    pairs = _render_batch(
        session,
        found,
        include_resolved=include_resolved,
        detail=detail,
        sources=source_grades(session) if detail else {},
        resolved=resolved_claim_ids(session) if detail else set(),
    )
    pairs.sort(key=lambda p: (-p[0].severity, -p[0].newest, p[0].id))
    return [rec for _, rec in pairs]


def _stored_findings(session: Session, ids: Sequence[str]) -> dict[str, Any]:
    """Stored columns of findings (plain rows, no ORM instances)."""
    from sqlmodel import col, select

    from schema.models import Finding

    cols: tuple[Any, ...] = (
        Finding.id, Finding.kind, Finding.severity, Finding.claim_ids, Finding.fingerprint,
        Finding.opened_at, Finding.last_seen_at, Finding.closed_at, Finding.verdict,
        Finding.verdict_note, Finding.verdict_by, Finding.verdict_at, Finding.verdict_fingerprint,
    )  # fmt: skip
    stored: dict[str, Any] = {}
    conn = session.connection()
    for i in range(0, len(ids), 500):
        for row in conn.execute(
            select(*cols).where(_id_in(session, col(Finding.id), ids[i : i + 500]))  # type: ignore[call-overload]
        ):
            stored[row.id] = row
    return stored


def _render_batch(
    session: Session,
    found: Sequence[Detected],
    *,
    include_resolved: bool,
    detail: bool,
    sources: dict[int, str],
    resolved: set[int],
) -> list[tuple[Detected, dict[str, Any]]]:
    """(finding, record) for the findings of one batch, unsorted."""
    session.flush()
    unique: dict[str, Detected] = {}
    for d in found:
        unique.setdefault(d.id, d)
    stored = _stored_findings(session, list(unique))
    chosen = [
        d for d in unique.values() if include_resolved or finding_status(stored[d.id]) == "open"
    ]
    if not detail:
        return [(d, {**finding_record(stored[d.id]), "question_key": d.key}) for d in chosen]
    if not chosen:
        return []
    return [
        (d, {**finding_record(stored[d.id]), **body})
        for d, body in render_bodies(session, chosen, sources, resolved)
    ]


def render_bodies(
    session: Session,
    chosen: Sequence[Detected],
    sources: dict[int, str],
    resolved: set[int],
) -> list[tuple[Detected, dict[str, Any]]]:
    """The part of each finding's record that does not depend on its stored
    state: ``question``, ``positions`` (with claim records) and ``why``."""
    grades = _grades_for(session, chosen, sources, resolved)
    claim_ids = sorted({r.id for d in chosen for pos in d.positions for r in pos})
    rows = {r.id: r for d in chosen for pos in d.positions for r in pos}
    records = _claim_records(session, claim_ids, grades, rows)
    subjects = _names(session, "entity", {d.question.subject_id for d in chosen if d.question})
    out = []
    for d in chosen:
        q = d.question
        first = d.rows[0]
        question = {
            "key": d.key,
            "subject": subjects.get(q.subject_id)
            if q
            else records.get(first.id, {}).get("subject"),
            "subject_id": q.subject_id if q else first.subject_id,
            "measure": q.measure if q else first.measure,
            "unit": q.unit_class if q else first.unit_class,
            "place": (q.rows[0].place_text if q and q.place else None) if q else None,
            "window": {"start": _iso(q.start), "end": _iso(q.end)} if q else None,
            "article_id": d.article_id,
        }
        positions = [
            {
                # Arithmetic "positions" are a stated figure and the figures
                # it is checked against, not a clique: no common interval.
                "interval": None if d.kind == "arithmetic" else _position_interval(pos),
                "claims": [records[r.id] for r in pos if r.id in records],
            }
            for pos in d.positions
        ]
        out.append((d, {"question": question, "positions": positions, "why": d.why}))
    return out


def _iso(value: float) -> str | None:
    return None if math.isinf(value) else date.fromordinal(int(value)).isoformat()


def _position_interval(pos: Sequence[Row]) -> list[float | None]:
    if not pos or not pos[0].has_value:
        return [None, None]
    lows = [r.low for r in pos if r.low is not None]
    highs = [r.high for r in pos]
    low = max(lows) if lows else None
    high = None if any(h is None for h in highs) else min(h for h in highs if h is not None)
    return [low, high]


def _grades_for(
    session: Session,
    chosen: Sequence[Detected],
    sources: dict[int, str] | None = None,
    resolved: set[int] | None = None,
) -> dict[int, int]:
    from provenance.grades import credibility_for, grade_rows, resolved_claim_ids, source_grades

    sources = source_grades(session) if sources is None else sources
    resolved = resolved_claim_ids(session) if resolved is None else resolved
    out: dict[int, int] = {}
    arithmetic: list[int] = []
    for d in chosen:
        targets = [r for pos in d.positions for r in pos]
        if d.kind == "arithmetic":
            arithmetic.extend(r.id for r in targets)
            continue
        peers = {r.id: d.peers for r in targets}
        out.update(grade_rows(targets, peers, sources, resolved))
    if arithmetic:
        out.update(
            credibility_for(
                session,
                [i for i in arithmetic if i not in out],
                sources=sources,
                resolved=resolved,
            )
        )
    return out


_CLAIM_FIELDS = (
    "id", "article_id", "quote", "start_offset", "end_offset", "sentence", "subject_id",
    "subject_text", "measure", "value_text", "low", "high", "unit", "approx", "as_of",
    "place", "hedge", "hedge_cues", "polarity", "status", "origin_kind",
)  # fmt: skip
# The attributes ``store.build_claim_records`` reads (no ORM instance).
_ClaimView = namedtuple("_ClaimView", _CLAIM_FIELDS)  # type: ignore[misc]  # noqa: PYI024


def _claim_records(
    session: Session,
    ids: Sequence[int],
    grades: dict[int, int],
    rows: dict[int, Row] | None = None,
) -> dict[int, dict[str, Any]]:
    """SPEC claim records (via store.build_claim_records) plus article, outlet
    and review state. Claims whose row in ``rows`` was read with
    ``detail=True`` are built from it; the others are read here the same way."""
    from provenance.store import build_claim_records

    rows = rows or {}
    have = [rows[i] for i in ids if i in rows and rows[i].extra is not None]
    missing = [i for i in ids if i not in rows or rows[i].extra is None]
    step = id_chunk(session)
    for i in range(0, len(missing), step):
        # Only the claims' own columns are read from these rows, so the
        # run's settings, lexicon and merges do not matter: a bare Context.
        in_sql, in_params = in_clause(session, "c.id", missing[i : i + step])
        have.extend(fetch_rows(session, Context(), in_sql, in_params, detail=True))
    views = [_row_view(r) for r in have]
    chains = {r.id: list(r.links) for r in have}
    articles: dict[int, tuple[Any, Any, Any]] = {}
    for r in have:
        title, published, outlet = r.extra[_X_TITLE:]  # type: ignore[index]
        articles[r.article_id] = (title, _day_text(published), outlet)
    sources = _names(session, "source", {s for chain in chains.values() for s in chain})
    subjects = _names(session, "entity", {v.subject_id for v in views if v.subject_id})
    named = {cid: [sources[s] for s in chain] for cid, chain in chains.items()}
    out: dict[int, dict[str, Any]] = {}
    for rec in build_claim_records(views, named, subjects, grades):
        title, published, outlet = articles.get(rec["article_id"], (None, None, None))
        rec["article"] = {
            "id": rec["article_id"],
            "title": title,
            "published": published,
            "outlet": outlet,
        }
        rec["unreviewed"] = rec["status"] == "candidate"
        out[rec["id"]] = rec
    # In the order asked for (the records of a position follow it anyway).
    return {i: out[i] for i in ids if i in out}


_X_TITLE = 6  # position of a.title in questions.DETAIL_COLUMNS


def _row_view(row: Row) -> Any:
    """A claim view (the attributes build_claim_records reads) from a detail row."""
    quote, end_offset, sentence, value_text, cues, origin_kind = row.extra[:_X_TITLE]  # type: ignore[index]
    if isinstance(cues, str):
        cues = [] if cues == "[]" else json.loads(cues)
    return _ClaimView._make((
        row.id, row.article_id, quote, row.offset, end_offset, sentence, row.raw_subject_id,
        row.subject_text, row.raw_measure, value_text, row.low, row.high, row.unit, row.approx,
        row.as_of, row.place_text, row.hedge, cues, row.polarity, row.status, origin_kind,
    ))  # fmt: skip


def _day_text(published: Any) -> Any:
    return published[:10] if isinstance(published, str) else published


def _names(session: Session, table: str, ids: set[int]) -> dict[int, str]:
    """``name`` by id for rows of ``table`` (source or entity)."""
    out: dict[int, str] = {}
    id_list = sorted(ids)
    step = id_chunk(session)
    for i in range(0, len(id_list), step):
        in_sql, in_params = in_clause(session, "id", id_list[i : i + step])
        out.update(raw_rows(session, f"SELECT id, name FROM {table} WHERE {in_sql}", in_params))
    return out


def show_conflict(session: Session, finding_id: str) -> dict[str, Any]:
    """One finding with why its claims share a question and why they conflict."""
    from schema.models import Finding

    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFound(f"no conflict {finding_id}")
    _recheck_finding(session, finding)
    session.refresh(finding)
    ctx = load_context(session)
    found = _detected_for(session, ctx, finding)
    if found is None:
        record = finding_record(finding)
        record["question"] = {"key": finding.question_key}
        record["positions"] = []
        record["explanation"] = {"note": "no longer detected: the claims changed or were rejected"}
        return record
    record = render(session, [found], include_resolved=True)[0]
    record["explanation"] = explain(session, found)
    return record


def _detected_for(session: Session, ctx: Context, finding: Any) -> Detected | None:
    key: str = finding.question_key
    if key.startswith("article:"):
        article_id = int(key.split("|", 1)[0].split(":", 1)[1])
        found = article_findings(session, ctx, [article_id])
    else:
        found = detect(
            session, ctx, subject_ids=[int(key.split("|", 1)[0])], measure=key.split("|")[1]
        )
    for d in found:
        if d.id == finding.id:
            return d
    return None


def explain(session: Session, d: Detected) -> dict[str, Any]:
    """Which names, measure rules and windows put the claims on one question."""
    from sqlmodel import col, select

    from schema.models import Entity

    rows = d.rows
    raw_subjects = sorted({r.raw_subject_id for r in rows if r.raw_subject_id is not None})
    names = (
        {e.id: e.name for e in session.exec(select(Entity).where(col(Entity.id).in_(raw_subjects)))}
        if raw_subjects
        else {}
    )
    subject_rules = sorted(
        {
            (
                r.subject_text or "",
                names.get(r.raw_subject_id or -1, ""),
                r.raw_subject_id != r.subject_id,
            )
            for r in rows
        }
    )
    measure_rules = sorted(
        {
            (r.measure_text or r.raw_measure or "", r.raw_measure or "", r.measure or "")
            for r in rows
        }
    )
    return {
        "same_question": {
            "subject": [
                {"as_written": text, "entity": entity, "via_merge": merged}
                for text, entity, merged in subject_rules
            ],
            "measure": [
                {"as_written": text, "stored": stored, "normalised": norm}
                for text, stored, norm in measure_rules
            ],
            "unit_class": rows[0].unit_class,
            "place": sorted({r.place_text or "(any)" for r in rows}),
            "windows": [
                {"claim_id": r.id, **r.window_text(), "as_of": r.as_of}
                for r in sorted(rows, key=lambda r: r.id)
            ],
        },
        "conflict": d.why,
        "rule": _RULES[d.kind],
    }


_RULES = {
    "interval": "value intervals are disjoint on one question, across articles",
    "date": "dates/years are disjoint on one question, across articles",
    "denial": "one claim affirms what another denies",
    "internal": "two claims of one article on one question are disjoint",
    "arithmetic": "the article's own figures do not give its stated ratio or total",
}


def unresolved_count(session: Session) -> int:
    from sqlalchemy import text

    return int(
        session.execute(
            text(
                "SELECT count(*) FROM finding WHERE closed_at IS NULL AND "
                "(verdict IS NULL OR verdict_fingerprint IS NULL OR verdict_fingerprint <> fingerprint)"
            )
        ).scalar_one()
    )


__all__ = [
    "KINDS",
    "Detected",
    "FindingList",
    "close_unseen",
    "detect",
    "detect_article",
    "detect_batches",
    "detect_bucket",
    "detect_question",
    "finding_id",
    "finding_status",
    "fingerprint",
    "list_conflicts",
    "pair_conflict",
    "positions",
    "recheck_claim",
    "refresh",
    "resolve",
    "show_conflict",
    "sync",
    "unresolved_count",
    "upsert",
    "values_disjoint",
]
