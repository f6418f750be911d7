"""Extraction quality: prov's extractor against the fixture set, quantulum3 and PolNeAR.

Run from the repository root:

    .venv/bin/python benchmarks/extraction_quality.py [--details]

1. Fixtures (fixtures/articles/*.txt scored against fixtures/expected/*.json).
   A predicted claim matches an expected one when its span overlaps an
   occurrence of the expected quote in the article text AND the value
   interval is equal (low and high, infinity included); matching is one to
   one, greedy in text order. Printed: detection precision, recall, F1; on
   matched claims the accuracy of value (unit and approximation kind),
   measure (exact), subject (provenance.names equivalence: same fold, same
   core, or fuzzy core match), hedge, polarity and origin (same fold, or one
   is the other's acronym).
2. quantulum3 (a published quantity extractor, the `bench` extra) on the same
   texts: detection and value by the same matching rule, its quantities
   taken as exact intervals.
3. PolNeAR (../shared/benchmarks/polnear-dev, brat standoff): for each claim
   extracted inside a gold Content span, is the claim's origin the gold
   Source of that attribution? Source precision (over claims where prov
   named a source other than the outlet), recall and F1, and accuracy (over
   all claims inside Content spans). Skipped with a message when absent.

Targets (issue 3) are printed beside the figures. This is a script, not a
test: it prints, it never fails a build.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "benchmarks"
TARGETS = {"detection F1": 0.90, "value": 0.95, "hedge": 0.85, "origin": 0.80, "subject": 0.80}


def load_fixtures() -> list[tuple[str, Any, Any, dict[str, Any]]]:
    """(name, text, meta, expected) for every fixture article with an expected file."""
    from provenance.ingest import Candidate, Options, expand, read_input

    out = []
    items, _ = expand([str(ROOT / "fixtures" / "articles")])
    for item in items:
        path = Path(item.label)
        expected_path = ROOT / "fixtures" / "expected" / (path.stem + ".json")
        if not expected_path.exists():
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        for cand in read_input(item, Options(extract=False)):
            if isinstance(cand, Candidate):
                out.append((path.stem, cand.text, cand.meta, expected))
    return out


def _eq(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-6)


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(quote)
    while i >= 0 and quote:
        spans.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return spans


def match(
    text: str, predicted: list[dict[str, Any]], expected: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (predicted index, expected index): overlapping quote and equal interval."""
    pairs = []
    used: set[int] = set()
    for ei, exp in enumerate(expected):
        spans = occurrences(text, exp["quote"])
        for pi, pred in enumerate(predicted):
            if pi in used:
                continue
            overlaps = any(pred["start"] < e and s < pred["end"] for s, e in spans)
            if overlaps and _eq(pred["low"], exp["low"]) and _eq(pred["high"], exp["high"]):
                pairs.append((pi, ei))
                used.add(pi)
                break
    return pairs


def same_subject(a: str | None, b: str | None) -> bool:
    from rapidfuzz import fuzz

    from provenance.names import FUZZY_THRESHOLD, core, fold

    if not a or not b:
        return not a and not b
    if fold(a) == fold(b) or core(a) == core(b):
        return True
    return fuzz.ratio(core(a), core(b)) >= FUZZY_THRESHOLD


def same_source(a: str | None, b: str | None) -> bool:
    from provenance.names import acronym, fold

    if not a or not b:
        return not a and not b
    fa, fb = fold(a), fold(b)
    return fa == fb or acronym(a) == fb.replace(" ", "") or acronym(b) == fa.replace(" ", "")


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_prov(fixtures: list[Any], details: bool) -> dict[str, float]:
    from provenance.extract import extract

    tp = npred = ngold = 0
    right = dict.fromkeys(("value", "measure", "subject", "hedge", "polarity", "origin"), 0)
    # Place and as_of are scored only where the expected claim states them.
    stated = {"place": [0, 0], "as_of": [0, 0]}
    for name, text, meta, expected in fixtures:
        drafts = extract(text, meta)
        predicted = []
        for d in drafts:
            v = d.value
            predicted.append(
                {
                    "start": d.start,
                    "end": d.end,
                    "quote": d.quote,
                    "low": v.low if v else None,
                    "high": v.high if v else None,
                    "unit": v.unit if v else None,
                    "approx": v.approx if v else None,
                    "measure": d.measure,
                    "subject": d.subject,
                    "hedge": d.hedge,
                    "polarity": d.polarity,
                    "origin": d.origin.name if d.origin else None,
                    "place": d.place,
                    "as_of": d.as_of,
                }
            )
        gold = expected["claims"]
        pairs = match(text, predicted, gold)
        tp += len(pairs)
        npred += len(predicted)
        ngold += len(gold)
        for pi, ei in pairs:
            p, g = predicted[pi], gold[ei]
            checks = {
                "value": p["unit"] == g["unit"]
                and (g.get("approx") is None or p["approx"] == g["approx"]),
                "measure": p["measure"] == g["measure"],
                "subject": same_subject(p["subject"], g["subject"]),
                "hedge": p["hedge"] == g["hedge"],
                "polarity": p["polarity"] == g.get("polarity", "affirmed"),
                "origin": same_source(p["origin"], g["origin"]),
            }
            for key, tally in stated.items():
                if key in g:
                    ok = (p[key] or None) == (g[key] or None)
                    tally[0] += ok
                    tally[1] += 1
                    if details and not ok:
                        print(
                            f"  {name}: {key} wrong for {g['quote']!r}: got {p[key]!r}, expected {g[key]!r}"
                        )
            for key, ok in checks.items():
                right[key] += ok
                if details and not ok:
                    print(
                        f"  {name}: {key} wrong for {g['quote']!r}: got {p[key] if key != 'value' else (p['unit'], p['approx'])!r}, expected {g.get(key) if key != 'value' else (g['unit'], g.get('approx'))!r}"
                    )
        if details:
            matched_p = {pi for pi, _ in pairs}
            matched_e = {ei for _, ei in pairs}
            for pi, p in enumerate(predicted):
                if pi not in matched_p:
                    print(f"  {name}: extra {p['quote']!r} [{p['low']}, {p['high']}]")
            for ei, g in enumerate(gold):
                if ei not in matched_e:
                    print(f"  {name}: missed {g['quote']!r} [{g['low']}, {g['high']}]")
    p, r, f = prf(tp, npred, ngold)
    out = {
        "precision": p,
        "recall": r,
        "detection F1": f,
        "matched": tp,
        "predicted": npred,
        "expected": ngold,
    }
    for key, n in right.items():
        out[key] = n / tp if tp else 0.0
    for key, (ok, n) in stated.items():
        out[key] = ok / n if n else 0.0
        out[f"{key} stated"] = n
    return out


def score_quantulum(fixtures: list[Any]) -> dict[str, float] | None:
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    import warnings

    tp = npred = ngold = 0
    value_right = 0
    for _name, text, _meta, expected in fixtures:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities = parser.parse(text)
        predicted = [
            {
                "start": q.span[0],
                "end": q.span[1],
                "low": float(q.value),
                "high": float(q.value),
                "unit": q.unit.name,
            }
            for q in quantities
        ]
        gold = expected["claims"]
        pairs = match(text, predicted, gold)
        tp += len(pairs)
        npred += len(predicted)
        ngold += len(gold)
        value_right += len(pairs)  # equal interval is the match rule itself
    p, r, f = prf(tp, npred, ngold)
    return {
        "precision": p,
        "recall": r,
        "detection F1": f,
        "value": value_right / tp if tp else 0.0,
    }


def read_brat(path: Path) -> list[dict[str, tuple[int, int, str]]]:
    """Attributions of one .ann file: {"Source": (s, e, text), "Content": ..., "Cue": ...}."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, *offsets = parts[1].split(" ")
            try:
                start = int(offsets[0])
                end = int(offsets[-1].split(";")[-1])
            except (ValueError, IndexError):
                continue
            spans[parts[0]] = (label, start, end, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split(" "))
    out = []
    for args in events:
        roles: dict[str, tuple[int, int, str]] = {}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            if ref in spans:
                _, s, e, t = spans[ref]
                roles[role.rstrip("0123456789")] = (s, e, t)
        if "Content" in roles:
            out.append(roles)
    return out


def score_polnear() -> dict[str, float] | None:
    from provenance.extract import extract
    from provenance.model import ArticleMeta

    folder = SHARED / "polnear-dev"
    if not folder.is_dir():
        return None
    claims_in = correct = named = pronoun = pronoun_named = 0
    for txt in sorted(folder.glob("*.txt")):
        anns = sorted(folder.glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        attributions = read_brat(anns[0])
        outlet = txt.stem.split("_")[0]
        for d in extract(text, ArticleMeta(outlet=outlet)):
            inside = [
                a for a in attributions if a["Content"][0] <= d.start and d.end <= a["Content"][1]
            ]
            if not inside:
                continue
            claims_in += 1
            gold = inside[0].get("Source")
            origin = d.origin.name if d.origin else None
            predicted = origin if origin and origin != outlet else None
            if predicted:
                named += 1
            if gold and gold[2].strip().lower() in PRONOUN_SOURCES:
                # Unscorable: the name prov resolves "he" to cannot be checked.
                pronoun += 1
                pronoun_named += bool(predicted)
            if gold and predicted and _source_match(predicted, gold[2]):
                correct += 1
    p, r, f = prf(correct, named, claims_in)
    rest = claims_in - pronoun
    return {
        "claims in content": claims_in,
        "named": named,
        "correct": correct,
        "precision": p,
        "recall": r,
        "F1": f,
        "accuracy": correct / claims_in if claims_in else 0.0,
        "pronoun sources": pronoun,
        # The same scores over the claims whose gold Source is not a pronoun.
        "precision without pronouns": correct / (named - pronoun_named)
        if named > pronoun_named
        else 0.0,
        "accuracy without pronouns": correct / rest if rest else 0.0,
    }


_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|sen|rep|gov|gen)\.?\s+", re.IGNORECASE)


def _source_match(predicted: str, gold: str) -> bool:
    """The same source: equal or contained word for word after folding, an
    honorific dropped ("Mr. Vilsack" is the "Tom Vilsack" named earlier;
    "Associated Press" is the source of "an Associated Press analysis"), or
    aliases. Whole words only: a gold "He" is not inside "When top aide ..."."""
    from provenance.names import fold

    a, b = fold(_HONORIFIC.sub("", predicted)), fold(_HONORIFIC.sub("", gold))
    if not a or not b:
        return False
    pa, pb = f" {a} ", f" {b} "
    return pa in pb or pb in pa or same_source(predicted, gold)


# PolNeAR annotates the mention, not whom it refers to: a pronoun source ("he
# said") cannot be checked against the name prov resolves it to.
PRONOUN_SOURCES = {"he", "she", "it", "they", "we", "i", "you", "who", "that", "which"}


def score_polnear_cues() -> dict[str, int] | None:
    """Every annotated attribution whose cue is one prov reads (its reporting
    verbs and "according to"), not only those around a figure: does
    ``find_attributions``, run over the article's sentences in order, find an
    attribution at that cue, and is its source the gold Source?"""
    from provenance.extract import attribution, sentences

    folder = SHARED / "polnear-dev"
    if not folder.is_dir():
        return None
    cue_words = set(attribution.VERBS.split("|")) | {"according"}
    out = {"cues": 0, "pronoun sources": 0, "found": 0, "correct": 0}
    for txt in sorted(folder.glob("*.txt")):
        anns = sorted(folder.glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        state = attribution.ArticleState()
        found: list[tuple[int, str]] = []
        for ls, le in sentences.lines(text):
            for s, e in sentences.split(text[ls:le], ls):
                for a in attribution.find_attributions(text[s:e], state):
                    if a.chain:
                        found.append((s + a.start, a.chain[-1].name))
        for gold in read_brat(anns[0]):
            cue, source = gold.get("Cue"), gold.get("Source")
            if not cue or not source:
                continue
            if cue_words.isdisjoint(re.findall(r"[a-z]+", cue[2].lower())):
                continue
            if source[2].strip().lower() in PRONOUN_SOURCES:
                out["pronoun sources"] += 1
                continue
            out["cues"] += 1
            at = [name for pos, name in found if cue[0] <= pos < cue[1]]
            if at:
                out["found"] += 1
                out["correct"] += _source_match(at[0], source[2])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="list every miss and wrong field")
    args = parser.parse_args()

    fixtures = load_fixtures()
    if not fixtures:
        print("No fixtures with expected claims found under fixtures/; nothing to score.")
        return
    t0 = time.perf_counter()
    prov = score_prov(fixtures, args.details)
    t1 = time.perf_counter()
    quant = score_quantulum(fixtures)
    print(
        f"\nFixture set: {len(fixtures)} articles, {prov['expected']} expected claims "
        f"({prov['predicted']} predicted, {prov['matched']} matched; prov ran in {t1 - t0:.2f}s)\n"
    )
    print(f"{'metric':<16}{'prov':>10}{'quantulum3':>12}{'target':>10}  met")
    rows = [
        "precision",
        "recall",
        "detection F1",
        "value",
        "measure",
        "subject",
        "hedge",
        "polarity",
        "origin",
    ]
    for key in rows:
        q = quant.get(key) if quant else None
        target = TARGETS.get(key)
        met = ""
        if target is not None:
            met = "yes" if prov[key] >= target else "NO"
        if key == "detection F1" and quant:
            met += " (above quantulum3)" if prov[key] > quant[key] else " (NOT above quantulum3)"
        print(
            f"{key:<16}{prov[key]:>10.3f}{(f'{q:.3f}' if q is not None else '-'):>12}"
            f"{(f'≥{target:.2f}' if target else ''):>10}  {met}"
        )
    for key in ("place", "as_of"):
        print(
            f"{key:<16}{prov[key]:>10.3f}{'-':>12}{'':>10}  ({prov[key + ' stated']} expected claims state it)"
        )
    if quant is None:
        print("quantulum3 not installed (pip install -e '.[bench]'): its column is empty.")
    pol = score_polnear()
    if pol is None:
        print(f"\nPolNeAR: {SHARED / 'polnear-dev'} not found; skipped.")
    else:
        print(
            f"\nPolNeAR dev half: {pol['claims in content']} extracted claims inside gold Content spans, "
            f"prov named a source for {pol['named']}, {pol['correct']} equal the gold Source"
        )
        print(
            f"  source precision {pol['precision']:.3f}  recall {pol['recall']:.3f}  "
            f"F1 {pol['F1']:.3f}  accuracy {pol['accuracy']:.3f}"
        )
        print(
            f"  {pol['pronoun sources']} of them have a pronoun as gold Source (he, she, it), "
            "which the name prov resolves it to never equals; on the rest: "
            f"precision {pol['precision without pronouns']:.3f}  "
            f"accuracy {pol['accuracy without pronouns']:.3f}"
        )
    cues = score_polnear_cues()
    if cues:
        n = cues["cues"]
        print(
            f"\nPolNeAR, every annotated attribution with a cue prov reads (a reporting verb or "
            f"'according to') and a named source ({n}; {cues['pronoun sources']} more name "
            f"their source by a pronoun and are left out):\n"
            f"  attribution found at the cue {cues['found'] / n:.3f}, its source right "
            f"{cues['correct'] / n:.3f} of all ({cues['correct'] / max(cues['found'], 1):.3f} "
            f"of those found)"
        )


if __name__ == "__main__":
    main()
