"""`prov demo`: a throwaway database built from fixtures/, then conflicts and the report.

Design notes
------------
* The demo composes the real commands (``init``, ``ingest``, ``conflicts``,
  ``uncorroborated``, ``report``) by invoking the ``prov`` group in-process
  against a fresh SQLite file, so it shows exactly what a user would see and
  duplicates none of their logic.
* The database goes into a new temporary folder (or ``--keep-dir DIR``) and is
  left there, so the user can explore it with the commands printed at the end.
* Fixtures are found, in order: ``--fixtures DIR`` / ``PROV_FIXTURES``; the
  ``fixtures/`` folder next to the packages (a source checkout or an editable
  install); ``<prefix>/share/prov-claims/fixtures`` (the wheel ships the
  articles there as data files, so ``pipx install .`` then ``prov demo``
  works). Anything else is a one-line error naming ``--fixtures DIR``.
* The report shows the current week by ingestion time (``--by ingested``):
  every fixture article, its claims and the conflicts the finder just opened
  arrived this week, so every section has something in it. The default (the
  last complete week by publication date) would be empty for fixtures dated
  in the past; the closing hint shows how to report a publication week.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from cli.common import info
from provenance.errors import InvalidInput

CHECKOUT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Where the wheel's data files land (pyproject [tool.setuptools.data-files]).
SHARED_FIXTURES = Path(sys.prefix) / "share" / "prov-claims" / "fixtures"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")


def _articles_in(base: Path) -> Path | None:
    for folder in (base / "articles", base):
        if folder.is_dir() and any(
            p.suffix.lower() in ARTICLE_SUFFIXES for p in folder.iterdir() if p.is_file()
        ):
            return folder
    return None


def find_fixtures(explicit: str | None = None) -> Path:
    """The fixture articles: --fixtures / $PROV_FIXTURES, the checkout's, or the installed ones."""
    if explicit is None and os.environ.get("PROV_FIXTURES"):
        explicit = os.environ["PROV_FIXTURES"]
    if explicit:
        found = _articles_in(Path(explicit).expanduser())
        if found is None:
            raise InvalidInput(
                f"no fixture articles (.txt, .html, ...) in {explicit}: "
                "pass --fixtures DIR with articles in DIR or DIR/articles"
            )
        return found
    for base in (CHECKOUT_FIXTURES, SHARED_FIXTURES):
        found = _articles_in(base)
        if found is not None:
            return found
    raise InvalidInput(
        f"no fixture articles found (looked in {CHECKOUT_FIXTURES} and {SHARED_FIXTURES}): "
        "pass --fixtures DIR, e.g. the fixtures/ folder of a prov source checkout"
    )


def _run(args: list[str]) -> int:
    """Invoke `prov ARGS` in-process; return its exit code."""
    from cli.main import cli

    try:
        cli.main(args=args, prog_name="prov", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    except click.ClickException as exc:  # e.g. a command this install lacks
        exc.show()
        return exc.exit_code
    return 0


@click.command("demo")
@click.option(
    "--keep-dir",
    metavar="DIR",
    help="Build the demo database in DIR instead of a new temporary folder.",
)
@click.option(
    "--fixtures",
    "fixtures_dir",
    metavar="DIR",
    envvar="PROV_FIXTURES",
    help="Folder of articles to use [default: the fixtures shipped with prov].",
)
def demo_cmd(keep_dir: str | None, fixtures_dir: str | None) -> None:
    """Build a throwaway database from the fixture articles and show what prov finds.

    Ingests fixtures/ (with claim extraction) into a new SQLite file, then
    prints the conflicts, the single-origin claims and the weekly report, and
    says where the database is so you can explore it.

    \b
    Example:
        prov demo
        prov demo --keep-dir /tmp/prov-demo
    """
    articles = find_fixtures(fixtures_dir)
    if keep_dir:
        folder = Path(keep_dir).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / "prov.db").exists():
            raise InvalidInput(f"{folder / 'prov.db'} already exists: choose an empty folder")
    else:
        folder = Path(tempfile.mkdtemp(prefix="prov-demo-"))
    database = str(folder / "prov.db")
    base = ["--database", database]

    info(f"Building a demo database at {database} from {articles}")
    steps = [
        ("init", [*base, "init"]),
        ("ingest", [*base, "ingest", str(articles)]),
    ]
    for name, args in steps:
        code = _run(args)
        if code != 0:
            raise InvalidInput(f"prov {name} failed (exit {code}) while building the demo")

    from datetime import UTC, datetime

    from provenance.db import get_engine, session_scope
    from provenance.report import Week, latest_week

    with session_scope(get_engine(f"sqlite:///{database}")) as session:
        newest = latest_week(session) or "2025-W06"
    week = Week.containing(datetime.now(UTC).date()).label

    shows = [
        ("Conflicts: figures that disagree", [*base, "conflicts"]),
        ("Single-origin claims: nobody independent has confirmed them", [*base, "uncorroborated"]),
        (
            f"Weekly report for {week}, the week these articles were ingested",
            [*base, "report", "--week", week, "--by", "ingested"],
        ),
    ]
    for title, args in shows:
        info("")
        info(f"== {title} (prov {' '.join(args[2:])}) ==")
        code = _run(args)
        if code not in (0, 3):
            info(f"(prov {args[2]} exited {code})")

    info("")
    info(f"The demo database is {database}. Explore it, for example:")
    info(f"  prov --database {database} claims list")
    info(f"  prov --database {database} conflicts --format json")
    info(f"  prov --database {database} report --week {newest} --format html -o report.html")
    info(f"Delete the folder {folder} when you are done.")
