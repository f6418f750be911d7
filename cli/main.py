"""The `prov` command: noun groups with verbs, loaded lazily.

Design notes
------------
* Start-up time matters to an editor running twenty commands an hour, so the
  top-level group knows its subcommands only by "module:attribute" strings
  and imports a module when its command is actually invoked (or listed in
  --help). ``prov --version`` imports click and nothing else of weight;
  listing commands never imports the extraction stack.
* Errors: every ``ProvError`` becomes ``Error: <one line>`` on stderr and
  exit 1 (``StaleEdit`` and friends included); click usage errors exit 2;
  anything unexpected is also reported in one line, unless
  ``PROV_RAISE_ERRORS`` is set, in which case it re-raises so tests and
  developers see the traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from provenance import __version__

# name -> "module:attribute". Order is the order shown in --help.
COMMANDS: dict[str, str] = {
    "init": "cli.commands_db:init_cmd",
    "ingest": "cli.ingest:ingest_cmd",
    "extract": "cli.extract:extract_cmd",
    "articles": "cli.articles:articles",
    "claims": "cli.claims:claims",
    "sources": "cli.sources:sources",
    "entities": "cli.entities:entities",
    "measures": "cli.entities:measures",
    "conflicts": "cli.conflicts:conflicts",
    "uncorroborated": "cli.conflicts:uncorroborated_cmd",
    "settings": "cli.settings:settings",
    "report": "cli.report:report_cmd",
    "export": "cli.export:export_cmd",
    "demo": "cli.demo:demo_cmd",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def __init__(self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.lazy_subcommands) + sorted(
            c for c in super().list_commands(ctx) if c not in self.lazy_subcommands
        )

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            return self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, cmd_name: str) -> click.Command | None:
        module_name, attr = self.lazy_subcommands[cmd_name].split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # A command whose module is not written yet is simply absent.
            if exc.name == module_name:
                return None
            raise
        command = getattr(module, attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attr} is not a click command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # `prov claims list | head`: the reader left; stop quietly, as
            # Python's docs recommend, without a second error on exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the one place errors are mapped
            from cli.common import fail_from_exception

            fail_from_exception(exc)


@click.group(
    cls=LazyGroup,
    lazy_subcommands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="prov")
@click.option(
    "-d",
    "--database",
    envvar="PROV_DATABASE_URL",
    metavar="PATH|URL",
    help="SQLite file or PostgreSQL URL. [default: ./prov.db; env: PROV_DATABASE_URL]",
)
@click.pass_context
def cli(ctx: click.Context, database: str | None) -> None:
    """prov: where every figure in the news comes from.

    Stores each checkable statement as a claim linked to its article, its
    attributed source and the chain of outlets it came through, then shows
    which claims conflict and which rest on a single origin.

    \b
    Example:
        prov init
        prov ingest fixtures/articles/
        prov conflicts
    """
    from cli.common import AppContext

    ctx.obj = AppContext(database)


def main() -> None:  # pragma: no cover - console entry point alternative
    cli(prog_name="prov")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
