"""`prov extract`: what ingest would store, printed instead of stored.

Reads inputs with the ingest helper's readers (``provenance.ingest.expand``
and ``read_input``: files, folders, stdin, .jsonl of many articles, URLs) so
that extract sees exactly the cleaned text and metadata ingest would store,
then runs ``provenance.extract.extract`` on each article. No database is
opened. Output per article is SPEC section 7's object
``{"article": {...}, "claims": [...]}``: ``json`` prints it (an array of
them when several articles were read), ``jsonl`` one per line (a benchmark
runs in one process), ``csv`` one row per claim, ``table`` a Rich table per
article. Inputs that cannot be read are reported on stderr, the others are
still extracted, and the exit code is 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import click

from cli.common import info
from cli.output import dumps, emit, output_options

TABLE_COLUMNS = ("quote", "value", "measure", "subject", "source", "hedge", "as_of", "place")
CSV_COLUMNS = (
    "article_title",
    "article_url",
    "quote",
    "start",
    "end",
    "subject",
    "measure",
    "value_text",
    "low",
    "high",
    "unit",
    "approx",
    "as_of",
    "place",
    "hedge",
    "hedge_cues",
    "polarity",
    "source",
    "chain",
    "sentence",
)


def _results(
    inputs: tuple[str, ...], tolerance: float, failures: list[str]
) -> Iterator[dict[str, Any]]:
    from provenance.extract import extract
    from provenance.ingest import Candidate, Options, expand, read_input

    items, failed = expand(list(inputs))
    for outcome in failed:
        failures.append(f"{outcome.origin}: {outcome.reason}")
    options = Options(extract=False)
    for item in items:
        for result in read_input(item, options):
            if not isinstance(result, Candidate):
                failures.append(f"{result.origin}: {result.reason}")
                continue
            drafts = extract(result.text, result.meta, tolerance=tolerance)
            yield {
                "article": result.meta.to_json(),
                "claims": [d.to_json() for d in drafts],
            }


def _progress_wanted() -> bool:
    """A counter on stderr when a person watches it and the output goes elsewhere
    (``prov extract --format jsonl corpus.jsonl > claims.jsonl``)."""
    return sys.stderr.isatty() and not sys.stdout.isatty()


def _with_progress(results: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``results`` unchanged, counting articles and claims on stderr as they pass."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from cli.common import consoles

    with Progress(
        SpinnerColumn(),
        TextColumn("extracting: {task.completed:,.0f} articles, {task.fields[claims]:,} claims"),
        TimeElapsedColumn(),
        console=consoles.err,
        transient=True,
        redirect_stdout=False,
    ) as progress:
        task = progress.add_task("extract", total=None, claims=0)
        claims = 0
        for result in results:
            claims += len(result["claims"])
            progress.update(task, advance=1, claims=claims)
            yield result


def _value_text(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    low, high = value["low"], value["high"]
    unit = value["unit"] or ""
    bounds = f"{low}" if low == high else f"[{low}, {'∞' if high is None else high}]"
    return f"{value['text']}  {bounds} {unit}".strip()


def _csv_rows(results: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One row per claim, in CSV_COLUMNS: the article's title and URL, the
    value's parts flattened, and the claim's other fields as they are."""
    for result in results:
        article = result["article"]
        for claim in result["claims"]:
            value = claim["value"] or {}
            flat = {
                "article_title": article["title"],
                "article_url": article["url"],
                "value_text": value.get("text"),
                **{k: value.get(k) for k in ("low", "high", "unit", "approx")},
            }
            yield {k: flat[k] if k in flat else claim[k] for k in CSV_COLUMNS}


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@click.option(
    "--tolerance",
    type=click.FloatRange(0, 1, max_open=True),
    default=0.10,
    show_default=True,
    help="Relative width t of approximate numbers ('about 350,000' -> ±t).",
)
@output_options(default="table")
def extract_cmd(inputs: tuple[str, ...], tolerance: float, fmt: str) -> None:
    """Show the candidate claims ingest would store, without a database.

    PATH may be a file (.txt .md .html .json .jsonl), a folder, "-" for stdin
    or a URL; a .jsonl file holds many articles. --format json prints
    {"article": {...}, "claims": [...]} (an array of these for several
    articles), jsonl one such object per line, csv one row per claim.

    \b
    Example:
        prov extract fixtures/articles/05_liwa_fatemiyoun_hasakah_recruits.txt
        prov extract --format json article.txt
        prov extract --format jsonl corpus.jsonl > claims.jsonl
    """
    failures: list[str] = []
    results = _results(inputs, tolerance, failures)
    if _progress_wanted():
        results = _with_progress(results)
    fmt = fmt.lower()
    count = 0
    if fmt == "json":
        collected = list(results)
        if len(collected) == 1:
            sys.stdout.write(dumps(collected[0], indent=2) + "\n")
        elif collected:
            sys.stdout.write(dumps(collected, indent=2) + "\n")
        count = len(collected)
    elif fmt == "jsonl":
        for result in results:
            sys.stdout.write(dumps(result) + "\n")
            count += 1
    elif fmt == "csv":
        seen: list[int] = []

        def counted() -> Iterator[dict[str, Any]]:
            for result in results:
                seen.append(1)
                yield result

        emit(_csv_rows(counted()), "csv", columns=CSV_COLUMNS)
        count = len(seen)
    else:
        for result in results:
            count += 1
            article = result["article"]
            title = article["title"] or "(untitled)"
            heading = " · ".join(x for x in (title, article["outlet"], article["published"]) if x)
            rows = [
                {
                    **claim,
                    "value": _value_text(claim["value"]),
                    "hedge": claim["hedge"]
                    + (f" ({', '.join(claim['hedge_cues'])})" if claim["hedge_cues"] else "")
                    + (" · denied" if claim["polarity"] == "denied" else ""),
                }
                for claim in result["claims"]
            ]
            if not emit(rows, "table", table_columns=TABLE_COLUMNS, title=heading):
                info(f"{heading}: no claims found")
    for failure in failures:
        info(f"Error: {failure}")
    if failures:
        sys.exit(1)
    if count == 0:
        info("No articles read.")
