"""Plain dataclasses passed between extraction, storage and the CLI.

These carry no database state: the extractor produces ``ClaimDraft`` objects
from text, ``provenance.store`` turns them into rows, and ``to_json`` gives
the claim shape of SPEC section 7 (the shape ``prov extract --format json``
prints and ``prov claims import`` reads).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from schema.enums import APPROX_KINDS, HEDGE_LEVELS, POLARITIES, SOURCE_KINDS

# Units: "count", an ISO 4217 code ("SYP", "USD"), "percent", "ratio",
# "year" (low/high are years), "date" (low/high are proleptic ordinals,
# date.toordinal()).
UNIT_KINDS_DOC = "count | ISO 4217 code | percent | ratio | year | date"


@dataclass(frozen=True)
class Value:
    """A quantity as an interval. ``high`` None means +infinity."""

    text: str
    low: float | None
    high: float | None
    unit: str | None = "count"
    approx: str = "exact"

    def __post_init__(self) -> None:
        if self.approx not in APPROX_KINDS:
            raise ValueError(f"approx must be one of {', '.join(APPROX_KINDS)}")
        for bound in (self.low, self.high):
            if bound is not None and math.isnan(bound):
                raise ValueError("interval bounds cannot be NaN")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"interval low {self.low} is above high {self.high}")

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "low": _num(self.low),
            "high": _num(self.high),
            "unit": self.unit,
            "approx": self.approx,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Value:
        return cls(
            text=str(data.get("text") or ""),
            low=None if data.get("low") is None else float(data["low"]),
            high=None if data.get("high") is None else float(data["high"]),
            unit=data.get("unit"),
            approx=data.get("approx") or "exact",
        )


def _num(x: float | None) -> float | int | None:
    """JSON-friendly number: integral floats print as integers."""
    if x is None or math.isinf(x):
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


@dataclass(frozen=True)
class SourceRef:
    """One hop of an attribution chain, by name (resolved to a Source on save)."""

    name: str
    kind: str = "organisation"
    cue: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise ValueError(f"source kind must be one of {', '.join(SOURCE_KINDS)}")


@dataclass
class ArticleMeta:
    """What the extractor knows about the article around the text."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    # "has not verified the content of this story" and similar.
    disclaimer: str | None = None
    # A relay stated once for the whole article ("according to Asharq Al-Awsat").
    relay: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass
class ClaimDraft:
    """A claim before it is stored: extracted, imported or typed by an editor."""

    quote: str
    start: int
    end: int
    sentence: str
    subject: str | None = None
    measure: str | None = None
    measure_text: str | None = None
    place: str | None = None
    as_of: str | None = None  # ISO 8601: 2025-02-06, 2025-01, 2016, or start/end
    value: Value | None = None
    hedge: str = "certain"
    hedge_cues: list[str] = field(default_factory=list)
    polarity: str = "affirmed"
    # Publishing outlet first, origin last. Empty: the outlet is the origin.
    chain: list[SourceRef] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.hedge not in HEDGE_LEVELS:
            raise ValueError(f"hedge must be one of {', '.join(HEDGE_LEVELS)}")
        if self.polarity not in POLARITIES:
            raise ValueError(f"polarity must be one of {', '.join(POLARITIES)}")
        if not 0 <= self.start <= self.end:
            raise ValueError("claim offsets must satisfy 0 <= start <= end")

    @property
    def origin(self) -> SourceRef | None:
        return self.chain[-1] if self.chain else None

    def to_json(self) -> dict[str, Any]:
        """The claim shape of SPEC section 7."""
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "subject": self.subject,
            "measure": self.measure,
            "value": self.value.to_json() if self.value else None,
            "as_of": self.as_of,
            "place": self.place,
            "hedge": self.hedge,
            "hedge_cues": list(self.hedge_cues),
            "polarity": self.polarity,
            "source": self.origin.name if self.origin else None,
            "chain": [ref.name for ref in self.chain],
        }


def json_default(value: Any) -> Any:
    """``json.dumps(default=...)`` for prov's records: dates as ISO text, sets and
    tuples as lists, pydantic/SQLModel objects as dicts, anything else as text."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "model_dump"):
        return value.model_dump()
    return str(value)
