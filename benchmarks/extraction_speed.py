"""Extraction speed and memory: prov's extractor against spaCy's tokenizer and quantulum3.

Run from the repository root:

    .venv/bin/python benchmarks/extraction_speed.py [--words 2000000]

The corpus is generated from the fixture articles' sentences, shuffled and
recombined into articles of ~400 words with a fixed seed, and *streamed*:
articles are produced one at a time and never held together, so memory does
not grow with the corpus. In the same run, on the same text:

* extraction words/s (``provenance.extract.extract`` per article, the work
  ``prov ingest`` does per article minus the database);
* spaCy blank English tokenizer words/s (``nlp.tokenizer`` per article), the
  baseline the issue names: target extraction >= 25% of it;
* quantulum3 words/s on a sample (it is too slow for the whole corpus):
  target prov >= 50x quantulum3;
* peak traced memory (tracemalloc) of extraction at two corpus sizes: it
  should be flat (no growth with the number of articles).

Figures are printed, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fixture_sentences() -> list[str]:
    from provenance.extract import sentences
    from provenance.ingest import Candidate, Options, expand, read_input

    out: list[str] = []
    items, _ = expand([str(ROOT / "fixtures" / "articles")])
    for item in items:
        for cand in read_input(item, Options(extract=False)):
            if isinstance(cand, Candidate):
                for ls, le in sentences.lines(cand.text):
                    for s, e in sentences.split(cand.text[ls:le], ls):
                        out.append(cand.text[s:e])
    return out


def corpus(pool: list[str], words: int, seed: int = 7) -> Iterator[str]:
    """Articles of ~400 words drawn from ``pool`` until ``words`` words are produced."""
    rng = random.Random(seed)
    produced = 0
    while produced < words:
        paragraphs, n = [], 0
        while n < 400:
            para = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
            paragraphs.append(para)
            n += len(para.split())
        produced += n
        yield "\n\n".join(paragraphs)


def timed(func, texts: Iterator[str]) -> tuple[int, float]:
    words = 0
    start = time.perf_counter()
    for text in texts:
        func(text)
        words += len(text.split())
    return words, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=2_000_000, help="corpus size in words")
    parser.add_argument(
        "--quantulum-words", type=int, default=20_000, help="quantulum3 sample size"
    )
    args = parser.parse_args()

    from datetime import date

    from provenance.extract import extract
    from provenance.extract.sentences import nlp
    from provenance.model import ArticleMeta

    pool = fixture_sentences()
    if not pool:
        print("No fixture articles found; nothing to measure.")
        return
    meta = ArticleMeta(title="bench", outlet="Bench Wire", published=date(2025, 2, 6))
    tokenizer = nlp().tokenizer
    extract("warm up: the militia has 3,000 fighters, according to reports on Monday.", meta)

    print(f"Corpus: {args.words:,} words from {len(pool)} fixture sentences, streamed\n")
    tok_words, tok_time = timed(tokenizer, corpus(pool, args.words))
    ext_words, ext_time = timed(lambda t: extract(t, meta), corpus(pool, args.words))
    tok_rate = tok_words / tok_time
    ext_rate = ext_words / ext_time
    print(
        f"spaCy blank 'en' tokenizer : {tok_rate:>10,.0f} words/s ({tok_words:,} words, {tok_time:.1f}s)"
    )
    print(
        f"prov extraction            : {ext_rate:>10,.0f} words/s ({ext_words:,} words, {ext_time:.1f}s)"
    )
    ratio = ext_rate / tok_rate
    print(
        f"  extraction / tokenizer   : {ratio:.1%}   (target >= 25%: {'met' if ratio >= 0.25 else 'NOT met'})"
    )

    try:
        import warnings

        from quantulum3 import parser as q_parser
    except ImportError:
        print("quantulum3 not installed (pip install -e '.[bench]'): comparison skipped")
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            q_words, q_time = timed(q_parser.parse, corpus(pool, args.quantulum_words, seed=11))
        q_rate = q_words / q_time
        times = ext_rate / q_rate
        print(
            f"quantulum3 (sample)        : {q_rate:>10,.0f} words/s ({q_words:,} words, {q_time:.1f}s)"
        )
        print(
            f"  prov / quantulum3        : {times:.0f}x   (target >= 50x: {'met' if times >= 50 else 'NOT met'})"
        )

    print("\nPeak traced memory of extraction (tracemalloc):")
    for size in (args.words // 10, args.words // 2):
        tracemalloc.start()
        for text in corpus(pool, size, seed=3):
            extract(text, meta)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  {size:>10,} words: {peak / 2**20:6.1f} MiB")


if __name__ == "__main__":
    main()
