"""Subjects (named groups, anaphora), places, as_of dates and name resolution."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from provenance.db import get_engine, session_scope
from provenance.extract import dates, extract
from provenance.extract.dates import find_as_of
from provenance.extract.subjects import SubjectState, find_places
from provenance.model import ArticleMeta
from provenance.names import (
    acronyms,
    core,
    fold,
    get_or_create_outlet,
    resolve_entity,
    resolve_source,
)
from schema.models import SourceAlias

PUBLISHED = date(2025, 2, 6)  # a Thursday
META = ArticleMeta(outlet="Test Wire", published=PUBLISHED)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The group boosted recruitment in mid-January after the siege.", "2025-01-11/2025-01-20"),
        ("The conference was held on Thursday in Mashhad.", "2025-02-06"),
        ("He spoke on Sunday.", "2025-02-02"),
        ("He was stripped of his citizenship in 2016.", "2016"),
        ("The militia has recruited 205 members so far.", "2025-02-06"),
        ("The group, at one point, had up to 15,000 fighters in 2016.", "2016"),
        ("At one point the group had 20,000 fighters, the report said on Monday.", None),
        ("Over the years the brigade drew tens of thousands of recruits.", None),
        ("In 2017, at the height of the war, the group fielded 30,000 fighters.", "2017"),
        ("In March 2016 the group had 9,000 fighters.", "2016-03"),
        ("The strike happened on February 3, 2024.", "2024-02-03"),
        ("Fighting resumed in late December.", "2024-12-21/2024-12-31"),
        ("Prices rose last week.", "2025-01-27/2025-02-02"),
        ("The group has 3,000 fighters.", None),
        ("A 2023 estimate by the centre put its strength at 1,800.", "2023"),
        ("The 2019 census counted 1,800 households.", "2019"),
    ],
)
def test_as_of_resolution(sentence, expected):
    assert find_as_of(sentence, PUBLISHED) == expected


def test_relative_dates_without_publication_date_are_unknown():
    assert find_as_of("He spoke on Sunday.", None) is None
    assert find_as_of("The group was active in 2016.", None) == "2016"


def test_named_group_in_sentence_and_anaphora():
    state = SubjectState()
    first = "The Iran-backed militia Fatemiyoun held a symposium in Mashhad."
    state.scan(first)
    topic = state.last
    second = "The group, at one point, had up to 15,000 fighters in Syria."
    mentions = state.scan(second)
    assert state.subject_for(mentions, second.index("15,000"), second, True, topic) == "Fatemiyoun"


def test_a_group_named_only_after_a_preposition_does_not_become_the_topic():
    text = (
        "Liwa Fatemiyoun recruited 200 fighters in Hasakah.\n\n"
        "New recruits were transferred to the Tartab Regiment for training.\n\n"
        "Clashes with the Houthi movement were reported last week.\n\n"
        "Members now receive a monthly salary of about 350,000 Syrian pounds."
    )
    assert [d.subject for d in extract(text, META)] == ["Liwa Fatemiyoun", "Liwa Fatemiyoun"]
    # Named as the actor, a new group is what the text is then about.
    text = (
        "Liwa Fatemiyoun recruited 200 fighters in Hasakah.\n\n"
        "The Tartab Regiment trains the recruits.\n\n"
        "Members now receive a monthly salary of about 350,000 Syrian pounds."
    )
    assert [d.subject for d in extract(text, META)][-1] == "Tartab Regiment"
    # With no group before, one after a preposition is still the topic.
    text = (
        "Recruits were sent to the Tartab Regiment.\n\n"
        "Members now receive a monthly salary of about 350,000 Syrian pounds."
    )
    assert [d.subject for d in extract(text, META)] == ["Tartab Regiment"]


def test_spelling_variants_are_one_subject_in_an_article():
    text = (
        "Liwa Fatimiyoun opened an office in Hasakah.\n\n"
        "The Fatemiyoun Brigade has 3,000 fighters in Syria."
    )
    state = SubjectState()
    (draft,) = extract(text, META)
    for line in text.split("\n\n"):
        state.scan(line)
    assert len(state.names) == 1  # one group, by fuzzy core match
    assert draft.subject in ("Liwa Fatimiyoun", "Fatemiyoun Brigade")


def test_distinct_groups_stay_distinct():
    text = "The Zainabiyoun Brigade has 2,000 fighters. The Fatemiyoun Brigade has 9,000 fighters."
    subjects = [d.subject for d in extract(text, META)]
    assert [core(s) for s in subjects] == ["zainabiyoun", "fatemiyoun"]


def test_headline_title_case_does_not_swallow_the_verb():
    state = SubjectState()
    mentions = state.scan("Pro-Iran Liwa Fatemiyoun Militia Recruits 200 Fighters in Hasakah")
    assert [name for _, name in mentions] == ["Liwa Fatemiyoun Militia"]
    mentions = state.scan("Liwa Fatimiyoun Recruits Civilians")
    assert [name for _, name in mentions] == ["Liwa Fatemiyoun Militia"]  # fullest form, one group


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("The militia has 3,000 fighters in Diyala province.", "Diyala"),
        ("It recruited 200 fighters in Syria\u2019s Hassakeh.", "Hassakeh"),
        ("It held a meeting in the country\u2019s northeastern city of Mashhad.", "Mashhad"),
        ("It sent 500 fighters to Syria in January.", "Syria"),
        ("It fields 2,500 fighters in the desert south of Deir ez-Zor.", "Deir ez-Zor"),
        ("A strike killed 35 fighters near al-Bukamal on Sunday.", "al-Bukamal"),
        ("About 60 fighters were killed in clashes on the Hodeidah coast.", "Hodeidah"),
    ],
)
def test_places(sentence, place):
    places = find_places(sentence)
    assert places and places[0][1] == place


def test_months_and_groups_are_not_places():
    assert find_places("It grew in January.") == []
    assert find_places("They joined the Tartab Regiment in Qamishli.") == [
        (len("They joined the Tartab Regiment in "), "Qamishli")
    ]


def test_fold_and_alias_resolution(migrated_url):
    assert fold("Fātimiyūn") == fold("Fatimiyun")
    with session_scope(get_engine(migrated_url), write=True) as session:
        assert isinstance(session, Session)
        a = resolve_entity(session, "Liwa Fatemiyoun")
        b = resolve_entity(session, "the Fatemiyoun Brigade")
        c = resolve_entity(session, "Fatimiyoun")
        d = resolve_entity(session, "Zainabiyoun")
        assert a.id == b.id == c.id
        assert d.id != a.id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Syrian Observatory for Human Rights", ("sohr",)),
        ("Armed Conflict Location & Event Data Project", ("acledp", "acled")),
        ("the Institute for the Study of War", ("isw",)),
        ("UN High Commissioner for Refugees", ("uhcr", "unhcr", "hcr")),
        ("Office of the UN High Commissioner for Human Rights", ("ouhchr", "ounhchr", "ohchr")),
        ("Al-Qaeda in the Arabian Peninsula", ("aqap",)),
        ("Islamic State", ()),
    ],
)
def test_the_acronyms_a_long_name_is_written_as(name, expected):
    assert acronyms(name) == expected


@pytest.mark.parametrize("first_acronym", [True, False])
def test_a_body_met_by_its_acronym_and_by_its_full_name_is_one_source(migrated_url, first_acronym):
    full = "Armed Conflict Location & Event Data Project"
    with session_scope(get_engine(migrated_url), write=True) as session:
        assert isinstance(session, Session)
        names = ["ACLED", full] if first_acronym else [full, "ACLED"]
        a, b = (resolve_source(session, n) for n in names)
        assert a is not None and b is not None and a.id == b.id
        assert a.name == names[0]
        # A different body whose initials happen to be taken stays apart.
        other = resolve_source(session, "Arab Centre for Legal and Economic Development")
        assert other is not None and other.id != a.id
        # An outlet known by two names is one outlet, not a unique-key error.
        afp = get_or_create_outlet(session, "AFP")
        assert get_or_create_outlet(session, "Agence France-Presse").id == afp.id
        # A person's initials are no name of theirs.
        person = resolve_source(session, "Abu Hamza al-Ogaidi", "person")
        assert person is not None
        aliases = session.exec(select(SourceAlias.alias).where(SourceAlias.source_id == person.id))
        assert aliases.all() == ["Abu Hamza al-Ogaidi"]


_NAMEY = st.lists(
    st.sampled_from(
        [
            "al-",
            "Nasr",
            "Kataib",
            " ",
            "ash-",
            "Sham",
            "militia",
            "group",
            "fighters",
            "the",
            "McCain",
            "xal-",
            "Brigade",
            ",",
            "-",
            "as-",
            "Sayyida",
            "members",
            "forces",
            "A",
        ]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_NAMEY)
def test_name_patterns_at_candidate_starts_equal_full_scans(text):
    from provenance.extract import subjects as s
    from provenance.extract.scanning import matches_at

    for pattern in (s._RUN, s._LOWER_GROUP_AFTER):
        fast = matches_at(pattern, text, s.name_starts(text), 0, len(text))
        assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        (
            "The militia fields 1,500 fighters along the Hodeidah coast, according to a "
            "research group based in Djibouti.",
            ["Hodeidah"],
        ),
        ("The group, headquartered in Beirut, sent 300 fighters to Syria.", ["Syria"]),
        ("A Doha-based monitor said 40 fighters died in Idlib.", ["Idlib"]),
    ],
)
def test_where_a_source_is_based_is_not_the_claims_place(sentence, places):
    from provenance.extract.subjects import find_places

    assert [name for _at, name in find_places(sentence)] == places


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(dates.MONTHS),
    st.integers(1900, 2099),
    st.none() | st.dates(date(1950, 1, 1), date(2060, 12, 31)),
)
def test_month_year_read_directly_as_dateparser_reads_it(
    month: str, year: int, published: date | None
) -> None:
    expr = f"{month} {year}"
    assert dates._parse(expr, published) == dates._dateparser(expr, published)


_DIRECT_MONTHS = sorted(dates._MONTH_NUMBER)
_DIRECT_RELATIVE = [
    *"yesterday|last week|last month|last year|this month|this year|a week ago".split("|"),
    *"a month ago|a year ago|one week ago|two weeks ago|three months ago|two years ago".split("|"),
    *"Last week|This year|Yesterday|Three years ago|two week ago|a weeks ago|last weeks".split("|"),
]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_DIRECT_MONTHS),
    st.none() | st.integers(1, 31),
    st.sampled_from(_DIRECT_RELATIVE),
    st.dates(date(1950, 1, 1), date(2060, 12, 31)),
    st.integers(-2, 2),
    st.booleans(),
    st.sampled_from(["", " 2016", ", 1999", " 2024"]),
)
def test_month_day_and_relative_read_directly_as_dateparser_reads_them(
    month: str,
    day: int | None,
    relative: str,
    published: date,
    shift: int,
    near: bool,
    year: str,
) -> None:
    if near and day is not None:
        # A publication date around the named day: where "the latest Oct 15" changes year.
        try:
            published = date(published.year, dates._MONTH_NUMBER[month], day)
        except ValueError:
            pass
        published += timedelta(days=shift)
    named = month if day is None else f"{month} {day}{year}"
    for expr in (named, relative):
        for base in (published, None):
            if expr == month and dates._MONTH_NUMBER[month] == 2 and base and base.day > 28:
                # dateparser carries the base's day into a bare "Feb" and walks back
                # to a leap year that has it: "Feb" on 29 Jan 2000 is Feb 1996 there.
                # The direct reading says Feb 1999, the month the writer meant.
                continue
            direct = dates._direct(expr, base)
            if direct is not None:
                assert direct == dates._dateparser(expr, base), expr


def test_a_bare_february_late_in_january_is_the_last_february() -> None:
    assert dates._parse("Feb", date(2000, 1, 29)) == (date(1999, 2, 1), "month")


def test_the_commonest_expressions_are_read_directly() -> None:
    published = date(2025, 2, 6)
    for expr in ["Oct 15", "November 9", "Sept 3", "December", "last week", "Feb 2, 2016"]:
        assert dates._direct(expr, published) is not None, expr
    for expr in ["Feb 30", "Apr 31", "Oct 47", "this week", "LAST WEEK", "two week ago", "Octo 5"]:
        assert dates._direct(expr, published) is None, expr
    assert dates._direct("Feb 29", date(2026, 2, 6)) is None  # no Feb 29 in 2025


_DATE_PIECES = st.sampled_from(
    ["In 2019", "in 1990", "since 2016", "of 2020-", "Jan 5", "5 March 2019", "2025-02-06",
     "Yesterday", "LAST week", "last Month", "two years ago", "At one point", "So Far", "now",
     "ſo far", "İn 2014", "ıt", "on Monday", "mid-April", "early May 2016", "May", "2014",
     " ", " ", ",", ".", "7", "x", "Today", "currently"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=10).map(" ".join), st.integers(0, 80))
def test_date_prechecks_and_case_by_case_cues_equal_the_plain_scans(sentence, near):
    """``sentence_dates`` skips the "day" and "year" patterns when their
    necessary text is absent and reads the IGNORECASE cues case by case over
    the lowercased sentence: the same dates as running every pattern as is."""
    from unittest import mock

    def plain_may_match(kind, sentence, low, digit, month):
        if kind in ("day", "year"):
            return digit
        if kind in ("part_month", "month"):
            return month
        if kind == "weekday":
            return "day" in sentence
        return any(h in low for h in ("yesterday", "last ", "this ", "ago"))

    published = date(2025, 2, 6)
    with (
        mock.patch.object(dates, "cased_lower", lambda text: None),
        mock.patch.object(dates, "_may_match", plain_may_match),
    ):
        plain = dates.sentence_dates(sentence, published)
        plain_pick = dates.pick(plain, sentence, published, near)
    found = dates.sentence_dates(sentence, published)
    assert found == plain
    assert dates.pick(found, sentence, published, near) == plain_pick


def test_where_an_unnamed_source_is_is_not_the_claims_place():
    (draft,) = extract(
        "The group pays each fighter 200 dollars a month, tribal sources in Mayadin said.", META
    )
    assert draft.chain[-1].name == "tribal sources in Mayadin" and draft.place is None
    (draft,) = extract(
        "Recruits who sign up in Iran are paid a monthly salary of about 120 million rials, "
        "a recruiter in Qom said.",
        META,
    )
    assert draft.place == "Iran"


@pytest.mark.parametrize(
    "text",
    [
        "Twenty Fatemiyoun fighters were killed in Aleppo.",
        "Twenty-five Fatemiyoun fighters were killed in Aleppo.",
        "Dozens Fatemiyoun fighters were killed in Aleppo.",
    ],
)
def test_a_count_opening_the_sentence_is_no_part_of_the_group_name(text):
    (draft,) = extract(text, META)
    assert draft.subject == "Fatemiyoun"


def test_a_group_the_copy_writes_in_lowercase():
    text = (
        "Liwa Fatemiyoun has so far recruited more than 205 national defense members "
        "and some 35 civilians.\n\n"
        "National defense members were receiving a monthly salary from the regime "
        "estimated at 50,000 pounds."
    )
    got = [(d.quote, d.subject) for d in extract(text, META)]
    # Counted, they are people drawn from the group, not its claim; as the
    # actor of a sentence, the group itself.
    assert got == [
        ("more than 205 national defense members", "Liwa Fatemiyoun"),
        ("some 35 civilians", "Liwa Fatemiyoun"),
        ("estimated at 50,000 pounds", "National Defence Forces"),
    ]
