"""Claims leaving prov: JSONL/CSV records, schema.org ClaimReview, W3C PROV-JSON.

Design notes
------------
* **JSONL and CSV** are exactly what ``prov claims list --format jsonl|csv``
  prints: ``export_records`` yields ``provenance.store.claim_records``
  dicts (with credibility) and the CLI renders them with the same
  ``cli.output.emit`` as the listing, so ``prov claims import`` reads an
  export back with nothing lost (the CSV header is ``RECORD_COLUMNS``, the
  importer's, even when no claim matches). Rejected and retracted claims are exported
  too: an export is a backup as much as a feed.
* Records are read in batches of ``BATCH`` claims (``claim_records`` loads a
  batch's chains and subjects in two queries), so memory is bounded by the
  batch, not the table.
* ``since`` keeps claims created or changed on or after that day (UTC), by
  ``claim.updated_at``: an incremental feed then carries new verdicts too.
* **ClaimReview** (schema.org JSON-LD, the markup fact-checkers publish):
  one ``ClaimReview`` per claim that has a verdict (status confirmed,
  rejected or retracted) or a credibility grade 1-5 (grade 6, "cannot be
  judged", is not a rating). The reviewed ``Claim`` carries ``author`` (the
  origin), ``datePublished`` (the article's publication date) and
  ``appearance`` (the article, by URL, with its outlet). ``reviewRating``
  turns the Admiralty credibility grade into schema.org's higher-is-better
  convention: ``ratingValue = 6 - grade`` on a 1-5 scale (``bestRating`` 5,
  ``worstRating`` 1) with the grade's words as ``alternateName``; a verdict
  without a grade rates 5 (confirmed) or 1 (rejected/retracted). The
  document uses the standard ``"@context": "https://schema.org"``;
  ``SCHEMA_ORG_CONTEXT`` is a minimal local copy of that context, and
  ``offline_document_loader`` serves it so the document can be expanded by a
  JSON-LD processor without network access.
* **PROV-JSON** is built with the ``prov`` library (W3C PROV-DM): articles
  and claims are entities, sources (outlets included) are agents, each
  article ``wasGeneratedBy`` an ingestion activity (started at the
  article's ingestion time, associated with prov as a software agent) and
  ``wasAttributedTo`` its outlet. A claim ``wasDerivedFrom`` its article
  and ``wasAttributedTo`` its origin. The attribution chain becomes a line
  of quotations: for each relay hop and the origin, an entity "the
  statement as carried by that source", attributed to it, and each one
  ``wasQuotedFrom`` the next one back (the claim from the first relay, the
  last relay from the origin's statement).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any

from sqlmodel import Session, col, select

from provenance.errors import InvalidInput
from provenance.importer import RECORD_COLUMNS
from provenance.store import claim_records
from schema.models import Article, Claim, Outlet, Source

BATCH = 1000
VERDICT_STATUSES = ("confirmed", "rejected", "retracted")
FORMATS = ("jsonl", "csv", "claimreview", "prov-json")

CREDIBILITY_WORDS = {
    1: "Confirmed by independent sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}
STATUS_WORDS = {
    "confirmed": "Confirmed by an editor",
    "rejected": "Rejected by an editor",
    "retracted": "Retracted",
}

SCHEMA_ORG = "https://schema.org"
# A minimal local copy of the schema.org JSON-LD context: terms resolve
# against http://schema.org/ (as in the published context) and ``url`` and
# ``sameAs`` are IRIs.
SCHEMA_ORG_CONTEXT: dict[str, Any] = {
    "@context": {
        "@vocab": "http://schema.org/",
        "schema": "http://schema.org/",
        "id": "@id",
        "type": "@type",
        "url": {"@id": "http://schema.org/url", "@type": "@id"},
        "sameAs": {"@id": "http://schema.org/sameAs", "@type": "@id"},
    }
}

PROV_NS = "urn:prov-claims:"


def parse_since(text: str | None) -> date | None:
    """``--since`` as a date (ISO 8601, "2025-02-01")."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"--since {text!r} is not a date like 2025-02-01") from None


def _credibility(session: Session, ids: list[int]) -> dict[int, int]:
    try:
        from provenance.grades import credibility_for
    except ModuleNotFoundError as exc:
        if exc.name == "provenance.grades":
            return {}
        raise
    return dict(credibility_for(session, ids)) if ids else {}


def iter_claims(session: Session, since: date | None = None) -> Iterator[list[Claim]]:
    """Claims in id order, in batches of ``BATCH``."""
    last = 0
    while True:
        query = select(Claim).where(col(Claim.id) > last)
        if since is not None:
            query = query.where(
                col(Claim.updated_at) >= datetime.combine(since, time.min, tzinfo=UTC)
            )
        batch = list(session.exec(query.order_by(col(Claim.id)).limit(BATCH)).all())
        if not batch:
            return
        yield batch
        last = batch[-1].id or last


def export_records(session: Session, since: date | None = None) -> Iterator[dict[str, Any]]:
    """The ``prov claims list --format jsonl`` records of every claim (or those changed since)."""
    for batch in iter_claims(session, since):
        ids = [c.id for c in batch if c.id is not None]
        yield from claim_records(session, batch, credibility=_credibility(session, ids))


# --------------------------------------------------------------------------
# Context shared by ClaimReview and PROV-JSON


def _articles(session: Session, ids: set[int]) -> dict[int, tuple[Article, Outlet | None]]:
    if not ids:
        return {}
    rows = session.exec(
        select(Article, Outlet)
        .join(Outlet, col(Outlet.id) == Article.outlet_id, isouter=True)
        .where(col(Article.id).in_(sorted(ids)))
    ).all()
    return {a.id: (a, o) for a, o in rows if a.id is not None}


def _sources(session: Session, names: set[str]) -> dict[str, Source]:
    if not names:
        return {}
    rows = session.exec(select(Source).where(col(Source.name).in_(sorted(names)))).all()
    return {s.name: s for s in rows}


# --------------------------------------------------------------------------
# schema.org ClaimReview


def _author(source: Source | None, name: str) -> dict[str, Any]:
    kind = source.kind if source else "organisation"
    node: dict[str, Any] = {"@type": "Person" if kind == "person" else "Organization", "name": name}
    if kind == "government":
        node["@type"] = "GovernmentOrganization"
    if kind in ("anonymous", "unnamed"):
        node["description"] = f"{kind} source"
    return node


def review_rating(status: str, grade: int | None) -> dict[str, Any] | None:
    """schema.org Rating for a claim, or None if it has neither verdict nor grade."""
    if grade is not None and 1 <= grade <= 5:
        value, words = 6 - grade, CREDIBILITY_WORDS[grade]
        if status in STATUS_WORDS:
            words = f"{words}; {STATUS_WORDS[status].lower()}"
    elif status in VERDICT_STATUSES:
        value, words = (5 if status == "confirmed" else 1), STATUS_WORDS[status]
    else:
        return None
    return {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": words,
        "ratingExplanation": (
            f"Admiralty credibility grade {grade} of 6" if grade else f"Editorial status: {status}"
        ),
    }


def claimreview_document(
    session: Session, since: date | None = None, *, reviewer: str = "prov"
) -> dict[str, Any]:
    """A JSON-LD document: ``{"@context": schema.org, "@graph": [ClaimReview, ...]}``."""
    graph: list[dict[str, Any]] = []
    for batch in iter_claims(session, since):
        ids = [c.id for c in batch if c.id is not None]
        grades = _credibility(session, ids)
        records = claim_records(session, batch, credibility=grades)
        articles = _articles(session, {r["article_id"] for r in records})
        sources = _sources(session, {r["source"] for r in records if r["source"]})
        updated = {c.id: c.updated_at for c in batch}
        for rec in records:
            rating = review_rating(rec["status"], rec["credibility"])
            if rating is None:
                continue
            article, outlet = articles[rec["article_id"]]
            claim: dict[str, Any] = {
                "@type": "Claim",
                "@id": f"{PROV_NS}claim:{rec['id']}",
                "text": rec["quote"],
                "description": rec["sentence"],
            }
            if rec["source"]:
                claim["author"] = _author(sources.get(rec["source"]), rec["source"])
            if article.published:
                claim["datePublished"] = article.published.isoformat()
            appearance: dict[str, Any] = {"@type": "NewsArticle"}
            if article.url:
                appearance["url"] = article.url
            if article.title:
                appearance["headline"] = article.title
            if article.published:
                appearance["datePublished"] = article.published.isoformat()
            if outlet is not None:
                appearance["publisher"] = {"@type": "Organization", "name": outlet.name}
            claim["appearance"] = appearance
            if rec["subject"]:
                claim["about"] = {"@type": "Thing", "name": rec["subject"]}
            stamp = updated.get(rec["id"])
            graph.append(
                {
                    "@type": "ClaimReview",
                    "@id": f"{PROV_NS}claimreview:{rec['id']}",
                    "claimReviewed": rec["quote"],
                    "itemReviewed": claim,
                    "author": {"@type": "Organization", "name": reviewer},
                    "datePublished": (stamp or datetime.now(UTC)).date().isoformat(),
                    "reviewRating": rating,
                }
            )
    return {"@context": SCHEMA_ORG, "@graph": graph}


def offline_document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves schema.org's context locally and nothing else."""
    if url.rstrip("/").replace("http://", "https://") in (
        SCHEMA_ORG,
        SCHEMA_ORG + "/docs/jsonldcontext.json",
    ):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": SCHEMA_ORG_CONTEXT,
        }
    raise InvalidInput(f"no network: refusing to load JSON-LD context {url}")


# --------------------------------------------------------------------------
# W3C PROV-JSON


def _source_type(kind: str) -> str:
    return {
        "person": "prov:Person",
        "outlet": "prov:Organization",
        "organisation": "prov:Organization",
        "government": "prov:Organization",
    }.get(kind, "prov:Agent")


def prov_document(session: Session, since: date | None = None) -> Any:
    """A ``prov.model.ProvDocument`` of the claims (and their articles and sources)."""
    from prov.model import PROV_LABEL, PROV_LOCATION, PROV_TYPE, PROV_VALUE, ProvDocument

    doc = ProvDocument()
    doc.set_default_namespace(PROV_NS)
    pc = doc.add_namespace("pc", PROV_NS)
    software = doc.agent(
        "pc:software/prov",
        {PROV_TYPE: "prov:SoftwareAgent", PROV_LABEL: "prov (claim provenance tracker)"},
    )
    seen_articles: set[int] = set()
    seen_sources: set[str] = set()

    def agent(source: Source | None, name: str) -> Any:
        ident = f"pc:source/{source.id}" if source and source.id else f"pc:source/{name}"
        if ident not in seen_sources:
            attrs: dict[Any, Any] = {
                PROV_LABEL: name,
                PROV_TYPE: _source_type(source.kind if source else "organisation"),
            }
            if source is not None:
                attrs[pc["kind"]] = source.kind
                attrs[pc["grade"]] = source.grade
            doc.agent(ident, attrs)
            seen_sources.add(ident)
        return ident

    for batch in iter_claims(session, since):
        ids = [c.id for c in batch if c.id is not None]
        records = claim_records(session, batch, credibility=_credibility(session, ids))
        articles = _articles(session, {r["article_id"] for r in records})
        names = {n for r in records for n in r["chain"]}
        names |= {o.name for _, o in articles.values() if o is not None}
        sources = _sources(session, names)
        for rec in records:
            article, outlet = articles[rec["article_id"]]
            art_id = f"pc:article/{article.id}"
            if article.id not in seen_articles:
                seen_articles.add(article.id)  # type: ignore[arg-type]
                attrs: dict[Any, Any] = {PROV_TYPE: "pc:Article", pc["sha256"]: article.sha256}
                if article.title:
                    attrs[PROV_LABEL] = article.title
                if article.url:
                    attrs[PROV_LOCATION] = article.url
                if article.published:
                    attrs[pc["published"]] = article.published.isoformat()
                doc.entity(art_id, attrs)
                ingest = doc.activity(
                    f"pc:ingest/{article.id}",
                    startTime=article.ingested_at,
                    other_attributes={
                        PROV_TYPE: "pc:Ingestion",
                        PROV_LABEL: f"ingest {article.origin or 'article'}",
                    },
                )
                doc.wasGeneratedBy(art_id, ingest, article.ingested_at)
                doc.wasAssociatedWith(ingest, software)
                if outlet is not None:
                    doc.wasAttributedTo(art_id, agent(sources.get(outlet.name), outlet.name))
            claim_id = f"pc:claim/{rec['id']}"
            value = rec["value"] or {}
            attrs = {
                PROV_TYPE: "pc:Claim",
                PROV_VALUE: rec["quote"],
                pc["sentence"]: rec["sentence"],
                pc["status"]: rec["status"],
                pc["hedge"]: rec["hedge"],
                pc["polarity"]: rec["polarity"],
                pc["start"]: rec["start"],
                pc["end"]: rec["end"],
            }
            for key in ("subject", "measure", "as_of", "place"):
                if rec[key]:
                    attrs[pc[key]] = rec[key]
            if value.get("text"):
                attrs[pc["value"]] = value["text"]
            if rec["credibility"] is not None:
                attrs[pc["credibility"]] = rec["credibility"]
            doc.entity(claim_id, attrs)
            doc.wasDerivedFrom(claim_id, art_id)
            chain = rec["chain"]
            if chain:
                doc.wasAttributedTo(claim_id, agent(sources.get(chain[-1]), chain[-1]))
            # Relays and the origin: each carries the statement it got from the next.
            previous = claim_id
            for position, name in enumerate(chain[1:], start=1):
                hop = f"pc:claim/{rec['id']}/hop/{position}"
                doc.entity(
                    hop, {PROV_TYPE: "pc:RelayedStatement", PROV_LABEL: f"as carried by {name}"}
                )
                doc.wasAttributedTo(hop, agent(sources.get(name), name))
                doc.wasQuotedFrom(previous, hop)
                previous = hop
    return doc


def prov_json(session: Session, since: date | None = None) -> tuple[str, int]:
    """The PROV-JSON text and how many claims it describes."""
    doc = prov_document(session, since)
    claims = sum(
        1
        for record in doc.get_records()
        if record.identifier is not None
        and record.identifier.uri.startswith(PROV_NS + "claim/")
        and "/hop/" not in record.identifier.uri
    )
    return doc.serialize(format="json", indent=2), claims


__all__ = [
    "FORMATS",
    "RECORD_COLUMNS",
    "SCHEMA_ORG_CONTEXT",
    "claimreview_document",
    "export_records",
    "offline_document_loader",
    "parse_since",
    "prov_document",
    "prov_json",
    "review_rating",
]
