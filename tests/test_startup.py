"""Commands that do not extract never import the NLP stack (start-up time).

Checked in a real subprocess with `python -X importtime`, which lists every
module imported; timing itself lives in benchmarks/startup.py.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

HEAVY = ("spacy", "thinc", "dateparser", "trafilatura", "quantulum3")


def imported_top_level_modules(args: list[str], db: str) -> tuple[int, set[str]]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PROV_DATABASE_URL": db}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    modules = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return proc.returncode, modules


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["articles", "list"],
        ["claims", "list"],
        ["claims", "list", "--format", "json"],
        ["sources", "list"],
        ["entities", "list"],
        ["conflicts", "--format", "json"],
        ["uncorroborated", "--format", "json"],
    ],
)
def test_non_extracting_commands_do_not_import_nlp(args: list[str], sqlite_url: str) -> None:
    code, modules = imported_top_level_modules(args, sqlite_url)
    assert code == 0, f"prov {' '.join(args)} exited {code}"
    assert not modules & set(HEAVY), f"prov {' '.join(args)} imported {modules & set(HEAVY)}"


def test_version_does_not_import_the_database_stack(sqlite_url: str) -> None:
    code, modules = imported_top_level_modules(["--version"], sqlite_url)
    assert code == 0
    assert "sqlalchemy" not in modules and "sqlmodel" not in modules
