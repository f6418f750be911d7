"""Bulk hand entry: ``prov claims import FILE`` (.csv or .jsonl).

Design notes
------------
* The file shape is what ``prov claims list --format jsonl|csv`` prints
  (``provenance.store.claim_records``): list, edit in a spreadsheet, import.
  CSV cells hold nested values JSON-encoded (``value``, ``hedge_cues``,
  ``chain``) and empty cells mean null, as ``cli/output.py`` writes them. For
  hand entry a CSV ``value`` cell may also be plain text ("about 350,000"),
  read by the same parser as ``--value``.
* Rows with an ``id`` update that claim: only the columns present in the file
  are compared, and only what differs is changed, each difference written as
  an edit event (so a file with just ``id,status`` confirms or rejects claims
  in bulk, and re-importing an unchanged listing changes nothing). An
  optional ``version`` column makes the update conditional on the claim
  still being at that version. ``article_id`` cannot change (a claim belongs
  to its article); ``credibility``, ``origin_kind`` and ``source`` are read
  from the listing but derived (``source`` that differs from the chain's last
  hop replaces the origin). ``sentence`` is derived from the text unless a
  new claim gives one that contains its quote.
* Rows without ``id`` create manual claims (status ``confirmed`` unless the
  row says otherwise). An ``id`` that does not exist is an error, unless
  ``create_missing`` is set (restoring an export into another database):
  then the row is created under a new id, keeping its status and origin kind.
* Validation first, all of it: every row is checked (required fields,
  enums, numbers, article exists, quote occurs in the article's text at the
  given offsets, dates) before anything is written. Any bad row: all bad
  rows are reported with line numbers and nothing is written. The whole
  import is one transaction (the caller's session).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from provenance.editorial import (
    ClaimFields,
    add_claim,
    chain_names,
    check_enum,
    edit_claim,
    plan_edit,
    prepare_claim,
    value_from_json,
)
from provenance.errors import InvalidInput, ProvError
from provenance.model import Value
from provenance.store import CLAIM_RECORD_COLUMNS, as_of_window, claim_value
from schema.enums import CLAIM_STATUSES, HEDGE_LEVELS, ORIGIN_KINDS, POLARITIES
from schema.models import Article, Claim, Entity

RECORD_COLUMNS = CLAIM_RECORD_COLUMNS
KNOWN_COLUMNS = frozenset((*RECORD_COLUMNS, "note", "version"))
INT_COLUMNS = ("id", "article_id", "start", "end", "version", "credibility")
MAX_PROBLEMS_SHOWN = 1000


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportInvalid(InvalidInput):
    """Some rows are bad; ``problems`` lists every one. Nothing was written."""

    def __init__(self, problems: list[RowProblem], total: int) -> None:
        bad_lines = len({p.line for p in problems})
        super().__init__(f"{bad_lines} of {total} row(s) are invalid; nothing was imported")
        self.problems = problems


class _RowError(Exception):
    pass


@dataclass
class _Create:
    line: int
    article: Article
    fields: ClaimFields
    origin_kind: str


@dataclass
class _Update:
    line: int
    claim_id: int
    version: int
    fields: ClaimFields


@dataclass
class ImportResult:
    rows: int = 0
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    would_create: int = 0
    would_update: int = 0
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# Reading


def detect_format(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    raise InvalidInput(
        f"{name}: cannot tell the format from the name; use .csv or .jsonl (or --format)"
    )


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InvalidInput(f"{name} is empty: no rows to import")
    if b"\x00" in data[:8192]:
        raise InvalidInput(f"{name} looks binary (NUL bytes), not CSV or JSONL text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"{name} is not UTF-8 text (bad byte at line {line}); save it as UTF-8"
        ) from None


def read_rows(content: str, fmt: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, row, error) for each row of the file."""
    if fmt == "jsonl":
        # Only "\n" ends a line: JSON text may hold U+2028 and friends raw.
        for number, raw in enumerate(content.split("\n"), start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield number, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
                continue
            if not isinstance(row, dict):
                yield number, None, "each line must be a JSON object"
                continue
            yield number, row, None
        return
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield 1, None, f"no CSV header ({exc})" if str(exc) else "no CSV header"
        return
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in KNOWN_COLUMNS]
    if unknown:
        yield (
            1,
            None,
            f"unknown column(s) {', '.join(map(repr, unknown))}; known: {', '.join(RECORD_COLUMNS)}, note, version",
        )
        return
    if len(set(header)) != len(header):
        yield 1, None, "a column is named twice in the header"
        return
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line, None, f"malformed CSV ({exc})"
            return
        if not any(c.strip() for c in cells):
            line = reader.line_num + 1
            continue
        if len(cells) != len(header):
            yield line, None, f"{len(cells)} cells for {len(header)} columns"
        else:
            yield (
                line,
                {h: (c if c != "" else None) for h, c in zip(header, cells, strict=True)},
                None,
            )
        line = reader.line_num + 1


# --------------------------------------------------------------------------
# Coercion of one row


def _as_int(name: str, v: Any) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool):
        raise _RowError(f"{name} must be a whole number, not {v!r}")
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and v.strip().lstrip("-").isdigit():
        return int(v.strip())
    raise _RowError(f"{name} must be a whole number, not {v!r}")


def _as_text(name: str, v: Any) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise _RowError(f"{name} must be text, not {type(v).__name__}")
    return v


def _json_cell(name: str, v: Any) -> Any:
    """CSV cells carry JSON for nested values; JSONL already has them decoded."""
    if isinstance(v, str):
        stripped = v.strip()
        if stripped.startswith(("{", "[")) or stripped == "null":
            try:
                return json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise _RowError(f"{name} is not valid JSON ({exc.msg})") from None
    return v


def _as_list(name: str, v: Any, separators: tuple[str, ...]) -> list[str] | None:
    v = _json_cell(name, v)
    if v is None:
        return None
    if isinstance(v, str):
        parts = [v]
        for sep in separators:
            parts = [p for chunk in parts for p in chunk.split(sep)]
        return [p.strip() for p in parts if p.strip()]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise _RowError(f"{name} must be a list of text")
    return list(v)


def _value(session: Session, v: Any) -> Value | None:
    v = _json_cell("value", v)
    if v is None:
        return None
    if isinstance(v, str):
        from provenance.editorial import parse_value

        return parse_value(v, None, session)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Value(text=str(v), low=float(v), high=float(v), unit="count", approx="exact")
    return value_from_json(v)


def _fields(session: Session, row: dict[str, Any]) -> tuple[ClaimFields, set[str]]:
    """ClaimFields from a row, and which columns the row has."""
    present = set(row)
    f = ClaimFields()
    if "quote" in row:
        f.quote = _as_text("quote", row["quote"])
    f.start = _as_int("start", row.get("start"))
    f.end = _as_int("end", row.get("end"))
    f.sentence = _as_text("sentence", row.get("sentence"))
    for name in ("measure", "subject", "as_of", "place", "note", "source"):
        setattr(f, name, _as_text(name, row.get(name)))
    for name, allowed in (
        ("hedge", HEDGE_LEVELS),
        ("polarity", POLARITIES),
        ("status", CLAIM_STATUSES),
    ):
        value = _as_text(name, row.get(name))
        check_enum(name, value, allowed)
        setattr(f, name, value)
    if "value" in row:
        f.value = _value(session, row["value"])
    if "hedge_cues" in row:
        f.cues = _as_list("hedge_cues", row["hedge_cues"], (";", ",")) or []
    if "chain" in row:
        f.chain = _as_list("chain", row["chain"], ("→", ">")) or []
    if f.as_of:
        as_of_window(f.as_of)
    check_enum("origin_kind", _as_text("origin_kind", row.get("origin_kind")), ORIGIN_KINDS)
    return f, present


# --------------------------------------------------------------------------
# Validation and planning


def _update_fields(
    session: Session, claim: Claim, f: ClaimFields, present: set[str]
) -> ClaimFields:
    """Only what the row changes, as edit fields ("" clears a field)."""
    assert claim.id is not None
    out = ClaimFields()
    if f.quote is not None and (
        f.quote != claim.quote or (f.start is not None and f.start != claim.start_offset)
    ):
        out.quote, out.start, out.end = f.quote, f.start, f.end
    elif f.quote is None and "quote" in present:
        raise _RowError("quote cannot be empty")
    if "value" in present:
        current = claim_value(claim)
        mine = f.value if isinstance(f.value, Value) else None
        if (mine.to_json() if mine else None) != (current.to_json() if current else None):
            out.value = mine if mine is not None else ""
    if "measure" in present and (f.measure or None) != claim.measure:
        out.measure = f.measure or ""
    if "subject" in present:
        shown = claim.subject_text
        if claim.subject_id is not None:
            entity = session.get(Entity, claim.subject_id)
            shown = entity.name if entity else shown
        if (f.subject or None) != shown:
            out.subject = f.subject or ""
    for name in ("as_of", "place", "note"):
        if name in present and (getattr(f, name) or None) != getattr(claim, name):
            setattr(out, name, getattr(f, name) or "")
    if "hedge" in present and f.hedge is not None and f.hedge != claim.hedge:
        out.hedge = f.hedge
    if "hedge_cues" in present and list(f.cues or []) != list(claim.hedge_cues or []):
        out.cues = list(f.cues or [])
    if "polarity" in present and f.polarity is not None and f.polarity != claim.polarity:
        out.polarity = f.polarity
    if "status" in present and f.status is not None and f.status != claim.status:
        out.status = f.status
    if "chain" in present or "source" in present:
        # The chain cell wins when it changed; else a changed source cell
        # replaces the origin (a spreadsheet user edits one or the other).
        hops_now = chain_names(session, claim.id)
        names = list(f.chain) if f.chain is not None and "chain" in present else list(hops_now)
        origin = hops_now[-1] if hops_now else None
        if names == hops_now and f.source and f.source != origin:
            names = [*names[:-1], f.source] if len(names) > 1 else [*names, f.source]
        if names != hops_now:
            out.chain = names
    return out


def _is_empty(f: ClaimFields) -> bool:
    return all(getattr(f, name) is None for name in f.__dataclass_fields__)


def validate(
    session: Session, content: str, fmt: str, *, create_missing: bool = False
) -> tuple[list[_Create | _Update], int, int, list[RowProblem], list[str]]:
    """(plan, rows, unchanged, problems, warnings) without writing anything."""
    plan: list[_Create | _Update] = []
    problems: list[RowProblem] = []
    warnings: list[str] = []
    articles: dict[int, Article | None] = {}
    seen_ids: dict[int, int] = {}
    rows = unchanged = 0
    for line, row, error in read_rows(content, fmt):
        rows += 1
        if error is not None or row is None:
            problems.append(RowProblem(line, error or "unreadable row"))
            continue
        try:
            if fmt == "jsonl":
                unknown = sorted(set(row) - KNOWN_COLUMNS)
                if unknown:
                    raise _RowError(f"unknown field(s) {', '.join(map(repr, unknown))}")
            for name in INT_COLUMNS:
                if name in row:
                    _as_int(name, row[name])
            f, present = _fields(session, row)
            claim_id = _as_int("id", row.get("id"))
            article_id = _as_int("article_id", row.get("article_id"))
            claim = session.get(Claim, claim_id) if claim_id is not None else None
            if claim_id is not None:
                if claim_id in seen_ids:
                    raise _RowError(
                        f"claim {claim_id} appears twice (also line {seen_ids[claim_id]})"
                    )
                seen_ids[claim_id] = line
            if claim is not None:
                assert claim.id is not None
                if article_id is not None and article_id != claim.article_id:
                    raise _RowError(
                        f"article_id {article_id} differs from claim {claim.id}'s article "
                        f"{claim.article_id}; a claim cannot move to another article"
                    )
                version = _as_int("version", row.get("version"))
                if version is not None and version != claim.version:
                    raise _RowError(
                        f"claim {claim.id} is at version {claim.version} (changed by "
                        f"{claim.updated_by}), not {version}: list it again"
                    )
                changes = _update_fields(session, claim, f, present)
                if _is_empty(changes) or not plan_edit(session, claim, changes, create=False)[0]:
                    unchanged += 1
                    continue
                plan.append(_Update(line, claim.id, claim.version, changes))
                continue
            if claim_id is not None and not create_missing:
                raise _RowError(
                    f"no claim with id {claim_id} (leave id empty to add a new claim, "
                    "or use --create-missing to restore it under a new id)"
                )
            if article_id is None:
                raise _RowError("article_id is required for a new claim")
            if not f.quote:
                raise _RowError("quote is required for a new claim")
            if article_id not in articles:
                articles[article_id] = session.get(Article, article_id)
            article = articles[article_id]
            if article is None:
                raise _RowError(f"no article with id {article_id}")
            prepared = prepare_claim(session, article, f)
            warnings.extend(f"line {line}: {w}" for w in prepared.warnings)
            origin_kind = "manual"
            if claim_id is not None:  # restoring under a new id
                origin_kind = _as_text("origin_kind", row.get("origin_kind")) or "manual"
            plan.append(_Create(line, article, f, origin_kind))
        except _RowError as exc:
            problems.append(RowProblem(line, str(exc)))
        except ProvError as exc:
            problems.append(RowProblem(line, exc.message))
        except (ValueError, TypeError) as exc:
            problems.append(RowProblem(line, str(exc)))
    return plan, rows, unchanged, problems, warnings


def import_claims(
    session: Session,
    data: bytes,
    *,
    name: str,
    fmt: str | None = None,
    actor: str,
    dry_run: bool = False,
    reason: str | None = None,
    create_missing: bool = False,
) -> ImportResult:
    """Validate every row, then (unless ``dry_run``) write them all in ``session``."""
    fmt = fmt or detect_format(name)
    content = decode(data, name)
    plan, rows, unchanged, problems, warnings = validate(
        session, content, fmt, create_missing=create_missing
    )
    if rows == 0:
        raise InvalidInput(f"{name} has no rows to import")
    if problems:
        raise ImportInvalid(problems, rows)
    result = ImportResult(rows=rows, unchanged=unchanged, dry_run=dry_run, warnings=warnings)
    if dry_run:
        result.would_create = sum(isinstance(p, _Create) for p in plan)
        result.would_update = sum(isinstance(p, _Update) for p in plan)
        return result
    why = reason or f"import {name}"
    for item in plan:
        try:
            if isinstance(item, _Create):
                claim, _ = add_claim(
                    session, item.article, item.fields, actor=actor, origin_kind=item.origin_kind
                )
                assert claim.id is not None
                result.created.append(claim.id)
            else:
                edit_claim(
                    session,
                    item.claim_id,
                    item.fields,
                    actor=actor,
                    reason=why,
                    expect_version=item.version,
                )
                result.updated.append(item.claim_id)
        except ProvError as exc:
            raise type(exc)(f"line {item.line}: {exc.message}; nothing was imported") from None
    return result


__all__ = [
    "ImportInvalid",
    "ImportResult",
    "RowProblem",
    "detect_format",
    "import_claims",
    "read_rows",
]
