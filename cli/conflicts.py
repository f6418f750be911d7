"""`prov conflicts [list|show|resolve]` and `prov uncorroborated`."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from cli.common import AppContext, actor, by_option, pass_app
from cli.output import dumps, emit, emit_json_texts, emit_record, output_options

LIST_COLUMNS = [
    "id",
    "kind",
    "severity",
    "status",
    "subject",
    "measure",
    "place",
    "positions",
    "claims",
]


def _filters(func: Any) -> Any:
    func = click.option(
        "--include-resolved",
        is_flag=True,
        help="Also list conflicts with a verdict that still applies.",
    )(func)
    func = click.option(
        "--min-severity",
        type=float,
        default=None,
        help="Only conflicts at least this severe (0-1) [default: setting min_severity].",
    )(func)
    func = click.option(
        "--since",
        metavar="DATE",
        help="Only conflicts involving an article published on or after DATE.",
    )(func)
    func = click.option(
        "--measure", metavar="MEASURE", help="Only this measure (normalised: fighters = personnel)."
    )(func)
    func = click.option(
        "--subject", metavar="NAME", help="Only this subject (any alias or spelling)."
    )(func)
    func = click.option(
        "--fail-on-conflict", is_flag=True, help="Exit 3 when any unresolved conflict is listed."
    )(func)
    return func


def _row(f: dict[str, Any]) -> dict[str, Any]:
    q = f["question"]
    positions = []
    for pos in f["positions"]:
        values = sorted({c["value"]["text"] for c in pos["claims"] if c.get("value")}) or [
            c["polarity"] for c in pos["claims"][:1]
        ]
        origins = sorted({c["source"] or "?" for c in pos["claims"]})
        positions.append(f"{' / '.join(values)} ({', '.join(origins)})")
    return {
        "id": f["id"],
        "kind": f["kind"],
        "severity": f["severity"],
        "status": f["status"],
        "subject": q.get("subject"),
        "measure": q.get("measure"),
        "place": q.get("place"),
        "positions": " vs ".join(positions),
        "claims": len(f["claim_ids"]),
    }


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A bar of the questions checked, on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from cli.common import consoles

    with Progress(
        TextColumn("checking questions"),
        BarColumn(),
        MofNCompleteColumn(),
        console=consoles.err,
        transient=True,
        redirect_stdout=False,
    ) as bar:
        task = bar.add_task("conflicts", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _list(
    app: AppContext,
    fmt: str,
    subject: str | None,
    measure: str | None,
    since: str | None,
    min_severity: float | None,
    include_resolved: bool,
    fail_on_conflict: bool,
) -> None:
    from provenance.conflicts import list_conflicts

    with app.session(write=True) as session, _progress() as progress:
        findings = list_conflicts(
            session,
            subject=subject,
            measure=measure,
            since=since,
            min_severity=min_severity,
            include_resolved=include_resolved,
            progress=progress,
            read_ahead=True,  # this transaction changes no claim
            parallel=None,  # a helper process when the run is large enough
        )
    # The records wait in a temporary file, already JSON: json/jsonl copy
    # them out one by one; other formats decode one at a time.
    if fmt in ("json", "jsonl"):
        emit_json_texts(findings.texts(), fmt)
    else:
        emit(
            (_row(f) for f in findings),
            fmt,
            columns=LIST_COLUMNS,
            title="Conflicts",
            empty_message="No unresolved conflicts.",
        )
    findings.close()
    if fail_on_conflict and findings.open_count:
        sys.exit(3)


@click.group("conflicts", invoke_without_command=True)
@_filters
@output_options()
@click.pass_context
def conflicts(
    ctx: click.Context,
    fmt: str,
    subject: str | None,
    measure: str | None,
    since: str | None,
    min_severity: float | None,
    include_resolved: bool,
    fail_on_conflict: bool,
) -> None:
    """Claims that disagree, question by question (bare command lists them).

    Each conflict shows its positions (groups of mutually compatible claims)
    with their quotes, outlets, chains, hedges and credibility, and a
    severity (the relative gap between positions), most severe first.

    \b
    Example:
        prov conflicts
        prov conflicts --subject Fatemiyoun --format json
        prov conflicts --fail-on-conflict || echo "unresolved conflicts"
    """
    if ctx.invoked_subcommand is None:
        app = ctx.find_object(AppContext)
        if app is None:  # the root group always sets it; a bare import of this group does not
            raise click.UsageError("run this as `prov conflicts`")
        _list(
            app,
            fmt,
            subject,
            measure,
            since,
            min_severity,
            include_resolved,
            fail_on_conflict,
        )


@conflicts.command("list")
@_filters
@output_options()
@pass_app
def list_cmd(
    app: AppContext,
    fmt: str,
    subject: str | None,
    measure: str | None,
    since: str | None,
    min_severity: float | None,
    include_resolved: bool,
    fail_on_conflict: bool,
) -> None:
    """List conflicts (the same as bare `prov conflicts`).

    \b
    Example:
        prov conflicts list --measure fighters --min-severity 0.5
    """
    _list(app, fmt, subject, measure, since, min_severity, include_resolved, fail_on_conflict)


@conflicts.command("show")
@click.argument("finding_id", metavar="ID")
@output_options()
@pass_app
def show_cmd(app: AppContext, finding_id: str, fmt: str) -> None:
    """Explain one conflict: why its claims are on one question, why they conflict.

    \b
    Example:
        prov conflicts show 3f2a9c1d0b7e4a55
    """
    from provenance.conflicts import show_conflict

    with app.session(write=True) as session:
        record = show_conflict(session, finding_id)
    if fmt == "json":
        emit_record(record, fmt)
        return
    if fmt in ("jsonl", "csv"):
        emit([record], fmt)
        return
    _print_show(record)


def _print_show(record: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    q = record.get("question", {})
    console.print(
        f"[bold]Conflict {record['id']}[/bold]  {record['kind']}  severity {record['severity']}  ({record['status']})"
    )
    if record.get("verdict"):
        v = record["verdict"]
        state = "applies" if v["applies"] else "stale: claims changed since"
        console.print(
            f"Verdict: {v['reason']} by {v['by']} ({state}) {escape(v.get('note') or '')}"
        )
    console.print(
        f"Question: {escape(str(q.get('subject')))} / {q.get('measure')} / {q.get('unit')} / "
        f"place {q.get('place') or 'any'} / window {((q.get('window') or {}).get('start'))} .. {((q.get('window') or {}).get('end'))}"
    )
    exp = record.get("explanation", {})
    same = exp.get("same_question", {})
    if same:
        console.print("[bold]Why one question[/bold]")
        for s in same["subject"]:
            merged = " (merged entity)" if s["via_merge"] else ""
            console.print(
                f"  subject {escape(repr(s['as_written']))} -> {escape(s['entity'])}{merged}"
            )
        for m in same["measure"]:
            console.print(f"  measure {escape(repr(m['as_written']))} -> {escape(m['normalised'])}")
        console.print(f"  unit class {same['unit_class']}; places {', '.join(same['place'])}")
        for w in same["windows"]:
            console.print(
                f"  claim #{w['claim_id']} window {w['start']} .. {w['end']} (from {w['from']})"
            )
    console.print(f"[bold]Why they conflict[/bold]: {exp.get('rule', exp.get('note', ''))}")
    for why in exp.get("conflict", []):
        console.print("  " + escape(dumps(why)))
    for i, pos in enumerate(record.get("positions", []), 1):
        console.print(f"[bold]Position {i}[/bold] interval {pos['interval']}")
        for c in pos["claims"]:
            unreviewed = " [unreviewed]" if c.get("unreviewed") else ""
            art = c.get("article") or {}
            console.print(
                f'  #{c["id"]} "{escape(c["quote"])}" — {escape(" → ".join(c["chain"]))}; '
                f"hedge {c['hedge']}; credibility {c.get('credibility')}{unreviewed}; "
                f"article {art.get('id')} {escape(str(art.get('title') or ''))} ({art.get('published')})"
            )


@conflicts.command("resolve")
@click.argument("finding_id", metavar="ID")
@click.option(
    "--reason",
    required=True,
    type=click.Choice(["different-scope", "article-error", "figure-updated", "other"]),
    help="Why the claims are not really in conflict.",
)
@click.option("--note", help="Free text kept with the verdict.")
@by_option
@pass_app
def resolve_cmd(
    app: AppContext, finding_id: str, reason: str, note: str | None, by: str | None
) -> None:
    """Record a verdict on a conflict (reopens by itself if its claims change).

    \b
    Example:
        prov conflicts resolve 3f2a9c1d0b7e4a55 --reason different-scope --note "2016 vs 2025"
    """
    from cli.common import info
    from provenance.conflicts import resolve

    with app.session(write=True) as session:
        record = resolve(session, finding_id, reason, note, actor(by))
    info(f"Conflict {record['id']} resolved: {reason}.")


@click.command("uncorroborated")
@click.option("--subject", metavar="NAME", help="Only this subject (any alias or spelling).")
@click.option(
    "--min-age",
    "min_age",
    type=click.IntRange(min=0),
    default=None,
    metavar="DAYS",
    help="Only claims first published at least DAYS ago [default: setting uncorroborated_min_age_days].",
)
@output_options()
@pass_app
def uncorroborated_cmd(app: AppContext, subject: str | None, min_age: int | None, fmt: str) -> None:
    """Claims resting on a single origin, however many outlets repeated them.

    One row per origin and question: "4 outlets, 1 origin" means four
    outlets carried the figure and all of it traces back to one source.

    \b
    Example:
        prov uncorroborated
        prov uncorroborated --subject Fatemiyoun --min-age 0 --format json
    """
    from provenance.corroboration import uncorroborated

    with app.session() as session:
        rows = uncorroborated(session, subject=subject, min_age_days=min_age)
    emit(
        rows,
        fmt,
        columns=[
            "id",
            "claim_ids",
            "subject",
            "measure",
            "value_text",
            "unit",
            "origin",
            "outlets",
            "origins",
            "summary",
            "outlet_names",
            "first_published",
            "age_days",
            "quote",
            "article_id",
        ],
        table_columns=[
            "id",
            "subject",
            "measure",
            "value_text",
            "origin",
            "summary",
            "first_published",
            "quote",
        ],
        title="Single-origin claims",
        empty_message="No single-origin claims.",
    )
