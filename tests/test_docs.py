"""The README documents every command, and every command's help has an example."""

from __future__ import annotations

import click
import pytest

from cli.main import COMMANDS, cli
from tests.conftest import REPO


def all_commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    found: list[tuple[str, click.Command]] = []
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None, f"prov {name} is registered but its module is missing"
        found.append((name, command))
        if isinstance(command, click.Group):
            sub_ctx = click.Context(command, parent=ctx)
            for sub in command.list_commands(sub_ctx):
                found.append((f"{name} {sub}", command.get_command(sub_ctx, sub)))
    return found


@pytest.mark.parametrize(
    "name,command", all_commands(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_command_is_documented_in_readme_with_an_example(name: str, command: click.Command) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"prov {name}" in readme, f"README.md does not show `prov {name}`"
    assert "Example" in (command.help or ""), f"`prov {name}` help has no Example block"
