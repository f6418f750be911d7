"""Ingest throughput and peak memory, against a raw sqlite3 executemany baseline.

    .venv/bin/python benchmarks/ingest_throughput.py [--n 10000] [--small 2000]

For each size N (2,000 and 10,000 by default) a child process:
  1. streams N generated articles to a JSONL file (one line at a time, never
     the corpus in memory), with pasted-page debris so cleaning has work;
  2. ingests the file through the library (``provenance.ingest.ingest``,
     extraction off, as ``prov ingest --no-extract`` does) into a fresh
     SQLite database: read, clean, hash, one savepoint per article in
     batched transactions (see provenance/ingest.py);
  3. reports articles/s and its peak RSS (``ru_maxrss``), plus the growth of
     RSS over the run (peak minus the RSS after the first 200 articles);
  4. then reads and cleans the same file again without storing anything
     ("cleaning only": decode, JSON, debris removal, metadata, hash), so the
     reader sees how the time splits between cleaning and storing.

Then, in the same run, the same rows (articles, outlets and their sources,
ingest events) are read out of that database and inserted into another
fresh database at head with raw ``sqlite3`` ``executemany`` in one
transaction, and the ratio ingest time / raw time is printed. The raw figure
is the floor: it does no reading, decoding, cleaning, hashing, dedupe lookup
or per-article commit. No assertions: this prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

OUTLETS = ["The Levant Monitor", "Gulf Dispatch", "Herat Herald", "Euphrates Post", "Kabul Ledger"]
GROUPS = [
    "Fatemiyoun Brigade",
    "Zainabiyoun",
    "Harakat al-Ahrar",
    "Kataib al-Nasr",
    "Saraya al-Fajr",
]
PLACES = ["Deir ez-Zor", "Hasakah", "Aleppo", "Palmyra", "Diyala", "Hodeidah"]


def generate(path: Path, n: int, seed: int = 7) -> None:
    """Write n JSONL articles, one line at a time."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            group, place = rng.choice(GROUPS), rng.choice(PLACES)
            paragraphs = [
                "Logo Wide",
                "Search",
                f"{group} recruits in {place} ({i})",
                f"The {group} has enlisted about {rng.randint(50, 5000):,} fighters in {place} "
                f"since January, local sources said.Logo Wide",
                "Share this:",
                *(
                    f"A resident of {place} said that at least {rng.randint(2, 900)} men "
                    f"had joined in week {w} of the drive, item {i}-{w}."
                    for w in range(rng.randint(4, 10))
                ),
                "We use cookies to improve your experience. Accept all",
                "LEAVE A REPLY",
                "Your email address will not be published.",
            ]
            record = {
                "title": f"{group} recruits in {place} ({i})",
                "outlet": rng.choice(OUTLETS),
                "url": f"https://news.example/{i}",
                "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "text": "\n\n".join(paragraphs),
            }
            fh.write(json.dumps(record) + "\n")


def rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(n: int, workdir: Path) -> None:
    """Generate, ingest, and print one JSON line of figures."""
    from provenance.db import get_engine, init_database
    from provenance.ingest import Candidate, Options, expand, ingest, read_input

    corpus = workdir / f"corpus-{n}.jsonl"
    generate(corpus, n)
    url = f"sqlite:///{workdir / f'ingest-{n}.db'}"
    init_database(url)
    engine = get_engine(url)
    items, failures = expand([str(corpus)])
    assert not failures
    options = Options(extract=False, actor="bench")
    counts = {"ingested": 0, "present": 0, "failed": 0}
    warm_rss = None
    start = time.perf_counter()
    for i, outcome in enumerate(ingest(engine, url, items, options), 1):
        counts[outcome.status] += 1
        if i == 200:
            warm_rss = rss_mb()
    elapsed = time.perf_counter() - start
    peak = rss_mb()
    start = time.perf_counter()
    cleaned = 0
    for item in items:
        for result in read_input(item, options):
            if isinstance(result, Candidate):
                _ = result.sha256
                cleaned += 1
    clean_seconds = time.perf_counter() - start
    assert cleaned == n
    print(
        json.dumps(
            {
                "n": n,
                "seconds": elapsed,
                "clean_seconds": clean_seconds,
                "per_second": n / elapsed,
                "peak_rss_mb": peak,
                "growth_mb": peak - (warm_rss or peak),
                "counts": counts,
                "db": url,
                "corpus_mb": corpus.stat().st_size / 1024**2,
            }
        )
    )


def raw_baseline(source_url: str, workdir: Path) -> float:
    """Insert the rows ingest wrote, with executemany, into a fresh database at head."""
    from provenance.db import dispose_engines, init_database

    src_path = source_url.split(":///", 1)[1]
    target = workdir / "raw.db"
    init_database(f"sqlite:///{target}")
    dispose_engines()
    src = sqlite3.connect(src_path)
    tables = ["source", "source_alias", "outlet", "article", "event"]
    data = {}
    for table in tables:
        cur = src.execute(f"SELECT * FROM {table}")
        cols = [d[0] for d in cur.description]
        data[table] = (cols, cur.fetchall())
    src.close()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table in tables:
        cols, rows = data[table]
        marks = ", ".join("?" for _ in cols)
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.workdir))
        return

    with tempfile.TemporaryDirectory(prefix="prov-bench-") as tmp:
        workdir = Path(tmp)
        results = []
        for n in (args.small, args.n):
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(n), "--workdir", str(workdir)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONPATH": str(REPO)},
            )
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(
            "prov ingest --no-extract path (library), fresh SQLite, "
            "one savepoint per article in batched transactions"
        )
        for r in results:
            print(
                f"  N={r['n']:>6,}: {r['per_second']:8.0f} articles/s ({r['seconds']:.2f} s, "
                f"corpus {r['corpus_mb']:.1f} MB); peak RSS {r['peak_rss_mb']:.1f} MB, "
                f"growth after warm-up {r['growth_mb']:.1f} MB; {r['counts']}"
            )
        small, big = results
        print(
            f"  peak RSS at N={big['n']:,} vs N={small['n']:,}: "
            f"{big['peak_rss_mb']:.1f} MB vs {small['peak_rss_mb']:.1f} MB "
            f"(x{big['peak_rss_mb'] / small['peak_rss_mb']:.2f} for x{big['n'] / small['n']:.0f} articles)"
        )
        raw = raw_baseline(big["db"], workdir)
        print(
            f"raw sqlite3 executemany of the same rows (N={big['n']:,}, one transaction): "
            f"{raw:.3f} s = {big['n'] / raw:,.0f} articles/s"
        )
        print(f"ratio ingest / raw: {big['seconds'] / raw:.1f}x")
        clean = big["clean_seconds"]
        print(
            f"cleaning only (read, decode, clean, metadata, hash; no database), N={big['n']:,}: "
            f"{clean:.2f} s = {big['n'] / clean:,.0f} articles/s; ratio cleaning / raw: "
            f"{clean / raw:.1f}x; storing ~ ingest - cleaning = {big['seconds'] - clean:.2f} s "
            f"({(big['seconds'] - clean) / raw:.1f}x raw)"
        )


if __name__ == "__main__":
    main()
