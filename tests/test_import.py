"""`prov claims import`: validation first, all or nothing, list -> edit -> import round trips."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.db import get_engine, init_database, session_scope
from schema.models import Event
from tests.conftest import EDITORIAL_ARTICLE_A, Prov, seed_editorial

RAISE = {"PROV_RAISE_ERRORS": "1"}


def run(prov: Prov, *args: str, input: str | None = None):  # noqa: ANN201
    return prov(*args, input=input, env=RAISE)


def listing(prov: Prov, fmt: str = "json") -> str:
    result = run(prov, "claims", "list", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def event_count(url: str) -> int:
    from sqlmodel import func, select

    with session_scope(get_engine(url)) as s:
        return int(s.exec(select(func.count()).select_from(Event)).one())


def test_unchanged_listing_reimports_as_a_no_op(editorial, tmp_path: Path) -> None:
    prov, _ = editorial
    before = listing(prov)
    events = event_count(prov.url)
    for fmt in ("jsonl", "csv"):
        path = tmp_path / f"claims.{fmt}"
        path.write_text(listing(prov, fmt), encoding="utf-8")
        result = run(prov, "claims", "import", str(path))
        assert result.exit_code == 0, result.stderr
        assert "0 added, 0 updated, 4 unchanged" in result.stderr
    assert listing(prov) == before
    assert event_count(prov.url) == events


def test_spreadsheet_edit_round_trip_records_events(editorial, tmp_path: Path) -> None:
    prov, seed = editorial
    rows = list(csv.DictReader(io.StringIO(listing(prov, "csv"))))
    rows[0]["status"] = "confirmed"
    rows[2]["value"] = "about 9,000"  # plain text is read by the --value parser
    rows[2]["place"] = "Diyala"
    rows[3]["chain"] = json.dumps(["Gulf Wire", "Reuters", "an Iraqi security official"])
    path = tmp_path / "edited.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run(prov, "claims", "import", str(path), "--by", "desk")
    assert result.exit_code == 0, result.stderr
    assert "0 added, 3 updated, 1 unchanged" in result.stderr
    after = {r["id"]: r for r in json.loads(listing(prov))}
    c1, _, c3, c4 = seed["claims"]
    assert after[c1]["status"] == "confirmed"
    assert after[c3]["value"] == {
        "text": "about 9,000",
        "low": 8100,
        "high": 9900,
        "unit": "count",
        "approx": "about",
    }
    assert after[c3]["place"] == "Diyala"
    assert after[c4]["chain"] == ["Gulf Wire", "Reuters", "an Iraqi security official"]
    history = json.loads(run(prov, "claims", "history", str(c3), "--format", "json").stdout)
    assert {(e["field"], e["actor"], e["reason"]) for e in history[1:]} == {
        ("value", "desk", "import edited.csv"),
        ("place", "desk", "import edited.csv"),
    }
    # importing the new listing again changes nothing
    path.write_text(listing(prov, "csv"), encoding="utf-8")
    again = run(prov, "claims", "import", str(path))
    assert "0 added, 0 updated, 4 unchanged" in again.stderr


def test_rows_without_id_add_manual_claims(editorial, tmp_path: Path) -> None:
    prov, seed = editorial
    rows = [
        {
            "article_id": seed["a"],
            "quote": "recruited 2,000 civilians",
            "value": {
                "text": "2,000",
                "low": 2000,
                "high": 2000,
                "unit": "count",
                "approx": "exact",
            },
            "measure": "recruits:civilians",
            "subject": "Fatemiyoun",
            "hedge": "unverified",
            "hedge_cues": ["reportedly"],
            "chain": ["Levant Ledger", "Syrian Observatory for Human Rights"],
        },
        {
            "article_id": seed["b"],
            "quote": "Zainabiyoun units",
            "status": "candidate",
            "note": "check",
        },
    ]
    path = tmp_path / "new.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = run(prov, "claims", "import", str(path))
    assert result.exit_code == 0, result.stderr
    new_ids = [int(x) for x in result.stdout.split()]
    assert len(new_ids) == 2
    records = {r["id"]: r for r in json.loads(listing(prov))}
    first = records[new_ids[0]]
    start = EDITORIAL_ARTICLE_A.index("recruited 2,000 civilians")
    assert (first["start"], first["end"]) == (start, start + len("recruited 2,000 civilians"))
    assert (first["origin_kind"], first["status"], first["source"]) == (
        "manual",
        "confirmed",
        "Syrian Observatory for Human Rights",
    )
    assert records[new_ids[1]]["status"] == "candidate"


def test_a_bad_row_in_the_middle_writes_nothing_and_lists_every_bad_row(
    editorial, tmp_path: Path
) -> None:
    prov, seed = editorial
    before = listing(prov)
    events = event_count(prov.url)
    good = {"article_id": seed["a"], "quote": "up to 15,000 fighters", "value": "up to 15,000"}
    lines = [
        json.dumps(good),
        json.dumps({"article_id": seed["a"], "quote": "twenty thousand fighters"}),
        json.dumps({**good, "quote": "15,000 fighters", "start": 0}),
        "",
        json.dumps({"article_id": seed["a"], "quote": "fighters", "hedge": "sure"}),
        json.dumps({"article_id": seed["a"], "quote": "fighters", "as_of": "2025-02-30"}),
        "{not json",
        json.dumps({"article_id": 999, "quote": "x"}),
        json.dumps({"id": 999, "place": "Homs"}),
        json.dumps({"id": seed["claims"][0], "article_id": seed["b"]}),
        json.dumps({"article_id": "three", "quote": "x"}),
        json.dumps({"quote": "fighters"}),
        json.dumps({"article_id": seed["a"], "quote": "fighters", "colour": "red"}),
        json.dumps({"article_id": seed["a"], "quote": "fighters", "value": "banana"}),
        json.dumps(good),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for extra in ((), ("--dry-run",)):
        result = run(prov, "claims", "import", str(path), *extra)
        assert result.exit_code == 1
        err = result.stderr
        assert "line 2: quote" in err and "closest passage" in err
        assert "line 3: quote does not match article" in err
        assert "line 5: hedge 'sure' is not one of" in err
        assert "line 6: as_of '2025-02-30' is not a real date" in err
        assert "line 7: not valid JSON" in err
        assert "line 8: no article with id 999" in err
        assert "line 9: no claim with id 999" in err
        assert "line 10: article_id" in err and "cannot move" in err
        assert "line 11: article_id must be a whole number" in err
        assert "line 12: article_id is required" in err
        assert "line 13: unknown field(s) 'colour'" in err
        assert "line 14: " in err and "banana" in err
        assert "line 1:" not in err and "line 15:" not in err
        assert err.strip().endswith("Error: 12 of 14 row(s) are invalid; nothing was imported")
    assert listing(prov) == before
    assert event_count(prov.url) == events


def test_dry_run_validates_only(editorial, tmp_path: Path) -> None:
    prov, seed = editorial
    before = listing(prov)
    path = tmp_path / "ok.jsonl"
    path.write_text(
        json.dumps(
            {
                "article_id": seed["a"],
                "quote": "15,000 fighters",
                "start": EDITORIAL_ARTICLE_A.rindex("15,000 fighters"),
            }
        )
        + "\n"
        + json.dumps({"id": seed["claims"][0], "status": "confirmed"})
        + "\n",
        encoding="utf-8",
    )
    result = run(prov, "claims", "import", str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "2 row(s) valid: 1 would be added, 1 updated, 0 unchanged" in result.stderr
    assert listing(prov) == before
    real = run(prov, "claims", "import", str(path))
    assert real.exit_code == 0 and "1 added, 1 updated" in real.stderr


def test_partial_csv_confirms_in_bulk_and_checks_versions(editorial, tmp_path: Path) -> None:
    prov, seed = editorial
    c1, c2, c3, c4 = seed["claims"]
    path = tmp_path / "status.csv"
    path.write_text(
        f"id,status,version\n{c1},confirmed,1\n{c2},rejected,\n{c3},confirmed,1\n", encoding="utf-8"
    )
    result = run(prov, "claims", "import", str(path), "--reason", "weekly review")
    assert result.exit_code == 0, result.stderr
    assert [r["status"] for r in json.loads(listing(prov))] == [
        "confirmed",
        "rejected",
        "confirmed",
        "candidate",
    ]
    stale = run(prov, "claims", "import", str(path))  # versions moved on
    assert stale.exit_code == 1 and f"line 2: claim {c1} is at version 2" in stale.stderr


def test_unreadable_files(editorial, tmp_path: Path) -> None:
    prov, seed = editorial
    cases = {
        "empty.csv": (b"", "is empty"),
        "blob.jsonl": (b"\x00\x01\x02binary", "looks binary"),
        "latin.csv": ("id,place\n1,Dar\xe2a\n".encode("latin-1"), "not UTF-8"),
        "typo.csv": (b"id,plaace\n1,Homs\n", "unknown column(s) 'plaace'"),
        "short.csv": (
            f"id,place,status\n{seed['claims'][0]},Homs\n".encode(),
            "line 2: 2 cells for 3 columns",
        ),
        "notes.txt": (b"hello", "use .csv or .jsonl"),
        "list.jsonl": (b"[1, 2]\n", "line 1: each line must be a JSON object"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = run(prov, "claims", "import", str(path))
        assert result.exit_code == 1, name
        assert message in result.stderr, (name, result.stderr)
    missing = run(prov, "claims", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2


def test_duplicate_ids_and_create_missing(editorial, tmp_path: Path) -> None:
    prov, seed = editorial
    c1 = seed["claims"][0]
    dup = tmp_path / "dup.csv"
    dup.write_text(f"id,place\n{c1},Homs\n{c1},Hama\n", encoding="utf-8")
    result = run(prov, "claims", "import", str(dup))
    assert (
        result.exit_code == 1 and f"line 3: claim {c1} appears twice (also line 2)" in result.stderr
    )
    rows = [json.loads(line) for line in listing(prov, "jsonl").splitlines()]
    restored = {**rows[0], "id": 500}
    path = tmp_path / "restore.jsonl"
    path.write_text(json.dumps(restored) + "\n", encoding="utf-8")
    assert run(prov, "claims", "import", str(path)).exit_code == 1
    ok = run(prov, "claims", "import", str(path), "--create-missing")
    assert ok.exit_code == 0, ok.stderr
    new = next(r for r in json.loads(listing(prov)) if r["id"] == int(ok.stdout))
    assert {k: v for k, v in new.items() if k not in ("id", "credibility")} == {
        k: v for k, v in rows[0].items() if k not in ("id", "credibility")
    }


def test_import_from_stdin(editorial) -> None:
    prov, seed = editorial
    data = json.dumps({"article_id": seed["b"], "quote": "1,200 members", "value": "1,200"}) + "\n"
    assert run(prov, "claims", "import", "-", input=data).exit_code == 2  # format needed
    result = run(prov, "claims", "import", "-", "--format", "jsonl", input=data)
    assert result.exit_code == 0, result.stderr and int(result.stdout) > 0


# --------------------------------------------------------------------------
# Hypothesis: list -> import round trip, into the same and into a fresh database

# "\r" is left out: Python 3.11's csv writer does not quote a lone carriage
# return when the line terminator is "\n" (cli/output.py), so such a cell
# cannot be read back; reported to the lead.
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    min_size=1,
    max_size=20,
)
_claim = st.fixed_dictionaries(
    {
        "quote": st.sampled_from(
            [
                "up to 15,000 fighters",
                "about 350,000 Syrian pounds a month",
                "2,000 civilians",
                "highest figure",
            ]
        ),
        "value": st.sampled_from(
            [
                None,
                "205",
                "about 350,000",
                "up to 15,000",
                "more than 200",
                "between 200 and 300",
                "1.5 million",
            ]
        ),
        "measure": st.sampled_from(
            [None, "fighters", "monthly salary", "recruits:civilians", "civilians"]
        ),
        "subject": st.sampled_from([None, "Fatemiyoun", "Zainabiyoun", "Hashd al-Shaabi"]),
        "as_of": st.sampled_from([None, "2025", "2025-01", "2025-01-11/2025-01-20", "2024-12-31"]),
        "place": st.one_of(st.none(), _text.filter(lambda s: s.strip() == s and s != "")),
        "hedge": st.sampled_from(["certain", "probable", "possible", "unverified"]),
        "hedge_cues": st.lists(
            _text.filter(lambda s: s.strip() == s and "," not in s and ";" not in s), max_size=3
        ),
        "polarity": st.sampled_from(["affirmed", "denied"]),
        "chain": st.lists(
            st.sampled_from(
                [
                    "Reuters",
                    "Asharq Al-Awsat",
                    "Syrian Observatory for Human Rights",
                    "a local official",
                ]
            ),
            max_size=3,
            unique=True,
        ),
        "status": st.sampled_from(["candidate", "confirmed", "rejected", "retracted"]),
    }
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(claims=st.lists(_claim, min_size=1, max_size=4), fmt=st.sampled_from(["csv", "jsonl"]))
def test_listing_round_trips_through_import(tmp_path_factory, claims: list[dict], fmt: str) -> None:
    base = tmp_path_factory.mktemp("rt")
    source = Prov(f"sqlite:///{base / 'source.db'}")
    target = Prov(f"sqlite:///{base / 'target.db'}")
    for p in (source, target):
        init_database(p.url)
        seed_editorial(p.url)
    rows = [{"article_id": 1, **c, "chain": ["Levant Ledger", *c["chain"]]} for c in claims]
    new = base / "new.jsonl"
    new.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    added = run(source, "claims", "import", str(new))
    assert added.exit_code == 0, added.stderr
    exported = listing(source, fmt)
    path = base / f"claims.{fmt}"
    path.write_text(exported, encoding="utf-8")
    # same database: nothing changes
    same = run(source, "claims", "import", str(path))
    assert same.exit_code == 0, same.stderr
    assert f"0 added, 0 updated, {4 + len(claims)} unchanged" in same.stderr
    assert listing(source, fmt) == exported
    # fresh database with the same articles: restored claims equal the originals
    restored = run(target, "claims", "import", str(path), "--create-missing")
    assert restored.exit_code == 0, restored.stderr

    def strip(records: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k not in ("id", "credibility")} for r in records]

    mine = json.loads(listing(source))
    theirs = json.loads(listing(target))
    assert strip(theirs) == strip(mine)
