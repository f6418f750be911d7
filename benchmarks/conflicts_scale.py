"""Conflict finder at scale: a full `prov conflicts` run against a bare GROUP BY.

Generates N claims (default 1,000,000) with a realistic spread — tens of
thousands of subjects, a few dozen measures (some joined by the lexicon:
"fighters" and "personnel"), articles of a few claims from a few hundred
outlets, attribution chains of 1–4 hops over a couple of thousand origins,
most figures agreeing within "about" tolerance and a few percent disjoint,
some denials, and some articles with internal arithmetic (ratio, total vs
parts) — straight into the real schema (after `prov init`) with raw
executemany (SQLite) or COPY (PostgreSQL).

Then, each measurement in a fresh child process (so peak RSS is the run's own):

* baseline: ``SELECT subject_id, measure, unit, count(*), min(low), max(high)
  FROM claim GROUP BY subject_id, measure, unit`` fetched in full;
* full: what ``prov conflicts --format json > /dev/null`` does — refresh the
  findings (detect + upsert) and render every open finding with its
  positions, claim records and credibility to JSON on /dev/null; a second run
  shows the steady state (findings already stored). On a large run the
  command hands part of the buckets to a helper process
  (``provenance.conflicts_helper``; its peak RSS is printed apart); a third
  run, *one process*, does it all without one, for comparison. Run at every
  size, so the peak-RSS table shows whether memory follows the table or the
  largest question (printed beside it: the largest question with a finding);
* recheck: add one claim to an existing question and re-check only that
  question (``conflicts.recheck_claim``), at 10k, 100k and 1M claims.

The same on PostgreSQL when server binaries exist (a throwaway cluster in a
temporary folder, like tests/conftest.py), printed beside SQLite.

    .venv/bin/python benchmarks/conflicts_scale.py                 # 1M, recheck at 10k/100k/1M
    .venv/bin/python benchmarks/conflicts_scale.py --claims 50000 --recheck-sizes 10000 --no-postgres
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

MEASURES = [
    ("personnel", "count", 5000), ("fighters", "count", 5000), ("killed", "count", 300),
    ("injured", "count", 500), ("displaced", "count", 20000), ("recruits", "count", 400),
    ("monthly salary", "SYP", 300000), ("salary", "USD", 600), ("founding year", "year", 2013),
    ("civilians", "count", 2000), ("drones", "count", 60), ("bases", "count", 12),
    ("checkpoints", "count", 40), ("vehicles", "count", 150), ("tanks", "count", 30),
    ("rockets", "count", 900), ("detainees", "count", 250), ("commanders", "count", 20),
    ("advisers", "count", 80), ("trainees", "count", 700), ("deserters", "count", 90),
    ("defectors", "count", 35), ("casualties", "count", 450), ("prisoners", "count", 120),
    ("families", "count", 3000), ("villages", "count", 25), ("attacks", "count", 70),
    ("strikes", "count", 45), ("weapons depots", "count", 8), ("funding", "USD", 2_000_000),
    ("budget", "USD", 10_000_000), ("share of territory", "percent", 30),
]  # fmt: skip
STAMP = "2026-01-01 00:00:00.000000"


def generate(n_claims: int, seed: int = 7) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for every table, deterministic for a seed."""
    rng = random.Random(seed)
    n_subjects = max(10, n_claims // 30)
    n_outlets = max(5, min(400, n_claims // 2500))
    n_origins = max(10, min(3000, n_claims // 300))
    n_relays = max(5, n_origins // 10)
    sources: list[tuple[Any, ...]] = []
    outlets: list[tuple[Any, ...]] = []
    sid = 0
    outlet_source: list[int] = []
    for i in range(n_outlets):
        sid += 1
        sources.append((sid, f"Outlet {i}", "outlet", "F", STAMP))
        outlets.append((i + 1, f"Outlet {i}", f"outlet{i}.example", sid))
        outlet_source.append(sid)
    origin_ids, relay_ids = [], []
    for i in range(n_origins):
        sid += 1
        sources.append((sid, f"Origin {i}", "organisation", rng.choice("ABCDEFFFF"), STAMP))
        origin_ids.append(sid)
    for i in range(n_relays):
        sid += 1
        sources.append((sid, f"Relay {i}", "outlet", "F", STAMP))
        relay_ids.append(sid)
    entities = [(i + 1, f"Group {i}", STAMP) for i in range(n_subjects)]
    # Each subject has a handful of measures; each (subject, measure) a true value.
    subject_measures = {
        s: rng.sample(range(len(MEASURES)), k=rng.randint(3, 8)) for s in range(1, n_subjects + 1)
    }
    articles: list[tuple[Any, ...]] = []
    claims: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    start_day = date(2024, 1, 1).toordinal()
    cid = 0
    aid = 0
    while cid < n_claims:
        aid += 1
        outlet = rng.randint(1, n_outlets)
        published = date.fromordinal(start_day + rng.randint(0, 700))
        articles.append(
            (
                aid,
                f"Article {aid}",
                outlet,
                None,
                published.isoformat(),
                STAMP,
                "figures",
                f"{aid:064x}",
                None,
            )
        )
        subject = rng.randint(1, n_subjects)
        k = min(rng.randint(2, 8), n_claims - cid)
        special = rng.random()
        for j in range(k):
            cid += 1
            m_index = rng.choice(subject_measures[subject])
            measure, unit, base = MEASURES[m_index]
            true = base * (1 + (subject * 7919 + m_index * 104729) % 100 / 100)
            polarity = "affirmed"
            r = rng.random()
            if unit == "year":
                value = float(int(base) + (subject % 5))
                low = high = value + (1 if r < 0.015 else 0)
                approx = "exact"
            elif r < 0.015:  # a rival figure: 3-10x off
                low = high = round(true * rng.uniform(3, 10))
                approx = "exact"
            elif r < 0.6:
                v = round(true * rng.uniform(0.95, 1.05))
                low, high, approx = v * 0.9, v * 1.1, "about"
            elif r < 0.8:
                low, high, approx = float(round(true)), float(round(true)), "exact"
            else:
                low, high, approx = round(true * 0.8), None, "at_least"
            if rng.random() < 0.002:
                polarity = "denied"
            if special < 0.005 and j == 0:  # internal arithmetic: total vs parts
                measure, unit, low, high, approx = "recruits", "count", 200.0, 200.0, "exact"
            elif special < 0.005 and j in (1, 2):
                measure = f"recruits:part{j}"
                low = high = 120.0 if j == 1 else 100.0
                unit, approx = "count", "exact"
            as_of = None
            as_of_start = as_of_end = None
            if rng.random() < 0.1:
                month = published.replace(day=1)
                as_of = month.isoformat()[:7]
                as_of_start = month.isoformat()
                nxt = (month + timedelta(days=32)).replace(day=1)
                as_of_end = (nxt - timedelta(days=1)).isoformat()
            hops = rng.randint(1, 4)
            origin = rng.choice(origin_ids) if hops > 1 else outlet_source[outlet - 1]
            chain = [outlet_source[outlet - 1], *rng.sample(relay_ids, k=max(0, hops - 2))]
            if hops > 1:
                chain.append(origin)
            hedge = rng.choice(("certain", "certain", "probable", "unverified", "possible"))
            quote = f"{low:g} {measure}"
            claims.append(
                (cid, aid, quote, 0, len(quote), quote, subject, f"Group {subject}", measure, measure,
                 None, as_of, as_of_start, as_of_end, quote, low, high, unit, approx, hedge, "[]",
                 polarity, chain[-1], "extracted", "candidate", STAMP, STAMP, 1)
            )  # fmt: skip
            for pos, source in enumerate(chain):
                links.append((cid, pos, source))
    return {
        "source": sources,
        "outlet": outlets,
        "entity": entities,
        "article": articles,
        "claim": claims,
        "claim_link": links,
    }


COLUMNS = {
    "source": "id, name, kind, grade, created_at",
    "outlet": "id, name, domain, source_id",
    "entity": "id, name, created_at",
    "article": "id, title, outlet_id, url, published, ingested_at, text, sha256, origin",
    "claim": (
        "id, article_id, quote, start_offset, end_offset, sentence, subject_id, subject_text, "
        "measure, measure_text, place, as_of, as_of_start, as_of_end, value_text, low, high, unit, "
        "approx, hedge, hedge_cues, polarity, origin_source_id, origin_kind, status, created_at, "
        "updated_at, version"
    ),
    "claim_link": "claim_id, position, source_id",
}


def load_sqlite(path: Path, data: dict[str, list[tuple[Any, ...]]]) -> float:
    import sqlite3

    t = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA journal_mode = WAL")
    for table, rows in data.items():
        cols = COLUMNS[table]
        marks = ", ".join("?" * len(cols.split(",")))
        conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - t


def load_postgres(url: str, data: dict[str, list[tuple[Any, ...]]]) -> float:
    import psycopg

    t = time.perf_counter()
    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        with conn.cursor() as cur:
            for table, rows in data.items():
                with cur.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            for table in ("source", "outlet", "entity", "article", "claim"):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - t


# --------------------------------------------------------------------------
# Child measurements (fresh process each: peak RSS is the run's own)


def child(kind: str, url: str) -> dict[str, Any]:
    from provenance.db import get_engine, session_scope

    engine = get_engine(url)
    out: dict[str, Any] = {}
    t = time.perf_counter()
    if kind == "baseline":
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT subject_id, measure, unit, count(*), min(low), max(high) FROM claim "
                "GROUP BY subject_id, measure, unit"
            ).fetchall()
        out["groups"] = len(rows)
    elif kind in ("full", "one_process"):
        # What `prov conflicts --format json > /dev/null` does (cli.conflicts._list):
        # a helper process takes part of a large run; "one_process" without it.
        from cli.output import emit_json_texts
        from provenance.conflicts import list_conflicts

        with session_scope(engine, write=True) as session:
            findings = list_conflicts(
                session, read_ahead=True, parallel=None if kind == "full" else False
            )
        with open(os.devnull, "w") as devnull:
            emit_json_texts(findings.texts(), "json", out=devnull)
        out["seconds"] = time.perf_counter() - t
        out["maxrss_mb"] = _maxrss_mb()
        # The helper process, if one ran (the only child this process waits for).
        out["helper_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        # Not timed: what was shown, and how large the questions are.
        out["findings"] = len(findings)
        out["claims_shown"] = sum(len(p["claims"]) for f in findings for p in f["positions"])
        out.update(question_sizes(engine))
        return out
    elif kind == "recheck":
        out.update(add_and_recheck(engine))
        return {**out, "maxrss_mb": _maxrss_mb()}
    out["seconds"] = time.perf_counter() - t
    out["maxrss_mb"] = _maxrss_mb()
    return out


def question_sizes(engine: Any) -> dict[str, int]:
    """The largest (subject, measure) bucket, and the largest question with a finding
    (claims on it: a finding's claim_ids are every claim on its question)."""
    from provenance.db import session_scope

    with session_scope(engine) as s:
        conn = s.connection()
        bucket = conn.exec_driver_sql(
            "SELECT count(*) FROM claim WHERE subject_id IS NOT NULL AND measure IS NOT NULL "
            "GROUP BY subject_id, measure ORDER BY count(*) DESC LIMIT 1"
        ).scalar()
        largest = 0
        for (ids,) in conn.exec_driver_sql("SELECT claim_ids FROM finding"):
            n = len(json.loads(ids) if isinstance(ids, str) else ids or [])
            largest = max(largest, n)
    return {"largest_bucket": int(bucket or 0), "largest_question": largest}


def add_and_recheck(engine: Any) -> dict[str, Any]:
    """Add one claim to a busy existing question, then re-check only that question."""
    import hashlib

    from sqlalchemy import text

    from provenance.conflicts import recheck_claim
    from provenance.db import session_scope
    from provenance.model import ClaimDraft, Value
    from provenance.names import now
    from provenance.store import create_claim
    from schema.models import Article, Entity

    with session_scope(engine) as s:
        subject_id, measure, size = s.execute(
            text(
                "SELECT subject_id, measure, count(*) AS n FROM claim WHERE measure = 'personnel' "
                "GROUP BY subject_id, measure ORDER BY n DESC, subject_id LIMIT 1"
            )
        ).one()
        name = s.get(Entity, subject_id).name
        # Publish the new figure beside the question's latest article, so it is
        # on the same question (windows overlap) and conflicts with it.
        latest = s.execute(
            text(
                "SELECT max(a.published) FROM claim c JOIN article a ON a.id = c.article_id "
                "WHERE c.subject_id = :s AND c.measure = :m"
            ),
            {"s": subject_id, "m": measure},
        ).scalar_one()
        if isinstance(latest, str):
            latest = date.fromisoformat(latest[:10])
    t = time.perf_counter()
    with session_scope(engine, write=True) as s:
        body = "A new report puts the group at 99,999 fighters."
        article = Article(
            title="new", published=latest, ingested_at=now(), text=body,
            sha256=hashlib.sha256(f"{body}{time.time()}".encode()).hexdigest(),
        )  # fmt: skip
        s.add(article)
        s.flush()
        quote = "99,999 fighters"
        start = body.index(quote)
        # The generated entities have no alias rows: record the name, as
        # `prov entities alias` would, so the new claim resolves to the subject.
        from provenance.names import add_entity_alias

        add_entity_alias(s, s.get(Entity, subject_id), name)
        draft = ClaimDraft(
            quote=quote, start=start, end=start + len(quote), sentence=body, subject=name,
            measure="personnel", value=Value(text=quote, low=99999, high=99999),
        )  # fmt: skip
        claim = create_claim(s, article, draft, actor="bench")
        added = time.perf_counter() - t
        t2 = time.perf_counter()
        found = recheck_claim(s, claim.id)
        recheck = time.perf_counter() - t2
    return {
        "question_claims": size + 1,
        "add_seconds": added,
        "recheck_seconds": recheck,
        "findings": len(found),
    }


def _maxrss_mb() -> float:
    """This process's own peak RSS (VmHWM resets on exec; ru_maxrss would not)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(kind: str, url: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, url],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"child {kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------
# Orchestration


def build(backend: str, n: int, workdir: Path, pg: Any) -> tuple[str, float, float]:
    from provenance.db import dispose_engines, init_database

    if backend == "sqlite":
        path = workdir / f"bench_{n}.db"
        url = f"sqlite:///{path}"
    else:
        url = pg.create_database(f"bench_{n}")
    init_database(url)
    dispose_engines()
    t = time.perf_counter()
    data = generate(n)
    gen = time.perf_counter() - t
    load = load_sqlite(path, data) if backend == "sqlite" else load_postgres(url, data)
    del data
    # Flush the freshly written database to disk before timing anything, so
    # the kernel's write-back of it does not run during the measurements.
    os.sync()
    return url, gen, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims for the full run")
    parser.add_argument(
        "--recheck-sizes",
        default="10000,100000,1000000",
        help="database sizes for add-one-and-recheck",
    )
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    sizes = sorted({int(s) for s in args.recheck_sizes.split(",") if s} | {args.claims})
    backends = ["sqlite"]
    pg = None
    if not args.no_postgres:
        from tests.conftest import PgCluster

        pg = PgCluster()
        pg.start()
        if pg.admin_url:
            backends.append("postgresql")
        else:
            print(f"PostgreSQL skipped: {pg.error}")
    results: dict[str, dict[int, dict[str, Any]]] = {b: {} for b in backends}
    try:
        with tempfile.TemporaryDirectory(prefix="prov-bench-") as tmp:
            for backend in backends:
                for n in sizes:
                    url, gen, load = build(backend, n, Path(tmp), pg)
                    res: dict[str, Any] = {"generate_s": gen, "load_s": load}
                    res["baseline"] = run_child("baseline", url)
                    res["full"] = run_child("full", url)
                    if n == args.claims:
                        res["full_again"] = run_child("full", url)
                        res["one_process"] = run_child("one_process", url)
                    if n in {int(s) for s in args.recheck_sizes.split(",") if s}:
                        res["recheck"] = run_child("recheck", url)
                    results[backend][n] = res
                    print(f"[{backend} {n:,}] " + json.dumps(res), flush=True)
                    if backend == "sqlite":
                        Path(url.split("///", 1)[1]).unlink(missing_ok=True)
    finally:
        if pg is not None:
            pg.stop()
    report(results, args.claims)


def report(results: dict[str, dict[int, dict[str, Any]]], n: int) -> None:
    print()
    print(f"Full `prov conflicts --format json > /dev/null` on {n:,} claims")
    header = f"{'':34}" + "".join(f"{b:>16}" for b in results)
    print(header)

    def line(label: str, fn: Any) -> None:
        cells = []
        for b in results:
            try:
                cells.append(f"{fn(results[b][n]):>16}")
            except (KeyError, TypeError):
                cells.append(f"{'-':>16}")
        print(f"{label:34}" + "".join(cells))

    line("bare GROUP BY (s)", lambda r: f"{r['baseline']['seconds']:.2f}")
    line("conflicts, first run (s)", lambda r: f"{r['full']['seconds']:.2f}")
    line("conflicts, second run (s)", lambda r: f"{r['full_again']['seconds']:.2f}")
    line("one process, findings stored (s)", lambda r: f"{r['one_process']['seconds']:.2f}")
    line(
        "ratio first / GROUP BY",
        lambda r: f"{r['full']['seconds'] / r['baseline']['seconds']:.2f}x",
    )
    line(
        "ratio second / GROUP BY",
        lambda r: f"{r['full_again']['seconds'] / r['baseline']['seconds']:.2f}x",
    )
    line(
        "ratio one process / GROUP BY",
        lambda r: f"{r['one_process']['seconds'] / r['baseline']['seconds']:.2f}x",
    )
    line("peak RSS helper process (MB)", lambda r: f"{r['full']['helper_rss_mb']:.0f}")
    line("findings", lambda r: f"{r['full']['findings']:,}")
    line("claims shown in positions", lambda r: f"{r['full']['claims_shown']:,}")
    line("peak RSS GROUP BY (MB)", lambda r: f"{r['baseline']['maxrss_mb']:.0f}")
    line("peak RSS conflicts (MB)", lambda r: f"{r['full']['maxrss_mb']:.0f}")
    line("largest (subject, measure) bucket", lambda r: f"{r['full']['largest_bucket']:,}")
    line("largest question with a finding", lambda r: f"{r['full']['largest_question']:,}")
    print()
    print(
        "Peak RSS of the full run by size (flat = bounded by the largest question, not the table)"
    )
    sizes = sorted({s for b in results for s, r in results[b].items() if "full" in r})
    print(
        f"{'claims':>12}"
        + "".join(f"{b + ' s':>16}{'x GROUP BY':>11}{'RSS MB':>8}{'question':>10}" for b in results)
    )
    for s in sizes:
        row = f"{s:>12,}"
        for b in results:
            r = results[b].get(s, {})
            f = r.get("full")
            row += (
                f"{f['seconds']:>16.2f}{f['seconds'] / r['baseline']['seconds']:>10.1f}x"
                f"{f['maxrss_mb']:>8.0f}{f['largest_question']:>10,}"
                if f
                else f"{'-':>16}{'-':>11}{'-':>8}{'-':>10}"
            )
        print(row)
    print()
    print("Add one claim to the largest 'personnel' question, re-check that question")
    sizes = sorted({s for b in results for s, r in results[b].items() if "recheck" in r})
    print(f"{'claims':>12}" + "".join(f"{b + ' (ms)':>18}{'question':>10}" for b in results))
    for s in sizes:
        row = f"{s:>12,}"
        for b in results:
            r = results[b].get(s, {}).get("recheck")
            row += (
                f"{r['recheck_seconds'] * 1000:>18.1f}{r['question_claims']:>10}"
                if r
                else f"{'-':>18}{'-':>10}"
            )
        print(row)


if __name__ == "__main__":
    main()
