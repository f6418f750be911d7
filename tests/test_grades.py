"""Credibility grades 1–6 (SPEC section 6), rule by rule and in precedence, both backends."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.conflicts import resolve
from provenance.db import session_scope
from provenance.grades import GOODNESS, credibility_for, explain_credibility, grade
from provenance.names import find_source
from tests.test_conflicts import Scene, make_row


@pytest.fixture
def scene(migrated_url: str) -> Scene:
    return Scene(migrated_url)


def set_grade(scene: Scene, name: str, grade_: str) -> None:
    with session_scope(scene.engine, write=True) as s:
        src = find_source(s, name)
        assert src is not None
        src.grade = grade_
        s.add(src)


def cred(scene: Scene, cid: int) -> int:
    with session_scope(scene.engine) as s:
        return credibility_for(s, [cid])[cid]


def test_two_independent_origins_confirm(scene: Scene) -> None:
    a = scene.figure("A", 600, chain=["Monitor One"], hedge="unverified")
    b = scene.figure("B", 600, chain=["Monitor Two"])
    assert cred(scene, a) == 1 and cred(scene, b) == 1


@pytest.mark.parametrize(
    "grade_,hedge,expected",
    [
        ("A", "certain", 2),
        ("B", "probable", 2),
        ("C", "certain", 3),
        ("F", "certain", 3),
        ("F", "probable", 6),
        ("A", "possible", 4),
        ("C", "unverified", 4),
        ("D", "certain", 4),
        ("E", "certain", 4),
    ],
)
def test_single_origin_rules(scene: Scene, grade_: str, hedge: str, expected: int) -> None:
    cid = scene.figure("A", 600, chain=["Monitor One"], hedge=hedge)
    set_grade(scene, "Monitor One", grade_)
    assert cred(scene, cid) == expected


def test_contradicted_by_more_independent_origins_is_improbable(scene: Scene) -> None:
    lone = scene.figure("A", 20000, chain=["Sources close to the group"])
    scene.figure("B", 3000, chain=["Monitor One"])
    scene.figure("C", 3100, chain=["Monitor Two"])
    set_grade(scene, "Sources close to the group", "A")
    assert cred(scene, lone) == 5
    with session_scope(scene.engine) as s:
        exp = explain_credibility(s, lone)
    assert {o["name"] for o in exp["contradicting_origins"]} == {"Monitor One", "Monitor Two"}
    assert exp["confirming_origins"] == []
    assert exp["rule"].startswith("contradicted")


def test_conflict_blocks_grade_2_until_resolved(scene: Scene) -> None:
    a = scene.figure("A", 600, chain=["Monitor One"])
    scene.figure("B", 6000, chain=["Monitor Two"])
    set_grade(scene, "Monitor One", "A")
    assert cred(scene, a) == 6  # A-graded origin, but in an unresolved conflict
    found = scene.conflicts()
    with session_scope(scene.engine, write=True) as s:
        resolve(s, found[0]["id"], "different-scope", "fighters vs reservists", "editor")
    assert cred(scene, a) == 2


def test_rejected_claim_cannot_be_judged_and_takes_no_part(scene: Scene) -> None:
    a = scene.figure("A", 600, chain=["Monitor One"])
    b = scene.figure("B", 600, chain=["Monitor Two"])
    assert cred(scene, a) == 1
    scene.edit(b, status="rejected")
    assert cred(scene, b) == 6
    assert cred(scene, a) == 3  # F origin, certain


def test_bulk_equals_per_claim(scene: Scene) -> None:
    ids = [
        scene.figure("A", 600, chain=["Monitor One"]),
        scene.figure("B", 600, chain=["Monitor Two"], hedge="possible"),
        scene.figure("C", 9000, chain=["Monitor Three"], subject="Zainabiyoun"),
        scene.figure("D", 100, chain=["Monitor Four"], subject="Zainabiyoun"),
    ]
    with session_scope(scene.engine) as s:
        everything = credibility_for(s)
        some = credibility_for(s, ids)
    assert {i: everything[i] for i in ids} == some
    assert set(some.values()) <= {1, 2, 3, 4, 5, 6}


# --------------------------------------------------------------------------
# Property: an independent agreeing claim never lowers a grade


@st.composite
def world(draw: Any) -> tuple[list[Any], dict[int, str]]:
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(n):
        lo = draw(st.integers(0, 100))
        rows.append(
            make_row(
                i + 1,
                float(lo),
                float(lo + draw(st.integers(0, 40))),
                origin=draw(st.integers(1, 5)),
                chain=(100 + i, *draw(st.lists(st.integers(1, 5), max_size=2))),
                hedge=draw(st.sampled_from(["certain", "probable", "possible", "unverified"])),
                polarity=draw(st.sampled_from(["affirmed", "affirmed", "denied"])),
            )
        )
    grades = {o: draw(st.sampled_from("ABCDEF")) for o in range(1, 6)}
    return rows, grades


@given(world(), st.integers(0, 40))
def test_independent_agreeing_claim_never_lowers_a_grade(
    w: tuple[list[Any], dict[int, str]], shift: int
) -> None:
    rows, grades = w
    target = rows[0]
    before, _ = grade(target, rows, grades[target.origin])
    # Agreeing: the same polarity and an interval inside the target's; independent: a new
    # origin whose chain holds no origin of the target.
    width = target.hi - target.lo
    lo = target.lo + min(shift, width)
    extra = make_row(99, lo, lo, origin=50, chain=(300,), polarity=target.polarity)
    after, _ = grade(target, [*rows, extra], grades[target.origin])
    assert GOODNESS[after] <= GOODNESS[before], (before, after)
