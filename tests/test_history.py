"""Replaying a claim's events from its creation rebuilds its current row exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.db import get_engine, init_database, session_scope
from provenance.editorial import (
    ClaimFields,
    current_state,
    edit_claim,
    get_claim,
    merge_entities,
    set_status,
)
from provenance.errors import InvalidInput
from provenance.history import ReplayError, events_for, replay_claim
from provenance.model import ClaimDraft, SourceRef
from provenance.store import create_claim
from schema.models import Article
from tests.conftest import EDITORIAL_ARTICLE_A, seed_editorial

QUOTES = [
    "up to 15,000 fighters",
    "15,000 fighters",
    "about 350,000 Syrian pounds a month",
    "recruited 2,000 civilians",
    "Local sources",
]
_free_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=25
)

_edit = st.one_of(
    st.builds(
        lambda v: ClaimFields(value=v),
        st.sampled_from(
            ["205", "about 350,000", "up to 15,000", "more than 200", "between 200 and 300", ""]
        ),
    ),
    st.builds(lambda u: ClaimFields(unit=u), st.sampled_from(["SYP", "USD", "count", "percent"])),
    st.builds(
        lambda m: ClaimFields(measure=m),
        st.sampled_from(["fighters", "monthly salary", "recruits:civilians", "troops", ""]),
    ),
    st.builds(
        lambda s: ClaimFields(subject=s),
        st.sampled_from(["Fatemiyoun", "Zainabiyoun", "Liwa Fatemiyoun", "Hashd", ""]),
    ),
    st.builds(
        lambda a: ClaimFields(as_of=a),
        st.sampled_from(["2025", "2025-01", "2025-01-11/2025-01-20", "2024-02-29", ""]),
    ),
    st.builds(lambda p: ClaimFields(place=p), _free_text),
    st.builds(lambda n: ClaimFields(note=n), _free_text),
    st.builds(
        lambda h, c: ClaimFields(hedge=h, cues=c),
        st.sampled_from(["certain", "probable", "possible", "unverified"]),
        st.lists(st.sampled_from(["reportedly", "estimated", "may"]), max_size=2),
    ),
    st.builds(lambda p: ClaimFields(polarity=p), st.sampled_from(["affirmed", "denied"])),
    st.builds(
        lambda s, v: ClaimFields(source=s, via=v),
        st.sampled_from(["SOHR", "Reuters", "an official", "Levant Ledger"]),
        st.lists(st.sampled_from(["Asharq Al-Awsat", "AFP", "Reuters"]), max_size=2, unique=True),
    ),
    st.builds(
        lambda q, o: ClaimFields(quote=q, occurrence=o),
        st.sampled_from(QUOTES),
        st.sampled_from([None, 1]),
    ),
)
_status = st.sampled_from(["confirmed", "rejected", "retracted", "candidate"])
_step = st.tuples(st.sampled_from(["amal", "nadia", "omar"]), st.one_of(_edit, _status))


@pytest.fixture(scope="module")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('history') / 'prov.db'}"
    init_database(url)
    seed_editorial(url)
    return url


def _new_claim(url: str) -> int:
    with session_scope(get_engine(url), write=True) as s:
        article = s.get(Article, 1)
        assert article is not None
        start = EDITORIAL_ARTICLE_A.index("350,000")
        draft = ClaimDraft(
            quote="350,000",
            start=start,
            end=start + 7,
            sentence="s",
            subject="Fatemiyoun",
            chain=[SourceRef("SOHR")],
        )
        claim = create_claim(s, article, draft, actor="extractor")
        assert claim.id is not None
        return claim.id


def _apply(url: str, claim_id: int, who: str, step: ClaimFields | str) -> None:
    try:
        with session_scope(get_engine(url), write=True) as s:
            if isinstance(step, str):
                set_status(s, claim_id, step, actor=who, reason="review")
            else:
                edit_claim(s, claim_id, step, actor=who, reason="edit")
    except InvalidInput:
        pass  # e.g. --unit with no value, same status twice: refused, nothing written


def _assert_replays(url: str, claim_id: int) -> None:
    with session_scope(get_engine(url)) as s:
        events = events_for(s, "claim", claim_id)
        assert replay_claim(events) == current_state(s, get_claim(s, claim_id))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(_step, max_size=8))
def test_replaying_events_rebuilds_the_row(history_db: str, steps: list) -> None:
    claim_id = _new_claim(history_db)
    for who, step in steps:
        _apply(history_db, claim_id, who, step)
    _assert_replays(history_db, claim_id)


def test_replay_on_both_backends_including_merge(migrated_url: str) -> None:
    seed = seed_editorial(migrated_url)
    c1, c2, c3, c4 = seed["claims"]
    engine = get_engine(migrated_url)
    with session_scope(engine, write=True) as s:
        edit_claim(
            s,
            c1,
            ClaimFields(value="about 14,000", place="Deir Ezzor", source="Reuters", via=["AFP"]),
            actor="amal",
        )
        set_status(s, c1, "confirmed", actor="nadia")
        edit_claim(
            s,
            c4,
            ClaimFields(subject="Liwa Zainabiyoun", quote="Zainabiyoun units", place="Iraq"),
            actor="omar",
        )
        edit_claim(
            s, c3, ClaimFields(hedge="unverified", cues=["said"], as_of="2025-01"), actor="amal"
        )
    with session_scope(engine, write=True) as s:
        merge_entities(s, "Zainabiyoun", "Fatemiyoun", actor="omar", reason="test merge")
    with session_scope(engine) as s:
        for claim_id in (c1, c2, c3, c4):
            events = events_for(s, "claim", claim_id)
            claim = get_claim(s, claim_id)
            assert replay_claim(events) == current_state(s, claim)
            assert claim.version == len(events)  # one per change, plus the create
        merged = [e for e in events_for(s, "claim", c4) if e.field == "subject"]
        assert merged[-1].reason == "test merge" and merged[-1].actor == "omar"


def test_replay_refuses_events_without_creation() -> None:
    with pytest.raises(ReplayError):
        replay_claim([{"action": "edit", "field": "place", "after": "x", "actor": "a"}])
    with pytest.raises(ReplayError):
        replay_claim([])
