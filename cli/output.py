"""One output decorator and renderer shared by every listing.

After sqlite-utils' ``output_options``: every listing takes
``--format table|json|jsonl|csv`` (plus ``markdown``/``html`` where a
document is the product). Data goes to stdout; messages go to stderr.

* ``json`` is one array, streamed item by item, so a million claims are
  never held in memory as one string.
* ``jsonl`` is one object per line, the shape ``prov claims import`` reads.
* ``csv`` flattens: lists and dicts inside a row are JSON-encoded, None is an
  empty cell, so a spreadsheet round trip loses nothing. Rows end in CRLF as
  RFC 4180 says; with a bare LF terminator Python's csv module would leave a
  lone carriage return inside a cell unquoted, and the file would not read back.
* ``table`` is a Rich table; Rich styles only on a terminal.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TextIO

import click

from provenance.model import json_default

FORMATS = ("table", "json", "jsonl", "csv")


def output_options(
    *extra: str, default: str = "table", only: Sequence[str] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add ``--format`` (passed to the command as ``fmt``): the listing formats
    plus ``extra``, or exactly ``only`` (``show`` commands: text or json)."""
    choices = list(only) if only is not None else [*FORMATS, *extra]

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices, case_sensitive=False),
            default=default,
            show_default=True,
            help="Output format.",
        )(func)

    return decorator


def dumps(value: Any, *, indent: int | None = None) -> str:
    return json.dumps(value, default=json_default, ensure_ascii=False, indent=indent)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        return dumps(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def emit(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str] | None = None,
    table_columns: Sequence[str] | None = None,
    title: str | None = None,
    empty_message: str | None = None,
    out: TextIO | None = None,
) -> int:
    """Render ``rows`` in ``fmt`` to stdout. Returns how many rows were written.

    ``columns`` fixes the CSV header (else the first row's keys);
    ``table_columns`` picks what fits on a terminal (else ``columns``).
    """
    out = out or sys.stdout
    count = 0
    fmt = fmt.lower()
    if fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("," if count else "") + "\n  " + dumps(row))
            count += 1
        out.write("\n]\n" if count else "]\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(dumps(row) + "\n")
            count += 1
    elif fmt == "csv":
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(
                    out,
                    fieldnames=list(columns or row.keys()),
                    extrasaction="ignore",
                    lineterminator="\r\n",
                )
                writer.writeheader()
            writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
        if writer is None and columns:
            csv.writer(out, lineterminator="\r\n").writerow(columns)
    elif fmt == "table":
        count = _emit_table(rows, table_columns or columns, title, out)
    else:  # pragma: no cover - click.Choice guards this
        raise click.UsageError(f"unknown format {fmt!r}")
    if count == 0 and empty_message and fmt == "table":
        click.echo(empty_message, err=True)
    return count


def emit_json_texts(texts: Iterable[str], fmt: str, *, out: TextIO | None = None) -> int:
    """``emit`` for rows already encoded by ``dumps`` (``json`` or ``jsonl``):
    the same bytes, without decoding and re-encoding each row."""
    out = out or sys.stdout
    count = 0
    if fmt.lower() == "json":
        out.write("[")
        for text in texts:
            out.write(("," if count else "") + "\n  " + text)
            count += 1
        out.write("\n]\n" if count else "]\n")
    else:
        for text in texts:
            out.write(text + "\n")
            count += 1
    return count


def _emit_table(
    rows: Iterable[dict[str, Any]], columns: Sequence[str] | None, title: str | None, out: TextIO
) -> int:
    from rich.console import Console
    from rich.table import Table

    table: Table | None = None
    keys: Sequence[str] = ()
    count = 0
    for row in rows:
        if table is None:
            keys = list(columns or row.keys())
            table = Table(title=title, show_lines=False, header_style="bold")
            for key in keys:
                table.add_column(key, overflow="fold")
        table.add_row(*(_table_cell(row.get(k)) for k in keys))
        count += 1
    if table is not None:
        console = Console(file=out, highlight=False, width=None if out.isatty() else 200)
        console.print(table)
    return count


def _table_cell(value: Any) -> str:
    from rich.markup import escape

    if isinstance(value, list):
        return escape(" → ".join(_cell(v) for v in value))
    return escape(_cell(value))


def emit_record(record: dict[str, Any], fmt: str, *, title: str | None = None) -> None:
    """Render one record: JSON object, one JSONL line, a one-row CSV, or key/value table."""
    fmt = fmt.lower()
    if fmt == "json":
        sys.stdout.write(dumps(record, indent=2) + "\n")
    elif fmt in ("jsonl", "csv"):
        emit([record], fmt)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_header=False, box=None, padding=(0, 2))
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for key, value in record.items():
            table.add_row(key, _table_cell(value))
        Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)
