"""SQLModel tables for prov: the nouns of SPEC section 2.

Design notes
------------
* The constraint naming convention is set on ``SQLModel.metadata`` *before*
  any table class is defined, so every index, unique, check and foreign key
  has a deterministic name. Alembic's batch mode on SQLite (which recreates
  tables to ALTER them) depends on that.
* Enumerations (hedge, polarity, status, kinds, grades) are plain strings with
  CHECK constraints rather than native PostgreSQL ENUM types: adding a value
  later is then a one-line migration on both backends. The allowed values
  live in ``schema.enums`` and are imported by provenance/ for validation.
* Value intervals are two floats, ``low`` and ``high``; ``high`` NULL means
  +infinity ("more than 205" is [205, NULL]). Exact integers up to 2**53 are
  represented exactly in a double, which covers every count a news article
  prints.
* The attribution chain is an ordered list of ``ClaimLink`` rows
  (position 0 is the publishing outlet, the last is the origin). The origin
  is also denormalised onto ``Claim.origin_source_id`` so that "claims by
  origin" and the independence check are one indexed lookup.
* Nothing is hard-deleted. Rejected and retracted claims keep their rows;
  merged entities and sources keep theirs with ``merged_into_id`` set.
  ``Event`` is the append-only history (a trigger refuses UPDATE and DELETE
  on it).
* ``Claim.version`` is an optimistic-lock counter: an edit saves with
  ``WHERE version = :seen`` so two editors cannot silently overwrite each
  other.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Float,
    Index,
    Text,
)
from sqlmodel import Field, SQLModel

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

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Source(SQLModel, table=True):
    """Whoever a claim is attributed to; outlets are sources too."""

    __table_args__ = (
        CheckConstraint(_in("kind", SOURCE_KINDS), name="kind"),
        CheckConstraint(_in("grade", GRADES), name="grade"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300, unique=True)
    kind: str = Field(default="organisation", max_length=20)
    grade: str = Field(default="F", max_length=1)
    description: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime
    # Set when an editor merged this source into another (migration 0004).
    merged_into_id: int | None = Field(default=None, foreign_key="source.id")


class SourceAlias(SQLModel, table=True):
    """Another spelling of a source ("SOHR", "the Observatory").

    ``folded`` is the lookup key: casefolded, transliterated to ASCII,
    punctuation and articles stripped (provenance.names.fold).
    """

    __tablename__ = "source_alias"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    alias: str = Field(max_length=300)
    folded: str = Field(max_length=300, unique=True)


class Outlet(SQLModel, table=True):
    """A publisher of articles. ``source_id`` is its identity as a Source."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300, unique=True)
    domain: str | None = Field(default=None, max_length=255, index=True)
    source_id: int = Field(foreign_key="source.id", unique=True)


class Article(SQLModel, table=True):
    """One ingested document; stored once per SHA-256 of its cleaned body."""

    id: int | None = Field(default=None, primary_key=True)
    title: str | None = Field(default=None, max_length=1000)
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id", index=True)
    url: str | None = Field(default=None, max_length=2000)
    published: date | None = Field(default=None, index=True)
    ingested_at: datetime = Field(index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(max_length=64, unique=True)
    origin: str | None = Field(default=None, max_length=2000)
    # A publisher's disclaimer found in the text ("has not verified the
    # content of this story"); extraction reads it to set hedges.
    disclaimer: str | None = Field(default=None, sa_column=Column(Text))
    # Relay stated once for the whole article ("according to Asharq
    # Al-Awsat" in the standfirst, "this article was edited by X").
    relay_source_id: int | None = Field(default=None, foreign_key="source.id")


class Entity(SQLModel, table=True):
    """What a claim is about. Merged entities point at the survivor."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300, index=True)
    kind: str | None = Field(default=None, max_length=40)
    merged_into_id: int | None = Field(default=None, foreign_key="entity.id")
    created_at: datetime


class EntityAlias(SQLModel, table=True):
    __tablename__ = "entity_alias"

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="entity.id", index=True)
    alias: str = Field(max_length=300)
    folded: str = Field(max_length=300, unique=True)


class MeasureAlias(SQLModel, table=True):
    """The measure lexicon: a word or phrase and the measure it normalises to.

    fighters / militiamen / combatants / troops -> personnel. The rows extend
    ``DEFAULT_MEASURES`` (in code, always present; a row wins); editors add
    them with ``prov measures alias``.
    """

    __tablename__ = "measure_alias"

    word: str = Field(primary_key=True, max_length=200)
    measure: str = Field(max_length=100, index=True)
    added_by: str | None = Field(default=None, max_length=100)
    created_at: datetime


class Claim(SQLModel, table=True):
    """One checkable statement in one article."""

    __table_args__ = (
        CheckConstraint(_in("hedge", HEDGE_LEVELS), name="hedge"),
        CheckConstraint(_in("polarity", POLARITIES), name="polarity"),
        CheckConstraint(_in("status", CLAIM_STATUSES), name="status"),
        CheckConstraint(_in("origin_kind", ORIGIN_KINDS), name="origin_kind"),
        CheckConstraint(f"approx IS NULL OR {_in('approx', APPROX_KINDS)}", name="approx"),
        CheckConstraint("start_offset >= 0 AND end_offset >= start_offset", name="offsets"),
        CheckConstraint("low IS NULL OR high IS NULL OR low <= high", name="interval"),
        # The conflict finder's bucket scan reads these columns only (migration 0003).
        Index(None, "subject_id", "measure", "status", "polarity", "low", "high"),
        Index(None, "status", "subject_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start_offset: int
    end_offset: int
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    subject_id: int | None = Field(default=None, foreign_key="entity.id")
    subject_text: str | None = Field(default=None, max_length=300)
    measure: str | None = Field(default=None, max_length=100, index=True)
    measure_text: str | None = Field(default=None, max_length=300)
    place: str | None = Field(default=None, max_length=200)
    # as_of: ISO 8601 text as shown to users ("2025-01-15", "2025-01",
    # "2016", "2025-01-11/2025-01-20") plus its window for range queries.
    as_of: str | None = Field(default=None, max_length=50)
    as_of_start: date | None = None
    as_of_end: date | None = None
    value_text: str | None = Field(default=None, max_length=300)
    low: float | None = Field(default=None, sa_column=Column(Float))
    high: float | None = Field(default=None, sa_column=Column(Float))
    unit: str | None = Field(default=None, max_length=40)
    approx: str | None = Field(default=None, max_length=10)
    hedge: str = Field(default="certain", max_length=12)
    hedge_cues: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    polarity: str = Field(default="affirmed", max_length=10)
    origin_source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    origin_kind: str = Field(default="extracted", max_length=10)
    status: str = Field(default="candidate", max_length=10)
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime
    updated_at: datetime
    updated_by: str | None = Field(default=None, max_length=100)
    version: int = Field(default=1)


class ClaimLink(SQLModel, table=True):
    """One hop of a claim's attribution chain (0 = publishing outlet)."""

    __tablename__ = "claim_link"

    claim_id: int = Field(foreign_key="claim.id", primary_key=True)
    position: int = Field(primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    # The words that introduced this hop: "according to", "told", "a report by".
    cue: str | None = Field(default=None, max_length=100)


class Finding(SQLModel, table=True):
    """A conflict on one question, as last computed, and its verdict.

    ``id`` is a stable hash of the question key and the kind, so the same
    conflict keeps its id across runs. ``fingerprint`` hashes the ids and
    versions of the claims involved; a verdict applies while
    ``verdict_fingerprint == fingerprint`` and reopens by itself otherwise.
    """

    __table_args__ = (
        CheckConstraint(f"verdict IS NULL OR {_in('verdict', VERDICT_REASONS)}", name="verdict"),
    )

    id: str = Field(primary_key=True, max_length=32)
    question_key: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(max_length=20)
    severity: float = Field(default=0.0, sa_column=Column(Float, nullable=False))
    claim_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    fingerprint: str = Field(max_length=64)
    opened_at: datetime = Field(index=True)
    last_seen_at: datetime
    closed_at: datetime | None = None
    verdict: str | None = Field(default=None, max_length=20)
    verdict_note: str | None = Field(default=None, sa_column=Column(Text))
    verdict_by: str | None = Field(default=None, max_length=100)
    verdict_at: datetime | None = None
    verdict_fingerprint: str | None = Field(default=None, max_length=64)


class Event(SQLModel, table=True):
    """Append-only history of every change: who, when, what, before, after."""

    __table_args__ = (Index(None, "target_type", "target_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(max_length=100)
    # claim, source, entity, finding, measure, article, setting
    target_type: str = Field(max_length=20)
    target_id: str = Field(max_length=64)
    # create, edit, confirm, reject, retract, grade, alias, merge, resolve, ingest
    action: str = Field(max_length=20)
    field: str | None = Field(default=None, max_length=50)
    before: object | None = Field(default=None, sa_column=Column(JSON))
    after: object | None = Field(default=None, sa_column=Column(JSON))
    reason: str | None = Field(default=None, sa_column=Column(Text))


class Setting(SQLModel, table=True):
    """Tunable numbers stored with the data (tolerance t, as_of window, …)."""

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(max_length=200)
    updated_at: datetime


__all__ = [
    "Article",
    "Claim",
    "ClaimLink",
    "Entity",
    "EntityAlias",
    "Event",
    "Finding",
    "MeasureAlias",
    "Outlet",
    "Setting",
    "Source",
    "SourceAlias",
]
