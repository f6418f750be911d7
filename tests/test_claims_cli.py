"""`prov claims …` through CliRunner, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EDITORIAL_ARTICLE_A, Prov

RAISE = {"PROV_RAISE_ERRORS": "1"}


def run(prov: Prov, *args: str, input: str | None = None):  # noqa: ANN201
    return prov(*args, input=input, env=RAISE)


def ids(prov: Prov, *args: str) -> list[int]:
    result = run(prov, "claims", "list", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def show(prov: Prov, claim_id: int) -> dict:
    result = run(prov, "claims", "show", str(claim_id), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --------------------------------------------------------------------------
# list


def test_list_formats_share_the_claim_record_shape(editorial) -> None:
    prov, seed = editorial
    rows = json.loads(run(prov, "claims", "list", "--format", "json").stdout)
    assert [r["id"] for r in rows] == seed["claims"]
    assert set(rows[0]) >= {
        "id",
        "article_id",
        "quote",
        "start",
        "end",
        "sentence",
        "subject",
        "measure",
        "value",
        "as_of",
        "place",
        "hedge",
        "hedge_cues",
        "polarity",
        "source",
        "chain",
        "status",
        "origin_kind",
        "credibility",
    }
    assert rows[0]["chain"] == ["Levant Ledger", "Syrian Observatory for Human Rights"]
    lines = run(prov, "claims", "list", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    csv_out = run(prov, "claims", "list", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("id,article_id,quote,start,end,sentence")
    assert len(csv_out) == 5
    table = run(prov, "claims", "list")
    assert table.exit_code == 0 and "some 8,000" in table.stdout


def test_list_filters(editorial) -> None:
    prov, seed = editorial
    c1, c2, c3, c4 = seed["claims"]
    assert ids(prov, "--article", str(seed["b"])) == [c3, c4]
    # any spelling of the subject resolves to the one entity
    assert ids(prov, "--subject", "the Fatemiyoun Brigade") == [c1, c2, c3]
    assert ids(prov, "--subject", "Fatimiyoun") == [c1, c2, c3]
    assert ids(prov, "--subject", "Zainabiyoun") == [c4]
    # lexicon words work for --measure
    assert ids(prov, "--measure", "fighters") == [c1, c3, c4]
    assert ids(prov, "--measure", "monthly salary") == [c2]
    # origin by any alias
    assert ids(prov, "--origin", "SOHR") == [c1]
    assert ids(prov, "--origin", "local sources") == [c2]
    assert ids(prov, "--hedge", "probable") == [c4]
    assert ids(prov, "--status", "candidate") == seed["claims"]
    assert ids(prov, "--status", "confirmed") == []
    assert ids(prov, "--subject", "Fatemiyoun", "--measure", "personnel", "--limit", "1") == [c1]


def test_list_since_until_over_publication_or_as_of(editorial) -> None:
    prov, seed = editorial
    c1, c2, c3, c4 = seed["claims"]
    assert ids(prov, "--since", "2025-02-01") == [c1, c2]
    assert ids(prov, "--until", "2025-01-31") == [c3, c4]
    assert ids(prov, "--since", "2025-01", "--until", "2025-01") == [c3, c4]
    # as_of alone puts a claim in a window its article was not published in
    assert run(prov, "claims", "edit", str(c2), "--as-of", "2024").exit_code == 0
    assert ids(prov, "--until", "2024-12-31") == [c2]
    assert ids(prov, "--since", "2024-06", "--until", "2024-06") == [c2]


def test_list_errors(editorial) -> None:
    prov, _ = editorial
    bad_date = run(prov, "claims", "list", "--since", "2025-13")
    assert bad_date.exit_code == 1 and "Error:" in bad_date.stderr and "2025-13" in bad_date.stderr
    bad_enum = run(prov, "claims", "list", "--hedge", "sure")
    assert bad_enum.exit_code == 2 and "sure" in bad_enum.stderr
    unknown = run(prov, "claims", "list", "--subject", "Hezbollah")
    assert unknown.exit_code == 1 and "no entity matches 'Hezbollah'" in unknown.stderr
    unknown_source = run(prov, "claims", "list", "--origin", "Reuters")
    assert unknown_source.exit_code == 1 and "no source matches" in unknown_source.stderr


def test_full_text_search(editorial) -> None:
    prov, seed = editorial
    c1, c2, c3, c4 = seed["claims"]
    assert ids(prov, "--search", "fighters") == [c1, c3]
    assert ids(prov, "--search", "Syrian pounds") == [c2]
    assert ids(prov, "--search", "350,000") == [c2]
    assert ids(prov, "--search", "members", "--subject", "Zainabiyoun") == [c4]
    # the index follows edits of the quote
    assert run(prov, "claims", "edit", str(c1), "--quote", "Up to 15,000 fighters").exit_code == 0
    assert ids(prov, "--search", "fighters") == [c1, c3]


@pytest.mark.parametrize(
    "text",
    ['"foo', "AND(", "fighters OR", 'NEAR("a" "b")', "x*", "'; DROP TABLE claim; --", "^fighters"],
)
def test_search_never_crashes_on_query_syntax(editorial, text: str) -> None:
    prov, seed = editorial
    result = run(prov, "claims", "list", "--search", text, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)
    assert len(ids(prov)) == len(seed["claims"])  # nothing was dropped


def test_search_without_words_is_an_error(editorial) -> None:
    prov, _ = editorial
    result = run(prov, "claims", "list", "--search", "*** ((")
    assert result.exit_code == 1 and "no words" in result.stderr


# --------------------------------------------------------------------------
# show


def test_show_text_highlights_quote_and_draws_chain(editorial) -> None:
    prov, seed = editorial
    result = run(prov, "claims", "show", str(seed["claims"][1]))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "[[about 350,000 Syrian pounds a month]]" in out
    assert "Local sources told the Observatory" in out  # the paragraph around it
    assert "[315,000, 385,000] SYP (about)" in out
    assert "Attribution chain" in out and "└── Levant Ledger" in out
    assert "local sources  (origin)" in out
    assert "created" in out and "extractor" in out  # history


def test_show_json_is_the_record_plus_history(editorial) -> None:
    prov, seed = editorial
    data = show(prov, seed["claims"][0])
    assert data["quote"] == "up to 15,000 fighters"
    assert data["value"] == {
        "text": "up to 15,000",
        "low": 0,
        "high": 15000,
        "unit": "count",
        "approx": "at_most",
    }
    assert data["version"] == 1
    assert [e["action"] for e in data["history"]] == ["create"]


def test_show_unknown_id(editorial) -> None:
    prov, _ = editorial
    result = run(prov, "claims", "show", "999")
    assert result.exit_code == 1 and result.stderr.strip() == "Error: no claim with id 999"


# --------------------------------------------------------------------------
# add


def test_add_against_an_article_prints_the_new_id(editorial) -> None:
    prov, seed = editorial
    result = run(
        prov,
        "claims",
        "add",
        "--article",
        str(seed["a"]),
        "--quote",
        "recruited 2,000 civilians",
        "--value",
        "2,000",
        "--measure",
        "recruits:civilians",
        "--subject",
        "Fatemiyoun",
        "--as-of",
        "2024",
        "--hedge",
        "unverified",
        "--cue",
        "reportedly",
        "--source",
        "Syrian Observatory for Human Rights",
        "--via",
        "Asharq Al-Awsat",
        "--note",
        "added by hand",
        "--no-interactive",
    )
    assert result.exit_code == 0, result.stderr
    new_id = int(result.stdout.strip())
    data = show(prov, new_id)
    start = EDITORIAL_ARTICLE_A.index("recruited 2,000 civilians")
    assert (data["start"], data["end"]) == (start, start + len("recruited 2,000 civilians"))
    assert data["sentence"] == "The group reportedly recruited 2,000 civilians last year."
    assert data["value"]["low"] == data["value"]["high"] == 2000
    assert data["chain"] == [
        "Levant Ledger",
        "Asharq Al-Awsat",
        "Syrian Observatory for Human Rights",
    ]
    assert (data["origin_kind"], data["status"], data["hedge"]) == (
        "manual",
        "confirmed",
        "unverified",
    )
    assert data["hedge_cues"] == ["reportedly"] and data["note"] == "added by hand"
    assert data["history"][0]["actor"] == "tester"


def test_add_value_uses_the_interval_parser(editorial) -> None:
    prov, seed = editorial
    result = run(
        prov,
        "claims",
        "add",
        "--url",
        seed["url_a"],
        "--quote",
        "about 350,000 Syrian pounds",
        "--value",
        "about 350,000 Syrian pounds",
        "--measure",
        "monthly salary",
        "--by",
        "amal",
    )
    assert result.exit_code == 0, result.stderr
    data = show(prov, int(result.stdout))
    assert data["value"] == {
        "text": "about 350,000 Syrian pounds",
        "low": 315000,
        "high": 385000,
        "unit": "SYP",
        "approx": "about",
    }
    assert data["history"][0]["actor"] == "amal"


def test_add_quote_not_in_article_shows_closest_passage(editorial) -> None:
    prov, seed = editorial
    result = run(
        prov,
        "claims",
        "add",
        "--article",
        str(seed["a"]),
        "--quote",
        "about 350,000 Syrian pound per month",
    )
    assert result.exit_code == 1
    assert "does not occur in article" in result.stderr
    assert (
        "closest passage" in result.stderr
        and "about 350,000 Syrian pounds a month" in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert len(ids(prov)) == 4


def test_add_repeated_quote_picks_first_and_says_so_or_takes_occurrence(editorial) -> None:
    prov, seed = editorial
    first = run(prov, "claims", "add", "--article", str(seed["a"]), "--quote", "15,000 fighters")
    assert first.exit_code == 0
    assert "occurs 2 times" in first.stderr and "--occurrence" in first.stderr
    assert show(prov, int(first.stdout))["start"] == EDITORIAL_ARTICLE_A.index("15,000 fighters")
    second = run(
        prov,
        "claims",
        "add",
        "--article",
        str(seed["a"]),
        "--quote",
        "15,000 fighters",
        "--occurrence",
        "2",
    )
    assert second.exit_code == 0 and "occurs" not in second.stderr
    assert show(prov, int(second.stdout))["start"] == EDITORIAL_ARTICLE_A.rindex("15,000 fighters")
    third = run(
        prov,
        "claims",
        "add",
        "--article",
        str(seed["a"]),
        "--quote",
        "15,000 fighters",
        "--occurrence",
        "3",
    )
    assert third.exit_code == 1 and "out of range" in third.stderr


def test_add_new_source_document(editorial) -> None:
    prov, _ = editorial
    result = run(
        prov,
        "claims",
        "add",
        "--title",
        "Interview on Channel Nine",
        "--outlet",
        "Channel Nine",
        "--published",
        "2025-02-10",
        "--url",
        "https://nine.example/interview",
        "--text",
        "The commander said: we have 12,000 men under arms today.",
        "--quote",
        "we have 12,000 men",
        "--value",
        "12,000",
        "--measure",
        "fighters",
        "--subject",
        "Fatemiyoun",
        "--source",
        "a Fatemiyoun commander",
        "--source-kind",
        "person",
    )
    assert result.exit_code == 0, result.stderr
    data = show(prov, int(result.stdout))
    assert data["chain"] == ["Channel Nine", "a Fatemiyoun commander"]
    assert data["measure"] == "personnel"
    articles_ids = ids(prov, "--subject", "Fatemiyoun")
    assert int(result.stdout) in articles_ids
    # the document is found again by its URL
    again = run(
        prov,
        "claims",
        "add",
        "--url",
        "https://nine.example/interview",
        "--quote",
        "12,000 men under arms",
    )
    assert again.exit_code == 0, again.stderr
    assert show(prov, int(again.stdout))["article_id"] == data["article_id"]
    # without --text the quote is the document
    bare = run(
        prov,
        "claims",
        "add",
        "--outlet",
        "Radio Sawt",
        "--published",
        "2025-02-11",
        "--quote",
        "Two thousand fighters crossed the border",
    )
    assert bare.exit_code == 0, bare.stderr
    assert show(prov, int(bare.stdout))["start"] == 0


def test_add_errors(editorial) -> None:
    prov, seed = editorial
    a = str(seed["a"])
    missing = run(prov, "claims", "add", "--article", a, "--no-interactive")
    assert missing.exit_code == 2 and "--quote is required" in missing.stderr
    no_article = run(prov, "claims", "add", "--quote", "x", "--no-interactive")
    assert no_article.exit_code == 2
    unknown = run(prov, "claims", "add", "--article", "77", "--quote", "x")
    assert unknown.exit_code == 1 and "no article with id 77" in unknown.stderr
    unknown_url = run(prov, "claims", "add", "--url", "https://nowhere.example/", "--quote", "x")
    assert unknown_url.exit_code == 1 and "no ingested article with URL" in unknown_url.stderr
    bad_date = run(
        prov, "claims", "add", "--article", a, "--quote", "15,000 fighters", "--as-of", "2025-02-30"
    )
    assert bad_date.exit_code == 1 and "not a real date" in bad_date.stderr
    bad_enum = run(
        prov, "claims", "add", "--article", a, "--quote", "15,000 fighters", "--hedge", "maybe"
    )
    assert bad_enum.exit_code == 2
    bad_value = run(
        prov, "claims", "add", "--article", a, "--quote", "15,000 fighters", "--value", "banana"
    )
    assert bad_value.exit_code == 1 and "banana" in bad_value.stderr
    via_alone = run(
        prov, "claims", "add", "--article", a, "--quote", "15,000 fighters", "--via", "Reuters"
    )
    assert via_alone.exit_code == 1 and "--via needs --source" in via_alone.stderr
    bad_doc_date = run(
        prov, "claims", "add", "--outlet", "X", "--published", "Feb 2025", "--quote", "q"
    )
    assert bad_doc_date.exit_code == 1
    assert len(ids(prov)) == 4  # nothing stored by any failure


def test_interactive_add_prompts_for_missing_fields(editorial) -> None:
    prov, seed = editorial
    answers = (
        "\n".join(
            [
                "about 350,000 Syrian pounds",
                "SYP",
                "monthly salary",
                "Fatemiyoun",
                "2025-01",
                "Deir Ezzor",
                "Syrian Observatory for Human Rights",
                "probable",
                "affirmed",
            ]
        )
        + "\n"
    )
    result = run(
        prov,
        "claims",
        "add",
        "--interactive",
        "--article",
        str(seed["a"]),
        "--quote",
        "about 350,000 Syrian pounds a month",
        input=answers,
    )
    assert result.exit_code == 0, result.stderr
    assert "Value as written" in result.stderr and "Hedge" in result.stderr
    data = show(prov, int(result.stdout.strip().splitlines()[-1]))
    assert data["value"]["low"] == 315000 and data["value"]["unit"] == "SYP"
    assert (data["subject"], data["as_of"], data["place"], data["hedge"]) == (
        "Liwa Fatemiyoun",
        "2025-01",
        "Deir Ezzor",
        "probable",
    )
    assert data["source"] == "Syrian Observatory for Human Rights"


def test_interactive_add_offers_extractor_defaults(editorial) -> None:
    from provenance.extract import extract

    prov, seed = editorial
    quote = "some 8,000 fighters"
    text = (
        "The Fatimiyoun Brigade has some 8,000 fighters, an Iraqi security official said on Monday."
    )
    drafts = [
        d
        for d in extract(text)
        if d.start <= text.index(quote) < d.end
        or text.index(quote) <= d.start < text.index(quote) + len(quote)
    ]
    assert drafts, "the extractor finds the figure"
    # Enter at every prompt accepts what the extractor found
    result = run(
        prov,
        "claims",
        "add",
        "--interactive",
        "--article",
        str(seed["b"]),
        "--quote",
        quote,
        input="\n" * 12,
    )
    assert result.exit_code == 0, result.stderr
    data = show(prov, int(result.stdout.strip().splitlines()[-1]))
    assert data["value"] is not None
    assert (data["value"]["low"], data["value"]["high"]) == (
        drafts[0].value.low,
        drafts[0].value.high,
    )
    assert data["hedge"] == drafts[0].hedge


def test_interactive_add_asks_for_article_and_quote(editorial) -> None:
    prov, seed = editorial
    answers = f"{seed['b']}\n1,200 members\n" + "-\n" * 7 + "\n\n"
    result = run(prov, "claims", "add", "--interactive", input=answers)
    assert result.exit_code == 0, result.stderr
    data = show(prov, int(result.stdout.strip().splitlines()[-1]))
    assert data["quote"] == "1,200 members" and data["value"] is None and data["subject"] is None


# --------------------------------------------------------------------------
# edit, confirm, reject, retract, history


def test_edit_records_before_and_after(editorial) -> None:
    prov, seed = editorial
    c1 = seed["claims"][0]
    result = run(
        prov,
        "claims",
        "edit",
        str(c1),
        "--value",
        "about 15,000",
        "--place",
        "Deir Ezzor",
        "--reason",
        "body says about",
        "--by",
        "nadia",
    )
    assert result.exit_code == 0, result.stderr
    assert "value" in result.stderr and "place" in result.stderr
    data = show(prov, c1)
    assert data["value"]["approx"] == "about" and data["value"]["low"] == 13500
    assert data["place"] == "Deir Ezzor"
    assert data["version"] == 3
    edits = [e for e in data["history"] if e["action"] == "edit"]
    assert {e["field"] for e in edits} == {"value", "place"}
    value_event = next(e for e in edits if e["field"] == "value")
    assert value_event["before"]["value_text"] == "up to 15,000"
    assert value_event["after"]["value_text"] == "about 15,000"
    assert value_event["actor"] == "nadia" and value_event["reason"] == "body says about"
    # clearing a field
    assert run(prov, "claims", "edit", str(c1), "--place", "").exit_code == 0
    assert show(prov, c1)["place"] is None


def test_edit_chain_subject_measure_quote_and_polarity(editorial) -> None:
    prov, seed = editorial
    c2 = seed["claims"][1]
    result = run(
        prov,
        "claims",
        "edit",
        str(c2),
        "--via",
        "Asharq Al-Awsat",
        "--subject",
        "Zainabiyoun",
        "--measure",
        "salary",
        "--polarity",
        "denied",
        "--quote",
        "about 350,000 Syrian pounds",
        "--unit",
        "SYP",
    )
    assert result.exit_code == 0, result.stderr
    data = show(prov, c2)
    assert data["chain"] == ["Levant Ledger", "Asharq Al-Awsat", "local sources"]
    assert (
        data["subject"] == "Zainabiyoun"
        and data["measure"] == "salary"
        and data["polarity"] == "denied"
    )
    assert data["quote"] == "about 350,000 Syrian pounds"
    assert data["start"] == EDITORIAL_ARTICLE_A.index("about 350,000")
    # --source replaces the origin, --via "" drops the relays
    assert run(prov, "claims", "edit", str(c2), "--source", "SOHR", "--via", "").exit_code == 0
    assert show(prov, c2)["chain"] == ["Levant Ledger", "Syrian Observatory for Human Rights"]
    assert ids(prov, "--origin", "Syrian Observatory for Human Rights") == [seed["claims"][0], c2]


def test_edit_errors(editorial) -> None:
    prov, seed = editorial
    c1 = str(seed["claims"][0])
    nothing = run(prov, "claims", "edit", c1)
    assert nothing.exit_code == 2 and "nothing to edit" in nothing.stderr
    unknown = run(prov, "claims", "edit", "404", "--place", "Homs")
    assert unknown.exit_code == 1 and "no claim with id 404" in unknown.stderr
    bad_quote = run(prov, "claims", "edit", c1, "--quote", "twenty thousand fighters")
    assert bad_quote.exit_code == 1 and "closest passage" in bad_quote.stderr
    bad_date = run(prov, "claims", "edit", c1, "--as-of", "yesterday")
    assert bad_date.exit_code == 1 and "ISO 8601" in bad_date.stderr
    bad_enum = run(prov, "claims", "edit", c1, "--polarity", "negative")
    assert bad_enum.exit_code == 2
    stale = run(prov, "claims", "edit", c1, "--place", "Homs", "--expect-version", "7")
    assert stale.exit_code == 1 and "changed by extractor" in stale.stderr
    assert show(prov, int(c1))["version"] == 1


def test_edit_without_change_keeps_version(editorial) -> None:
    prov, seed = editorial
    c1 = seed["claims"][0]
    result = run(prov, "claims", "edit", str(c1), "--measure", "fighters")  # already personnel
    assert result.exit_code == 0 and "nothing changed" in result.stderr
    assert show(prov, c1)["version"] == 1


def test_confirm_reject_retract_keep_rows_and_record_reasons(editorial) -> None:
    prov, seed = editorial
    c1, c2, c3, _ = seed["claims"]
    assert run(prov, "claims", "confirm", str(c1)).exit_code == 0
    again = run(prov, "claims", "confirm", str(c1))
    assert again.exit_code == 1 and "already confirmed" in again.stderr
    no_reason = run(prov, "claims", "reject", str(c2))
    assert no_reason.exit_code == 2 and "--reason" in no_reason.stderr
    assert run(prov, "claims", "reject", str(c2), "--reason", "not a salary").exit_code == 0
    assert run(prov, "claims", "retract", str(c1), "--reason", "outlet corrected it").exit_code == 0
    assert ids(prov, "--status", "retracted") == [c1]
    assert ids(prov, "--status", "rejected") == [c2]
    assert len(ids(prov)) == 4
    history = json.loads(run(prov, "claims", "history", str(c1), "--format", "json").stdout)
    assert [(e["action"], e["before"], e["after"]) for e in history[1:]] == [
        ("confirm", "candidate", "confirmed"),
        ("retract", "confirmed", "retracted"),
    ]
    assert history[2]["reason"] == "outlet corrected it" and history[2]["actor"] == "tester"
    unknown = run(prov, "claims", "confirm", "999")
    assert unknown.exit_code == 1 and "no claim with id 999" in unknown.stderr
    stale = run(prov, "claims", "confirm", str(c3), "--expect-version", "2")
    assert stale.exit_code == 1 and "StaleEdit" not in stale.stderr and "changed by" in stale.stderr


def test_history_formats(editorial) -> None:
    prov, seed = editorial
    c4 = str(seed["claims"][3])
    assert (
        run(prov, "claims", "edit", c4, "--hedge", "certain", "--reason", "stated flatly").exit_code
        == 0
    )
    table = run(prov, "claims", "history", c4)
    assert table.exit_code == 0 and "probable" in table.stdout and "stated flatly" in table.stdout
    csv_out = run(prov, "claims", "history", c4, "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "id,at,actor,action,field,before,after,reason" and len(csv_out) == 3
    unknown = run(prov, "claims", "history", "999")
    assert unknown.exit_code == 1 and "no claim with id 999" in unknown.stderr


def test_user_from_environment(editorial) -> None:
    prov, seed = editorial
    c1 = str(seed["claims"][0])
    result = prov("claims", "confirm", c1, env={"PROV_USER": "layla"})
    assert result.exit_code == 0
    assert show(prov, int(c1))["history"][-1]["actor"] == "layla"


def test_record_columns_match_what_claim_records_builds(editorial) -> None:  # noqa: ANN001
    from provenance.store import CLAIM_RECORD_COLUMNS

    prov, _seed = editorial
    rows = json.loads(run(prov, "claims", "list", "--format", "json").stdout)
    assert tuple(rows[0]) == CLAIM_RECORD_COLUMNS


def test_list_filters_by_credibility_grade(editorial) -> None:
    """Grades are computed per claim; --credibility keeps the claims with those grades."""
    prov, seed = editorial
    rows = json.loads(run(prov, "claims", "list", "--format", "json").stdout)
    by_grade: dict[int, list[int]] = {}
    for row in rows:
        by_grade.setdefault(row["credibility"], []).append(row["id"])
    assert len(rows) == len(seed["claims"]) and len(by_grade) >= 2, by_grade
    for grade, wanted in by_grade.items():
        assert ids(prov, "--credibility", str(grade)) == wanted
    two = sorted(by_grade)[:2]
    both = sorted(i for g in two for i in by_grade[g])
    assert ids(prov, *(a for g in two for a in ("--credibility", str(g)))) == both
    # --limit counts the claims that pass the grade filter, not those before it.
    grade = max(by_grade, key=lambda g: len(by_grade[g]))
    assert ids(prov, "--credibility", str(grade), "--limit", "1") == by_grade[grade][:1]
    absent = next(g for g in range(1, 7) if g not in by_grade)
    assert ids(prov, "--credibility", str(absent)) == []
    bad = prov("claims", "list", "--credibility", "7")
    assert bad.exit_code == 2 and "1<=x<=6" in bad.stderr


def _overlap(a: dict, b: dict) -> bool:
    inf = float("inf")
    a_hi = inf if a["high"] is None else a["high"]
    b_hi = inf if b["high"] is None else b["high"]
    return a["low"] <= b_hi and b["low"] <= a_hi


def test_show_explains_the_credibility_grade(prov, tmp_path) -> None:  # noqa: ANN001
    """`claims show` says which origins confirm and which contradict, claim by claim."""
    texts = [
        ("Levant Wire", "the Observatory said", "about 3,000"),
        ("Gulf Dispatch", "a commander told the paper", "some 3,100"),
        ("Kabul Ledger", "a researcher said", "at least 20,000"),
    ]
    for i, (outlet, who, figure) in enumerate(texts):
        path = tmp_path / f"a{i}.txt"
        path.write_text(
            f"Title: Numbers {i}\nOutlet: {outlet}\nPublished: 2025-03-0{i + 1}\n\n"
            f"The Fatemiyoun Brigade has {figure} fighters in Syria, {who}.\n",
            encoding="utf-8",
        )
        assert run(prov, "ingest", str(path)).exit_code == 0
    claim_ids = ids(prov)
    assert len(claim_ids) == 3
    explained = 0
    for claim_id in claim_ids:
        data = show(prov, claim_id)
        why = data["credibility_explained"]
        assert why["claim_id"] == claim_id and why["credibility"] == data["credibility"]
        for origin in why["confirming_origins"]:
            assert origin["claim_ids"], origin
            for other in origin["claim_ids"]:
                assert _overlap(data["value"], show(prov, other)["value"])
        for origin in why["contradicting_origins"]:
            assert origin["claim_ids"], origin
            for other in origin["claim_ids"]:
                assert not _overlap(data["value"], show(prov, other)["value"])
        explained += bool(why["confirming_origins"]) + bool(why["contradicting_origins"])
        text = run(prov, "claims", "show", str(claim_id)).stdout
        assert "Credibility" in text and f"{why['credibility']} {why['label']}" in text
        assert "confirmed by:" in text and "contradicted by:" in text
    first = show(prov, claim_ids[0])["credibility_explained"]
    assert [o["claim_ids"] for o in first["confirming_origins"]] == [[claim_ids[1]]]
    assert [o["claim_ids"] for o in first["contradicting_origins"]] == [[claim_ids[2]]]
    assert explained >= 4
