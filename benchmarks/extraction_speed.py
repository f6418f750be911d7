"""Extraction speed and memory: prov's extractor against spaCy's tokenizer and quantulum3.

Run from the repository root:

    .venv/bin/python benchmarks/extraction_speed.py [--words 2000000]

The corpus is generated from the fixture articles' sentences, shuffled and
recombined into articles of ~400 words with a fixed seed, and *streamed*:
articles are produced one at a time and never held together, so memory does
not grow with the corpus. Two corpora are measured:

* *repeating*: the fixture sentences reshuffled (only ~130 distinct
  sentences). This flatters spaCy's tokenizer, whose per-chunk cache then
  answers almost every token, and any cache keyed on text;
* *varied*: the same sentences with fresh numbers, some names replaced by
  made-up ones and clauses recombined (``varied_corpus``), so the text does
  not repeat. The fixture articles were written to carry claims, so this
  text is far denser in figures and attributions than news (about 21 claims
  per 1,000 words): the worst case for prov;
* *news*: the same varying applied to the sentences of real news articles,
  the PolNeAR half in ``../shared/benchmarks/polnear-dev/*.txt`` (US
  political news from 2016, about 33k words; skipped when absent): about 7
  claims per 1,000 words, the density prov meets in practice.

quantulum3 is timed on samples of both varied corpora, memory on the dense
one.

Only the time spent inside the measured call is counted, not generating the
text. The tokenizer and the extractor each start with a fresh spaCy pipeline
(spaCy caches every chunk and word it has tokenised, so a shared one would
favour whichever runs second). In the same run, on the same text:

* extraction words/s (``provenance.extract.extract`` per article, the work
  ``prov ingest`` does per article minus the database);
* spaCy blank English tokenizer words/s (``nlp.tokenizer`` per article), the
  baseline the issue names: target extraction >= 25% of it;
* quantulum3 words/s on a sample (it is too slow for the whole corpus):
  target prov >= 50x quantulum3;
* resident memory (RSS, sampled every 50 articles) of extraction at three corpus sizes (a tenth, half and
  all of ``--words``), each in a fresh process: it should be flat. spaCy
  keeps every string it sees, so ``sentences.recycle`` reloads the pipeline
  past ``VOCAB_LIMIT`` strings; the vocabulary's high-water mark is printed.

Figures are printed, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def news_sentences() -> list[str]:
    """Sentences of the real news articles in ``../shared/benchmarks/polnear-dev``."""
    from provenance.extract import sentences

    folder = ROOT.parent / "shared" / "benchmarks" / "polnear-dev"
    out: list[str] = []
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
        text = path.read_text(encoding="utf-8", errors="replace")
        for ls, le in sentences.lines(text):
            for s, e in sentences.split(text[ls:le], ls):
                out.append(text[s:e])
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


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CAPWORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_SYLLABLES = "ka ra mi zu fa te li yo an ba sha dar kel mon vir tal nos gor".split()


_LEADS = ("On {day}, ", "In {month} {year}, ", "Since {year}, ", "In mid-{month}, ", "Meanwhile, ")
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = (
    "January February March April May June July August September October November December".split()
)


def _new_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _vary_number(m: re.Match[str], rng: random.Random) -> str:
    text = m.group()
    digits = sum(c.isdigit() for c in text.split(".")[0])
    if 1900 <= int(text.replace(",", "").split(".")[0] or 0) <= 2030 and digits == 4:
        return str(rng.randint(1990, 2025))  # keep years plausible
    value = rng.randint(10 ** (digits - 1) if digits > 1 else 1, 10**digits - 1)
    out = f"{value:,}" if "," in text else str(value)
    if "." in text:
        out += "." + str(rng.randint(1, 9))
    return out


def varied_corpus(pool: list[str], words: int, seed: int = 7) -> Iterator[str]:
    """Like ``corpus`` but non-repeating: numbers and some names vary, clauses recombine.

    Every drawn sentence gets fresh numbers (same shape: digits, separators,
    plausible years); with probability 0.8 one of its longer capitalised words
    is replaced by a made-up name from a fixed syllable set (kept for the
    whole article, as a real article repeats its names); with probability 0.5
    its opening clause (up to the first comma) is joined to the rest of
    another sentence; with probability 0.3 a dated or linking opener
    ("On Monday, ", "In March 2019, ") is put before it. So neither spaCy's tokenizer cache nor any per-text
    cache of ours sees the same sentence twice.
    """
    rng = random.Random(seed)
    produced = 0
    while produced < words:
        renames: dict[str, str] = {}
        paragraphs, n = [], 0
        while n < 400:
            sents = []
            for _ in range(rng.randint(1, 3)):
                sent = rng.choice(pool)
                if rng.random() < 0.5 and ", " in sent:
                    other = rng.choice(pool)
                    if ", " in other:
                        sent = sent.split(", ", 1)[0] + ", " + other.split(", ", 1)[1]
                sent = _NUMBER.sub(lambda m: _vary_number(m, rng), sent)
                caps = _CAPWORD.findall(sent)
                if caps and rng.random() < 0.8:
                    word = rng.choice(caps)
                    new = renames.setdefault(word, _new_name(rng))
                    sent = re.sub(rf"\b{word}\b", new, sent)
                if rng.random() < 0.3 and sent[:1].isupper():
                    lead = rng.choice(_LEADS).format(
                        day=rng.choice(_DAYS),
                        month=rng.choice(_MONTHS),
                        year=rng.randint(2012, 2025),
                    )
                    sent = lead + sent
                sents.append(sent)
            para = " ".join(sents)
            paragraphs.append(para)
            n += len(para.split())
        produced += n
        yield "\n\n".join(paragraphs)


def distinct_ratio(texts: Iterator[str]) -> float:
    """Share of distinct sentences-ish chunks (paragraph pieces split at '. ')."""
    seen: set[str] = set()
    total = 0
    for text in texts:
        for piece in re.split(r"(?<=[.!?])\s+|\n+", text):
            if piece:
                total += 1
                seen.add(piece)
    return len(seen) / total if total else 0.0


def fresh_tokenizer() -> Any:
    """A new blank English tokenizer, with an empty cache and vocabulary."""
    import spacy

    return spacy.blank("en").tokenizer


def fresh_extractor(sentences: Any) -> None:
    """Make extraction load a new spaCy pipeline (empty cache and vocabulary)."""
    sentences.nlp.cache_clear()
    sentences._final_flag.cache_clear()
    sentences.split("Warm up. Load the pipeline.")


def timed(func, texts: Iterator[str]) -> tuple[int, float]:
    """Words and CPU seconds spent in ``func`` only (generating the text is not timed).

    CPU time of this process (``time.process_time``), not wall-clock: every
    measured call is single-threaded, and CPU time does not count the time
    other processes on a shared machine take from it.
    """
    words = 0
    spent = 0.0
    for text in texts:
        start = time.process_time()
        func(text)
        spent += time.process_time() - start
        words += len(text.split())
    return words, spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=2_000_000, help="corpus size in words")
    parser.add_argument(
        "--quantulum-words", type=int, default=20_000, help="quantulum3 sample size"
    )
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return

    from datetime import date

    from provenance.extract import extract, sentences
    from provenance.model import ArticleMeta

    pool = fixture_sentences()
    if not pool:
        print("No fixture articles found; nothing to measure.")
        return
    news = news_sentences()
    meta = ArticleMeta(title="bench", outlet="Bench Wire", published=date(2025, 2, 6))
    extract("warm up: the militia has 3,000 fighters, according to reports on Monday.", meta)

    runs = [
        ("repeating", "fixture sentences reshuffled", corpus, pool),
        (
            "varied",
            "fixture sentences, numbers/names/clauses varied: claim-dense",
            varied_corpus,
            pool,
        ),
    ]
    if news:
        runs.append(
            ("news", "real news sentences (PolNeAR), varied the same way", varied_corpus, news)
        )
    else:
        print("../shared/benchmarks/polnear-dev not found: the news corpus is skipped\n")
    rates: dict[str, float] = {}
    for key, label, make, sents in runs:
        share = distinct_ratio(make(sents, min(args.words, 200_000)))
        claims = sum(len(extract(t, meta)) for t in make(sents, 50_000, seed=5))
        print(
            f"Corpus {key} ({label}): {args.words:,} words from {len(sents)} sentences, "
            f"streamed; distinct sentences {share:.0%} (first 200k words); "
            f"{claims / 50:.1f} claims per 1,000 words"
        )
        # Both start cold: spaCy's tokenizer caches every chunk and lexeme it
        # has seen, and extraction tokenises too, so a shared pipeline would
        # hand whichever runs second a warm cache.
        tok_words, tok_time = timed(fresh_tokenizer(), make(sents, args.words))
        fresh_extractor(sentences)
        ext_words, ext_time = timed(lambda t: extract(t, meta), make(sents, args.words))
        tok_rate = tok_words / tok_time
        rates[key] = ext_rate = ext_words / ext_time
        print(
            f"  spaCy blank 'en' tokenizer : {tok_rate:>10,.0f} words/s ({tok_words:,} words, {tok_time:.1f}s)"
        )
        print(
            f"  prov extraction            : {ext_rate:>10,.0f} words/s ({ext_words:,} words, {ext_time:.1f}s)"
        )
        ratio = ext_rate / tok_rate
        print(
            f"    extraction / tokenizer   : {ratio:.1%}   (target >= 25%: {'met' if ratio >= 0.25 else 'NOT met'})\n"
        )

    try:
        import warnings

        from quantulum3 import parser as q_parser
    except ImportError:
        print("quantulum3 not installed (pip install -e '.[bench]'): comparison skipped")
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            q_parser.parse("warm up: 3,000 fighters and 5 km")  # load its data, as extract was
            for key, _label, make, sents in runs:
                if key == "repeating":
                    continue
                q_words, q_time = timed(q_parser.parse, make(sents, args.quantulum_words, seed=11))
                q_rate = q_words / q_time
                times = rates[key] / q_rate
                print(
                    f"quantulum3 ({key} sample)   : {q_rate:>10,.0f} words/s ({q_words:,} words, {q_time:.1f}s)"
                )
                print(
                    f"  prov ({key}) / quantulum3 : {times:.0f}x   (target >= 50x: {'met' if times >= 50 else 'NOT met'})"
                )

    print("\nPeak memory of extraction over the varied corpus, each size in a fresh process:")
    for size in (args.words // 10, args.words // 2, args.words):
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(size)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        base, peak, strings = (float(x) for x in out)
        print(
            f"  {size:>10,} words: resident {base:6.1f} MiB after loading, at most {peak:6.1f} MiB "
            f"while extracting ({peak - base:+5.1f} MiB); spaCy vocabulary at most {strings:,.0f} strings"
        )


def memory_child(words: int) -> None:
    """Extract ``words`` words of the varied corpus; print RSS before/peak, traced peak, vocab."""
    from datetime import date

    from provenance.extract import extract, sentences
    from provenance.model import ArticleMeta

    pool = fixture_sentences()
    meta = ArticleMeta(title="bench", outlet="Bench Wire", published=date(2025, 2, 6))
    extract("warm up: the militia has 3,000 fighters, according to reports on Monday.", meta)
    base = rss_mib()
    most, high = 0, base
    for i, text in enumerate(varied_corpus(pool, words, seed=3)):
        extract(text, meta)
        most = max(most, len(sentences.nlp().vocab.strings))
        if i % 50 == 0:
            high = max(high, rss_mib())
    print(base, max(high, rss_mib()), most)


def rss_mib() -> float:
    """Resident memory now (Linux /proc), else the peak so far (getrusage)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
