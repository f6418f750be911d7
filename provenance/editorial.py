"""The editorial workflow: finding, adding, correcting and reviewing claims,
and keeping the source, entity and measure registers clean.

Design notes
------------
* Library only (no click, no rich): the CLI in ``cli/claims.py``,
  ``cli/sources.py`` and ``cli/entities.py`` parses options and calls these
  functions; the importer (``provenance.importer``) calls the same
  validation, so a row in a CSV file and an option on the command line are
  checked by one piece of code.
* Every change goes through ``_save``: an ``UPDATE claim ... WHERE id = :id
  AND version = :seen`` issued explicitly (the model does not use
  SQLAlchemy's ``version_id_col``, so the check is visible here). Zero rows
  updated means somebody saved first: ``StaleEdit`` names who and when, the
  transaction rolls back, and their change stays. On PostgreSQL (read
  committed) a concurrent UPDATE waits for the other transaction's row lock
  and then re-checks the WHERE clause against the committed row, so the
  later save fails rather than overwrites. On SQLite write transactions are
  serialised by ``BEGIN IMMEDIATE``; the version check catches the editor
  who read the claim earlier (``--expect-version``, or an interactive edit
  that prompts between reading and saving).
* Each change writes one Event per field group with before and after
  (see ``provenance.history``), and ``version`` grows by one per event, so
  replaying the events rebuilds the row exactly.
* Nothing is deleted: reject and retract change ``status``; an entity merge
  moves claims and aliases and sets ``merged_into_id``.
* Full-text search uses the index each backend has: an FTS5 table
  ``claim_fts`` on SQLite, ``to_tsvector('english', quote || ' ' || sentence)``
  (GIN-indexed) on PostgreSQL. User text never reaches FTS5's query
  language: each whitespace-separated chunk becomes a quoted phrase of its
  word tokens, so ``"foo`` or ``AND(`` are searched as words, not parsed.
  PostgreSQL gets ``websearch_to_tsquery``, which accepts any text.
* ``sentence`` is derived: the sentence (pysbd, on the quote's paragraph)
  that contains the quote. The paragraph is the run of text between blank
  lines or newlines.
* Manual claims are stored ``confirmed`` by default: an editor who types a
  claim has reviewed it. Import may set any status.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, text, update
from sqlmodel import Session, col, select

from provenance.errors import InvalidInput, NotFound, StaleEdit
from provenance.history import FIELD_GROUPS, events_for
from provenance.model import ClaimDraft, SourceRef, Value
from provenance.names import (
    add_entity_alias,
    add_source_alias,
    find_entity,
    find_source,
    fold,
    live_source,
    now,
    resolve_entity,
    resolve_source,
    subject_ids,
)
from provenance.store import (
    as_of_window,
    claim_row_state,
    claim_value,
    create_claim,
    ensure_outlet,
    outlet_source,
    record_event,
    resolve_chain,
)
from schema.enums import CLAIM_STATUSES, GRADES, HEDGE_LEVELS, POLARITIES, SOURCE_KINDS
from schema.models import (
    Article,
    Claim,
    ClaimLink,
    Entity,
    EntityAlias,
    Event,
    MeasureAlias,
    Outlet,
    Source,
    SourceAlias,
)

# --------------------------------------------------------------------------
# Small shared helpers


def check_enum(label: str, value: str | None, allowed: Sequence[str]) -> str | None:
    if value is None:
        return None
    if value not in allowed:
        raise InvalidInput(f"{label} {value!r} is not one of {', '.join(allowed)}")
    return value


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def get_article(session: Session, article_id: int | None = None, url: str | None = None) -> Article:
    if article_id is not None:
        article = session.get(Article, article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id}")
        return article
    if url:
        found = session.exec(select(Article).where(Article.url == url.strip())).first()
        if found is None:
            raise NotFound(
                f"no ingested article with URL {url}; to describe a new source document "
                "give --title/--outlet (and --text for a transcript)"
            )
        return found
    raise InvalidInput("an article id or URL is required")


def chain_ids(session: Session, claim_id: int) -> list[int]:
    return list(
        session.exec(
            select(ClaimLink.source_id)
            .where(ClaimLink.claim_id == claim_id)
            .order_by(col(ClaimLink.position))
        ).all()
    )


def chain_names(session: Session, claim_id: int) -> list[str]:
    return list(
        session.exec(
            select(Source.name)
            .join(ClaimLink, col(ClaimLink.source_id) == Source.id)
            .where(ClaimLink.claim_id == claim_id)
            .order_by(col(ClaimLink.position))
        ).all()
    )


def current_state(session: Session, claim: Claim) -> dict[str, Any]:
    """``claim_row_state`` of the stored row (what replaying its events gives)."""
    assert claim.id is not None
    return claim_row_state(claim, chain_ids(session, claim.id))


def credibility_for(session: Session, claim_ids: Sequence[int]) -> dict[int, int] | None:
    """Credibility grades from the conflicts module when it is installed."""
    if not claim_ids:
        return {}
    try:
        from provenance.grades import credibility_for as grades_for  # type: ignore[import-not-found]
    except ImportError:
        return None
    return dict(grades_for(session, list(claim_ids)))


def explain_credibility(session: Session, claim_id: int) -> dict[str, Any] | None:
    """Why a claim has its grade (``provenance.grades.explain_credibility``), if installed."""
    try:
        from provenance.grades import explain_credibility as explain
    except ImportError:
        return None
    return explain(session, claim_id)


def parse_day(text_value: str, *, end: bool = False) -> date:
    """A --since/--until bound: ISO date, month or year (a month's last day for --until)."""
    first, last = as_of_window(text_value.strip())
    assert first is not None and last is not None
    return last if end else first


# --------------------------------------------------------------------------
# Listing and search


@dataclass
class ClaimFilter:
    article: int | None = None
    subject: str | None = None
    measure: str | None = None
    origin: str | None = None
    status: str | None = None
    hedge: str | None = None
    since: date | None = None
    until: date | None = None
    search: str | None = None
    limit: int | None = None
    # Credibility grades are computed, not stored: filtered after the query.
    credibility: tuple[int, ...] = ()


_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(user_text: str) -> str:
    """A safe FTS5 MATCH expression: every chunk a quoted phrase of its words."""
    phrases = []
    for chunk in user_text.split():
        words = _WORD.findall(chunk)
        if words:
            phrases.append('"' + " ".join(words) + '"')
    if not phrases:
        raise InvalidInput(f"search text {user_text!r} has no words to search for")
    return " ".join(phrases)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def list_claims(session: Session, flt: ClaimFilter | None = None) -> list[Claim]:
    """Claims matching every given filter, by id."""
    flt = flt or ClaimFilter()
    stmt = select(Claim)
    if flt.article is not None:
        stmt = stmt.where(Claim.article_id == flt.article)
    if flt.subject:
        stmt = stmt.where(col(Claim.subject_id).in_(subject_ids(session, flt.subject)))
    if flt.measure:
        measure, _ = normalise_measure(session, flt.measure)
        stmt = stmt.where(Claim.measure == measure)
    if flt.origin:
        source = find_source(session, flt.origin)
        if source is None:
            raise NotFound(f"no source matches {flt.origin!r}")
        stmt = stmt.where(Claim.origin_source_id == source.id)
    if flt.status:
        check_enum("status", flt.status, CLAIM_STATUSES)
        stmt = stmt.where(Claim.status == flt.status)
    if flt.hedge:
        check_enum("hedge", flt.hedge, HEDGE_LEVELS)
        stmt = stmt.where(Claim.hedge == flt.hedge)
    if flt.since is not None or flt.until is not None:
        # In the window when published in it, or when the as_of window overlaps it.
        stmt = stmt.join(Article, col(Article.id) == Claim.article_id)
        published, about = [], []
        if flt.since is not None:
            published.append(col(Article.published) >= flt.since)
            about.append(col(Claim.as_of_end) >= flt.since)
        if flt.until is not None:
            published.append(col(Article.published) <= flt.until)
            about.append(col(Claim.as_of_start) <= flt.until)
        stmt = stmt.where(or_(and_(*published), and_(*about)))
    if flt.search is not None:
        if _dialect(session) == "sqlite":
            stmt = stmt.where(
                text(
                    "claim.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH :fts)"
                ).bindparams(fts=fts5_query(flt.search))
            )
        else:
            if not _WORD.search(flt.search):
                raise InvalidInput(f"search text {flt.search!r} has no words to search for")
            stmt = stmt.where(
                text(
                    "to_tsvector('english', claim.quote || ' ' || claim.sentence) "
                    "@@ websearch_to_tsquery('english', :fts)"
                ).bindparams(fts=flt.search)
            )
    stmt = stmt.order_by(col(Claim.id))
    if flt.limit is not None and not flt.credibility:
        stmt = stmt.limit(flt.limit)
    return list(session.exec(stmt).all())


def list_graded_claims(
    session: Session, flt: ClaimFilter | None = None
) -> tuple[list[Claim], dict[int, int] | None]:
    """``list_claims`` with each claim's credibility grade, filtered by grade.

    A grade depends on the other claims of the question, so it is computed
    for the claims the other filters let through and ``flt.credibility``
    (grades 1–6) and ``flt.limit`` apply after that.
    """
    flt = flt or ClaimFilter()
    for grade in flt.credibility:
        if grade not in range(1, 7):
            raise InvalidInput(f"credibility grade {grade} is not one of 1–6")
    found = list_claims(session, flt)
    grades = credibility_for(session, [c.id for c in found if c.id is not None])
    if flt.credibility:
        if grades is None:
            raise InvalidInput("credibility grades are not available in this installation")
        wanted = set(flt.credibility)
        found = [c for c in found if c.id is not None and grades.get(c.id) in wanted]
        if flt.limit is not None:
            found = found[: flt.limit]
    return found, grades


# --------------------------------------------------------------------------
# Quotes, sentences, paragraphs


@dataclass(frozen=True)
class QuoteSpan:
    start: int
    end: int
    occurrences: int
    warning: str | None = None


def _one_line(s: str, limit: int = 160) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


def closest_passage(haystack: str, quote: str) -> tuple[str, float]:
    """The passage of ``haystack`` most like ``quote`` (rapidfuzz partial match)."""
    from rapidfuzz import fuzz

    if not haystack or not quote:
        return "", 0.0
    found = fuzz.partial_ratio_alignment(quote, haystack)
    if found is None:
        return "", 0.0
    start, end = found.dest_start, found.dest_end
    # widen to whole words
    while start > 0 and haystack[start - 1].isalnum():
        start -= 1
    while end < len(haystack) and haystack[end].isalnum():
        end += 1
    return haystack[start:end], float(found.score)


def locate_quote(
    haystack: str,
    quote: str,
    *,
    occurrence: int | None = None,
    near: int | None = None,
    where: str = "the article",
) -> QuoteSpan:
    """Offsets of ``quote`` in ``haystack``.

    A quote found more than once: ``occurrence`` (1-based) picks one; else the
    one nearest ``near`` (an edit keeps its place); else the first, with a
    warning saying so.
    """
    if not quote or not quote.strip():
        raise InvalidInput("the quote is empty")
    starts = [m.start() for m in re.finditer(re.escape(quote), haystack)]
    if not starts:
        passage, score = closest_passage(haystack, quote)
        hint = (
            f'; closest passage ({score:.0f}% similar): "{_one_line(passage)}"' if passage else ""
        )
        raise InvalidInput(f'quote "{_one_line(quote, 80)}" does not occur in {where}{hint}')
    if occurrence is not None:
        if not 1 <= occurrence <= len(starts):
            raise InvalidInput(
                f"--occurrence {occurrence} is out of range: the quote occurs {len(starts)} time(s)"
            )
        start = starts[occurrence - 1]
        return QuoteSpan(start, start + len(quote), len(starts))
    if len(starts) == 1:
        return QuoteSpan(starts[0], starts[0] + len(quote), 1)
    if near is not None:
        start = min(starts, key=lambda s: abs(s - near))
        return QuoteSpan(start, start + len(quote), len(starts))
    return QuoteSpan(
        starts[0],
        starts[0] + len(quote),
        len(starts),
        warning=(
            f"the quote occurs {len(starts)} times in {where}; used the first "
            "(give --occurrence N to pick another)"
        ),
    )


def paragraph_span(haystack: str, start: int, end: int) -> tuple[int, int]:
    p_start = haystack.rfind("\n", 0, start) + 1
    p_end = haystack.find("\n", end)
    return p_start, len(haystack) if p_end < 0 else p_end


def sentence_span(haystack: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) of ``haystack`` covering [start, end), by pysbd."""
    import pysbd

    p_start, p_end = paragraph_span(haystack, start, end)
    paragraph = haystack[p_start:p_end]
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    s_start, s_end = start, end
    first = True
    for span in segmenter.segment(paragraph):
        a, b = p_start + span.start, p_start + span.end
        if b > start and a < max(end, start + 1):
            if first:
                s_start, first = a, False
            s_end = max(s_end, b)
    if first:  # pysbd found nothing covering the quote: the paragraph it is
        s_start, s_end = p_start, p_end
    s_start, s_end = min(s_start, start), max(s_end, end)
    while s_end > end and haystack[s_end - 1].isspace():
        s_end -= 1
    while s_start < start and haystack[s_start].isspace():
        s_start += 1
    return s_start, s_end


# --------------------------------------------------------------------------
# Measures and values


def default_measures() -> dict[str, str]:
    """The extractor's built-in lexicon (word -> measure), when it is installed."""
    try:
        from provenance.extract.measures import DEFAULT_MEASURES
    except ImportError:
        return {}
    return {str(k).lower(): str(v) for k, v in dict(DEFAULT_MEASURES).items()}


def measure_lexicon(session: Session) -> dict[str, str]:
    """Built-in words overlaid with the editors' ``measure_alias`` rows."""
    try:
        from provenance.extract.measures import load_lexicon
    except ImportError:
        lexicon = default_measures()
        for row in session.exec(select(MeasureAlias)).all():
            lexicon[row.word] = row.measure
        return lexicon
    return dict(load_lexicon(session))


def normalise_measure(session: Session, text_value: str) -> tuple[str, str | None]:
    """(canonical measure, the words as written when they differ) for --measure.

    The extractor's ``normalise`` (whole phrase, then its head) over the
    stored lexicon, so "Afghan fighters" means personnel here as in ingest.
    """
    words = re.sub(r"\s+", " ", text_value.strip().lower())
    if not words:
        raise InvalidInput("the measure is empty")
    lexicon = measure_lexicon(session)
    try:
        from provenance.extract.measures import normalise
    except ImportError:
        measure = lexicon.get(words, words)
    else:
        measure = normalise(words, lexicon) or words
    return measure, (words if measure != words else None)


def _tolerance(session: Session | None) -> float:
    if session is None:
        return 0.10
    try:
        from provenance.settings import get as get_setting

        return float(get_setting(session, "tolerance"))
    except (ImportError, KeyError, ValueError):
        return 0.10


def parse_value(text_value: str, unit: str | None = None, session: Session | None = None) -> Value:
    """An editor's --value ("about 350,000", "up to 15,000") as an interval.

    The extractor's own quantity parser (imported lazily; it pulls in no NLP
    stack), with the stored tolerance t. ``unit`` overrides the unit found.
    """
    text_value = text_value.strip()
    if not text_value:
        raise InvalidInput("the value is empty")
    parse: Callable[[str, float], Value] | None
    try:
        from provenance.extract.quantities import parse_value as parse
    except ImportError:
        parse = None
    value: Value | None = None
    if parse is not None:
        try:
            value = parse(text_value, _tolerance(session))
        except ValueError as exc:
            raise InvalidInput(f"cannot read value {text_value!r}: {exc}") from None
    else:  # extraction not installed: plain numbers only
        try:
            number = float(text_value.replace(",", ""))
        except ValueError:
            value = None
        else:
            value = Value(text=text_value, low=number, high=number, unit="count", approx="exact")
    if value is None:
        raise InvalidInput(f"cannot read value {text_value!r} as a number or interval")
    if unit:
        value = Value(
            text=value.text, low=value.low, high=value.high, unit=unit, approx=value.approx
        )
    return value


def value_from_json(data: Any) -> Value | None:
    if data is None or data == "":
        return None
    if not isinstance(data, dict):
        raise InvalidInput("value must be an object with text, low, high, unit, approx")
    try:
        return Value.from_json(data)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"bad value: {exc}") from None


# --------------------------------------------------------------------------
# Adding claims


@dataclass
class ClaimFields:
    """What an editor supplies for a claim; None means "not given"."""

    quote: str | None = None
    occurrence: int | None = None
    start: int | None = None  # explicit offsets (import)
    end: int | None = None
    sentence: str | None = None
    value: str | Value | None = None
    unit: str | None = None
    measure: str | None = None
    subject: str | None = None
    as_of: str | None = None
    place: str | None = None
    source: str | None = None
    source_kind: str | None = None
    via: list[str] | None = None
    chain: list[str] | None = None  # a whole chain by names (import)
    hedge: str | None = None
    cues: list[str] | None = None
    polarity: str | None = None
    note: str | None = None
    status: str | None = None


@dataclass
class Prepared:
    draft: ClaimDraft
    warnings: list[str] = field(default_factory=list)


def _blank(v: str | None) -> str | None:
    if v is None:
        return None
    v = v.strip()
    return v or None


def _quote_span(article: Article, f: ClaimFields, near: int | None = None) -> tuple[QuoteSpan, str]:
    assert f.quote is not None
    where = f"article {article.id}"
    if f.start is not None:
        end = f.end if f.end is not None else f.start + len(f.quote)
        if article.text[f.start : end] != f.quote:
            passage, _ = closest_passage(article.text, f.quote)
            found = article.text.find(f.quote)
            detail = (
                f"it occurs at {found}:{found + len(f.quote)}"
                if found >= 0
                else f'closest passage: "{_one_line(passage)}"'
            )
            raise InvalidInput(f"quote does not match {where} text at {f.start}:{end} ({detail})")
        span = QuoteSpan(f.start, end, 1)
    else:
        span = locate_quote(article.text, f.quote, occurrence=f.occurrence, near=near, where=where)
    s_start, s_end = sentence_span(article.text, span.start, span.end)
    sentence = article.text[s_start:s_end]
    if f.sentence and f.sentence.strip():
        if f.quote not in f.sentence:
            raise InvalidInput("the sentence does not contain the quote")
        sentence = f.sentence
    return span, sentence


def chain_refs(
    names: Sequence[str] | None,
    source: str | None,
    via: Sequence[str] | None,
    source_kind: str | None,
) -> list[SourceRef]:
    """A draft chain from --via/--source (or a whole chain of names)."""
    kind = check_enum("source kind", source_kind, SOURCE_KINDS) or "organisation"
    if names is not None:
        refs = [SourceRef(n.strip()) for n in names if n and n.strip()]
        if source and (not refs or fold(refs[-1].name) != fold(source)):
            refs.append(SourceRef(source.strip(), kind))
        return refs
    hops = [SourceRef(v.strip()) for v in (via or []) if v and v.strip()]
    if source:
        hops.append(SourceRef(source.strip(), kind))
    elif hops:
        raise InvalidInput("--via needs --source (the origin the relays lead to)")
    return hops


def prepare_claim(session: Session, article: Article, f: ClaimFields) -> Prepared:
    """Validate an editor's fields against ``article`` without writing anything."""
    if not f.quote or not f.quote.strip():
        raise InvalidInput("a quote is required")
    span, sentence = _quote_span(article, f)
    warnings = [span.warning] if span.warning else []
    value: Value | None
    if isinstance(f.value, Value):
        value = f.value
        if f.unit:
            value = Value(value.text, value.low, value.high, f.unit, value.approx)
    elif _blank(f.value) is not None:
        value = parse_value(str(f.value), _blank(f.unit), session)
    else:
        value = None
    measure = measure_text = None
    if _blank(f.measure):
        measure, measure_text = normalise_measure(session, str(f.measure))
    as_of = _blank(f.as_of)
    as_of_window(as_of)  # raises InvalidInput for a bad date
    hedge = check_enum("hedge", _blank(f.hedge), HEDGE_LEVELS) or "certain"
    polarity = check_enum("polarity", _blank(f.polarity), POLARITIES) or "affirmed"
    check_enum("status", f.status, CLAIM_STATUSES)
    chain = chain_refs(f.chain, _blank(f.source), f.via, _blank(f.source_kind))
    draft = ClaimDraft(
        quote=f.quote,
        start=span.start,
        end=span.end,
        sentence=sentence,
        subject=_blank(f.subject),
        measure=measure,
        measure_text=measure_text,
        place=_blank(f.place),
        as_of=as_of,
        value=value,
        hedge=hedge,
        hedge_cues=[c.strip() for c in (f.cues or []) if c.strip()],
        polarity=polarity,
        chain=chain,
    )
    return Prepared(draft, warnings)


def add_claim(
    session: Session,
    article: Article,
    f: ClaimFields,
    *,
    actor: str,
    origin_kind: str = "manual",
) -> tuple[Claim, list[str]]:
    """Store an editor's claim; returns it and any warnings to show."""
    prepared = prepare_claim(session, article, f)
    claim = create_claim(
        session,
        article,
        prepared.draft,
        actor=actor,
        origin_kind=origin_kind,
        status=f.status or "confirmed",
        note=_blank(f.note),
    )
    return claim, prepared.warnings


def create_document(
    session: Session,
    *,
    text_value: str,
    actor: str,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Article:
    """A source document typed by an editor (broadcast, press conference).

    Stored as an Article whose text is the transcript given (or the quote);
    the same text twice is one article, as with ingest.
    """
    body = text_value.strip()
    if not body:
        raise InvalidInput("the document text is empty")
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    existing = session.exec(select(Article).where(Article.sha256 == digest)).first()
    if existing is not None:
        return existing
    published_day = None
    if _blank(published):
        first, last = as_of_window(str(published).strip())
        if first != last:
            raise InvalidInput(f"publication date {published!r} must be a day (YYYY-MM-DD)")
        published_day = first
    article = Article(
        title=_blank(title),
        url=_blank(url),
        published=published_day,
        ingested_at=now(),
        text=body,
        sha256=digest,
        origin="manual",
    )
    ensure_outlet(session, article, _blank(outlet), None)
    session.add(article)
    session.flush()
    assert article.id is not None
    record_event(
        session,
        actor=actor,
        target_type="article",
        target_id=article.id,
        action="create",
        after={
            "title": article.title,
            "outlet": _blank(outlet),
            "url": article.url,
            "published": published_day,
            "sha256": digest,
            "origin": "manual",
        },
    )
    return article


# --------------------------------------------------------------------------
# Editing: plan the field-group changes, then save with the version check


Change = tuple[str, Any, Any]  # (field, before, after)


def _group(state: Mapping[str, Any], name: str) -> Any:
    if name in FIELD_GROUPS:
        return {k: state.get(k) for k in FIELD_GROUPS[name]}
    return state.get(name)


def _jsonable(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def plan_edit(
    session: Session, claim: Claim, f: ClaimFields, *, create: bool = True
) -> tuple[list[Change], list[tuple[Source, str | None]] | None, list[str]]:
    """The changes ``f`` makes to ``claim``: [(field, before, after)], new chain hops, warnings.

    With ``create=False`` nothing is written (names that would be created are
    only validated); the plan's subject/chain ids are then placeholders.
    """
    assert claim.id is not None
    state = current_state(session, claim)
    article = session.get(Article, claim.article_id)
    assert article is not None
    new = dict(state)
    warnings: list[str] = []
    hops: list[tuple[Source, str | None]] | None = None

    if f.quote is not None or f.start is not None:
        quote = f.quote if f.quote is not None else claim.quote
        span, sentence = _quote_span(
            article,
            ClaimFields(
                quote=quote, occurrence=f.occurrence, start=f.start, end=f.end, sentence=f.sentence
            ),
            near=claim.start_offset,
        )
        if span.warning:
            warnings.append(span.warning)
        if (quote, span.start, span.end) != (claim.quote, claim.start_offset, claim.end_offset):
            new.update(quote=quote, start_offset=span.start, end_offset=span.end, sentence=sentence)
    if f.value is not None or f.unit is not None:
        if isinstance(f.value, Value):
            value: Value | None = f.value
        elif f.value is not None and not str(f.value).strip():
            value = None  # --value "" clears
        elif f.value is not None:
            value = parse_value(str(f.value), _blank(f.unit), session)
        else:
            current = claim_value(claim)
            if current is None:
                raise InvalidInput("--unit needs a value: the claim has none (give --value)")
            value = current
        if value is not None and _blank(f.unit):
            value = Value(value.text, value.low, value.high, _blank(f.unit), value.approx)
        new.update(
            value_text=value.text if value else None,
            low=value.low if value else None,
            high=value.high if value else None,
            unit=value.unit if value else None,
            approx=value.approx if value else None,
        )
    if f.measure is not None:
        if _blank(f.measure) is None:
            new.update(measure=None, measure_text=None)
        else:
            measure, measure_text = normalise_measure(session, f.measure)
            if measure != claim.measure:
                new.update(measure=measure, measure_text=measure_text)
    if f.subject is not None:
        name = _blank(f.subject)
        if name is None:
            new.update(subject_id=None, subject_text=None)
        else:
            entity = resolve_entity(session, name) if create else find_entity(session, name)
            entity_id = entity.id if entity else -1
            if entity_id != claim.subject_id:
                new.update(subject_id=entity_id, subject_text=name)
    if f.as_of is not None:
        as_of = _blank(f.as_of)
        first, last = as_of_window(as_of)
        new.update(as_of=as_of, as_of_start=_jsonable(first), as_of_end=_jsonable(last))
    if f.place is not None:
        new["place"] = _blank(f.place)
    if f.hedge is not None or f.cues is not None:
        if f.hedge is not None:
            new["hedge"] = check_enum("hedge", f.hedge.strip(), HEDGE_LEVELS)
        if f.cues is not None:
            new["hedge_cues"] = [c.strip() for c in f.cues if c.strip()]
    if f.polarity is not None:
        new["polarity"] = check_enum("polarity", f.polarity.strip(), POLARITIES)
    if f.note is not None:
        new["note"] = _blank(f.note)
    if f.status is not None:
        new["status"] = check_enum("status", f.status, CLAIM_STATUSES)
    if f.source is not None or f.via is not None or f.chain is not None:
        refs = _edited_chain(session, claim, article, f)
        if create:
            hops = resolve_chain(session, article, refs)
            ids = [s.id for s, _ in hops]
            if ids != state["chain_ids"]:
                new.update(chain_ids=ids, origin_source_id=ids[-1] if ids else None)
            else:
                hops = None
        else:
            names = [r.name for r in refs]
            if [fold(n) for n in names] != [fold(n) for n in chain_names(session, claim.id)]:
                new.update(chain_ids=[-1], origin_source_id=-1)

    changes: list[Change] = []
    for name in (*FIELD_GROUPS, "place", "polarity", "status", "note"):
        before, after = _group(state, name), _group(new, name)
        if before != after:
            changes.append((name, before, after))
    return changes, hops, warnings


def _edited_chain(
    session: Session, claim: Claim, article: Article, f: ClaimFields
) -> list[SourceRef]:
    assert claim.id is not None
    if f.chain is not None:
        return chain_refs(f.chain, _blank(f.source), None, _blank(f.source_kind))
    names = chain_names(session, claim.id)
    head = outlet_source(session, article)
    tail = names[1:] if head is not None and names and names[0] == head.name else names
    relays, origin = (tail[:-1], tail[-1]) if tail else ([], None)
    if f.via is not None:
        relays = [v for v in f.via if v and v.strip()]
    if f.source is not None:
        origin = _blank(f.source)
    if origin is None:
        if relays:
            raise InvalidInput("--via needs --source (the claim has no attributed origin)")
        return []
    if head is not None and fold(origin) == fold(head.name) and not relays:
        return []
    existing = find_source(session, origin)
    kind = _blank(f.source_kind) or (existing.kind if existing else "organisation")
    check_enum("source kind", kind, SOURCE_KINDS)
    return [SourceRef(r.strip()) for r in relays] + [SourceRef(origin, kind)]


def _column(name: str, value: Any) -> Any:
    if name in ("as_of_start", "as_of_end") and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _describe(changes: Sequence[Change]) -> str:
    parts = []
    for name, _before, after in changes:
        shown = after.get(FIELD_GROUPS[name][0]) if isinstance(after, dict) else after
        parts.append(f"{name}={shown!r}")
    return ", ".join(parts)


def _stale(session: Session, claim_id: int, seen: int, changes: Sequence[Change]) -> StaleEdit:
    row = (
        session.connection()
        .execute(
            select(Claim.version, Claim.updated_by, Claim.updated_at).where(Claim.id == claim_id)
        )
        .first()
    )
    if row is None:
        return StaleEdit(f"claim {claim_id} no longer exists")
    version, who, when = row
    stamp = when.strftime("%Y-%m-%d %H:%M:%S") if isinstance(when, datetime) else str(when)
    mine = f"; your change ({_describe(changes)}) was not saved" if changes else ""
    return StaleEdit(
        f"claim {claim_id} was changed by {who or 'someone'} at {stamp} UTC "
        f"(now version {version}, you had version {seen}){mine}: "
        f"review `prov claims show {claim_id}` and try again"
    )


def save_changes(
    session: Session,
    claim: Claim,
    changes: Sequence[Change],
    *,
    actor: str,
    seen_version: int,
    reason: str | None = None,
    hops: Sequence[tuple[Source, str | None]] | None = None,
    action: str = "edit",
) -> Claim:
    """Write ``changes`` with ``UPDATE ... WHERE version = :seen`` and one event each."""
    assert claim.id is not None
    if not changes:
        return claim
    values: dict[str, Any] = {}
    for name, _before, after in changes:
        if name in FIELD_GROUPS:
            for key, val in after.items():
                if key != "chain_ids":
                    values[key] = _column(key, val)
        else:
            values[name] = after
    stamp = now()
    result = session.connection().execute(
        update(Claim)
        .where(col(Claim.id) == claim.id, col(Claim.version) == seen_version)
        .values(**values, version=seen_version + len(changes), updated_at=stamp, updated_by=actor)
    )
    if result.rowcount != 1:
        raise _stale(session, claim.id, seen_version, changes)
    if hops is not None:
        session.connection().execute(delete(ClaimLink).where(col(ClaimLink.claim_id) == claim.id))
        rows = [
            {"claim_id": claim.id, "position": i, "source_id": source.id, "cue": cue}
            for i, (source, cue) in enumerate(hops)
        ]
        if rows:
            session.connection().execute(insert(ClaimLink), rows)
        # ClaimLink objects already in the session describe the old chain.
        for obj in list(session.identity_map.values()):
            if isinstance(obj, ClaimLink) and obj.claim_id == claim.id:
                session.expunge(obj)
    for name, before, after in changes:
        record_event(
            session,
            actor=actor,
            target_type="claim",
            target_id=claim.id,
            action=action,
            field=name,
            before=before,
            after=after,
            reason=reason,
        )
    session.flush()
    session.refresh(claim)
    return claim


def _check_seen(
    session: Session, claim: Claim, expect_version: int | None, changes: Sequence[Change] = ()
) -> int:
    if expect_version is not None and claim.version != expect_version:
        assert claim.id is not None
        raise _stale(session, claim.id, expect_version, changes)
    return expect_version if expect_version is not None else claim.version


def edit_claim(
    session: Session,
    claim_id: int,
    f: ClaimFields,
    *,
    actor: str,
    reason: str | None = None,
    expect_version: int | None = None,
) -> tuple[Claim, list[Change], list[str]]:
    """Apply an editor's changes; returns the claim, what changed, warnings."""
    claim = get_claim(session, claim_id)
    changes, hops, warnings = plan_edit(session, claim, f)
    seen = _check_seen(session, claim, expect_version, changes)
    save_changes(
        session, claim, changes, actor=actor, seen_version=seen, reason=_blank(reason), hops=hops
    )
    return claim, changes, warnings


_STATUS_ACTIONS = {"confirmed": "confirm", "rejected": "reject", "retracted": "retract"}


def set_status(
    session: Session,
    claim_id: int,
    status: str,
    *,
    actor: str,
    reason: str | None = None,
    expect_version: int | None = None,
) -> Claim:
    """confirm / reject / retract (reject and retract need a reason)."""
    check_enum("status", status, CLAIM_STATUSES)
    claim = get_claim(session, claim_id)
    action = _STATUS_ACTIONS.get(status, "edit")
    if status in ("rejected", "retracted") and not _blank(reason):
        raise InvalidInput(f"{action} needs --reason")
    change: list[Change] = [("status", claim.status, status)]
    seen = _check_seen(session, claim, expect_version, change)
    if claim.status == status:
        raise InvalidInput(f"claim {claim_id} is already {status}")
    return save_changes(
        session, claim, change, actor=actor, seen_version=seen, reason=_blank(reason), action=action
    )


def claim_history(session: Session, claim_id: int) -> list[Event]:
    get_claim(session, claim_id)
    return events_for(session, "claim", claim_id)


# --------------------------------------------------------------------------
# Sources


def get_source(session: Session, name_or_id: str) -> Source:
    source = None
    if name_or_id.strip().isdigit():
        source = live_source(session, session.get(Source, int(name_or_id)))
    source = source or find_source(session, name_or_id)
    if source is None:
        raise NotFound(f"no source matches {name_or_id!r}")
    return source


def source_rows(
    session: Session,
    *,
    kind: str | None = None,
    grade: str | None = None,
    include_merged: bool = False,
) -> list[dict[str, Any]]:
    """Every source with its aliases and how many claims it originates or relays.

    Sources merged into another are left out unless ``include_merged``.
    """
    check_enum("kind", kind, SOURCE_KINDS)
    check_enum("grade", grade, GRADES)
    stmt = select(Source).order_by(col(Source.name))
    if not include_merged:
        stmt = stmt.where(col(Source.merged_into_id).is_(None))
    if kind:
        stmt = stmt.where(Source.kind == kind)
    if grade:
        stmt = stmt.where(Source.grade == grade)
    sources = list(session.exec(stmt).all())
    aliases: dict[int, list[str]] = {}
    for source_id, alias in session.exec(
        select(SourceAlias.source_id, SourceAlias.alias).order_by(col(SourceAlias.id))
    ).all():
        aliases.setdefault(source_id, []).append(alias)
    origin_counts = dict(
        session.exec(
            select(Claim.origin_source_id, func.count()).group_by(col(Claim.origin_source_id))
        ).all()
    )
    relay_counts = dict(
        session.exec(
            select(ClaimLink.source_id, func.count(func.distinct(ClaimLink.claim_id)))
            .join(Claim, col(Claim.id) == ClaimLink.claim_id)
            .where(col(Claim.origin_source_id) != ClaimLink.source_id)
            .group_by(col(ClaimLink.source_id))
        ).all()
    )
    return [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "grade": s.grade,
            "aliases": [a for a in aliases.get(s.id or 0, []) if a != s.name],
            "origin_of": origin_counts.get(s.id or 0, 0),
            "relayed": relay_counts.get(s.id or 0, 0),
            "merged_into": s.merged_into_id,
        }
        for s in sources
    ]


def source_detail(session: Session, source: Source) -> dict[str, Any]:
    assert source.id is not None
    aliases = session.exec(
        select(SourceAlias.alias)
        .where(SourceAlias.source_id == source.id)
        .order_by(col(SourceAlias.id))
    ).all()
    origin_of = list(
        session.exec(
            select(Claim).where(Claim.origin_source_id == source.id).order_by(col(Claim.id))
        ).all()
    )
    # IN (subquery), not DISTINCT: PostgreSQL has no equality for json columns.
    relay_ids = select(ClaimLink.claim_id).where(ClaimLink.source_id == source.id)
    relayed = list(
        session.exec(
            select(Claim)
            .where(col(Claim.id).in_(relay_ids), col(Claim.origin_source_id) != source.id)
            .order_by(col(Claim.id))
        ).all()
    )
    outlet = session.exec(select(Outlet).where(Outlet.source_id == source.id)).first()
    merged_from = session.exec(
        select(Source.id, Source.name)
        .where(col(Source.merged_into_id) == source.id)
        .order_by(col(Source.id))
    ).all()
    return {
        "id": source.id,
        "name": source.name,
        "kind": source.kind,
        "grade": source.grade,
        "description": source.description,
        "outlet_domain": outlet.domain if outlet else None,
        "aliases": [a for a in aliases if a != source.name],
        "merged_from": [{"id": i, "name": n} for i, n in merged_from],
        "history": events_for(session, "source", source.id),
        "origin_of": origin_of,
        "relayed": relayed,
    }


def add_source(
    session: Session,
    name: str,
    *,
    actor: str,
    kind: str = "organisation",
    grade: str = "F",
    aliases: Iterable[str] = (),
    description: str | None = None,
    reason: str | None = None,
) -> Source:
    name = name.strip()
    if not fold(name):
        raise InvalidInput("a source needs a name with letters or digits")
    check_enum("kind", kind, SOURCE_KINDS)
    check_enum("grade", grade, GRADES)
    existing = find_source(session, name)
    if existing is not None:
        raise InvalidInput(
            f"source {name!r} exists already (as {existing.name!r}, id {existing.id})"
        )
    for alias in aliases:
        other = find_source(session, alias)
        if other is not None:
            raise InvalidInput(f"alias {alias!r} already names source {other.name!r}")
    source = resolve_source(session, name, kind)
    assert source is not None and source.id is not None
    source.grade = grade
    source.description = _blank(description)
    session.add(source)
    for alias in aliases:
        add_source_alias(session, source, alias)
    session.flush()
    record_event(
        session,
        actor=actor,
        target_type="source",
        target_id=source.id,
        action="create",
        after={"name": source.name, "kind": kind, "grade": grade, "aliases": list(aliases)},
        reason=reason,
    )
    return source


def alias_source(session: Session, name: str, alias: str, *, actor: str) -> Source:
    source = get_source(session, name)
    assert source.id is not None
    other = find_source(session, alias)
    if other is not None:
        if other.id == source.id:
            raise InvalidInput(f"{alias!r} already names {source.name!r}")
        raise InvalidInput(
            f"alias {alias!r} already names another source, {other.name!r} (id {other.id})"
        )
    if not add_source_alias(session, source, alias):
        raise InvalidInput(f"alias {alias!r} has no letters or digits")
    record_event(
        session,
        actor=actor,
        target_type="source",
        target_id=source.id,
        action="alias",
        field="aliases",
        after=alias.strip(),
    )
    return source


def grade_source(
    session: Session, name: str, grade: str, *, actor: str, reason: str | None
) -> tuple[Source, str]:
    grade = grade.strip().upper()
    check_enum("grade", grade, GRADES)
    if not _blank(reason):
        raise InvalidInput("grading a source needs --reason")
    source = get_source(session, name)
    assert source.id is not None
    before = source.grade
    if before == grade:
        raise InvalidInput(f"{source.name} is already graded {grade}")
    source.grade = grade
    session.add(source)
    record_event(
        session,
        actor=actor,
        target_type="source",
        target_id=source.id,
        action="grade",
        field="grade",
        before=before,
        after=grade,
        reason=_blank(reason),
    )
    session.flush()
    return source, before


def _record_merge(
    session: Session,
    target_type: str,
    ids: tuple[int, int],
    merged_from: dict[str, Any],
    *,
    actor: str,
    reason: str | None,
) -> None:
    """The two events of a merge: on the merged row, and on the survivor."""
    loser_id, survivor_id = ids
    events: list[tuple[int, str, Any]] = [
        (loser_id, "merged_into_id", survivor_id),
        (survivor_id, "merged_from", merged_from),
    ]
    for target_id, name, after in events:
        record_event(
            session,
            actor=actor,
            target_type=target_type,
            target_id=target_id,
            action="merge",
            field=name,
            before=None,
            after=after,
            reason=_blank(reason),
        )


def merge_sources(
    session: Session, name: str, survivor_name: str, *, actor: str, reason: str | None = None
) -> tuple[Source, Source, int]:
    """Merge source ``name`` into ``survivor_name``: one body under two names.

    Every claim whose chain cites the merged source gets a ``chain`` edit
    (through the version check) naming the survivor instead; two hops that
    become the same source ("ACLED" relaying "Armed Conflict Location &
    Event Data Project") are one. Aliases, article relays and earlier merges
    move too. A merged outlet's articles go to the survivor's outlet (or
    the outlet becomes the survivor's when it has none). The merged source
    keeps its row with ``merged_into_id`` set; the survivor keeps its grade.
    Returns (merged, survivor, claims changed).
    """
    loser = get_source(session, name)
    survivor = get_source(session, survivor_name)
    assert loser.id is not None and survivor.id is not None
    if loser.id == survivor.id:
        raise InvalidInput(f"{name!r} and {survivor_name!r} are the same source ({survivor.name})")
    claim_ids = select(ClaimLink.claim_id).where(ClaimLink.source_id == loser.id)
    moved = 0
    for claim in session.exec(
        select(Claim).where(col(Claim.id).in_(claim_ids)).order_by(col(Claim.id))
    ).all():
        assert claim.id is not None
        links = session.exec(
            select(ClaimLink.source_id, ClaimLink.cue)
            .where(ClaimLink.claim_id == claim.id)
            .order_by(col(ClaimLink.position))
        ).all()
        hops: list[tuple[int, str | None]] = []
        for source_id, cue in links:
            source_id = survivor.id if source_id == loser.id else source_id
            if hops and hops[-1][0] == source_id:
                hops[-1] = (source_id, cue or hops[-1][1])  # the later hop's cue: the origin's
            else:
                hops.append((source_id, cue))
        ids = [i for i, _ in hops]
        before = {"chain_ids": [i for i, _ in links], "origin_source_id": claim.origin_source_id}
        after = {"chain_ids": ids, "origin_source_id": ids[-1]}
        sources = {s.id: s for s in session.exec(select(Source).where(col(Source.id).in_(ids)))}
        save_changes(
            session,
            claim,
            [("chain", before, after)],
            actor=actor,
            seen_version=claim.version,
            reason=_blank(reason) or f"{loser.name} merged into {survivor.name}",
            hops=[(sources[i], cue) for i, cue in hops],
        )
        moved += 1
    connection = session.connection()
    connection.execute(
        update(SourceAlias)
        .where(col(SourceAlias.source_id) == loser.id)
        .values(source_id=survivor.id)
    )
    connection.execute(
        update(Article)
        .where(col(Article.relay_source_id) == loser.id)
        .values(relay_source_id=survivor.id)
    )
    connection.execute(
        update(Source)
        .where(col(Source.merged_into_id) == loser.id)
        .values(merged_into_id=survivor.id)
    )
    outlet = session.exec(select(Outlet).where(Outlet.source_id == loser.id)).first()
    if outlet is not None:
        kept = session.exec(select(Outlet).where(Outlet.source_id == survivor.id)).first()
        if kept is None:
            # The publisher is now known by the survivor's name too.
            outlet.source_id = survivor.id
            session.add(outlet)
            survivor.kind = "outlet"
        else:
            connection.execute(
                update(Article).where(col(Article.outlet_id) == outlet.id).values(outlet_id=kept.id)
            )
    loser.merged_into_id = survivor.id
    session.add(loser)
    session.add(survivor)
    _record_merge(
        session,
        "source",
        (loser.id, survivor.id),
        {"id": loser.id, "name": loser.name, "grade": loser.grade, "claims": moved},
        actor=actor,
        reason=reason,
    )
    session.flush()
    session.expire_all()
    return loser, survivor, moved


# --------------------------------------------------------------------------
# Entities


def get_entity(session: Session, name_or_id: str, *, follow: bool = True) -> Entity:
    entity = None
    if name_or_id.strip().isdigit():
        entity = session.get(Entity, int(name_or_id))
        if entity is not None and follow and entity.merged_into_id is not None:
            entity = find_entity(session, entity.name) or entity
    entity = entity or find_entity(session, name_or_id)
    if entity is None:
        raise NotFound(f"no entity matches {name_or_id!r}")
    return entity


def entity_rows(session: Session, *, include_merged: bool = False) -> list[dict[str, Any]]:
    stmt = select(Entity).order_by(col(Entity.name))
    if not include_merged:
        stmt = stmt.where(col(Entity.merged_into_id).is_(None))
    entities = list(session.exec(stmt).all())
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in session.exec(
        select(EntityAlias.entity_id, EntityAlias.alias).order_by(col(EntityAlias.id))
    ).all():
        if alias not in aliases.setdefault(entity_id, []):
            aliases[entity_id].append(alias)
    counts = dict(
        session.exec(select(Claim.subject_id, func.count()).group_by(col(Claim.subject_id))).all()
    )
    return [
        {
            "id": e.id,
            "name": e.name,
            "kind": e.kind,
            "aliases": [a for a in aliases.get(e.id or 0, []) if a != e.name],
            "claims": counts.get(e.id, 0),
            "merged_into": e.merged_into_id,
        }
        for e in entities
    ]


def entity_detail(session: Session, entity: Entity) -> dict[str, Any]:
    assert entity.id is not None
    aliases = []
    for alias in session.exec(
        select(EntityAlias.alias)
        .where(EntityAlias.entity_id == entity.id)
        .order_by(col(EntityAlias.id))
    ).all():
        if alias != entity.name and alias not in aliases:
            aliases.append(alias)
    merged_from = session.exec(select(Entity).where(Entity.merged_into_id == entity.id)).all()
    claims = list(
        session.exec(
            select(Claim).where(Claim.subject_id == entity.id).order_by(col(Claim.id))
        ).all()
    )
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": aliases,
        "merged_from": [{"id": m.id, "name": m.name} for m in merged_from],
        "history": events_for(session, "entity", entity.id),
        "claims": claims,
    }


def alias_entity(session: Session, name: str, alias: str, *, actor: str) -> Entity:
    entity = get_entity(session, name)
    assert entity.id is not None
    key = fold(alias)
    if not key:
        raise InvalidInput(f"alias {alias!r} has no letters or digits")
    taken = session.exec(select(EntityAlias).where(EntityAlias.folded == key)).first()
    if taken is not None:
        owner = session.get(Entity, taken.entity_id)
        if taken.entity_id == entity.id:
            raise InvalidInput(f"{alias!r} already names {entity.name!r}")
        raise InvalidInput(
            f"alias {alias!r} already names another entity, {owner.name if owner else '?'!r} "
            f"(id {taken.entity_id}); use `prov entities merge` if they are one"
        )
    add_entity_alias(session, entity, alias)
    record_event(
        session,
        actor=actor,
        target_type="entity",
        target_id=entity.id,
        action="alias",
        field="aliases",
        after=alias.strip(),
    )
    return entity


def merge_entities(
    session: Session, name: str, survivor_name: str, *, actor: str, reason: str | None = None
) -> tuple[Entity, Entity, int]:
    """Merge entity ``name`` into ``survivor_name``: its claims and aliases move.

    Each moved claim gets a ``subject`` edit event (through the version
    check); the merged entity keeps its row with ``merged_into_id`` set.
    Returns (merged, survivor, claims moved).
    """
    loser = get_entity(session, name)
    survivor = get_entity(session, survivor_name)
    assert loser.id is not None and survivor.id is not None
    if loser.id == survivor.id:
        raise InvalidInput(f"{name!r} and {survivor_name!r} are the same entity ({survivor.name})")
    moved = 0
    for claim in session.exec(
        select(Claim).where(Claim.subject_id == loser.id).order_by(col(Claim.id))
    ).all():
        before = {"subject_id": claim.subject_id, "subject_text": claim.subject_text}
        after = {"subject_id": survivor.id, "subject_text": claim.subject_text}
        save_changes(
            session,
            claim,
            [("subject", before, after)],
            actor=actor,
            seen_version=claim.version,
            reason=_blank(reason) or f"merged into {survivor.name}",
        )
        moved += 1
    session.connection().execute(
        update(EntityAlias)
        .where(col(EntityAlias.entity_id) == loser.id)
        .values(entity_id=survivor.id)
    )
    session.connection().execute(
        update(Entity)
        .where(col(Entity.merged_into_id) == loser.id)
        .values(merged_into_id=survivor.id)
    )
    loser.merged_into_id = survivor.id
    session.add(loser)
    _record_merge(
        session,
        "entity",
        (loser.id, survivor.id),
        {"id": loser.id, "name": loser.name, "claims": moved},
        actor=actor,
        reason=reason,
    )
    session.flush()
    session.expire_all()
    return loser, survivor, moved


# --------------------------------------------------------------------------
# Measures


def measure_rows(session: Session) -> list[dict[str, Any]]:
    builtin = default_measures()
    rows: dict[str, dict[str, Any]] = {
        word: {"word": word, "measure": measure, "origin": "built-in", "added_by": None}
        for word, measure in builtin.items()
    }
    for row in session.exec(select(MeasureAlias)).all():
        origin = (
            "editor (overrides built-in)"
            if row.word in builtin and builtin[row.word] != row.measure
            else "editor"
        )
        rows[row.word] = {
            "word": row.word,
            "measure": row.measure,
            "origin": origin,
            "added_by": row.added_by,
        }
    return sorted(rows.values(), key=lambda r: (r["measure"], r["word"]))


def alias_measure(
    session: Session, word: str, measure: str, *, actor: str
) -> tuple[str, str | None]:
    """Map ``word`` to ``measure`` in the lexicon; returns (word, previous measure)."""
    word_key = re.sub(r"\s+", " ", word.strip().lower())
    target = re.sub(r"\s+", " ", measure.strip().lower())
    if not word_key or not target:
        raise InvalidInput("both a word and a measure are needed")
    if len(word_key) > 200 or len(target) > 100:
        raise InvalidInput("word or measure too long (200 / 100 characters at most)")
    row = session.get(MeasureAlias, word_key)
    previous = row.measure if row else default_measures().get(word_key)
    if previous == target:
        raise InvalidInput(f"{word_key!r} already means {target!r}")
    if row is None:
        row = MeasureAlias(word=word_key, measure=target, added_by=actor, created_at=now())
    else:
        row.measure, row.added_by = target, actor
    session.add(row)
    record_event(
        session,
        actor=actor,
        target_type="measure",
        target_id=word_key,
        action="alias",
        field="measure",
        before=previous,
        after=target,
    )
    session.flush()
    return word_key, previous


__all__ = [
    "ClaimFields",
    "ClaimFilter",
    "QuoteSpan",
    "add_claim",
    "add_source",
    "alias_entity",
    "alias_measure",
    "alias_source",
    "claim_history",
    "closest_passage",
    "create_document",
    "credibility_for",
    "explain_credibility",
    "list_graded_claims",
    "current_state",
    "chain_names",
    "chain_ids",
    "check_enum",
    "edit_claim",
    "entity_detail",
    "entity_rows",
    "fts5_query",
    "get_article",
    "get_claim",
    "get_entity",
    "get_source",
    "grade_source",
    "list_claims",
    "locate_quote",
    "measure_lexicon",
    "measure_rows",
    "merge_entities",
    "normalise_measure",
    "paragraph_span",
    "parse_day",
    "parse_value",
    "plan_edit",
    "prepare_claim",
    "save_changes",
    "sentence_span",
    "set_status",
    "source_detail",
    "source_rows",
]
