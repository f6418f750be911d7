"""The conflict finder: questions, kinds, positions, severity, stable ids, verdicts.

Scenarios are stored with ``provenance.store.create_claim`` (so the logic is
tested independently of extraction quality) on both backends; a fixture
scenario ingests ``fixtures/articles`` when the ingest command and
``fixtures/expected/conflicts.json`` exist. Pure properties run under
Hypothesis on ``Row`` objects.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from provenance.conflicts import (
    detect_article,
    list_conflicts,
    pair_conflict,
    positions,
    recheck_claim,
    resolve,
    show_conflict,
)
from provenance.db import get_engine, session_scope
from provenance.errors import InvalidInput, NotFound
from provenance.model import ClaimDraft, SourceRef, Value
from provenance.names import get_or_create_outlet, now
from provenance.questions import Row, form_questions, same_question
from provenance.store import create_claim
from schema.enums import VERDICT_REASONS
from schema.models import Article, Claim, Event, Finding
from tests.conftest import FIXTURES

# --------------------------------------------------------------------------
# Scenario helpers (shared with the other conflict/corroboration tests)


class Scene:
    """Builds articles and claims in a real database through create_claim."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = get_engine(url)
        self.counter = 0

    def article(
        self, outlet: str, published: date | None, text: str, title: str | None = None
    ) -> int:
        self.counter += 1
        with session_scope(self.engine, write=True) as s:
            o = get_or_create_outlet(s, outlet)
            art = Article(
                title=title or f"{outlet} {self.counter}",
                outlet_id=o.id,
                published=published,
                ingested_at=now(),
                text=text,
                sha256=hashlib.sha256(f"{text}{self.counter}".encode()).hexdigest(),
            )
            s.add(art)
            s.flush()
            assert art.id is not None
            return art.id

    def claim(
        self,
        article_id: int,
        quote: str,
        *,
        subject: str | None = "Fatemiyoun",
        measure: str | None = "personnel",
        low: float | None = None,
        high: float | None = None,
        unit: str | None = "count",
        approx: str = "exact",
        chain: list[str] | None = None,
        hedge: str = "certain",
        polarity: str = "affirmed",
        place: str | None = None,
        as_of: str | None = None,
        status: str = "candidate",
    ) -> int:
        with session_scope(self.engine, write=True) as s:
            art = s.get(Article, article_id)
            assert art is not None
            start = art.text.index(quote)
            value = None
            if low is not None or high is not None:
                value = Value(text=quote, low=low, high=high, unit=unit, approx=approx)
            draft = ClaimDraft(
                quote=quote,
                start=start,
                end=start + len(quote),
                sentence=quote,
                subject=subject,
                measure=measure,
                measure_text=measure,
                place=place,
                as_of=as_of,
                value=value,
                hedge=hedge,
                polarity=polarity,
                chain=[SourceRef(n) for n in (chain or [])],
            )
            claim = create_claim(s, art, draft, actor="tester", status=status)
            assert claim.id is not None
            return claim.id

    def figure(
        self,
        outlet: str,
        value: float,
        *,
        published: date = date(2025, 2, 6),
        high: Any = "same",
        **kw: Any,
    ) -> int:
        """One article with one figure: the common case."""
        text = f"The group has {value:g} fighters, a source said."
        art = self.article(outlet, published, text)
        return self.claim(
            art, f"{value:g} fighters", low=value, high=value if high == "same" else high, **kw
        )

    def conflicts(self, **kw: Any) -> list[dict[str, Any]]:
        with session_scope(self.engine, write=True) as s:
            return list_conflicts(s, **kw)

    def edit(self, claim_id: int, **fields: Any) -> None:
        with session_scope(self.engine, write=True) as s:
            c = s.get(Claim, claim_id)
            assert c is not None
            for k, v in fields.items():
                setattr(c, k, v)
            c.version += 1
            s.add(c)


@pytest.fixture
def scene(migrated_url: str) -> Scene:
    return Scene(migrated_url)


def claim_sets(findings: list[dict[str, Any]], kind: str | None = None) -> list[set[int]]:
    return [set(f["claim_ids"]) for f in findings if kind is None or f["kind"] == kind]


# --------------------------------------------------------------------------
# Scenarios on both backends


def test_disjoint_figures_across_outlets_conflict_with_positions(scene: Scene) -> None:
    a = scene.figure("Outlet A", 15000, chain=["Syrian Observatory for Human Rights"])
    b = scene.figure("Outlet B", 15000, chain=["Syrian Observatory for Human Rights"])
    c = scene.figure("Outlet C", 3000, chain=["Fars News"])
    found = scene.conflicts()
    assert len(found) == 1
    f = found[0]
    assert f["kind"] == "interval" and f["status"] == "open"
    assert set(f["claim_ids"]) == {a, b, c}
    pos = [sorted(cl["id"] for cl in p["claims"]) for p in f["positions"]]
    assert sorted(pos) == sorted([[c], sorted([a, b])])
    # severity: (15000 - 3000) / 15000
    assert f["severity"] == pytest.approx(0.8)
    claim = f["positions"][0]["claims"][0]
    for key in ("quote", "chain", "hedge", "credibility", "article", "unreviewed"):
        assert key in claim
    assert claim["unreviewed"] is True
    assert f["question"]["measure"] == "personnel"


def test_overlapping_figures_do_not_conflict(scene: Scene) -> None:
    scene.figure("Outlet A", 15000, high=None)  # more than 15,000
    scene.figure("Outlet B", 16000)
    scene.figure("Outlet C", 14000, high=16000)
    assert scene.conflicts() == []


def test_spelling_variants_meet_and_other_groups_do_not(scene: Scene) -> None:
    a = scene.figure("Outlet A", 15000, subject="Liwa Fatemiyoun")
    b = scene.figure("Outlet B", 3000, subject="the Fatimiyoun Brigade")
    scene.figure("Outlet C", 100, subject="Zainabiyoun")
    found = scene.conflicts()
    assert claim_sets(found) == [{a, b}]


def test_measure_lexicon_joins_fighters_and_personnel(scene: Scene) -> None:
    a = scene.figure("Outlet A", 15000, measure="fighters")
    b = scene.figure("Outlet B", 3000, measure="personnel")
    c = scene.figure("Outlet C", 10, measure="recruits:civilians")
    found = scene.conflicts()
    assert claim_sets(found) == [{a, b}]
    assert c not in found[0]["claim_ids"]


def test_units_places_and_windows_separate_questions(scene: Scene) -> None:
    scene.figure("A", 15000, unit="count")
    scene.figure("B", 3000, unit="USD", measure="personnel")
    scene.figure("C", 100, place="Syria")
    scene.figure("D", 9000, place="Iraq")
    assert scene.conflicts() != []  # the count claims without unit conflict with placed ones...
    # ...but placed claims in two different places never conflict with each other.
    found = scene.conflicts()
    for f in found:
        places = {c["place"] for p in f["positions"] for c in p["claims"]}
        assert not {"Syria", "Iraq"} <= places


def test_windows_far_apart_do_not_conflict(scene: Scene) -> None:
    scene.figure("A", 15000, published=date(2016, 3, 1))
    scene.figure("B", 3000, published=date(2025, 2, 1))
    assert scene.conflicts() == []
    scene.figure("C", 3000, published=date(2025, 2, 20), as_of="2016")
    assert len(scene.conflicts()) == 1


def test_affirmed_against_denied(scene: Scene) -> None:
    art1 = scene.article("A", date(2025, 2, 1), "Foreign militias are hosted in the province.")
    art2 = scene.article("B", date(2025, 2, 2), "The ministry denied hosting foreign militias.")
    a = scene.claim(
        art1, "Foreign militias are hosted", measure="hosting foreign militias", unit=None
    )
    d = scene.claim(
        art2,
        "denied hosting foreign militias",
        measure="hosting foreign militias",
        unit=None,
        polarity="denied",
        chain=["Interior Ministry"],
    )
    found = scene.conflicts()
    assert [f["kind"] for f in found] == ["denial"]
    assert set(found[0]["claim_ids"]) == {a, d}
    assert found[0]["severity"] == 1.0


def test_disagreeing_founding_years(scene: Scene) -> None:
    art1 = scene.article("A", date(2025, 2, 1), "The brigade was formed in 2014.")
    art2 = scene.article("B", date(2025, 2, 3), "The brigade was founded in 2016.")
    art3 = scene.article("C", date(2025, 2, 3), "Founded in 2014, the brigade grew.")
    a = scene.claim(
        art1, "formed in 2014", measure="founding year", low=2014, high=2014, unit="year"
    )
    b = scene.claim(
        art2, "founded in 2016", measure="founding year", low=2016, high=2016, unit="year"
    )
    c = scene.claim(
        art3, "Founded in 2014", measure="founding year", low=2014, high=2014, unit="year"
    )
    found = scene.conflicts()
    assert [f["kind"] for f in found] == ["date"]
    assert set(found[0]["claim_ids"]) == {a, b, c}
    assert 0 < found[0]["severity"] < 1


def test_headline_against_body_and_arithmetic(scene: Scene) -> None:
    text = (
        "Militia recruits 200 men in Deir ez-Zor\n"
        "The militia recruited 205 national defense members and 35 civilians this month."
    )
    art = scene.article("Outlet", date(2025, 1, 20), text)
    total = scene.claim(art, "200 men", measure="recruits", low=200, high=200)
    p1 = scene.claim(
        art,
        "205 national defense members",
        measure="recruits:national defense members",
        low=205,
        high=205,
    )
    p2 = scene.claim(art, "35 civilians", measure="recruits:civilians", low=35, high=35)
    found = scene.conflicts()
    arithmetic = [f for f in found if f["kind"] == "arithmetic"]
    assert len(arithmetic) == 1
    assert set(arithmetic[0]["claim_ids"]) == {total, p1, p2}
    assert arithmetic[0]["why"][0]["sum"] == [240, 240]
    assert arithmetic[0]["severity"] == pytest.approx(40 / 240, abs=1e-3)


def test_within_one_article_headline_body(scene: Scene) -> None:
    text = "Up to 15,000 fighters\nThe group has some 3,000 fighters in the area."
    art = scene.article("Outlet", date(2025, 1, 20), text)
    a = scene.claim(art, "Up to 15,000 fighters", low=0, high=15000, approx="at_most")
    b = scene.claim(art, "some 3,000 fighters", low=2700, high=3300, approx="about")
    assert scene.conflicts() == []  # [0, 15000] contains 3,000: compatible
    art2 = scene.article(
        "Outlet", date(2025, 1, 21), "At least 20,000 fighters\nOnly 3,000 fighters remain."
    )
    c = scene.claim(art2, "At least 20,000 fighters", low=20000, high=None, approx="at_least")
    d = scene.claim(art2, "3,000 fighters", low=3000, high=3000)
    kinds = {f["kind"]: set(f["claim_ids"]) for f in scene.conflicts()}
    assert "internal" in kinds
    within = [f for f in scene.conflicts() if f["kind"] == "internal"][0]
    assert {cl["id"] for p in within["positions"] for cl in p["claims"]} == {c, d}
    assert {a, b} <= kinds["interval"]


def test_ratio_arithmetic_six_times_when_figures_give_seven(scene: Scene) -> None:
    text = (
        "Fighters earn a monthly salary of about 350,000 Syrian pounds, while soldiers get "
        "50,000 pounds a month, about six times higher."
    )
    art = scene.article("Outlet", date(2025, 2, 6), text)
    r = scene.claim(
        art,
        "about six times higher",
        measure="monthly salary",
        low=5.4,
        high=6.6,
        unit="ratio",
        approx="about",
    )
    hi = scene.claim(
        art,
        "about 350,000 Syrian pounds",
        measure="monthly salary",
        low=315000,
        high=385000,
        unit="SYP",
        approx="about",
    )
    lo = scene.claim(
        art,
        "50,000 pounds",
        measure="monthly salary",
        subject="Syrian army",
        low=50000,
        high=50000,
        unit="SYP",
    )
    found = [f for f in scene.conflicts() if f["kind"] == "arithmetic"]
    assert len(found) == 1 and set(found[0]["claim_ids"]) == {r, hi, lo}
    assert found[0]["why"][0]["computed"] == pytest.approx(7.0)


def test_ratio_that_adds_up_is_not_a_conflict(scene: Scene) -> None:
    text = "Fighters earn 350,000 pounds a month, soldiers 50,000 pounds: seven times more."
    art = scene.article("Outlet", date(2025, 2, 6), text)
    scene.claim(art, "seven times more", measure="monthly salary", low=7, high=7, unit="ratio")
    scene.claim(
        art, "350,000 pounds", measure="monthly salary", low=350000, high=350000, unit="SYP"
    )
    scene.claim(
        art,
        "50,000 pounds",
        measure="monthly salary",
        subject="Syrian army",
        low=50000,
        high=50000,
        unit="SYP",
    )
    assert scene.conflicts() == []


def test_rejected_and_retracted_claims_take_no_part(scene: Scene) -> None:
    scene.figure("A", 15000)
    b = scene.figure("B", 3000)
    assert len(scene.conflicts()) == 1
    scene.edit(b, status="rejected")
    assert scene.conflicts() == []
    with session_scope(scene.engine) as s:
        closed = s.exec(select(Finding)).all()
    assert len(closed) == 1 and closed[0].closed_at is not None


def test_ids_are_stable_and_verdict_reopens_on_change(scene: Scene) -> None:
    a = scene.figure("A", 15000)
    scene.figure("B", 3000)
    first = scene.conflicts()
    fid = first[0]["id"]
    assert [f["id"] for f in scene.conflicts()] == [fid]
    with session_scope(scene.engine, write=True) as s:
        rec = resolve(s, fid, "different-scope", "2016 vs 2025 counts", "editor")
    assert rec["status"] == "resolved"
    assert scene.conflicts() == []
    assert [f["status"] for f in scene.conflicts(include_resolved=True)] == ["resolved"]
    with session_scope(scene.engine) as s:
        events = s.exec(select(Event).where(Event.target_type == "finding")).all()
    assert len(events) == 1 and events[0].action == "resolve" and events[0].actor == "editor"
    # A later claim on the question reopens it, same id.
    scene.figure("C", 15500)
    again = scene.conflicts()
    assert [f["id"] for f in again] == [fid] and again[0]["status"] == "open"
    assert again[0]["verdict"]["applies"] is False
    # Resolve again, then edit a claim: reopens again.
    with session_scope(scene.engine, write=True) as s:
        resolve(s, fid, "figure-updated", None, "editor")
    assert scene.conflicts() == []
    scene.edit(a, low=16000.0, high=16000.0)
    assert [f["status"] for f in scene.conflicts()] == ["open"]


def test_resolve_rejects_bad_reason_and_unknown_id(scene: Scene) -> None:
    scene.figure("A", 15000)
    scene.figure("B", 3000)
    fid = scene.conflicts()[0]["id"]
    with session_scope(scene.engine, write=True) as s:
        with pytest.raises(InvalidInput):
            resolve(s, fid, "because", None, "editor")
        with pytest.raises(NotFound):
            resolve(s, "nope", "other", None, "editor")


def test_filters_subject_measure_since_severity(scene: Scene) -> None:
    scene.figure("A", 15000)
    scene.figure("B", 3000)
    scene.figure("C", 100, subject="Zainabiyoun", published=date(2024, 1, 1))
    scene.figure("D", 90, subject="Zainabiyoun", published=date(2024, 1, 2))
    assert len(scene.conflicts()) == 2
    assert [f["question"]["subject"] for f in scene.conflicts(subject="Fatimiyoun")] == [
        "Fatemiyoun"
    ]
    assert len(scene.conflicts(measure="fighters")) == 2
    assert scene.conflicts(measure="killed") == []
    assert len(scene.conflicts(since="2025-01-01")) == 1
    sev = scene.conflicts(min_severity=0.5)
    assert len(sev) == 1 and sev[0]["severity"] >= 0.5
    with pytest.raises(NotFound):
        scene.conflicts(subject="Nobody At All")
    with pytest.raises(InvalidInput):
        scene.conflicts(since="last week")


def test_sorted_by_severity_then_recency(scene: Scene) -> None:
    scene.figure("A", 100, subject="Group One")
    scene.figure("B", 90, subject="Group One")  # severity 0.1
    scene.figure("C", 100, subject="Group Two")
    scene.figure("D", 10, subject="Group Two")  # severity 0.9
    sev = [f["severity"] for f in scene.conflicts()]
    assert sev == sorted(sev, reverse=True) and len(sev) == 2


def test_show_explains_aliases_measures_windows(scene: Scene) -> None:
    scene.figure("A", 15000, subject="Liwa Fatemiyoun", measure="fighters")
    scene.figure("B", 3000, subject="Fatimiyoun", measure="personnel", as_of="2025-02")
    fid = scene.conflicts()[0]["id"]
    with session_scope(scene.engine, write=True) as s:
        shown = show_conflict(s, fid)
    same = shown["explanation"]["same_question"]
    assert {s_["as_written"] for s_ in same["subject"]} == {"Liwa Fatemiyoun", "Fatimiyoun"}
    assert {m["as_written"]: m["normalised"] for m in same["measure"]}["fighters"] == "personnel"
    assert {w["from"] for w in same["windows"]} == {"published", "as_of"}
    assert shown["explanation"]["conflict"][0]["intervals"] == [
        [3000, 3000],
        [15000, 15000],
    ] or shown["explanation"]["conflict"][0]["intervals"] == [[15000, 15000], [3000, 3000]]


def test_recheck_one_claim_updates_its_question_only(scene: Scene) -> None:
    scene.figure("A", 15000)
    scene.figure("X", 100, subject="Zainabiyoun")
    scene.figure("Y", 10, subject="Zainabiyoun")
    assert len(scene.conflicts()) == 1
    new = scene.figure("B", 3000)
    with session_scope(scene.engine, write=True) as s:
        found = recheck_claim(s, new)
    assert [f.kind for f in found] == ["interval"]
    with session_scope(scene.engine) as s:
        open_ = s.exec(select(Finding).where(col(Finding.closed_at).is_(None))).all()
    assert len(open_) == 2


# --------------------------------------------------------------------------
# Fixture scenarios: fixtures/expected/conflicts.json


KIND_OF = {
    "interval": "interval",
    "date": "date",
    "denial": "denial",
    "internal": "internal",
    "arithmetic": "arithmetic",
}


def load_expected() -> dict[str, Any]:
    path = FIXTURES / "expected" / "conflicts.json"
    if not path.exists():
        pytest.skip("fixtures/expected/conflicts.json not written yet")
    return json.loads(path.read_text(encoding="utf-8"))


def build_fixture_scene(scene: Scene) -> tuple[dict[tuple[str, str], int], list[str]]:
    """Store every fixture article and its *expected* claims (no extractor involved)."""
    refs: dict[tuple[str, str], int] = {}
    missing: list[str] = []
    for exp_file in sorted((FIXTURES / "expected").glob("[0-9]*.json")):
        stem = exp_file.stem
        data = json.loads(exp_file.read_text(encoding="utf-8"))
        sources = list((FIXTURES / "articles").glob(stem + ".*"))
        if not sources:
            continue
        text = sources[0].read_text(encoding="utf-8")
        meta = data.get("article", {})
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        art = scene.article(
            meta.get("outlet") or "Unknown outlet", published, text, title=meta.get("title")
        )
        for c in data.get("claims", []):
            if c["quote"] not in text:
                missing.append(f"{stem}: {c['quote']}")
                continue
            refs[(stem, c["quote"])] = scene.claim(
                art,
                c["quote"],
                subject=c.get("subject"),
                measure=c.get("measure"),
                low=c.get("low"),
                high=c.get("high"),
                unit=c.get("unit"),
                approx=c.get("approx") or "exact",
                chain=list(c.get("chain") or []),
                hedge=c.get("hedge") or "certain",
                polarity=c.get("polarity") or "affirmed",
                place=c.get("place"),
                as_of=c.get("as_of"),
            )
    return refs, missing


def _ref(refs: dict[tuple[str, str], int], item: dict[str, str]) -> int:
    """The stored claim an expectation names: same article, quotes overlapping."""
    key = (item["article"], item["quote"])
    if key in refs:
        return refs[key]
    near = [
        cid
        for (stem, quote), cid in refs.items()
        if stem == item["article"] and (quote in item["quote"] or item["quote"] in quote)
    ]
    assert len(near) == 1, f"expected claim not stored (or ambiguous): {key} -> {near}"
    return near[0]


def _position_sets(f: dict[str, Any]) -> list[set[int]]:
    return [{c["id"] for c in p["claims"]} for p in f["positions"]]


def check_expected_conflicts(
    findings: list[dict[str, Any]], expected: dict[str, Any], refs: dict[tuple[str, str], int]
) -> None:
    for exp in expected["conflicts"]:
        kind = KIND_OF[exp["kind"]]
        if kind == "arithmetic":
            groups = (
                [[exp["total"]], exp["parts"]]
                if "total" in exp
                else [[exp["ratio"]], [exp["numerator"], exp["denominator"]]]
            )
        else:
            groups = exp["positions"]
        wanted = [{_ref(refs, item) for item in group} for group in groups]
        matches = [
            f
            for f in findings
            if f["kind"] == kind and all(any(w <= p for p in _position_sets(f)) for w in wanted)
        ]
        assert matches, f"expected conflict {exp['id']} not found as {kind} with positions {wanted}"


def expected_rival_pairs(
    expected: dict[str, Any], refs: dict[tuple[str, str], int]
) -> set[frozenset[int]]:
    pairs: set[frozenset[int]] = set()
    for exp in expected["conflicts"]:
        groups = exp.get("positions") or []
        ids = [{_ref(refs, i) for i in g} for g in groups]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pairs.update(frozenset((x, y)) for x in a for y in b)
    return pairs


def check_not_conflicts(
    findings: list[dict[str, Any]], expected: dict[str, Any], refs: dict[tuple[str, str], int]
) -> None:
    """No two claims of a not_conflicts group sit in rival positions (unless a listed conflict pairs them)."""
    allowed = expected_rival_pairs(expected, refs)
    for exp in expected["not_conflicts"]:
        ids = {_ref(refs, item) for item in exp["claims"]}
        for f in findings:
            if f["kind"] == "arithmetic":
                continue  # ratio/sum checks compare figures that are not rivals
            pos = [p & ids for p in _position_sets(f)]
            for i, a in enumerate(pos):
                for b in pos[i + 1 :]:
                    bad = [(x, y) for x in a for y in b if frozenset((x, y)) not in allowed]
                    assert not bad, (
                        f"{exp['id']} ({exp['reason']}): {bad} in rival positions of {f['kind']} {f['id']}"
                    )


def test_fixture_expectations_with_stored_claims(scene: Scene) -> None:
    expected = load_expected()
    refs, missing = build_fixture_scene(scene)
    assert len(missing) <= 2, missing
    findings = scene.conflicts(min_severity=0)
    check_expected_conflicts(findings, expected, refs)
    check_not_conflicts(findings, expected, refs)


def test_claim_records_from_detail_rows_equal_records_read_by_id(scene: Scene) -> None:
    """`prov conflicts` builds its claim records from the rows it detected on
    (``fetch_rows(detail=True)``); they equal the records read claim by claim,
    chains in order, hedge cues, places and articles included."""
    from provenance.conflicts import _claim_records, detect_batches
    from provenance.questions import load_context

    build_fixture_scene(scene)
    # Raw measures the lexicon normalises, and a two-hop chain.
    scene.figure("Relay Daily", 90000, measure="fighters", chain=["Wire One", "Field Monitor"])
    scene.figure("Other Daily", 4000, measure="combatants", place="Aleppo")
    with session_scope(scene.engine, write=True) as s:
        ctx = load_context(s)
        found = [d for batch in detect_batches(s, ctx, detail=True) for d in batch]
        rows = {r.id: r for d in found for pos in d.positions for r in pos}
        assert len(rows) > 10 and all(r.extra is not None for r in rows.values())
        assert any(len(r.links) > 1 for r in rows.values())
        ids = sorted(rows)
        grades = {i: i % 7 for i in ids}
        from_rows = _claim_records(s, ids, grades, rows)
        read = _claim_records(s, ids, grades)
        assert from_rows == read
        assert list(from_rows) == ids
        # Some from rows, the rest read: the same records.
        half = {i: rows[i] for i in ids[::2]}
        assert _claim_records(s, ids, grades, half) == read
        # And the claim fields equal the ORM path every listing uses.
        from provenance.store import claim_records

        claims = s.exec(select(Claim).where(col(Claim.id).in_(ids)).order_by(col(Claim.id)))
        orm = claim_records(s, claims.all(), credibility=grades)
        assert [
            {k: v for k, v in rec.items() if k not in ("article", "unreviewed")}
            for rec in from_rows.values()
        ] == orm
        articles = {a.id: a for a in s.exec(select(Article)).all()}
        for rec in from_rows.values():
            assert rec["article"]["title"] == articles[rec["article_id"]].title
            assert rec["unreviewed"] == (rec["status"] == "candidate")


def test_fixture_conflicts_after_ingest(prov: Any) -> None:
    """Through `prov ingest`: every expected conflict whose claims the extractor found is found."""
    expected = load_expected()
    articles = FIXTURES / "articles"
    ingest = prov("ingest", str(articles))
    if ingest.exit_code == 2 and "No such command" in ingest.stderr:
        pytest.skip("prov ingest not available yet")
    assert ingest.exit_code == 0, ingest.stderr
    claims = json.loads(prov("claims", "list", "--format", "json").stdout or "[]") if True else []
    result = prov("conflicts", "--format", "json", "--min-severity", "0")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)
    assert isinstance(findings, list)
    # Map expected (article stem, quote) to extracted claims by article origin path and quote.
    with session_scope(get_engine(prov.url)) as s:
        origin_of = {a.id: a.origin or "" for a in s.exec(select(Article)).all()}
    # Only claims the extractor got right (measure, interval, place) can be held
    # to the conflict expectations; the extractor's own tests judge the rest.
    truth: dict[tuple[str, str], dict[str, Any]] = {}
    for exp_file in (FIXTURES / "expected").glob("[0-9]*.json"):
        for t in json.loads(exp_file.read_text(encoding="utf-8")).get("claims", []):
            truth[(exp_file.stem, t["quote"])] = t
    refs: dict[tuple[str, str], int] = {}
    for c in claims:
        stem = origin_of.get(c["article_id"], "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        t = truth.get((stem, c["quote"]))
        value = c.get("value") or {}
        if t is None or (t.get("measure"), t.get("low"), t.get("high"), t.get("place")) != (
            c.get("measure"),
            value.get("low"),
            value.get("high"),
            c.get("place"),
        ):
            continue
        refs.setdefault((stem, c["quote"]), c["id"])
    usable = []
    for exp in expected["conflicts"]:
        items = (
            [i for g in exp.get("positions", []) for i in g]
            + [exp[k] for k in ("total", "ratio", "numerator", "denominator") if k in exp]
            + exp.get("parts", [])
        )
        try:
            for i in items:
                _ref(refs, i)
        except AssertionError:
            continue
        usable.append(exp)
    if len(usable) < len(expected["conflicts"]) // 2:
        pytest.skip(
            f"the extractor yields the claims of only {len(usable)} expected conflicts so far"
        )
    check_expected_conflicts(findings, {"conflicts": usable}, refs)


# --------------------------------------------------------------------------
# Pure properties


def make_row(
    i: int,
    lo: float,
    hi: float,
    *,
    article: int | None = None,
    polarity: str = "affirmed",
    place: str | None = None,
    start: int = 738000,
    end: int = 738060,
    origin: int | None = None,
    chain: tuple[int, ...] = (),
    unit_class: str = "count",
    hedge: str = "certain",
    version: int = 1,
) -> Row:
    origin = origin if origin is not None else 1000 + i
    return Row(
        id=i, article_id=article if article is not None else i, subject_id=1, raw_subject_id=1,
        subject_text="Fatemiyoun", measure="personnel", raw_measure="personnel", measure_text="fighters",
        place=place, place_text=place, unit="count", unit_class=unit_class,
        low=lo, high=None if math.isinf(hi) else hi, lo=lo, hi=hi, approx="exact",
        polarity=polarity, hedge=hedge, status="candidate", version=version, origin=origin,
        chain=frozenset(chain) | {origin}, outlet=chain[0] if chain else origin, start=start, end=end,
        window_from="published", as_of=None, published=start + 30,
    )  # fmt: skip


bounds = st.tuples(st.integers(0, 1000), st.integers(0, 1000)).map(lambda t: (min(t), max(t)))
rows_st = st.lists(
    st.tuples(bounds, st.sampled_from(["affirmed", "denied"]), st.sampled_from([None, "syria", "iraq"]),
              st.integers(0, 100)),
    min_size=2, max_size=12,
)  # fmt: skip


def _rows(spec: list[Any]) -> list[Row]:
    return [
        make_row(
            i,
            float(lo),
            float(hi),
            polarity=pol,
            place=place,
            start=738000 + s,
            end=738000 + s + 30,
        )
        for i, ((lo, hi), pol, place, s) in enumerate(spec)
    ]


@given(rows_st)
def test_conflict_is_symmetric(spec: list[Any]) -> None:
    rows = _rows(spec)
    for a in rows:
        for b in rows:
            assert pair_conflict(a, b) == pair_conflict(b, a)


@given(rows_st)
def test_overlapping_intervals_never_conflict_on_same_polarity(spec: list[Any]) -> None:
    rows = _rows(spec)
    for a in rows:
        for b in rows:
            if a.polarity == b.polarity and a.lo <= b.hi and b.lo <= a.hi:
                assert pair_conflict(a, b) is None


@given(st.lists(bounds, min_size=1, max_size=20))
def test_positions_are_cliques_and_minimal(intervals: list[tuple[int, int]]) -> None:
    rows = [make_row(i, float(lo), float(hi)) for i, (lo, hi) in enumerate(intervals)]
    pos = positions(rows)
    assert sorted(r.id for p in pos for r in p) == list(range(len(rows)))
    for p in pos:  # mutually compatible: a common point
        assert max(r.lo for r in p) <= min(r.hi for r in p)
    any_disjoint = any(a.hi < b.lo for a in rows for b in rows)
    assert (len(pos) >= 2) == any_disjoint


@given(rows_st)
def test_questions_contain_every_conflicting_pair(spec: list[Any]) -> None:
    rows = _rows(spec)
    questions = form_questions((1, "personnel", "count"), rows)
    for a in rows:
        for b in rows:
            if same_question(a, b) and a.id != b.id:
                assert any({a.id, b.id} <= {r.id for r in q.rows} for q in questions)


def test_different_places_never_same_question() -> None:
    a = make_row(1, 10, 10, place="syria")
    b = make_row(2, 500, 500, place="iraq")
    assert pair_conflict(a, b) is None
    c = make_row(3, 500, 500, place=None)
    assert pair_conflict(a, c) == "interval"


@settings(max_examples=50)
@given(st.integers(1, 400), st.integers(1, 400), st.integers(1, 9))
def test_sum_check_matches_arithmetic(total: int, part1: int, part2: int) -> None:
    t = make_row(1, total, total, article=7)
    t.measure = "recruits"
    p1 = make_row(2, part1, part1, article=7)
    p1.measure = "recruits:a"
    p2 = make_row(3, part2, part2, article=7)
    p2.measure = "recruits:b"
    found = detect_article(7, [t, p1, p2], 0.1)
    assert bool(found) == (total != part1 + part2)


# --------------------------------------------------------------------------
# Property on a real database: any editorial change to a claim of a resolved
# conflict reopens it (or ends the conflict), through the editors' own path.

_CHANGES = st.one_of(
    st.tuples(st.just("hedge"), st.sampled_from(["probable", "possible", "unverified"])),
    # A blank note is no note: stored as none, it changes nothing (so reopens nothing).
    st.tuples(
        st.just("note"), st.text(alphabet="abc xyz", min_size=1, max_size=12).filter(str.strip)
    ),
    st.tuples(st.just("value"), st.integers(1, 40_000).map(str)),
    st.tuples(st.just("status"), st.sampled_from(["confirmed", "candidate"])),
    st.tuples(st.just("source"), st.sampled_from(["a local official", "Gulf Dispatch"])),
)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.integers(100, 5_000),
    st.integers(10_000, 40_000),
    st.booleans(),
    _CHANGES,
)
def test_resolving_then_changing_a_claim_reopens_the_verdict(
    scene: Scene, low: int, high: int, first: bool, change: tuple[str, str]
) -> None:
    from provenance.editorial import ClaimFields, edit_claim, set_status

    scene.counter += 1
    # A name no fuzzy match joins to another example's: each example its own question.
    digest = hashlib.sha256(str(scene.counter).encode()).hexdigest()
    subject = "".join(chr(97 + int(c, 16) + (scene.counter % 10)) for c in digest[:10]).title()
    a = scene.figure("A", low, subject=subject)
    b = scene.figure("B", high, subject=subject)
    mine = [f for f in scene.conflicts() if {a, b} <= set(f["claim_ids"])]
    assert len(mine) == 1
    fid = mine[0]["id"]
    with session_scope(scene.engine, write=True) as s:
        resolve(s, fid, "different-scope", "counts differ in scope", "editor")
    assert all(f["id"] != fid for f in scene.conflicts())

    target = a if first else b
    field, value = change
    with session_scope(scene.engine, write=True) as s:
        if field == "status":
            if value == "candidate":
                set_status(s, target, "confirmed", actor="editor")
            set_status(s, target, value, actor="editor")
        else:
            edit_claim(s, target, ClaimFields(**{field: value}), actor="editor")

    after = {f["id"]: f for f in scene.conflicts(include_resolved=True)}
    if fid in after:  # still a conflict: the verdict no longer applies
        assert after[fid]["status"] == "open", (field, value)
        assert after[fid]["verdict"]["applies"] is False
    else:  # the change ended the disagreement (e.g. the figures now overlap)
        with session_scope(scene.engine) as s:
            finding = s.get(Finding, fid)
            assert finding is not None and finding.closed_at is not None


def test_progress_reports_the_buckets_checked(scene: Scene) -> None:
    scene.figure("A", 15000)
    scene.figure("B", 3000)
    scene.figure("C", 200, subject="Kataib al-Nasr")
    scene.figure("D", 900, subject="Kataib al-Nasr")
    calls: list[tuple[int, int]] = []
    with session_scope(scene.engine, write=True) as s:
        found = list_conflicts(s, progress=lambda done, total: calls.append((done, total)))
    assert len(found) == 2
    totals = {total for _done, total in calls}
    assert totals == {2}, calls
    assert calls[0][0] == 0 and calls[-1] == (2, 2)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_read_ahead_gives_the_same_findings(scene: Scene) -> None:
    """Reading the next batches on a second connection (what `prov conflicts`
    does) changes nothing in the result, on both backends, batch boundaries
    included."""
    from provenance.conflicts import detect_batches
    from provenance.questions import load_context

    build_fixture_scene(scene)
    for i in range(12):
        scene.figure(f"Wire {i}", 1000 * (i % 3 + 1), subject=f"Brigade {i // 2}")
    with session_scope(scene.engine, write=True) as s:
        ctx = load_context(s)
        plain = [[d.id for d in b] for b in detect_batches(s, ctx, detail=True)]
        ahead = [[d.id for d in b] for b in detect_batches(s, ctx, detail=True, read_ahead=True)]
    assert ahead == plain and sum(map(len, plain)) >= 6
    with session_scope(scene.engine, write=True) as s:
        before = list_conflicts(s)
    with session_scope(scene.engine, write=True) as s:
        after = list_conflicts(s, read_ahead=True)
    strip = ("last_seen_at",)
    assert [{k: v for k, v in f.items() if k not in strip} for f in after] == [
        {k: v for k, v in f.items() if k not in strip} for f in before
    ]


def test_read_ahead_runs_in_order_hands_errors_over_and_stops_early(migrated_url: str) -> None:
    import threading

    from sqlalchemy.exc import DatabaseError as DriverError

    from provenance.db import read_ahead

    engine = get_engine(migrated_url)

    def count(run: Any, n: int) -> tuple[int, int]:
        return n, run(f"SELECT count(*) + {n} FROM article", ())[0][0]

    with session_scope(engine, write=True) as s:
        assert list(read_ahead(s, count, range(7))) == [(n, n) for n in range(7)]
        # The caller stops after two: the thread ends and its connection goes back.
        before = threading.active_count()
        for n, _pair in enumerate(read_ahead(s, count, range(1000))):
            if n == 1:
                break
        assert threading.active_count() == before

        def broken(run: Any, n: int) -> Any:
            return run("SELECT no_such_column FROM article", ()) if n == 3 else n

        seen: list[int] = []
        with pytest.raises(Exception) as info:
            for n in read_ahead(s, broken, range(10)):
                seen.append(n)
        assert seen == [0, 1, 2]
        assert "no_such_column" in str(info.value) or isinstance(info.value, DriverError)


def test_read_ahead_on_sqlite_runs_inline_on_the_session_connection() -> None:
    from provenance.db import read_ahead

    engine = get_engine("sqlite://")
    with session_scope(engine) as s:
        s.connection().exec_driver_sql("CREATE TABLE t (x INTEGER)")
        s.connection().exec_driver_sql("INSERT INTO t VALUES (4)")
        # Inline: a second connection would not see the uncommitted table
        # (nor, in memory, the database at all).
        got = list(read_ahead(s, lambda run, n: run("SELECT x + ? FROM t", (n,)), [1, 2]))
    assert got == [[(5,)], [(6,)]]


@pytest.mark.postgres
def test_read_ahead_reads_inline_when_the_server_refuses_a_second_connection(
    pg_url: str,
) -> None:
    """A role allowed one connection still gets its conflicts: the read-ahead
    cannot open its own connection, so it reads on the command's."""
    import psycopg

    from provenance.db import init_database

    init_database(pg_url)
    scene = Scene(pg_url)
    scene.figure("A", 15000)
    scene.figure("B", 3000)
    expected = [f["id"] for f in scene.conflicts()]
    role = "one_conn_" + pg_url.rsplit("/", 1)[1]
    admin = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN CONNECTION LIMIT 1')
        conn.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"')
        conn.execute(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
    try:
        limited = pg_url.replace("://prov@", f"://{role}@")
        engine = get_engine(limited)
        with session_scope(engine, write=True) as s:
            got = [f["id"] for f in list_conflicts(s, read_ahead=True)]
        assert got == expected and len(got) == 1
        engine.dispose()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


def _texts_without_stamps(findings: Any) -> list[str]:
    """Each record's JSON text with the run's own stamp blanked."""
    import re

    return [re.sub(r'"last_seen_at": "[^"]*"', '"last_seen_at": -', t) for t in findings.texts()]


def test_a_helper_process_gives_the_same_text(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Part of the buckets in a helper process (`prov conflicts` on a large
    database): the same records, byte for byte, with filters, resolved
    findings and progress, on both backends."""
    from provenance import conflicts_helper

    started: list[int] = []
    real_begin = conflicts_helper.Helper.begin

    def spy(self: Any, task: Any) -> bool:
        started.append(sum(len(ms) for ms in task.wanted.values()))
        return real_begin(self, task)

    monkeypatch.setattr(conflicts_helper.Helper, "begin", spy)
    build_fixture_scene(scene)
    for i in range(16):
        scene.figure(f"Wire {i}", 1000 * (i % 3 + 1), subject=f"Brigade {i // 2}")
    first = scene.conflicts()
    with session_scope(scene.engine, write=True) as s:
        resolve(s, first[-1]["id"], VERDICT_REASONS[0], "checked", "tester")
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))

    kws: list[dict[str, Any]] = [
        {},
        {"include_resolved": True},
        {"since": "2025-02-01", "min_severity": 0.5},
        {"measure": "personnel"},
    ]
    for kw in kws:
        calls.clear()
        with session_scope(scene.engine, write=True) as s:
            alone = _texts_without_stamps(list_conflicts(s, **kw))
        with session_scope(scene.engine, write=True) as s:
            split = list_conflicts(s, parallel=True, progress=progress, **kw)
            helped = _texts_without_stamps(split)
        assert helped == alone and len(alone) >= 3, kw
        if not kw:  # the helper also did the articles' arithmetic
            assert any('"kind": "arithmetic"' in t for t in alone)
        assert calls[-1][0] == calls[-1][1] > 1
        assert split.open_count == sum('"status": "open"' in t for t in alone)
    if conflicts_helper.can_split(scene.url):  # a second core to run it
        assert len(started) == len(kws) and min(started) >= 2


def _brigades(scene: Scene, n: int = 8) -> None:
    for i in range(n):
        scene.figure(f"Wire {i}", 1000 * (i % 2 + 1), subject=f"Brigade {i // 2}")


def test_a_helper_failing_at_once_leaves_its_share_to_the_caller(
    scene: Scene, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from provenance import conflicts_helper

    _brigades(scene)
    with session_scope(scene.engine, write=True) as s:
        alone = _texts_without_stamps(list_conflicts(s))
    real_begin = conflicts_helper.Helper.begin
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    # The helper is pointed at an empty database: it fails on its first query.
    monkeypatch.setattr(
        conflicts_helper.Helper,
        "begin",
        lambda self, task: real_begin(self, task._replace(url=f"sqlite:///{empty}")),
    )
    with session_scope(scene.engine, write=True) as s:
        assert _texts_without_stamps(list_conflicts(s, parallel=True)) == alone
    assert len(alone) == 4


def test_a_helper_failing_part_way_fails_the_run_and_writes_nothing(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance import conflicts_helper
    from provenance.errors import DatabaseError

    _brigades(scene, 16)
    real_take = conflicts_helper.Helper._take
    seen: list[str] = []

    def take_then_fail(self: Any, message: Any) -> Any:
        seen.append(message[0])
        if self.taken:  # after its first batch, the helper "fails"
            message = ("error", 0, "OperationalError: disk I/O error")
        return real_take(self, message)

    monkeypatch.setattr(conflicts_helper.Helper, "_take", take_then_fail)
    monkeypatch.setattr(conflicts_helper, "split", lambda w: ({}, w))
    with pytest.raises(DatabaseError, match="helper process failed: OperationalError"):
        with session_scope(scene.engine, write=True) as s:
            list_conflicts(s, parallel=True)
    assert seen[0] == "batch"
    with session_scope(scene.engine) as s:
        assert s.exec(select(Finding)).all() == []


def test_when_no_helper_can_start_the_run_is_done_alone(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    _brigades(scene)
    with session_scope(scene.engine, write=True) as s:
        alone = _texts_without_stamps(list_conflicts(s))

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    with session_scope(scene.engine, write=True) as s:
        assert _texts_without_stamps(list_conflicts(s, parallel=True)) == alone
    assert len(alone) == 4


@given(
    st.dictionaries(
        st.integers(1, 500),
        st.sets(st.sampled_from(["personnel", "killed", "salary", "recruits"]), min_size=1),
        max_size=40,
    ),
    st.floats(0.0, 1.0),
)
def test_split_keeps_whole_subjects_and_every_bucket(
    wanted: dict[int, set[str]], share: float
) -> None:
    from provenance.conflicts_helper import split

    mine, theirs = split(wanted, share)
    assert not set(mine) & set(theirs)
    assert {**mine, **theirs} == wanted
    # In subject order: the helper's subjects all come after the caller's.
    if mine and theirs:
        assert max(mine) < min(theirs)


def test_a_helper_sent_away_before_its_task_leaves_nothing_behind() -> None:
    """`prov conflicts` starts the helper before its candidate scan on a large
    table and sends it away when the run turns out small."""
    from pathlib import Path

    from provenance import conflicts_helper

    helper = conflicts_helper.spawn()
    assert helper is not None
    folder = Path(helper.folder.name)
    assert folder.is_dir()
    helper.close()
    assert helper.process.poll() is not None
    assert not folder.exists()


def test_a_helper_starts_ahead_only_on_a_large_table(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance import conflicts_helper

    _brigades(scene)
    spawned: list[int] = []
    real_spawn = conflicts_helper.spawn
    monkeypatch.setattr(conflicts_helper, "spawn", lambda: spawned.append(1))
    with session_scope(scene.engine, write=True) as s:
        assert not conflicts_helper.large(s)
        assert len(list_conflicts(s, parallel=None)) == 4
    assert spawned == []
    # A "large" table on a busy machine: no helper.
    import os

    monkeypatch.setattr(conflicts_helper, "LARGE_TABLE", 1)
    monkeypatch.setattr(os, "getloadavg", lambda: (64.0, 64.0, 64.0))
    with session_scope(scene.engine, write=True) as s:
        assert not conflicts_helper.large(s)
        assert not conflicts_helper.worth_splitting({i: {"killed"} for i in range(10**4)})
    # An idle one: the helper starts ahead, then is sent away (4 buckets).
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert conflicts_helper.worth_splitting({i: {"killed"} for i in range(10**4)})
    helpers: list[Any] = []

    def spy() -> Any:
        helpers.append(real_spawn())
        return helpers[-1]

    monkeypatch.setattr(conflicts_helper, "spawn", spy)
    with session_scope(scene.engine, write=True) as s:
        assert conflicts_helper.large(s)
        assert len(list_conflicts(s, parallel=None)) == 4
    assert len(helpers) == 1 and helpers[0].process.poll() is not None
