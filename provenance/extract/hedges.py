"""Hedging level and polarity of a claim in its sentence (SPEC section 3).

``assess(sentence, span)`` reads the cues that govern the claim at ``span``
(offsets into ``sentence``; None = the whole sentence) and returns an
:class:`Assessment`: the hedge level, the cues as written, the polarity and
the denial cues. ``disclaimer_effect(note)`` says what a publisher's note
("has not verified the content of this story") does to an article's claims.
Everything here is pure, cheap (one compiled regex scan per sentence) and
never raises on arbitrary text.

Lexicon (extends SPEC section 3)
--------------------------------
- ``probable``: estimated, estimates, likely, probably, believed/believes,
  apparently, "appears to"/"it appears", "seems to", "is thought to",
  "is understood to", "expected to", presumably, suspected, indicates,
  "in all likelihood", "think(s) that".
- ``possible``: may, might, could, possibly, possible, perhaps, maybe,
  suggests/suggesting/suggested, speculation/speculated, potentially,
  conceivably, whether, if, unclear, uncertain, unknown, unlikely, doubt.
  Capitalised "May" is the month unless it opens the sentence before a word.
- ``unverified``: reportedly, allegedly, alleged, claims/claimed/claiming,
  purportedly/purported, rumoured/rumored/rumours, unconfirmed, unverified,
  "is said to", "was reported (to|killed|dead)", supposedly, ostensibly,
  "has not verified", "could not be independently verified", "could not
  independently confirm", "cannot be verified", "it was not possible to
  (independently) verify", "declined to confirm",
  "neither confirmed nor denied".
- "suspected" is ``probable`` (a suspicion is held, not merely passed on).
- The weakest level among the cues in scope wins (certain < probable <
  possible < unverified). No cue: ``certain``.
- Attribution does not lower the level: "said", "told", "according to",
  "reported" (as a verb with a subject) are not cues; they fill the chain.
  Approximators ("about", "up to") are not cues either: they widen the
  number's interval (quantities.py). "estimated" is both: "estimated at
  350,000" is an approximate number *and* a probable claim, because SPEC
  lists "estimated" among the probable cues.

Scope rule
----------
A sentence is cut into clause segments at ";", ":", a spaced dash, and a
comma or space followed by a contrastive or coordinating conjunction (but,
while, whereas, although, though, yet, however, ", and", ", or"). Commas
alone do not cut: "200 fighters were killed, the group claimed" keeps the
cue. Parentheticals — "( ... )" and ", which/who/whose/where ... ," — are
segments of their own, and so is each of two things said ("... hit 85
targets and that it had no evidence of ..."). A cue governs the claim when
it lies in a segment the span overlaps; so "X may have been disbanded, but Y
put its strength at 2,000" leaves 2,000 ``certain``, and "The group, which
may have links to Iran, has 2,000 fighters" keeps 2,000 ``certain``.

Polarity
--------
``denied`` when a denial cue is in scope: deny/denied/denies/denial,
refuted, "rejected (claims|reports|allegations|accusations|the figure|the
estimate|the toll ...) (that)", "dismissed (claims|reports|the figure ...)
(as)", false, baseless, untrue; or a negation of
the clause: not, n't, never, no (as a determiner: "has received no
message"), none, nobody, "no longer". Negations inside other cues are not
denials: "could not be verified" (unverified), "no more than"/"no fewer
than"/"not more than" (approximators), "not only", "no doubt". Two
negations cancel: "did not deny" is affirmed. In "rejected claims that ...",
"claims" belongs to the denial and does not make the claim unverified: the
claim is the rejecting party's, ``certain`` and ``denied`` (SPEC's own
example: "the ministry denied hosting foreign militias").

Publisher disclaimers
---------------------
A note such as "The Syrian Observer has not verified the content of this
story" is the publisher passing everything on without commitment, which is
SPEC's definition of ``unverified`` (and "has not verified" is in SPEC's
unverified cue list). ``disclaimer_effect`` therefore returns an effect that
lowers *every* claim of the article to at least ``unverified`` and records
the note's cue ("has not verified") among the claim's hedge cues. It applies
whatever the claim's origin: a claim relayed from another source is exactly
what the publisher declines to vouch for, and a claim resting on the
publisher itself is disowned by its own note. Notes that only distance the
publisher from *opinions* ("views expressed are the author's own", "does not
necessarily reflect") have no effect: they say nothing about facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from provenance.extract.scanning import cased_lower
from schema.enums import HEDGE_LEVELS

__all__ = [
    "Assessment",
    "DisclaimerEffect",
    "assess",
    "disclaimer_effect",
    "find_disclaimer",
    "weakest",
]

_RANK = {level: i for i, level in enumerate(HEDGE_LEVELS)}


def weakest(*levels: str) -> str:
    """The weakest (least committed) of the given hedge levels."""
    return max(levels, key=lambda lv: _RANK[lv]) if levels else "certain"


@dataclass(frozen=True)
class Assessment:
    hedge: str = "certain"
    cues: list[str] = field(default_factory=list)
    polarity: str = "affirmed"
    denial_cues: list[str] = field(default_factory=list)
    # Offsets of ``cues`` in the sentence, same order.
    cue_spans: list[tuple[int, int]] = field(default_factory=list)


_W = r"(?:is|are|was|were|be|been|being|'s|’s)"
_UNVERIFIED = [
    r"(?:has|have|had)\s+not\s+(?:\w+\s+)?verified",
    r"(?:could|can|did|does|do)\s*(?:not|n[’']t)\s+(?:be\s+)?(?:independently\s+)?"
    r"(?:verif(?:y|ied)|confirm(?:ed)?)",
    r"(?:cannot|can\s+not)\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)",
    r"(?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)",
    r"(?:impossible|unable|not\s+(?:been\s+)?possible)\s+to\s+(?:independently\s+)?(?:verify|confirm)",
    r"(?:declined|refused)\s+to\s+confirm|(?:would|will)\s*(?:not|n[’']t)\s+confirm",
    r"neither\s+confirm(?:ed|s)?\s+nor\s+den(?:y|ied|ies)",
    r"reportedly|allegedly|alleged|alleges?|purportedly|purported|supposedly|ostensibly",
    r"rumou?r(?:ed|s)?|unconfirmed|unverified|unsubstantiated",
    r"claim(?:s|ed|ing)?",
    _W + r"\s+said\s+to",
    _W + r"\s+reported\s+(?:to|killed|dead|missing|wounded|injured|as)",
]
_PROBABLE = [
    r"estimated|estimates?|likely|probably|probable|presumably|presumed|apparently",
    r"believed?|believes|believing",
    r"(?:appears?|appeared|seems?|seemed)\s+to|it\s+(?:appears|appeared|seems|seemed)"
    r"|(?:appears|seems)\s+that",
    _W + r"\s+thought\s+to|thought\s+to\s+(?:be|have)|thinks?\s+that",
    _W + r"\s+understood\s+to|expected\s+to|in\s+all\s+likelihood",
    r"suspected|suspects?\s+that|indicates?|indicated|indicating",
]
_POSSIBLE = [
    r"may|might|could|possibly|possible|perhaps|maybe|potentially|conceivably",
    r"suggest(?:s|ed|ing|ion|ions)?|speculat(?:ion|ions|ed|es|e|ing)",
    r"whether|if|unclear|uncertain|unknown|unlikely|doubtful|doubts?",
]
# What a source rejects or dismisses when it disputes a claim (the
# attribution module reads the same words: the rejecting party speaks).
DISPUTED_OBJECTS = (
    r"claims?|reports?|allegations?|accusations?|figures?|numbers?|estimates?|toll|tally|count"
)
_DENIAL = [
    r"den(?:y|ied|ies|ying|ial|ials)",
    r"refut(?:ed|es|e|ing)|rebuff(?:ed|s)?",
    rf"reject(?:ed|s|ing)?\s+(?:the\s+)?(?:{DISPUTED_OBJECTS}|suggestions?)(?:\s+that)?",
    rf"dismiss(?:ed|es|ing)?\s+(?:the\s+)?(?:{DISPUTED_OBJECTS})(?:\s+as)?",
    r"false|baseless|untrue|unfounded|fabricat(?:ed|ion|ions)",
]
# Negators; the exclusions come first in the alternation so they win.
_NEG = (
    r"(?P<notneg>no\s+(?:more|fewer|less)\s+than|not\s+(?:more|fewer|less)\s+than"
    r"|not\s+only|no\s+doubt|no\s*\.|no\s+one\s+else"
    # Conditions of anonymity negate nothing about the figure.
    r"|not\s+to\s+be\s+(?:named|identified|quoted)"
    r"|not\s+(?:authori[sz]ed|allowed|permitted|cleared)\s+to\s+(?:speak|talk|comment|brief|discuss))"
    r"|(?P<neg>no\s+longer|not|n[’']t|never|no|none|nobody|nothing|neither|nor)"
)


# Words that start a new predicate between a figure and a later negator.
_DETACHED = re.compile(
    r"\b(?:who|whom|whose|which|said|says|told|added|according|reported|claimed)\b", re.I
)


def _alt(parts: list[str]) -> str:
    return "|".join(parts)


_CUES = re.compile(
    r"(?<![\w-])(?:"
    + f"(?P<unverified>{_alt(_UNVERIFIED)})"
    + f"|(?P<denial>{_alt(_DENIAL)})"
    + f"|(?P<probable>{_alt(_PROBABLE)})"
    + f"|(?P<possible>{_alt(_POSSIBLE)})"
    + f"|{_NEG}"
    + r")(?![\w-])",
    re.I,
)
_BOUNDARY = re.compile(
    r"\s*;\s*|:\s+|\s+[—–-]{1,2}\s+"
    r"|,\s*(?:but|while|whereas|although|though|yet|however|and|or)\b"
    # Two things said are two clauses too: "said the strikes hit 85 targets
    # and that it had no evidence of civilian casualties".
    r"|\s+(?:(?:and|but)\s+that|but|whereas|although|though|however)\b",
    re.I,
)
_REFERS_BACK = re.compile(
    r"[,;]?\s*(?:(?:but|though|although|however|and)\s*,?\s*)?"
    r"(?:that|this|these|it|the\s+(?:figures?|claims?|toll|numbers?|reports?|account))\s",
    re.I,
)
_PAREN = re.compile(r"\([^()]*\)|,\s*(?:which|who|whose|whom|where)\b[^,;]*,", re.I)
_ATTR_REPORTED = re.compile(r"reported", re.I)


def _segments(sentence: str) -> list[tuple[int, int, bool]]:
    """Clause segments (start, end, is_parenthetical), covering the sentence."""
    parens = [m.span() for m in _PAREN.finditer(sentence)]
    # A boundary (";", ", but" ...) opens the next segment; segments are contiguous.
    cuts = [0] + [m.start() for m in _BOUNDARY.finditer(sentence) if m.start() > 0]
    cuts.append(len(sentence))
    segs: list[tuple[int, int, bool]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        pos = a
        for pa, pb in parens:
            if pa >= pos and pb <= b:
                if pa > pos:
                    segs.append((pos, pa, False))
                segs.append((pa, pb, True))
                pos = pb
        if pos < b:
            segs.append((pos, b, False))
    if not segs:
        segs.append((0, len(sentence), False))
    return segs


def _seg_id(segs: list[tuple[int, int, bool]], pos: int) -> int:
    for i, (a, b, _) in enumerate(segs):
        if a <= pos < b:
            return i
    return len(segs) - 1


def _main_ids(segs: list[tuple[int, int, bool]], ids: set[int]) -> set[int]:
    """A main-clause span spans the non-parenthetical parts around a parenthetical."""
    out = set(ids)
    for i in ids:
        if segs[i][2]:
            continue
        # join the main-clause pieces split by a parenthetical: j-1 (main), j (paren), j+1 (main)
        j = i + 1
        while j + 1 < len(segs) and segs[j][2] and segs[j][1] == segs[j + 1][0]:
            out.add(j + 1)
            j += 2
        j = i - 1
        while j - 1 >= 0 and segs[j][2] and segs[j - 1][1] == segs[j][0]:
            out.add(j - 1)
            j -= 2
    return out


# ``_CUES`` without IGNORECASE, for the lowercased sentence (``cased_lower``).
_CUES_CASED = re.compile(_CUES.pattern)


@lru_cache(maxsize=64)
def _sentence_cues(sentence: str) -> tuple[tuple[int, int, str, str], ...]:
    """Every cue of ``sentence`` as (start, end, kind, word as written), in order.

    Read once per sentence (cached): a sentence with several figures is
    assessed once for each.
    """
    low = cased_lower(sentence)
    matches = _CUES.finditer(sentence) if low is None else _CUES_CASED.finditer(low)
    found = []
    for m in matches:
        kind = m.lastgroup
        if kind is None or kind == "notneg":
            continue
        a, b = m.span()
        word = sentence[a:b]
        if kind == "possible" and word == "May":
            nxt = sentence[b : b + 3]
            if a > 0 or not nxt[:1].isspace() or nxt[1:2].isdigit() or nxt[1:2].isupper():
                continue
        found.append((a, b, kind, word))
    return tuple(found)


def assess(sentence: str, span: tuple[int, int] | None = None) -> Assessment:
    """Hedge level, cues and polarity governing ``span`` of ``sentence``."""
    if not sentence:
        return Assessment()
    found = list(_sentence_cues(sentence))
    if not found:
        return Assessment()
    if span is not None:
        segs = _segments(sentence)
        s0 = max(0, min(span[0], len(sentence)))
        s1 = max(s0, min(span[1], len(sentence)))
        ids = {_seg_id(segs, s0), _seg_id(segs, max(s0, s1 - 1))}
        ids |= set(range(min(ids), max(ids) + 1))
        ids = _main_ids(segs, ids)
        last = max(ids)
        kept = []
        for f in found:
            seg = _seg_id(segs, f[0])
            # "..., but that could not be verified": a later clause that
            # refers back to the figure's puts its verification cue on it.
            if seg in ids or (
                f[2] == "unverified" and seg > last and _REFERS_BACK.match(sentence, segs[seg][0])
            ):
                kept.append(f)
        found = kept
    levels: list[str] = []
    cues: list[str] = []
    cue_spans: list[tuple[int, int]] = []
    denials: list[tuple[int, int, str]] = []
    negs: list[tuple[int, int, str]] = []
    for a, b, kind, word in found:
        if kind in ("unverified", "probable", "possible"):
            # "the ministry rejected claims that": the claim word belongs to the denial.
            levels.append(kind)
            cues.append(word)
            cue_spans.append((a, b))
        elif kind == "denial":
            denials.append((a, b, word))
        else:
            negs.append((a, b, word))
    # Two negations cancel: "did not deny", "never denied".
    cancelled: set[int] = set()
    for i, (da, _db, _dw) in enumerate(denials):
        for j, (na, nb, _nw) in enumerate(negs):
            if nb <= da and da - nb <= 12:
                cancelled.add(i)
                negs[j] = (na, nb, "")
    if span is not None:
        # A negator after the figure negates it only within the figure's own
        # predicate: "300 fighters were not sent" is a denial, but not "300
        # fighters, said an official who would not give his name".
        negs = [
            (na, nb, w)
            for na, nb, w in negs
            if na < span[1] or not _DETACHED.search(sentence, span[1], na)
        ]
    live_denials = [w for i, (_a, _b, w) in enumerate(denials) if i not in cancelled]
    live_negs = [w for (_a, _b, w) in negs if w]
    denial_cues = live_denials + live_negs
    polarity = "denied" if denial_cues else "affirmed"
    hedge = weakest(*levels) if levels else "certain"
    return Assessment(hedge, cues, polarity, denial_cues, cue_spans)


# --------------------------------------------------------------------------
# Publisher notes


@dataclass(frozen=True)
class DisclaimerEffect:
    """What a publisher's note does to every claim of its article."""

    min_hedge: str | None = None  # "unverified", or None for no effect
    cue: str | None = None  # the note's cue as written ("has not verified")

    def apply(self, hedge: str, cues: list[str]) -> tuple[str, list[str]]:
        """The claim's (hedge, cues) once the note is taken into account."""
        if self.min_hedge is None:
            return hedge, list(cues)
        new_cues = list(cues)
        if self.cue and self.cue not in new_cues:
            new_cues.append(self.cue)
        return weakest(hedge, self.min_hedge), new_cues


_DISCLAIMER = re.compile(
    r"(?:has|have|had|did|does|do)\s*(?:not|n[’']t)\s+(?:independently\s+)?"
    r"(?:verif(?:y|ied)|confirm(?:ed)?|check(?:ed)?)"
    r"|(?:cannot|could\s+not|can\s+not|is\s+unable\s+to|was\s+unable\s+to)\s+"
    r"(?:independently\s+)?(?:verify|confirm)"
    r"|not\s+(?:be(?:en)?\s+)?(?:independently\s+)?verified"
    r"|is\s+not\s+responsible\s+for\s+the\s+(?:content|accuracy)"
    r"|responsibility\s+for\s+the\s+(?:information|content)[^.]*lies\s+(?:entirely\s+)?with",
    re.I,
)
_SENT = re.compile(r"[^.!?\n]+[.!?]?")


def disclaimer_effect(disclaimer: str | None) -> DisclaimerEffect:
    """The effect of a publisher's note on its article's claims (see module doc)."""
    if not disclaimer:
        return DisclaimerEffect()
    m = _DISCLAIMER.search(disclaimer)
    if not m:
        return DisclaimerEffect()
    return DisclaimerEffect("unverified", " ".join(m.group().split()))


_DISCLAIMER_STEM = re.compile(r"verif|confirm|check|responsib", re.I)
_DISCLAIMER_STEM_CASED = re.compile(_DISCLAIMER_STEM.pattern)  # over ``cased_lower(text)``


def find_disclaimer(text: str, accept: Callable[[str], bool] | None = None) -> str | None:
    """The first sentence of ``text`` that is a non-verification note, or None.

    ``accept``: a test the note must pass (a body sentence such as "the
    Observatory could not verify the claim" is skipped, and the search goes
    on to the publisher's note after it).

    Every form of the note holds one of four stems and no full stop, so the
    pattern is only tried on the full-stop-free stretch around each stem
    (the same first match as a search of the whole text, for a fraction of
    the cost on a long article), and the sentence is read from the last
    sentence break before the match.
    """
    if not text:
        return None
    searched_to = -1
    low = cased_lower(text)
    stems = _DISCLAIMER_STEM.finditer(text) if low is None else _DISCLAIMER_STEM_CASED.finditer(low)
    for stem in stems:
        if stem.start() < searched_to:
            continue
        a = text.rfind(".", 0, stem.start()) + 1
        b = text.find(".", stem.end())
        searched_to = b = len(text) if b == -1 else b
        m = _DISCLAIMER.search(text, a, b)
        if m:
            note = _sentence_at(text, m.start())
            if accept is None or (note is not None and accept(note)):
                return note
    return None


def _sentence_at(text: str, pos: int) -> str | None:
    start = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
    for s in _SENT.finditer(text, start):
        if s.start() <= pos < s.end():
            return s.group().strip()
    return None
