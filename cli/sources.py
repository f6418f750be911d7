"""`prov sources …`: the register of who claims are attributed to.

Sources are found by any alias ("SOHR", "the Observatory") or by id. Grades
follow the Admiralty code (A completely reliable … F cannot be judged); a
bad grade letter is a usage error (exit 2), and every grade change needs a
reason, kept in the source's history.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from cli.common import AppContext, actor, by_option, info, pass_app
from cli.output import dumps, emit, output_options
from schema.enums import GRADES, SOURCE_KINDS

_grade = click.Choice(GRADES, case_sensitive=False)
_kind = click.Choice(SOURCE_KINDS, case_sensitive=False)


@click.group("sources")
def sources() -> None:
    """The sources claims are attributed to: kinds, aliases, reliability grades.

    \b
    Example:
        prov sources list
        prov sources grade SOHR B --reason "figures matched UN counts in 2024"
    """


@sources.command("list")
@click.option("--kind", type=_kind, help="Only sources of this kind.")
@click.option("--grade", type=_grade, help="Only sources with this grade.")
@click.option("--all", "include_merged", is_flag=True, help="Include sources merged into others.")
@output_options()
@pass_app
def list_cmd(
    app: AppContext, kind: str | None, grade: str | None, include_merged: bool, fmt: str
) -> None:
    """List sources with their grade and how many claims they originate or relay.

    \b
    Example:
        prov sources list --kind organisation
        prov sources list --format csv
    """
    from provenance.editorial import source_rows

    with app.session() as session:
        rows = source_rows(
            session,
            kind=kind.lower() if kind else None,
            grade=grade.upper() if grade else None,
            include_merged=include_merged,
        )
    columns = ["id", "name", "kind", "grade", "aliases", "origin_of", "relayed"]
    emit(
        rows,
        fmt,
        columns=columns + ["merged_into"] if include_merged else columns,
        title="Sources",
        empty_message="No sources.",
    )


@sources.command("show")
@click.argument("name")
@output_options(only=("text", "json"), default="text")
@pass_app
def show_cmd(app: AppContext, name: str, fmt: str) -> None:
    """Show a source: kind, aliases, grade and its history, and its claims.

    Claims are listed twice over: those it is the origin of, and those it
    only relayed (it appears in the chain before the origin).

    \b
    Example:
        prov sources show SOHR
        prov sources show "Asharq Al-Awsat" --format json
    """
    from provenance.editorial import get_source, source_detail
    from provenance.history import event_records
    from provenance.store import claim_records

    with app.session() as session:
        detail = source_detail(session, get_source(session, name))
        detail["history"] = event_records(detail["history"])
        detail["origin_of"] = claim_records(session, detail["origin_of"])
        detail["relayed"] = claim_records(session, detail["relayed"])
    if fmt == "json":
        sys.stdout.write(dumps(detail, indent=2) + "\n")
        return
    _render(detail)


def _render(d: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    console.print(f"[bold]{escape(d['name'])}[/bold] (source {d['id']})")
    console.print(f"kind: {d['kind']}")
    console.print(f"grade: {d['grade']}")
    console.print(f"aliases: {escape(', '.join(d['aliases']) or '—')}")
    if d.get("merged_from"):
        merged = ", ".join(f"{m['name']} ({m['id']})" for m in d["merged_from"])
        console.print(f"merged from: {escape(merged)}")
    if d.get("outlet_domain"):
        console.print(f"domain: {escape(d['outlet_domain'])}")
    if d.get("description"):
        console.print(f"description: {escape(d['description'])}")
    grades = [e for e in d["history"] if e["action"] in ("grade", "create", "alias", "merge")]
    if grades:
        table = Table(title="History", title_justify="left", header_style="bold")
        for column in ("at", "who", "action", "change", "reason"):
            table.add_column(column, overflow="fold")
        for e in grades:
            change = _change(e)
            table.add_row(
                e["at"][:19].replace("T", " "),
                escape(e["actor"]),
                e["action"],
                escape(change),
                escape(e["reason"] or ""),
            )
        console.print(table)
    for key, title in (
        ("origin_of", "Claims it is the origin of"),
        ("relayed", "Claims it relayed"),
    ):
        rows = d[key]
        table = Table(title=f"{title} ({len(rows)})", title_justify="left", header_style="bold")
        for column in ("id", "subject", "measure", "value", "chain", "status"):
            table.add_column(column, overflow="fold")
        for r in rows:
            table.add_row(
                str(r["id"]),
                escape(r["subject"] or ""),
                escape(r["measure"] or ""),
                escape(r["value"]["text"] if r["value"] else ""),
                escape(" → ".join(r["chain"])),
                r["status"],
            )
        console.print(table)


def _change(e: dict[str, Any]) -> str:
    if e["action"] == "grade":
        return f"{e['before'] or '∅'} → {e['after']}"
    if e["action"] == "create":
        return dumps(e["after"])
    if e["action"] == "merge":
        after = e["after"]
        if isinstance(after, dict):  # on the survivor: what was merged into it
            return f"merged {after.get('name')} ({after.get('id')}) in"
        return f"merged into source {after}"
    return f"+ {e['after']}"


@sources.command("add")
@click.argument("name")
@click.option(
    "--kind", type=_kind, default="organisation", show_default=True, help="What kind of source."
)
@click.option("--grade", type=_grade, default="F", show_default=True, help="Reliability grade A-F.")
@click.option(
    "--alias", "aliases", multiple=True, metavar="NAME", help="Another name for it (repeatable)."
)
@click.option("--description", metavar="TEXT", help="Who they are.")
@click.option("--reason", metavar="TEXT", help="Why (kept in the history).")
@by_option
@pass_app
def add_cmd(
    app: AppContext,
    name: str,
    kind: str,
    grade: str,
    aliases: tuple[str, ...],
    description: str | None,
    reason: str | None,
    by: str | None,
) -> None:
    """Register a source before any claim cites it.

    \b
    Example:
        prov sources add "Syrian Observatory for Human Rights" --alias "the Observatory" --grade C
        prov sources add "an Iraqi security official" --kind anonymous
    """
    from provenance.editorial import add_source

    with app.session(write=True) as session:
        source = add_source(
            session,
            name,
            actor=actor(by),
            kind=kind.lower(),
            grade=grade.upper(),
            aliases=aliases,
            description=description,
            reason=reason,
        )
        source_id = source.id
    info(f"Added source {source_id}: {name}.")
    click.echo(str(source_id))


@sources.command("alias")
@click.argument("name")
@click.argument("alias")
@by_option
@pass_app
def alias_cmd(app: AppContext, name: str, alias: str, by: str | None) -> None:
    """Record another name for a source, so claims citing it resolve to it.

    \b
    Example:
        prov sources alias "Syrian Observatory for Human Rights" "the Observatory"
    """
    from provenance.editorial import alias_source

    with app.session(write=True) as session:
        source = alias_source(session, name, alias, actor=actor(by))
        source_name = source.name
    info(f"{alias!r} now names {source_name}.")


@sources.command("merge")
@click.argument("source")
@click.argument("survivor")
@click.option("--reason", metavar="TEXT", help="Why (kept in the history).")
@by_option
@pass_app
def merge_cmd(
    app: AppContext, source: str, survivor: str, reason: str | None, by: str | None
) -> None:
    """Merge SOURCE into SURVIVOR: one body under two names, so one origin.

    Claims citing SOURCE name SURVIVOR in their chains (each change is in the
    claim's history), and SOURCE's aliases and relays move; SURVIVOR keeps
    its grade.

    \b
    Example:
        prov sources merge "Armed Conflict Location & Event Data Project" ACLED \\
            --reason "one monitor"
    """
    from provenance.editorial import merge_sources

    with app.session(write=True) as session:
        loser, kept, moved = merge_sources(
            session, source, survivor, actor=actor(by), reason=reason
        )
        message = (
            f"Merged {loser.name} ({loser.id}) into {kept.name} ({kept.id});"
            f" {moved} claim(s) changed."
        )
        if loser.grade != kept.grade and loser.grade != "F":
            message += f" {kept.name} keeps grade {kept.grade} ({loser.name} had {loser.grade})."
    info(message)


@sources.command("grade")
@click.argument("name")
@click.argument("grade", type=_grade)
@click.option("--reason", required=True, metavar="TEXT", help="Why (kept in the history).")
@by_option
@pass_app
def grade_cmd(app: AppContext, name: str, grade: str, reason: str, by: str | None) -> None:
    """Set a source's reliability grade (A completely reliable … F cannot be judged).

    \b
    Example:
        prov sources grade SOHR B --reason "casualty counts matched UN figures in 2024"
    """
    from provenance.editorial import grade_source

    with app.session(write=True) as session:
        source, before = grade_source(session, name, grade, actor=actor(by), reason=reason)
        source_name, after = source.name, source.grade
    info(f"{source_name}: grade {before} → {after}.")
