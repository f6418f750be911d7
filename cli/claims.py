"""`prov claims …`: list, show, add, edit, confirm, reject, retract, history, import.

Design notes
------------
* Thin: options are parsed here, everything else is ``provenance.editorial``
  and ``provenance.importer``. No select() in this module.
* Start-up: ``prov claims list`` imports no NLP code. The value parser is
  imported only when ``--value`` is given; the extractor only when
  ``claims add`` prompts on a terminal (to offer its findings as defaults).
* ``claims add`` asks for missing fields only in interactive mode, which is
  on when stdin is a terminal (hidden ``--interactive/--no-interactive``
  overrides it, so tests drive the prompts through ``input=``). Without a
  terminal, a missing article or quote is a usage error: exit 2.
* Enumerated options (hedge, polarity, status) are ``click.Choice``: a bad
  value is a usage error (exit 2). Values checked against the data (a quote
  not in the article, a bad date, an unknown id) are errors: exit 1.
* The new claim's id goes to stdout (alone on its line) so scripts can
  capture it; messages go to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cli.common import AppContext, actor, by_option, info, pass_app
from cli.output import dumps, emit, output_options
from schema.enums import CLAIM_STATUSES, HEDGE_LEVELS, POLARITIES, SOURCE_KINDS

if TYPE_CHECKING:
    from provenance.editorial import ClaimFields

TABLE_COLUMNS = (
    "id",
    "article_id",
    "subject",
    "measure",
    "value",
    "as_of",
    "hedge",
    "source",
    "status",
    "credibility",
)

_hedge = click.Choice(HEDGE_LEVELS, case_sensitive=False)
_polarity = click.Choice(POLARITIES, case_sensitive=False)
_status = click.Choice(CLAIM_STATUSES, case_sensitive=False)
_kind = click.Choice(SOURCE_KINDS, case_sensitive=False)


@click.group("claims")
def claims() -> None:
    """Find, add, correct and review claims; every change is recorded.

    \b
    Example:
        prov claims list --subject Fatemiyoun --status candidate
        prov claims show 12
        prov claims confirm 12
    """


def _table_row(record: dict[str, Any]) -> dict[str, Any]:
    row = dict(record)
    value = record.get("value")
    row["value"] = value["text"] if value else None
    return row


# --------------------------------------------------------------------------
# list


@claims.command("list")
@click.option("--article", type=int, metavar="ID", help="Claims of one article.")
@click.option("--subject", metavar="NAME", help="About this entity (any alias or spelling).")
@click.option("--measure", metavar="MEASURE", help="This measure (lexicon words work: fighters).")
@click.option("--origin", metavar="SOURCE", help="Whose origin is this source (any alias).")
@click.option("--status", type=_status, help="Only claims with this status.")
@click.option("--hedge", type=_hedge, help="Only claims with this hedging level.")
@click.option(
    "--since", metavar="DATE", help="Published or about a period on/after DATE (YYYY[-MM[-DD]])."
)
@click.option("--until", metavar="DATE", help="Published or about a period on/before DATE.")
@click.option("--search", metavar="TEXT", help="Full-text search over quotes and their sentences.")
@click.option(
    "--credibility",
    type=click.IntRange(1, 6),
    multiple=True,
    metavar="GRADE",
    help="Only claims with this credibility grade, 1 (confirmed) to 6 (cannot be judged); "
    "repeat for several.",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@output_options()
@pass_app
def list_cmd(
    app: AppContext,
    article: int | None,
    subject: str | None,
    measure: str | None,
    origin: str | None,
    status: str | None,
    hedge: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
    credibility: tuple[int, ...],
    limit: int | None,
    fmt: str,
) -> None:
    """List claims, filtered; every format prints the same claim records.

    --since/--until match a claim when its article was published in the
    window or when the period it is about (as_of) overlaps the window.

    \b
    Example:
        prov claims list --subject "Liwa Fatemiyoun" --measure fighters
        prov claims list --search "monthly salary" --format jsonl > claims.jsonl
        prov claims list --origin SOHR --since 2025-01 --format csv
        prov claims list --credibility 5 --credibility 6
    """
    from provenance.editorial import ClaimFilter, list_graded_claims, parse_day
    from provenance.store import claim_records

    flt = ClaimFilter(
        article=article,
        subject=subject,
        measure=measure,
        origin=origin,
        status=status.lower() if status else None,
        hedge=hedge.lower() if hedge else None,
        since=parse_day(since) if since else None,
        until=parse_day(until, end=True) if until else None,
        search=search,
        limit=limit,
        credibility=tuple(credibility),
    )
    with app.session() as session:
        found, grades = list_graded_claims(session, flt)
        records = claim_records(session, found, credibility=grades)
    if fmt == "table":
        emit(
            (_table_row(r) for r in records),
            fmt,
            columns=TABLE_COLUMNS,
            title="Claims",
            empty_message="No claims match.",
        )
    else:
        emit(records, fmt, columns=list(records[0]) if records else _record_columns())


def _record_columns() -> list[str]:
    from provenance.importer import RECORD_COLUMNS

    return list(RECORD_COLUMNS)


# --------------------------------------------------------------------------
# show


@claims.command("show")
@click.argument("claim_id", type=int)
@output_options(only=("text", "json"), default="text")
@pass_app
def show_cmd(app: AppContext, claim_id: int, fmt: str) -> None:
    """Show one claim: its quote in context, value, chain, status and history.

    \b
    Example:
        prov claims show 12
        prov claims show 12 --format json
    """
    from provenance.editorial import (
        claim_history,
        credibility_for,
        explain_credibility,
        get_claim,
    )
    from provenance.history import event_records
    from provenance.store import claim_records
    from schema.models import Article, Outlet

    with app.session() as session:
        claim = get_claim(session, claim_id)
        grades = credibility_for(session, [claim_id])
        record = claim_records(session, [claim], credibility=grades)[0]
        why = explain_credibility(session, claim_id)
        history = event_records(claim_history(session, claim_id))
        article = session.get(Article, claim.article_id)
        assert article is not None
        outlet = session.get(Outlet, article.outlet_id) if article.outlet_id else None
        extra = {
            "version": claim.version,
            "note": claim.note,
            "updated_by": claim.updated_by,
            "updated_at": claim.updated_at.isoformat() if claim.updated_at else None,
            "credibility_explained": why,
        }
        article_info = {
            "id": article.id,
            "title": article.title,
            "outlet": outlet.name if outlet else None,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
        }
        text = article.text
        names = _source_names(session, history)
    if fmt == "json":
        sys.stdout.write(dumps({**record, **extra, "history": history}, indent=2) + "\n")
        return
    _render_claim(record, extra, article_info, text, history, names)


def credibility_lines(why: dict[str, Any]) -> list[str]:
    """``explain_credibility`` as sentences: the grade and rule, who confirms, who contradicts."""

    def origins(items: list[dict[str, Any]]) -> str:
        return "; ".join(
            f"{o['name'] or o['source_id']}"
            + (f" (grade {o['grade']})" if o.get("grade") else "")
            + (" — " + ", ".join(f"#{i}" for i in o["claim_ids"]) if o["claim_ids"] else "")
            for o in items
        )

    lines = [f"{why['credibility']} {why['label']}: {why['rule']}"]
    origin = why.get("origin") or {}
    lines.append(
        f"origin: {origin.get('name') or 'unknown'} (grade {why['origin_grade']}); "
        f"{why['support']} independent origin(s) support it, its own included"
    )
    lines.append("confirmed by: " + (origins(why["confirming_origins"]) or "no independent origin"))
    lines.append(
        "contradicted by: " + (origins(why["contradicting_origins"]) or "no independent origin")
    )
    if why.get("same_origin_claims"):
        same = ", ".join(f"#{i}" for i in why["same_origin_claims"])
        lines.append(f"same origin, not counted again: {same}")
    if why.get("conflicting_claims"):
        state = "resolved" if why.get("conflict_resolved") else "unresolved"
        ids = ", ".join(f"#{i}" for i in why["conflicting_claims"])
        lines.append(f"in conflict with {ids} ({state})")
    return lines


def _source_names(session: Any, history: list[dict[str, Any]]) -> dict[int, str]:
    """Names for the source ids that chain events mention."""
    from schema.models import Source

    ids: set[int] = set()
    for event in history:
        for side in (event["before"], event["after"]):
            if isinstance(side, dict):
                ids.update(i for i in side.get("chain_ids") or [] if isinstance(i, int))
    names = {}
    for source_id in ids:
        source = session.get(Source, source_id)
        if source is not None:
            names[source_id] = source.name
    return names


def _render_claim(
    record: dict[str, Any],
    extra: dict[str, Any],
    article: dict[str, Any],
    text: str,
    history: list[dict[str, Any]],
    names: dict[int, str],
) -> None:
    from rich.console import Console, Group
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    from provenance.editorial import paragraph_span

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 100)
    styled = console.is_terminal
    start, end = record["start"], record["end"]
    p_start, p_end = paragraph_span(text, start, end)
    sentence = record["sentence"] or ""
    s_start = text.find(sentence, p_start) if sentence else -1
    if s_start < 0 or s_start > start or s_start + len(sentence) < end:
        s_start, s_end = start, end
    else:
        s_end = s_start + len(sentence)

    para = Text()
    for a, b, kind in (
        (p_start, s_start, "plain"),
        (s_start, start, "sentence"),
        (start, end, "quote"),
        (end, s_end, "sentence"),
        (s_end, p_end, "plain"),
    ):
        chunk = text[a:b]
        if not chunk:
            continue
        if kind == "quote":
            para.append(
                chunk if styled else f"[[{chunk}]]", style="bold black on yellow" if styled else ""
            )
        elif kind == "sentence":
            para.append(chunk, style="underline" if styled else "")
        else:
            para.append(chunk, style="dim" if styled else "")

    title = f"Claim {record['id']} · {record['status']} · {record['origin_kind']} · version {extra['version']}"
    where = " · ".join(
        str(x)
        for x in (
            f"article {article['id']}",
            article.get("title"),
            article.get("outlet"),
            article.get("published"),
        )
        if x
    )
    console.print(Text(title, style="bold" if styled else ""))
    console.print(Text(where))
    if article.get("url"):
        console.print(Text(article["url"]))
    console.print()
    console.print(para, soft_wrap=not styled)
    console.print()

    facts = Table(show_header=False, box=None, padding=(0, 2))
    facts.add_column("field", style="bold" if styled else "")
    facts.add_column("value", overflow="fold")
    value = record.get("value")
    if value:
        high = "∞" if value["high"] is None else f"{value['high']:,}"
        low = "?" if value["low"] is None else f"{value['low']:,}"
        shown = f"{value['text']}  →  [{low}, {high}] {value['unit'] or ''} ({value['approx']})"
    else:
        shown = "—"
    cues = ", ".join(record.get("hedge_cues") or [])
    rows = [
        ("value", shown),
        ("subject", record.get("subject") or "—"),
        ("measure", record.get("measure") or "—"),
        ("as of", record.get("as_of") or "unknown"),
        ("place", record.get("place") or "—"),
        ("hedge", record["hedge"] + (f" (cues: {cues})" if cues else "")),
        ("polarity", record["polarity"]),
        ("status", record["status"]),
        (
            "credibility",
            str(record["credibility"]) if record.get("credibility") else "not computed",
        ),
        ("note", extra.get("note") or "—"),
        ("offsets", f"{start}–{end}"),
        ("last change", f"{extra.get('updated_by') or '?'} at {extra.get('updated_at') or '?'}"),
    ]
    for key, val in rows:
        facts.add_row(key, escape(str(val)))
    console.print(facts)
    console.print()

    chain = record.get("chain") or []
    tree = Tree(Text("Attribution chain (outlet → origin)", style="bold" if styled else ""))
    node = tree
    for i, name in enumerate(chain):
        label = name + ("  (origin)" if i == len(chain) - 1 else "")
        node = node.add(Text(label, style="bold" if styled and i == len(chain) - 1 else ""))
    if not chain:
        tree.add("no chain recorded")
    console.print(tree)
    console.print()
    why = extra.get("credibility_explained")
    if why:
        console.print(Text("Credibility", style="bold" if styled else ""))
        for line in credibility_lines(why):
            console.print(Text("  " + line), soft_wrap=not styled)
        console.print()

    hist = Table(
        title="History",
        title_justify="left",
        show_lines=False,
        header_style="bold" if styled else "",
    )
    for column in ("at", "who", "action", "field", "change", "reason"):
        hist.add_column(column, overflow="fold")
    for event in history:
        hist.add_row(
            (event["at"] or "")[:19].replace("T", " "),
            escape(event["actor"]),
            event["action"],
            event["field"] or "",
            escape(_describe_change(event, names)),
            escape(event["reason"] or ""),
        )
    console.print(Group(hist))


def _short(value: Any, names: dict[int, str]) -> str:
    if value is None:
        return "∅"
    if isinstance(value, dict):
        if "chain_ids" in value:
            return " → ".join(names.get(i, f"#{i}") for i in value.get("chain_ids") or []) or "∅"
        if "value_text" in value:
            if value["value_text"] is None and value["low"] is None:
                return "∅"
            low = "?" if value["low"] is None else f"{value['low']:,.10g}"
            high = "∞" if value["high"] is None else f"{value['high']:,.10g}"
            return f"{value['value_text']!r} [{low}, {high}] {value['unit'] or ''}".rstrip()
        if "quote" in value:
            return f"{value['quote']!r} @{value['start_offset']}"
        first = next(iter(value.values()), None)
        if isinstance(first, list):
            return ", ".join(map(str, first))
        extra = [
            ", ".join(map(str, v)) if isinstance(v, list) else str(v)
            for k, v in list(value.items())[1:]
            if v and not k.startswith("as_of_")
        ]
        return (str(first) if first is not None else "∅") + (
            f" ({', '.join(extra)})" if extra else ""
        )
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "∅"
    return str(value)


def _describe_change(event: dict[str, Any], names: dict[int, str]) -> str:
    if event["action"] == "create":
        return "created"
    return f"{_short(event['before'], names)}  ⇒  {_short(event['after'], names)}"


# --------------------------------------------------------------------------
# add


def _value_options(func: Any) -> Any:
    options = [
        click.option(
            "--value",
            metavar="TEXT",
            help='The figure as written: "about 350,000", "up to 15,000".',
        ),
        click.option(
            "--unit",
            metavar="UNIT",
            help="count, an ISO 4217 code (SYP, USD), percent, ratio, year, date.",
        ),
        click.option(
            "--measure",
            metavar="MEASURE",
            help="What is counted or priced (fighters, monthly salary).",
        ),
        click.option("--subject", metavar="NAME", help="The entity the claim is about."),
        click.option(
            "--as-of",
            "as_of",
            metavar="DATE",
            help="The period it is about: 2025-02-06, 2025-01, 2016, or start/end.",
        ),
        click.option("--place", metavar="PLACE", help="Where it applies."),
        click.option(
            "--source", metavar="NAME", help="The origin: whoever the claim is attributed to."
        ),
        click.option(
            "--source-kind", type=_kind, help="Kind of a new origin source [default: organisation]."
        ),
        click.option(
            "--via",
            multiple=True,
            metavar="NAME",
            help="A relay between outlet and origin (repeatable, in order).",
        ),
        click.option("--hedge", type=_hedge, help="certain, probable, possible or unverified."),
        click.option(
            "--cue",
            "cues",
            multiple=True,
            metavar="WORD",
            help="A hedge cue found in the text (repeatable).",
        ),
        click.option("--polarity", type=_polarity, help="affirmed or denied."),
        click.option("--note", metavar="TEXT", help="An editor's note kept with the claim."),
        click.option(
            "--occurrence",
            type=click.IntRange(min=1),
            metavar="N",
            help="Which occurrence of a repeated quote (1 = first).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _interactive_default() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _claim_fields(quote: str | None, fields: dict[str, Any]) -> ClaimFields:
    """The ``ClaimFields`` of the shared field options of `claims add` and `claims edit`."""
    from provenance.editorial import ClaimFields

    def lower(key: str) -> str | None:
        return fields[key].lower() if fields[key] else None

    return ClaimFields(
        quote=quote,
        occurrence=fields["occurrence"],
        value=fields["value"],
        unit=fields["unit"],
        measure=fields["measure"],
        subject=fields["subject"],
        as_of=fields["as_of"],
        place=fields["place"],
        source=fields["source"],
        source_kind=lower("source_kind"),
        via=list(fields["via"]) or None,
        hedge=lower("hedge"),
        cues=list(fields["cues"]) or None,
        polarity=lower("polarity"),
        note=fields["note"],
    )


@claims.command("add")
@click.option("--article", "article_id", type=int, metavar="ID", help="An ingested article.")
@click.option(
    "--url", metavar="URL", help="An ingested article by URL (or the URL of a new document)."
)
@click.option(
    "--title",
    metavar="TEXT",
    help="New source document: its title (a broadcast, a press conference).",
)
@click.option("--outlet", metavar="NAME", help="New source document: who published or aired it.")
@click.option(
    "--published",
    "--date",
    "published",
    metavar="DATE",
    help="New source document: its date (YYYY-MM-DD).",
)
@click.option(
    "--text",
    "doc_text",
    metavar="TEXT|@FILE",
    help="New source document: its transcript [default: the quote].",
)
@click.option(
    "--quote", metavar="TEXT", help="The exact words, as they occur in the article's text."
)
@_value_options
@click.option(
    "--interactive/--no-interactive",
    default=None,
    hidden=True,
    help="Prompt for missing fields [default: when stdin is a terminal].",
)
@by_option
@pass_app
def add_cmd(
    app: AppContext,
    article_id: int | None,
    url: str | None,
    title: str | None,
    outlet: str | None,
    published: str | None,
    doc_text: str | None,
    quote: str | None,
    interactive: bool | None,
    by: str | None,
    **fields: Any,
) -> None:
    """Add a claim by hand; prints its id.

    Against an ingested article (--article or --url) or a new source document
    described by --title/--outlet/--published/--url (and --text for its
    transcript; without it the quote is the document). The quote must occur
    in the article's text. On a terminal, missing fields are asked for, with
    what the extractor finds in the quote offered as defaults; otherwise a
    missing article or quote is a usage error (exit 2).

    \b
    Example:
        prov claims add --article 3 --quote "up to 15,000 fighters" \\
            --value "up to 15,000" --measure fighters --subject Fatemiyoun \\
            --source "Syrian Observatory for Human Rights" --via "Asharq Al-Awsat"
        prov claims add --title "Interview, Channel 4 News" --outlet "Channel 4" \\
            --published 2025-02-06 --quote "we have 12,000 men" --value 12000 \\
            --measure fighters --subject Fatemiyoun --source "a commander"
    """
    from provenance.editorial import add_claim, create_document, get_article

    ask = _interactive_default() if interactive is None else interactive
    who = actor(by)
    new_document = any(x is not None for x in (title, outlet, published, doc_text))
    if doc_text is not None and doc_text.startswith("@"):
        try:
            doc_text = Path(doc_text[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(
                f"cannot read {doc_text[1:]}: {exc}", param_hint="--text"
            ) from None

    if article_id is None and url is None and not new_document:
        if not ask:
            raise click.UsageError(
                "give --article ID, --url URL or a new document (--title/--outlet); no terminal to ask"
            )
        article_id = int(_prompt("Article id", None, int))
    if quote is None:
        if not ask:
            raise click.UsageError("--quote is required (no terminal to ask)")
        quote = _prompt("Quote (exact words from the article)", None)

    with app.session(write=True) as session:
        if article_id is not None:
            article = get_article(session, article_id=article_id)
        elif new_document:
            article = create_document(
                session,
                text_value=doc_text or quote,
                actor=who,
                title=title,
                outlet=outlet,
                published=published,
                url=url,
            )
        else:
            article = get_article(session, url=url)
        f = _claim_fields(quote, fields)
        if ask:
            _ask_missing(session, article, f)
        claim, warnings = add_claim(session, article, f, actor=who)
        claim_id = claim.id
    for warning in warnings:
        info(f"Warning: {warning}")
    info(f"Added claim {claim_id} to article {article.id}.")
    click.echo(str(claim_id))


def _prompt(
    label: str, default: str | None, kind: type = str, choices: list[str] | None = None
) -> str:
    from rich.prompt import IntPrompt, Prompt

    from cli.common import consoles

    if kind is int:
        return str(IntPrompt.ask(label, console=consoles.err))
    while True:
        answer = Prompt.ask(
            label + (" ('-' for none)" if default else ""),
            console=consoles.err,
            default=default if default is not None else "",
            show_default=bool(default),
            choices=choices,
        )
        answer = (answer or "").strip()
        if answer == "-":
            return ""
        if answer or choices is None or default is not None:
            return answer


def _extracted_defaults(session: Any, article: Any, quote: str) -> dict[str, Any]:
    """What the extractor finds around the quote, to offer as prompt defaults."""
    try:
        from provenance.extract import extract
        from provenance.extract.measures import load_lexicon
        from provenance.model import ArticleMeta
    except ImportError:
        return {}
    start = article.text.find(quote)
    if start < 0:
        return {}
    end = start + len(quote)
    try:
        drafts = extract(
            article.text,
            ArticleMeta(title=article.title, published=article.published),
            lexicon=load_lexicon(session),
        )
    except Exception:  # noqa: BLE001 - defaults are a convenience, never a failure
        return {}
    best, overlap = None, 0
    for draft in drafts:
        shared = min(end, draft.end) - max(start, draft.start)
        if shared > overlap:
            best, overlap = draft, shared
    if best is None:
        return {}
    return {
        "value": best.value.text if best.value else None,
        "unit": best.value.unit if best.value else None,
        "measure": best.measure_text or best.measure,
        "subject": best.subject,
        "as_of": best.as_of,
        "place": best.place,
        "source": best.origin.name if best.origin and len(best.chain) > 1 else None,
        "via": [r.name for r in best.chain[1:-1]] if len(best.chain) > 2 else None,
        "hedge": best.hedge,
        "cues": list(best.hedge_cues) or None,
        "polarity": best.polarity,
    }


def _ask_missing(session: Any, article: Any, f: Any) -> None:
    found = _extracted_defaults(session, article, f.quote)
    for name, label in (
        ("value", "Value as written"),
        ("unit", "Unit"),
        ("measure", "Measure"),
        ("subject", "Subject"),
        ("as_of", "As of (YYYY[-MM[-DD]])"),
        ("place", "Place"),
        ("source", "Source (origin)"),
    ):
        if getattr(f, name) is None:
            setattr(f, name, _prompt(label, found.get(name)) or None)
    if f.via is None and found.get("via") and f.source == found.get("source"):
        f.via = found["via"]
    if f.hedge is None:
        f.hedge = _prompt("Hedge", found.get("hedge") or "certain", choices=list(HEDGE_LEVELS))
    if f.cues is None and found.get("cues") and f.hedge == found.get("hedge"):
        f.cues = found["cues"]
    if f.polarity is None:
        f.polarity = _prompt(
            "Polarity", found.get("polarity") or "affirmed", choices=list(POLARITIES)
        )


# --------------------------------------------------------------------------
# edit and status changes


def _expect_option(func: Any) -> Any:
    return click.option(
        "--expect-version",
        type=int,
        metavar="N",
        help="Fail unless the claim is still at version N (the one you reviewed).",
    )(func)


@claims.command("edit")
@click.argument("claim_id", type=int)
@click.option("--quote", metavar="TEXT", help="New quote (must occur in the article's text).")
@_value_options
@click.option("--reason", metavar="TEXT", help="Why (kept in the history).")
@_expect_option
@by_option
@pass_app
def edit_cmd(
    app: AppContext,
    claim_id: int,
    quote: str | None,
    reason: str | None,
    expect_version: int | None,
    by: str | None,
    **fields: Any,
) -> None:
    """Correct any field of a claim; each change is recorded with before and after.

    An empty value clears a field (--place ""). --via replaces the relays
    (--via "" removes them); --source replaces the origin; --cue replaces
    the hedge cues. If someone else saved the claim since you read it, the
    save fails naming them, and nothing is overwritten.

    \b
    Example:
        prov claims edit 12 --value "about 400,000" --unit SYP --reason "figure in the Arabic original"
        prov claims edit 12 --source "Syrian Observatory for Human Rights" --via "Asharq Al-Awsat"
        prov claims edit 12 --hedge unverified --cue reportedly --expect-version 3
    """
    from provenance.editorial import edit_claim

    f = _claim_fields(quote, fields)
    if all(getattr(f, name) is None for name in f.__dataclass_fields__):
        raise click.UsageError("nothing to edit: give at least one field option (see --help)")
    with app.session(write=True) as session:
        claim, changes, warnings = edit_claim(
            session, claim_id, f, actor=actor(by), reason=reason, expect_version=expect_version
        )
        version = claim.version
    for warning in warnings:
        info(f"Warning: {warning}")
    if not changes:
        info(f"Claim {claim_id}: nothing changed (version {version}).")
    else:
        info(
            f"Claim {claim_id} saved (version {version}): {', '.join(c[0] for c in changes)} changed."
        )


def _status_command(
    name: str, status: str, needs_reason: bool, summary: str, example: str
) -> click.Command:
    @click.argument("claim_id", type=int)
    @click.option(
        "--reason", required=needs_reason, metavar="TEXT", help="Why (kept in the history)."
    )
    @_expect_option
    @by_option
    @pass_app
    def command(
        app: AppContext,
        claim_id: int,
        reason: str | None,
        expect_version: int | None,
        by: str | None,
    ) -> None:
        from provenance.editorial import set_status

        with app.session(write=True) as session:
            claim = set_status(
                session,
                claim_id,
                status,
                actor=actor(by),
                reason=reason,
                expect_version=expect_version,
            )
            version = claim.version
        info(f"Claim {claim_id} {status} (version {version}).")

    command.__doc__ = f"{summary}\n\n\\b\nExample:\n    {example}\n"
    return claims.command(name)(command)


confirm_cmd = _status_command(
    "confirm",
    "confirmed",
    False,
    "Mark a claim as checked and right (recorded in its history).",
    "prov claims confirm 12",
)
reject_cmd = _status_command(
    "reject",
    "rejected",
    True,
    "Reject a claim the extractor got wrong; the row is kept, marked rejected.",
    'prov claims reject 14 --reason "ordinal, not a count (13th Brigade)"',
)
retract_cmd = _status_command(
    "retract",
    "retracted",
    True,
    "Retract a claim its article or source withdrew; the row is kept.",
    'prov claims retract 12 --reason "outlet corrected the figure on 2025-02-09"',
)


@claims.command("history")
@click.argument("claim_id", type=int)
@output_options()
@pass_app
def history_cmd(app: AppContext, claim_id: int, fmt: str) -> None:
    """Every recorded change of a claim: who, when, what, before, after, why.

    \b
    Example:
        prov claims history 12
        prov claims history 12 --format json
    """
    from provenance.editorial import claim_history
    from provenance.history import event_records

    with app.session() as session:
        events = event_records(claim_history(session, claim_id))
        names = _source_names(session, events)
    if fmt == "table":
        rows = [
            {
                "at": (e["at"] or "")[:19].replace("T", " "),
                "who": e["actor"],
                "action": e["action"],
                "field": e["field"],
                "change": _describe_change(e, names),
                "reason": e["reason"],
            }
            for e in events
        ]
        emit(rows, fmt, title=f"History of claim {claim_id}")
    else:
        emit(
            events,
            fmt,
            columns=["id", "at", "actor", "action", "field", "before", "after", "reason"],
        )


# --------------------------------------------------------------------------
# import


@claims.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl"]),
    help="File format [default: from the extension].",
)
@click.option("--dry-run", is_flag=True, help="Validate every row; write nothing.")
@click.option(
    "--reason", metavar="TEXT", help="Why, recorded on every change [default: import FILE]."
)
@click.option(
    "--create-missing",
    is_flag=True,
    help="Rows whose id does not exist are added under new ids (restoring an export).",
)
@by_option
@pass_app
def import_cmd(
    app: AppContext,
    file: str,
    fmt: str | None,
    dry_run: bool,
    reason: str | None,
    create_missing: bool,
    by: str | None,
) -> None:
    """Add or update many claims from a .csv or .jsonl file, all or nothing.

    The file has the columns `prov claims list --format csv|jsonl` prints.
    Rows without an id add manual claims; rows with an id update that claim
    (only the columns present, only what differs, each change recorded).
    Every row is validated first; if any is bad, all bad rows are listed with
    their line numbers and nothing is written.

    \b
    Example:
        prov claims list --article 3 --format csv > claims.csv   # edit in a spreadsheet
        prov claims import claims.csv --dry-run
        prov claims import claims.csv
    """
    from provenance.importer import ImportInvalid, import_claims

    if file == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
        if fmt is None:
            raise click.UsageError("--format csv|jsonl is required when reading stdin")
    else:
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise click.BadParameter(
                f"cannot read {file}: {exc.strerror}", param_hint="FILE"
            ) from None
        name = path.name
    try:
        with app.session(write=True) as session:
            result = import_claims(
                session,
                data,
                name=name,
                fmt=fmt,
                actor=actor(by),
                dry_run=dry_run,
                reason=reason,
                create_missing=create_missing,
            )
    except ImportInvalid as exc:
        for problem in exc.problems:
            info(str(problem))
        raise
    for warning in result.warnings:
        info(f"Warning: {warning}")
    if dry_run:
        info(
            f"{result.rows} row(s) valid: {result.would_create} would be added, "
            f"{result.would_update} updated, {result.unchanged} unchanged. Nothing written (--dry-run)."
        )
    else:
        info(
            f"Imported {result.rows} row(s): {len(result.created)} added, "
            f"{len(result.updated)} updated, {result.unchanged} unchanged."
        )
        for claim_id in result.created:
            click.echo(str(claim_id))
