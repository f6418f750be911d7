"""`prov init`: create or upgrade the database."""

from __future__ import annotations

import click

from cli.common import AppContext, info, pass_app


@click.command("init")
@pass_app
def init_cmd(app: AppContext) -> None:
    """Create the database, or upgrade it to this prov's schema (idempotent).

    Refuses, writing nothing, a database created by a newer prov.

    \b
    Example:
        prov init
        prov --database postgresql://prov@db.newsroom/prov init
    """
    from provenance.db import display_url, init_database

    before, after = init_database(app.url)
    where = display_url(app.url)
    if before is None:
        info(f"Created {where} (schema {after}).")
    elif before == after:
        info(f"{where} is up to date (schema {after}).")
    else:
        info(f"Upgraded {where} from schema {before} to {after}.")
