"""Sentence splitting: ``sentences.split`` gives exactly spaCy's sentencizer boundaries.

``split`` applies the sentencizer's rule over token arrays instead of walking
``nlp(text).sents`` (see the module's design notes); these tests pin the two
to each other on every fixture line and on drawn text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract import sentences

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


@lru_cache(maxsize=1)
def reference_pipeline() -> Any:
    """spaCy's own blank English pipeline with its sentencizer, untouched by ``sentences``."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def spacy_reference(text: str, offset: int = 0) -> list[tuple[int, int]]:
    doc = reference_pipeline()(text)
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


# Words that sit next to spaCy's special cases ("Mr.", "it's", "and/or", ":3",
# "a.m."), plain words and numbers ``mask_plain`` rewrites, and the spacing
# between them: the masked line must split exactly as the original.
_CHUNKS = st.sampled_from(
    [
        *"a b x q s 3 8 0 Z , . : ; ' / ( ) ! ?".split(),
        *"Mr Mr. and it it's It and/or or a.m. p.m. 10 3,000 2014 fighters Kamirazu".split(),
        *"He she cannot gonna qq qqq said. U.S. 45, 1,5 Ab. AB. 33 333 em 'em".split(),
        *"don't Clinton's mid-April, $300 £5 3.5 2. 2016. 3,000. iPhone. aB. A. Nov. Jan".split(),
        *'x. co. vs. Co. Mrs. $9.9 ’s “We "I a." said.” (a a: 5%'.split(),
        " ",
        "  ",
        "\t",
        "“",
        "”",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_CHUNKS, max_size=40).map(" ".join))
def test_masked_plain_words_split_as_spacy_does(text: str) -> None:
    masked = sentences.mask_plain(text)
    assert len(masked) == len(text)
    assert sentences.split(text) == spacy_reference(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CHUNKS, max_size=40).map("".join))
def test_masked_glued_chunks_split_as_spacy_does(text: str) -> None:
    assert sentences.split(text) == spacy_reference(text)


def test_kept_chunk_tokens_stay_bounded_and_split_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tokens kept per chunk are dropped past ``_CHUNK_LIMIT``; splits stay spaCy's."""
    monkeypatch.setattr(sentences, "_CHUNK_LIMIT", 5)
    monkeypatch.setattr(sentences, "_chunk_rows", {})
    lines = [f"Item {n}. It cost ${n}.5 (or Mr. {n} said so)! “Fine.” Next" for n in range(40)]
    for line in lines:
        assert sentences.split(line) == spacy_reference(line), line
        assert len(sentences._chunk_rows) <= 5
