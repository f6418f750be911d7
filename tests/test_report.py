"""prov report: ISO week arithmetic, empty weeks, formats, and figures against a seeded database."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.errors import InvalidInput
from provenance.report import Week, weekly_report
from tests.test_views import _seed


def test_week_one_when_january_first_is_a_thursday_or_friday() -> None:
    # 2015-01-01 was a Thursday: it is in 2015-W01. 2021-01-01 was a Friday: 2020-W53.
    assert Week.containing(date(2015, 1, 1)).label == "2015-W01"
    assert Week.containing(date(2021, 1, 1)).label == "2020-W53"
    assert Week.parse("2024-W01").start == date(2024, 1, 1)
    assert Week.parse("2026-W53").last == date(2027, 1, 3)
    assert Week.parse("2025-W01").start == date(2024, 12, 30)


def test_week_53_only_in_long_years_and_bad_weeks_refused() -> None:
    with pytest.raises(InvalidInput, match="no week 53"):
        Week.parse("2025-W53")
    for bad in ("2025-06", "W06", "2025-W", "2025-W00"):
        with pytest.raises(InvalidInput):
            Week.parse(bad)


def test_default_is_last_complete_week() -> None:
    assert Week.last_complete(date(2025, 2, 10)).label == "2025-W06"  # a Monday
    assert Week.last_complete(date(2025, 2, 16)).label == "2025-W06"  # a Sunday
    assert Week.last_complete(date(2025, 1, 2)).label == "2024-W52"


@given(st.dates(min_value=date(1900, 1, 8), max_value=date(2999, 12, 1)))
def test_week_contains_its_days_and_previous_is_seven_days_back(day: date) -> None:
    week = Week.containing(day)
    assert week.start <= day <= week.last
    assert week.start.weekday() == 0
    assert week.previous().end == week.start
    assert Week.parse(week.label) == week


def test_empty_week_all_formats(prov) -> None:  # noqa: ANN001
    for fmt in ("text", "markdown", "json", "html"):
        result = prov("report", "--week", "2025-W06", "--format", fmt, "--no-refresh")
        assert result.exit_code == 0, result.stderr
        assert "2025-W06" in result.stdout
    data = json.loads(prov("report", "--week", "2025-W06", "--format", "json").stdout)
    assert data["figures"]["claims"] == {"value": 0, "previous": 0, "delta": 0}


def test_bad_week_is_a_one_line_error(prov) -> None:  # noqa: ANN001
    result = prov("report", "--week", "2025-W60")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: week '2025-W60' does not exist: 2025 has no week 60"


def test_seeded_week_figures(migrated_url: str) -> None:
    from sqlalchemy import text

    from provenance.db import get_engine, session_scope
    from provenance.grades import credibility_for

    first, second = _seed(migrated_url)  # one article published 2025-02-06 (W06), two claims
    # "up to 15,000" overlaps 3,000, so the two independent origins would
    # corroborate each other; make the figures disagree as the finding says.
    with get_engine(migrated_url).begin() as conn:
        conn.execute(
            text("UPDATE claim SET low = 10000, value_text = '10,000 to 15,000' WHERE id = :i"),
            {"i": first},
        )
    with session_scope(get_engine(migrated_url)) as session:
        grades = credibility_for(session, [first, second])
        by_pub = weekly_report(session, "2025-W06", "published")
        before = weekly_report(session, "2025-W05", "published")
        after = weekly_report(session, "2025-W07", "published")
    assert by_pub["figures"]["articles"] == {"value": 1, "previous": 0, "delta": 1}
    assert by_pub["figures"]["claims"]["value"] == 2
    assert by_pub["claims_by_status"]["candidate"]["value"] == 2
    assert before["figures"]["claims"]["value"] == 0
    assert after["figures"]["claims"] == {"value": 0, "previous": 2, "delta": -2}
    # The seeded finding was opened 2025-02-07 and never resolved.
    assert [f["id"] for f in by_pub["conflicts_opened"]] == ["f" * 32]
    assert {c["id"] for c in by_pub["conflicts_opened"][0]["claims"]} == {first, second}
    assert [f["id"] for f in after["conflicts_still_open"]] == ["f" * 32]
    origins = {o["origin"]: o for o in by_pub["top_origins"]}
    assert origins["Iran"]["claims"] == 1 and origins["Iran"]["contradicted"] == 1
    assert origins["Iran"]["confirmed"] == 0
    expected = Counter(str(g) for g in grades.values())
    assert {k: f["value"] for k, f in by_pub["claims_by_credibility"].items() if f["value"]} == (
        dict(expected)
    )


def test_backfilled_conflict_opens_in_its_publication_week(prov, tmp_path) -> None:  # noqa: ANN001
    """Articles ingested today about last year: `--by published` places the conflict in
    the week its second, disagreeing figure was published; `--by ingested` in this week."""
    first = tmp_path / "first.txt"
    first.write_text(
        "Title: Brigade numbers\nOutlet: Levant Wire\nPublished: 2025-03-04\n\n"
        "The Fatemiyoun Brigade has about 3,000 fighters in Syria, the Observatory said.\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.txt"
    second.write_text(
        "Title: Brigade numbers disputed\nOutlet: Gulf Dispatch\nPublished: 2025-03-12\n\n"
        "The Fatemiyoun Brigade has some 20,000 fighters in Syria, a commander said.\n",
        encoding="utf-8",
    )
    assert prov("ingest", str(first), str(second)).exit_code == 0
    assert prov("conflicts", "--format", "json").exit_code == 0

    def report(*args: str) -> dict:
        result = prov("report", *args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    # 2025-03-12 is in ISO week 2025-W11; the first figure alone (W10) is no conflict yet.
    w10 = report("--week", "2025-W10", "--by", "published")
    assert w10["conflicts_opened"] == [] and w10["conflicts_still_open"] == []
    w11 = report("--week", "2025-W11", "--by", "published")
    assert [f["opened_at"] for f in w11["conflicts_opened"]] == ["2025-03-12"]
    assert w11["figures"]["conflicts_opened"]["value"] == 1
    w12 = report("--week", "2025-W12", "--by", "published")
    assert w12["conflicts_opened"] == []
    assert [f["id"] for f in w12["conflicts_still_open"]] == [w11["conflicts_opened"][0]["id"]]
    this_week = date.today().isocalendar()
    now = report("--week", f"{this_week.year}-W{this_week.week:02d}", "--by", "ingested")
    assert [f["id"] for f in now["conflicts_opened"]] == [w11["conflicts_opened"][0]["id"]]
