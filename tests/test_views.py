"""claims_view and conflicts_view: readable with plain SQL on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import inspect, text

from provenance.db import get_engine, session_scope
from provenance.model import ClaimDraft, SourceRef, Value
from provenance.store import create_claim, ensure_outlet
from schema.models import Article, Finding

BODY = "Up to 15,000 fighters joined, the Observatory said. Iran put it at 3,000."


def _seed(url: str) -> tuple[int, int]:
    with session_scope(get_engine(url), write=True) as session:
        article = Article(
            title="Recruits",
            url="https://example.org/a",
            published=date(2025, 2, 6),
            ingested_at=datetime(2025, 2, 7, 9, 0, tzinfo=UTC),
            text=BODY,
            sha256="a" * 64,
        )
        ensure_outlet(session, article, "The Syrian Observer", "syrianobserver.com")
        session.add(article)
        session.flush()
        first = create_claim(
            session,
            article,
            ClaimDraft(
                quote="Up to 15,000 fighters",
                start=0,
                end=21,
                sentence=BODY.split(". ")[0] + ".",
                subject="Fatemiyoun Brigade",
                measure="personnel",
                value=Value("up to 15,000", 0, 15000, "count", "at_most"),
                chain=[
                    SourceRef("Asharq Al-Awsat", "outlet"),
                    SourceRef("Syrian Observatory for Human Rights"),
                ],
            ),
            actor="tester",
        )
        quote = "3,000"
        start = BODY.index(quote)
        second = create_claim(
            session,
            article,
            ClaimDraft(
                quote=quote,
                start=start,
                end=start + len(quote),
                sentence="Iran put it at 3,000.",
                subject="Liwa Fatemiyoun",
                measure="personnel",
                value=Value("3,000", 3000, 3000),
                chain=[SourceRef("Iran", "government")],
            ),
            actor="tester",
        )
        assert first.id and second.id
        session.add(
            Finding(
                id="f" * 32,
                question_key="fatemiyoun|personnel",
                kind="value",
                severity=0.8,
                claim_ids=[second.id, first.id],
                fingerprint="x",
                opened_at=datetime(2025, 2, 7, tzinfo=UTC),
                last_seen_at=datetime(2025, 2, 7, tzinfo=UTC),
            )
        )
        return first.id, second.id


def test_views_exist_and_are_views(migrated_url: str) -> None:
    names = set(inspect(get_engine(migrated_url)).get_view_names())
    assert {"claims_view", "conflicts_view"} <= names


def test_claims_view_one_row_per_claim_with_chain_as_text(migrated_url: str) -> None:
    first, second = _seed(migrated_url)
    with get_engine(migrated_url).connect() as conn:
        rows = (
            conn.execute(
                text(
                    "SELECT claim_id, outlet, subject, origin, chain, value_text, high, "
                    "article_title, status FROM claims_view ORDER BY claim_id"
                )
            )
            .mappings()
            .all()
        )
    assert [r["claim_id"] for r in rows] == [first, second]
    a, b = rows
    assert a["outlet"] == "The Syrian Observer"
    assert a["chain"] == (
        "The Syrian Observer → Asharq Al-Awsat → Syrian Observatory for Human Rights"
    )
    assert a["origin"] == "Syrian Observatory for Human Rights"
    assert a["subject"] == b["subject"] == "Fatemiyoun Brigade"  # one entity
    assert a["high"] == 15000 and a["article_title"] == "Recruits"
    assert b["chain"] == "The Syrian Observer → Iran" and b["origin"] == "Iran"
    assert b["status"] == "candidate"


def test_conflicts_view_lists_finding_with_subject_measure_and_claims(migrated_url: str) -> None:
    first, second = _seed(migrated_url)
    with get_engine(migrated_url).connect() as conn:
        rows = conn.execute(text("SELECT * FROM conflicts_view")).mappings().all()
    assert len(rows) == 1
    row = rows[0]
    assert row["finding_id"] == "f" * 32
    assert row["subject"] == "Fatemiyoun Brigade"
    assert row["measure"] == "personnel"
    assert row["claim_count"] == 2
    assert row["claims"] == (
        f"#{first} up to 15,000 (Syrian Observatory for Human Rights); #{second} 3,000 (Iran)"
    )
    assert row["resolved"] == 0 and row["verdict"] is None


def test_conflicts_view_marks_a_current_verdict_resolved(migrated_url: str) -> None:
    _seed(migrated_url)
    with get_engine(migrated_url).begin() as conn:
        conn.execute(
            text(
                "UPDATE finding SET verdict = 'different-scope', verdict_fingerprint = fingerprint"
            )
        )
    with get_engine(migrated_url).connect() as conn:
        assert conn.execute(text("SELECT resolved, verdict FROM conflicts_view")).one() == (
            1,
            "different-scope",
        )
    with get_engine(migrated_url).begin() as conn:
        conn.execute(text("UPDATE finding SET fingerprint = 'changed'"))
    with get_engine(migrated_url).connect() as conn:
        assert conn.execute(text("SELECT resolved FROM conflicts_view")).scalar_one() == 0
