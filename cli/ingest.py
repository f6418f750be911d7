"""`prov ingest`: files, folders, stdin and URLs into the database.

The work is done by ``provenance.ingest.ingest``, a generator of outcomes;
this module parses options, prints failures and the summary on stderr, draws
a progress bar when stderr is a terminal, and (with ``--format``) streams one
record per article to stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from cli.common import AppContext, actor, by_option, info, pass_app
from cli.output import emit, output_options


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    from provenance.errors import InvalidInput
    from provenance.ingest import parse_size

    try:
        return parse_size(value)
    except InvalidInput as exc:
        raise click.BadParameter(exc.message) from None


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from provenance.errors import InvalidInput
    from provenance.ingest import parse_published

    try:
        return parse_published(value)
    except InvalidInput as exc:
        raise click.BadParameter(exc.message) from None


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@click.option("--outlet", help="Publishing outlet (wins over what the input says).")
@click.option(
    "--published", callback=_published, metavar="DATE", help="Publication date, e.g. 2025-02-06."
)
@click.option("--url", "url_", metavar="URL", help="The article's URL.")
@click.option("--title", help="The article's title.")
@click.option(
    "--max-size",
    default="10MB",
    show_default=True,
    callback=_size,
    metavar="SIZE",
    help="Refuse inputs (or JSONL lines) larger than this: 512k, 20MB, 1G.",
)
@click.option(
    "--timeout",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds to wait for a URL.",
)
@click.option(
    "--no-extract", is_flag=True, help="Store articles only; do not extract candidate claims."
)
@by_option
@output_options("none", default="none")
@pass_app
def ingest_cmd(
    app: AppContext,
    inputs: tuple[str, ...],
    outlet: str | None,
    published: Any,
    url_: str | None,
    title: str | None,
    max_size: int,
    timeout: float,
    no_extract: bool,
    by: str | None,
    fmt: str,
) -> None:
    """Ingest articles from files, folders, standard input (-) or http(s) URLs.

    Reads .txt .md .html .htm .json and .jsonl (one article per line; JSON
    objects have "text" or "body" and optional "title", "outlet", "url",
    "published"). Folders are read recursively. Each article is cleaned of
    page debris and stored once (by SHA-256 of its cleaned body), all or
    nothing with its candidate claims (extracted unless --no-extract): a
    failure rolls back that article only. Commits come in small batches;
    every article reported is stored.
    A bad input is reported and skipped; the exit code is 1 if any failed.
    The summary goes to stderr; --format prints one record per article.

    \b
    Example:
        prov ingest fixtures/articles/
        prov ingest article.html https://example.org/news/1 --outlet "The Levant Times"
        cat story.txt | prov ingest - --published 2025-02-06 --format jsonl
    """
    from provenance.ingest import Options, Summary, expand, ingest
    from provenance.model import ArticleMeta

    engine = app.engine()  # refuses missing/old/newer databases before reading anything
    items, failures = expand(inputs)  # "-" reads sys.stdin.buffer
    options = Options(
        max_bytes=max_size,
        timeout=timeout,
        overrides=ArticleMeta(title=title, outlet=outlet, url=url_, published=published),
        extract=not no_extract,
        actor=actor(by),
        raise_errors=bool(os.environ.get("PROV_RAISE_ERRORS")),
    )
    summary = Summary()

    def report(outcome: Any) -> None:
        summary.add(outcome)
        if outcome.status == "failed":
            info(f"failed: {outcome.origin}: {outcome.reason}")
        elif outcome.status == "present":
            info(f"already present: {outcome.origin} (article {outcome.article_id})")

    def outcomes(advance: Any, tick: Any) -> Iterator[dict[str, Any]]:
        for outcome in failures:
            report(outcome)
            yield outcome.to_json()
        for outcome in ingest(engine, app.url, items, options, on_input_done=advance):
            report(outcome)
            if tick is not None:
                tick()
            yield outcome.to_json()

    def run(advance: Any, tick: Any = None) -> None:
        stream = outcomes(advance, tick)
        if fmt == "none":
            for _ in stream:
                pass
        else:
            emit(
                stream, fmt, columns=["origin", "status", "article_id", "title", "claims", "reason"]
            )

    if sys.stderr.isatty() and items:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from cli.common import consoles

        with Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            # A .jsonl input holds many articles: count them as they land.
            TextColumn("inputs, {task.fields[articles]:,} articles"),
            console=consoles.err,
            transient=True,
            redirect_stdout=False,
        ) as progress:
            task = progress.add_task("ingest", total=len(items), articles=0)
            done = [0]

            def tick() -> None:
                done[0] += 1
                progress.update(task, articles=done[0])

            run(lambda _item: progress.advance(task), tick)
    else:
        run(None)
    info(summary.line(extracted=options.extract))
    if summary.failed:
        sys.exit(1)
