"""`prov report`: the weekly corroboration report, and its Rich terminal layout.

The report itself is built by ``provenance.report.weekly_report``; markdown,
JSON and HTML renderers live there too. Only the terminal layout is here,
because provenance/ does not import rich.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from cli.common import AppContext, info, pass_app

FORMATS = ("text", "markdown", "html", "json")


def write_output(text: str, path: str | None) -> None:
    """Write to stdout, or atomically to ``path`` (a half-written report never replaces a good one)."""
    if path is None or path == "-":
        sys.stdout.write(text)
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); a report or export is a file
        # like any other: the mode of the file it replaces, else the umask's.
        if target.exists():
            os.fchmod(fd, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.command("report")
@click.option("--week", metavar="YYYY-Www", help="ISO week [default: the last complete week].")
@click.option(
    "--by",
    type=click.Choice(["published", "ingested"]),
    default="published",
    show_default=True,
    help="Place articles and claims by publication date or by when they were ingested.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="text",
    show_default=True,
    help="text (terminal), markdown (newsletter), html (one self-contained file), json.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
@click.option(
    "--chase-days",
    type=click.IntRange(min=0),
    default=None,
    help="Single-origin claims at least this old are listed to chase [default: 14].",
)
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Origins listed."
)
@click.option(
    "--refresh/--no-refresh",
    default=True,
    show_default=True,
    help="Run the conflict finder first so conflicts are current (writes findings).",
)
@pass_app
def report_cmd(
    app: AppContext,
    week: str | None,
    by: str,
    fmt: str,
    output: str | None,
    chase_days: int | None,
    top: int,
    refresh: bool,
) -> None:
    """The weekly corroboration report: what was added, confirmed, contested, and what to chase.

    Every figure is shown against the previous week. Conflicts come from the
    conflict finder, which runs first unless --no-refresh is given.

    \b
    Example:
        prov report
        prov report --week 2025-W06 --format markdown > newsletter.md
        prov report --week 2025-W06 --format html -o report.html
        prov report --by ingested --format json | jq .figures
    """
    from provenance.report import (
        DEFAULT_CHASE_DAYS,
        Week,
        refresh_findings,
        render,
        weekly_report,
    )

    if week is not None:
        week = Week.parse(week).label  # a bad week fails before anything is written
    kwargs: dict[str, Any] = {
        "chase_days": DEFAULT_CHASE_DAYS if chase_days is None else chase_days,
        "top": top,
    }
    refreshed: bool | None = None
    if refresh:
        with app.session(write=True) as session:
            refreshed = refresh_findings(session)
    with app.session() as session:
        report = weekly_report(session, week, by, refreshed=refreshed, **kwargs)
    fmt = fmt.lower()
    if fmt == "text":
        write_output(
            render_text(report, to_terminal=output is None and sys.stdout.isatty()), output
        )
    else:
        write_output(render(report, fmt), output)
    if output and output != "-":
        info(f"Wrote the {fmt} report for {report['week']} to {output}.")


def render_text(report: dict[str, Any], *, to_terminal: bool = False) -> str:
    """A Rich layout; styled only on a terminal, plain text otherwise."""
    from io import StringIO

    from rich.columns import Columns
    from rich.console import Console, Group
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from provenance.report import CREDIBILITY_LABELS, FIGURE_LABELS, signed

    buffer = StringIO()
    console = Console(
        file=buffer,
        force_terminal=to_terminal,
        no_color=not to_terminal,
        highlight=False,
        width=None if to_terminal else 100,
        emoji=False,
    )

    def delta_text(delta: int) -> Text:
        style = "green" if delta > 0 else ("red" if delta < 0 else "dim")
        return Text(signed(delta), style=style)

    console.print(
        Text.assemble(
            (f"Corroboration report, week {report['week']}", "bold"),
            f"  {report['start']} to {report['end']} by {report['by']} date, "
            f"vs {report['previous_week']}",
        )
    )
    cards = []
    for key, label in FIGURE_LABELS.items():
        f = report["figures"][key]
        body = Text.assemble((str(f["value"]), "bold"), "  ", delta_text(f["delta"]))
        cards.append(Panel(body, title=label, title_align="left", width=38))
    console.print(Columns(cards))

    def figure_table(title: str, rows: dict[str, dict[str, int]], labels: dict[str, str]) -> Table:
        table = Table(title=title, title_justify="left", header_style="bold")
        table.add_column("")
        for name in ("week", "previous", "change"):
            table.add_column(name, justify="right")
        for key, f in rows.items():
            table.add_row(
                labels.get(key, key), str(f["value"]), str(f["previous"]), delta_text(f["delta"])
            )
        return table

    console.print(
        Columns(
            [
                figure_table("Claims by status", report["claims_by_status"], {}),
                figure_table(
                    "Claims by credibility", report["claims_by_credibility"], CREDIBILITY_LABELS
                ),
                figure_table("Editorial reviews", report["reviews"], {}),
            ]
        )
    )

    def claim_lines(c: dict[str, Any]) -> Text:
        chain = " → ".join(c["chain"]) if c["chain"] else "—"
        return Text.assemble(
            (f"  #{c['id']} ", "dim"),
            (str(c.get("value") or ""), "bold"),
            f" “{c['quote']}”\n",
            (f"     {c.get('outlet') or '—'}; chain {chain}; {c['hedge']}", "dim"),
        )

    for key, title in (
        ("conflicts_opened", "Conflicts opened this week"),
        ("conflicts_still_open", "Older conflicts still open"),
    ):
        items = report[key]
        parts: list[Any] = []
        for f in items:
            parts.append(
                Text.assemble(
                    (f"{f['subject'] or '—'}, {f['measure'] or '—'}", "bold"),
                    (
                        f"  {f['kind']}, severity {f['severity']:.2f}, opened {f['opened_at']}, {f['id']}",
                        "dim",
                    ),
                )
            )
            parts.extend(claim_lines(c) for c in f["claims"])
        console.print(
            Panel(
                Group(*parts) if parts else Text("None.", style="dim"),
                title=title,
                title_align="left",
            )
        )

    parts = []
    for c in report["newly_corroborated"]:
        parts.append(
            Text(
                f"{c['subject'] or '—'}, {c['measure'] or '—'} (origin {c['origin'] or '—'}), "
                f"corroborated {c['corroborated_at']} by "
                + ", ".join(f"#{i}" for i in c["corroborated_by"]),
                style="bold",
            )
        )
        parts.append(claim_lines(c))
    console.print(
        Panel(
            Group(*parts) if parts else Text("None.", style="dim"),
            title="Newly corroborated",
            title_align="left",
        )
    )

    chase = report["to_chase"]
    parts = []
    for c in chase["items"]:
        parts.append(
            Text(
                f"{c['subject'] or '—'}, {c['measure'] or '—'}: only {c['origin'] or '—'}, "
                f"({c['summary']}), {c['age_days']} days old",
                style="bold",
            )
        )
        parts.append(claim_lines(c))
    console.print(
        Panel(
            Group(*parts) if parts else Text("None.", style="dim"),
            title=f"Single-origin claims to chase (older than {chase['min_age_days']} days)",
            title_align="left",
        )
    )

    origins = Table(title="Origins cited most", title_justify="left", header_style="bold")
    for name in ("origin", "grade", "claims", "change", "confirmed", "contradicted", "rejected"):
        origins.add_column(name, justify="left" if name == "origin" else "right")
    for o in report["top_origins"]:
        origins.add_row(
            escape(o["origin"]),
            o["grade"],
            str(o["claims"]),
            delta_text(o["delta"]),
            str(o["confirmed"]),
            str(o["contradicted"]),
            str(o["rejected"]),
        )
    console.print(
        origins if report["top_origins"] else Text("No origins cited this week.", style="dim")
    )
    for note in report["notes"]:
        console.print(Text(f"Note: {note}", style="dim"))
    return buffer.getvalue()
