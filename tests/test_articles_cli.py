"""`prov articles list|show` through the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

ARTICLES = [
    (
        "Title: Fatemiyoun Numbers Rise\nOutlet: Herat Herald\nPublished: 2025-01-10\n\nAbout 500 fighters joined, a commander said.\n"
    ),
    (
        "Title: Zainabiyoun Recruit in Aleppo\nOutlet: Halab Today\nURL: https://halab.example/z\nPublished: 2025-02-01\n\nMore than 80 men signed up, residents said.\n"
    ),
    (
        "Title: Fatemiyoun losses counted\nOutlet: Herat Herald\nPublished: 2025-03-05\n\nAt least 30 fighters were killed, a tracker said.\n"
    ),
    ("No header and no headline here. Some 12 people were injured, medics said.\n"),
]


@pytest.fixture
def loaded(prov, tmp_path: Path):  # noqa: ANN001, ANN201
    folder = tmp_path / "arts"
    folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    result = prov("ingest", str(folder), "--no-extract")
    assert result.exit_code == 0, result.stderr
    return prov


def listing(prov, *args: str) -> list[dict]:  # noqa: ANN001
    result = prov("articles", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_list_newest_first_with_all_fields(loaded) -> None:  # noqa: ANN001
    rows = listing(loaded)
    assert [r["title"] for r in rows] == [
        "Fatemiyoun losses counted",
        "Zainabiyoun Recruit in Aleppo",
        "Fatemiyoun Numbers Rise",
        None,  # unknown publication date sorts last
    ]
    assert set(rows[0]) == {
        "id",
        "title",
        "outlet",
        "published",
        "url",
        "ingested_at",
        "claims",
        "origin",
        "sha256",
    }
    assert rows[1]["url"] == "https://halab.example/z"
    assert rows[1]["outlet"] == "Halab Today"


def test_filters(loaded) -> None:  # noqa: ANN001
    assert [r["title"] for r in listing(loaded, "--outlet", "herat herald")] == [
        "Fatemiyoun losses counted",
        "Fatemiyoun Numbers Rise",
    ]
    assert [r["published"] for r in listing(loaded, "--since", "2025-02-01")] == [
        "2025-03-05",
        "2025-02-01",
    ]
    assert [r["published"] for r in listing(loaded, "--until", "2025-02-01")] == [
        "2025-02-01",
        "2025-01-10",
    ]
    assert [r["title"] for r in listing(loaded, "--search", "FATEMIYOUN")] == [
        "Fatemiyoun losses counted",
        "Fatemiyoun Numbers Rise",
    ]
    assert listing(loaded, "--search", "100%_") == []
    assert len(listing(loaded, "--limit", "2")) == 2
    assert listing(loaded, "--outlet", "Nobody") == []


def test_formats_agree(loaded) -> None:  # noqa: ANN001
    as_json = listing(loaded)
    jsonl = loaded("articles", "list", "--format", "jsonl")
    assert [json.loads(line) for line in jsonl.stdout.splitlines()] == as_json
    as_csv = loaded("articles", "list", "--format", "csv")
    parsed = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [int(r["id"]) for r in parsed] == [r["id"] for r in as_json]
    assert parsed[3]["title"] == "" and parsed[3]["published"] == ""
    table = loaded("articles", "list")
    assert table.exit_code == 0
    assert "Zainabiyoun Recruit in Aleppo" in table.stdout
    assert table.stderr == ""


def test_empty_listing(prov) -> None:  # noqa: ANN001
    assert listing(prov) == []
    table = prov("articles", "list")
    assert table.exit_code == 0
    assert table.stdout == ""
    assert "No articles." in table.stderr
    assert prov("articles", "list", "--format", "csv").stdout.startswith("id,title,outlet")


def test_show_has_text_in_every_format(loaded) -> None:  # noqa: ANN001
    target = next(r for r in listing(loaded) if r["title"] == "Zainabiyoun Recruit in Aleppo")
    result = loaded("articles", "show", str(target["id"]), "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["text"] == "More than 80 men signed up, residents said."
    assert (
        record["outlet"] == "Halab Today"
        and record["relay"] is None
        and record["disclaimer"] is None
    )
    table = loaded("articles", "show", str(target["id"]))
    assert "Halab Today" in table.stdout
    assert table.stdout.rstrip().endswith("More than 80 men signed up, residents said.")
    row = next(
        csv.DictReader(
            io.StringIO(loaded("articles", "show", str(target["id"]), "--format", "csv").stdout)
        )
    )
    assert row["text"] == record["text"]


def test_show_unknown_id(loaded) -> None:  # noqa: ANN001
    result = loaded("articles", "show", "999999")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no article with id 999999"
    assert result.stdout == ""
    assert loaded("articles", "show", "abc").exit_code == 2


def test_bad_date_filter_is_a_usage_error(loaded) -> None:  # noqa: ANN001
    result = loaded("articles", "list", "--since", "last week")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_csv_cell_with_a_lone_carriage_return_reads_back() -> None:
    """RFC 4180 CRLF rows: a lone CR inside a cell is quoted and survives."""
    import csv
    import io

    from cli.output import emit

    buf = io.StringIO()
    emit([{"quote": "line one\rline two", "n": 1}], "csv", out=buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert rows == [{"quote": "line one\rline two", "n": "1"}]
