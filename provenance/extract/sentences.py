"""Sentences with character offsets, by spaCy's blank English pipeline.

Design notes
------------
* spaCy's blank "en" pipeline (rule-based tokenizer + ``sentencizer``) is
  loaded once per process and is the only sentence splitter: it knows
  abbreviations, quotes and decimal points, and needs no model download.
* Pasted web text is laid out in lines (headline, standfirst, navigation
  debris) that carry no final punctuation, so the text is first cut at line
  breaks and each line is split into sentences; a headline never runs into
  the paragraph after it.
* Offsets are into the original text and trimmed of whitespace, so
  ``text[start:end]`` is the sentence exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


@lru_cache(maxsize=1)
def nlp() -> Any:
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.max_length = 10**8
    return pipeline


def lines(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines as (start, end), trimmed of surrounding whitespace."""
    for m in _LINE.finditer(text):
        s, e = m.span()
        chunk = m.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        yield s, e


@lru_cache(maxsize=1)
def _punct_chars() -> frozenset[str]:
    from spacy.pipeline.sentencizer import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


_TRAILING = " \t\f\v\"'”’)]»"


def split(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentences of one line as (start, end) offsets (plus ``offset``)."""
    # The sentencizer only ends a sentence after one of its punctuation
    # characters: a line with none before its final punctuation (a headline,
    # a one-sentence paragraph) is one sentence, without building a Doc.
    body = text.rstrip(_TRAILING)
    punct = _punct_chars()
    while body and body[-1] in punct:
        body = body[:-1].rstrip(_TRAILING)
    if not punct.intersection(body):
        s = len(text) - len(text.lstrip())
        e = len(text.rstrip())
        return [(s + offset, e + offset)] if e > s else []
    doc = nlp()(text)
    out = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        chunk = text[s:e]
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        if e > s:
            out.append((s + offset, e + offset))
    return out


__all__ = ["lines", "nlp", "split"]
