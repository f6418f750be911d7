"""Sentences in the style of conflict wire copy that were read wrong once.

Each case is a whole extraction through ``provenance.extract.extract``: the
figure found (or not), and what it counts, who is its subject and source,
its hedge, polarity, date and place.
"""

from __future__ import annotations

from datetime import date

import pytest

from provenance.extract import extract
from provenance.model import ArticleMeta

META = ArticleMeta(title="t", outlet="Test Wire", published=date(2025, 7, 9))


def claims(text: str) -> list[dict]:
    return [d.to_json() for d in extract(text, META)]


# --------------------------------------------------------------------------
# Sources with long names and acronyms


@pytest.mark.parametrize(
    "text",
    [
        "Some 12,000 people were displaced, the UN Office for the Coordination of "
        "Humanitarian Affairs (OCHA) said.",
        "Some 12,000 people were displaced, the UN Office for the Coordination of "
        "Humanitarian Affairs said.",
        "Some 12,000 people were displaced, said the UN Office for the Coordination of "
        "Humanitarian Affairs (OCHA).",
        "According to the UN Office for the Coordination of Humanitarian Affairs (OCHA), "
        "12,000 people were displaced.",
    ],
)
def test_a_long_name_with_the_inside_and_an_acronym_after_it_is_the_source(text):
    (c,) = claims(text)
    assert c["source"] == "UN Office for the Coordination of Humanitarian Affairs"
    assert c["measure"] == "displaced"


def test_an_acronym_in_brackets_does_not_hide_the_speaker_before_the_figure():
    (c,) = claims("The Syrian Observatory for Human Rights (SOHR) said 12 people were killed.")
    assert c["source"] == "Syrian Observatory for Human Rights"


def test_a_capitalised_report_word_inside_a_name_is_not_a_document():
    for text in (
        "The group has 3,000 fighters, according to the Institute for the Study of War.",
        "The group has 3,000 fighters, the Institute for the Study of War said.",
    ):
        (c,) = claims(text)
        assert c["source"] == "Institute for the Study of War", text
    # A document word that opens the phrase still makes it a document by its author.
    (c,) = claims("Figures compiled by the UN show 3,000 fighters were killed.")
    assert c["source"] == "UN"


def test_a_possessive_inside_a_name_is_part_of_the_name():
    (c,) = claims("The United Nations Children's Fund (UNICEF) said 30 children were recruited.")
    assert c["source"] == "United Nations Children's Fund"
    # A possessive that owns the source still resolves to its owner.
    (c,) = claims("The Observatory's sources said 40 fighters were killed.")
    assert c["source"] == "Observatory"


def test_the_second_speaker_of_a_sentence_speaks_for_the_second_figure():
    text = (
        "Iraqi officials put the number of dead at 9, while the group itself said only "
        "three of its members were killed."
    )
    nine, three = claims(text)
    assert nine["source"] == "Iraqi officials"
    assert three["source"] == "the group"
    assert nine["measure"] == three["measure"] == "killed"


@pytest.mark.parametrize(
    "text",
    [
        "The Popular Mobilization Forces numbers about 238,000 people, according to its "
        "2024 budget.",
        "The Popular Mobilization Forces has 238,000 fighters, according to the group's "
        "2024 annual report.",
        "The Popular Mobilization Forces has 238,000 fighters, according to its own figures.",
    ],
)
def test_the_groups_own_documents_make_the_group_the_origin(text):
    (c,) = claims(text)
    assert c["source"] == "Popular Mobilization Forces"
    assert c["subject"] == "Popular Mobilization Forces"
    assert c["measure"] == "personnel"


def test_a_groups_budget_year_dates_the_figure():
    (c,) = claims(
        "The Popular Mobilization Forces numbers 238,000 people, according to its 2024 budget."
    )
    assert c["as_of"] == "2024"


def test_its_own_figures_without_a_group_named_stay_an_unnamed_source():
    (c,) = claims("The militia has 3,000 fighters, according to its own figures.")
    assert c["source"] == "its own figures"


# --------------------------------------------------------------------------
# Time frames are not counts


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("The group recruited 1,500 people in the past six months.", ["1,500 people"]),
        ("The group recruited 1,500 people over the last two years.", ["1,500 people"]),
        ("Within two weeks, the militia had lost 40 fighters.", ["40 fighters"]),
        ("For the past two years the militia has paid 300 fighters.", ["300 fighters"]),
        ("Fighters get 15 days of leave every three months.", ["15 days"]),
        # A duration that is the claim stays one.
        ("The siege lasted 40 days.", ["40 days"]),
        ("He paid no federal income tax for 18 years.", ["18 years"]),
    ],
)
def test_a_time_frame_is_not_a_claim(text, quotes):
    assert [c["quote"] for c in claims(text)] == quotes


def test_a_time_frame_takes_no_date_from_the_figure_before_it():
    (c,) = claims(
        "The militia enlisted 700 men over the past 12 months, the Observatory said on Wednesday."
    )
    assert c["as_of"] == "2025-07-09"  # the Wednesday of publication


def test_a_bare_figure_after_recruited_is_plain_recruits():
    (c,) = claims("The militia recruited 300.")
    assert c["measure"] == "recruits"
    (c,) = claims("The militia recruited 300 children.")
    assert c["measure"] == "recruits:children"


# --------------------------------------------------------------------------
# Money: what the figure pays for


@pytest.mark.parametrize(
    "text, measure",
    [
        (
            "The militia's monthly payroll is estimated at 2.5 billion Syrian pounds.",
            "monthly payroll",
        ),
        ("The militia's payroll reached 2.5 billion Syrian pounds a month.", "monthly payroll"),
        ("Its monthly wage bill stands at $3 million.", "monthly payroll"),
        ("The group spends about $2 million a month on salaries.", "monthly payroll"),
        ("The group spent $5 million on salaries last year.", "payroll"),
        ("The militia's annual budget is estimated at $40 million.", "annual budget"),
        (
            "The group earns between $10 million and $15 million a month from smuggling.",
            "monthly revenue",
        ),
        # A person's pay is still a salary.
        ("Fighters earn $200 a month.", "monthly salary"),
        ("Fighters are paid $300 a month.", "monthly salary"),
        ("The monthly wages of fighters are $300.", "monthly salary"),
    ],
)
def test_money_measure(text, measure):
    (c,) = claims(text)
    assert c["measure"] == measure


def test_two_payments_in_one_sentence_each_keep_their_own_word():
    one_time, monthly = claims(
        "Each recruit receives a one-time bonus of $500 and a monthly stipend of $150."
    )
    assert (one_time["measure"], monthly["measure"]) == ("bonus", "stipend")


# --------------------------------------------------------------------------
# Hedges and denials


def test_calling_a_figure_a_fabrication_denies_it():
    (c,) = claims(
        'A spokesman, Abu Ali al-Askari, said the figure of 500 dead was "a fabrication."'
    )
    assert c["polarity"] == "denied"


@pytest.mark.parametrize(
    "text, hedge",
    [
        ("Officials said 300 fighters had died, but that could not be verified.", "unverified"),
        (
            "Officials said 300 fighters had died, but the figure could not be independently verified.",
            "unverified",
        ),
        # Another party's clause does not reach back.
        (
            "Officials said 300 fighters had died, while 20 others were reportedly wounded.",
            "certain",
        ),
    ],
)
def test_a_later_clause_that_refers_back_hedges_the_figure(text, hedge):
    assert claims(text)[0]["hedge"] == hedge


# --------------------------------------------------------------------------
# Subjects, measures and places


def test_fighters_of_a_named_organisation_belong_to_it_and_moving_them_is_a_deployment():
    (c,) = claims(
        "Between 3,000 and 5,000 fighters of the Badr Organisation have been moved to the border."
    )
    assert (c["subject"], c["measure"]) == ("Badr Organisation", "deployed")
    (c,) = claims("The Badr Organisation has 10,000 fighters.")
    assert c["subject"] == "Badr Organisation"


def test_a_un_organization_is_not_an_armed_group():
    for text in (
        "The World Health Organization said 300 people were killed.",
        "The International Organization for Migration said 3,000 people were displaced.",
    ):
        (c,) = claims(text)
        assert c["subject"] is None, text


def test_a_predicative_adjective_ends_the_counted_noun():
    (c,) = claims('"We have about 5,000 men ready to fight," a commander said.')
    assert (c["quote"], c["measure"]) == ("about 5,000 men", "personnel")


def test_loyal_to_a_person_is_not_a_place():
    (c,) = claims("The group has 2,000 fighters loyal to Qais al-Khazali.")
    assert c["place"] is None
    (c,) = claims("The group sent 2,000 fighters to Syria.")
    assert c["place"] == "Syria"


def test_a_body_that_numbers_people_counts_its_strength_but_a_camp_does_not():
    (c,) = claims("The militia numbers about 2,000 people.")
    assert c["measure"] == "personnel"
    (c,) = claims("The camp counts some 500 people.")
    assert c["measure"] == "people"


# --------------------------------------------------------------------------
# Across an article


def test_the_monitor_described_by_its_base_is_the_observatory_named_before():
    text = (
        "The militia has enlisted 700 men, the Syrian Observatory for Human Rights said.\n\n"
        "The Britain-based monitor said the group pays each recruit 600,000 Syrian pounds "
        "a month.\n\n"
        "The UK-based war monitor said 40 fighters were killed.\n\n"
        "The monitor said 30 fighters were wounded."
    )
    found = claims(text)
    assert len(found) == 4
    assert {c["source"] for c in found} == {"Syrian Observatory for Human Rights"}


def test_the_monitor_with_no_observatory_named_stays_unnamed():
    (c,) = claims("The monitor said 30 fighters were wounded.")
    assert c["source"] == "the monitor"


def test_a_sources_tally_without_a_reporting_verb_is_its_word():
    text = (
        "Liwa Rimah al-Badiya lost about 150 fighters last year, according to its own count. "
        "The Observatory's tally was higher, at 210."
    )
    first, second = claims(text)
    assert first["source"] == "Liwa Rimah al-Badiya"
    assert (second["quote"], second["measure"], second["source"]) == (
        "210",
        "killed",
        "Observatory",
    )
    # Another figure for the one before: whose and when it was go with it.
    assert (second["subject"], second["as_of"]) == ("Liwa Rimah al-Badiya", "2024")
    (c,) = claims("The health ministry's death toll stood at 45.")
    assert (c["measure"], c["source"]) == ("killed", "the health ministry")


def test_a_conversion_in_apposition_prices_the_same_thing():
    text = (
        "The monitor said the group offers each recruit a monthly salary of 600,000 Syrian "
        "pounds, about $45, far above what farm work pays."
    )
    pounds, dollars = claims(text)
    assert pounds["measure"] == dollars["measure"] == "monthly salary"
    assert (pounds["value"]["unit"], dollars["value"]["unit"]) == ("SYP", "USD")
    # A second sum that is not a conversion keeps its own word.
    salary, bonus = claims("The group pays fighters $100 a month, and $500 as a bonus.")
    assert (salary["measure"], bonus["measure"]) == ("monthly salary", "bonus")


def test_an_unverifiable_note_about_the_piece_after_a_body_sentence_still_counts():
    text = (
        "The Observatory could not verify the claim, it said.\n\n"
        "The militia has 3,000 fighters, officials said.\n\n"
        "This article could not be independently verified by Test Wire."
    )
    (c,) = claims(text)
    assert c["hedge"] == "unverified"
    # Without the note, the body sentence alone hedges nothing else.
    (c,) = claims("\n\n".join(text.split("\n\n")[:2]))
    assert c["hedge"] == "certain"
