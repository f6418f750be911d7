"""Validate the fixture corpus itself (fixtures/articles, fixtures/expected).

The extractor, the conflict finder and the demo are all scored against these
files, so a typo here costs more than a typo anywhere else. These tests check
the fixtures, not the code: every expected quote occurs verbatim (exactly
once) in the article's body as ingest sees it, intervals follow SPEC
section 4, enumerated fields use schema.enums, chains run from the article's
outlet to the origin, and conflicts.json only refers to claims that exist.

Body text: quotes are checked against the body exactly as ingest stores it
(``provenance.cleaning``: header block split off, page debris dropped, HTML
through trafilatura), so a quote split by markup, swallowed as debris or
altered by normalisation is caught here. Not-claims (phone numbers, page
furniture, URLs) may be cleaned away by ingest, so they are checked against
the raw file instead (header block removed, HTML entities decoded).
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest

from schema.enums import APPROX_KINDS, HEDGE_LEVELS, POLARITIES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ARTICLES = FIXTURES / "articles"
EXPECTED = FIXTURES / "expected"
NAME = re.compile(r"^\d\d_[a-z0-9_]+\.(txt|html)$")
ISO_PART = r"\d{4}(-\d{2}(-\d{2})?)?"
AS_OF = re.compile(rf"^{ISO_PART}(/{ISO_PART})?$")
HEADER_KEYS = ("Title:", "Outlet:", "URL:", "Published:")
T = 0.10
VAGUE = {(24, 99), (200, 999), (2000, 9999), (20000, 99999)}
CLAIM_KEYS = {"quote", "low", "high", "unit", "approx", "measure", "subject", "hedge"}
CLAIM_KEYS |= {"polarity", "origin", "chain"}
OPTIONAL_KEYS = {"as_of", "place"}


def article_paths() -> list[Path]:
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html"))


def clean_body(path: Path) -> str:
    """The article text as ingest stores it."""
    from provenance.cleaning import article_from_text, clean_html

    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return clean_html(raw).text
    return article_from_text(raw)[0]


def raw_body(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return html.unescape(raw)
    lines = raw.split("\n")
    if lines and lines[0].startswith("Title:"):
        end = lines.index("")
        assert all(line.startswith(HEADER_KEYS) for line in lines[:end]), path.name
        return "\n".join(lines[end + 1 :])
    return raw


def expected_of(path: Path) -> dict:
    return json.loads((EXPECTED / f"{path.stem}.json").read_text(encoding="utf-8"))


PATHS = article_paths()
IDS = [p.stem for p in PATHS]


def test_corpus_size_and_names():
    assert len(PATHS) >= 22
    for path in PATHS:
        assert NAME.match(path.name), path.name
    numbers = [p.name[:2] for p in PATHS]
    assert len(numbers) == len(set(numbers)), "two articles share a number"
    assert any(p.suffix == ".html" for p in PATHS)
    assert any(not p.read_text(encoding="utf-8").startswith("Title:") for p in PATHS)


def test_every_article_has_expected_and_no_orphans():
    stems = {p.stem for p in PATHS}
    expected = {p.stem for p in EXPECTED.glob("*.json")} - {"conflicts"}
    assert stems == expected


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_article_metadata(path: Path):
    meta = expected_of(path)["article"]
    assert set(meta) == {"title", "outlet", "url", "published"}
    assert meta["title"] and meta["outlet"]
    date.fromisoformat(meta["published"])
    raw = path.read_text(encoding="utf-8")
    if raw.startswith("Title:"):
        header = dict(line.split(": ", 1) for line in raw.split("\n\n", 1)[0].split("\n"))
        assert header["Title"] == meta["title"]
        assert header["Outlet"] == meta["outlet"]
        assert header["URL"] == meta["url"]
        assert header["Published"] == meta["published"]
    else:
        # No header: the title and outlet must be findable in the text itself.
        assert meta["title"] in raw
        assert meta["outlet"] in raw


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_expected_claims(path: Path):
    expected = expected_of(path)
    body = clean_body(path)
    outlet = expected["article"]["outlet"]
    assert expected["claims"], "every article carries at least one claim"
    for claim in expected["claims"]:
        quote = claim["quote"]
        assert set(claim) - OPTIONAL_KEYS == CLAIM_KEYS, quote
        assert body.count(quote) == 1, f"{quote!r} must occur exactly once"
        assert claim["hedge"] in HEDGE_LEVELS
        assert claim["polarity"] in POLARITIES
        assert claim["approx"] in APPROX_KINDS
        unit = claim["unit"]
        assert unit in {"count", "percent", "ratio", "year", "date"} or re.fullmatch(
            "[A-Z]{3}", unit
        ), unit
        assert claim["measure"] == claim["measure"].lower() and claim["measure"].strip()
        assert claim["subject"] and not claim["subject"].lower().startswith("the ")
        assert claim["chain"][0] == outlet
        assert claim["chain"][-1] == claim["origin"]
        assert len(claim["chain"]) == len(set(claim["chain"]))
        if "as_of" in claim:
            assert AS_OF.match(claim["as_of"]), claim["as_of"]
        check_interval(claim)


def check_interval(claim: dict) -> None:
    low, high, approx = claim["low"], claim["high"], claim["approx"]
    assert low is not None
    assert high is None or low <= high
    if approx == "exact":
        assert low == high
    elif approx == "at_least":
        assert high is None
    elif approx == "at_most":
        assert low == 0 and high is not None
    elif approx == "about":
        value = low / (1 - T)
        assert high == pytest.approx(value * (1 + T)), claim["quote"]
    elif approx == "vague":
        assert (low, high) in VAGUE
    elif approx == "range":
        assert high is not None and low < high


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_not_claims_are_in_text_and_outside_quotes(path: Path):
    expected = expected_of(path)
    body = raw_body(path)
    for item in expected["not_claims"]:
        assert item in body, item
        assert re.search(r"\d", item), f"{item!r}: a not-claim must hold a number"
        for claim in expected["claims"]:
            assert item not in claim["quote"]


def _claim_index() -> dict[tuple[str, str], dict]:
    index = {}
    for path in PATHS:
        for claim in expected_of(path)["claims"]:
            index[(path.stem, claim["quote"])] = claim
    return index


def _refs(node):
    """Every {"article", "quote"} reference anywhere in conflicts.json."""
    if isinstance(node, dict):
        if set(node) >= {"article", "quote"}:
            yield node
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_conflicts_file_refers_to_existing_claims():
    data = json.loads((EXPECTED / "conflicts.json").read_text(encoding="utf-8"))
    index = _claim_index()
    refs = list(_refs(data))
    assert refs
    for ref in refs:
        assert (ref["article"], ref["quote"]) in index, ref
    kinds = {item["kind"] for item in data["conflicts"]}
    assert kinds == {"interval", "denial", "date", "internal", "arithmetic"}


def test_conflict_sides_really_disagree_and_non_conflicts_really_overlap():
    """Interval conflicts have disjoint sides; non-conflicts marked overlap do overlap."""
    data = json.loads((EXPECTED / "conflicts.json").read_text(encoding="utf-8"))
    index = _claim_index()

    def interval(ref):
        claim = index[(ref["article"], ref["quote"])]
        return claim["low"], float("inf") if claim["high"] is None else claim["high"]

    def overlap(a, b):
        return a[0] <= b[1] and b[0] <= a[1]

    for item in data["conflicts"]:
        if item["kind"] not in ("interval", "date", "internal"):
            continue
        first, second = item["positions"][0], item["positions"][1]
        for a in first:
            for b in second:
                assert not overlap(interval(a), interval(b)), (item["id"], a, b)
        for side in item["positions"]:
            for a in side:
                for b in side:
                    assert overlap(interval(a), interval(b)), (item["id"], a, b)
    for item in data["not_conflicts"]:
        group = {(ref["article"], ref["quote"]) for ref in item["claims"]}
        for conflict in data["conflicts"]:
            if conflict["kind"] == "arithmetic":
                continue
            holders = [
                side
                for side in conflict["positions"]
                if group & {(ref["article"], ref["quote"]) for ref in side}
            ]
            assert len(holders) <= 1, (item["id"], "rivals in", conflict["id"])
        if item["reason"] == "overlapping":
            for a in item["claims"]:
                for b in item["claims"]:
                    assert overlap(interval(a), interval(b)), (item["id"], a, b)
    for item in data["corroborated"]:
        claim = index[(item["claim"]["article"], item["claim"]["quote"])]
        for ref in item["by"]:
            other = index[(ref["article"], ref["quote"])]
            assert overlap(interval(item["claim"]), interval(ref))
            assert other["origin"] != claim["origin"]
            assert claim["origin"] not in other["chain"]
            assert other["origin"] not in claim["chain"]
    for item in data["single_origin"]:
        claims = [index[(r["article"], r["quote"])] for r in item["claims"]]
        assert {c["origin"] for c in claims} == {item["origin"]}
        assert len({c["chain"][0] for c in claims}) == item["outlets"]
