"""Independence, corroboration and `uncorroborated` (SPEC section 5), both backends.

Fixture expectations (corroborated pairs, relays that are not independent,
single-origin groups) are checked on the fixture articles with their
*expected* claims stored through create_claim; Hypothesis properties check
the pure definitions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.corroboration import independent, support, supporting_origins, uncorroborated
from provenance.db import session_scope
from provenance.grades import _rows_with_peers, explain_credibility
from tests.test_conflicts import Scene, _ref, build_fixture_scene, load_expected, make_row


@pytest.fixture
def scene(migrated_url: str) -> Scene:
    return Scene(migrated_url)


def _support_of(scene: Scene, claim_id: int) -> int:
    with session_scope(scene.engine) as s:
        return int(explain_credibility(s, claim_id)["support"])


def test_ten_outlets_repeating_one_origin_are_one_origin(scene: Scene) -> None:
    ids = [
        scene.figure(f"Outlet {i}", 600, chain=["Syrian Observatory for Human Rights"])
        for i in range(4)
    ]
    for cid in ids:
        assert _support_of(scene, cid) == 1
    with session_scope(scene.engine) as s:
        rows = uncorroborated(s, min_age_days=0)
    assert len(rows) == 1
    assert rows[0]["claim_ids"] == sorted(ids)
    assert rows[0]["summary"] == "4 outlets, 1 origin"
    assert rows[0]["origin"] == "Syrian Observatory for Human Rights"


def test_unnamed_sources_of_one_description_are_one_origin(scene: Scene) -> None:
    # "local sources" in two outlets cannot be told apart: one origin, so the
    # figure stays uncorroborated (README: Independence).
    a = scene.figure("Outlet A", 600, chain=["local sources"])
    b = scene.figure("Outlet B", 600, chain=["local sources"])
    assert _support_of(scene, a) == 1 and _support_of(scene, b) == 1
    with session_scope(scene.engine) as s:
        assert [r["summary"] for r in uncorroborated(s, min_age_days=0)] == ["2 outlets, 1 origin"]


def test_independent_origin_corroborates(scene: Scene) -> None:
    a = scene.figure("Outlet A", 600, chain=["Syrian Observatory for Human Rights"])
    b = scene.figure("Outlet B", 580, high=650, chain=["Deir ez-Zor 24"])
    assert _support_of(scene, a) == 2 and _support_of(scene, b) == 2
    with session_scope(scene.engine) as s:
        assert uncorroborated(s, min_age_days=0) == []


def test_relay_of_an_origin_is_not_a_second_origin(scene: Scene) -> None:
    # B cites Asharq Al-Awsat; C shows Asharq Al-Awsat relaying the Observatory.
    a = scene.figure("Outlet A", 600, chain=["Syrian Observatory for Human Rights"])
    b = scene.figure("Outlet B", 600, chain=["Asharq Al-Awsat"])
    c = scene.figure(
        "Outlet C", 600, chain=["Asharq Al-Awsat", "Syrian Observatory for Human Rights"]
    )
    # A and B are independent by the SPEC rule: neither chain holds the other's origin.
    assert _support_of(scene, a) == 2 and _support_of(scene, b) == 2
    # C relays the Observatory: not independent of A, and not of B (C's chain holds B's origin).
    with session_scope(scene.engine) as s:
        exp = explain_credibility(s, c)
    assert exp["support"] == 1 and exp["confirming_origins"] == []


def test_disagreeing_or_other_question_does_not_corroborate(scene: Scene) -> None:
    a = scene.figure("Outlet A", 600, chain=["SOHR source"])
    scene.figure("Outlet B", 3000, chain=["Other monitor"])
    scene.figure("Outlet C", 600, chain=["Third monitor"], subject="Zainabiyoun")
    scene.figure("Outlet D", 600, chain=["Fourth monitor"], published=date(2019, 1, 1))
    assert _support_of(scene, a) == 1


def test_uncorroborated_filters_and_age(scene: Scene) -> None:
    scene.figure("Outlet A", 600, chain=["Monitor"], published=date.today())
    scene.figure(
        "Outlet B", 100, chain=["Monitor"], subject="Zainabiyoun", published=date(2024, 1, 1)
    )
    with session_scope(scene.engine) as s:
        assert len(uncorroborated(s, min_age_days=0)) == 2
        assert len(uncorroborated(s)) == 1  # default setting: 7 days
        only = uncorroborated(s, subject="Zainabiyoun Brigade", min_age_days=0)
        assert [r["subject"] for r in only] == ["Zainabiyoun"]
        assert only[0]["age_days"] >= 365


def test_fixture_corroboration_expectations(scene: Scene) -> None:
    expected = load_expected()
    refs, _ = build_fixture_scene(scene)
    with session_scope(scene.engine) as s:
        for item in expected["corroborated"]:
            cid = _ref(refs, item["claim"])
            exp = explain_credibility(s, cid)
            confirming = {i for o in exp["confirming_origins"] for i in o["claim_ids"]}
            for by in item["by"]:
                assert _ref(refs, by) in confirming, (item, exp)
            assert exp["support"] >= 2
        for group in expected["not_independent"]:
            ids = [_ref(refs, c) for c in group["claims"]]
            targets, _ = _rows_with_peers(s, ids)
            rows = {r.id: r for r in targets}
            for i in ids:
                for j in ids:
                    if i != j:
                        assert not independent(rows[i], rows[j]), group
        groups = uncorroborated(s, min_age_days=0)
        for single in expected["single_origin"]:
            ids = {_ref(refs, c) for c in single["claims"]}
            match = [g for g in groups if ids <= set(g["claim_ids"])]
            assert match, single
            assert match[0]["outlets"] == single["outlets"]
            assert match[0]["origin"] == single["origin"]
        corroborated_ids = {_ref(refs, i["claim"]) for i in expected["corroborated"]}
        listed = {i for g in groups for i in g["claim_ids"]}
        assert not corroborated_ids & listed


# --------------------------------------------------------------------------
# Properties of the pure definitions

fresh = st.integers(5000, 5999)  # source ids no claim has as origin


@st.composite
def claims(draw: Any) -> list[Any]:
    n = draw(st.integers(1, 8))
    out = []
    for i in range(n):
        lo = draw(st.integers(0, 100))
        hi = lo + draw(st.integers(0, 50))
        origin = draw(st.integers(1, 6))
        relays = tuple(draw(st.lists(st.integers(1, 6), max_size=2)))
        out.append(make_row(i + 1, float(lo), float(hi), origin=origin, chain=(100 + i, *relays)))
    return out


@given(claims(), st.integers(0, 7), st.integers(0, 100))
def test_claim_from_counted_origin_never_raises_support(
    rows: list[Any], pick: int, lo: int
) -> None:
    target = rows[0]
    before = support(target, rows)
    counted = sorted({target.origin} | supporting_origins(target, rows))
    origin = counted[pick % len(counted)]
    extra = make_row(99, float(lo), float(lo + 10), origin=origin, chain=(777,))
    assert support(target, [*rows, extra]) <= before


@given(claims(), st.lists(fresh, min_size=1, max_size=3))
def test_relaying_through_more_outlets_never_changes_independence(
    rows: list[Any], outlets: list[int]
) -> None:
    for a in rows:
        for b in rows:
            relayed = make_row(
                b.id, b.lo, b.hi, origin=b.origin, chain=tuple(b.chain | set(outlets))
            )
            assert independent(a, b) == independent(a, relayed)
            assert independent(a, b) == independent(b, a)


@given(claims())
def test_support_counts_distinct_origins(rows: list[Any]) -> None:
    for r in rows:
        assert 1 <= support(r, rows) <= 1 + len({x.origin for x in rows if x.origin != r.origin})


@pytest.mark.parametrize(
    ("outlets", "without", "text"),
    [
        (4, 0, "4 outlets, 1 origin"),
        (1, 0, "1 outlet, 1 origin"),
        (0, 1, "1 article with no known outlet, 1 origin"),
        (2, 3, "2 outlets and 3 articles with no known outlet, 1 origin"),
        (0, 0, "0 outlets, 1 origin"),
    ],
)
def test_summary_counts_articles_without_an_outlet_apart(outlets, without, text) -> None:
    from provenance.corroboration import summary

    assert summary(outlets, without) == text
