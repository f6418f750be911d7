"""Reading articles back: the queries behind ``prov articles list|show``.

Kept apart from ``provenance.ingest`` so that listing articles never imports
the ingest stack (trafilatura, charset-normalizer, httpx). Filters are pushed
into SQL; the claim count per article is one grouped subquery, not a query
per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from provenance.errors import NotFound
from schema.models import Article, Claim, Outlet, Source

LIST_COLUMNS = [
    "id",
    "title",
    "outlet",
    "published",
    "url",
    "ingested_at",
    "claims",
    "origin",
    "sha256",
]


def _claim_counts() -> Any:
    return (
        select(Claim.article_id, func.count().label("n")).group_by(col(Claim.article_id)).subquery()
    )


def list_articles(
    session: Session,
    *,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Article rows (no body text), newest publication first."""
    counts = _claim_counts()
    query = (
        select(Article, Outlet.name, counts.c.n)
        .outerjoin(Outlet, col(Outlet.id) == Article.outlet_id)
        .outerjoin(counts, counts.c.article_id == Article.id)
    )
    if outlet:
        needle = outlet.strip().lower()
        query = query.where(
            or_(func.lower(Outlet.name) == needle, func.lower(Outlet.domain) == needle)
        )
    if since:
        query = query.where(col(Article.published) >= since)
    if until:
        query = query.where(col(Article.published) <= until)
    if search:
        escaped = search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(Article.title).like(f"%{escaped}%", escape="\\"))
    query = query.order_by(col(Article.published).desc().nulls_last(), col(Article.id))
    if limit:
        query = query.limit(limit)
    for article, outlet_name, n in session.exec(query):
        yield _row(article, outlet_name, n)


def _row(article: Article, outlet_name: str | None, n: int | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": outlet_name,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "ingested_at": article.ingested_at.isoformat() if article.ingested_at else None,
        "claims": n or 0,
        "origin": article.origin,
        "sha256": article.sha256,
    }


def get_article(session: Session, article_id: int) -> dict[str, Any]:
    """One article with its body, disclaimer and relay source."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    outlet = session.get(Outlet, article.outlet_id) if article.outlet_id else None
    relay = session.get(Source, article.relay_source_id) if article.relay_source_id else None
    n = session.exec(
        select(func.count()).select_from(Claim).where(Claim.article_id == article_id)
    ).one()
    record = _row(article, outlet.name if outlet else None, n)
    record["relay"] = relay.name if relay else None
    record["disclaimer"] = article.disclaimer
    record["text"] = article.text
    return record


__all__ = ["LIST_COLUMNS", "get_article", "list_articles"]
