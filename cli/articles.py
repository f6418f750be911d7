"""`prov articles list|show`: what has been ingested.

Queries live in ``provenance.articles``; this module parses options and
renders through the shared output decorator.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from cli.common import AppContext, pass_app
from cli.output import emit, emit_record, output_options

TABLE_COLUMNS = ["id", "title", "outlet", "published", "claims", "origin"]


@click.group("articles")
def articles() -> None:
    """List and show ingested articles.

    \b
    Example:
        prov articles list --outlet "The Levant Times" --since 2025-01-01
        prov articles show 3
    """


@articles.command("list")
@click.option("--outlet", help="Only articles from this outlet (name or domain).")
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after YYYY-MM-DD."
)
@click.option(
    "--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before YYYY-MM-DD."
)
@click.option("--search", metavar="TEXT", help="Only titles containing TEXT (case-insensitive).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@output_options()
@pass_app
def list_cmd(
    app: AppContext,
    outlet: str | None,
    since: datetime | None,
    until: datetime | None,
    search: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List articles, newest publication first.

    \b
    Example:
        prov articles list
        prov articles list --search fatemiyoun --format json
    """
    from provenance.articles import LIST_COLUMNS, list_articles

    with app.session() as session:
        rows = list_articles(
            session,
            outlet=outlet,
            since=since.date() if since else None,
            until=until.date() if until else None,
            search=search,
            limit=limit,
        )
        emit(
            rows,
            fmt,
            columns=LIST_COLUMNS,
            table_columns=TABLE_COLUMNS,
            empty_message="No articles.",
        )


@articles.command("show")
@click.argument("article_id", type=int, metavar="ID")
@output_options()
@pass_app
def show_cmd(app: AppContext, article_id: int, fmt: str) -> None:
    """Show one article: its metadata and its cleaned text.

    \b
    Example:
        prov articles show 1
        prov articles show 1 --format json
    """
    from provenance.articles import get_article

    with app.session() as session:
        record: dict[str, Any] = get_article(session, article_id)
    if fmt == "table":
        text = record.pop("text")
        emit_record(record, fmt, title=f"Article {article_id}")
        click.echo()
        click.echo(text)
    else:
        emit_record(record, fmt)
