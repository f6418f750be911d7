"""Scanning helpers for the extractor's patterns (pure, no state).

Python's ``re`` has no multi-literal search: a pattern that starts with a
long alternation, or with an optional prefix, is tried at every position of
the text. Three remedies, all exact:

* ``matches_at`` tries a pattern only at the positions where a match can
  begin (found by a cheap scan: digits, capitals, month names), with the
  same leftmost, non-overlapping results as ``finditer``;
* ``trie_pattern`` writes a word list as a prefix tree, so the engine
  follows one branch per letter instead of trying every word;
* ``cased_lower`` lets an IGNORECASE pattern of lowercase words run case by
  case over the lowercased text: the engine then skips every branch whose
  first letter differs, where IGNORECASE made it enter each one.

Each use is tested against the plain pattern on drawn text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int], a: int, b: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, a, b)``, trying only ``starts``.

    ``starts`` must hold every position where a match can begin; Python's
    regex engine has no multi-literal search, so trying a full alternation
    at every position of a line costs more than finding the few places a
    match can start (digits, a month name, "http", ...) and trying there.
    A match that begins at a start tries the alternatives in the same order,
    and the next search resumes after it, as ``finditer`` does.
    """
    pos = a
    for p in sorted(starts):
        if p < pos or p >= b:
            continue
        m = pattern.match(text, p, b)
        if m is not None and m.end() > m.start():
            yield m
            pos = m.end()


def trie_pattern(words: list[str]) -> str:
    """An alternation of ``words`` as a prefix tree: "sa(?:id|y(?:s)?)" for said/say/says.

    Python's regex engine tries the branches of a flat alternation one by
    one at every word start; as a tree it follows one branch per letter. It
    matches exactly the same words (tests/test_attribution.py checks that).
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(tree)


def cased_lower(text: str) -> str | None:
    """``text.lower()``, when an IGNORECASE pattern of lowercase literals can run
    case by case over it instead; None when it cannot.

    Python's regex engine skips a branch on its first literal only when it
    matches case by case, so a case-sensitive copy of such a pattern over the
    lowercased text scans several times faster, with the same matches at the
    same offsets. ``str.lower`` and IGNORECASE agree on every character that
    keeps its length except "ſ" and "ı", which IGNORECASE matches to "s" and
    "i" and ``str.lower`` keeps; "İ" lowers to two characters. (Checked over
    every code point: tests/test_hedges.py.)
    """
    low = text.lower()
    if len(low) != len(text) or "\u017f" in text or "\u0131" in text:
        return None
    return low
