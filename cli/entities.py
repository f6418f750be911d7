"""`prov entities …` and `prov measures …`: the name and measure registers.

Entities are found by any alias, spelling or transliteration variant
(``provenance.names``) or by id. ``merge A B`` merges A *into* B: B
survives, A's claims and aliases move to it, and A keeps its row with
``merged_into_id`` set (nothing is deleted). ``measures`` shows the
extractor's built-in lexicon together with the words editors added; an
editor's word overrides a built-in one.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from cli.common import AppContext, actor, by_option, info, pass_app
from cli.output import dumps, emit, output_options


@click.group("entities")
def entities() -> None:
    """What claims are about: canonical names, aliases, merges.

    \b
    Example:
        prov entities list
        prov entities merge "Fatimiyoun Division" "Fatemiyoun Brigade"
    """


@entities.command("list")
@click.option("--all", "include_merged", is_flag=True, help="Include entities merged into others.")
@output_options()
@pass_app
def list_cmd(app: AppContext, include_merged: bool, fmt: str) -> None:
    """List entities with their aliases and claim counts.

    \b
    Example:
        prov entities list --format json
    """
    from provenance.editorial import entity_rows

    with app.session() as session:
        rows = entity_rows(session, include_merged=include_merged)
    emit(
        rows,
        fmt,
        columns=["id", "name", "kind", "aliases", "claims", "merged_into"],
        title="Entities",
        empty_message="No entities.",
    )


@entities.command("show")
@click.argument("name")
@output_options(only=("text", "json"), default="text")
@pass_app
def show_cmd(app: AppContext, name: str, fmt: str) -> None:
    """Show an entity: aliases, entities merged into it, history and claims.

    \b
    Example:
        prov entities show "Liwa Fatemiyoun"
    """
    from provenance.editorial import entity_detail, get_entity
    from provenance.history import event_records
    from provenance.store import claim_records

    with app.session() as session:
        detail = entity_detail(session, get_entity(session, name))
        detail["history"] = event_records(detail["history"])
        detail["claims"] = claim_records(session, detail["claims"])
    if fmt == "json":
        sys.stdout.write(dumps(detail, indent=2) + "\n")
        return
    _render(detail)


def _render(d: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    console.print(f"[bold]{escape(d['name'])}[/bold] (entity {d['id']})")
    console.print(f"aliases: {escape(', '.join(d['aliases']) or '—')}")
    if d["merged_from"]:
        merged = ", ".join(f"{m['name']} ({m['id']})" for m in d["merged_from"])
        console.print(f"merged from: {escape(merged)}")
    table = Table(title=f"Claims ({len(d['claims'])})", title_justify="left", header_style="bold")
    for column in ("id", "measure", "value", "as_of", "source", "status"):
        table.add_column(column, overflow="fold")
    for r in d["claims"]:
        table.add_row(
            str(r["id"]),
            escape(r["measure"] or ""),
            escape(r["value"]["text"] if r["value"] else ""),
            r["as_of"] or "",
            escape(r["source"] or ""),
            r["status"],
        )
    console.print(table)


@entities.command("alias")
@click.argument("name")
@click.argument("alias")
@by_option
@pass_app
def alias_cmd(app: AppContext, name: str, alias: str, by: str | None) -> None:
    """Record another name or spelling for an entity.

    \b
    Example:
        prov entities alias Fatemiyoun "Lashkar-e Fatemiyoun"
    """
    from provenance.editorial import alias_entity

    with app.session(write=True) as session:
        entity = alias_entity(session, name, alias, actor=actor(by))
        entity_name = entity.name
    info(f"{alias!r} now names {entity_name}.")


@entities.command("merge")
@click.argument("entity")
@click.argument("survivor")
@click.option("--reason", metavar="TEXT", help="Why (kept in the history).")
@by_option
@pass_app
def merge_cmd(
    app: AppContext, entity: str, survivor: str, reason: str | None, by: str | None
) -> None:
    """Merge ENTITY into SURVIVOR: its claims and aliases move; the merge is recorded.

    \b
    Example:
        prov entities merge "Fatimiyoun Division" "Fatemiyoun Brigade" --reason "one group"
    """
    from provenance.editorial import merge_entities

    with app.session(write=True) as session:
        loser, kept, moved = merge_entities(
            session, entity, survivor, actor=actor(by), reason=reason
        )
        message = f"Merged {loser.name} ({loser.id}) into {kept.name} ({kept.id}); {moved} claim(s) moved."
    info(message)


# --------------------------------------------------------------------------
# measures


@click.group("measures")
def measures() -> None:
    """The measure lexicon: which words count the same thing (fighters → personnel).

    \b
    Example:
        prov measures list
        prov measures alias paramilitaries personnel
    """


@measures.command("list")
@output_options()
@pass_app
def measures_list_cmd(app: AppContext, fmt: str) -> None:
    """List every word and the measure it means, built-in or added by editors.

    \b
    Example:
        prov measures list --format csv
    """
    from provenance.editorial import measure_rows

    with app.session() as session:
        rows = measure_rows(session)
    emit(
        rows,
        fmt,
        columns=["word", "measure", "origin", "added_by"],
        title="Measures",
        empty_message="No measures.",
    )


@measures.command("alias")
@click.argument("word")
@click.argument("measure")
@by_option
@pass_app
def measures_alias_cmd(app: AppContext, word: str, measure: str, by: str | None) -> None:
    """Make WORD mean MEASURE for the extractor and the conflict finder.

    \b
    Example:
        prov measures alias paramilitaries personnel
    """
    from provenance.editorial import alias_measure

    with app.session(write=True) as session:
        key, previous = alias_measure(session, word, measure, actor=actor(by))
    was = f" (was {previous})" if previous else ""
    info(f"{key!r} now means {measure.strip().lower()}{was}.")


__all__ = ["entities", "measures", "dumps"]
