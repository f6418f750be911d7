"""`prov settings list|get|set`: the tunable numbers stored with the data."""

from __future__ import annotations

import click

from cli.common import AppContext, actor, by_option, info, pass_app
from cli.output import emit, output_options


@click.group("settings")
def settings() -> None:
    """Show and change settings (tolerance, as_of window, ...).

    Defaults live in prov; a value set here is stored in the database and
    every change is recorded in the event log.

    \b
    Example:
        prov settings list
        prov settings set as_of_window_days 45
    """


@settings.command("list")
@output_options()
@pass_app
def list_cmd(app: AppContext, fmt: str) -> None:
    """List every setting with its value, default and meaning.

    \b
    Example:
        prov settings list --format json
    """
    from provenance.settings import describe

    with app.session() as session:
        rows = describe(session)
    emit(
        rows,
        fmt,
        columns=["key", "value", "default", "changed", "updated_at", "help"],
        table_columns=["key", "value", "default", "help"],
    )


@settings.command("get")
@click.argument("key")
@pass_app
def get_cmd(app: AppContext, key: str) -> None:
    """Print one setting's value.

    \b
    Example:
        prov settings get tolerance
    """
    from provenance.settings import get

    with app.session() as session:
        click.echo(get(session, key))


@settings.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")
@by_option
@pass_app
def set_cmd(app: AppContext, key: str, value: str, by: str | None) -> None:
    """Change a setting (validated; recorded as an event).

    \b
    Example:
        prov settings set tolerance 0.15
    """
    from provenance.settings import set_setting

    with app.session(write=True) as session:
        stored = set_setting(session, key, value, actor=actor(by))
    info(f"{key} = {stored}")
