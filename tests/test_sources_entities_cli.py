"""`prov sources …`, `prov entities …`, `prov measures …` through CliRunner, both backends."""

from __future__ import annotations

import json

from tests.conftest import Prov

RAISE = {"PROV_RAISE_ERRORS": "1"}


def run(prov: Prov, *args: str):  # noqa: ANN201
    return prov(*args, env=RAISE)


def as_json(prov: Prov, *args: str):  # noqa: ANN201
    result = run(prov, *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def claim_ids(prov: Prov, *args: str) -> list[int]:
    return [r["id"] for r in as_json(prov, "claims", "list", *args, "--format", "json")]


# --------------------------------------------------------------------------
# sources


def test_sources_list_counts_origins_and_relays(editorial) -> None:
    prov, _ = editorial
    rows = {r["name"]: r for r in as_json(prov, "sources", "list", "--format", "json")}
    sohr = rows["Syrian Observatory for Human Rights"]
    assert (sohr["kind"], sohr["grade"], sohr["origin_of"], sohr["relayed"]) == (
        "organisation",
        "F",
        1,
        1,
    )
    assert "SOHR" in sohr["aliases"]
    assert (rows["Levant Ledger"]["kind"], rows["Levant Ledger"]["relayed"]) == ("outlet", 2)
    assert rows["Gulf Wire"]["origin_of"] == 1  # the unattributed claim's origin is its outlet
    anonymous = as_json(prov, "sources", "list", "--kind", "anonymous", "--format", "json")
    assert [r["name"] for r in anonymous] == ["an Iraqi security official"]
    csv_out = run(prov, "sources", "list", "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "id,name,kind,grade,aliases,origin_of,relayed" and len(csv_out) == 6
    assert "Levant Ledger" in run(prov, "sources", "list").stdout
    assert run(prov, "sources", "list", "--grade", "G").exit_code == 2


def test_sources_show_by_alias(editorial) -> None:
    prov, seed = editorial
    c1, c2, _, _ = seed["claims"]
    data = as_json(prov, "sources", "show", "SOHR", "--format", "json")
    assert data["name"] == "Syrian Observatory for Human Rights" and data["kind"] == "organisation"
    assert [r["id"] for r in data["origin_of"]] == [c1]
    assert [r["id"] for r in data["relayed"]] == [c2]
    text = run(prov, "sources", "show", "sohr")
    assert text.exit_code == 0
    assert "grade: F" in text.stdout and "Claims it is the origin of (1)" in text.stdout
    assert "Claims it relayed (1)" in text.stdout
    unknown = run(prov, "sources", "show", "Reuters")
    assert unknown.exit_code == 1 and unknown.stderr.strip() == "Error: no source matches 'Reuters'"


def test_sources_add_alias_grade_and_history(editorial) -> None:
    prov, seed = editorial
    added = run(
        prov,
        "sources",
        "add",
        "Syrian Network for Human Rights",
        "--alias",
        "the Network",
        "--grade",
        "c",
        "--description",
        "monitoring group",
    )
    assert added.exit_code == 0, added.stderr
    assert int(added.stdout) > 0
    data = as_json(prov, "sources", "show", "the Network", "--format", "json")
    assert data["grade"] == "C" and "SNHR" in data["aliases"] and "the Network" in data["aliases"]
    dup = run(prov, "sources", "add", "SOHR")
    assert dup.exit_code == 1 and "exists already" in dup.stderr

    assert run(prov, "sources", "alias", "SOHR", "the Observatory").exit_code == 0
    assert claim_ids(prov, "--origin", "the Observatory") == [seed["claims"][0]]
    taken = run(prov, "sources", "alias", "SOHR", "the Network")
    assert (
        taken.exit_code == 1
        and "already names another source, 'Syrian Network for Human Rights'" in taken.stderr
    )
    assert run(prov, "sources", "alias", "Nobody", "x").exit_code == 1

    graded = run(
        prov,
        "sources",
        "grade",
        "the Observatory",
        "B",
        "--reason",
        "matched UN counts",
        "--by",
        "desk",
    )
    assert graded.exit_code == 0 and "grade F → B" in graded.stderr
    data = as_json(prov, "sources", "show", "SOHR", "--format", "json")
    assert data["grade"] == "B"
    grade_events = [e for e in data["history"] if e["action"] == "grade"]
    assert [(e["before"], e["after"], e["reason"], e["actor"]) for e in grade_events] == [
        ("F", "B", "matched UN counts", "desk")
    ]
    assert "matched UN counts" in run(prov, "sources", "show", "SOHR").stdout

    assert run(prov, "sources", "grade", "SOHR", "G", "--reason", "x").exit_code == 2
    assert run(prov, "sources", "grade", "SOHR", "A").exit_code == 2  # --reason required
    same = run(prov, "sources", "grade", "SOHR", "B", "--reason", "again")
    assert same.exit_code == 1 and "already graded B" in same.stderr
    unknown = run(prov, "sources", "grade", "Nobody", "A", "--reason", "x")
    assert unknown.exit_code == 1 and "no source matches 'Nobody'" in unknown.stderr
    assert run(prov, "sources", "add", "X", "--kind", "robot").exit_code == 2


# --------------------------------------------------------------------------
# entities


def test_entities_list_show_alias(editorial) -> None:
    prov, seed = editorial
    rows = {r["name"]: r for r in as_json(prov, "entities", "list", "--format", "json")}
    assert rows["Liwa Fatemiyoun"]["claims"] == 3 and rows["Zainabiyoun"]["claims"] == 1
    assert "Fatimiyoun Brigade" in rows["Liwa Fatemiyoun"]["aliases"]
    data = as_json(prov, "entities", "show", "fatemiyoun brigade", "--format", "json")
    assert (
        data["name"] == "Liwa Fatemiyoun"
        and [c["id"] for c in data["claims"]] == seed["claims"][:3]
    )
    assert "Claims (1)" in run(prov, "entities", "show", "Zainabiyoun").stdout

    assert run(prov, "entities", "alias", "Zainabiyoun", "Lashkar-e Zaynabiyun").exit_code == 0
    assert claim_ids(prov, "--subject", "Lashkar-e Zaynabiyun") == [seed["claims"][3]]
    taken = run(prov, "entities", "alias", "Zainabiyoun", "Fatemiyoun")
    assert taken.exit_code == 1 and "already names another entity" in taken.stderr
    unknown = run(prov, "entities", "show", "Hezbollah")
    assert unknown.exit_code == 1 and "no entity matches 'Hezbollah'" in unknown.stderr


def test_entities_merge_moves_claims_and_aliases(editorial) -> None:
    prov, seed = editorial
    extra = run(
        prov,
        "claims",
        "add",
        "--article",
        str(seed["b"]),
        "--quote",
        "Zainabiyoun units",
        "--subject",
        "Hashd units",
    )
    assert extra.exit_code == 0, extra.stderr
    extra_id = int(extra.stdout)
    merged = run(
        prov,
        "entities",
        "merge",
        "Hashd units",
        "Zainabiyoun",
        "--reason",
        "same formation",
        "--by",
        "omar",
    )
    assert merged.exit_code == 0, merged.stderr
    assert "1 claim(s) moved" in merged.stderr
    assert claim_ids(prov, "--subject", "Zainabiyoun") == [seed["claims"][3], extra_id]
    assert claim_ids(prov, "--subject", "Hashd units") == [
        seed["claims"][3],
        extra_id,
    ]  # alias moved
    visible = [r["name"] for r in as_json(prov, "entities", "list", "--format", "json")]
    assert "Hashd units" not in visible
    everything = {
        r["name"]: r for r in as_json(prov, "entities", "list", "--all", "--format", "json")
    }
    survivor_id = everything["Zainabiyoun"]["id"]
    assert everything["Hashd units"]["merged_into"] == survivor_id  # the row is kept
    shown = as_json(prov, "entities", "show", "Zainabiyoun", "--format", "json")
    assert shown["merged_from"][0]["name"] == "Hashd units"
    assert any(e["action"] == "merge" and e["reason"] == "same formation" for e in shown["history"])
    history = as_json(prov, "claims", "history", str(extra_id), "--format", "json")
    assert history[-1]["field"] == "subject" and history[-1]["actor"] == "omar"
    assert history[-1]["after"]["subject_id"] == survivor_id
    same = run(prov, "entities", "merge", "Zainabiyoun", "Liwa Zainabiyoun")
    assert same.exit_code == 1 and "same entity" in same.stderr
    assert run(prov, "entities", "merge", "Nobody", "Zainabiyoun").exit_code == 1


# --------------------------------------------------------------------------
# measures


def test_measures_list_and_alias(editorial) -> None:
    prov, seed = editorial
    rows = {r["word"]: r for r in as_json(prov, "measures", "list", "--format", "json")}
    assert rows["fighters"] == {
        "word": "fighters",
        "measure": "personnel",
        "origin": "built-in",
        "added_by": None,
    }
    result = run(prov, "measures", "alias", "Paramilitaries", "personnel", "--by", "desk")
    assert result.exit_code == 0 and "'paramilitaries' now means personnel" in result.stderr
    override = run(prov, "measures", "alias", "troops", "soldiers")
    assert override.exit_code == 0 and "(was personnel)" in override.stderr
    rows = {r["word"]: r for r in as_json(prov, "measures", "list", "--format", "json")}
    assert rows["paramilitaries"] == {
        "word": "paramilitaries",
        "measure": "personnel",
        "origin": "editor",
        "added_by": "desk",
    }
    assert rows["troops"]["origin"] == "editor (overrides built-in)"
    # the lexicon is used by --measure everywhere
    assert claim_ids(prov, "--measure", "paramilitaries") == claim_ids(
        prov, "--measure", "fighters"
    )
    added = run(
        prov,
        "claims",
        "add",
        "--article",
        str(seed["a"]),
        "--quote",
        "fighters across the province",
        "--measure",
        "paramilitaries",
    )
    assert (
        as_json(prov, "claims", "show", added.stdout.strip(), "--format", "json")["measure"]
        == "personnel"
    )
    again = run(prov, "measures", "alias", "paramilitaries", "personnel")
    assert again.exit_code == 1 and "already means" in again.stderr
    assert run(prov, "measures", "alias", " ", "personnel").exit_code == 1
    assert "paramilitaries" in run(prov, "measures", "list").stdout


def test_an_alias_folds_deployed_fighters_into_the_strength(prov, tmp_path) -> None:  # noqa: ANN001
    text = "Kataib al-Nasr sent about 500 fighters to Syria in January, an official said.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert prov("measures", "alias", "deployed", "personnel").exit_code == 0
    assert prov("ingest", str(tmp_path / "a.txt")).exit_code == 0
    (row,) = as_json(prov, "claims", "list", "--format", "json")
    assert row["measure"] == "personnel"


def test_a_body_cited_by_acronym_in_one_article_and_by_name_in_another_is_one_origin(
    prov, tmp_path
) -> None:  # noqa: ANN001
    articles = {
        "a.txt": "Title: Losses\nOutlet: Levant Daily\nPublished: 2025-03-04\n\n"
        "Fighting killed at least 140 fighters of the Desert Hawks militia in February,"
        " according to the Armed Conflict Location & Event Data Project.\n",
        "b.txt": "Title: Toll\nOutlet: Gulf Monitor\nPublished: 2025-03-06\n\n"
        "ACLED said about 140 Desert Hawks fighters were killed in February.\n",
    }
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run(prov, "ingest", str(tmp_path / "b.txt"), str(tmp_path / "a.txt"))
    assert result.exit_code == 0, result.stderr
    (row,) = as_json(prov, "uncorroborated", "--format", "json")
    assert (row["origin"], row["origins"], row["outlets"]) == ("ACLED", 1, 2)
    source = as_json(
        prov,
        "sources",
        "show",
        "Armed Conflict Location and Event Data Project",
        "--format",
        "json",
    )
    assert source["name"] == "ACLED" and len(source["origin_of"]) == 2


def _ingest(prov: Prov, tmp_path, articles: dict[str, str]) -> None:  # noqa: ANN001
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run(prov, "ingest", *(str(tmp_path / name) for name in articles))
    assert result.exit_code == 0, result.stderr


def test_sources_merge_makes_two_names_one_origin_with_history(prov, tmp_path) -> None:  # noqa: ANN001
    _ingest(
        prov,
        tmp_path,
        {
            "a.txt": "Title: A\nOutlet: Levant Daily\nPublished: 2025-03-08\n\n"
            "The Desert Hawks militia has about 3,000 fighters, according to the"
            " Euphrates Monitoring Centre.\n",
            "b.txt": "Title: B\nOutlet: Gulf Monitor\nPublished: 2025-03-09\n\n"
            "The Desert Hawks militia has about 3,000 fighters, the Euphrates Monitor said.\n",
            "c.txt": "Title: C\nOutlet: The Daily Levant\nPublished: 2025-03-10\n\n"
            "The Euphrates Monitor, citing the Euphrates Monitoring Centre, said the"
            " Desert Hawks militia has about 3,000 fighters.\n",
        },
    )
    # As stored, two origins: only the claim relayed from one to the other
    # stands alone.
    (before,) = as_json(prov, "uncorroborated", "--format", "json")
    assert before["claim_ids"] == [3]
    assert claim_ids(prov, "--origin", "Euphrates Monitor") == [2]
    merged = run(
        prov,
        "sources",
        "merge",
        "Euphrates Monitor",
        "Euphrates Monitoring Centre",
        "--reason",
        "the same monitor",
        "--by",
        "amal",
    )
    assert merged.exit_code == 0, merged.stderr
    assert "2 claim(s) changed" in merged.stderr
    (row,) = as_json(prov, "uncorroborated", "--format", "json")
    assert (row["origin"], row["origins"], row["outlets"]) == ("Euphrates Monitoring Centre", 1, 3)
    assert row["claim_ids"] == [1, 2, 3]
    chains = [r["chain"] for r in as_json(prov, "claims", "list", "--format", "json")]
    assert chains == [
        ["Levant Daily", "Euphrates Monitoring Centre"],
        ["Gulf Monitor", "Euphrates Monitoring Centre"],
        ["The Daily Levant", "Euphrates Monitoring Centre"],  # two hops, now one source
    ]
    assert claim_ids(prov, "--origin", "Euphrates Monitor") == [1, 2, 3]
    # The merged source keeps its row; the old name finds the survivor.
    assert "Euphrates Monitor" not in [
        r["name"] for r in as_json(prov, "sources", "list", "--format", "json")
    ]
    everything = {
        r["name"]: r for r in as_json(prov, "sources", "list", "--all", "--format", "json")
    }
    survivor_id = everything["Euphrates Monitoring Centre"]["id"]
    assert everything["Euphrates Monitor"]["merged_into"] == survivor_id
    shown = as_json(prov, "sources", "show", "Euphrates Monitor", "--format", "json")
    assert shown["id"] == survivor_id and shown["merged_from"][0]["name"] == "Euphrates Monitor"
    assert "Euphrates Monitor" in shown["aliases"]
    assert any(
        e["action"] == "merge" and e["reason"] == "the same monitor" for e in shown["history"]
    )
    history = as_json(prov, "claims", "history", "2", "--format", "json")
    assert history[-1]["field"] == "chain" and history[-1]["actor"] == "amal"
    assert history[-1]["after"]["origin_source_id"] == survivor_id
    # A new article citing the old name lands on the survivor.
    _ingest(
        prov,
        tmp_path,
        {
            "d.txt": "Title: D\nOutlet: Gulf Monitor\nPublished: 2025-03-11\n\n"
            "The Desert Hawks militia lost 40 fighters, the Euphrates Monitor said.\n"
        },
    )
    assert as_json(prov, "claims", "list", "--format", "json")[-1]["source"] == (
        "Euphrates Monitoring Centre"
    )
    text = run(prov, "sources", "show", "Euphrates Monitoring Centre")
    assert "merged from: Euphrates Monitor" in text.stdout
    same = run(prov, "sources", "merge", "Euphrates Monitor", "Euphrates Monitoring Centre")
    assert same.exit_code == 1 and "same source" in same.stderr
    assert run(prov, "sources", "merge", "Nobody", "Gulf Monitor").exit_code == 1


def test_sources_merge_of_two_outlets_moves_their_articles(prov, tmp_path) -> None:  # noqa: ANN001
    _ingest(
        prov,
        tmp_path,
        {
            "a.txt": "Title: A\nOutlet: Levant Daily\nPublished: 2025-03-08\n\n"
            "The Desert Hawks militia has about 3,000 fighters.\n",
            "b.txt": "Title: B\nOutlet: The Daily Levant\nPublished: 2025-03-09\n\n"
            "The Desert Hawks militia now has about 3,000 fighters.\n",
        },
    )
    assert len(as_json(prov, "uncorroborated", "--format", "json")) == 0
    assert run(prov, "sources", "merge", "The Daily Levant", "Levant Daily").exit_code == 0
    (row,) = as_json(prov, "uncorroborated", "--format", "json")
    assert (row["origin"], row["outlets"]) == ("Levant Daily", 1)
    outlets = [a["outlet"] for a in as_json(prov, "articles", "list", "--format", "json")]
    assert outlets == ["Levant Daily", "Levant Daily"]
    _ingest(
        prov,
        tmp_path,
        {
            "c.txt": "Title: C\nOutlet: The Daily Levant\nPublished: 2025-03-10\n\n"
            "The Desert Hawks militia lost 40 fighters.\n"
        },
    )
    assert as_json(prov, "articles", "list", "--format", "json")[0]["outlet"] == "Levant Daily"
