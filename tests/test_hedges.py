"""Hedging levels, cue scope, polarity and publisher disclaimers (SPEC section 3)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract.hedges import (
    DisclaimerEffect,
    assess,
    disclaimer_effect,
    find_disclaimer,
    weakest,
)
from schema.enums import HEDGE_LEVELS


def at(sentence: str, quote: str):
    i = sentence.index(quote)
    return assess(sentence, (i, i + len(quote)))


# --- SPEC section 3 lexicon, row by row ------------------------------------------


def test_no_cue_is_certain():
    a = at("The brigade has 2,000 fighters.", "2,000")
    assert (a.hedge, a.cues, a.polarity) == ("certain", [], "affirmed")


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("The group is estimated to have 2,000 fighters.", "estimated"),
        ("Officials' estimates put the group at 2,000 fighters.", "estimates"),
        ("The group likely has 2,000 fighters.", "likely"),
        ("The group probably has 2,000 fighters.", "probably"),
        ("The group is believed to have 2,000 fighters.", "believed"),
        ("The group apparently has 2,000 fighters.", "apparently"),
        ("The group appears to have 2,000 fighters.", "appears to"),
        ("The group is thought to have 2,000 fighters.", "is thought to"),
        ("The group seems to have 2,000 fighters.", "seems to"),
        ("The group is expected to field 2,000 fighters.", "expected to"),
    ],
)
def test_probable_cues(sentence, cue):
    a = at(sentence, "2,000")
    assert a.hedge == "probable" and a.cues == [cue]
    s, e = a.cue_spans[0]
    assert sentence[s:e] == cue


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("The group may have 2,000 fighters.", "may"),
        ("The group might have 2,000 fighters.", "might"),
        ("The group could have 2,000 fighters.", "could"),
        ("The group possibly has 2,000 fighters.", "possibly"),
        ("Perhaps the group has 2,000 fighters.", "Perhaps"),
        ("A leak suggests the group has 2,000 fighters.", "suggests"),
        ("Documents were leaked, suggesting the group has 2,000 fighters.", "suggesting"),
        ("There is speculation that the group has 2,000 fighters.", "speculation"),
        ("It is unclear whether the group has 2,000 fighters.", "unclear"),
    ],
)
def test_possible_cues(sentence, cue):
    a = at(sentence, "2,000")
    assert a.hedge == "possible" and cue in a.cues


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("The group reportedly has 2,000 fighters.", "reportedly"),
        ("The group allegedly has 2,000 fighters.", "allegedly"),
        ("The group claims 2,000 fighters.", "claims"),
        ("The group purportedly has 2,000 fighters.", "purportedly"),
        ("The group is rumoured to have 2,000 fighters.", "rumoured"),
        ("The group is rumored to have 2,000 fighters.", "rumored"),
        ("Unconfirmed reports put the group at 2,000 fighters.", "Unconfirmed"),
        ("The group is said to have 2,000 fighters.", "is said to"),
        ("The figure of 2,000 could not be independently verified.",
         "could not be independently verified"),
        ("The alleged 2,000 fighters crossed the border.", "alleged"),
        ("The purported 2,000 fighters crossed the border.", "purported"),
    ],
)  # fmt: skip
def test_unverified_cues(sentence, cue):
    a = at(sentence, "2,000")
    assert a.hedge == "unverified" and a.cues == [cue]
    assert a.polarity == "affirmed"


def test_weakest_level_wins():
    a = at("The group likely has 2,000 fighters, reportedly.", "2,000")
    assert a.hedge == "unverified" and a.cues == ["likely", "reportedly"]
    assert weakest("certain", "possible", "probable") == "possible"
    assert weakest() == "certain"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Observatory said the group has 2,000 fighters.",
        "According to SOHR, the group has 2,000 fighters.",
        "Local sources told the Observatory the group has 2,000 fighters.",
        "The Observatory reported that the group has 2,000 fighters.",
    ],
)
def test_attribution_does_not_lower_the_level(sentence):
    assert at(sentence, "2,000").hedge == "certain"


@pytest.mark.parametrize("approx", ["about", "up to", "more than", "nearly", "some"])
def test_approximation_does_not_change_the_level(approx):
    assert at(f"The group has {approx} 2,000 fighters.", "2,000").hedge == "certain"


def test_estimated_at_is_probable_as_spec_lists_it():
    a = at("Its strength is estimated at 2,000 fighters.", "2,000")
    assert a.hedge == "probable" and a.cues == ["estimated"]


def test_may_the_month_is_not_a_cue():
    assert at("In May 2016 the group had 300 fighters.", "300").hedge == "certain"
    assert at("The group had 300 fighters on May 4.", "300").hedge == "certain"
    assert at("May the group have 300 fighters?", "300").hedge == "possible"


# --- scope ------------------------------------------------------------------------


def test_cue_in_another_clause_after_but_does_not_govern():
    s = "The group may have been disbanded, but officials put its strength at 2,000 fighters."
    assert at(s, "2,000").hedge == "certain"
    assert at(s, "disbanded").hedge == "possible"


def test_cue_in_relative_clause_does_not_govern_main_clause():
    s = "The group, which may have links to Iran, has 2,000 fighters."
    assert at(s, "2,000").hedge == "certain"
    assert at(s, "links").hedge == "possible"


def test_cue_after_span_with_comma_governs():
    s = "200 fighters were killed, the group claimed."
    assert at(s, "200").hedge == "unverified"


def test_semicolon_cuts_scope():
    s = "The group reportedly lost 200 men; the army counted 350 dead."
    assert at(s, "200").hedge == "unverified"
    assert at(s, "350").hedge == "certain"


def test_main_verb_governs_complement_clause():
    s = "Unconfirmed reports say that the Observatory counted 350 dead in Deir ez-Zor."
    assert at(s, "350").hedge == "unverified"


def test_whole_sentence_when_no_span():
    a = assess("The group may have 2,000 fighters, but it reportedly lost 200.")
    assert a.hedge == "unverified" and a.cues == ["may", "reportedly"]


def test_span_out_of_bounds_is_clamped():
    assert assess("It may be so.", (50, 80)).hedge in HEDGE_LEVELS


# --- polarity -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, quote, cue",
    [
        ("The ministry denied hosting 2,000 foreign fighters.", "2,000", "denied"),
        ("The ministry denies that 2,000 fighters are based there.", "2,000", "denies"),
        ("The ministry rejected claims that 2,000 fighters are based there.", "2,000",
         "rejected claims that"),
        ("The army refuted reports of 2,000 casualties.", "2,000", "refuted"),
        ("The ministry has received no message about the 300 recruits.", "300", "no"),
        ("The group did not send 300 fighters.", "300", "not"),
        ("The group never had 300 fighters.", "300", "never"),
        ("The group no longer has 300 fighters.", "300", "no longer"),
    ],
)  # fmt: skip
def test_denials(sentence, quote, cue):
    a = at(sentence, quote)
    assert a.polarity == "denied" and cue in a.denial_cues


def test_denial_is_certain_not_unverified():
    a = at("The ministry rejected claims that 2,000 fighters are based there.", "2,000")
    assert (a.hedge, a.cues) == ("certain", [])


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry did not deny that 2,000 fighters are based there.",
        "There were no more than 2,000 fighters.",
        "There were no fewer than 2,000 fighters.",
        "Not only did the group grow, it reached 2,000 fighters.",
    ],
)
def test_not_denials(sentence):
    assert at(sentence, "2,000").polarity == "affirmed"


def test_unverified_negation_is_not_a_denial():
    a = at("The toll of 2,000 could not be independently verified.", "2,000")
    assert (a.hedge, a.polarity) == ("unverified", "affirmed")


def test_denial_in_another_clause_does_not_govern():
    s = "The ministry denied the report, but the Observatory counted 2,000 fighters."
    assert at(s, "2,000").polarity == "affirmed"


# --- disclaimers ---------------------------------------------------------------------


def test_not_verified_disclaimer_lowers_every_claim_to_unverified():
    effect = disclaimer_effect(
        "The Syrian Observer has not verified the content of this story. "
        "Responsibility for the information and views set out in this article lies "
        "entirely with the author."
    )
    assert effect == DisclaimerEffect("unverified", "has not verified")
    assert effect.apply("certain", []) == ("unverified", ["has not verified"])
    assert effect.apply("probable", ["estimated"]) == (
        "unverified",
        ["estimated", "has not verified"],
    )
    assert effect.apply("unverified", ["reportedly"]) == (
        "unverified",
        ["reportedly", "has not verified"],
    )


@pytest.mark.parametrize(
    "note",
    [None, "", "Views expressed are the author's own.",
     "The opinions in this article do not necessarily reflect those of the publisher."],
)  # fmt: skip
def test_opinion_disclaimers_and_none_have_no_effect(note):
    effect = disclaimer_effect(note)
    assert effect.min_hedge is None
    assert effect.apply("certain", ["x"]) == ("certain", ["x"])


def test_find_disclaimer_returns_the_note_sentence():
    text = "The group has 300 fighters. This outlet could not verify the content. Share this."
    assert find_disclaimer(text) == "This outlet could not verify the content."
    assert find_disclaimer("Nothing to see here.") is None
    assert find_disclaimer("") is None


# --- properties -------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=5),
            st.sampled_from(["may ", "not ", "denied ", "reportedly ", ", but ", "; ", "(",
                             ")", ", which ", "could not be verified", "May", "estimated "]),
        ),
        max_size=12,
    ).map("".join),
    st.integers(-5, 90),
    st.integers(-5, 90),
)  # fmt: skip
def test_assess_never_raises_and_is_deterministic(sentence, a, b):
    span = (min(a, b), max(a, b))
    r = assess(sentence, span)
    assert r == assess(sentence, span)
    assert r.hedge in HEDGE_LEVELS and r.polarity in ("affirmed", "denied")
    assert (r.polarity == "denied") == bool(r.denial_cues)
    for cue, (s, e) in zip(r.cues, r.cue_spans, strict=True):
        assert sentence[s:e] == cue
    whole = assess(sentence)
    # a span never sees more cues than the whole sentence
    assert set(r.cue_spans) <= set(whole.cue_spans)


@pytest.mark.parametrize(
    "sentence,polarity",
    [
        ("The group has 300 fighters, said an official who asked not to be named.", "affirmed"),
        ("About 40 fighters were killed, said a source not authorised to speak.", "affirmed"),
        (
            "About 40 fighters were killed, according to a source who would not give his name.",
            "affirmed",
        ),
        ("The 500 fighters were not sent to Syria.", "denied"),
        ("The ministry denied that 500 fighters had been sent.", "denied"),
    ],
)
def test_negation_about_the_source_is_not_a_denial_of_the_figure(
    sentence: str, polarity: str
) -> None:
    m = re.search(r"\d+ fighters", sentence)
    assert m is not None
    assert assess(sentence, (m.start(), m.end())).polarity == polarity


_NOTE_PARTS = st.lists(
    st.sampled_from(
        [
            "The outlet has not independently verified the content. ",
            "Responsibility for the information in this story lies entirely with the author. ",
            "We could not confirm it",
            "checked. ",
            "VERIFIED! ",
            "is not responsible for the content",
            "is not reſponsible for the content",
            "İ",
            "\n",
            "He said 3,000 fighters joined. ",
            "confirmation",
            ".",
            "?",
            "has not",
            " been verified",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_NOTE_PARTS)
def test_find_disclaimer_equals_a_whole_text_search(text):
    from provenance.extract.hedges import _DISCLAIMER, _SENT, find_disclaimer

    # The plain way: search the whole text, then take the sentence holding the match.
    m = _DISCLAIMER.search(text) if text else None
    expected = next(
        (s.group().strip() for s in _SENT.finditer(text) if m and s.start() <= m.start() < s.end()),
        None,
    )
    assert find_disclaimer(text) == expected


def _plain_cues(sentence: str) -> tuple[tuple[int, int, str, str], ...]:
    """The cue scan as written first: ``_CUES`` (IGNORECASE) over the sentence as is."""
    from provenance.extract import hedges

    found = []
    for m in hedges._CUES.finditer(sentence):
        kind = m.lastgroup
        if kind is None or kind == "notneg":
            continue
        word = m.group()
        if kind == "possible" and word == "May":
            nxt = sentence[m.end() : m.end() + 3]
            if m.start() > 0 or not nxt[:1].isspace() or nxt[1:2].isdigit() or nxt[1:2].isupper():
                continue
        found.append((m.start(), m.end(), kind, word))
    return tuple(found)


_CUE_PIECES = st.sampled_from(
    [*"May may MAY Not not Reportedly Could couldn’t can't CLAIMED If if IF Is ’s 's".split(),
     *"Suggests ſuggests ıf İf İs \u212aills doubt No no. n't Never Denied denies it appears".split(),
     *"was reported to has not been verified neither confirmed nor denied estimated".split(),
     "no more than", "not to be named", " ", "  ", "-", ",", ".", "(", "x", "5", "\u00df", "Σ"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(
    st.lists(_CUE_PIECES, max_size=16).map(" ".join), st.lists(_CUE_PIECES, max_size=8).map("".join)
)
def test_cue_scan_of_the_lowercased_sentence_equals_the_plain_scan(spaced, glued):
    from provenance.extract import hedges

    for sentence in (spaced, glued, spaced + glued):
        assert hedges._sentence_cues(sentence) == _plain_cues(sentence)


def test_str_lower_agrees_with_ignorecase_wherever_cased_lower_is_used():
    """``scanning.cased_lower``'s claim, over every code point: a character that
    keeps its length when lowered, other than "ſ" and "ı", matches an ASCII
    letter under IGNORECASE exactly when it lowers to it, and lowering keeps
    it a word character or whitespace or neither."""
    import sys

    from provenance.extract.scanning import cased_lower

    letter = re.compile(r"(?i)[a-z]")
    word, space = re.compile(r"\w"), re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        low = ch.lower()
        if cased_lower(ch) is None:
            assert len(low) != 1 or ch in "\u017f\u0131"
            continue
        assert low == cased_lower(ch)
        if letter.fullmatch(ch):
            assert "a" <= low <= "z" and re.fullmatch("(?i)" + low, ch), hex(code)
        else:
            assert not "a" <= low <= "z", hex(code)
        assert bool(word.match(ch)) == bool(word.match(low)), hex(code)
        assert bool(space.match(ch)) == bool(space.match(low)), hex(code)
