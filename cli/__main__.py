"""`python -m cli` runs the prov command (used by tests that need a real process)."""

from cli.main import cli

cli(prog_name="prov")
