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
* Speed: building a full ``Doc`` through the pipeline and walking
  ``doc.sents`` creates a Python object per token, which cost more than
  tokenising. ``split`` runs spaCy's tokenizer and then applies the
  sentencizer's own rule (a sentence starts at the first token that is
  neither punctuation nor a sentence-final character after one of its
  ``punct_chars``) over the token arrays (``Doc.to_array`` with a lexeme
  flag for the sentence-final characters), read as one list of rows (with the
  masking below a line has a few dozen tokens: a plain loop beats numpy). The
  boundaries are identical to ``nlp(text).sents``; ``tests/test_sentences.py``
  checks that on every fixture line and on Hypothesis-drawn text.
* The tokenizer is handed the line with its runs of chunks that cannot
  matter (no sentence-final character, a letter, digit or currency sign
  first: "don't", "Clinton's", "$300", "mid-April,"; the run may end in a
  word or number with its period, "said.", "2016.", unless that is a spaCy
  special case such as "Mr.") written as one run of "q"s of the same length,
  the period kept (``mask_plain``): the boundaries cannot change, and spaCy
  makes a few tokens, all cached, instead of one per word with a new lexeme
  for every new number and name. Only the punctuation, special cases and the
  words around them are tokenised for real (8 tokens a news line, was 21).
* spaCy tokenises each space-separated chunk on its own, so the tokens of a
  masked line are its chunks' tokens; what spaCy made of each chunk (mostly
  "q" runs and punctuated words such as "Mr.", "(qqq", "qqq.”") is kept and
  reused (``_token_rows``, bounded), and only chunks not seen before reach
  the tokenizer: no ``Doc`` per line (2-3% of extraction on news).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


@lru_cache(maxsize=1)
def nlp() -> Any:
    import spacy
    from spacy.attrs import IS_PUNCT

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.max_length = 10**8
    # Only IS_PUNCT (and the sentence-final flag, added by ``_final_flag``) is
    # ever read from a token here; spaCy computes every other lexical attribute
    # (lower, norm, shape, prefix, suffix, like_num ...) for each new string
    # and stores its string values too. Tokenisation does not depend on them:
    # dropping them makes new words a quarter cheaper and the vocabulary grow
    # slower.
    vocab: Any = pipeline.vocab
    vocab.lex_attr_getters = {IS_PUNCT: vocab.lex_attr_getters[IS_PUNCT]}
    # Start with the closed-class words of English (spaCy's own list) in the
    # vocabulary and the tokenizer's cache, capitalised too and with the
    # commonest punctuation after them.
    from spacy.lang.en.stop_words import STOP_WORDS

    words = sorted(STOP_WORDS)
    common = [*words, *(w.capitalize() for w in words), *(w + p for w in words for p in ".,")]
    pipeline.tokenizer(" ".join(common) + " \" “ ” ’s 's ( ) - — : ; ? !")
    return pipeline


# spaCy keeps every string it has seen (each new number, each new name) in its
# vocabulary, and the tokenizer caches every chunk: memory would grow with the
# corpus. Past this many strings the pipeline is dropped and a fresh one
# loaded (about 80 ms), so memory is bounded by a constant and the caches stay
# warm in between. (A spaCy memory zone per article also bounds it, but empties
# the caches after every article: a third slower on news text.)
VOCAB_LIMIT = 20_000


def recycle() -> None:
    """Drop the spaCy pipeline when its vocabulary has grown past ``VOCAB_LIMIT``."""
    if nlp.cache_info().currsize and len(nlp().vocab.strings) > VOCAB_LIMIT:
        nlp.cache_clear()
        _final_flag.cache_clear()


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


@lru_cache(maxsize=1)
def _final_flag() -> int:
    """A lexeme flag: the token is one of the sentencizer's sentence-final characters."""
    punct = _punct_chars()
    return int(nlp().vocab.add_flag(lambda text: text in punct))


_CLOSERS = "\"'”’)]»"


def split(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentences of one line as (start, end) offsets (plus ``offset``)."""
    # The sentencizer only ends a sentence after one of its punctuation
    # characters: a line with none before its final punctuation (a headline,
    # a one-sentence paragraph) is one sentence, without building a Doc.
    # Closing quotes and brackets attached to the final punctuation stay in
    # its sentence; after a space they would open one of their own.
    body = text.rstrip()
    punct = _punct_chars()
    while body and (body[-1] in punct or body[-1] in _CLOSERS):
        body = body[:-1]
    if not punct.intersection(body):
        s = len(text) - len(text.lstrip())
        e = len(text.rstrip())
        return [(s + offset, e + offset)] if e > s else []
    out = []
    bounds = [*_starts(text), len(text)]
    for s, e in itertools.pairwise(bounds):
        chunk = text[s:e]
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        if e > s:
            out.append((s + offset, e + offset))
    return out


@lru_cache(maxsize=1)
def _plain_runs() -> re.Pattern[str]:
    """Runs of chunks whose tokens cannot matter to the sentencizer.

    spaCy's tokenizer works on whitespace-separated chunks, each on its own
    (its special cases have no whitespace in them, so none spans two chunks),
    and a chunk's tokens cover it in order. The sentencizer starts a sentence
    at the first token after a sentence-final character that is not
    punctuation; only a token that is exactly such a character is one. So a
    chunk with none of those characters, whose first character is not
    punctuation (an ASCII letter or digit, or "$£€"), acts as one
    non-punctuation token at its start however spaCy splits it ("don't",
    "Clinton's", "mid-April,", "$300", "cannot"): after it no sentence can
    start before the next sentence-final character. A run of such chunks
    (single spaces between them) acts as one such token at the run's start.
    The run may end with a word or number and a period ("said.", "2016.",
    "3,000."): spaCy splits that period off (its suffix rule, after a
    lowercase letter, two capitals or a digit) unless the chunk is one of
    its special cases ("Mr.", "Jan.", "a."), which are left alone; it then
    ends the run as a sentence-final token, as "q…q." does.
    """
    tok: Any = nlp().tokenizer
    from provenance.extract.scanning import trie_pattern

    final = "".join(sorted(_punct_chars()))
    safe = rf"[A-Za-z0-9$£€][^\s{re.escape(final)}]*"
    keys = sorted(k for k in tok.rules if re.fullmatch(r"[A-Za-z0-9,]+\.", k))
    period = (
        rf"(?!(?:{trie_pattern(keys)})(?!\S))"
        r"(?:[A-Za-z]*(?:[a-z]|[A-Z][A-Z])|[0-9][0-9,]*)\.(?!\S)"
    )
    plain = rf"{safe}(?!\S)"
    return re.compile(rf"(?<!\S)(?:{plain}(?: {plain})*(?: {period})?|{period})")


def _mask(m: re.Match[str]) -> str:
    run = m.group()
    if run[-1] != ".":
        return "q" * len(run)
    # "q." is one of spaCy's special cases (a single letter and a period): a
    # lone "2." stays as it is.
    return "q" * (len(run) - 1) + "." if len(run) > 2 else run


def mask_plain(text: str) -> str:
    """``text`` with each run of plain chunks (``_plain_runs``) written as one chunk of "q"s.

    Same length, so token offsets are offsets into ``text``; same sentence
    boundaries, with far fewer (and no new) tokens for spaCy to make.
    """
    return _plain_runs().sub(_mask, text)


def _starts(text: str) -> list[int]:
    """Offsets of the tokens where the sentencizer starts a sentence."""
    rows = _token_rows(mask_plain(text))
    out = [rows[0][2]] if rows else []
    # A sentence starts at the first token after a sentence-final character
    # that is neither punctuation nor another sentence-final character.
    seen_final = False
    for final, punct, idx in rows:
        if final:
            seen_final = True
        elif seen_final and not punct:
            out.append(idx)
            seen_final = False
    return out


# Any whitespace but single spaces between chunks: spaCy makes tokens of it.
_ODD_SPACE = re.compile(r"[^\S ]|  |^ | $")
_CHUNK_LIMIT = 20_000
_chunk_rows: dict[str, list[tuple[int, int, int]]] = {}


def _token_rows(masked: str) -> list[tuple[int, int, int]]:
    """(sentence-final, punctuation, offset) of each of spaCy's tokens of ``masked``.

    spaCy tokenises each space-separated chunk on its own, so a line's tokens
    are its chunks' tokens, each chunk's offsets moved by where it stands.
    The rows of every chunk spaCy has tokenised are kept (a masked line is a
    few chunks, mostly runs of "q" and punctuated words that recur), and only
    a chunk not seen before is handed to the tokenizer. A line with any other
    whitespace (two spaces, a tab), where spaCy makes whitespace tokens, is
    tokenised whole.
    """
    if _ODD_SPACE.search(masked):
        return _rows_of(masked)
    rows: list[tuple[int, int, int]] = []
    pos = 0
    known = _chunk_rows
    for chunk in masked.split(" "):
        chunk_rows = known.get(chunk)
        if chunk_rows is None:
            if len(known) >= _CHUNK_LIMIT:
                known.clear()  # bounded like spaCy's vocabulary (``recycle``)
            chunk_rows = known[chunk] = _rows_of(chunk)
        rows.extend([(final, punct, pos + idx) for final, punct, idx in chunk_rows])
        pos += len(chunk) + 1
    return rows


def _rows_of(text: str) -> list[tuple[int, int, int]]:
    from spacy.attrs import IDX, IS_PUNCT

    doc = nlp().tokenizer(text)
    return doc.to_array([_final_flag(), IS_PUNCT, IDX]).tolist() if len(doc) else []


__all__ = ["lines", "nlp", "split"]
