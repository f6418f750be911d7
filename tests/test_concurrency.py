"""Two editors saving one claim at once: the later stale save fails, nothing is lost.

* Two real processes (`python -m cli claims edit … --expect-version 1`) on one
  SQLite file and on one PostgreSQL database: exactly one wins, the other
  exits 1 naming the winner, and the winner's change and history stay.
* Two connections on PostgreSQL inside open transactions: the second
  UPDATE waits for the first's row lock, then finds the version moved on and
  fails with StaleEdit instead of overwriting (read committed re-checks the
  WHERE clause against the committed row).
* On SQLite, an editor who read the claim before another saved it (the
  version they saw is passed along) fails the same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from provenance.db import get_engine, session_scope
from provenance.editorial import ClaimFields, current_state, edit_claim, get_claim, set_status
from provenance.errors import StaleEdit
from provenance.history import events_for, replay_claim
from tests.conftest import REPO, seed_editorial, wait_for


def _edit_process(url: str, user: str, place: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PROV_DATABASE_URL": url, "PROV_USER": user}
    env.pop("PROV_RAISE_ERRORS", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "claims",
            "edit",
            "1",
            "--place",
            place,
            "--expect-version",
            "1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_one_wins_the_other_is_told_who(migrated_url: str) -> None:
    seed_editorial(migrated_url)
    procs = {
        user: _edit_process(migrated_url, user, place)
        for user, place in (("amal", "Homs"), ("omar", "Hama"))
    }
    results = {user: (p.wait(timeout=120), p.communicate()[1]) for user, p in procs.items()}
    codes = sorted(code for code, _ in results.values())
    assert codes == [0, 1], results
    winner = next(u for u, (code, _) in results.items() if code == 0)
    loser = next(u for u, (code, _) in results.items() if code == 1)
    err = results[loser][1].strip()
    assert err.startswith("Error: claim 1 was changed by " + winner), err
    assert "your change (place=" in err and "was not saved" in err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    with session_scope(get_engine(migrated_url)) as s:
        claim = get_claim(s, 1)
        assert claim.place == {"amal": "Homs", "omar": "Hama"}[winner]
        assert (claim.version, claim.updated_by) == (2, winner)
        events = events_for(s, "claim", 1)
        assert [(e.actor, e.field) for e in events[1:]] == [(winner, "place")]
        assert replay_claim(events) == current_state(s, claim)


def test_stale_reader_fails_after_another_save(migrated_url: str) -> None:
    seed_editorial(migrated_url)
    engine = get_engine(migrated_url)
    with session_scope(engine) as s:  # editor A reads the claim
        seen = get_claim(s, 2).version
    with session_scope(engine, write=True) as s:  # editor B saves first
        edit_claim(
            s,
            2,
            ClaimFields(value="about 400,000 Syrian pounds"),
            actor="nadia",
            reason="Arabic original",
        )
    with pytest.raises(StaleEdit) as info, session_scope(engine, write=True) as s:
        set_status(s, 2, "confirmed", actor="amal", expect_version=seen)
    assert "changed by nadia" in str(info.value) and "now version 2, you had version 1" in str(
        info.value
    )
    with session_scope(engine) as s:
        claim = get_claim(s, 2)
        assert (claim.status, claim.value_text, claim.version) == (
            "candidate",
            "about 400,000 Syrian pounds",
            2,
        )


@pytest.mark.postgres
def test_postgres_concurrent_transactions_do_not_overwrite(pg_url: str) -> None:
    from provenance.db import init_database

    init_database(pg_url)
    seed_editorial(pg_url)
    engine = get_engine(pg_url)
    first_saved = threading.Event()
    release_first = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        with session_scope(engine, write=True) as s:
            edit_claim(s, 3, ClaimFields(place="Diyala"), actor="amal")
            first_saved.set()
            release_first.wait(30)  # hold the row lock, transaction open

    def second() -> None:
        try:
            with session_scope(engine, write=True) as s:
                get_claim(s, 3)  # reads version 1: the first save is not committed yet
                edit_claim(s, 3, ClaimFields(place="Anbar"), actor="omar")
            outcome["second"] = "saved"
        except StaleEdit as exc:
            outcome["second"] = exc

    t1 = threading.Thread(target=first)
    t1.start()
    assert first_saved.wait(30)
    t2 = threading.Thread(target=second)
    t2.start()

    def second_is_waiting_on_the_lock() -> bool:
        with engine.connect() as conn:
            from sqlalchemy import text

            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND query LIKE 'UPDATE claim%'"
                    )
                ).scalar()
            )

    assert wait_for(second_is_waiting_on_the_lock, timeout=30)
    release_first.set()
    t1.join(30)
    t2.join(30)
    assert isinstance(outcome.get("second"), StaleEdit), outcome
    assert "changed by amal" in str(outcome["second"])
    with session_scope(engine) as s:
        claim = get_claim(s, 3)
        assert (claim.place, claim.version, claim.updated_by) == ("Diyala", 2, "amal")
        assert replay_claim(events_for(s, "claim", 3)) == current_state(s, claim)


def test_cli_reports_stale_edit_in_one_line(prov) -> None:  # noqa: ANN001
    seed_editorial(prov.url)
    assert prov("claims", "edit", "4", "--place", "Kirkuk", "--by", "nadia").exit_code == 0
    result = prov("claims", "edit", "4", "--place", "Mosul", "--expect-version", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: claim 4 was changed by nadia at ")
    shown = json.loads(prov("claims", "show", "4", "--format", "json").stdout)
    assert shown["place"] == "Kirkuk" and shown["version"] == 2
