"""The extraction pipeline end to end: claims, measures, filters, properties."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.extract import extract
from provenance.extract.measures import DEFAULT_MEASURES, normalise
from provenance.model import ArticleMeta

META = ArticleMeta(title="t", outlet="Test Wire", published=date(2025, 2, 6))


def claims(text: str, meta: ArticleMeta = META) -> list[dict]:
    return [d.to_json() for d in extract(text, meta)]


def test_import_is_cheap():
    import subprocess

    code = (
        "import provenance.extract, sys; print('spacy' in sys.modules, 'dateparser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_quote_is_number_plus_counted_noun_phrase():
    (c,) = claims("The group, at one point, had up to 15,000 fighters in Syria.")
    assert c["quote"] == "up to 15,000 fighters"
    assert c["value"] == {
        "text": "up to 15,000",
        "low": 0,
        "high": 15000,
        "unit": "count",
        "approx": "at_most",
    }
    assert c["measure"] == "personnel"
    assert c["place"] == "Syria"
    assert c["as_of"] is None  # "at one point"


@pytest.mark.parametrize(
    ("phrase", "measure"),
    [
        ("fighters", "personnel"),
        ("Afghan fighters", "personnel"),
        ("militiamen", "personnel"),
        ("troops", "personnel"),
        ("civilians", "civilians"),
        ("monthly salary", "monthly salary"),
        ("deaths", "killed"),
        ("refugees", "displaced"),
        (None, None),
    ],
)
def test_measure_normalisation(phrase, measure):
    assert normalise(phrase, DEFAULT_MEASURES) == measure


def test_lexicon_extension_changes_the_measure():
    text = "The militia fields 300 drone operators in Diyala."
    assert claims(text)[0]["measure"] == "drone operators"
    extended = {**DEFAULT_MEASURES, "drone operators": "personnel"}
    assert [d.measure for d in extract(text, META, lexicon=extended)] == ["personnel"]


def test_recruits_and_sub_populations():
    text = (
        "The militia has recruited more than 205 national defense members and some 35 civilians so far. "
        "The militia recruited 200 fighters in Hasakah."
    )
    got = [(c["quote"], c["measure"]) for c in claims(text)]
    assert got == [
        ("more than 205 national defense members", "recruits:national defense members"),
        ("some 35 civilians", "recruits:civilians"),
        ("200 fighters", "recruits"),
    ]


def test_casualties_win_over_the_counted_noun():
    (c,) = claims("A drone strike killed 14 fighters near Albu Kamal.")
    assert c["measure"] == "killed"
    (c,) = claims("At least 2,000 fighters have been killed in Syria.")
    assert c["measure"] == "killed"


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("He said more than 2,000 fighters from the brigade had been killed.", "killed"),
        ("About 500 fighters in the east were wounded last week.", "injured"),
        ("About 500 fighters of the Fatemiyoun Brigade were deployed.", "deployed"),
        ("About 500 fighters from the brigade were sent to Syria.", "personnel"),
        # "have died", "have fled"; fighters who flee retreat, and "have
        # killed" says whom they killed, not that they died.
        ("At least 60 children have died in the camps.", "killed"),
        ("Some 45,000 people have fled the area since March.", "displaced"),
        ("About 300 fighters fled to Iraq.", "personnel"),
        ("About 15 fighters have killed a village elder.", "personnel"),
        ("Up to 200 fighters may have been killed in the raid.", "killed"),
        ("Activists say as many as 70 people may have died.", "killed"),
        # Fighters a group lost are casualties; seats it lost are not.
        ("The brigade has lost more than 2,000 men since 2013.", "killed"),
        ("The party lost 20 seats.", "seats"),
    ],
)
def test_casualty_verb_after_a_short_phrase_on_the_fighters(text, measure):
    (c,) = claims(text)
    assert c["measure"] == measure


def test_salary_money_and_ratio():
    text = (
        "National defense members in Syria were receiving a monthly salary from the regime estimated at "
        "50,000 pounds. Their new salary under the militia will be about six times higher."
    )
    got = claims(text)
    assert [(c["quote"], c["measure"], c["value"]["unit"]) for c in got] == [
        ("estimated at 50,000 pounds", "monthly salary", "SYP"),
        ("about six times higher", "monthly salary", "ratio"),
    ]
    assert got[0]["hedge"] == "probable" and "estimated" in got[0]["hedge_cues"]


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # A money figure with no money word takes what the clause does with it.
        ("Iran spent $16 billion in Syria.", "$16 billion", "spent"),
        ("The deal was worth $3 billion.", "$3 billion", "worth"),
        ("The militia suffered a loss of $2 million.", "$2 million", "loss"),
        ("Iran has spent an estimated $30 billion on the war.", "an estimated $30 billion",
         "spent"),
        # Earned, or given, received or offered a month: a salary.
        ("Fighters earn 200 dollars.", "200 dollars", "salary"),
        ("Each fighter receives $200 a month.", "$200", "monthly salary"),
        ("The recruiters offer up to $700 a month to men who sign up.", "up to $700",
         "monthly salary"),
    ],
)  # fmt: skip
def test_money_without_a_money_word(text, quote, measure):
    assert [(c["quote"], c["measure"]) for c in claims(text)] == [(quote, measure)]


@pytest.mark.parametrize("text", ["He said $5 million.", "It was $3 billion."])
def test_money_after_a_word_that_says_nothing_of_it_has_no_measure(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("Roughly one in three recruits is under 18, the study found.",
         ["Roughly one in three"]),
        ("Many of the recruits were aged between 14 and 17.", []),
        ("The militia recruited 300 children under 15.", ["300 children"]),
        ("Fighters aged 16 to 25 earn 200 dollars.", ["200 dollars"]),
        # A count after "is under" stays a count: the age rule is for minors.
        ("The number of recruits is under 100.", ["under 100"]),
        ("Losses were above 200 fighters.", ["above 200 fighters"]),
        # People who "are under 25" are that young, up to 35.
        ("Nearly half of the 12,000 recruits are under 25.", ["12,000 recruits"]),
        ("Most of its fighters were under 30, a commander said.", []),
        ("The number of recruits is under 30.", ["under 30"]),
    ],
)  # fmt: skip
def test_an_age_limit_is_not_a_count(text, quotes):
    assert [c["quote"] for c in claims(text)] == quotes


def test_founding_year_is_a_claim_other_years_are_not():
    got = claims(
        "The Fatemiyoun was formed in 2014. Its leader was jailed in 2016 and freed later."
    )
    assert [(c["quote"], c["measure"], c["value"]["unit"]) for c in got] == [
        ("2014", "founding year", "year")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Contact the newsroom: +964 770 412 8890",
        "The 13th Brigade moved north.",
        "The convoy left at 10:30 a.m. on Sunday.",
        "Read more at https://example.com/news/2025/02/05/story-200",
        "Published: February 6, 2025",
        "One of the issues is money.",
        "The P5+1 talks resumed in Vienna.",
        "Brigade 313 fighters entered the town.",  # the unit's name, not a count
    ],
)
def test_not_claims(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Reuters, citing two security sources, said 600 fighters had arrived.",
        "Two officials said 600 fighters had arrived.",
        "According to three sources familiar with the matter, the group has 600 fighters.",
        "Three witnesses told AFP that 600 fighters were killed.",
        "The group has 600 fighters, two Iraqi officials told Reuters.",
    ],
)
def test_the_number_of_speakers_is_not_a_claim(text):
    # The count of who speaks names the source; the figure they give is the claim.
    assert [c["quote"] for c in claims(text)] == ["600 fighters"]
    # The same count outside an attribution is a figure like any other.
    assert [c["quote"] for c in claims("The army deployed 300 officials to the border.")] == [
        "300 officials"
    ]


def test_one_of_after_a_preposition_is_a_place_not_a_count():
    got = claims("A drone strike on one of the camps killed 22 fighters.")
    assert [c["quote"] for c in got] == ["22 fighters"]
    # As the subject of its clause it is still one casualty.
    assert [c["quote"] for c in claims("One of the fighters was killed.")] == [
        "One of the fighters"
    ]


def test_headline_repeated_in_body_yields_once():
    text = "Militia recruits 200 fighters in Hasakah\n\nMilitia recruits 200 fighters in Hasakah\n\nBody."
    assert len(claims(text)) == 1


def test_denial_and_hedges():
    (c,) = claims("The ministry denied that 500 fighters had crossed the border.")
    assert c["polarity"] == "denied"
    (c,) = claims("The militia reportedly has 3,000 fighters.")
    assert c["hedge"] == "unverified" and c["hedge_cues"] == ["reportedly"]


def test_publisher_disclaimer_makes_every_claim_unverified():
    text = (
        "The militia has 3,000 fighters in Syria.\n\n"
        "The Syrian Observer has not verified the content of this story."
    )
    (c,) = claims(text, ArticleMeta(outlet="The Syrian Observer"))
    assert c["hedge"] == "unverified"
    assert c["hedge_cues"] == ["has not verified"]
    # A body sentence about one figure is not the publisher's note on the article.
    body = "The militia has 3,000 fighters. The Observatory could not verify the figure of 200 recruits."
    assert claims(body)[0]["hedge"] == "certain"


def test_two_figures_in_one_sentence():
    got = claims("The brigade has 1,500 fighters in Aleppo and 700 fighters in Homs.")
    assert [(c["quote"], c["place"]) for c in got] == [
        ("1,500 fighters", "Aleppo"),
        ("700 fighters", "Homs"),
    ]


def test_vague_magnitude():
    (c,) = claims("Dozens of fighters crossed into Iraq.")
    assert c["value"]["approx"] == "vague"
    assert (c["value"]["low"], c["value"]["high"]) == (24, 99)


def test_claim_json_has_exactly_the_spec_keys():
    (c,) = claims("The militia has 3,000 fighters.")
    assert set(c) == {
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
    }


# --------------------------------------------------------------------------
# Properties

TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [
                "The militia has about 3,000 fighters.",
                "According to reports,",
                "up to 15,000",
                "\u201cThe group recruited 200 men,\u201d the report said.",
                "dozens of",
                "Liwa Fatemiyoun",
                "in mid-January",
                "\n",
                " ",
                "2014",
                "six times higher",
                "350,000 Syrian pounds a month",
                "an Iraqi security official said",
                "\u00e9\u0645",
            ]
        ),
        max_size=12,
    ).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_never_raises_and_quotes_are_exact(text):
    first = extract(text, META)
    for draft in first:
        assert text[draft.start : draft.end] == draft.quote
        assert draft.quote in draft.sentence
        if draft.value and draft.value.low is not None and draft.value.high is not None:
            assert draft.value.low <= draft.value.high
        assert draft.chain and draft.chain[0].name == "Test Wire"
    again = extract(text, META)
    assert [d.to_json() for d in again] == [d.to_json() for d in first]


def test_spacys_vocabulary_stays_bounded_over_a_corpus(monkeypatch):
    """Past ``VOCAB_LIMIT`` strings the pipeline is reloaded: memory cannot grow for good."""
    from provenance.extract import sentences

    # "“Word{n}”" opens with a quotation mark, so spaCy tokenises it for real
    # (plain words are masked before tokenising): a new string every article.
    text = "The group has {n} fighters. The Observatory said {n} more joined. “Word{n}” arrived."
    extract(text.format(n=1), ArticleMeta())
    base = len(sentences.nlp().vocab.strings)
    monkeypatch.setattr(sentences, "VOCAB_LIMIT", base + 100)
    sizes = []
    for n in range(1000, 1400):
        drafts = extract(text.format(n=n), ArticleMeta())
        assert [d.value.low for d in drafts][:1] == [n], "figures are still found after a reload"
        sizes.append(len(sentences.nlp().vocab.strings))
    assert max(sizes) <= base + 100 + 10  # one article's new words past the limit at most
    assert min(sizes[200:]) < max(sizes), "the vocabulary was reloaded, not left to grow"


def test_a_groups_own_casualties_default_to_the_group_the_text_is_about():
    text = (
        "The Saraya al-Fajr militia holds the coast. "
        "Reports say about 60 militia fighters were killed. "
        "Officials said 20 government troops were killed. "
        "Medics said 15 Kurdish fighters were killed. "
        "Aid workers said 30 civilians were killed."
    )
    subjects = {d.quote: d.subject for d in extract(text, ArticleMeta())}
    assert subjects["about 60 militia fighters"] == "Saraya al-Fajr militia"
    assert subjects["20 government troops"] is None
    assert subjects["15 Kurdish fighters"] is None
    assert subjects["30 civilians"] is None


def test_a_group_named_only_as_a_sources_employer_is_not_the_subject():
    text = (
        "Recruiters for the Fatimiyoun Brigade are back in Herat.\n\n"
        "Hundreds of young men may have been recruited, a Taliban intelligence official said.\n\n"
        "The recruiters offer up to $700 a month, according to relatives of recruits."
    )
    got = {d.quote: d for d in extract(text, ArticleMeta(outlet="Kabul Ledger"))}
    assert got["Hundreds of young men"].subject == "Fatimiyoun Brigade"
    assert got["up to $700"].subject == "Fatimiyoun Brigade"
    assert got["up to $700"].origin.name == "relatives of recruits"
    # Nor in a line without figures.
    text = (
        "Recruiters for the Fatimiyoun Brigade are back in Herat.\n\n"
        "The drive is quiet, a Taliban intelligence official said.\n\n"
        "The brigade has 3,000 fighters, according to relatives of recruits."
    )
    assert [d.subject for d in extract(text, ArticleMeta())] == ["Fatimiyoun Brigade"]
    # With no group the text is about yet, the source's group is the one named.
    first = extract("A Taliban official said 300 fighters joined.", ArticleMeta())
    assert [d.subject for d in first] == ["Taliban"]


def test_the_number_refers_back_to_the_figure_before():
    got = claims(
        "The militia claims to have 20,000 members, but analysts put the number closer to 8,000."
    )
    assert [(c["quote"], c["measure"]) for c in got] == [
        ("20,000 members", "personnel"),
        ("closer to 8,000", "personnel"),
    ]
    assert got[1]["value"]["approx"] == "about"


@pytest.mark.parametrize(
    "text",
    [
        "This guy lost four years ago, he said.",
        "Two months later, the militia returned.",
        "Four days before the vote, the group withdrew.",
    ],
)
def test_a_time_before_or_after_is_no_claim(text):
    assert claims(text) == []


def test_a_time_word_ends_the_counted_noun():
    (c,) = claims("The peso traded at 18.85 pesos late Tuesday, the bank said.")
    assert c["quote"] == "18.85 pesos"
    # A duration is still a figure.
    (c,) = claims("The group has fought for 10 years.")
    assert c["quote"] == "10 years"


def test_a_nationality_does_not_make_recruits_a_part_of_the_total():
    assert [c["measure"] for c in claims("The militia recruited 300 Afghan fighters.")] == [
        "recruits"
    ]
    # Nationals counted apart, and members of another body, are parts.
    got = claims("The militia recruited 200 Afghans and 205 National Defence members.")
    assert [c["measure"] for c in got] == ["recruits:afghans", "recruits:national defence members"]


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        (
            "The brigade fielded a 5,000-strong force near Palmyra.",
            "5,000-strong force",
            "personnel",
        ),
        (
            "Iran sent an estimated 3,000-strong contingent.",
            "an estimated 3,000-strong contingent",
            "deployed",
        ),
        ("The 800-strong Quds Brigade was sent to Aleppo.", "800-strong Quds Brigade", "deployed"),
        ("The 800-strong Quds Brigade holds Aleppo.", "800-strong Quds Brigade", "personnel"),
        ("A 30-man unit guards the airport.", "30-man unit", "personnel"),
        ("The group has a force 2,000 strong.", "2,000 strong", "personnel"),
        ("A 2,000-strong crowd gathered in Idlib.", "2,000-strong crowd", "crowd"),
    ],
)
def test_the_strength_of_a_body_of_people(text, quote, measure):
    # A strength sent somewhere is a part of the whole: deployed.
    (c,) = claims(text)
    assert (c["quote"], c["measure"]) == (quote, measure)


def test_an_age_or_a_duration_glued_to_a_noun_is_still_no_strength():
    assert claims("A 15-year-old boy and a two-day truce.") == []


@pytest.mark.parametrize(
    ("text", "measures"),
    [
        # the last casualty word before the figure
        ("The strike killed at least 12 people and wounded 30 others.", ["killed", "injured"]),
        ("At least nine fighters were among the dead, medics said.", ["killed"]),
        ("Four fighters were among the wounded.", ["injured"]),
    ],
)
def test_which_casualties_a_figure_counts(text, measures):
    assert [c["measure"] for c in claims(text)] == measures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A change is not a range: the figure now is the claim.
        (
            "Its ranks swelled from 800 to 2,500 within a year.",
            [("2,500", 2500, 2500, "personnel")],
        ),
        ("Salaries rose from $200 to $300 a month.", [("$300", 300, 300, "monthly salary")]),
        (
            "The number of fighters fell from about 7,000 to 4,000.",
            [("4,000", 4000, 4000, "personnel")],
        ),
        (
            "The group now has 4,000 fighters, up from 3,000.",
            [("4,000 fighters", 4000, 4000, "personnel")],
        ),
        # ... and the figure before it only when it has a date of its own.
        (
            "The group has 4,000 fighters, down from a peak of 7,000 in 2017.",
            [("4,000 fighters", 4000, 4000, "personnel"), ("7,000", 7000, 7000, "personnel")],
        ),
        # A range that is not a change stays one.
        (
            "Members receive salaries ranging from 150,000 to 200,000 Syrian pounds a month.",
            [("from 150,000 to 200,000 Syrian pounds", 150000, 200000, "monthly salary")],
        ),
    ],
)
def test_a_change_gives_the_figure_now(text, expected):
    got = claims(text)
    assert [
        (c["quote"], c["value"]["low"], c["value"]["high"], c["measure"]) for c in got
    ] == expected


def test_a_date_in_the_clause_of_a_later_figure_is_that_figures():
    got = claims(
        "The number of fighters has since dropped to around 4,000, down from a peak of 7,000 in 2017."
    )
    assert [(c["quote"], c["as_of"]) for c in got] == [("around 4,000", None), ("7,000", "2017")]
    # Figures joined in one clause share its date.
    got = claims("The militia had 2,000 fighters and 300 vehicles in March 2019.")
    assert [c["as_of"] for c in got] == ["2019-03", "2019-03"]
    got = claims("The group had 3,000 fighters in 2016 and 5,000 in 2018.")
    assert [c["as_of"] for c in got] == ["2016", "2018"]


def test_a_figure_after_a_grouped_figure_reads_its_own_clause():
    # The comma in "7,000" does not end the clause the next figure reads.
    (c,) = claims("The number of fighters fell from about 7,000 to 4,000.")
    assert c["measure"] == "personnel"
    # Recruits named after the next figure are not how the first one came.
    got = claims("In 2016, the group had 3,000 fighters and 500 recruits.")
    assert [c["measure"] for c in got] == ["personnel", "recruits"]
    # "ranks of" names who they are, not a strength.
    got = claims(
        "Her ranks of fundraisers include 201 bankers and dozens more who work in finance."
    )
    assert [c["quote"] for c in got] == ["201 bankers"]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The faction sent about 500 fighters to Syria in January.", "deployed"),
        ("About 300 fighters were quietly redeployed to Homs.", "deployed"),
        ("Brigades of 500 to 700 men each were deployed to Deir ez-Zor.", "deployed"),
        ("The ministry denied that 500 fighters had crossed into Syria.", "deployed"),
        ("The group has 3,000 fighters, and sent more to Syria.", "personnel"),
        ("The group has 300 fighters who travelled widely.", "personnel"),
        ("The group has 300 fighters deployed in Homs.", "deployed"),
        # casualties win, past where the fighters were sent
        ("Some 500 men sent to Syria were killed.", "killed"),
        ("About 300 fighters based in Homs were wounded.", "injured"),
    ],
)
def test_fighters_sent_somewhere_are_deployed_not_the_strength(text, measure):
    (c,) = claims(text)
    assert c["measure"] == measure


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Border Militia Sends 600 Fighters to Hasakeh", None),
        ("Shadowy Group Claims 40 Recruits in Homs", None),
        ("Desert Hawks Brigade Sends 600 Fighters to Palmyra", "Desert Hawks Brigade"),
        ("Government Forces Retake 12 Villages From Rebels", "Government Forces"),
        ("Four militia fighters were killed.", None),
    ],
)
def test_a_description_capitalised_in_a_headline_names_no_group(text, subject):
    (c,) = claims(text)
    assert c["subject"] == subject


def test_an_institution_after_at_is_no_place():
    (c,) = claims(
        "Its strength is about 2,400, said Lina Sabbagh, a researcher at the Jazira Studies Centre."
    )
    assert c["place"] is None


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        # whom the money goes to stands between the verb and the figure
        ("The militia offers recruits 300,000 Syrian pounds a month.", "monthly salary"),
        # given to a body: funding; given to people ("them") stays as written
        ("Donors sent the group $12million.", "funding"),
        ("The group gave them $500.", "gave"),
        ("The militia denied paying its members $300 a month.", "monthly salary"),
    ],
)
def test_money_past_whom_it_goes_to(text, measure):
    (c,) = claims(text)
    assert c["measure"] == measure


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        # A sentence that opens with a furniture word is text ...
        ("By the end of 2024, the group had about 3,000 fighters.", ["about 3,000 fighters"]),
        ("Tel Aviv said 300 rockets were fired.", ["300 rockets"]),
        # ... a byline, a keyed header or a page line is not.
        ("By Staff Writer | Herat Herald 2025", []),
        ("Source: Syrian Observatory, 300 fighters", []),
        ("Page 2 of 3", []),
    ],
)
def test_page_furniture_is_a_line_not_a_sentence(text, quotes):
    assert [c["quote"] for c in claims(text)] == quotes


def test_the_first_half_of_the_year_is_a_time():
    got = claims("In the first half of the year, the Observatory documented 312 deaths.")
    assert [c["quote"] for c in got] == ["312 deaths"]


def test_a_bare_count_after_a_verb_counts_what_the_sentence_counted():
    got = claims("The group, which had 500 members in 2019, now counts 2,000.")
    assert [(c["quote"], c["measure"], c["as_of"]) for c in got] == [
        ("500 members", "personnel", "2019"),
        ("2,000", "personnel", "2025-02-06"),  # "now": the publication date, not 2019
    ]
    got = claims("It recruited 200 men in Homs and sent 150 to Hama.")
    assert [c["measure"] for c in got] == ["recruits", "deployed"]
    got = claims("The group had 500 fighters in 2016 but, in 2019, it had 2,000.")
    assert [c["as_of"] for c in got] == ["2016", "2019"]


def test_an_editors_alias_folds_deployed_back_into_personnel():
    lexicon = {**DEFAULT_MEASURES, "deployed": "personnel"}
    (c,) = extract("The faction sent about 500 fighters to Syria.", META, lexicon=lexicon)
    assert c.measure == "personnel"
