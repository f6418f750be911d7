"""Grouping claims into questions (SPEC section 5).

Two claims address the same question when their subjects resolve to the same
entity, their measures normalise to the same measure, their units are
compatible, their places do not differ, and their as_of windows overlap.
The last two relations are not transitive ("Syria" and "Iraq" both match a
claim with no place; Jan–Feb overlaps Feb–Mar which does not overlap Jan),
so questions are formed in three precise steps:

1. **Bucket** by the transitive part of the key: (resolved subject,
   normalised measure, unit class). The subject follows
   ``Entity.merged_into_id`` to the surviving entity; the measure goes
   through the lexicon (``provenance.extract.measures``: ``DEFAULT_MEASURES``
   plus the ``measure_alias`` table), except ``recruits:<part>`` measures,
   which are kept as written so that parts never merge with totals. Unit
   classes: ``count`` (also a missing unit), one class per ISO 4217 code
   (SYP never meets USD), ``percent``, ``ratio``, ``time`` (``year`` and
   ``date`` compared as day ranges: 2016 is 2016-01-01..2016-12-31), and
   ``none`` for claims without a value (assertions such as a denial).
   Claims without a subject or a measure are on no question.
2. **Place slots**: places are compared folded (``provenance.names.fold``).
   If no claim in the bucket names a place, the bucket is one slot. Else
   there is one slot per named place P, holding the claims placed at P *and*
   every claim without a place (an unplaced claim may be about any of them,
   so it takes part in each).
3. **Window components**: each claim has a window of days, its
   ``as_of_start..as_of_end``, else its article's publication date ± the
   ``as_of_window_days`` setting, else its ingestion date ± that window,
   else unbounded. Claims whose value is a year or a date (founding year)
   date a fixed event, so they are timeless: their window is unbounded
   (extractors often set as_of to the year itself). Within a slot, claims are swept in order of window start
   into connected components of the overlap graph; each component is one
   **question**. The conflict finder then only pairs claims whose own
   windows overlap (``same_question``), so a chain Jan → Jun of overlapping
   windows never makes a January figure a rival of a June one.

A question's ``key`` (used for stable finding ids) is
``subject|measure|unit class|place or *|anchor`` where the anchor is the
window start of the question's lowest-id claim: adding later claims keeps
the key (and so the finding id and its verdict history) stable.

Rejected and retracted claims take no part; candidates do (and are marked
unreviewed in output).

Claims are read with raw SQL (no ORM objects) as compact ``Row`` objects;
``fetch_rows`` reads the chains of a batch's claims in one ``claim_link``
query per 500 claims, never one per claim.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

ACTIVE_STATUSES = ("candidate", "confirmed")
INF = math.inf
TIME_UNITS = ("year", "date")


# --------------------------------------------------------------------------
# Rows


@dataclass(slots=True, eq=False)
class Row:
    """A claim as the conflict finder sees it."""

    id: int
    article_id: int
    subject_id: int | None  # resolved through merges
    raw_subject_id: int | None
    subject_text: str | None
    measure: str | None  # normalised
    raw_measure: str | None
    measure_text: str | None
    place: str | None  # folded
    place_text: str | None
    unit: str | None
    unit_class: str
    low: float | None
    high: float | None
    lo: float  # comparable bounds (days for time units)
    hi: float
    approx: str | None
    polarity: str
    hedge: str
    status: str
    version: int
    origin: int | None
    chain: frozenset[int]
    outlet: int | None
    start: float  # window, as proleptic ordinals (-inf/inf when unknown)
    end: float
    window_from: str  # as_of | published | ingested | unknown
    as_of: str | None
    published: int | None  # ordinal
    offset: int = 0
    # Filled only by ``fetch_rows(detail=True)``: the chain's source ids in
    # order (origin last), and the DETAIL_COLUMNS values, so a conflict's
    # claim records need no second read of its claims.
    links: tuple[int, ...] = ()
    extra: tuple[Any, ...] | None = None

    @property
    def has_value(self) -> bool:
        return self.unit_class != "none"

    def window_text(self) -> dict[str, Any]:
        return {"start": _ord_iso(self.start), "end": _ord_iso(self.end), "from": self.window_from}


def _ord_iso(value: float) -> str | None:
    if math.isinf(value):
        return None
    return date.fromordinal(int(value)).isoformat()


def unit_class(unit: str | None, low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return "none"
    if unit is None or unit == "count":
        return "count"
    if unit in TIME_UNITS:
        return "time"
    if unit in ("percent", "ratio"):
        return unit
    return unit.upper()


def comparable_bounds(
    unit: str | None, low: float | None, high: float | None
) -> tuple[float, float]:
    """Bounds on one scale per class: years become day ranges."""
    if unit == "year":
        lo = -INF if low is None else _year_ord(low, first=True)
        hi = INF if high is None else _year_ord(high, first=False)
        return lo, hi
    return (-INF if low is None else float(low)), (INF if high is None else float(high))


def _year_ord(year: float, *, first: bool) -> float:
    y = int(year)
    if not 1 <= y <= 9999:
        return float(y * 365)
    return float(date(y, 1, 1).toordinal() if first else date(y, 12, 31).toordinal())


# --------------------------------------------------------------------------
# Run context: settings, lexicon, merges (each read once per run)


@dataclass
class Context:
    window_days: int = 30
    tolerance: float = 0.10
    min_severity: float = 0.0
    lexicon: dict[str, str] = field(default_factory=dict)
    live: dict[int, int] = field(default_factory=dict)  # merged entity -> survivor
    distinct_measures: list[str] | None = None  # cached per run
    _measure_cache: dict[str | None, str | None] = field(default_factory=dict)

    def measure(self, raw: str | None) -> str | None:
        try:
            return self._measure_cache[raw]
        except KeyError:
            pass
        value = normalise_measure(raw, self.lexicon)
        self._measure_cache[raw] = value
        return value

    def subject(self, raw: int | None) -> int | None:
        if raw is None:
            return None
        return self.live.get(raw, raw)


def normalise_measure(raw: str | None, lexicon: dict[str, str]) -> str | None:
    """The measure a claim is compared on; ``recruits:<part>`` stays as written."""
    if raw is None:
        return None
    text = " ".join(raw.lower().split())
    if not text:
        return None
    if ":" in text:
        return text
    if text in lexicon:
        return lexicon[text]
    normaliser = _normaliser()
    if normaliser is None:
        return text
    return normaliser(text, lexicon) or text


def _normaliser() -> Callable[[str, dict[str, str]], str | None] | None:
    try:
        from provenance.extract.measures import normalise
    except ImportError:  # the extraction issue not landed yet: identity
        return None
    return normalise


def load_lexicon(session: Session) -> dict[str, str]:
    loader: Any
    try:
        from provenance.extract.measures import load_lexicon as loader
    except ImportError:
        loader = None
    if loader is not None:
        return dict(loader(session))
    from sqlmodel import select

    from schema.models import MeasureAlias

    return {row.word.lower(): row.measure for row in session.exec(select(MeasureAlias)).all()}


def merged_map(session: Session) -> dict[int, int]:
    """Every merged entity id -> the id of the entity it finally merged into."""
    from sqlalchemy import text

    pairs = dict(
        session.execute(
            text("SELECT id, merged_into_id FROM entity WHERE merged_into_id IS NOT NULL")
        ).all()
    )
    out: dict[int, int] = {}
    for start in pairs:
        seen = {start}
        cur = pairs[start]
        while cur in pairs and cur not in seen:
            seen.add(cur)
            cur = pairs[cur]
        out[start] = cur
    return out


def load_context(session: Session) -> Context:
    from provenance import settings

    values = settings.load(session)
    return Context(
        window_days=int(values["as_of_window_days"]),
        tolerance=float(values["tolerance"]),
        min_severity=float(values["min_severity"]),
        lexicon=load_lexicon(session),
        live=merged_map(session),
    )


# --------------------------------------------------------------------------
# Loading rows with raw SQL


def placeholder(session: Session) -> str:
    return "?" if session.get_bind().dialect.name == "sqlite" else "%s"


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _chain_sql(session: Session) -> str:
    if is_sqlite(session):
        return "(SELECT group_concat(l.source_id) FROM claim_link l WHERE l.claim_id = c.id)"
    return "(SELECT string_agg(l.source_id::text, ',') FROM claim_link l WHERE l.claim_id = c.id)"


SELECT_COLUMNS = (
    "c.id, c.article_id, c.subject_id, c.subject_text, c.measure, c.measure_text, c.place, "
    "c.unit, c.low, c.high, c.approx, c.polarity, c.hedge, c.status, c.version, "
    "c.origin_source_id, c.as_of, c.as_of_start, c.as_of_end, a.published, a.ingested_at, "
    "o.source_id, c.start_offset, {chain}"
)
_N_COLUMNS = SELECT_COLUMNS.count(",") + 1
# What a claim record needs beyond a Row (see ``conflicts._claim_records``).
DETAIL_COLUMNS = (
    "c.quote, c.end_offset, c.sentence, c.value_text, c.hedge_cues{cast}, c.origin_kind, "
    "a.title, a.published, o.name"
)


def row_query(
    session: Session,
    where: str,
    order: str | None = "c.subject_id, c.measure, c.id",
    *,
    with_chain: bool = True,
    detail: bool = False,
) -> str:
    chain = _chain_sql(session) if with_chain else "NULL"
    columns = SELECT_COLUMNS.format(chain=chain)
    if detail:
        # hedge_cues as text on PostgreSQL too (decoded only when non-empty).
        columns += ", " + DETAIL_COLUMNS.format(cast="" if is_sqlite(session) else "::text")
    return (
        f"SELECT {columns} FROM claim c "
        "JOIN article a ON a.id = c.article_id LEFT JOIN outlet o ON o.id = a.outlet_id "
        f"WHERE {where}" + (f" ORDER BY {order}" if order else "")
    )


def in_clause(session: Session, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """``column IN (...)`` for raw SQL: one placeholder per value on SQLite; on
    PostgreSQL ``= ANY(array)``, one parameter, so the statement text stays
    short and the driver converts it once (a 500-placeholder IN list is
    re-parsed by psycopg on every call)."""
    return _in_clause(is_sqlite(session), column, values)


def _in_clause(sqlite: bool, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    if sqlite:
        return f"{column} IN ({', '.join(['?'] * len(values))})", list(values)
    return f"{column} = ANY(%s)", [list(values)]


def id_chunk(session: Session) -> int:
    """Ids per IN list: SQLite binds each one; PostgreSQL sends one array."""
    return _id_chunk(is_sqlite(session))


def _id_chunk(sqlite: bool) -> int:
    return 500 if sqlite else 5000


def status_clause(ph: str) -> tuple[str, list[Any]]:
    # ``|| ''`` keeps planners off the (status, subject_id) index: almost every
    # claim is active, so the selective index is (subject_id, measure) or id.
    return f"(c.status || '') IN ({ph}, {ph})", list(ACTIVE_STATUSES)


def raw_rows(session: Session, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """All rows of a raw query (driver placeholders) as plain tuples.

    Straight on the DBAPI cursor of the session's connection (same
    transaction): SQLAlchemy's per-row result wrapping costs more than the
    query itself on the conflict finder's hot paths. No type processing
    happens either way (``exec_driver_sql`` does none).
    """
    from provenance.db import dbapi_rows

    return dbapi_rows(session.connection().connection, sql, params)


# A way to run a raw query (driver placeholders) and get all its rows: the
# session's own connection (``raw_rows``), or another one (``db.read_ahead``).
Runner = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def fetch_rows(
    session: Session,
    ctx: Context,
    where: str,
    params: Sequence[Any],
    *,
    order: str | None = None,
    detail: bool = False,
) -> list[Row]:
    """Rows for the claims matching a raw WHERE (driver placeholders), unordered
    unless ``order`` is given. Chains come from one ``claim_link`` query per
    500 claims (a correlated aggregate per row costs several times more).

    ``detail``: also read DETAIL_COLUMNS into ``Row.extra`` (and the ordered
    chain into ``Row.links``), in the same query."""
    sql = row_query(session, where, order, with_chain=False, detail=detail)
    raw, links = read_claims(
        lambda q, p: raw_rows(session, q, p), is_sqlite(session), sql, params, ordered=detail
    )
    return build_rows(ctx, raw, links, detail=detail)


def read_claims(
    run: Runner, sqlite: bool, sql: str, params: Sequence[Any], *, ordered: bool = False
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The database half of ``fetch_rows``: the rows of a ``row_query``
    (without chains) and the (claim_id, source_id) links of their claims,
    in chain order when ``ordered``. Only plain tuples, so it can run on
    another connection in another thread (``db.read_ahead``)."""
    rows = run(sql, params)
    # Sorted ids: the IN list walks the (claim_id, position) key in order.
    ids = sorted({r[0] for r in rows})
    links: list[tuple[Any, ...]] = []
    step = _id_chunk(sqlite)
    for i in range(0, len(ids), step):
        where, in_params = _in_clause(sqlite, "claim_id", ids[i : i + step])
        query = f"SELECT claim_id, source_id FROM claim_link WHERE {where}"
        if ordered:
            query += " ORDER BY claim_id, position"
        links.extend(run(query, in_params))
    return rows, links


def build_rows(
    ctx: Context,
    raw: Sequence[Sequence[Any]],
    links: Iterable[Sequence[Any]],
    *,
    detail: bool = False,
) -> list[Row]:
    """The Python half of ``fetch_rows``: ``Row`` objects with their chains
    (and, with ``detail``, ``extra`` and ordered ``links``)."""
    if detail:
        rows = []
        for r in raw:
            row = make_row(ctx, r[:_N_COLUMNS])
            row.extra = tuple(r[_N_COLUMNS:])
            rows.append(row)
    else:
        rows = [make_row(ctx, r) for r in raw]
    chains: dict[int, list[int]] = {}
    for claim_id, source_id in links:
        hit = chains.get(claim_id)
        if hit is None:
            chains[claim_id] = [source_id]
        else:
            hit.append(source_id)
    empty: frozenset[int] = frozenset()
    for row in rows:
        hit = chains.get(row.id)
        row.chain = frozenset(hit) if hit else empty
        if detail and hit:
            row.links = tuple(hit)
    return rows


def stream_rows(
    session: Session, ctx: Context, where: str, params: Sequence[Any], *, order: str | None = None
) -> Iterator[Row]:
    sql = row_query(session, where, order or "c.subject_id, c.measure, c.id")
    conn = session.connection().execution_options(stream_results=True, yield_per=2000)
    for r in conn.exec_driver_sql(sql, tuple(params)):
        yield make_row(ctx, r)


def subject_order_sql(ctx: Context) -> str:
    """ORDER BY expression on the *resolved* subject (merged ids mapped to survivors)."""
    if not ctx.live:
        return "c.subject_id"
    cases = " ".join(f"WHEN {int(a)} THEN {int(b)}" for a, b in sorted(ctx.live.items()))
    return f"CASE c.subject_id {cases} ELSE c.subject_id END"


_DAY_CACHE: dict[Any, int | None] = {}


def _ordinal(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().toordinal()
    if isinstance(value, date):
        return value.toordinal()
    key = value[:10]
    hit = _DAY_CACHE.get(key)
    if hit is None:
        try:
            hit = date.fromisoformat(key).toordinal()
        except ValueError:
            return None
        if len(_DAY_CACHE) < 100_000:
            _DAY_CACHE[key] = hit
    return hit


def make_row(ctx: Context, r: Sequence[Any]) -> Row:
    (
        cid, article_id, subject_id, subject_text, measure, measure_text, place,
        unit, low, high, approx, polarity, hedge, status, version,
        origin, as_of, as_of_start, as_of_end, published, ingested_at,
        outlet, offset, chain,
    ) = r  # fmt: skip
    uclass = unit_class(unit, low, high)
    lo, hi = comparable_bounds(unit, low, high) if uclass != "none" else (-INF, INF)
    pub = _ordinal(published)
    start_o = _ordinal(as_of_start)
    w = ctx.window_days
    if uclass == "time":
        # A year or date value dates a fixed event (a founding): the claim is
        # timeless, and its as_of (often the year itself) must not separate it.
        start, end, window_from = -INF, INF, "timeless"
    elif start_o is not None:
        end_o = _ordinal(as_of_end)
        start, end, window_from = (
            float(start_o),
            float(end_o if end_o is not None else start_o),
            "as_of",
        )
    elif pub is not None:
        start, end, window_from = float(pub - w), float(pub + w), "published"
    else:
        ing = _ordinal(ingested_at)
        if ing is not None:
            start, end, window_from = float(ing - w), float(ing + w), "ingested"
        else:
            start, end, window_from = -INF, INF, "unknown"
    # Positional (field order): keyword construction of 30 fields costs more.
    return Row(
        cid,
        article_id,
        ctx.live.get(subject_id, subject_id) if subject_id is not None else None,
        subject_id,
        subject_text,
        ctx.measure(measure),
        measure,
        measure_text,
        _fold_place(place) if place else None,
        place,
        unit,
        uclass,
        low,
        high,
        lo,
        hi,
        approx,
        polarity,
        hedge,
        status,
        version,
        origin,
        frozenset(int(x) for x in chain.split(",")) if chain else _EMPTY,
        outlet,
        start,
        end,
        window_from,
        as_of,
        pub,
        offset or 0,
    )


_EMPTY: frozenset[int] = frozenset()
_PLACE_CACHE: dict[str, str | None] = {}


def _fold_place(place: str | None) -> str | None:
    if not place:
        return None
    hit = _PLACE_CACHE.get(place)
    if hit is None:
        from provenance.names import fold

        hit = fold(place) or None
        if len(_PLACE_CACHE) < 100_000:
            _PLACE_CACHE[place] = hit
    return hit


# --------------------------------------------------------------------------
# Questions


BucketKey = tuple[int, str, str]


def bucket_key(row: Row) -> BucketKey | None:
    if row.subject_id is None or row.measure is None:
        return None
    return (row.subject_id, row.measure, row.unit_class)


def buckets(rows: Iterable[Row]) -> dict[BucketKey, list[Row]]:
    out: dict[BucketKey, list[Row]] = {}
    for row in rows:
        key = bucket_key(row)
        if key is not None:
            out.setdefault(key, []).append(row)
    return out


def places_compatible(a: Row, b: Row) -> bool:
    return a.place is None or b.place is None or a.place == b.place


def windows_overlap(a: Row, b: Row) -> bool:
    return a.start <= b.end and b.start <= a.end


def same_question(a: Row, b: Row) -> bool:
    """The pairwise relation of SPEC 5 (not transitive)."""
    return (
        a.subject_id is not None
        and a.subject_id == b.subject_id
        and a.measure is not None
        and a.measure == b.measure
        and a.unit_class == b.unit_class
        and places_compatible(a, b)
        and windows_overlap(a, b)
    )


@dataclass
class Question:
    subject_id: int
    measure: str
    unit_class: str
    place: str | None
    rows: list[Row]

    @property
    def start(self) -> float:
        return min(r.start for r in self.rows)

    @property
    def end(self) -> float:
        return max(r.end for r in self.rows)

    @property
    def key(self) -> str:
        first = min(self.rows, key=lambda r: r.id)
        anchor = _ord_iso(first.start) or "*"
        return f"{self.subject_id}|{self.measure}|{self.unit_class}|{self.place or '*'}|{anchor}"

    def common_window(self) -> bool:
        """Whether every pair of claims here has overlapping windows."""
        return max(r.start for r in self.rows) <= min(r.end for r in self.rows)


def bucket_prefix(subject_id: int, measure: str) -> str:
    return f"{subject_id}|{measure}|"


def form_questions(key: BucketKey, rows: Sequence[Row]) -> list[Question]:
    """Place slots, then window components (see the module notes)."""
    subject_id, measure, uclass = key
    places = sorted({r.place for r in rows if r.place is not None})
    slots: list[tuple[str | None, list[Row]]]
    if not places:
        slots = [(None, list(rows))]
    else:
        slots = [(p, [r for r in rows if r.place is None or r.place == p]) for p in places]
    out: list[Question] = []
    for place, slot_rows in slots:
        ordered = sorted(slot_rows, key=lambda r: (r.start, r.id))
        current: list[Row] = []
        reach = -INF
        for row in ordered:
            if current and row.start > reach:
                out.append(Question(subject_id, measure, uclass, place, current))
                current = []
                reach = -INF
            current.append(row)
            reach = max(reach, row.end)
        if current:
            out.append(Question(subject_id, measure, uclass, place, current))
    return out


__all__ = [
    "ACTIVE_STATUSES",
    "Context",
    "Question",
    "Row",
    "bucket_key",
    "bucket_prefix",
    "buckets",
    "build_rows",
    "fetch_rows",
    "form_questions",
    "in_clause",
    "raw_rows",
    "read_claims",
    "load_context",
    "normalise_measure",
    "same_question",
    "stream_rows",
    "unit_class",
    "windows_overlap",
]
