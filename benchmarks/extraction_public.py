"""Score prov's number and hedge parsers on the public benchmark halves.

Reads ../shared/benchmarks/ relative to the repository root (override with
PROV_BENCHMARKS) and prints a table of figures; nothing is asserted. Sets:

- NewsQuant (CQE test set, half): value P/R/F1 — a predicted number matches
  a gold one in the same sentence when the values are equal (ranges compare
  both ends); on matched pairs, unit-class accuracy and approximation-class
  accuracy (gold change ``~`` -> about, ``>`` -> at_least, ``<`` -> at_most,
  anything else -> none). Years and dates are left out of the predictions:
  NewsQuant does not annotate them as quantities. quantulum3 is scored the
  same way, side by side.
- currency-dev.json: value + currency F1 (gold currency names mapped to ISO
  4217; amounts whose gold unit is not a currency are scored on value only).
- Recognizers-Text Number / NumberRange / Percent / Currency models: span and
  resolution accuracy per test case (a case is right when the set of
  predicted (text, value) pairs equals the gold set). For ranges, bounds are
  compared as numbers; SPEC intervals are closed, so open/closed agreement is
  reported separately for information.
- Szeged FactBank uncertainty: sentence-level "uncertain" P/R/F1 (a sentence
  is uncertain when it has a cue; ours when ``assess`` finds a hedge cue) and
  cue-level P/R/F1 (cue strings, lowercased, per sentence).

    .venv/bin/python benchmarks/extraction_public.py
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.extract.hedges import assess  # noqa: E402
from provenance.extract.quantities import find_quantities  # noqa: E402

BENCH = Path(os.environ.get("PROV_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))

CURRENCY_NAMES = {
    "dollar": "USD", "united states dollar": "USD", "canadian dollar": "CAD",
    "australian dollar": "AUD", "hong kong dollar": "HKD", "new zealand dollar": "NZD",
    "euro": "EUR", "pound sterling": "GBP", "british pound": "GBP", "pound": "GBP",
    "chinese yuan": "CNY", "japanese yen": "JPY", "swiss franc": "CHF", "franc": "CHF",
    "turkish lira": "TRY", "rupee": "INR", "sri lankan rupee": "LKR", "mexican peso": "MXN",
    "shekel": "ILS", "malaysian ringgit": "MYR", "cent": "USD", "penny": "GBP", "pence": "GBP",
}  # fmt: skip


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _gold_value(s: str) -> tuple[float, float] | None:
    s = s.strip()
    m = re.fullmatch(r"(-?[\d.]+)\s*-\s*(-?[\d.]+)", s)
    try:
        if m:
            return float(m.group(1)), float(m.group(2))
        v = float(s)
        return v, v
    except ValueError:
        return None


def _match(gold: list, pred: list, key_g, key_p) -> list[tuple[int, int]]:
    """Greedy one-to-one matching on equal values; returns (gold index, pred index)."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        gv = key_g(g)
        if gv is None:
            continue
        for pi, p in enumerate(pred):
            if pi in used:
                continue
            pv = key_p(p)
            if _close(gv[0], pv[0]) and _close(gv[1], pv[1]):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _ours(text: str) -> list:
    return [q for q in find_quantities(text) if q.kind not in ("year", "date")]


def _our_val(q) -> tuple[float, float]:
    return q.nominal


def _approx_class(q) -> str:
    a = q.value.approx
    return a if a in ("about", "at_least", "at_most") else "none"


GOLD_CLASS = {"~": "about", ">": "at_least", "<": "at_most"}


def _unit_class(gold_unit: str) -> str:
    u = gold_unit.lower()
    if u in ("percentage", "percent"):
        return "percent"
    if u in CURRENCY_NAMES:
        return CURRENCY_NAMES[u]
    return "count"


def _quantulum():
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser  # type: ignore

        return parser
    except Exception:  # pragma: no cover - optional extra
        return None


def _q3_vals(parser, text: str) -> list[tuple[float, float]]:
    try:
        out = parser.parse(text)
    except Exception:
        return []
    vals = []
    for q in out:
        try:
            vals.append((float(q.value), float(q.value)))
        except (TypeError, ValueError):
            continue
    return vals


def _convention(gold: list, preds: list, text: str, gi_free: set[int], pi_free: set[int]):
    """Unmatched gold/pred items that differ only by a NewsQuant convention SPEC overrides.

    Returns (class name, gold indices, pred indices) triples. Classes:
    - ``vague``: a vague magnitude ("dozens", "tens of thousands"): NewsQuant
      writes [12, 120] / [10,000, 100,000], SPEC section 4 [24, 99] / [20,000, 99,999];
      a gold range and a predicted vague interval that overlap are one figure.
    - ``change``: NewsQuant writes a change "from 4.8 to 4.7" or a score "2-0"
      as one descending range; SPEC intervals have low <= high, so prov keeps
      the two figures; the gold item and the predictions equal to either end.
    - ``ratio word``: "twice as loud": a ratio claim (issue 3), not annotated.
    """
    out = []
    for gi in sorted(gi_free):
        gv = _gold_value(gold[gi]["value"])
        if gv is None:
            continue
        if gv[0] > gv[1]:
            ps = {pi for pi in pi_free if any(_close(preds[pi].nominal[0], v) and
                  _close(preds[pi].nominal[1], v) for v in gv)}  # fmt: skip
            out.append(("change", {gi}, ps))
            pi_free -= ps
            continue
        for pi in sorted(pi_free):
            p = preds[pi]
            if p.value.approx == "vague" and gv[0] < gv[1] and p.nominal[0] <= gv[1] \
                    and gv[0] <= p.nominal[1]:  # fmt: skip
                out.append(("vague", {gi}, {pi}))
                pi_free.discard(pi)
                break
    for pi in sorted(pi_free):
        p = preds[pi]
        if p.kind == "ratio" and text[p.number_start : p.number_end].isalpha():
            out.append(("ratio word", set(), {pi}))
    return out


MISSES = Path(os.environ.get("PROV_MISSES", "/tmp/prov-extraction-misses"))


def score_newsquant(rows: list[tuple[str, str]]) -> None:
    path = BENCH / "newsquant-dev.json"
    if not path.exists():
        print(f"skip NewsQuant: {path} not found", file=sys.stderr)
        return
    data = json.loads(path.read_text())
    MISSES.mkdir(parents=True, exist_ok=True)
    log = (MISSES / "newsquant.txt").open("w", encoding="utf-8")
    conv: Counter[str] = Counter()
    conv_g = conv_p = 0
    tp = npred = ngold = 0
    unit_ok = cls_ok = 0
    cls_counts: Counter[str] = Counter()
    q3 = _quantulum()
    q3_tp = q3_pred = 0
    t0 = time.perf_counter()
    for item in data:
        gold = item["quantities"]
        preds = _ours(item["text"])
        pairs = _match(gold, preds, lambda g: _gold_value(g["value"]), _our_val)
        tp += len(pairs)
        npred += len(preds)
        ngold += len(gold)
        gi_free = set(range(len(gold))) - {a for a, _ in pairs}
        pi_free = set(range(len(preds))) - {b for _, b in pairs}
        if gi_free or pi_free:
            text = item["text"]
            log.write(f"S: {text}\n")
            for cname, gs, ps in _convention(gold, preds, text, set(gi_free), set(pi_free)):
                conv[cname] += len(gs) + len(ps)
                conv_g += len(gs)
                conv_p += len(ps)
                gi_free -= gs
                pi_free -= ps
                for gi in gs:
                    log.write(f"  CONV:{cname} FN {gold[gi]['value']!r} {gold[gi]['unit']!r}\n")
                for pi in ps:
                    log.write(f"  CONV:{cname} FP {_show(text, preds[pi])}\n")
            for gi in sorted(gi_free):
                g = gold[gi]
                log.write(f"  FN {g['value']!r} change={g['change']} unit={g['unit']!r}\n")
            for pi in sorted(pi_free):
                log.write(f"  FP {_show(text, preds[pi])}\n")
        for gi, pi in pairs:
            g, p = gold[gi], preds[pi]
            gc = GOLD_CLASS.get(g["change"], "none")
            cls_counts[gc] += 1
            cls_ok += gc == _approx_class(p)
            uc = _unit_class(g["normalized_unit"])
            pu = (
                p.value.unit
                if p.kind == "money"
                else ("percent" if p.kind == "percent" else "count")
            )
            unit_ok += uc == pu
        if q3 is not None:
            qv = _q3_vals(q3, item["text"])
            q3_pred += len(qv)
            q3_tp += len(_match(gold, qv, lambda g: _gold_value(g["value"]), lambda v: v))
    el = time.perf_counter() - t0
    log.close()
    p, r, f = _prf(tp, npred, ngold)
    rows.append(("NewsQuant value P / R / F1 (prov)", f"{p:.3f} / {r:.3f} / {f:.3f}"))
    p, r, f = _prf(tp, npred - conv_p, ngold - conv_g)
    rows.append(("NewsQuant value P / R / F1 EXCLUDING convention differences",
                 f"{p:.3f} / {r:.3f} / {f:.3f} (left out: {conv_g} gold, {conv_p} predicted; "
                 f"{dict(conv)})"))  # fmt: skip
    rows.append(("NewsQuant misses (FP/FN with sentence)", str(MISSES / "newsquant.txt")))
    rows.append(("NewsQuant matched: unit-class accuracy", f"{unit_ok / max(tp, 1):.3f} ({tp})"))
    rows.append(
        (
            "NewsQuant matched: about/at_least/at_most class accuracy",
            f"{cls_ok / max(tp, 1):.3f} ({dict(cls_counts)})",
        )
    )
    if q3 is not None:
        p3, r3, f3 = _prf(q3_tp, q3_pred, ngold)
        rows.append(("NewsQuant value P / R / F1 (quantulum3)", f"{p3:.3f} / {r3:.3f} / {f3:.3f}"))
    else:
        rows.append(("NewsQuant quantulum3", "not installed (pip install .[bench])"))
    rows.append(("NewsQuant sentences / seconds (both systems)", f"{len(data)} / {el:.2f}"))


def _show(text: str, q) -> str:
    return f"{text[q.start : q.end]!r} nominal={q.nominal} {q.kind} {q.value.approx} {q.value.unit}"


def score_currency(rows: list[tuple[str, str]]) -> None:
    path = BENCH / "currency-dev.json"
    if not path.exists():
        print(f"skip currency: {path} not found", file=sys.stderr)
        return
    data = json.loads(path.read_text())
    tp = tpv = npred = ngold = 0
    q3 = _quantulum()
    q3_tp = q3_pred = 0
    MISSES.mkdir(parents=True, exist_ok=True)
    log = (MISSES / "currency.txt").open("w", encoding="utf-8")
    for item in data:
        gold = item["quantities"]
        preds = _ours(item["text"])
        pairs = _match(gold, preds, lambda g: _gold_value(g["value"]), _our_val)
        gi_free = set(range(len(gold))) - {a for a, _ in pairs}
        pi_free = set(range(len(preds))) - {b for _, b in pairs}
        if gi_free or pi_free:
            log.write(f"S: {item['text']}\n")
            for gi in sorted(gi_free):
                log.write(f"  FN {gold[gi]['value']!r} {gold[gi].get('normalized_unit')!r}\n")
            for pi in sorted(pi_free):
                log.write(f"  FP {_show(item['text'], preds[pi])}\n")
        npred += len(preds)
        ngold += len(gold)
        tpv += len(pairs)
        for gi, pi in pairs:
            gu = _unit_class(gold[gi]["normalized_unit"])
            p = preds[pi]
            pu = (
                p.value.unit
                if p.kind == "money"
                else ("percent" if p.kind == "percent" else "count")
            )
            tp += gu == pu or gu == "count"
        if q3 is not None:
            qv = _q3_vals(q3, item["text"])
            q3_pred += len(qv)
            q3_tp += len(_match(gold, qv, lambda g: _gold_value(g["value"]), lambda v: v))
    log.close()
    _, _, fv = _prf(tpv, npred, ngold)
    p, r, f = _prf(tp, npred, ngold)
    rows.append(("currency value F1 (prov)", f"{fv:.3f}"))
    rows.append(("currency value+currency P / R / F1 (prov)", f"{p:.3f} / {r:.3f} / {f:.3f}"))
    if q3 is not None:
        _, _, f3 = _prf(q3_tp, q3_pred, ngold)
        rows.append(("currency value F1 (quantulum3)", f"{f3:.3f}"))


RT_UNITS = {k.lower(): v for k, v in CURRENCY_NAMES.items()}


def _rt_number(text: str) -> set[tuple[str, float]]:
    out = set()
    for q in find_quantities(text):
        if q.kind in ("date",):
            continue
        if q.value.approx in ("range", "vague"):
            continue
        # Recognizers' gold "Text" is lower-cased: compare spans lower-cased.
        out.add((text[q.number_start : q.number_end].lower(), round(q.nominal[0], 6)))
    return out


def _rt_range_value(s: str) -> tuple[float | None, float | None, str, str]:
    m = re.fullmatch(r"([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])", s.strip())
    if not m:
        return None, None, "", ""
    lo = float(m.group(2)) if m.group(2).strip() else None
    hi = float(m.group(3)) if m.group(3).strip() else None
    return lo, hi, m.group(1), m.group(4)


def score_recognizers(rows: list[tuple[str, str]]) -> None:
    base = BENCH / "recognizers-text"
    if not base.exists():
        print(f"skip Recognizers-Text: {base} not found", file=sys.stderr)
        return
    # NumberModel: set of (number text, value)
    cases = json.loads((base / "NumberModel.json").read_text())
    ok = span_ok = 0
    MISSES.mkdir(parents=True, exist_ok=True)
    log = (MISSES / "recognizers-number.txt").open("w", encoding="utf-8")
    for c in cases:
        gold = {(r["Text"].lower(), round(float(r["Resolution"]["value"]), 6)) for r in c["Results"]
                if _is_float(r["Resolution"].get("value"))}  # fmt: skip
        pred = _rt_number(c["Input"])
        ok += pred == gold
        if pred != gold:
            log.write(f"S: {c['Input']}\n  gold {sorted(gold)}\n  pred {sorted(pred)}\n")
        span_ok += {t for t, _ in pred} == {t.lower() for t, _ in gold} or {t for t, _ in pred} == {
            t for t, _ in gold
        }
    log.close()
    rows.append(("Recognizers NumberModel case accuracy (span+value / span)",
                 f"{ok / len(cases):.3f} / {span_ok / len(cases):.3f} ({len(cases)})"))  # fmt: skip

    # NumberRangeModel: bounds as numbers; our at_most low 0 counts as unbounded.
    cases = json.loads((base / "NumberRangeModel.json").read_text())
    ok = span_ok = oc_ok = n_oc = 0
    rlog = (MISSES / "recognizers-numberrange.txt").open("w", encoding="utf-8")
    for c in cases:
        gold = []
        for r in c["Results"]:
            gold.append((r["Text"], _rt_range_value(r["Resolution"]["value"])))
        preds = [q for q in find_quantities(c["Input"]) if q.value.approx in
                 ("range", "at_least", "at_most", "vague")]  # fmt: skip
        pb = []
        for q in preds:
            lo = None if q.value.approx == "at_most" else q.nominal[0]
            hi = None if q.value.approx == "at_least" else q.nominal[1]
            pb.append((c["Input"][q.start : q.end], lo, hi))
        good = len(pb) == len(gold) and all(
            (g[1][0] is None and p[1] is None or g[1][0] is not None and p[1] is not None
             and _close(g[1][0], p[1]))
            and (g[1][1] is None and p[2] is None or g[1][1] is not None and p[2] is not None
                 and _close(g[1][1], p[2]))
            for g, p in zip(gold, pb, strict=False)
        )  # fmt: skip
        ok += good
        if not good:
            rlog.write(f"S: {c['Input']}\n  gold {gold}\n  pred {pb}\n")
        span_ok += len(pb) == len(gold) and all(
            g[0].lower() == p[0].lower() for g, p in zip(gold, pb, strict=False)
        )
        for g in gold:
            n_oc += 1
            oc_ok += (g[1][2] in "[" or g[1][0] is None) and (g[1][3] in "]" or g[1][1] is None)
    rlog.close()
    rows.append(("Recognizers NumberRange bounds accuracy / span accuracy",
                 f"{ok / len(cases):.3f} / {span_ok / len(cases):.3f} ({len(cases)})"))  # fmt: skip
    rows.append(("Recognizers NumberRange gold ranges closed like SPEC's",
                 f"{oc_ok / max(n_oc, 1):.3f} (SPEC intervals are closed)"))  # fmt: skip

    cases = json.loads((base / "PercentModel.json").read_text())
    ok = 0
    for c in cases:
        gold = {(r["Text"], float(r["Resolution"]["value"].rstrip("%"))) for r in c["Results"]
                if _is_float(r["Resolution"]["value"].rstrip("%"))}  # fmt: skip
        pred = {(c["Input"][q.start : q.end], q.nominal[0]) for q in find_quantities(c["Input"])
                if q.kind == "percent"}  # fmt: skip
        ok += pred == gold
    rows.append(("Recognizers PercentModel case accuracy", f"{ok / len(cases):.3f} ({len(cases)})"))

    cases = json.loads((base / "CurrencyModel.json").read_text())
    ok = vok = 0
    ngold = npred = tp = 0
    for c in cases:
        gold = set()
        for r in c["Results"]:
            res = r["Resolution"]
            if not _is_float(res.get("value")):
                continue
            code = res.get("isoCurrency") or RT_UNITS.get(str(res.get("unit", "")).lower(), "?")
            if str(res.get("unit", "")).lower() in ("cent", "pence", "penny"):
                code = "sub"
            gold.add((round(float(res["value"]), 6), code))
        pred = set()
        for q in find_quantities(c["Input"]):
            if q.kind != "money":
                continue
            sub = re.search(r"\b(?:cents?|pence|penny)\b", c["Input"][q.start : q.end], re.I)
            pred.add((round(q.nominal[0] * (100 if sub else 1), 6), "sub" if sub else q.value.unit))
        ok += pred == gold
        vok += {v for v, _ in pred} == {v for v, _ in gold}
        ngold += len(gold)
        npred += len(pred)
        tp += len(pred & gold)
    p, r, f = _prf(tp, npred, ngold)
    rows.append(("Recognizers CurrencyModel case accuracy (value+ISO / value)",
                 f"{ok / len(cases):.3f} / {vok / len(cases):.3f} ({len(cases)})"))  # fmt: skip
    rows.append(("Recognizers CurrencyModel value+ISO P / R / F1", f"{p:.3f} / {r:.3f} / {f:.3f}"))


def _is_float(s) -> bool:
    try:
        float(s)
        return True
    except (TypeError, ValueError):
        return False


def score_szeged(rows: list[tuple[str, str]]) -> None:
    path = BENCH / "szeged-factbank-dev.xml"
    if not path.exists():
        print(f"skip Szeged: {path} not found", file=sys.stderr)
        return
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
    root = ET.fromstring(text)
    s_tp = s_fp = s_fn = 0
    c_tp = c_pred = c_gold = 0
    n = 0
    for sent in root.iter("Sentence"):
        n += 1
        plain = "".join(sent.itertext())
        gold_cues = Counter(
            " ".join("".join(c.itertext()).lower().split()) for c in sent.iter("ccue")
        )
        a = assess(plain)
        pred_cues = Counter(" ".join(c.lower().split()) for c in a.cues)
        gu, pu = bool(gold_cues), bool(pred_cues)
        s_tp += gu and pu
        s_fp += pu and not gu
        s_fn += gu and not pu
        c_gold += sum(gold_cues.values())
        c_pred += sum(pred_cues.values())
        c_tp += sum((gold_cues & pred_cues).values())
    p, r, f = _prf(s_tp, s_tp + s_fp, s_tp + s_fn)
    rows.append(("Szeged FactBank sentence uncertain P / R / F1",
                 f"{p:.3f} / {r:.3f} / {f:.3f} ({n} sentences)"))  # fmt: skip
    p, r, f = _prf(c_tp, c_pred, c_gold)
    rows.append(("Szeged FactBank cue P / R / F1", f"{p:.3f} / {r:.3f} / {f:.3f}"))


def score_speed(rows: list[tuple[str, str]], sentences: list[str]) -> None:
    """Words per second of find_quantities and assess vs spaCy's blank tokenizer, same text."""
    if not sentences:
        return
    corpus = sentences * max(1, 400_000 // max(1, sum(len(s.split()) for s in sentences)))
    words = sum(len(s.split()) for s in corpus)

    def rate(fn) -> float:
        t0 = time.perf_counter()
        for s in corpus:
            fn(s)
        return words / (time.perf_counter() - t0)

    rq = rate(find_quantities)
    rh = rate(assess)
    try:
        import spacy

        tok = spacy.blank("en").tokenizer
        rt = rate(tok)
    except Exception:  # pragma: no cover - spaCy is a dependency
        rt = float("nan")
    rows.append(("speed words/s: find_quantities / assess / spaCy blank tokenizer",
                 f"{rq:,.0f} / {rh:,.0f} / {rt:,.0f} ({words:,} words)"))  # fmt: skip


def _sentences() -> list[str]:
    out: list[str] = []
    nq = BENCH / "newsquant-dev.json"
    if nq.exists():
        out += [x["text"] for x in json.loads(nq.read_text())]
    sz = BENCH / "szeged-factbank-dev.xml"
    if sz.exists():
        root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", sz.read_text(encoding="utf-8")))
        out += ["".join(s.itertext()) for s in root.iter("Sentence")]
    return out


def main() -> int:
    if not BENCH.exists():
        print(f"benchmark data not found at {BENCH}; nothing to score", file=sys.stderr)
        return 0
    rows: list[tuple[str, str]] = []
    score_newsquant(rows)
    score_currency(rows)
    score_recognizers(rows)
    score_szeged(rows)
    score_speed(rows, _sentences())
    width = max(len(k) for k, _ in rows)
    print(f"{'figure':<{width}}  value")
    print("-" * (width + 2 + 40))
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print("\ntargets: NewsQuant value F1 > 0.92 (CQE, full set; quantulum3 0.73), "
          "approximation class >= 0.90 of matched")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
