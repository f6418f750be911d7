"""`prov extract` on the fixtures, and the ingest -> stored candidates path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import select

from cli.main import cli
from provenance.db import get_engine, session_scope
from schema.models import Claim, ClaimLink, MeasureAlias

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
CLAIM_KEYS = {
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
}
ARTICLE = """Title: Militia Recruits Fighters in Hasakah
Outlet: The Levant Monitor
URL: https://levant.example/2025/02/05/militia
Published: 2025-02-05

Tehran is widening its reach in the northeast, according to Gulf Dispatch.

Local sources told the Syrian Observatory for Human Rights that Liwa Fatemiyoun pays new members a monthly salary of about 350,000 Syrian pounds.

According to the Observatory, Liwa Fatemiyoun has enlisted more than 205 pro-government militiamen and about 35 civilians in Hasakah.

The Levant Monitor has not verified the content of this story.
"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_is_the_spec_object(article: Path):
    result = run("extract", "--format", "json", str(article))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"article", "claims"}
    assert data["article"] == {
        "title": "Militia Recruits Fighters in Hasakah",
        "outlet": "The Levant Monitor",
        "url": "https://levant.example/2025/02/05/militia",
        "published": "2025-02-05",
    }
    assert [c["quote"] for c in data["claims"]] == [
        "about 350,000 Syrian pounds",
        "more than 205 pro-government militiamen",
        "about 35 civilians",
    ]
    for claim in data["claims"]:
        assert set(claim) == CLAIM_KEYS
        assert set(claim["value"]) == {"text", "low", "high", "unit", "approx"}
        assert claim["hedge"] == "unverified"  # the publisher's note
    salary, recruits, civilians = data["claims"]
    assert salary["chain"] == [
        "The Levant Monitor",
        "Gulf Dispatch",
        "Syrian Observatory for Human Rights",
        "local sources",
    ]
    assert salary["measure"] == "monthly salary"
    assert salary["value"]["unit"] == "SYP"
    assert recruits["source"] == "Syrian Observatory for Human Rights"
    assert recruits["value"]["high"] is None
    assert civilians["measure"] == "recruits:civilians"


def test_jsonl_prints_one_object_per_article(tmp_path: Path):
    lines = [
        json.dumps(
            {"title": f"A{i}", "outlet": "Wire", "text": f"The militia has {i + 2},000 fighters."}
        )
        for i in range(3)
    ]
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", "--format", "jsonl", str(corpus))
    assert result.exit_code == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["article"]["title"] for o in objects] == ["A0", "A1", "A2"]
    assert [o["claims"][0]["value"]["low"] for o in objects] == [2000, 3000, 4000]


def test_folder_of_fixtures_in_jsonl():
    result = run("extract", "--format", "jsonl", str(ARTICLES))
    assert result.exit_code == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) >= len(list(ARTICLES.glob("*.txt")))
    assert sum(len(o["claims"]) for o in objects) > len(objects)


def test_table_shows_quote_value_subject_source_hedge(article: Path):
    result = run("extract", str(article))
    assert result.exit_code == 0, result.stderr
    for text in (
        "about 350,000 Syrian pounds",
        "Liwa Fatemiyoun",
        "local sources",
        "unverified",
        "SYP",
    ):
        assert text in result.stdout


def test_csv_has_one_row_per_claim(article: Path):
    result = run("extract", "--format", "csv", str(article))
    assert result.exit_code == 0
    rows = result.stdout.strip().splitlines()
    assert rows[0].startswith("article_title,article_url,quote")
    assert len(rows) == 4


def test_stdin():
    result = run(
        "extract", "--format", "json", "-", input="The militia has 3,000 fighters in Diyala."
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["claims"][0]["quote"] == "3,000 fighters"


def test_missing_input_is_a_one_line_error():
    result = run("extract", "no/such/file.txt")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: no/such/file.txt")
    assert "Traceback" not in result.stderr


def test_empty_and_binary_inputs(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    result = run("extract", "--format", "jsonl", str(empty), str(binary))
    assert result.exit_code == 1
    assert result.stderr.count("Error:") >= 1


def test_bad_tolerance_is_a_usage_error(article: Path):
    assert run("extract", "--tolerance", "2", str(article)).exit_code == 2


def test_ingest_stores_the_extracted_candidates(prov, migrated_url: str, article: Path):
    result = prov("ingest", str(article))
    assert result.exit_code == 0, result.stderr
    with session_scope(get_engine(migrated_url)) as session:
        claims = session.exec(select(Claim).order_by(Claim.start_offset)).all()
        assert [c.quote for c in claims] == [
            "about 350,000 Syrian pounds",
            "more than 205 pro-government militiamen",
            "about 35 civilians",
        ]
        assert {c.status for c in claims} == {"candidate"}
        assert {c.origin_kind for c in claims} == {"extracted"}
        links = session.exec(
            select(ClaimLink).where(ClaimLink.claim_id == claims[0].id).order_by(ClaimLink.position)
        ).all()
        assert len(links) == 4
    out = prov("extract", "--format", "json", str(article))
    assert [c["quote"] for c in json.loads(out.stdout)["claims"]] == [c.quote for c in claims]


def test_stored_measure_aliases_are_used_at_ingest(prov, migrated_url: str, tmp_path: Path):
    path = tmp_path / "drones.txt"
    path.write_text(
        "Outlet: Tigris Post\n\nThe militia fields 300 drone operators in Diyala.\n",
        encoding="utf-8",
    )
    with session_scope(get_engine(migrated_url), write=True) as session:
        session.add(MeasureAlias(word="drone operators", measure="personnel", created_at=_now()))
    assert prov("ingest", str(path)).exit_code == 0
    with session_scope(get_engine(migrated_url)) as session:
        (claim,) = session.exec(select(Claim)).all()
        assert (claim.quote, claim.measure) == ("300 drone operators", "personnel")
    # Without the database, the default lexicon keeps the phrase as written.
    out = json.loads(prov("extract", "--format", "json", str(path)).stdout)
    assert out["claims"][0]["measure"] == "drone operators"


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_progress_counter_leaves_the_output_unchanged(monkeypatch: pytest.MonkeyPatch):
    """With a watcher on stderr (forced here), the counter wraps the results; the
    printed articles are the same as without it."""
    import cli.extract as extract_cli

    folder = str(Path(__file__).resolve().parent.parent / "fixtures" / "articles")
    plain = run("extract", "--format", "jsonl", folder)
    seen: list[int] = []
    original = extract_cli._with_progress

    def counting(results):  # noqa: ANN001, ANN202
        for result in original(results):
            seen.append(len(result["claims"]))
            yield result

    monkeypatch.setattr(extract_cli, "_progress_wanted", lambda: True)
    monkeypatch.setattr(extract_cli, "_with_progress", counting)
    watched = run("extract", "--format", "jsonl", folder)
    assert watched.exit_code == plain.exit_code == 0
    assert watched.stdout == plain.stdout
    assert len(seen) == len(plain.stdout.splitlines()) and sum(seen) > 0
