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


# --------------------------------------------------------------------------
# Session 12: detentions, disputes, group names with "in", money given


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        (
            "The Kurdish-led SDF said it was holding about 9,000 IS fighters in its prisons.",
            "detained",
        ),
        ("Security forces arrested 30 people in Basra.", "detained"),
        ("200 fighters were captured near Homs.", "detained"),
        ("Police said 150 Islamic State fighters had been arrested.", "detained"),
        ("Two-thirds of the 900 detainees are foreign nationals.", "detained"),
        ("Gunmen kidnapped 12 aid workers.", "abducted"),
        ("The army captured 3 towns.", "towns"),
        # holding a place is not holding people: the group's strength
        ("The group holding Raqqa has 5,000 fighters.", "personnel"),
    ],
)
def test_people_held_are_detained_not_a_strength(text, measure):
    (c,) = claims(text)
    assert c["measure"] == measure


def test_a_name_in_capitals_is_not_a_stop_word():
    # "IS" is not "is": the figure counts IS fighters, who are its subject.
    (c,) = claims("The SDF said it was holding about 9,000 IS fighters.")
    assert c["quote"] == "about 9,000 IS fighters"
    assert c["subject"] == "IS"


def test_the_group_the_quote_names_is_the_subject_before_the_speakers_group():
    (c,) = claims(
        "A Taliban spokesman, Zabihullah Mujahid, told reporters in Kabul that 150 "
        "Islamic State fighters had been arrested."
    )
    assert c["subject"] == "Islamic State"
    assert c["source"] == "Zabihullah Mujahid"


def test_generic_forces_are_no_named_group():
    (c,) = claims("Security forces arrested 30 people in Basra.")
    assert c["subject"] is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Al Arabiya quoted a commander as saying the group had 20,000 men.", "a commander"),
        ("Al Jazeera reported that 20 fighters were killed.", "Al Jazeera"),
        (
            "Per a report by the Armed Conflict Location and Event Data Project, JNIM carried "
            "out 1,200 attacks in 2024.",
            "Armed Conflict Location and Event Data Project",
        ),
        (
            "The Armed Conflict Location & Event Data Project (ACLED) has recorded 312 attacks "
            "on shipping.",
            "Armed Conflict Location & Event Data Project",
        ),
        (
            "According to the Armed Conflict Location & Event Data Project, 300 people died.",
            "Armed Conflict Location & Event Data Project",
        ),
        # two sources joined by "and" stay two: the first is read
        ("According to the Pentagon and the State Department, 300 troops were sent.", "Pentagon"),
        ("The death toll has risen to 112, the civil defence said.", "the civil defence"),
        ("State television reported that the army had killed 40 militants.", "State television"),
        ("Yemen's Houthi movement says it has enlisted 40,000 fighters.", "Houthi movement"),
        (
            "The Houthis, meanwhile, expanded their attacks and announced plans to recruit "
            "10,000 fighters.",
            "Houthis",
        ),
    ],
)
def test_source_names(text, source):
    (c,) = claims(text)
    assert c["source"] == source


def test_al_arabiya_keeps_its_article_in_the_relay():
    (c,) = claims("Al Arabiya quoted a commander as saying the group had 20,000 men.")
    assert c["chain"][1:] == ["Al Arabiya", "a commander"]


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic Resistance in Iraq has claimed more than 170 attacks on US forces.",
        "The Islamic Resistance in Iraq said it had 300 fighters.",
    ],
)
def test_a_resistance_in_a_place_is_one_name(text):
    (c,) = claims(text)
    assert c["source"] == "Islamic Resistance in Iraq"
    assert c["subject"] == "Islamic Resistance in Iraq"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The Popular Mobilisation Forces' budget for 2024 was 3.5 trillion Iraqi dinars.",
         "Popular Mobilisation Forces"),
        ("Yemen's Houthis have 20,000 fighters.", "Houthis"),
        ("Iraq's Popular Mobilisation Forces have 200,000 fighters.", "Popular Mobilisation Forces"),
        # a possessive that is part of the name stays
        ("The People's Protection Units have 30,000 fighters.", "People's Protection Units"),
    ],
)  # fmt: skip
def test_a_countrys_possessive_and_a_plural_possessive_are_not_part_of_the_group(text, subject):
    (c,) = claims(text)
    assert c["subject"] == subject


def test_rejecting_the_figure_denies_it_and_names_who_rejects_it():
    (c,) = claims("Iraqi officials rejected the figure of 40,000 militiamen as exaggerated.")
    assert (c["source"], c["polarity"]) == ("Iraqi officials", "denied")
    (c,) = claims("The ministry dismissed reports that 300 fighters had been killed.")
    assert (c["source"], c["polarity"], c["measure"]) == ("the ministry", "denied", "killed")
    # rejecting something that is not a claim speaks of nothing
    (c,) = claims("Parliament rejected a bill to pay 300,000 dinars to each fighter.")
    assert c["source"] == "Test Wire"


def test_not_possible_to_verify_is_unverified_not_a_denial():
    (c,) = claims(
        "It was not possible to independently verify the claim that 700 fighters defected."
    )
    assert (c["hedge"], c["polarity"]) == ("unverified", "affirmed")


def test_a_founding_year_in_its_own_clause_does_not_date_the_strength():
    founded, strength = claims(
        "The brigade, which was formed in 2016, numbers around 5,000 men, according to a 2023 "
        "study by the Washington Institute."
    )
    assert (founded["measure"], founded["as_of"]) == ("founding year", "2016")
    assert strength["as_of"] == "2023"
    # in the same clause, the founding date is the figure's too
    _, members = claims("The brigade was formed in 2016 with 300 members.")
    assert members["as_of"] == "2016"


def test_a_part_named_in_passing_leaves_the_totals_date():
    total, part = claims(
        "The monitor said it had documented the deaths of 1,032 civilians, including 214 "
        "children, since March."
    )
    assert total["as_of"] == part["as_of"] == "2025-03"


def test_what_remains_of_a_strength_is_a_strength_and_dozens_remaining_are_nothing():
    before, after = claims(
        "The ministry, recalling how the militia had once fielded 9,000 men, said only 2,500 "
        "remained."
    )
    assert (before["measure"], after["measure"], after["quote"]) == (
        "personnel",
        "personnel",
        "2,500",
    )
    (c,) = claims(
        "The death toll has risen to 112, the civil defence said, adding that dozens remain "
        "under the rubble."
    )
    assert c["quote"] == "112"


def test_a_participle_after_a_groups_name_makes_casualties():
    (c,) = claims(
        "Another figure cited by the monitor: 312 fighters of the Fatemiyoun Brigade killed since 2013."
    )
    assert (c["measure"], c["subject"]) == ("killed", "Fatemiyoun Brigade")
    # an active verb with an object is what the fighters did
    first, _ = claims("Some 300 fighters of the Fatemiyoun Brigade killed two civilians.")
    assert first["measure"] == "personnel"


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Hezbollah announced plans to pay each family $12,000 to rebuild homes.", "compensation"),
        ("The militia pays the families of dead fighters $5,000.", "compensation"),
        ("The group pays each fighter $300 a month.", "monthly salary"),
        ("The Quds Force had transferred $50 million to the group.", "funding"),
        ("Iran provided $5 million to Hezbollah.", "funding"),
        ("Iran spends an estimated $700 million a year on Hezbollah.", "annual funding"),
        ("Iran spent $16 billion in Syria.", "spent"),
        ("The group gave them $500.", "gave"),
        ("According to a UN panel, the Houthis earn $180 million a month from fuel.", "monthly revenue"),
        ("Ahmed earns $300 a month.", "monthly salary"),
    ],
)  # fmt: skip
def test_money_given_paid_and_earned(text, measure):
    (c,) = claims(text)
    assert c["measure"] == measure


def test_a_named_groups_attacks_are_attacks_of_that_subject():
    (c,) = claims("ACLED has recorded 312 Houthi attacks on shipping.")
    assert (c["measure"], c["subject"]) == ("attacks", "Houthi")
    # not for other capitalised words: Senate races are not House races
    (c,) = claims("Democrats need six Senate races.")
    assert c["measure"] == "senate races"


def test_a_rival_figure_after_a_sentence_disputing_the_number_takes_its_measure():
    text = (
        "The Houthi movement says it has enlisted 40,000 new fighters since October 2023.\n\n"
        'A Yemeni government official disputed the number. "They have perhaps 10,000 at most," '
        "the official told Test Wire."
    )
    first, rival = claims(text)
    assert rival["quote"] == "10,000 at most"
    assert (rival["value"]["low"], rival["value"]["high"]) == (0, 10000)
    assert (rival["measure"], rival["subject"]) == (first["measure"], first["subject"])
    assert rival["source"] == "the official"


def test_at_most_and_at_least_after_the_number_bound_it():
    (c,) = claims("The militia has 2,500 fighters; officials say it has 2,000 at most.")[1:]
    assert (c["quote"], c["value"]["approx"], c["value"]["high"]) == (
        "2,000 at most",
        "at_most",
        2000,
    )
    (c,) = claims("The group recruited 300 at least.")
    assert (c["value"]["low"], c["value"]["high"]) == (300, None)


def test_those_who_left_a_group_are_no_part_of_its_strength():
    for text in (
        "Some 300 fighters had left the faction this summer.",
        "About 200 men defected to the army.",
        "About 500 defectors crossed into Turkey.",
    ):
        (c,) = claims(text)
        assert c["measure"] == "defected", text
    # going somewhere is not leaving the group
    (c,) = claims("About 300 fighters left for Syria.")
    assert c["measure"] == "personnel"


def test_a_statement_on_its_own_channel_is_the_groups_word():
    (c,) = claims(
        "Kataib Sayf al-Rafidain numbers about 6,000 men, according to a statement posted on "
        "its Telegram channel."
    )
    assert c["source"] == "Kataib Sayf al-Rafidain"


def test_the_groups_leaders_speak_unnamed():
    (c,) = claims("The militia's commanders said they had 3,000 fighters.")
    assert c["chain"][1:] == ["the militia's commanders"]


def test_a_group_held_or_belonged_to_does_not_take_over_the_topic():
    text = (
        "Kataib Sayf al-Rafidain has about 6,000 men.\n\n"
        "The faction, part of the umbrella known as the Islamic Resistance in Iraq, is holding "
        "around 40 IS fighters near Tal Afar.\n\n"
        "The group pays its fighters $400 a month."
    )
    *_, pay = claims(text)
    assert pay["subject"] == "Kataib Sayf al-Rafidain"


def test_a_place_inside_a_sources_name_is_no_place():
    (c,) = claims(
        "According to the Armed Conflict Location & Event Data Project, the group has carried "
        "out 46 drone attacks."
    )
    assert c["place"] is None  # not "Armed Conflict Location"


# --------------------------------------------------------------------------
# Africa and Asia wire copy (session 13)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "Al-Shabaab still commands between 7,000 and 12,000 fighters, according to"
            " estimates by the US Africa Command.",
            "Al-Shabaab",
        ),
        (
            "At least 18 Shabaab militants were killed in a US airstrike near Jilib, the US"
            " Africa Command said.",
            "Shabaab",
        ),
        ("The M23 rebels field an estimated 6,500 fighters, a UN report said.", "M23"),
        ("Hamas has about 20,000 fighters left, Israeli officials said.", "Hamas"),
    ],
)
def test_groups_named_without_a_group_word_are_subjects(text, subject):
    (c,) = claims(text)
    assert c["subject"] == subject


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Police detained 47 suspected members of the group, the Iraqi interior ministry said.",
            "Iraqi interior ministry",
        ),
        (
            "Some 300 people were killed, the Sudanese health ministry said.",
            "Sudanese health ministry",
        ),
        ("The junta said only 12 soldiers died in the attack.", "the junta"),
        (
            "Africa Corps has about 2,500 personnel in Mali, according to the Sahel-focused"
            " think tank Critical Threats.",
            "Critical Threats",
        ),
    ],
)
def test_a_states_ministry_a_junta_and_a_described_think_tank_are_sources(text, source):
    (c,) = claims(text)
    assert c["source"] == source


def test_a_figure_said_to_exceed_is_its_lower_bound():
    (c,) = claims("The payroll is said to exceed $30 million a month, a former adviser said.")
    assert (c["value"]["low"], c["value"]["high"], c["value"]["approx"]) == (30e6, None, "at_least")
    (c,) = claims("Losses surpassed 4,000 fighters last year, the monitor said.")
    assert (c["value"]["low"], c["value"]["high"]) == (4000, None)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The Syrian Democratic Forces have about 60,000 fighters.", "Syrian Democratic Forces"),
        (
            "The Kurdish-led Syrian Democratic Forces have 60,000 fighters.",
            "Syrian Democratic Forces",
        ),
        ("The Syrian National Army numbers 70,000 to 80,000 men.", "Syrian National Army"),
        ("The Iran-backed Fatemiyoun Brigade has 3,000 fighters.", "Fatemiyoun Brigade"),
        ("Iran-aligned militias carried out more than 170 attacks, the Pentagon said.", None),
    ],
)
def test_a_nationality_stays_in_a_name_of_generic_words_and_a_description_is_no_name(text, subject):
    (c,) = claims(text)
    assert c["subject"] == subject


def test_a_body_that_numbers_a_bare_figure_counts_its_strength():
    found = claims(
        "Iraq's Popular Mobilisation Forces now number about 238,000, up from 122,000 in 2019."
    )
    assert [(c["value"]["text"], c["measure"], c["as_of"]) for c in found] == [
        ("about 238,000", "personnel", "2025-07-09"),
        ("122,000", "personnel", "2019"),
    ]
    assert all(c["subject"] == "Popular Mobilisation Forces" for c in found)
    assert claims("A number 10 shirt was sold for 300 pounds.")[0]["measure"] != "personnel"


def test_a_part_of_those_named_before_and_a_share_of_someones():
    (c,) = claims("The Islamic Resistance in Iraq claimed at least 40 of those attacks.")
    assert (c["measure"], c["subject"]) == ("attacks", "Islamic Resistance in Iraq")
    (c,) = claims("Nearly half of the brigade's estimated 4,000 fighters are from Diyala.")
    assert c["value"]["text"] == "estimated 4,000" and c["measure"] == "personnel"


def test_a_denial_in_a_second_thing_said_does_not_deny_the_first():
    (c,) = claims(
        "Washington said the strikes hit 85 targets and that it had no evidence of civilian"
        " casualties."
    )
    assert c["polarity"] == "affirmed"
