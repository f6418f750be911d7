"""`prov conflicts [list|show|resolve]` and `prov uncorroborated` through CliRunner, both backends."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from tests.conftest import Prov
from tests.test_conflicts import Scene


@pytest.fixture
def world(prov: Prov) -> tuple[Prov, Scene, dict[str, int]]:
    scene = Scene(prov.url)
    ids = {
        "a": scene.figure(
            "Outlet A",
            15000,
            chain=["Syrian Observatory for Human Rights"],
            subject="Liwa Fatemiyoun",
        ),
        "b": scene.figure(
            "Outlet B", 15000, chain=["Syrian Observatory for Human Rights"], subject="Fatimiyoun"
        ),
        "c": scene.figure("Outlet C", 3000, chain=["Fars News"], measure="fighters"),
        "z1": scene.figure("Outlet D", 100, subject="Zainabiyoun", published=date(2024, 1, 1)),
        "z2": scene.figure("Outlet E", 95, subject="Zainabiyoun", published=date(2024, 1, 2)),
    }
    return prov, scene, ids


def test_bare_command_lists_table(world: tuple[Prov, Scene, dict[str, int]]) -> None:
    prov, _, _ = world
    result = prov("conflicts")
    assert result.exit_code == 0, result.stderr
    assert "interval" in result.stdout and "Fatemiyoun" in result.stdout
    assert "15000" in result.stdout and "3000" in result.stdout


def test_json_shape(world: tuple[Prov, Scene, dict[str, int]]) -> None:
    prov, _, ids = world
    result = prov("conflicts", "--format", "json")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)
    assert isinstance(findings, list) and len(findings) == 2
    top = findings[0]
    assert top["severity"] == pytest.approx(0.8)
    assert set(top) >= {"id", "kind", "severity", "question", "positions", "status", "verdict"}
    assert set(top["question"]) >= {"subject", "measure", "unit", "place", "window"}
    assert top["status"] == "open" and top["verdict"] is None
    claims = [c for p in top["positions"] for c in p["claims"]]
    assert {c["id"] for c in claims} == {ids["a"], ids["b"], ids["c"]}
    for c in claims:
        assert c["credibility"] in range(1, 7)
        assert {"quote", "chain", "hedge", "article", "status", "source"} <= set(c)
    jsonl = prov("conflicts", "list", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in jsonl.stdout.splitlines()] == [
        f["id"] for f in findings
    ]
    rows = list(csv.DictReader(io.StringIO(prov("conflicts", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [f["id"] for f in findings]


def test_filters(world: tuple[Prov, Scene, dict[str, int]]) -> None:
    prov, _, _ = world

    def ids(*args: str) -> list[str]:
        result = prov("conflicts", "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [f["question"]["subject"] for f in json.loads(result.stdout)]

    assert ids("--subject", "Zainabiyoun") == ["Zainabiyoun"]
    assert ids("--measure", "personnel", "--since", "2025-01-01") == ["Liwa Fatemiyoun"]
    assert ids("--min-severity", "0.5") == ["Liwa Fatemiyoun"]
    bad = prov("conflicts", "--since", "yesterday")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error:")
    unknown = prov("conflicts", "--subject", "No Such Group Anywhere")
    assert unknown.exit_code == 1


def test_fail_on_conflict_resolve_and_reopen(world: tuple[Prov, Scene, dict[str, int]]) -> None:
    prov, scene, ids = world
    assert prov("conflicts", "--fail-on-conflict").exit_code == 3
    findings = json.loads(prov("conflicts", "--format", "json").stdout)
    for f in findings:
        result = prov(
            "conflicts", "resolve", f["id"], "--reason", "different-scope", "--note", "checked"
        )
        assert result.exit_code == 0, result.stderr
    ok = prov("conflicts", "--fail-on-conflict")
    assert ok.exit_code == 0 and "No unresolved conflicts." in ok.stderr
    listed = json.loads(prov("conflicts", "--format", "json", "--include-resolved").stdout)
    assert {f["status"] for f in listed} == {"resolved"}
    assert (
        listed[0]["verdict"]["reason"] == "different-scope"
        and listed[0]["verdict"]["by"] == "tester"
    )
    scene.edit(ids["c"], low=2500.0, high=2500.0)
    assert prov("conflicts", "--fail-on-conflict").exit_code == 3
    reopened = json.loads(prov("conflicts", "--format", "json").stdout)
    assert [f["id"] for f in reopened] == [findings[0]["id"]]


def test_resolve_errors(world: tuple[Prov, Scene, dict[str, int]]) -> None:
    prov, _, _ = world
    fid = json.loads(prov("conflicts", "--format", "json").stdout)[0]["id"]
    assert prov("conflicts", "resolve", fid, "--reason", "because").exit_code == 2
    missing = prov("conflicts", "resolve", "0000000000000000", "--reason", "other")
    assert missing.exit_code == 1 and "no conflict" in missing.stderr


def test_show_explains(world: tuple[Prov, Scene, dict[str, int]]) -> None:
    prov, _, _ = world
    fid = json.loads(prov("conflicts", "--format", "json").stdout)[0]["id"]
    shown = prov("conflicts", "show", fid, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    record = json.loads(shown.stdout)
    same = record["explanation"]["same_question"]
    assert {s["as_written"] for s in same["subject"]} == {
        "Liwa Fatemiyoun",
        "Fatimiyoun",
        "Fatemiyoun",
    }
    assert {"as_written": "fighters", "stored": "fighters", "normalised": "personnel"} in same[
        "measure"
    ]
    assert all(w["from"] == "published" for w in same["windows"])
    assert record["explanation"]["conflict"][0]["intervals"]
    text = prov("conflicts", "show", fid)
    assert text.exit_code == 0
    assert "Why one question" in text.stdout and "Why they conflict" in text.stdout
    assert prov("conflicts", "show", "nope").exit_code == 1


def test_uncorroborated_cli(world: tuple[Prov, Scene, dict[str, int]]) -> None:
    prov, _, ids = world
    result = prov("uncorroborated", "--min-age", "0", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    sohr = [r for r in rows if r["origin"] == "Syrian Observatory for Human Rights"]
    assert len(sohr) == 1 and sohr[0]["claim_ids"] == sorted([ids["a"], ids["b"]])
    assert sohr[0]["summary"] == "2 outlets, 1 origin"
    only = json.loads(prov("uncorroborated", "--subject", "Zainabiyoun", "--format", "json").stdout)
    assert {r["subject"] for r in only} == {"Zainabiyoun"}
    table = prov("uncorroborated", "--min-age", "0")
    assert table.exit_code == 0 and "2 outlets, 1 origin" in table.stdout
    assert prov("uncorroborated", "--min-age", "-1").exit_code == 2


def test_empty_database(prov: Prov) -> None:
    result = prov("conflicts", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert prov("conflicts", "--fail-on-conflict").exit_code == 0
    assert json.loads(prov("uncorroborated", "--format", "json").stdout) == []
