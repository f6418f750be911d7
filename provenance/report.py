"""The weekly corroboration report: one dict, rendered as markdown, JSON or HTML.

Design notes
------------
* ``weekly_report`` builds a plain, JSON-ready dict; renderers only format
  it. The terminal (Rich) renderer lives in ``cli/report.py`` because
  provenance/ never imports rich; markdown, JSON and HTML live here so other
  tools can produce the same documents without the CLI.
* **Weeks** are ISO 8601 weeks ("2025-W06", Monday to Sunday, UTC). The
  default is the last *complete* week before "today"; ``today`` is a
  parameter so tests can pin it. Week 53 exists only in long years and is
  refused elsewhere.
* **Which week a thing belongs to** (``by``): ``published`` puts an article
  and its claims in the week of the article's publication date (articles
  without a date are left out and counted as ``undated``); ``ingested``
  uses the time the article was stored and the time each claim was created.
  Conflicts follow the same axis: by ``ingested`` a conflict opens when the
  conflict finder first saw it; by ``published`` it opens on the day its
  disagreeing figures had both been published (``_published_openings``), so
  a backfill of last year's articles shows each conflict in the week it
  appeared in print, not the week it was ingested. Reviews, verdicts and
  closings are prov's own acts and are always placed by their timestamps.
* **Every figure has a delta**: the same function runs for the week and for
  the one before, and each figure is ``{"value", "previous", "delta"}``.
  Lists (conflicts, newly corroborated claims, claims to chase) are given
  for the report week only.
* **Fresh findings**: the ``finding`` table is what ``prov conflicts`` last
  computed. ``prov report`` refreshes it by running the conflict finder in a
  write transaction first (``refresh_findings``), because a report that
  silently omits this week's conflicts is worse than a report that takes a
  second longer; ``--no-refresh`` reads the table as it is (e.g. on a
  read-only replica). The library function itself never writes.
* **Open at a moment**: a finding is open at T when it was opened before T,
  not closed by then (``closed_at``), and has no verdict that still applies
  (a verdict applies while its fingerprint matches the finding's claims).
* **Conflicts, corroboration and grades are not computed here**: they come
  from ``provenance.conflicts`` (the ``finding`` table and its
  ``list_conflicts``), ``provenance.corroboration`` (``corroborators``: for
  each claim, the claims from independent origins that agree with it) and
  ``provenance.grades`` (``credibility_for``). If one of those modules is not
  importable the report says so in ``notes`` and leaves that section empty,
  rather than inventing a second definition of "corroborated".
* A claim **became corroborated** at the later of its own time and the time
  of its earliest independent agreeing claim (``corroborators`` from
  ``provenance.corroboration``, or that module's ``agrees``/``independent``
  over ``provenance.questions`` rows); the report lists those whose moment
  falls in the week. **Claims worth chasing** are exactly what
  ``prov uncorroborated --min-age N`` lists as of the week's last day
  (``corroboration.uncorroborated``: one row per origin and question, aged
  by first publication), the ones carried by the most outlets first,
  because a figure many outlets repeat from one origin is the one most
  easily mistaken for a confirmed fact. Both use what is known now.
* Article-derived text (quotes, titles, names) is untrusted: markdown
  escapes it, HTML goes through Jinja2 with autoescaping and charts are SVG
  built by pygal (an XML serializer escapes their labels; pygal's inline
  config script is stripped, so the document carries no script at all and
  makes no network request when viewed).
"""

from __future__ import annotations

import importlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from provenance.errors import InvalidInput
from provenance.store import claim_records
from schema.enums import CLAIM_STATUSES, CREDIBILITY
from schema.models import Article, Claim, Event, Finding, Outlet, Source

BY_CHOICES = ("published", "ingested")
LIVE_STATUSES = ("candidate", "confirmed")
DEFAULT_CHASE_DAYS = 14
TOP_ORIGINS = 10
MAX_ITEMS = 25
REVIEW_ACTIONS = ("confirm", "reject", "retract")

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


# --------------------------------------------------------------------------
# ISO weeks


@dataclass(frozen=True)
class Week:
    """An ISO 8601 week: Monday ``start`` to Sunday ``last`` inclusive."""

    year: int
    week: int

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def last(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def end(self) -> date:
        """The Monday after: the exclusive upper bound."""
        return self.start + timedelta(days=7)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def previous(self) -> Week:
        return Week.containing(self.start - timedelta(days=7))

    @classmethod
    def containing(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def parse(cls, text: str) -> Week:
        m = _WEEK.match(text.strip())
        if not m:
            raise InvalidInput(f"week {text!r} is not an ISO week like 2025-W06")
        year, week = int(m[1]), int(m[2])
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise InvalidInput(f"week {text!r} does not exist: {year} has no week {week}") from None
        return cls(year, week)

    @classmethod
    def last_complete(cls, today: date) -> Week:
        """The last ISO week that ended before ``today``."""
        return cls.containing(today - timedelta(days=7))


def latest_week(session: Session, by: str = "published") -> str | None:
    """The ISO week of the most recent article on the chosen axis (None if there is none)."""
    if by == "published":
        day = session.exec(select(func.max(Article.published))).one()
    else:
        stamp = session.exec(select(func.max(Article.ingested_at))).one()
        day = _aware(stamp).date() if stamp else None
    return Week.containing(day).label if day else None


def _at(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# --------------------------------------------------------------------------
# Hooks into the conflicts / corroboration / grades modules


def _optional(module: str, attr: str) -> Any | None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    return getattr(mod, attr, None)


def refresh_findings(session: Session) -> bool:
    """Run the conflict finder so the ``finding`` table is current.

    Needs a write session. Returns False when the conflict finder is not
    installed (the report then reads the table as it is).
    """
    finder = _optional("provenance.conflicts", "list_conflicts")
    if finder is None:
        return False
    result = finder(session)
    close = getattr(result, "close", None)
    if callable(close):
        close()  # the findings are written while listing: the records are not needed
    elif hasattr(result, "__iter__") and not isinstance(result, (list, tuple, dict)):
        for _ in result:  # a generator: drain it so findings are written
            pass
    return True


def _credibility(session: Session, ids: Sequence[int], notes: list[str]) -> dict[int, int]:
    fn = _optional("provenance.grades", "credibility_for")
    if fn is None:
        _note(notes, "credibility grades unavailable (provenance.grades not installed)")
        return {}
    return dict(fn(session, list(ids))) if ids else {}


def _corroborators(
    session: Session, ids: Sequence[int], notes: list[str]
) -> dict[int, list[int]] | None:
    """For each live claim, the agreeing claims from independent origins.

    Uses ``provenance.corroboration.corroborators`` when it exists; otherwise
    composes the same answer from that module's public ``agrees`` and
    ``independent`` over ``provenance.questions`` rows, one subject at a time.
    """
    direct = _optional("provenance.corroboration", "corroborators")
    if direct is not None:
        found = direct(session, list(ids)) if ids else {}
        return {int(k): [int(x) for x in v] for k, v in found.items()}
    agrees = _optional("provenance.corroboration", "agrees")
    independent = _optional("provenance.corroboration", "independent")
    if agrees is None or independent is None:
        _note(notes, "corroboration unavailable (provenance.corroboration not installed)")
        return None
    from provenance import questions

    ctx = questions.load_context(session)
    where, params = questions.status_clause(questions.placeholder(session))
    wanted = set(ids)
    out: dict[int, list[int]] = {}

    def settle(rows: list[Any]) -> None:
        for bucket in questions.buckets(rows).values():
            for claim in bucket:
                if claim.id in wanted:
                    out[claim.id] = sorted(
                        p.id
                        for p in bucket
                        if p.id != claim.id and agrees(claim, p) and independent(claim, p)
                    )

    batch: list[Any] = []
    current: int | None = None
    for row in questions.stream_rows(session, ctx, where, params, order="c.subject_id, c.id"):
        if row.subject_id is None:
            continue
        if row.subject_id != current and batch:
            settle(batch)
            batch = []
        current = row.subject_id
        batch.append(row)
    if batch:
        settle(batch)
    return out


def _uncorroborated(
    session: Session, min_age_days: int, day: date, notes: list[str]
) -> list[dict[str, Any]] | None:
    fn = _optional("provenance.corroboration", "uncorroborated")
    if fn is None:
        _note(notes, "claims to chase unavailable (provenance.corroboration not installed)")
        return None
    return list(fn(session, min_age_days=min_age_days, today=day))


def _note(notes: list[str], text: str) -> None:
    if text not in notes:
        notes.append(text)


# --------------------------------------------------------------------------
# Building the report


def _figure(value: int, previous: int) -> dict[str, int]:
    return {"value": value, "previous": previous, "delta": value - previous}


def weekly_report(
    session: Session,
    week: str | None = None,
    by: str = "published",
    *,
    today: date | None = None,
    chase_days: int = DEFAULT_CHASE_DAYS,
    top: int = TOP_ORIGINS,
    refreshed: bool | None = None,
) -> dict[str, Any]:
    """The weekly corroboration report for ``week`` (default: the last complete one).

    ``refreshed`` records whether the caller ran ``refresh_findings`` first
    (shown in the report so a reader knows how current the conflicts are).
    """
    if by not in BY_CHOICES:
        raise InvalidInput(f"--by must be one of {', '.join(BY_CHOICES)}, not {by!r}")
    if chase_days < 0:
        raise InvalidInput("chase days cannot be negative")
    today = today or datetime.now(UTC).date()
    this = Week.parse(week) if week else Week.last_complete(today)
    prev = this.previous()
    notes: list[str] = []
    if refreshed is False:
        notes.append("conflicts as last computed (the conflict finder was not run)")

    cur = _Window(session, this, by)
    old = _Window(session, prev, by)
    all_ids = sorted(set(cur.claim_ids) | set(old.claim_ids))
    grades = _credibility(session, all_ids, notes)

    status_now = cur.statuses()
    status_prev = old.statuses()
    grade_now = Counter(grades.get(i) for i in cur.claim_ids)
    grade_prev = Counter(grades.get(i) for i in old.claim_ids)
    by_grade = {str(g): _figure(grade_now[g], grade_prev[g]) for g in CREDIBILITY}
    if grade_now[None] or grade_prev[None]:
        by_grade["ungraded"] = _figure(grade_now[None], grade_prev[None])

    findings = list(session.exec(select(Finding)).all())
    opened = {f.id: _aware(f.opened_at) for f in findings}
    if by == "published":
        opened.update(_published_openings(session, findings, notes))
    opened_now = [f for f in findings if _within(opened[f.id], this)]
    opened_prev = [f for f in findings if _within(opened[f.id], prev)]
    older_open = [
        f
        for f in findings
        if _open_at(f, _at(this.end), opened[f.id]) and opened[f.id] < _at(this.start)
    ]
    older_open_prev = [
        f
        for f in findings
        if _open_at(f, _at(prev.end), opened[f.id]) and opened[f.id] < _at(prev.start)
    ]
    open_claims = {
        cid for f in findings if _open_at(f, _at(this.end), opened[f.id]) for cid in f.claim_ids
    }

    corroborated_now, corroborated_prev, chase = _corroboration_sections(
        session, this, prev, by, chase_days, notes
    )

    report: dict[str, Any] = {
        "week": this.label,
        "start": this.start.isoformat(),
        "end": this.last.isoformat(),
        "previous_week": prev.label,
        "by": by,
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "figures": {
            "articles": _figure(len(cur.article_ids), len(old.article_ids)),
            "claims": _figure(len(cur.claim_ids), len(old.claim_ids)),
            "conflicts_opened": _figure(len(opened_now), len(opened_prev)),
            "conflicts_still_open": _figure(len(older_open), len(older_open_prev)),
            "newly_corroborated": _figure(len(corroborated_now), len(corroborated_prev)),
            "to_chase": _figure(len(chase[0]), len(chase[1])),
        },
        "undated_articles": cur.undated if by == "published" else None,
        "claims_by_status": {
            s: _figure(status_now.get(s, 0), status_prev.get(s, 0)) for s in CLAIM_STATUSES
        },
        "claims_by_credibility": by_grade,
        "reviews": {
            a: _figure(n, p)
            for a, n, p in zip(
                REVIEW_ACTIONS, _reviews(session, this), _reviews(session, prev), strict=True
            )
        },
        "conflicts_opened": _finding_items(session, opened_now, grades, opened),
        "conflicts_still_open": _finding_items(session, older_open, grades, opened),
        "newly_corroborated": _claim_items(
            session, corroborated_now[:MAX_ITEMS], grades, extra=dict(corroborated_now)
        ),
        "to_chase": {
            "min_age_days": chase_days,
            "items": _claim_items(session, chase[0][:MAX_ITEMS], grades, extra=dict(chase[0])),
        },
        "top_origins": _top_origins(session, cur, old, grades, open_claims, top),
        "notes": notes,
    }
    return report


def _within(stamp: datetime | None, week: Week) -> bool:
    return stamp is not None and _at(week.start) <= _aware(stamp) < _at(week.end)


def _aware(stamp: datetime) -> datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _published_openings(
    session: Session, findings: Sequence[Finding], notes: list[str]
) -> dict[str, datetime]:
    """When each conflict appeared in print: for ``--by published``.

    A finding is stamped with prov's own clock when the conflict finder first
    saw it, which for articles ingested long after publication (a backfill)
    is not the week the disagreement was published. On the publication axis
    a conflict opens on the earliest day by which two of its claims that
    disagree had both been published: the minimum, over its conflicting
    pairs, of the later publication date of the two. A conflict within one
    article (headline against body, arithmetic) opens when that article was
    published. Claims without a publication date do not count; a finding
    with none keeps prov's timestamp.
    """
    finder = _optional("provenance.conflicts", "pair_conflict")
    questions = importlib.import_module("provenance.questions")
    ids = sorted({cid for f in findings for cid in f.claim_ids})
    if finder is None or not ids:
        return {}
    ctx = questions.load_context(session)
    ph = questions.placeholder(session)
    rows: dict[int, Any] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        where = f"c.id IN ({', '.join([ph] * len(chunk))})"
        for row in questions.fetch_rows(session, ctx, where, chunk):
            rows[row.id] = row
    out: dict[str, datetime] = {}
    for f in findings:
        mine = [rows[c] for c in f.claim_ids if c in rows and rows[c].published is not None]
        if not mine:
            continue
        moments = [
            max(a.published, b.published)
            for n, a in enumerate(mine)
            for b in mine[n + 1 :]
            if finder(a, b) is not None
        ]
        day = min(moments) if moments else max(r.published for r in mine)
        out[f.id] = _at(date.fromordinal(int(day)))
    return out


def _open_at(finding: Finding, moment: datetime, opened_at: datetime | None = None) -> bool:
    if (opened_at or _aware(finding.opened_at)) >= moment:
        return False
    if finding.closed_at is not None and _aware(finding.closed_at) <= moment:
        return False
    verdict_holds = (
        finding.verdict is not None
        and finding.verdict_fingerprint == finding.fingerprint
        and (finding.verdict_at is None or _aware(finding.verdict_at) <= moment)
    )
    return not verdict_holds


class _Window:
    """The articles and claims that belong to one week on one axis."""

    def __init__(self, session: Session, week: Week, by: str) -> None:
        self.session = session
        lo, hi = _at(week.start), _at(week.end)
        if by == "published":
            art = select(Article.id).where(
                col(Article.published) >= week.start, col(Article.published) < week.end
            )
            claims = (
                select(Claim.id, Claim.status)
                .join(Article, col(Article.id) == Claim.article_id)
                .where(col(Article.published) >= week.start, col(Article.published) < week.end)
            )
            self.undated = session.exec(
                select(func.count()).select_from(Article).where(col(Article.published).is_(None))
            ).one()
        else:
            art = select(Article.id).where(
                col(Article.ingested_at) >= lo, col(Article.ingested_at) < hi
            )
            claims = select(Claim.id, Claim.status).where(
                col(Claim.created_at) >= lo, col(Claim.created_at) < hi
            )
            self.undated = 0
        self.article_ids: list[int] = [a for a in session.exec(art).all() if a is not None]
        rows = session.exec(claims.order_by(col(Claim.id))).all()
        self.claim_ids: list[int] = [r[0] for r in rows if r[0] is not None]
        self._status = Counter(r[1] for r in rows)

    def statuses(self) -> Counter[str]:
        return self._status


def _reviews(session: Session, week: Week) -> list[int]:
    rows = session.exec(
        select(Event.action, func.count())
        .where(
            Event.target_type == "claim",
            col(Event.action).in_(REVIEW_ACTIONS),
            col(Event.at) >= _at(week.start),
            col(Event.at) < _at(week.end),
        )
        .group_by(col(Event.action))
    ).all()
    counts = dict(rows)
    return [int(counts.get(a, 0)) for a in REVIEW_ACTIONS]


# -- corroboration ---------------------------------------------------------


def _claim_times(session: Session, by: str) -> dict[int, datetime | None]:
    """When each live claim entered the record on the chosen axis."""
    if by == "published":
        rows = session.exec(
            select(col(Claim.id), col(Article.published))
            .join(Article, col(Article.id) == Claim.article_id)
            .where(col(Claim.status).in_(LIVE_STATUSES))
        ).all()
        return {cid: (_at(pub) if pub else None) for cid, pub in rows if cid is not None}
    rows = session.exec(
        select(Claim.id, Claim.created_at).where(col(Claim.status).in_(LIVE_STATUSES))
    ).all()
    return {cid: _aware(at) for cid, at in rows if cid is not None}


def _corroboration_sections(
    session: Session, this: Week, prev: Week, by: str, chase_days: int, notes: list[str]
) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]], tuple[list, list]]:
    times = _claim_times(session, by)
    support = _corroborators(session, sorted(times), notes)
    if support is None:
        support = {}

    became: dict[int, datetime] = {}
    for cid, t in times.items():
        others = [times[k] for k in support.get(cid, []) if times.get(k) is not None]
        if t is None or not others:
            continue
        became[cid] = max(t, min(o for o in others if o is not None))

    def corroborated_in(week: Week) -> list[tuple[int, dict]]:
        hits = [
            (cid, {"corroborated_at": at.date().isoformat(), "corroborated_by": support[cid]})
            for cid, at in became.items()
            if _within(at, week)
        ]
        return sorted(hits, key=lambda h: (h[1]["corroborated_at"], h[0]))

    def chase_at(week: Week) -> list[tuple[int, dict]]:
        groups = _uncorroborated(session, chase_days, week.last, notes) or []
        hits = [
            (
                g["id"],
                {
                    "age_days": g.get("age_days"),
                    "outlets": g.get("outlets"),
                    "claim_ids": g.get("claim_ids", [g["id"]]),
                    "summary": g.get("summary"),
                },
            )
            for g in groups
        ]
        # Most repeated first: a figure many outlets carry from one origin is
        # the one most easily mistaken for a confirmed fact.
        hits.sort(key=lambda h: (-(h[1]["outlets"] or 0), -(h[1]["age_days"] or 0), h[0]))
        return hits

    return corroborated_in(this), corroborated_in(prev), (chase_at(this), chase_at(prev))


# -- items -----------------------------------------------------------------


def _article_info(session: Session, article_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    rows = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel types up to 4 columns
            col(Article.id),
            col(Article.title),
            col(Article.url),
            col(Article.published),
            col(Outlet.name),
        )
        .join(Outlet, col(Outlet.id) == Article.outlet_id, isouter=True)
        .where(col(Article.id).in_(ids))
    ).all()
    return {
        aid: {
            "title": title,
            "url": url,
            "published": pub.isoformat() if pub else None,
            "outlet": outlet,
        }
        for aid, title, url, pub, outlet in rows
    }


def _claim_items(
    session: Session,
    pairs: Sequence[tuple[int, dict]] | Sequence[int],
    grades: dict[int, int],
    *,
    extra: dict[int, dict] | None = None,
) -> list[dict[str, Any]]:
    ids = [p[0] if isinstance(p, tuple) else p for p in pairs]
    if not ids:
        return []
    claims = {c.id: c for c in session.exec(select(Claim).where(col(Claim.id).in_(ids))).all()}
    missing = [i for i in ids if i not in grades]
    if missing:
        grades = {**grades, **_credibility(session, missing, [])}
    records = {
        r["id"]: r
        for r in claim_records(session, [claims[i] for i in ids if i in claims], credibility=grades)
    }
    articles = _article_info(session, (r["article_id"] for r in records.values()))
    out = []
    for cid in ids:
        rec = records.get(cid)
        if rec is None:
            continue
        art = articles.get(rec["article_id"], {})
        out.append(
            {
                "id": cid,
                "quote": rec["quote"],
                "subject": rec["subject"],
                "measure": rec["measure"],
                "value": (rec["value"] or {}).get("text"),
                "hedge": rec["hedge"],
                "status": rec["status"],
                "credibility": rec["credibility"],
                "origin": rec["source"],
                "chain": rec["chain"],
                "article_id": rec["article_id"],
                "article_title": art.get("title"),
                "article_url": art.get("url"),
                "outlet": art.get("outlet"),
                "published": art.get("published"),
                **((extra or {}).get(cid, {})),
            }
        )
    return out


def _finding_items(
    session: Session,
    findings: Sequence[Finding],
    grades: dict[int, int],
    opened: dict[str, datetime],
) -> list[dict[str, Any]]:
    ordered = sorted(findings, key=lambda f: (-f.severity, opened[f.id], f.id))[:MAX_ITEMS]
    items = []
    for f in ordered:
        claims = _claim_items(session, list(f.claim_ids), grades)
        subjects = [c["subject"] for c in claims if c["subject"]]
        measures = [c["measure"] for c in claims if c["measure"]]
        items.append(
            {
                "id": f.id,
                "kind": f.kind,
                "severity": round(float(f.severity), 3),
                "subject": subjects[0] if subjects else None,
                "measure": measures[0] if measures else None,
                "opened_at": opened[f.id].date().isoformat(),
                "verdict": f.verdict,
                "claims": claims,
            }
        )
    return items


def _top_origins(
    session: Session,
    cur: _Window,
    old: _Window,
    grades: dict[int, int],
    open_claims: set[int],
    top: int,
) -> list[dict[str, Any]]:
    ids = sorted(set(cur.claim_ids) | set(old.claim_ids))
    if not ids:
        return []
    rows = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel types up to 4 columns
            col(Claim.id),
            col(Claim.status),
            col(Source.id),
            col(Source.name),
            col(Source.kind),
            col(Source.grade),
        )
        .join(Source, col(Source.id) == Claim.origin_source_id)
        .where(col(Claim.id).in_(ids))
    ).all()
    this_ids = set(cur.claim_ids)
    prev_ids = set(old.claim_ids)
    stats: dict[int, dict[str, Any]] = {}
    for cid, status, sid, name, kind, grade in rows:
        entry = stats.setdefault(
            sid,
            {
                "origin": name,
                "kind": kind,
                "grade": grade,
                "claims": 0,
                "previous": 0,
                "confirmed": 0,
                "contradicted": 0,
                "rejected": 0,
            },
        )
        if cid in prev_ids:
            entry["previous"] += 1
        if cid not in this_ids:
            continue
        entry["claims"] += 1
        if status == "confirmed" or grades.get(cid) == 1:
            entry["confirmed"] += 1
        elif status in ("rejected", "retracted"):
            entry["rejected"] += 1
        elif grades.get(cid) == 5 or cid in open_claims:
            entry["contradicted"] += 1
    ranked = sorted(
        (e for e in stats.values() if e["claims"]),
        key=lambda e: (-e["claims"], -e["confirmed"], e["origin"]),
    )[:top]
    for e in ranked:
        e["delta"] = e["claims"] - e["previous"]
    return ranked


# --------------------------------------------------------------------------
# Renderers: JSON, markdown, HTML (the Rich terminal renderer is in cli/report.py)

FIGURE_LABELS = {
    "articles": "Articles added",
    "claims": "Claims added",
    "conflicts_opened": "Conflicts opened",
    "conflicts_still_open": "Older conflicts still open",
    "newly_corroborated": "Claims newly corroborated",
    "to_chase": "Single-origin claims to chase",
}

CREDIBILITY_LABELS = {
    "1": "1 confirmed",
    "2": "2 probably true",
    "3": "3 possibly true",
    "4": "4 doubtful",
    "5": "5 improbable",
    "6": "6 cannot be judged",
    "ungraded": "not graded",
}


def signed(delta: int) -> str:
    return f"+{delta}" if delta > 0 else ("±0" if delta == 0 else str(delta))


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")


def md(text: Any) -> str:
    """Escape untrusted text for markdown (and the HTML markdown allows)."""
    if text is None:
        return "—"
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _md_chain(chain: Sequence[str]) -> str:
    return " → ".join(md(c) for c in chain) if chain else "—"


def render_markdown(report: dict[str, Any]) -> str:
    lines: list[str] = []
    add = lines.append
    add(f"# Corroboration report, week {report['week']}")
    add("")
    add(
        f"{report['start']} to {report['end']} (by {report['by']} date), "
        f"compared with {report['previous_week']}."
    )
    add("")
    add("| Figure | This week | Previous | Change |")
    add("|---|---:|---:|---:|")
    for key, label in FIGURE_LABELS.items():
        f = report["figures"][key]
        add(f"| {label} | {f['value']} | {f['previous']} | {signed(f['delta'])} |")
    add("")
    add("## Claims by status")
    add("")
    add("| Status | This week | Previous | Change |")
    add("|---|---:|---:|---:|")
    for status, f in report["claims_by_status"].items():
        add(f"| {status} | {f['value']} | {f['previous']} | {signed(f['delta'])} |")
    add("")
    add("## Claims by credibility")
    add("")
    add("| Grade | This week | Previous | Change |")
    add("|---|---:|---:|---:|")
    for grade, f in report["claims_by_credibility"].items():
        add(
            f"| {CREDIBILITY_LABELS.get(grade, grade)} | {f['value']} | {f['previous']} | "
            f"{signed(f['delta'])} |"
        )
    add("")
    reviews = ", ".join(
        f"{f['value']} {action} ({signed(f['delta'])})" for action, f in report["reviews"].items()
    )
    add(f"Editorial reviews this week: {reviews}.")
    add("")
    for key, title in (
        ("conflicts_opened", "Conflicts opened this week"),
        ("conflicts_still_open", "Older conflicts still open"),
    ):
        add(f"## {title}")
        add("")
        items = report[key]
        if not items:
            add("None.")
        for f in items:
            add(
                f"- **{md(f['subject'])}**, {md(f['measure'])} ({f['kind']}, severity "
                f"{f['severity']:.2f}, opened {f['opened_at']}, id `{f['id']}`)"
            )
            for c in f["claims"]:
                add(
                    f"  - {md(c['value'] or c['quote'])}: “{md(c['quote'])}” — "
                    f"{md(c['outlet'])}, via {_md_chain(c['chain'])} ({c['hedge']})"
                )
        add("")
    add("## Newly corroborated")
    add("")
    if not report["newly_corroborated"]:
        add("None.")
    for c in report["newly_corroborated"]:
        add(
            f"- #{c['id']} {md(c['subject'])}, {md(c['measure'])}: “{md(c['quote'])}” "
            f"({md(c['origin'])}; corroborated {c['corroborated_at']} by "
            f"{', '.join('#' + str(i) for i in c['corroborated_by'])})"
        )
    add("")
    chase = report["to_chase"]
    add(f"## Single-origin claims to chase (older than {chase['min_age_days']} days)")
    add("")
    if not chase["items"]:
        add("None.")
    for c in chase["items"]:
        add(
            f"- #{c['id']} {md(c['subject'])}, {md(c['measure'])}: “{md(c['quote'])}” — only "
            f"{md(c['origin'])} ({c['summary']}), {c['age_days']} days old"
        )
    add("")
    add("## Origins cited most")
    add("")
    if report["top_origins"]:
        add("| Origin | Grade | Claims | Change | Confirmed | Contradicted | Rejected |")
        add("|---|---|---:|---:|---:|---:|---:|")
        for o in report["top_origins"]:
            add(
                f"| {md(o['origin'])} | {o['grade']} | {o['claims']} | {signed(o['delta'])} | "
                f"{o['confirmed']} | {o['contradicted']} | {o['rejected']} |"
            )
    else:
        add("None.")
    if report["notes"]:
        add("")
        for note in report["notes"]:
            add(f"*Note: {md(note)}*")
    return "\n".join(lines).rstrip() + "\n"


# -- HTML ------------------------------------------------------------------

_PYGAL_SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.DOTALL)
_XML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _svg(chart: Any) -> str:
    from markupsafe import Markup

    svg = chart.render(is_unicode=True)
    # pygal embeds a config <script> even with js=[]; nothing reads it
    # without the tooltip script, and the report must carry no script. Its
    # credit comment (links to pygal.org) goes too: the file names no URL
    # but the article links.
    return Markup(_XML_COMMENT.sub("", _PYGAL_SCRIPT.sub("", svg)))


def _chart_config() -> dict[str, Any]:
    import pygal
    from pygal.style import Style

    style = Style(
        background="white",
        plot_background="white",
        font_family="system-ui, sans-serif",
        colors=("#1f4e79", "#9db4cc", "#2e7d32", "#c62828", "#6d6d6d"),
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=12,
        title_font_size=14,
    )
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": style,
        # One chart per row at the page's width: the SVG scales to the
        # column, and at this size its 12px labels stay 12px or larger.
        "width": 900,
        "height": 320,
        "legend_at_bottom": True,
        "print_values": False,
        "explicit_size": False,
        "pretty_print": False,
        "_pygal": pygal,
    }


def _count_axis(*series: Iterable[int]) -> list[int]:
    """Whole-number ticks (pygal would label 0, 0.2, 0.4... for small counts)."""
    top = max([1, *(v for values in series for v in values)])
    step = max(1, -(-top // 8))
    return list(range(0, top + step, step))


def charts(report: dict[str, Any]) -> dict[str, str]:
    """Inline SVG charts (pygal) for the HTML report."""
    cfg = _chart_config()
    pygal = cfg.pop("_pygal")
    out: dict[str, str] = {}

    bar = pygal.Bar(title="Claims by credibility grade", **cfg)
    grades = report["claims_by_credibility"]
    bar.x_labels = [CREDIBILITY_LABELS.get(g, g) for g in grades]
    this, before = [f["value"] for f in grades.values()], [f["previous"] for f in grades.values()]
    bar.y_labels = _count_axis(this, before)
    bar.add(report["week"], this)
    bar.add(report["previous_week"], before)
    out["credibility"] = _svg(bar)

    status = pygal.Bar(title="Claims by status", **cfg)
    statuses = report["claims_by_status"]
    status.x_labels = list(statuses)
    this, before = (
        [f["value"] for f in statuses.values()],
        [f["previous"] for f in statuses.values()],
    )
    status.y_labels = _count_axis(this, before)
    status.add(report["week"], this)
    status.add(report["previous_week"], before)
    out["status"] = _svg(status)

    if report["top_origins"]:
        origins = pygal.HorizontalStackedBar(
            title="Origins cited most: how their claims fared",
            **{**cfg, "height": 120 + 30 * len(report["top_origins"])},
        )
        origins.x_labels = [o["origin"] for o in report["top_origins"]]
        confirmed = [o["confirmed"] for o in report["top_origins"]]
        contradicted = [o["contradicted"] for o in report["top_origins"]]
        rejected = [o["rejected"] for o in report["top_origins"]]
        other = [
            o["claims"] - o["confirmed"] - o["contradicted"] - o["rejected"]
            for o in report["top_origins"]
        ]
        origins.y_labels = _count_axis([o["claims"] for o in report["top_origins"]])
        origins.add("confirmed", confirmed)
        origins.add("contradicted", contradicted)
        origins.add("rejected", rejected)
        origins.add("unresolved", other)
        out["origins"] = _svg(origins)
    return out


def http_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (an escaped ``javascript:`` URL still runs)."""
    if url and re.match(r"^https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def render_html(report: dict[str, Any]) -> str:
    """One self-contained HTML file: inline CSS and SVG, no script, no network."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("provenance", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["signed"] = signed
    env.filters["http_url"] = http_url
    template = env.get_template("report.html.j2")
    return template.render(
        report=report,
        charts=charts(report),
        labels=FIGURE_LABELS,
        credibility_labels=CREDIBILITY_LABELS,
    )


RENDERERS = {"json": render_json, "markdown": render_markdown, "html": render_html}


def render(report: dict[str, Any], fmt: str) -> str:
    try:
        return RENDERERS[fmt](report)
    except KeyError:
        raise InvalidInput(f"unknown report format {fmt!r}") from None


__all__ = [
    "BY_CHOICES",
    "Week",
    "charts",
    "latest_week",
    "refresh_findings",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "weekly_report",
]
