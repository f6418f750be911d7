"""Sentence splitting: ``sentences.split`` gives exactly spaCy's sentencizer boundaries.

``split`` applies the sentencizer's rule over token arrays instead of walking
``nlp(text).sents`` (see the module's design notes); these tests pin the two
to each other on every fixture line and on drawn text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract import sentences

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


def spacy_reference(text: str, offset: int = 0) -> list[tuple[int, int]]:
    doc = sentences.nlp()(text)
    out = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        chunk = text[s:e]
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        if e > s:
            out.append((s + offset, e + offset))
    return out


def fixture_lines() -> list[str]:
    out = []
    for path in sorted(FIXTURES.iterdir()):
        text = path.read_text(encoding="utf-8")
        out.extend(text[s:e] for s, e in sentences.lines(text))
    return out


def test_fixture_lines_split_as_spacy_does() -> None:
    lines = fixture_lines()
    assert len(lines) > 100
    for line in lines:
        assert sentences.split(line, 7) == spacy_reference(line, 7), line


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "...",
        "Hi. . .",
        "“Yes.” No",
        "a.b.c",
        "!!! ok",
        "A. B",
        "‘Hi!’ he said. Then 3.5 million left... Really?! Fine",
        'He said "no." Then he left.',
        "Dr. Smith met Mr. Jones at 5 p.m. on Jan. 3. They spoke.",
        "47)!!  ’",
        'He said "no."  ”',
        "Hi.  ",
    ],
)
def test_edge_cases_split_as_spacy_does(text: str) -> None:
    assert sentences.split(text) == spacy_reference(text)


def test_two_sentences_are_found_with_offsets() -> None:
    text = "The group has 3,000 fighters. The Observatory said so."
    spans = sentences.split(text, 10)
    assert [text[s - 10 : e - 10] for s, e in spans] == [
        "The group has 3,000 fighters.",
        "The Observatory said so.",
    ]


_ALPHABET = st.sampled_from(
    list("ab Z.!?;,\"'“”‘’()-0123456789\u2026\u3002 \t") + ["Mr.", "U.S.", "  "]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_drawn_text_splits_as_spacy_does(text: str) -> None:
    assert sentences.split(text) == spacy_reference(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_unicode_splits_as_spacy_does(text: str) -> None:
    line = text.replace("\n", " ").replace("\r", " ")
    assert sentences.split(line) == spacy_reference(line)
