"""prov export: the claims list shapes, the import round trip, ClaimReview and PROV-JSON.

The round trip restores an export into a second, fresh database of the same
backend that holds the same article, through ``prov claims import
--create-missing``, and exports it again: every field but the claim id must
come back. Hypothesis draws the claims (spans, subjects, intervals with
floats and open upper bounds, units, dates, hedges, cues, chains with commas,
quotes and non-Latin names, statuses), so CSV quoting, JSON-in-CSV cells and
the chain's outlet-first order are all exercised.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update
from sqlmodel import col

from provenance.db import dispose_engines, get_engine, init_database, session_scope
from provenance.model import ClaimDraft, SourceRef, Value
from provenance.store import create_claim, ensure_outlet
from schema.enums import APPROX_KINDS, CLAIM_STATUSES, HEDGE_LEVELS, POLARITIES
from schema.models import Article, Claim
from tests.conftest import Prov

# --------------------------------------------------------------------------
# One article, written for these tests, and claims drawn over it

SENTENCES = [
    "Up to 15,000 fighters joined the Liwa Fatemiyoun in 2024, the Observatory said.",
    "Officials put the figure at 3,000 men; a researcher said 8,000.",
    "Each recruit is paid about 350,000 Syrian pounds a month, local sources said.",
    "At least 12 were killed near Deir Ezzor, according to a monitor.",
    "Salaries are six times higher than an army wage.",
]
BODY = " ".join(SENTENCES)
QUOTES = [
    "Up to 15,000 fighters",
    "3,000 men",
    "8,000",
    "about 350,000 Syrian pounds",
    "At least 12",
    "six times higher",
]
OUTLET = "The Levant Ledger"
SOURCES = [
    SourceRef("Asharq Al-Awsat", "outlet"),
    SourceRef("Syrian Observatory for Human Rights", "organisation"),
    SourceRef("Iran", "government"),
    SourceRef("an Iraqi security official", "anonymous"),
    SourceRef("local sources", "unnamed"),
    SourceRef('Ahmad al-Rifa\'i, "spokesman"', "person"),
    SourceRef("وكالة أنباء فارس", "outlet"),
]


def _span(quote: str) -> tuple[int, int, str]:
    start = BODY.index(quote)
    sentence = next(s for s in SENTENCES if quote in s)
    return start, start + len(quote), sentence


def add_article(url: str, published: date = date(2025, 2, 6)) -> int:
    with session_scope(get_engine(url), write=True) as session:
        article = Article(
            title='Recruits, "salaries" & <losses>',
            url="https://example.org/levant/recruits",
            published=published,
            ingested_at=datetime(2025, 2, 7, 9, 30, tzinfo=UTC),
            text=BODY,
            sha256=uuid.uuid4().hex * 2,
        )
        ensure_outlet(session, article, OUTLET, "levantledger.example")
        session.add(article)
        session.flush()
        assert article.id is not None
        return article.id


def add_claim(
    url: str, article_id: int, quote: str, chain: list[SourceRef], status: str = "candidate", **kw
) -> int:
    from provenance.editorial import set_status

    start, end, sentence = _span(quote)
    with session_scope(get_engine(url), write=True) as session:
        article = session.get(Article, article_id)
        assert article is not None
        claim = create_claim(
            session,
            article,
            ClaimDraft(quote=quote, start=start, end=end, sentence=sentence, chain=chain, **kw),
            actor="tester",
        )
        assert claim.id is not None
        claim_id = claim.id
    if status != "candidate":
        with session_scope(get_engine(url), write=True) as session:
            set_status(session, claim_id, status, actor="tester", reason="checked by the desk")
    return claim_id


values = st.builds(
    Value,
    text=st.sampled_from(["up to 15,000", "about 350,000", "3,000", "at least 12", "six times"]),
    low=st.none() | st.integers(0, 10**6).map(float) | st.floats(0, 1e6, allow_nan=False),
    high=st.none() | st.floats(1e6, 1e12, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(["count", "SYP", "USD", "percent", "ratio", "year", None]),
    approx=st.sampled_from(APPROX_KINDS),
)
claim_specs = st.fixed_dictionaries(
    {
        "quote": st.sampled_from(QUOTES),
        "subject": st.none()
        | st.sampled_from(
            ["Liwa Fatemiyoun", "Zainabiyoun", 'Kata\'ib Nasr, "Diyala unit"', "لواء فاطميون"]
        ),
        "measure": st.none()
        | st.sampled_from(["personnel", "killed", "monthly salary", "recruits:civilians"]),
        "value": st.none() | values,
        "as_of": st.none()
        | st.sampled_from(["2025-02-06", "2025-01", "2016", "2025-01-11/2025-01-20"]),
        "place": st.none()
        | st.sampled_from(["Deir Ezzor", "Hasakah, Syria", 'the "eastern" front']),
        "hedge": st.sampled_from(HEDGE_LEVELS),
        "hedge_cues": st.lists(
            st.sampled_from(["reportedly", "according to", "said", "claimed"]),
            max_size=2,
            unique=True,
        ),
        "polarity": st.sampled_from(POLARITIES),
        "chain": st.lists(
            st.sampled_from(SOURCES), min_size=1, max_size=4, unique_by=lambda s: s.name
        ),
        "status": st.sampled_from(CLAIM_STATUSES),
    }
)


# --------------------------------------------------------------------------
# Fresh databases on demand (a Hypothesis example needs two of its own)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable]:
    """``with new_database() as url``: a database at head, dropped afterwards."""
    cluster = None
    if request.param == "postgresql":
        request.getfixturevalue("pg_url")  # skips (or fails when CI=true) like every PG test
        cluster = request.getfixturevalue("pg_cluster")
    counter = itertools.count()

    @contextmanager
    def make() -> Iterator[str]:
        n = next(counter)
        name = f"prov_export_{os.getpid()}_{n}"
        if cluster is None:
            url = f"sqlite:///{tmp_path / f'export-{n}.db'}"
        else:
            url = cluster.create_database(name)
        init_database(url)
        try:
            yield url
        finally:
            dispose_engines()
            if cluster is not None:
                cluster.drop_database(name)
            else:
                Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)

    yield make


def _records(output: str, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in output.splitlines()]
    return list(csv.DictReader(io.StringIO(output)))


def _ok(result):  # noqa: ANN001, ANN202
    assert result.exit_code == 0, result.stderr
    return result


# --------------------------------------------------------------------------
# JSONL and CSV: the listing's shapes, and the import round trip


# low <= 1e6 <= high: every drawn interval is valid (low above high once made
# the strategy, not prov, raise).
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(claim_specs, min_size=1, max_size=5), fmt=st.sampled_from(["jsonl", "csv"]))
def test_export_equals_listing_and_reimports_with_nothing_lost(
    new_database, tmp_path: Path, specs: list[dict], fmt: str
) -> None:
    with new_database() as source_url, new_database() as target_url:
        article = add_article(source_url)
        assert add_article(target_url) == article
        for spec in specs:
            add_claim(source_url, article, **spec)
        source, target = Prov(source_url), Prov(target_url)

        exported = _ok(source("export", "--format", fmt)).stdout
        listed = _ok(source("claims", "list", "--format", fmt)).stdout
        assert exported == listed
        assert len(_records(exported, fmt)) == len(specs)

        path = tmp_path / f"claims.{fmt}"
        path.write_text(exported, encoding="utf-8")
        _ok(target("claims", "import", str(path), "--create-missing"))
        restored = _ok(target("export", "--format", fmt)).stdout

        def without_ids(output: str) -> list[dict]:
            return [{k: v for k, v in r.items() if k != "id"} for r in _records(output, fmt)]

        assert without_ids(restored) == without_ids(exported)
        # And into the database it came from: every row is already there.
        _ok(source("claims", "import", str(path)))
        assert _ok(source("export", "--format", fmt)).stdout == exported


def test_jsonl_record_shape(prov, migrated_url: str) -> None:  # noqa: ANN001
    article = add_article(migrated_url)
    cid = add_claim(
        migrated_url,
        article,
        "Up to 15,000 fighters",
        [SourceRef("Syrian Observatory for Human Rights")],
        subject="Liwa Fatemiyoun",
        measure="personnel",
        value=Value("up to 15,000", 0, 15000, "count", "at_most"),
        hedge="probable",
        hedge_cues=["said"],
    )
    (record,) = _records(_ok(prov("export", "--format", "jsonl")).stdout, "jsonl")
    start, end, sentence = _span("Up to 15,000 fighters")
    assert record == {
        "id": cid,
        "article_id": article,
        "quote": "Up to 15,000 fighters",
        "start": start,
        "end": end,
        "sentence": sentence,
        "subject": "Liwa Fatemiyoun",
        "measure": "personnel",
        "value": {
            "text": "up to 15,000",
            "low": 0,
            "high": 15000,
            "unit": "count",
            "approx": "at_most",
        },
        "as_of": None,
        "place": None,
        "hedge": "probable",
        "hedge_cues": ["said"],
        "polarity": "affirmed",
        "source": "Syrian Observatory for Human Rights",
        "chain": [OUTLET, "Syrian Observatory for Human Rights"],
        "status": "candidate",
        "origin_kind": "extracted",
        "credibility": record["credibility"],
    }
    assert record["credibility"] in (1, 2, 3, 4, 5, 6)


def test_empty_export_csv_has_the_listing_header(prov) -> None:  # noqa: ANN001
    exported = _ok(prov("export", "--format", "csv")).stdout
    assert exported == _ok(prov("claims", "list", "--format", "csv")).stdout
    assert exported.startswith("id,article_id,quote,")
    assert _ok(prov("export", "--format", "jsonl")).stdout == ""


# --------------------------------------------------------------------------
# --since, -o, errors


def test_since_keeps_claims_changed_on_or_after_the_day(prov, migrated_url: str) -> None:  # noqa: ANN001
    article = add_article(migrated_url)
    chain = [SourceRef("Iran", "government")]
    old = add_claim(migrated_url, article, "3,000 men", chain)
    new = add_claim(migrated_url, article, "8,000", chain)
    with get_engine(migrated_url).begin() as conn:  # typed, so each backend stores its way
        for cid, stamp in (
            (old, datetime(2025, 1, 31, 23, 59, 59, tzinfo=UTC)),
            (new, datetime(2025, 2, 1, 0, 0, tzinfo=UTC)),
        ):
            conn.execute(update(Claim).where(col(Claim.id) == cid).values(updated_at=stamp))
    for fmt in ("jsonl", "csv"):
        ids = [
            int(r["id"])
            for r in _records(
                _ok(prov("export", "--format", fmt, "--since", "2025-02-01")).stdout, fmt
            )
        ]
        assert ids == [new]
        ids = [
            int(r["id"])
            for r in _records(
                _ok(prov("export", "--format", fmt, "--since", "2025-01-31")).stdout, fmt
            )
        ]
        assert ids == [old, new]
    review = json.loads(
        _ok(prov("export", "--format", "claimreview", "--since", "2030-01-01")).stdout
    )
    assert review["@graph"] == []
    later = _ok(prov("export", "--format", "prov-json", "--since", "2030-01-01")).stdout
    assert "claim/" not in later


def test_output_file_is_written_atomically(prov, migrated_url: str, tmp_path: Path) -> None:  # noqa: ANN001
    article = add_article(migrated_url)
    add_claim(migrated_url, article, "8,000", [SourceRef("Iran", "government")], status="confirmed")
    stdout = {
        fmt: _ok(prov("export", "--format", fmt)).stdout
        for fmt in ("jsonl", "csv", "claimreview", "prov-json")
    }
    out = tmp_path / "exports"
    out.mkdir()
    for fmt, expected in stdout.items():
        target = out / f"claims.{fmt}"
        target.write_text("previous export\n", encoding="utf-8")
        result = _ok(prov("export", "--format", fmt, "-o", str(target)))
        assert result.stdout == ""
        assert "to " + str(target) in result.stderr
        content = target.read_text(encoding="utf-8")
        if fmt in ("claimreview", "prov-json"):
            assert json.loads(content) == json.loads(expected)
        else:
            assert content == expected
    # Nothing half-written or left behind: only the four files.
    assert sorted(p.name for p in out.iterdir()) == sorted(f"claims.{f}" for f in stdout)
    # A failing export leaves the existing file as it was.
    target = out / "claims.jsonl"
    before = target.read_bytes()
    result = prov("export", "--format", "jsonl", "--since", "yesterday-ish", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_bytes() == before
    # A new folder is created for the file.
    nested = tmp_path / "new" / "dir" / "claims.csv"
    _ok(prov("export", "--format", "csv", "-o", str(nested)))
    assert nested.read_text(encoding="utf-8") == stdout["csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "jsonl", "--since", "2025-13-01"], "Invalid value for '--since'"),
        (["--format", "jsonl", "--since", "last week"], "Invalid value for '--since'"),
        (["--format", "xml"], "Invalid value for '--format'"),
        ([], "Missing option '--format'"),
    ],
)
def test_usage_errors_exit_2(prov, args: list[str], message: str) -> None:  # noqa: ANN001
    result = prov("export", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------
# schema.org ClaimReview, expanded by a JSON-LD processor (no network)

S = "http://schema.org/"


def _one(node: dict, term: str):  # noqa: ANN202
    (value,) = node[S + term]
    return value.get("@value", value.get("@id", value)) if isinstance(value, dict) else value


def test_claimreview_expands_to_schema_org_terms(prov, migrated_url: str) -> None:  # noqa: ANN001
    from pyld import jsonld

    from provenance.export import offline_document_loader
    from provenance.grades import credibility_for

    article = add_article(migrated_url)
    sohr, iran, official = SOURCES[1], SOURCES[2], SOURCES[3]
    ids = {
        "confirmed": add_claim(
            migrated_url, article, "Up to 15,000 fighters", [SOURCES[0], sohr], "confirmed",
            subject="Liwa Fatemiyoun", measure="personnel",
            value=Value("up to 15,000", 0, 15000, "count", "at_most"),
        ),
        "rejected": add_claim(
            migrated_url, article, "3,000 men", [iran], "rejected",
            subject="Liwa Fatemiyoun", measure="personnel", value=Value("3,000", 3000, 3000),
        ),
        "candidate": add_claim(
            migrated_url, article, "8,000", [official],
            subject="Liwa Fatemiyoun", measure="personnel", value=Value("8,000", 8000, 8000),
        ),
    }  # fmt: skip
    with session_scope(get_engine(migrated_url)) as session:
        grades = credibility_for(session, list(ids.values()))
    expected: dict[int, int] = {}
    for status, cid in ids.items():
        grade = grades.get(cid)
        if grade is not None and 1 <= grade <= 5:
            expected[cid] = 6 - grade
        elif status != "candidate":
            expected[cid] = 5 if status == "confirmed" else 1
    authors = {
        ids["confirmed"]: (sohr.name, "Organization"),
        ids["rejected"]: (iran.name, "GovernmentOrganization"),
        ids["candidate"]: (official.name, "Organization"),
    }

    document = json.loads(_ok(prov("export", "--format", "claimreview")).stdout)
    assert document["@context"] == "https://schema.org"
    expanded = jsonld.expand(document, {"documentLoader": offline_document_loader})
    reviews = {}
    for node in expanded:
        assert node["@type"] == [S + "ClaimReview"]
        (claim,) = node[S + "itemReviewed"]
        reviews[int(claim["@id"].rsplit(":", 1)[1])] = (node, claim)
    assert set(reviews) == set(expected)
    assert ids["confirmed"] in reviews and ids["rejected"] in reviews
    for cid, (node, claim) in reviews.items():
        assert claim["@type"] == [S + "Claim"]
        assert _one(node, "claimReviewed") == _one(claim, "text")
        (author,) = claim[S + "author"]
        assert (_one(author, "name"), author["@type"]) == (
            authors[cid][0],
            [S + authors[cid][1]],
        )
        assert _one(claim, "datePublished") == "2025-02-06"
        (appearance,) = claim[S + "appearance"]
        assert appearance["@type"] == [S + "NewsArticle"]
        assert _one(appearance, "url") == "https://example.org/levant/recruits"
        assert _one(appearance[S + "publisher"][0], "name") == OUTLET
        (rating,) = node[S + "reviewRating"]
        assert rating["@type"] == [S + "Rating"]
        assert _one(rating, "ratingValue") == expected[cid]
        assert (_one(rating, "bestRating"), _one(rating, "worstRating")) == (5, 1)
        assert _one(node[S + "author"][0], "name") == "prov"

    # The loader serves schema.org only: nothing else is fetched.
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(
            {"@context": "https://example.org/context.jsonld", "name": "x"},
            {"documentLoader": offline_document_loader},
        )


def test_claimreview_reviewer_option(prov, migrated_url: str) -> None:  # noqa: ANN001
    article = add_article(migrated_url)
    add_claim(migrated_url, article, "8,000", [SOURCES[2]], "confirmed")
    document = json.loads(
        _ok(prov("export", "--format", "claimreview", "--reviewer", "The Desk")).stdout
    )
    assert [r["author"]["name"] for r in document["@graph"]] == ["The Desk"]


# --------------------------------------------------------------------------
# W3C PROV-JSON, read back with the prov library


def test_prov_json_reads_back_with_the_chain_as_quotations(prov, migrated_url: str) -> None:  # noqa: ANN001
    from prov.model import (
        PROV_ATTR_ACTIVITY,
        PROV_ATTR_AGENT,
        PROV_ATTR_ENTITY,
        PROV_ATTR_GENERATED_ENTITY,
        PROV_ATTR_STARTTIME,
        PROV_ATTR_USED_ENTITY,
        PROV_LABEL,
        PROV_TYPE,
        ProvActivity,
        ProvAgent,
        ProvAssociation,
        ProvAttribution,
        ProvDerivation,
        ProvDocument,
        ProvEntity,
        ProvGeneration,
    )

    article = add_article(migrated_url)
    relay1, relay2, origin = SOURCES[0], SOURCES[6], SOURCES[1]  # three hops past the outlet
    cid = add_claim(
        migrated_url, article, "Up to 15,000 fighters", [relay1, relay2, origin], "confirmed",
        subject="Liwa Fatemiyoun", measure="personnel",
    )  # fmt: skip
    content = _ok(prov("export", "--format", "prov-json")).stdout
    doc = ProvDocument.deserialize(content=content, format="json")
    ns = "urn:prov-claims:"

    def uri(q) -> str:  # noqa: ANN001
        return q.uri.removeprefix(ns)

    def label(record) -> str:  # noqa: ANN001
        (value,) = record.get_attribute(PROV_LABEL)
        return str(value)

    def formal(record) -> dict:  # noqa: ANN001
        return {k: v for k, v in record.formal_attributes if v is not None}

    entities = {uri(e.identifier): e for e in doc.get_records(ProvEntity)}
    claim, art = f"claim/{cid}", f"article/{article}"
    hops = [f"claim/{cid}/hop/{n}" for n in (1, 2, 3)]
    assert set(entities) == {art, claim, *hops}
    assert {str(t) for t in entities[claim].get_attribute(PROV_TYPE)} == {"pc:Claim"}
    assert label(entities[art]) == 'Recruits, "salaries" & <losses>'

    agents = {uri(a.identifier): label(a) for a in doc.get_records(ProvAgent)}
    by_name = {name: ident for ident, name in agents.items()}
    assert set(by_name) >= {OUTLET, relay1.name, relay2.name, origin.name}

    attributed = {
        (uri(formal(r)[PROV_ATTR_ENTITY]), agents[uri(formal(r)[PROV_ATTR_AGENT])])
        for r in doc.get_records(ProvAttribution)
    }
    assert attributed == {
        (art, OUTLET),
        (claim, origin.name),
        (hops[0], relay1.name),
        (hops[1], relay2.name),
        (hops[2], origin.name),
    }

    derived, quoted = set(), []
    for r in doc.get_records(ProvDerivation):
        pair = (uri(formal(r)[PROV_ATTR_GENERATED_ENTITY]), uri(formal(r)[PROV_ATTR_USED_ENTITY]))
        types = {str(t) for t in r.get_attribute(PROV_TYPE)}
        if "prov:Quotation" in types:
            quoted.append(pair)
        else:
            derived.add(pair)
    assert derived == {(claim, art)}
    assert sorted(quoted) == sorted([(claim, hops[0]), (hops[0], hops[1]), (hops[1], hops[2])])

    (activity,) = doc.get_records(ProvActivity)
    assert formal(activity)[PROV_ATTR_STARTTIME] == datetime(2025, 2, 7, 9, 30, tzinfo=UTC)
    (generation,) = doc.get_records(ProvGeneration)
    assert uri(formal(generation)[PROV_ATTR_ENTITY]) == art
    assert formal(generation)[PROV_ATTR_ACTIVITY] == activity.identifier
    (association,) = doc.get_records(ProvAssociation)
    assert agents[uri(formal(association)[PROV_ATTR_AGENT])] == "prov (claim provenance tracker)"


def test_output_file_gets_an_ordinary_mode(prov, tmp_path: Path) -> None:  # noqa: ANN001
    """Written atomically through a private temporary file, the export still ends up
    readable as the umask allows (or keeps the mode of the file it replaces)."""
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.jsonl"
        _ok(prov("export", "--format", "jsonl", "-o", str(fresh)))
        assert fresh.stat().st_mode & 0o777 == 0o644
        shared = tmp_path / "shared.csv"
        shared.write_text("old\n", encoding="utf-8")
        shared.chmod(0o664)
        _ok(prov("export", "--format", "csv", "-o", str(shared)))
        assert shared.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)
