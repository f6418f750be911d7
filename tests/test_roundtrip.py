"""Hypothesis round trips: every table, write then read back equal, both backends.

Each example runs in its own transaction that is rolled back at the end, so
examples never see each other's rows (unique names may repeat across
examples) and the database stays at its seeded state. Reading back happens
after ``expunge_all``, so the values compared come from the database, not
from the session's identity map.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, SQLModel

from provenance.db import get_engine
from schema import models
from schema.enums import (
    APPROX_KINDS,
    CLAIM_STATUSES,
    GRADES,
    HEDGE_LEVELS,
    ORIGIN_KINDS,
    POLARITIES,
    SOURCE_KINDS,
    VERDICT_REASONS,
)
from schema.models import (
    Article,
    Claim,
    ClaimLink,
    Entity,
    EntityAlias,
    Event,
    Finding,
    MeasureAlias,
    Outlet,
    Setting,
    Source,
    SourceAlias,
)

Builder = Callable[[Session], SQLModel]

# Text both backends store: no NUL (PostgreSQL refuses it), no lone surrogates.
_CHARS = st.characters(codec="utf-8", exclude_characters="\x00")


def text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.text(_CHARS, min_size=min_size, max_size=max_size)


def opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


moments = st.datetimes(
    min_value=datetime(1971, 1, 1),
    max_value=datetime(2200, 1, 1),
    timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=3, minutes=30)), timezone(timedelta(hours=-5))]
    ),
)
days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
finite = st.floats(allow_nan=False, allow_infinity=False)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | finite | text(30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text(10), inner, max_size=4),
    max_leaves=12,
)
hex64 = st.text("0123456789abcdef", min_size=64, max_size=64)


# Parents are built inside the example's transaction.
_serial = itertools.count()


def source(draw: st.DrawFn) -> Builder:
    # One example may hold several sources; names are unique, so each gets a suffix.
    name = draw(text(290, 1))
    fields = {
        "kind": draw(st.sampled_from(SOURCE_KINDS)),
        "grade": draw(st.sampled_from(GRADES)),
        "description": draw(opt(text(500))),
        "created_at": draw(moments),
    }
    return lambda s: _add(s, Source(name=f"{name}#{next(_serial)}", **fields))


def entity(draw: st.DrawFn, *, parent: bool = True) -> Builder:
    fields = {"name": draw(text(300, 1)), "kind": draw(opt(text(40))), "created_at": draw(moments)}
    merged = entity(draw, parent=False) if parent and draw(st.booleans()) else None

    def build(s: Session) -> SQLModel:
        merged_into_id = merged(s).id if merged else None  # type: ignore[attr-defined]
        return _add(s, Entity(merged_into_id=merged_into_id, **fields))

    return build


def outlet(draw: st.DrawFn) -> Builder:
    src = source(draw)
    fields = {"name": draw(text(300, 1)), "domain": draw(opt(text(255)))}
    return lambda s: _add(s, Outlet(source_id=src(s).id, **fields))  # type: ignore[attr-defined]


def article(draw: st.DrawFn) -> Builder:
    out = outlet(draw) if draw(st.booleans()) else None
    relay = source(draw) if draw(st.booleans()) else None
    fields = {
        "title": draw(opt(text(1000))),
        "url": draw(opt(text(2000))),
        "published": draw(opt(days)),
        "ingested_at": draw(moments),
        "text": draw(text(3000)),
        "sha256": draw(hex64),
        "origin": draw(opt(text(2000))),
        "disclaimer": draw(opt(text(500))),
    }

    def build(s: Session) -> SQLModel:
        return _add(
            s,
            Article(
                outlet_id=out(s).id if out else None,  # type: ignore[attr-defined]
                relay_source_id=relay(s).id if relay else None,  # type: ignore[attr-defined]
                **fields,
            ),
        )

    return build


def claim(draw: st.DrawFn) -> Builder:
    art = article(draw)
    subject = entity(draw, parent=False) if draw(st.booleans()) else None
    origin = source(draw) if draw(st.booleans()) else None
    start = draw(st.integers(0, 10**6))
    bounds = sorted([draw(finite), draw(finite)])
    low = draw(opt(st.just(bounds[0])))
    high = draw(opt(st.just(bounds[1])))
    as_of_start = draw(opt(days))
    fields = {
        "quote": draw(text(300)),
        "start_offset": start,
        "end_offset": start + draw(st.integers(0, 10**4)),
        "sentence": draw(text(1000)),
        "subject_text": draw(opt(text(300))),
        "measure": draw(opt(text(100))),
        "measure_text": draw(opt(text(300))),
        "place": draw(opt(text(200))),
        "as_of": draw(opt(text(50))),
        "as_of_start": as_of_start,
        "as_of_end": draw(opt(days)),
        "value_text": draw(opt(text(300))),
        "low": low,
        "high": high,
        "unit": draw(opt(text(40))),
        "approx": draw(opt(st.sampled_from(APPROX_KINDS))),
        "hedge": draw(st.sampled_from(HEDGE_LEVELS)),
        "hedge_cues": draw(st.lists(text(40), max_size=5)),
        "polarity": draw(st.sampled_from(POLARITIES)),
        "origin_kind": draw(st.sampled_from(ORIGIN_KINDS)),
        "status": draw(st.sampled_from(CLAIM_STATUSES)),
        "note": draw(opt(text(500))),
        "created_at": draw(moments),
        "updated_at": draw(moments),
        "updated_by": draw(opt(text(100))),
        "version": draw(st.integers(1, 2**31 - 1)),
    }

    def build(s: Session) -> SQLModel:
        return _add(
            s,
            Claim(
                article_id=art(s).id,  # type: ignore[attr-defined]
                subject_id=subject(s).id if subject else None,  # type: ignore[attr-defined]
                origin_source_id=origin(s).id if origin else None,  # type: ignore[attr-defined]
                **fields,
            ),
        )

    return build


def _add(session: Session, row: SQLModel) -> SQLModel:
    session.add(row)
    session.flush()
    return row


@st.composite
def rows(draw: st.DrawFn, table: type[SQLModel]) -> Builder:
    if table is Source:
        return source(draw)
    if table is Entity:
        return entity(draw)
    if table is Outlet:
        return outlet(draw)
    if table is Article:
        return article(draw)
    if table is Claim:
        return claim(draw)
    if table is SourceAlias:
        src = source(draw)
        alias, folded = draw(text(300, 1)), draw(text(300, 1))
        return lambda s: _add(s, SourceAlias(source_id=src(s).id, alias=alias, folded=folded))  # type: ignore[attr-defined]
    if table is EntityAlias:
        ent = entity(draw, parent=False)
        alias, folded = draw(text(300, 1)), draw(text(300, 1))
        return lambda s: _add(s, EntityAlias(entity_id=ent(s).id, alias=alias, folded=folded))  # type: ignore[attr-defined]
    if table is ClaimLink:
        cl, src = claim(draw), source(draw)
        position, cue = draw(st.integers(0, 1000)), draw(opt(text(100)))
        return lambda s: _add(
            s,
            ClaimLink(claim_id=cl(s).id, position=position, source_id=src(s).id, cue=cue),  # type: ignore[attr-defined]
        )
    if table is MeasureAlias:
        # Prefixed so as not to collide with the lexicon the migration seeds.
        fields = {
            "word": "hyp:" + draw(text(190)),
            "measure": draw(text(100)),
            "added_by": draw(opt(text(100))),
            "created_at": draw(moments),
        }
        return lambda s: _add(s, MeasureAlias(**fields))
    if table is Setting:
        fields = {
            "key": "hyp:" + draw(text(50)),
            "value": draw(text(200)),
            "updated_at": draw(moments),
        }
        return lambda s: _add(s, Setting(**fields))
    if table is Finding:
        fields = {
            "id": draw(text(32, 1)),
            "question_key": draw(text(500)),
            "kind": draw(text(20)),
            "severity": draw(finite),
            "claim_ids": draw(st.lists(st.integers(1, 2**31 - 1), max_size=8)),
            "fingerprint": draw(text(64)),
            "opened_at": draw(moments),
            "last_seen_at": draw(moments),
            "closed_at": draw(opt(moments)),
            "verdict": draw(opt(st.sampled_from(VERDICT_REASONS))),
            "verdict_note": draw(opt(text(300))),
            "verdict_by": draw(opt(text(100))),
            "verdict_at": draw(opt(moments)),
            "verdict_fingerprint": draw(opt(text(64))),
        }
        return lambda s: _add(s, Finding(**fields))
    if table is Event:
        fields = {
            "at": draw(moments),
            "actor": draw(text(100)),
            "target_type": draw(text(20)),
            "target_id": draw(text(64)),
            "action": draw(text(20)),
            "field": draw(opt(text(50))),
            "before": draw(json_values),
            "after": draw(json_values),
            "reason": draw(opt(text(300))),
        }
        return lambda s: _add(s, Event(**fields))
    raise AssertionError(f"no strategy for {table.__name__}")


TABLES = [getattr(models, name) for name in models.__all__]


def test_every_table_has_a_round_trip() -> None:
    assert {t.__tablename__ for t in TABLES} == set(SQLModel.metadata.tables) - {"alembic_version"}


def _primary_key(row: SQLModel) -> Any:
    keys = [c.name for c in type(row).__table__.primary_key.columns]  # type: ignore[attr-defined]
    values = tuple(getattr(row, k) for k in keys)
    return values[0] if len(values) == 1 else values


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.__name__)
def test_write_then_read_back_equal(migrated_url: str, table: type[SQLModel]) -> None:
    engine = get_engine(migrated_url)

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(rows(table))
    def check(build: Builder) -> None:
        with Session(engine) as session:
            try:
                row = build(session)
                written = row.model_dump()
                key = _primary_key(row)
                session.expunge_all()
                read = session.get(table, key)
                assert read is not None
                assert read.model_dump() == written
            finally:
                session.rollback()

    check()
