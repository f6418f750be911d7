"""Ingest: named inputs -> cleaned articles -> stored all-or-nothing, one savepoint each.

Design notes
------------
* **Streaming.** ``ingest`` is a generator of ``Outcome`` records, one per
  article (or per input that failed before it became an article). Folders
  are expanded to a list of paths up front (paths only, so a progress bar
  knows its total); file contents are read one at a time, and a JSONL file
  is read line by line, so memory does not grow with the size of a corpus.
  The caller (the CLI) renders outcomes and drives the progress bar: this
  module never imports click or rich.
* **All-or-nothing per article, committed in batches.** Articles are written
  in batched write transactions with one SAVEPOINT per article
  (``session.begin_nested()``): the article row, its ``ingest`` event, any
  outlet or relay source it creates and (unless ``extract=False``) its
  candidate claims from ``provenance.extract.store_candidates`` are released
  together or rolled back together, so a bad article rolls back only itself
  and its neighbours in the batch still commit. A batch commits after
  ``BATCH_ARTICLES`` articles, ``BATCH_SECONDS`` or ``BATCH_BYTES`` of text,
  whichever comes first, and before reading stdin or a URL, so the SQLite
  write lock is released several times a second and concurrent ingesters
  interleave (and nobody waits on our network reads). This keeps what "one
  transaction per article" promised: no article is ever half-stored, a bad
  input never costs another one, and outcomes are yielded only after their
  batch has committed, so everything reported as ingested is on disk. A crash
  or interrupt loses at most the uncommitted batch, none of which was
  reported, and re-running the same inputs stores exactly that remainder
  (dedupe by SHA-256 reports the rest as already present). A commit per
  article was, with the ORM, most of ingest's time
  (``benchmarks/ingest_throughput.py``).
  Bad inputs are reported as ``failed`` outcomes with a reason and the run
  goes on; database failures (locked, unreachable) are not about one input,
  so they stop the run with a typed error.
* **Hot path.** The article and event rows are Core inserts of statements
  built once (the ORM unit of work and per-call statement building cost more
  than the rest of storing); outlet and relay lookups go through
  ``provenance.names`` once per name per transaction and are cached until
  commit, or until a savepoint that may have created them rolls back.
* **Dedupe** is by SHA-256 of the cleaned body, looked up inside the write
  transaction (so duplicates inside one batch are found too). On SQLite the
  transaction starts with ``BEGIN IMMEDIATE``, so two processes ingesting the
  same file queue and the second sees the first's row; on PostgreSQL the
  unique index on ``sha256`` catches the race and the article's savepoint is
  retried, then reported as already present. A PostgreSQL deadlock or
  serialization failure between two batching ingesters aborts the whole
  transaction; the batch (its candidates are kept until commit) is then rerun
  one article per transaction, which cannot deadlock that way.
* **Size limits** are checked before reading (``stat`` for files, a running
  count for stdin and HTTP bodies), per line for JSONL. URLs are fetched with
  httpx, a timeout and the same cap; a declared ``Content-Length`` over the
  cap is refused without downloading.
* Metadata layers, most trusted first: command-line overrides, the input's
  own fields (JSON keys, a text header block, HTML meta tags), then what the
  text says about itself (``provenance.cleaning``).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from provenance.cleaning import (
    article_from_text,
    clean_html,
    clean_text,
    decode_bytes,
    looks_like_html,
    merge_meta,
    parse_date,
    text_meta,
)
from provenance.errors import InvalidInput
from provenance.model import ArticleMeta

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

KINDS = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
SUPPORTED = " ".join(KINDS)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT = 20.0
USER_AGENT = "prov-claims (claim provenance tracker)"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.I)


def parse_size(text: str) -> int:
    """ "10MB", "512k", "1.5G", "2048" -> bytes (powers of 1024)."""
    m = _SIZE.match(text)
    if not m:
        raise InvalidInput(f"size {text!r} is not a number of bytes (e.g. 20MB, 512k)")
    unit = (m[2] or "b")[0].lower()
    factor = {"b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit]
    return int(float(m[1]) * factor)


def human_size(n: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


# --------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class Input:
    """One thing to read: a file, a URL, or a binary stream (stdin)."""

    label: str
    kind: str  # "file" | "url" | "stream"
    path: Path | None = None
    stream: IO[bytes] | None = None


@dataclass
class Candidate:
    """An article read and cleaned, not stored yet."""

    origin: str
    text: str
    meta: ArticleMeta
    domain: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Outcome:
    """What happened to one article or input."""

    origin: str
    status: str  # "ingested" | "present" | "failed"
    article_id: int | None = None
    title: str | None = None
    reason: str | None = None
    claims: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "status": self.status,
            "article_id": self.article_id,
            "title": self.title,
            "claims": self.claims,
            "reason": self.reason,
        }


@dataclass
class Options:
    """How to ingest: limits, overrides that win over what inputs say, extraction."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    overrides: ArticleMeta = field(default_factory=ArticleMeta)
    extract: bool = True
    actor: str = "unknown"
    # Re-raise unexpected (non-ProvError) exceptions instead of reporting them.
    raise_errors: bool = False


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def expand(
    specs: Sequence[str], *, stdin: IO[bytes] | None = None
) -> tuple[list[Input], list[Outcome]]:
    """Named inputs -> readable inputs (folders walked recursively, sorted).

    Returns (inputs, failures) where failures are names that cannot be read
    at all (missing paths, unsupported types, folders with nothing to ingest).
    """
    inputs: list[Input] = []
    failures: list[Outcome] = []
    for spec in specs:
        if spec == "-":
            inputs.append(Input("stdin", "stream", stream=stdin or sys.stdin.buffer))
            continue
        if is_url(spec):
            inputs.append(Input(spec, "url"))
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in KINDS
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                failures.append(_failed(spec, f"no {SUPPORTED} files in this folder"))
            inputs.extend(Input(str(p), "file", path=p) for p in found)
        elif path.is_file():
            if path.suffix.lower() not in KINDS:
                failures.append(
                    _failed(
                        spec,
                        f"unsupported file type {path.suffix or '(none)'!r}; expected {SUPPORTED}",
                    )
                )
            else:
                inputs.append(Input(spec, "file", path=path))
        elif path.exists():
            failures.append(_failed(spec, "not a regular file or folder"))
        else:
            failures.append(_failed(spec, "no such file or folder"))
    return inputs, failures


def _failed(origin: str, reason: str) -> Outcome:
    return Outcome(origin=origin, status="failed", reason=reason)


def _too_big(size: int, limit: int) -> InvalidInput:
    return InvalidInput(
        f"too large: {human_size(size)} over the {human_size(limit)} limit (raise it with --max-size)"
    )


def read_input(item: Input, options: Options) -> Iterator[Candidate | Outcome]:
    """Candidates (or per-article failures) read from one input."""
    try:
        if item.kind == "url":
            yield from _read_url(item.label, options)
            return
        if item.kind == "stream":
            assert item.stream is not None
            data = _read_capped(item.stream, options.max_bytes)
            yield from _candidates(item.label, data, _sniff_kind(data), options)
            return
        assert item.path is not None
        kind = KINDS[item.path.suffix.lower()]
        if kind == "jsonl":
            yield from _read_jsonl(item, options)
            return
        size = item.path.stat().st_size
        if size > options.max_bytes:
            raise _too_big(size, options.max_bytes)
        yield from _candidates(item.label, item.path.read_bytes(), kind, options)
    except InvalidInput as exc:
        yield _failed(item.label, exc.message)
    except OSError as exc:
        yield _failed(item.label, f"cannot read: {exc.strerror or exc}")


def _read_capped(stream: IO[bytes], limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(len(data), limit)
    return data


def _sniff_kind(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            json.loads(data)
            return "json"
        except ValueError:
            return "jsonl" if head == b"{" else "text"
    return "text"


def _candidates(
    origin: str,
    data: bytes,
    kind: str,
    options: Options,
    *,
    declared: str | None = None,
    url: str | None = None,
) -> Iterator[Candidate | Outcome]:
    text, _encoding = decode_bytes(data, declared=declared)
    if kind == "jsonl":
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                yield _json_line(f"{origin}:{number}", line)
        return
    if kind == "json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None
        if isinstance(value, list):
            if not value:
                raise InvalidInput("empty: the JSON array holds no articles")
            for index, obj in enumerate(value):
                yield _json_candidate(f"{origin}[{index}]", obj)
        else:
            yield _json_candidate(origin, value)
        return
    if kind == "html" or (kind == "text" and url is not None and looks_like_html(text)):
        result = clean_html(text, url=url)
        meta = merge_meta(result.meta, text_meta(result.text))
        yield _checked_candidate(origin, result.text, meta, result.domain)
        return
    body, meta = article_from_text(text)
    yield _checked_candidate(origin, body, meta)


def _checked_candidate(
    origin: str, text: str, meta: ArticleMeta, domain: str | None = None
) -> Candidate:
    if not text.strip():
        raise InvalidInput("empty: nothing left after removing page debris")
    return Candidate(origin=origin, text=text, meta=meta, domain=domain)


def _json_line(origin: str, line: str) -> Candidate | Outcome:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _failed(origin, f"malformed JSON: {exc.msg} at column {exc.colno}")
    try:
        return _json_candidate(origin, obj)
    except InvalidInput as exc:
        return _failed(origin, exc.message)


def _json_candidate(origin: str, obj: Any) -> Candidate:
    if not isinstance(obj, dict):
        raise InvalidInput(f"expected a JSON object with a text field, got {type(obj).__name__}")
    fields = {}
    for key in ("title", "outlet", "url", "published"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InvalidInput(f"field {key!r} must be a string")
        fields[key] = value.strip() if value else None
    html = obj.get("html")
    body = obj.get("text", obj.get("body"))
    if body is None and html is None:
        raise InvalidInput("no 'text' or 'body' field")
    raw = body if body is not None else html
    if not isinstance(raw, str):
        raise InvalidInput("field 'text' must be a string")
    if "\x00" in raw:
        raise InvalidInput("text contains NUL characters")
    published = None
    if fields["published"]:
        published = parse_date(fields["published"])
        if published is None:
            raise InvalidInput(f"published {fields['published']!r} is not a date")
    given = ArticleMeta(
        title=fields["title"], outlet=fields["outlet"], url=fields["url"], published=published
    )
    domain = None
    if html is not None or looks_like_html(raw):
        result = clean_html(raw, url=fields["url"])
        text, meta, domain = (
            result.text,
            merge_meta(given, result.meta, text_meta(result.text)),
            result.domain,
        )
    else:
        text = clean_text(raw)
        meta = merge_meta(given, text_meta(text))
    return _checked_candidate(origin, text, meta, domain)


def _read_jsonl(item: Input, options: Options) -> Iterator[Candidate | Outcome]:
    assert item.path is not None
    any_line = False
    with item.path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            any_line = True
            origin = f"{item.label}:{number}"
            if len(raw) > options.max_bytes:
                yield _failed(origin, _too_big(len(raw), options.max_bytes).message)
                continue
            try:
                text, _ = decode_bytes(raw)
            except InvalidInput as exc:
                yield _failed(origin, exc.message)
                continue
            yield _json_line(origin, text)
    if not any_line:
        raise InvalidInput("empty: no JSON lines in it")


def _read_url(url: str, options: Options) -> Iterator[Candidate | Outcome]:
    import httpx

    limit = options.max_bytes
    try:
        with (
            httpx.Client(
                timeout=options.timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InvalidInput(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared_length = response.headers.get("content-length")
            if declared_length and declared_length.isdigit() and int(declared_length) > limit:
                raise _too_big(int(declared_length), limit)
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > limit:
                    raise _too_big(received, limit)
                chunks.append(chunk)
            final_url = str(response.url)
            ctype = response.headers.get("content-type", "").lower()
            charset = response.charset_encoding
    except httpx.TimeoutException:
        raise InvalidInput(f"timed out after {options.timeout:g}s") from None
    except httpx.InvalidURL as exc:
        raise InvalidInput(f"invalid URL: {exc}") from None
    except httpx.HTTPError as exc:
        raise InvalidInput(f"cannot fetch: {exc}") from None
    data = b"".join(chunks)
    if "json" in ctype:
        kind = "jsonl" if "ndjson" in ctype or "jsonl" in ctype else "json"
    elif "html" in ctype or "xml" in ctype:
        kind = "html"
    else:
        kind = "text"
    for result in _candidates(final_url, data, kind, options, declared=charset, url=final_url):
        if isinstance(result, Candidate):
            result.meta.url = result.meta.url or final_url
            result.domain = result.domain or urlsplit(final_url).hostname
        yield result


# --------------------------------------------------------------------------
# Storing


def _domain(meta: ArticleMeta, fallback: str | None) -> str | None:
    host = urlsplit(meta.url).hostname if meta.url and "://" in meta.url else None
    host = host or fallback
    if host and host.startswith("www."):
        host = host[4:]
    return host


@dataclass
class Stored:
    """What storing one candidate did: "ingested" or "present", and the row."""

    status: str
    article_id: int
    title: str | None
    claims: int | None = None


class _Lookups:
    """Outlet and relay ids resolved in the current write transaction.

    Valid only inside that transaction: cleared at every commit, and whenever
    an article's savepoint rolls back (it may have created the rows cached).
    """

    def __init__(self) -> None:
        self.outlets: dict[tuple[str, str | None], int] = {}
        self.relays: dict[str, int | None] = {}

    def clear(self) -> None:
        self.outlets.clear()
        self.relays.clear()


@dataclass(frozen=True)
class _Statements:
    find: Any
    article: Any
    event: Any


@lru_cache(maxsize=1)
def _statements() -> _Statements:
    """Core statements built once: SQLAlchemy caches their compiled form, so a
    call costs a parameter bind, not a statement build and cache-key walk."""
    from sqlalchemy import bindparam, insert, select

    from schema.models import Article, Event

    article = Article.__table__  # type: ignore[attr-defined]
    return _Statements(
        find=select(article.c.id, article.c.title).where(article.c.sha256 == bindparam("sha")),
        article=insert(article),
        event=insert(Event.__table__),  # type: ignore[attr-defined]
    )


def store_candidate(
    session: Session,
    cand: Candidate,
    *,
    actor: str,
    extract: bool = True,
    lookups: _Lookups | None = None,
) -> Stored:
    """Store one cleaned article in the caller's transaction (or savepoint).

    The article and its ``ingest`` event are written with Core inserts (the
    ORM unit of work costs more than the rest of storing); outlets and relay
    sources go through ``provenance.names`` as everywhere else, cached per
    transaction in ``lookups``.
    """
    from provenance.names import get_or_create_outlet, now, resolve_source

    statements = _statements()
    lookups = lookups if lookups is not None else _Lookups()
    conn = session.connection()
    sha = cand.sha256
    existing = conn.execute(statements.find, {"sha": sha}).first()
    if existing is not None:
        return Stored("present", existing[0], existing[1])
    meta = cand.meta
    domain = _domain(meta, cand.domain)
    outlet_name = meta.outlet or domain
    outlet_id = None
    if outlet_name:
        key = (outlet_name[:300].strip(), domain)
        outlet_id = lookups.outlets.get(key)
        if outlet_id is None:
            outlet_id = get_or_create_outlet(session, key[0], domain).id
            session.flush()  # a domain filled in on an existing outlet
            lookups.outlets[key] = outlet_id  # type: ignore[assignment]
    relay_id = None
    if meta.relay:
        relay_name = meta.relay[:300]
        if relay_name in lookups.relays:
            relay_id = lookups.relays[relay_name]
        else:
            relay = resolve_source(session, relay_name)
            relay_id = relay.id if relay else None
            lookups.relays[relay_name] = relay_id
    title = meta.title[:1000] if meta.title else None
    values: dict[str, Any] = {
        "title": title,
        "outlet_id": outlet_id,
        "url": meta.url[:2000] if meta.url else None,
        "published": meta.published,
        "ingested_at": now(),
        "text": cand.text,
        "sha256": sha,
        "origin": cand.origin[:2000],
        "disclaimer": meta.disclaimer,
        "relay_source_id": relay_id,
    }
    inserted = conn.execute(statements.article, values).inserted_primary_key
    assert inserted is not None
    article_id: int = inserted[0]
    # The same row provenance.store.record_event writes, without the ORM.
    conn.execute(
        statements.event,
        {
            "at": values["ingested_at"],
            "actor": actor,
            "target_type": "article",
            "target_id": str(article_id),
            "action": "ingest",
            "field": None,
            "before": None,
            "after": {
                "title": values["title"],
                "outlet": outlet_name,
                "url": values["url"],
                "published": meta.published.isoformat() if meta.published else None,
                "sha256": sha,
                "origin": values["origin"],
            },
            "reason": None,
        },
    )
    claims = None
    if extract:
        from provenance.extract import store_candidates
        from schema.models import Article

        # A transient Article carrying the stored row's values: the hook reads
        # id, text and outlet/relay ids; it is never added to the session.
        article = Article(id=article_id, **values)
        claims = store_candidates(session, article, meta, actor=actor)
    return Stored("ingested", article_id, title, claims)


def _is_integrity_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import IntegrityError

    return isinstance(exc, IntegrityError)


def _is_operational(exc: BaseException) -> bool:
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(exc, (OperationalError, InterfaceError))


def _is_retryable_transaction(exc: BaseException) -> bool:
    """PostgreSQL deadlock / serialization failure: the transaction must be rerun."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in ("40001", "40P01")


class _Replay(Exception):
    """The batch's transaction was aborted by the server; rerun it article by article."""


# Commit a batch after this many articles, seconds, or bytes of article text,
# whichever comes first.
BATCH_ARTICLES = 500
BATCH_SECONDS = 0.25
BATCH_BYTES = 8 * 1024 * 1024


class _Writer:
    """Stores candidates in batched write transactions, one savepoint per article.

    Outcomes are held back until their batch commits, so every outcome the
    caller sees is durable: "ingested" is never reported for a row that a
    later failure rolls back.
    """

    def __init__(self, engine: Engine, url: str, options: Options) -> None:
        self.engine = engine
        self.url = url
        self.options = options
        self.session: Session | None = None
        self.lookups = _Lookups()
        # Outcomes (and finished inputs, for the progress callback) in order.
        self.pending: list[Outcome | Input] = []
        # The open batch's candidates and their held-back outcomes, kept
        # (bounded by BATCH_BYTES) so that an aborted batch can be rerun.
        self.batch: list[tuple[Candidate, Outcome]] = []
        self.batch_bytes = 0
        self.started = 0.0

    # -- transaction --------------------------------------------------------

    def _session(self) -> Session:
        if self.session is None:
            from sqlmodel import Session

            bind = self.engine.execution_options(prov_write=True)
            self.session = Session(bind, expire_on_commit=False)
            self.started = time.monotonic()
        return self.session

    def due(self) -> bool:
        return bool(self.batch) and (
            len(self.batch) >= BATCH_ARTICLES
            or self.batch_bytes >= BATCH_BYTES
            or time.monotonic() - self.started >= BATCH_SECONDS
        )

    def _end(self, *, commit: bool) -> None:
        session, self.session = self.session, None
        self.lookups.clear()
        self.batch, self.batch_bytes = [], 0
        if session is None:
            return
        try:
            if commit:
                session.commit()
            else:
                session.rollback()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()

    def commit(self) -> None:
        batch = self.batch
        try:
            self._end(commit=True)
        except Exception as exc:
            if not _is_retryable_transaction(exc):
                raise _translate(exc, self.url) if _is_operational(exc) else exc from None
            self._replay(batch)

    def rollback(self) -> None:
        self._end(commit=False)

    def _replay(self, batch: list[tuple[Candidate, Outcome]]) -> None:
        """Rerun an aborted batch with one transaction per article (which cannot
        deadlock against a batch of its own); updates the held-back outcomes."""
        for cand, outcome in batch:
            for attempt in range(3):
                fresh = self._store(cand)
                try:
                    self._end(commit=True)
                except Exception as exc:
                    if _is_retryable_transaction(exc) and attempt < 2:
                        continue
                    raise _translate(exc, self.url) if _is_operational(exc) else exc from None
                break
            vars(outcome).update(vars(fresh))

    # -- articles -----------------------------------------------------------

    def add(self, cand: Candidate) -> None:
        """Store one candidate in its own savepoint; hold its outcome back."""
        try:
            outcome = self._store(cand)
        except _Replay:
            batch = self.batch
            self.rollback()
            self._replay(batch)
            outcome = self._store(cand)
        self.batch.append((cand, outcome))
        self.batch_bytes += len(cand.text)
        self.pending.append(outcome)

    def _store(self, cand: Candidate) -> Outcome:
        from provenance.errors import ProvError

        options = self.options
        for attempt in range(3):
            session = self._session()
            try:
                with session.begin_nested():
                    stored = store_candidate(
                        session,
                        cand,
                        actor=options.actor,
                        extract=options.extract,
                        lookups=self.lookups,
                    )
            except ProvError as exc:
                self.lookups.clear()
                return _failed(cand.origin, exc.message)
            except Exception as exc:
                self.lookups.clear()
                if _is_retryable_transaction(exc):
                    if self.batch:
                        raise _Replay() from exc
                    self.rollback()
                    if attempt < 2:
                        continue
                if _is_integrity_error(exc) and attempt < 2:
                    continue  # another writer stored the same article or outlet first
                if _is_operational(exc):
                    raise _translate(exc, self.url) from None
                if options.raise_errors:
                    raise
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                return _failed(cand.origin, f"{type(exc).__name__}: {first}".rstrip(": "))
            return Outcome(
                origin=cand.origin,
                status=stored.status,
                article_id=stored.article_id,
                title=stored.title,
                claims=stored.claims,
            )
        raise AssertionError("unreachable")  # pragma: no cover

    def note(self, item: Outcome | Input) -> None:
        self.pending.append(item)

    def drain(self) -> list[Outcome | Input]:
        out, self.pending = self.pending, []
        return out


def _translate(exc: BaseException, url: str) -> Exception:
    from provenance.db import translate_db_error

    return translate_db_error(exc, url)


def ingest_candidate(engine: Engine, url: str, cand: Candidate, options: Options) -> Outcome:
    """One article in one transaction, retried on a unique-key race."""
    writer = _Writer(engine, url, options)
    try:
        writer.add(cand)
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    (outcome,) = writer.drain()
    assert isinstance(outcome, Outcome)
    return outcome


def ingest(
    engine: Engine,
    url: str,
    inputs: Iterable[Input],
    options: Options,
    *,
    on_input_done: Callable[[Input], None] | None = None,
) -> Iterator[Outcome]:
    """Read, clean and store every article of ``inputs``; yield an outcome each.

    Outcomes come out after the batch holding them has committed (see the
    module notes); the uncommitted batch is rolled back if the run stops.
    """
    writer = _Writer(engine, url, options)

    def flush() -> Iterator[Outcome]:
        writer.commit()
        for item in writer.drain():
            if isinstance(item, Outcome):
                yield item
            elif on_input_done is not None:
                on_input_done(item)

    try:
        for item in inputs:
            if item.kind != "file":
                # Never hold the write lock while waiting on a network or a pipe.
                yield from flush()
            for result in read_input(item, options):
                if isinstance(result, Outcome):
                    writer.note(result)
                    continue
                result.meta = merge_meta(options.overrides, result.meta)
                writer.add(result)
                if writer.due():
                    yield from flush()
            writer.note(item)
        yield from flush()
    finally:
        writer.rollback()  # no-op after the last flush; undoes an interrupted batch


@dataclass
class Summary:
    ingested: int = 0
    present: int = 0
    failed: int = 0
    claims: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "ingested":
            self.ingested += 1
            self.claims += outcome.claims or 0
        elif outcome.status == "present":
            self.present += 1
        else:
            self.failed += 1

    def line(self, *, extracted: bool) -> str:
        text = f"{self.ingested} ingested, {self.present} already present, {self.failed} failed"
        if extracted:
            text += f"; {self.claims} candidate claims extracted"
        return text + "."


def parse_published(value: str) -> date:
    """A --published value; dateutil first, dateparser for looser forms."""
    parsed = parse_date(value, fuzzy_fallback=True)
    if parsed is None:
        raise InvalidInput(f"{value!r} is not a date (use YYYY-MM-DD)")
    return parsed


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "KINDS",
    "Candidate",
    "Input",
    "Options",
    "Outcome",
    "Summary",
    "expand",
    "human_size",
    "ingest",
    "ingest_candidate",
    "is_url",
    "parse_published",
    "parse_size",
    "read_input",
    "Stored",
    "store_candidate",
]
