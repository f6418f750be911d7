"""`prov export`: claims for other tools (JSONL, CSV, ClaimReview, PROV-JSON)."""

from __future__ import annotations

import io
import sys
from datetime import date

import click

from cli.common import AppContext, info, pass_app
from cli.report import write_output


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A bad --since is a usage error (exit 2), like an unknown --format."""
    from provenance.errors import InvalidInput
    from provenance.export import parse_since

    try:
        return parse_since(value)
    except InvalidInput:
        raise click.BadParameter(f"{value!r} is not a date like 2025-02-01") from None


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "claimreview", "prov-json"], case_sensitive=False),
    required=True,
    help="jsonl/csv: the `prov claims list` shapes (re-importable); claimreview: "
    "schema.org JSON-LD; prov-json: W3C PROV.",
)
@click.option(
    "--since",
    metavar="DATE",
    callback=_since,
    help="Only claims created or changed on or after DATE (UTC).",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
@click.option(
    "--reviewer",
    default="prov",
    show_default=True,
    help="ClaimReview author: the organisation publishing the reviews.",
)
@pass_app
def export_cmd(
    app: AppContext, fmt: str, since: date | None, output: str | None, reviewer: str
) -> None:
    """Export claims: re-importable JSONL/CSV, ClaimReview JSON-LD, or W3C PROV-JSON.

    JSONL and CSV are exactly what `prov claims list` prints, so
    `prov claims import` reads them back with nothing lost.

    \b
    Example:
        prov export --format jsonl -o claims.jsonl
        prov export --format csv --since 2025-02-01 > recent.csv
        prov export --format claimreview -o claimreview.jsonld
        prov export --format prov-json -o provenance.json
    """
    from cli.output import dumps, emit
    from provenance.export import RECORD_COLUMNS, claimreview_document, export_records, prov_json

    day = since
    fmt = fmt.lower()
    with app.session() as session:
        if fmt in ("jsonl", "csv"):
            if output is None or output == "-":
                count = emit(export_records(session, day), fmt, columns=RECORD_COLUMNS)
            else:
                buffer = io.StringIO()
                count = emit(export_records(session, day), fmt, columns=RECORD_COLUMNS, out=buffer)
                write_output(buffer.getvalue(), output)
        elif fmt == "claimreview":
            document = claimreview_document(session, day, reviewer=reviewer)
            count = len(document["@graph"])
            write_output(dumps(document, indent=2) + "\n", output)
        else:
            text, count = prov_json(session, day)
            write_output(text + "\n", output)
    where = output if output and output != "-" else "stdout"
    if output or not sys.stdout.isatty():
        info(
            f"Exported {count} {'claim review' if fmt == 'claimreview' else 'claim'}(s) as {fmt} to {where}."
        )
