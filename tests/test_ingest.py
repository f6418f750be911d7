"""`prov ingest` through the real CLI, on SQLite and PostgreSQL.

Inputs are written into tmp_path by each test (the fixture articles are
ingested as a whole in one test when present). URLs are served by a local
http.server on 127.0.0.1. Concurrency is tested with two real processes on
one SQLite file.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text as sql

from provenance.cleaning import clean_text, decode_bytes, parse_date
from provenance.db import get_engine
from provenance.errors import InvalidInput
from provenance.ingest import human_size, parse_size
from tests.conftest import FIXTURES, REPO

PASTED = """Logo Wide
Search

Militia in Deir ez-Zor Pays Recruits 120 Dollars a Month

Local commanders are offering new fighters a salary, according to Enab Baladi.
By Rami Khalil, The Levant Times
March 3, 2025

The Zainabiyoun group has enlisted about 400 young men in the eastern countryside since January, residents said.Logo Wide

Share this:

A commander told the paper the militia now fields more than 1,200 fighters in the province.

We use cookies to give you the best experience on our website. Accept all

This article was edited by The Levant Times. The Levant Times has not verified the content of this story.

LEAVE A REPLY
Your email address will not be published. Required fields are marked *
Name*
Helpful keywords
Zainabiyoun, Deir ez-Zor
"""

HTML = """<!DOCTYPE html><html><head>
<title>Brigade numbers disputed | Euphrates Post</title>
<meta property="og:title" content="Brigade numbers disputed by rival monitors">
<meta property="og:site_name" content="Euphrates Post">
<meta property="article:published_time" content="2025-01-20T08:30:00Z">
<link rel="canonical" href="https://euphrates.example/news/brigade-numbers">
</head><body>
<nav><a href="/">Home</a> <a href="/search">Search</a> <a href="/about">About us</a></nav>
<article><h1>Brigade numbers disputed by rival monitors</h1>
<p>Two monitoring groups gave sharply different figures this week for the number of fighters in the Fatimiyoun Brigade near Palmyra, a gap that neither group explained.</p>
<p>One monitor put the strength of the brigade at roughly 3,000 men, while a second said it had counted no more than 900 fighters at three bases east of the city.</p>
</article>
<div class="share">Share this: Facebook Twitter WhatsApp</div>
<section id="comments"><h3>Leave a Reply</h3><form>Your email address will not be published.</form></section>
<footer>Copyright 2025 Euphrates Post. All rights reserved.</footer>
</body></html>"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def article(n: int, extra: str = "") -> str:
    return (
        f"Title: Report number {n} on militia recruitment\n"
        f"Outlet: Outlet {n % 3}\n"
        f"Published: 2025-02-{(n % 27) + 1:02d}\n\n"
        f"Local sources said that {100 + n} fighters joined the group in week {n}. {extra}\n"
    )


def rows(prov, *args: str) -> list[dict]:  # noqa: ANN001
    result = prov("articles", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def show(prov, article_id: int) -> dict:  # noqa: ANN001
    result = prov("articles", "show", str(article_id), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ingest_json(prov, *args: str, input: str | bytes | None = None) -> tuple[int, list[dict], str]:  # noqa: ANN001
    result = prov("ingest", *args, "--no-extract", "--format", "json", input=input)
    return result.exit_code, json.loads(result.stdout), result.stderr


# --------------------------------------------------------------------------
# Each input kind


def test_pasted_text_is_cleaned_and_described(prov, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(tmp_path / "in" / "pasted.txt", PASTED)
    code, outcomes, err = ingest_json(prov, str(path))
    assert code == 0, err
    assert [o["status"] for o in outcomes] == ["ingested"]
    assert "1 ingested, 0 already present, 0 failed" in err
    record = show(prov, outcomes[0]["article_id"])
    body = record["text"]
    for debris in (
        "Logo Wide",
        "Search",
        "Share this",
        "cookies",
        "LEAVE A REPLY",
        "Helpful keywords",
        "Name*",
        "Required fields",
    ):
        assert debris not in body, debris
    assert "residents said." in body  # the sentence the logo was glued to survives
    assert "more than 1,200 fighters" in body
    assert record["title"] == "Militia in Deir ez-Zor Pays Recruits 120 Dollars a Month"
    assert record["outlet"] == "The Levant Times"
    assert record["published"] == "2025-03-03"
    assert record["relay"] == "Enab Baladi"
    assert record["disclaimer"] == "The Levant Times has not verified the content of this story."
    assert record["sha256"] == hashlib.sha256(body.encode("utf-8")).hexdigest()
    assert record["origin"] == str(path)


def test_header_block_sets_metadata_and_is_not_body(prov, tmp_path: Path) -> None:  # noqa: ANN001
    text = (
        "Title: Fatemiyoun numbers in Aleppo\nOutlet: Halab Today\nURL: https://halab.example/a/7\n"
        "Published: 6 February 2025\n\nThe Fatemiyoun Brigade kept 600 fighters in Aleppo, a monitor said.\n"
    )
    path = write(tmp_path / "a.md", text)
    code, outcomes, err = ingest_json(prov, str(path))
    assert code == 0, err
    record = show(prov, outcomes[0]["article_id"])
    assert (record["title"], record["outlet"], record["url"], record["published"]) == (
        "Fatemiyoun numbers in Aleppo",
        "Halab Today",
        "https://halab.example/a/7",
        "2025-02-06",
    )
    assert record["text"] == "The Fatemiyoun Brigade kept 600 fighters in Aleppo, a monitor said."


def test_html_file_uses_meta_tags_and_drops_page_furniture(prov, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(tmp_path / "page.html", HTML)
    code, outcomes, err = ingest_json(prov, str(path))
    assert code == 0, err
    record = show(prov, outcomes[0]["article_id"])
    assert record["title"] == "Brigade numbers disputed by rival monitors"
    assert record["outlet"] == "Euphrates Post"
    assert record["published"] == "2025-01-20"
    assert record["url"] == "https://euphrates.example/news/brigade-numbers"
    assert "roughly 3,000 men" in record["text"]
    for debris in ("About us", "Leave a Reply", "Facebook", "Copyright", "email address"):
        assert debris not in record["text"], debris


def test_htm_extension_is_html(prov, tmp_path: Path) -> None:  # noqa: ANN001
    code, outcomes, _ = ingest_json(prov, str(write(tmp_path / "page.htm", HTML)))
    assert code == 0
    assert show(prov, outcomes[0]["article_id"])["outlet"] == "Euphrates Post"


def test_json_object_and_array(prov, tmp_path: Path) -> None:  # noqa: ANN001
    one = write(
        tmp_path / "one.json",
        json.dumps(
            {
                "title": "T1",
                "outlet": "Qamishli Voice",
                "published": "2025-01-05",
                "text": "Up to 50 fighters left the town, residents said.",
            }
        ),
    )
    many = write(
        tmp_path / "many.json",
        json.dumps(
            [
                {"body": "About 70 recruits arrived on Monday."},
                {"text": "Some 90 recruits arrived on Tuesday.", "url": "https://q.example/2"},
            ]
        ),
    )
    code, outcomes, err = ingest_json(prov, str(one), str(many))
    assert code == 0, err
    assert [o["origin"] for o in outcomes] == [str(one), f"{many}[0]", f"{many}[1]"]
    first = show(prov, outcomes[0]["article_id"])
    assert (first["title"], first["outlet"], first["published"]) == (
        "T1",
        "Qamishli Voice",
        "2025-01-05",
    )
    assert show(prov, outcomes[2]["article_id"])["url"] == "https://q.example/2"


def test_jsonl_is_many_articles_and_a_bad_line_is_reported(prov, tmp_path: Path) -> None:  # noqa: ANN001
    lines = [
        json.dumps({"text": f"Line {i}: {i * 10} fighters were counted.", "outlet": "Feed"})
        for i in range(5)
    ]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps({"title": "no body"}))
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n\n")
    code, outcomes, err = ingest_json(prov, str(path))
    assert code == 1
    statuses = [(o["origin"], o["status"]) for o in outcomes]
    assert statuses.count((f"{path}:3", "failed")) == 1
    assert statuses.count((f"{path}:5", "failed")) == 1
    assert sum(s == "ingested" for _, s in statuses) == 5
    assert f"failed: {path}:3: malformed JSON" in err
    assert f"failed: {path}:5: no 'text' or 'body' field" in err
    assert "5 ingested, 0 already present, 2 failed" in err
    assert len(rows(prov, "--outlet", "feed")) == 5


def test_stdin(prov) -> None:  # noqa: ANN001
    code, outcomes, err = ingest_json(
        prov, "-", "--outlet", "Wire", input="Nearly 300 families were displaced, officials said.\n"
    )
    assert code == 0, err
    assert outcomes[0]["origin"] == "stdin"
    record = show(prov, outcomes[0]["article_id"])
    assert record["outlet"] == "Wire"
    assert record["text"] == "Nearly 300 families were displaced, officials said."


def test_stdin_jsonl(prov) -> None:  # noqa: ANN001
    data = "\n".join(json.dumps({"text": f"Story {i} counted {i} dead."}) for i in range(3))
    code, outcomes, _ = ingest_json(prov, "-", input=data)
    assert code == 0
    assert [o["origin"] for o in outcomes] == ["stdin:1", "stdin:2", "stdin:3"]


def test_options_win_over_what_the_input_says(prov, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(tmp_path / "a.txt", PASTED)
    code, outcomes, err = ingest_json(
        prov,
        str(path),
        "--outlet",
        "Override Outlet",
        "--published",
        "2024-12-31",
        "--url",
        "https://override.example/x",
        "--title",
        "Override title",
    )
    assert code == 0, err
    record = show(prov, outcomes[0]["article_id"])
    assert (record["title"], record["outlet"], record["url"], record["published"]) == (
        "Override title",
        "Override Outlet",
        "https://override.example/x",
        "2024-12-31",
    )


# --------------------------------------------------------------------------
# Idempotence, events, extraction hook


def test_reingest_reports_already_present(prov, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "batch"
    for i in range(3):
        write(folder / f"{i}.txt", article(i))
    first = prov("ingest", str(folder), "--no-extract")
    assert first.exit_code == 0
    assert "3 ingested, 0 already present, 0 failed" in first.stderr
    again = prov("ingest", str(folder), "--no-extract")
    assert again.exit_code == 0
    assert "0 ingested, 3 already present, 0 failed" in again.stderr
    assert f"already present: {folder / '0.txt'}" in again.stderr
    assert len(rows(prov)) == 3


def test_same_body_with_different_debris_is_one_article(prov, tmp_path: Path) -> None:  # noqa: ANN001
    body = "The group recruited 45 fighters, a source said.\n"
    a = write(tmp_path / "a.txt", body)
    b = write(
        tmp_path / "b.txt", "Logo Wide\nSearch\n\n" + body + "\nShare this:\nLEAVE A REPLY\nName*\n"
    )
    code, outcomes, _ = ingest_json(prov, str(a), str(b))
    assert code == 0
    assert [o["status"] for o in outcomes] == ["ingested", "present"]
    assert outcomes[0]["article_id"] == outcomes[1]["article_id"]


def test_each_stored_article_gets_an_ingest_event(prov, tmp_path: Path) -> None:  # noqa: ANN001
    for i in range(2):
        write(tmp_path / "ev" / f"{i}.txt", article(i))
    assert prov("ingest", str(tmp_path / "ev"), "--no-extract").exit_code == 0
    assert prov("ingest", str(tmp_path / "ev"), "--no-extract").exit_code == 0  # no new events
    with get_engine(prov.url).connect() as conn:
        events = conn.execute(
            sql(
                "SELECT target_id, actor FROM event WHERE target_type = 'article' AND action = 'ingest' ORDER BY id"
            )
        ).all()
    ids = sorted(str(r["id"]) for r in rows(prov))
    assert sorted(e[0] for e in events) == ids
    assert {e[1] for e in events} == {"tester"}


def test_extraction_runs_in_the_article_transaction_unless_disabled(prov, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(
        tmp_path / "x.txt",
        "The Fatemiyoun Brigade had up to 15,000 fighters in Syria in 2017, officials said.\n",
    )
    result = prov("ingest", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    outcome = json.loads(result.stdout)[0]
    assert isinstance(outcome["claims"], int)
    assert show(prov, outcome["article_id"])["claims"] == outcome["claims"]
    assert "candidate claims extracted" in result.stderr

    other = write(tmp_path / "y.txt", "The Zainabiyoun had about 2,000 fighters, a monitor said.\n")
    result = prov("ingest", str(other), "--no-extract", "--format", "json")
    outcome = json.loads(result.stdout)[0]
    assert outcome["claims"] is None
    assert show(prov, outcome["article_id"])["claims"] == 0


# --------------------------------------------------------------------------
# Bad inputs


def test_folder_with_one_bad_file_among_good(prov, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "mixed"
    write(folder / "a.txt", article(1))
    write(folder / "sub" / "b.md", article(2))
    write(
        folder / "sub" / "deeper" / "c.json",
        json.dumps({"text": "A third story: 12 were injured."}),
    )
    bad = write(folder / "sub" / "bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(folder / "notes.pdf", b"%PDF-1.4")  # not a supported type: not read from a folder
    write(folder / ".hidden" / "d.txt", article(4))  # hidden folders are skipped
    result = prov("ingest", str(folder), "--no-extract")
    assert result.exit_code == 1
    assert f"failed: {bad}: binary file (contains NUL bytes), not text" in result.stderr
    assert "3 ingested, 0 already present, 1 failed" in result.stderr
    assert "Traceback" not in result.stderr
    origins = sorted(r["origin"] for r in rows(prov))
    assert origins == sorted(str(folder / p) for p in ("a.txt", "sub/b.md", "sub/deeper/c.json"))


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty: no text in it"),
        ("blank.md", b"  \n\n\t \n", "empty: no text in it"),
        (
            "only-debris.txt",
            b"Logo Wide\nSearch\nShare this:\n",
            "empty: nothing left after removing page debris",
        ),
        ("binary.txt", bytes(range(256)) * 4, "binary file (contains NUL bytes), not text"),
        (
            "controls.txt",
            b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50,
            "binary file (control characters), not text",
        ),
        (
            "broken.txt",
            "Some 350,000 Syrian pounds – per month".encode() + b"\xff\xfe more text",
            "broken UTF-8: invalid byte 0xff at offset",
        ),
        (
            "garbage.txt",
            bytes(range(0x80, 0x100)) * 8,
            "not valid UTF-8 (invalid byte 0x80 at offset 0)",
        ),
        ("bad.json", b'{"text": "unterminated', "malformed JSON"),
        ("list.json", b"[1, 2]", "expected a JSON object with a text field, got int"),
        ("empty.json", b"[]", "empty: the JSON array holds no articles"),
        (
            "nodate.json",
            b'{"text": "Ten left.", "published": "someday"}',
            "published 'someday' is not a date",
        ),
    ],
)
def test_bad_inputs_each_have_a_clear_reason(
    prov, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:  # noqa: ANN001
    path = write(tmp_path / name, content)
    result = prov("ingest", str(path), "--no-extract")
    assert result.exit_code == 1
    assert f"failed: {path}: {reason}" in result.stderr
    assert "0 ingested, 0 already present, 1 failed" in result.stderr
    assert "Traceback" not in result.stderr
    assert rows(prov) == []


def test_missing_and_unsupported_paths(prov, tmp_path: Path) -> None:  # noqa: ANN001
    pdf = write(tmp_path / "doc.pdf", b"%PDF-1.4")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    result = prov("ingest", str(tmp_path / "nope.txt"), str(pdf), str(empty_dir))
    assert result.exit_code == 1
    assert f"failed: {tmp_path / 'nope.txt'}: no such file or folder" in result.stderr
    assert f"failed: {pdf}: unsupported file type '.pdf'" in result.stderr
    assert (
        f"failed: {empty_dir}: no .txt .md .html .htm .json .jsonl files in this folder"
        in result.stderr
    )


@pytest.mark.parametrize(
    "encoding,text",
    [
        ("latin-1", "Le chef du groupe a déclaré à Alep que 300 combattants étaient prêts."),
        (
            "cp1252",
            "The monitor said “about 350 fighters” had arrived – a naïve estimate, critics said.",
        ),
    ],
)
def test_legacy_encodings_are_detected(prov, tmp_path: Path, encoding: str, text: str) -> None:  # noqa: ANN001
    path = write(tmp_path / "legacy.txt", text.encode(encoding))
    code, outcomes, err = ingest_json(prov, str(path))
    assert code == 0, err
    assert show(prov, outcomes[0]["article_id"])["text"] == text


def test_utf16_with_bom(prov, tmp_path: Path) -> None:  # noqa: ANN001
    text = "Around 40 fighters were killed near Tadmur, activists said."
    path = write(tmp_path / "u16.txt", text.encode("utf-16"))
    code, outcomes, _ = ingest_json(prov, str(path))
    assert code == 0
    assert show(prov, outcomes[0]["article_id"])["text"] == text


def test_oversized_input_is_refused_and_the_limit_can_be_raised(prov, tmp_path: Path) -> None:  # noqa: ANN001
    big = write(tmp_path / "big.txt", "The group counted 10 fighters. " * 2000)  # ~62 KB
    result = prov("ingest", str(big), "--max-size", "16k", "--no-extract")
    assert result.exit_code == 1
    assert (
        f"failed: {big}: too large: 60.5 KB over the 16 KB limit (raise it with --max-size)"
        in result.stderr
    )
    assert rows(prov) == []
    result = prov("ingest", str(big), "--max-size", "1MB", "--no-extract")
    assert result.exit_code == 0, result.stderr
    assert len(rows(prov)) == 1


def test_oversized_stdin_and_jsonl_line(prov, tmp_path: Path) -> None:  # noqa: ANN001
    result = prov("ingest", "-", "--max-size", "1k", "--no-extract", input="x" * 5000)
    assert result.exit_code == 1
    assert "failed: stdin: too large" in result.stderr
    feed = write(
        tmp_path / "f.jsonl",
        json.dumps({"text": "Short one: 5 dead."})
        + "\n"
        + json.dumps({"text": "y " * 2000})
        + "\n",
    )
    result = prov("ingest", str(feed), "--max-size", "1k", "--no-extract")
    assert result.exit_code == 1
    assert f"failed: {feed}:2: too large" in result.stderr
    assert "1 ingested, 0 already present, 1 failed" in result.stderr


def test_bad_option_values_are_usage_errors(prov, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(tmp_path / "a.txt", article(1))
    result = prov("ingest", str(path), "--max-size", "lots")
    assert result.exit_code == 2
    assert "size 'lots' is not a number of bytes" in result.stderr
    result = prov("ingest", str(path), "--published", "not a date at all")
    assert result.exit_code == 2
    assert "is not a date" in result.stderr
    assert rows(prov) == []


# --------------------------------------------------------------------------
# URLs from a local server


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes, bool]] = {}

    def do_GET(self) -> None:  # noqa: N802
        status, ctype, body, send_length = self.routes.get(
            self.path, (404, "text/plain", b"not found", True)
        )
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if send_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[tuple[str, dict]]:
    routes: dict[str, tuple[int, str, bytes, bool]] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", routes
    server.shutdown()
    server.server_close()


def test_url_html_plain_and_errors(prov, http_server) -> None:  # noqa: ANN001
    base, routes = http_server
    routes["/story.html"] = (200, "text/html; charset=utf-8", HTML.encode(), True)
    routes["/plain"] = (
        200,
        "text/plain; charset=windows-1252",
        "Officials said “200” fighters left.".encode("cp1252"),
        True,
    )
    routes["/big"] = (200, "text/plain", b"z" * 50_000, True)
    routes["/big-chunked"] = (200, "text/plain", b"z" * 50_000, False)
    result = prov(
        "ingest",
        f"{base}/story.html",
        f"{base}/plain",
        f"{base}/missing",
        f"{base}/big",
        f"{base}/big-chunked",
        "--max-size",
        "20k",
        "--no-extract",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    outcomes = {o["origin"]: o for o in json.loads(result.stdout)}
    html = show(prov, outcomes[f"{base}/story.html"]["article_id"])
    assert html["outlet"] == "Euphrates Post"
    assert "roughly 3,000 men" in html["text"]
    plain = show(prov, outcomes[f"{base}/plain"]["article_id"])
    assert plain["text"] == "Officials said “200” fighters left."
    assert plain["url"] == f"{base}/plain"
    assert plain["outlet"] == "127.0.0.1"
    assert f"failed: {base}/missing: HTTP 404 Not Found" in result.stderr
    assert f"failed: {base}/big: too large: 48.8 KB over the 20 KB limit" in result.stderr
    assert f"failed: {base}/big-chunked: too large" in result.stderr
    assert "2 ingested, 0 already present, 3 failed" in result.stderr


def test_unreachable_url_is_reported(prov) -> None:  # noqa: ANN001
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = prov("ingest", f"http://127.0.0.1:{port}/x", "--timeout", "2", "--no-extract")
    assert result.exit_code == 1
    assert f"failed: http://127.0.0.1:{port}/x: cannot fetch" in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------
# Two processes, one SQLite file


def test_two_processes_ingesting_one_sqlite_file_lose_nothing(
    sqlite_url: str, tmp_path: Path
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for i in range(30):
        write(a / f"{i}.txt", article(i))
    for i in range(20, 50):  # 20..29 overlap with folder a
        write(b / f"{i}.txt", article(i))
    env = {**os.environ, "PYTHONPATH": str(REPO), "PROV_DATABASE_URL": sqlite_url}
    cmd = [sys.executable, "-m", "cli", "ingest", "--no-extract"]
    procs = [
        subprocess.Popen(
            [*cmd, str(folder)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for folder in (a, b)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    with get_engine(sqlite_url).connect() as conn:
        count = conn.execute(sql("SELECT count(*) FROM article")).scalar_one()
        shas = conn.execute(sql("SELECT count(DISTINCT sha256) FROM article")).scalar_one()
        events = conn.execute(
            sql("SELECT count(*) FROM event WHERE action = 'ingest'")
        ).scalar_one()
    assert count == shas == events == 50
    ingested = sum(int(err.rsplit("\n", 2)[-2].split(" ingested")[0]) for _, err in results)
    assert ingested == 50


# --------------------------------------------------------------------------
# Batched transactions: one savepoint per article


def _table_counts(url: str) -> tuple[int, int, int]:
    with get_engine(url).connect() as conn:
        articles = conn.execute(sql("SELECT count(*) FROM article")).scalar_one()
        events = conn.execute(
            sql("SELECT count(*) FROM event WHERE target_type = 'article'")
        ).scalar_one()
        orphans = conn.execute(
            sql(
                "SELECT count(*) FROM event e WHERE e.target_type = 'article' AND NOT EXISTS "
                "(SELECT 1 FROM article a WHERE CAST(a.id AS VARCHAR(64)) = e.target_id)"
            )
        ).scalar_one()
    return articles, events, orphans


@pytest.mark.parametrize("error", ["prov", "unexpected"])
def test_a_bad_article_inside_a_batch_loses_only_itself(
    prov, migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: str
) -> None:  # noqa: ANN001
    """The failure comes after the article and event rows are written (in the
    extraction hook), so a partial article would be visible if the savepoint
    did not roll it back; its neighbours in the same batch must commit."""
    import provenance.extract
    import provenance.ingest
    from provenance.errors import ProvError

    monkeypatch.setattr(provenance.ingest, "BATCH_ARTICLES", 1000)
    monkeypatch.setattr(provenance.ingest, "BATCH_SECONDS", 3600.0)
    real = provenance.extract.store_candidates

    def flaky(session, article, meta, *, actor):  # noqa: ANN001, ANN202
        if "week 3." in article.text:
            if error == "prov":
                raise ProvError("the extractor refused this one")
            raise ValueError("boom in the extractor")
        return real(session, article, meta, actor=actor)

    monkeypatch.setattr(provenance.extract, "store_candidates", flaky)
    folder = tmp_path / "batch"
    for i in range(6):
        write(folder / f"{i}.txt", article(i))
    result = prov("ingest", str(folder), "--format", "json")
    assert result.exit_code == 1
    outcomes = json.loads(result.stdout)
    assert [o["status"] for o in outcomes] == ["ingested"] * 3 + ["failed"] + ["ingested"] * 2
    bad = outcomes[3]
    assert bad["origin"].endswith("3.txt") and bad["article_id"] is None
    assert ("refused this one" if error == "prov" else "ValueError: boom") in bad["reason"]
    assert "5 ingested, 0 already present, 1 failed" in result.stderr
    # No partial rows: five articles, five ingest events, none pointing nowhere,
    # and no claims from the failed article.
    assert _table_counts(migrated_url) == (5, 5, 0)
    stored = {row["id"] for row in rows(prov)}
    assert stored == {o["article_id"] for o in outcomes if o["status"] == "ingested"}
    # The failed article goes in on its own once the extractor behaves.
    monkeypatch.setattr(provenance.extract, "store_candidates", real)
    again = prov("ingest", str(folder), "--no-extract")
    assert again.exit_code == 0, again.stderr
    assert "1 ingested, 5 already present, 0 failed" in again.stderr
    assert _table_counts(migrated_url) == (6, 6, 0)


def test_an_interrupted_run_keeps_committed_batches_and_resumes(
    migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception escaping mid-batch (here KeyboardInterrupt from the store
    step) rolls back that batch only: every outcome reported before it is
    stored, nothing else is, and a rerun stores the rest exactly once."""
    import provenance.ingest as ing

    monkeypatch.setattr(ing, "BATCH_ARTICLES", 4)
    monkeypatch.setattr(ing, "BATCH_SECONDS", 3600.0)
    folder = tmp_path / "many"
    for i in range(11):
        write(folder / f"{i:02d}.txt", article(i))
    real = ing.store_candidate
    calls = 0

    def interrupted(session, cand, **kwargs):  # noqa: ANN001, ANN003, ANN202
        nonlocal calls
        calls += 1
        stored = real(session, cand, **kwargs)  # rows written, then the run dies
        if calls == 7:  # the third article of the second batch
            raise KeyboardInterrupt
        return stored

    monkeypatch.setattr(ing, "store_candidate", interrupted)
    engine = get_engine(migrated_url)
    items, failures = ing.expand([str(folder)])
    assert not failures
    options = ing.Options(extract=False, actor="tester")
    reported = []
    with pytest.raises(KeyboardInterrupt):
        for outcome in ing.ingest(engine, migrated_url, items, options):
            reported.append(outcome)
    assert [o.status for o in reported] == ["ingested"] * 4  # the first batch committed
    assert _table_counts(migrated_url) == (4, 4, 0)
    with engine.connect() as conn:
        ids = set(conn.execute(sql("SELECT id FROM article")).scalars())
    assert ids == {o.article_id for o in reported}

    monkeypatch.setattr(ing, "store_candidate", real)
    rerun = list(ing.ingest(engine, migrated_url, items, options))
    assert [o.status for o in rerun] == ["present"] * 4 + ["ingested"] * 7
    assert _table_counts(migrated_url) == (11, 11, 0)
    with engine.connect() as conn:
        distinct = conn.execute(sql("SELECT count(DISTINCT sha256) FROM article")).scalar_one()
    assert distinct == 11


def test_duplicates_inside_one_batch_are_stored_once(
    prov, migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    import provenance.ingest

    monkeypatch.setattr(provenance.ingest, "BATCH_SECONDS", 3600.0)
    lines = [
        json.dumps({"title": f"T{i % 3}", "text": f"Body number {i % 3} of the batch."})
        for i in range(7)
    ]
    path = write(tmp_path / "dups.jsonl", "\n".join(lines) + "\n")
    code, outcomes, err = ingest_json(prov, str(path))
    assert code == 0, err
    assert [o["status"] for o in outcomes] == ["ingested"] * 3 + ["present"] * 4
    assert [o["article_id"] for o in outcomes[3:]] == [
        outcomes[i % 3]["article_id"] for i in range(3, 7)
    ]
    assert _table_counts(migrated_url) == (3, 3, 0)


# --------------------------------------------------------------------------
# The project's fixture articles


def test_fixture_articles_ingest_cleanly(prov) -> None:  # noqa: ANN001
    folder = FIXTURES / "articles"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        pytest.skip("fixtures/articles/ not written yet")
    result = prov("ingest", str(folder), "--no-extract")
    assert result.exit_code == 0, result.stderr
    assert " ingested, 0 already present, 0 failed" in result.stderr
    listed = rows(prov)
    assert len(listed) >= len(files)
    assert result.stderr.startswith(f"{len(listed)} ingested")
    for row in listed:
        record = show(prov, row["id"])
        for debris in ("Logo Wide", "LEAVE A REPLY", "Helpful keywords", "Share this:"):
            assert debris not in record["text"], (row["origin"], debris)


# --------------------------------------------------------------------------
# Pure logic


@settings(max_examples=60)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=60)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(str.strip)
)
def test_utf8_decodes_to_itself(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_size_reads_plain_byte_counts(n: int) -> None:
    assert parse_size(str(n)) == n


def test_parse_size_units_and_human_size() -> None:
    assert parse_size("512k") == 512 * 1024
    assert parse_size("20MB") == 20 * 1024**2
    assert parse_size("1.5G") == int(1.5 * 1024**3)
    assert human_size(10 * 1024**2) == "10 MB"
    with pytest.raises(InvalidInput):
        parse_size("ten")


def test_dateline_forms() -> None:
    from datetime import date

    for text in ("February 6, 2025", "6 February 2025", "Feb. 6, 2025", "2025-02-06"):
        assert parse_date(text) == date(2025, 2, 6), text
