"""The extraction pipeline: article text -> candidate claims.

Steps, in text order (the article is read once, front to back, because
follow-ups refer backwards: "the report said", "the militia"):

1. Lines, then sentences (``sentences``: spaCy blank English).
2. Quantities per line (``quantities.find_quantities``), kept when they are
   claims: dates are not (they feed ``as_of``), a bare year is only when it
   is a founding year ("formed in 2014"), and page furniture, contact lines,
   the header block and the publisher's note are skipped. Ordinals, times,
   phone numbers and URL numbers never come out of find_quantities. A count
   with nothing it counts ("one of the issues", "at one point") is dropped:
   a claim needs a measure. So is a time frame ("in the past six months",
   "within two weeks"), before any figure is read.
3. Measure (``measures``): the head noun phrase after the number (skipping
   "of": "dozens of fighters"), else a lexicon word before it in the clause
   ("the death toll rose to 35"); casualty words around it win ("15
   fighters were killed" -> killed), and so do detention ("arrested 30
   people", "holding 9,000 IS fighters" -> detained; kidnapped -> abducted)
   and departure ("300 fighters had left the faction" -> defected), so none
   of them stands against a strength; a recruitment verb in the same clause
   makes it "recruits" or "recruits:<sub-population>"; money takes the
   nearest money word of its sentence ("monthly salary" when monthly
   qualifies it; payroll, revenue, bonus, budget), money given to a body
   is funding ("transferred $8 million to the faction") and to families
   compensation, and a conversion in apposition ("600,000 Syrian pounds,
   about $45,") the sum's measure; a bare count after a sentence that
   disputes "the figure" is a rival for it ("perhaps 2,500 at most");
   a ratio takes the measure being compared, completed from the article
   ("salary" after a "monthly salary" figure -> monthly salary).
4. Subject, place (``subjects``), as_of (``dates``), hedge and polarity
   (``hedges.assess`` on the sentence and the claim's span), attribution
   chain (``attribution``).
5. The quote is the number expression plus the noun phrase it counts
   ("up to 15,000 fighters"); ``text[start:end] == quote`` always.

Identical sentences (a headline repeated in the body) yield their claims
once, at the first occurrence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from provenance.extract import attribution as attr
from provenance.extract import dates, sentences
from provenance.extract.measures import DEFAULT_MEASURES, MONTHLY_CUES, normalise
from provenance.extract.subjects import (
    NATIONALITIES,
    STANDALONE_GROUPS,
    SubjectState,
    find_places,
    group_mentions,
    place_for,
)
from provenance.model import ArticleMeta, ClaimDraft, SourceRef, Value

# Page furniture: a keyed header line ("Source: AFP", "Tel.: +963 ..."), or a
# line that opens with a furniture word and is no sentence (no final stop):
# "By Staff Writer | Herat Herald", "Share this", "Page 2". A sentence that
# opens with one of those words is read ("By the end of 2024, the group had
# about 3,000 fighters.", "Share prices fell 5%."; "Tel Aviv ..." is a place).
_FURNITURE_KEYED = re.compile(
    r"^(?:title|outlet|url|published|date|updated|posted|by|author|source|contact|tel|phone|"
    r"fax|email|e-mail|photo|image|credit|tags?)\s*\.?\s*:",
    re.IGNORECASE,
)
_FURNITURE_LINE = re.compile(
    r"^(?:by|updated|posted|contact|share(?: this)?|related(?: posts| articles)?|read more|photo"
    r"|image|credit|copyright|page|follow us|subscribe|advertisement|tags?|helpful keywords)\b",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")


def furniture_line(line: str) -> bool:
    """Whether ``line`` is page furniture rather than text."""
    if _FURNITURE_KEYED.match(line):
        return True
    return bool(_FURNITURE_LINE.match(line)) and not line.rstrip().endswith(_SENTENCE_END)


_COPYRIGHT = re.compile(r"©|\ball rights reserved\b|\bcopyright\b", re.IGNORECASE)


def _copyright(line: str) -> bool:
    # Every form names "©" or "right" (copyright, all rights reserved): skip the scan otherwise.
    if "©" not in line and "right" not in line.lower():
        return False
    return _COPYRIGHT.search(line) is not None


_DISCLAIMER = re.compile(
    r"[^.\n]*\b(?:has not|have not|could not|cannot|did not) (?:independently )?(?:verif|confirm)[^.\n]*\.?",
    re.IGNORECASE,
)
_PIECE = re.compile(
    r"\b(?:this|the) (?:article|story|content|piece|report|information)\b", re.IGNORECASE
)

STOP_WORDS = frozenset(
    """in of to from for with and or but who whom which that were was are is be been being have
    has had will would could should may might can per on at by into under over as since during
    after before while than each so if because when where there their its his her they it this
    these those a an the not also then still more most about some up out across near around
    between among against toward towards including like said says say told reported
    last next late yesterday today tonight earlier later ago monday tuesday wednesday thursday
    friday saturday sunday within amid amidst through throughout despite via beyond""".split()
)
CASUALTY_AFTER = re.compile(
    # "15 fighters were killed"; also past a short phrase that says whose
    # fighters they were, when an auxiliary follows it: "2,000 fighters from
    # the brigade had been killed".
    r"^\s*(?:(?:from|of|in|among|belonging to|(?:sent|deployed|dispatched|stationed|based)"
    r"\s+(?:to|in|into|at|near))\s+(?:[\w’'\-]+\s+){1,4}?"
    r"(?=(?:were|was|have|had|has|are)\s))?"
    r"(?:(?:were|was|have been|had been|has been|are|being|(?:may|might|could|must) have been)\s+"
    # "60 children have died", "45,000 people have fled"; not "have killed".
    r"|(?:(?:may|might|could|must)\s+)?(?:have|has|had)\s+(?=(?:reportedly\s+)?(?:died|fled)\b))?"
    r"(?:reportedly\s+)?"
    r"(killed|dead|died|fled|wounded|injured|displaced|executed|slain|missing|kidnapped|abducted|"
    r"arrested|detained|captured|imprisoned|jailed)\b"
    # "nine fighters were among the dead"
    r"|^\s*(?:were|was|are|is)\s+(?:reportedly\s+)?among\s+(?:the\s+)?"
    r"(dead|killed|wounded|injured|casualties|victims)\b",
    re.IGNORECASE,
)
# "312 fighters of the Fatemiyoun Brigade killed since 2013": a reduced
# relative past a group's name (not "... killed two civilians").
_NAMED_CASUALTY = re.compile(
    r"^\s+(?:of|from)\s+(?:the\s+)?(?:[A-Z][\w’'\-]*\s+){1,4}"
    # the empty second group stands for CASUALTY_AFTER's "among the dead" one
    r"(killed|wounded|injured|executed|slain|detained|captured|arrested)()"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:since|in|during|on|at|over|near|last|this|between|from|by)\b)"
)
_LEFT_AFTER = re.compile(
    r"^\s+(?:(?:have|has|had)\s+)?(?:reportedly\s+)?(?:defected|deserted"
    r"|(?:left|quit|abandoned)\s+(?:the|its|their)\s+(?:group|faction|militia|brigade|ranks"
    r"|movement|organi[sz]ation|force|army))\b",
    re.IGNORECASE,
)
CASUALTY_BEFORE = re.compile(
    r"\b(killed|killing|kill|kills|wounded|wounding|wounds|injured|injuring|displaced|displacing|"
    r"death toll|toll|deaths|dead|died|casualties|lost|loses|losing)\b[^,;:]*$",
    re.IGNORECASE,
)
_LAST_CASUALTY = re.compile(r".*" + CASUALTY_BEFORE.pattern, re.IGNORECASE)
CASUALTY_MEASURE = {
    "killed": "killed",
    "killing": "killed",
    "kill": "killed",
    "kills": "killed",
    "dead": "killed",
    "died": "killed",
    "death toll": "killed",
    "toll": "killed",
    "deaths": "killed",
    "executed": "killed",
    "slain": "killed",
    "casualties": "killed",
    "victims": "killed",
    "wounded": "injured",
    "wounding": "injured",
    "wounds": "injured",
    "injured": "injured",
    "injuring": "injured",
    "displaced": "displaced",
    "displacing": "displaced",
    "fled": "displaced",
    # "the brigade lost 20 fighters": casualties (for personnel only, below)
    "lost": "killed",
    "loses": "killed",
    "losing": "killed",
    # Held, not lost: "150 fighters had been arrested" is no strength, and
    # no death toll either.
    "arrested": "detained",
    "detained": "detained",
    "captured": "detained",
    "imprisoned": "detained",
    "jailed": "detained",
    "kidnapped": "abducted",
    "abducted": "abducted",
    "missing": "missing",
}
# "arrested 30 people", "holding about 9,000 IS fighters": the verb right
# before the figure, past its cues ("the group holding Raqqa has 5,000
# fighters" is its strength).
_DETAIN_BEFORE = re.compile(
    r"\b(arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|captur(?:ed|ing|es?)|holding|holds|held"
    r"|imprison(?:ed|ing|s)?|jail(?:ed|ing|s)?|kidnapp?(?:ed|ing|s)?|abduct(?:ed|ing|s)?)"
    r"\s+(?:(?:about|some|around|nearly|almost|more|than|over|at|least|up|to|roughly|approximately"
    r"|an|estimated|another|a|further)\s+){0,3}$",
    re.IGNORECASE,
)
_TIME_AGO = re.compile(
    r"\s+(?:years?|months?|decades?|weeks?|days?|hours?|centuries|century)\s+"
    r"(?:ago|later|earlier|before|after)\b",
    re.IGNORECASE,
)
# "in the past six months", "over the last two years", "within two weeks",
# "for the past three years", "every three months": a time frame, not a claim
# ("the siege lasted 40 days", "paid no tax for 18 years" and "15 days of
# leave" are).
_TIME_UNIT_AFTER = re.compile(
    r"\s+(?:years?|months?|weeks?|days?|hours?|decades?)\b", re.IGNORECASE
)
_FRAME_BEFORE = re.compile(
    r"\b(?:(?:in|over|during|within|throughout|after|every|each|the)\s+(?:the\s+)?"
    r"|(?:for\s+)?the\s+)(?:(?:past|last|next|first|previous|coming|following|preceding)\s+)?$",
    re.IGNORECASE,
)
# A body's size: "numbers about 2,000 people", "counts some 500 people".
# A body's strength verb before its count ("the militia numbers about 2,000
# people", "the Forces now number about 238,000"); not "the number", "a number".
_NUMBERS_VERB = re.compile(
    r"(?<!\bthe )(?<!\ba )\b(?:numbers?|numbered|counts|counted|comprises|comprised|fields"
    r"|fielded|boasts)\s+(?:[a-z]+\s+){0,2}$"
)
_BODY_WORD = re.compile(
    r"\b(?:militias?|group|brigades?|faction|forces?|movement|organi[sz]ation|army|units?"
    r"|battalions?|corps|division|regiment|hezbollah|kataib|liwa|hashd|mobili[sz]ation)\b"
)
# "-strong", "-man", "-member" after a count, and "strong" after a space ("a
# force 2,000 strong"): the strength of a body of people.
_STRENGTH = re.compile(r"(-(?:strong|man|member)\b)(?!-)|\s+strong\b(?![\w-])", re.IGNORECASE)
_CROWDS = frozenset({"crowd", "crowds", "rally", "march", "protest", "demonstration", "audience"})
_BODIES = _CROWDS | frozenset(
    """force forces unit units contingent brigade brigades battalion battalions regiment militia
    army group team delegation garrison detachment company division squad corps column convoy""".split()
)
_DEPLOY_VERBS = (
    r"(?:sent|send|sends|sending|deployed|deploy|deploys|deploying|redeployed|redeploying"
    r"|dispatched|dispatch|dispatches|dispatching|transferred|transferring|moved|moving)"
)
_DEPLOY_BEFORE = re.compile(rf"\b{_DEPLOY_VERBS}\b[^,;:]*$", re.IGNORECASE)
_DEPLOY_AFTER = re.compile(
    # "fighters of the Badr Organisation have been moved": past the group's name
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:al-)?[A-Z][\w’'\-]*)*)?"
    r"\s+(?:each\s+|all\s+)?(?:"
    rf"(?:were|was|have been|had been|has been|are|being)\s+(?:\w+ly\s+)?{_DEPLOY_VERBS}"
    # "500 fighters had crossed into Syria", "300 fighters arrived in Homs"
    r"|(?:(?:had|have|has)\s+)?(?:\w+ly\s+)?(?:crossed|moved|arrived|entered|travell?ed|headed)"
    # "300 fighters deployed in Homs", "500 men sent to Syria"
    r"|(?:deployed|redeployed|dispatched|sent|stationed)\s+(?:to|in|into|near|across|along|at)\b)\b",
    re.IGNORECASE,
)
# A verb or "now" right before a bare count: "now counts 2,000", "has 3,000".
_ELLIPTIC = re.compile(
    r"\b(?:now|today|currently|has|have|had|counts?|numbers?|fields?|totals?|to)\s+"
    r"(?:(?:perhaps|maybe|probably|only|just|still|already)\s+)?$",
    re.IGNORECASE,
)
_DIGIT_CUT = re.compile(r"\d")
_FIGURE_NOUNS = "number|figure|total|tally|count|estimate"
_BACK_TO_FIGURE = re.compile(
    rf"\b(?:the|its|their|[A-Z][\w\-]*[’']s) (?:{_FIGURE_NOUNS})\b(?![^,;]*\bof\b)"
)
# Who flees and is displaced; fighters who flee retreat.
_CIVILIANS = frozenset(
    "people civilians residents families children women villagers refugees persons".split()
)
RECRUIT_CUE = re.compile(
    r"\b(recruit\w*|enlist\w*|draft(?:ed|ing|s)?|conscript\w*|enrol\w*|sign(?:ed|ing|s)? up|"
    r"mobili[sz](?:ed|ing)|joined|join)\b",
    re.IGNORECASE,
)
GENERIC_RECRUITS = {
    "fighters",
    "people",
    "men",
    "members",
    "militiamen",
    "recruits",
    "youths",
    "young men",
    "combatants",
    "volunteers",
    "personnel",
    "individuals",
    "persons",
    "new recruits",
    "new members",
    "new fighters",
    "troops",
    "soldiers",
}
MONEY_WORDS = re.compile(
    r"\b(monthly salary|monthly salaries|monthly wages?(?! bill)|monthly pay|salary|salaries|wage bill|payroll|"
    r"wages?|pay|paid|pays|paying|stipends?|allowances?|bonus(?:es)?|budget|cost|costs|price|prices|"
    r"funding|fund|reward|bounty|fine|income|revenues?|earns?|earned|earning|earnings)\b",
    re.IGNORECASE,
)
FOUNDING = re.compile(
    r"\b(founded|formed|established|created|set up|launched|founding|formation|establishment)\b"
    r"(?:\s+\w+){0,3}\s+(?:in\s+)?$",
    re.IGNORECASE,
)
# Not the comma that groups a figure's digits ("7,000").
CLAUSE_BREAK = re.compile(r",(?!\d)|[;:()\u2014\u2013]|\s-\s")
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_COMPARATIVE = re.compile(
    r"\s+(?:higher|more|larger|greater|bigger|lower|less|fewer|smaller|as many|as much|as large|as high)\b",
    re.IGNORECASE,
)
_MEMBERS = re.compile(
    r"\b(?:fighters|militiamen|militia|combatants|gunmen|recruits)\b", re.IGNORECASE
)
GROUP_MEASURES = ("personnel", "deployed", "recruits", "monthly salary", "salary", "founding year")


def _disclaimer(text: str, meta: ArticleMeta) -> str | None:
    if meta.disclaimer:
        return meta.disclaimer
    from provenance.extract.hedges import find_disclaimer

    low = text.lower()
    # Every form of the note names one of these stems: skip the full scan otherwise.
    if not any(stem in low for stem in _DISCLAIMER_STEMS):
        return None
    # A body sentence ("the Observatory could not verify the claim") is not the
    # publisher's note on the whole article: it must speak of the piece itself.
    outlet = meta.outlet.lower() if meta.outlet else None
    return find_disclaimer(
        text, lambda note: bool(_PIECE.search(note) or (outlet and outlet in note.lower()))
    )


_DISCLAIMER_STEMS = ("verif", "confirm", "check", "responsib")
_NP_LEAD = re.compile(r"\s+(?:of\s+(?:the\s+|its\s+|their\s+|whom\s+|those\s+|these\s+)?)?")


# Past participles not in -ed that end a counted noun ("500 men sent to Syria").
_PARTICIPLES = frozenset(
    "sent held kept taken seen brought left made built found lost known given shot hit slain "
    "caught fought thrown driven drawn flown run "
    # predicative adjectives: "5,000 men ready to fight", "fighters loyal to him"
    "ready able willing capable prepared available loyal".split()
)


# Verbs that follow a bare count: "only 2,500 remained", "dozens remain".
_REMAIN_VERBS = frozenset(
    "remain remains remained stay stays stayed survive survives survived".split()
)
_REMAIN_AFTER = re.compile(
    r"\s+(?:still\s+)?(?:remain|remains|remained|stay|stays|stayed|survived?)\b"
)


def _noun_phrase(text: str, pos: int, limit: int) -> tuple[str, int, int] | None:
    """The noun phrase starting at ``pos`` (skipping "of"): (phrase, start, end)."""
    m = _NP_LEAD.match(text, pos, limit)
    i = m.end() if m else pos
    words: list[re.Match[str]] = []
    for w in _WORD.finditer(text, i, limit):
        if words and text[words[-1].end() : w.start()].strip():
            break  # punctuation between words ends the phrase
        if not words and w.start() != i:
            break
        lw = w.group().lower()
        if lw in STOP_WORDS and not (len(lw) > 1 and w.group().isupper()):
            break  # but "9,000 IS fighters": a name in capitals
        if not words and lw in _REMAIN_VERBS:
            break  # "only 2,500 remained": a verb, not what is counted
        if (
            words
            and (lw.endswith("ing") or lw.endswith("ed") or lw in _PARTICIPLES)
            and lw not in DEFAULT_MEASURES
        ):
            break
        words.append(w)
        if len(words) >= 4 or lw in DEFAULT_MEASURES and lw not in ("members", "men"):
            if lw in DEFAULT_MEASURES:
                break
    if not words:
        return None
    start, end = words[0].start(), words[-1].end()
    phrase = text[start:end]
    return phrase, start, end


def _clause_before(sentence: str, at: int) -> str:
    head = sentence[:at]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(head)]
    if not breaks:
        return head
    if _BARE_AT.fullmatch(head, breaks[-1]):
        # "The Observatory's tally was higher, at 210": the clause the
        # figure completes is the one before the comma.
        return head[breaks[-2] if len(breaks) > 1 else 0 :]
    return head[breaks[-1] :]


_BARE_AT = re.compile(r"\s*at\s*")


def _clause_after(sentence: str, at: int) -> str:
    m = CLAUSE_BREAK.search(sentence, at)
    return sentence[at : m.start()] if m else sentence[at:]


def _lexicon_before(clause: str, lex: dict[str, str]) -> str | None:
    best: tuple[int, str] | None = None
    low = clause.lower()
    for w in _WORD.finditer(low):
        word = w.group()
        if word in lex and (best is None or w.start() >= best[0]):
            if word == "ranks" and low.startswith(" of", w.end()):
                continue  # "its ranks of elite fundraisers": those people, not a strength
            best = (w.start(), word)
    return best[1] if best else None


class _Measure:
    __slots__ = ("measure", "text", "end")

    def __init__(self, measure: str | None, text: str | None, end: int | None) -> None:
        self.measure, self.text, self.end = measure, text, end


# Between a sum and its conversion: ", about ", " (", ", or roughly ".
_CONVERSION = re.compile(
    r"\s*(?:,|\()\s*(?:or\s+)?(?:about|around|roughly|approximately|nearly|almost|some|just\s+over"
    r"|just\s+under|the\s+equivalent\s+of|equivalent\s+to)?\s*"
)
# Money measures that a period qualifies: "monthly salary", "annual budget".
_PERIODIC = frozenset({"salary", "payroll", "budget", "revenue"})
_ANNUAL_CUES = ("annual", "a year", "per year", "each year", "every year", "yearly", "per annum")
# Paid to those who lost someone or something: compensation, not a wage.
_COMPENSATED = re.compile(
    r"\b(?:pay|pays|paid|paying|give|gives|gave|giving|offer|offers|offered|offering)\s+"
    r"(?:(?:each|every|the|their|its|bereaved|displaced)\s+){0,2}"
    r"(?:famil(?:y|ies)|victims?|relatives|households?|widows?|survivors?|orphans?|next of kin)\b",
    re.IGNORECASE,
)
_TRANSFER_VERBS = frozenset(
    "transferred transfers transferring funnelled funneled funnels channelled channeled channels "
    "donated donates".split()
)
# Given or sent: funding when a body receives it ("sent the group $12 million",
# "provided $5 million to Hezbollah"), not "gave them $500".
_GIVE_VERBS = frozenset("provided provides providing gave gives sent sends".split())
_TO_BODY = re.compile(
    rf"\b(?:{'|'.join(sorted(attr.GROUP_HEADS))}|organi[sz]ation)s?\b"
    r"|^\s*to\s+(?:the\s+)?[A-Z]|\s(?:to|for)\s+(?:the\s+)?[A-Z][\w\-]+",
)
_SPEND_VERBS = frozenset({"spends", "spent", "spending", "spend"})
# "... a year on Hezbollah": spending on a named body.
_ON_NAME = re.compile(r"(?:\s+(?:a|per|each|every)\s+(?:year|month))?\s+on\s+(?:the\s+)?[A-Z]")
_SPENT_ON = re.compile(r"\b(?:spends?|spent|spending|costs?|paid out|pays out)\b")
# A group, not a person, earning: its revenue, not a wage.
_GROUP_EARNS = re.compile(
    rf"\b(?:{'|'.join(sorted(attr.GROUP_HEADS))}|organi[sz]ation|network|it|they)"
    r"(?:\s+[a-z]+ly)?\s+$",
    re.IGNORECASE,
)
_PAY_VERBS = frozenset({"paid", "pays", "paying", "earn", "earns", "earned", "earning", "earnings"})
# Words before a money figure that say nothing of what it is ("he said $5
# million", "it was $3 billion"): the figure keeps no measure, as before.
_NOT_MONEY_MEASURES = frozenset(
    {*attr.VERBS.split("|"), "was", "were", "are", "been", "being", "has", "have", "had", "and", "but",
     "with", "from", "into", "that", "than", "which", "who", "this", "its", "their", "his",
     "her", "our", "your", "what", "nearly", "between", "reach", "reached", "reaches", "totaled",
     "totalled", "total", "amounted", "amounts", "stood", "stands", "will", "would",
     "including", "includes", "included", "near", "bit", "together", "well", "additional",
     "somewhere", "extra", "another", "least", "all"}
)  # fmt: skip
# Given, received or offered "a month" (per month, monthly): a monthly salary.
_RECEIVE_VERBS = frozenset(
    {"receive", "receives", "received", "receiving", "get", "gets", "got", "offer", "offers",
     "offered", "offering", "give", "gives", "gave", "giving"}
)  # fmt: skip
# The word a money figure completes, skipping its cues: "spent [about] $16
# billion", "worth [nearly] $3 billion", "a loss of $2 million" (the noun).
_MONEY_VERB_BEFORE = re.compile(
    r"(?:\b(?P<noun>[a-z]{3,})\s+(?:of|for)|\b(?P<word>[a-z]{3,}))"
    # whom it goes to: "offers recruits $300", "sent the group $12million"
    r"(?:\s+(?:(?:each|every|the|its|their|new)\s+)?(?:recruits?|fighters?|members?|men|families"
    r"|volunteers|group|militia|brigade|faction|them|him|her))?"
    r"(?:\s+(?:about|around|some|nearly|almost|roughly|approximately|over|under|more|less|than"
    r"|up|to|at|least|most|an|a|estimated|total|of|as|much|the|equivalent|another|additional"
    r"|further|only|just|still))*\s*$",
)


def measure_of(
    sentence: str,
    q_start: int,
    q_end: int,
    kind: str,
    lex: dict[str, str],
    earlier: list[str],
) -> _Measure:
    """What the quantity at sentence[q_start:q_end] counts or prices."""
    if kind == "year":
        return _Measure("founding year", None, None)
    np = _noun_phrase(sentence, q_end, len(sentence))
    clause = _clause_before(sentence, q_start)
    if kind == "money":
        # What the clause does with the money: "Iran spent $16 billion",
        # "has transferred $8 million to the faction".
        verb = _MONEY_VERB_BEFORE.search(clause)
        if verb and verb.group("word") in _TRANSFER_VERBS:
            # funding, whatever money word ("salaries") the sentence also has
            return _Measure(_funding(sentence, q_end), verb.group("word"), None)
        words = list(MONEY_WORDS.finditer(sentence))
        if words:
            nearest = min(
                words, key=lambda m: min(abs(m.start() - q_start), abs(m.start() - q_end))
            )
            word = nearest.group().lower()
            base = normalise(word, lex) or word
            if (
                word in _PAY_VERBS
                and word.startswith("earn")
                and (
                    _GROUP_EARNS.search(sentence, max(0, nearest.start() - 40), nearest.start())
                    or _group_right_before(sentence, nearest.start())
                )
            ):
                base = "revenue"  # "the group earns $10 million a month from smuggling"
            elif word in _PAY_VERBS:
                base = "salary"
            if base == "salary" and _COMPENSATED.search(
                sentence, nearest.start(), max(q_start, nearest.end())
            ):
                base = "compensation"  # "pay each family $12,000": not a wage
            if base == "salary" and _SPENT_ON.search(sentence, max(0, q_start - 40), q_start):
                base = "payroll"  # "spends $2 million a month on salaries": all of them
            if base in _PERIODIC:
                window = sentence[
                    max(0, nearest.start() - 30) : min(len(sentence), q_end + 25)
                ].lower()
                if any(cue in window for cue in MONTHLY_CUES):
                    base = "monthly " + base
                elif base != "salary" and any(cue in window for cue in _ANNUAL_CUES):
                    base = "annual " + base  # "the faction's annual budget of $1.5 million"
            return _Measure(base, word, None)
        if np:
            return _Measure(np[0].lower(), np[0], None)
        # No money word: what the clause does with the money ("Iran spent $16
        # billion", "a deal worth $3 billion", "a loss of $2 million").
        word = (verb.group("noun") or verb.group("word")).lower() if verb else ""
        if word and word not in _NOT_MONEY_MEASURES:
            if word in _RECEIVE_VERBS and any(c in sentence[q_end:].lower() for c in MONTHLY_CUES):
                return _Measure("monthly salary", word, None)  # "receives $200 a month"
            if (word in _SPEND_VERBS and _ON_NAME.match(_clause_after(sentence, q_end))) or (
                word in _GIVE_VERBS
                and verb is not None
                and _TO_BODY.search(verb.group() + _clause_after(sentence, q_end))
            ):
                # "transferred $50 million to the group", "spends $700 million a
                # year on Hezbollah": money given to a group.
                return _Measure(_funding(sentence, q_end), word, None)
            return _Measure(normalise(word, lex) or word, word, None)
        return _Measure(None, None, None)
    if kind == "ratio":
        before = sentence[:q_start].lower()
        words = list(MONEY_WORDS.finditer(before))
        head = None
        if words:
            head = normalise(words[-1].group().lower(), lex)
        else:
            found = _lexicon_before(before, lex)
            whose = np is not None and np[0].endswith(("'s", "’s"))  # "half of the brigade's"
            head = (
                lex.get(found) if found else (normalise(np[0], lex) if np and not whose else None)
            )
        if head:
            last = head.split()[-1]
            for prev in reversed(earlier):
                if prev.split()[-1] == last:
                    head = prev
                    break
        return _Measure(head, None, None)
    measure: str | None = None
    text: str | None = None
    end: int | None = None
    unit = _STRENGTH.match(sentence, q_end) if kind == "count" else None
    if unit:
        # "a 5,000-strong force", "a 30-man unit", "a force 2,000 strong": the
        # strength of a body of people, whatever the body is called.
        after = _noun_phrase(sentence, unit.end(), len(sentence)) if unit.group(1) else None
        end = unit.end()
        noun = ""
        if after:
            # The body's name: up to its head word ("force", "unit") or, for
            # a proper name, all of it ("the 800-strong Quds Brigade").
            words = list(_WORD.finditer(sentence, after[1], after[2]))
            cut = next((w for w in words if w.group().lower() in _BODIES), None)
            if cut is None and all(w.group()[:1].isupper() for w in words):
                cut = words[-1]
            if cut is not None:
                end, noun = cut.end(), cut.group().lower()
        text = sentence[q_end:end].lstrip(" -")
        if noun in _CROWDS:
            return _Measure(noun, text, end)
        if _deployed(clause, sentence, end):
            return _Measure(lex.get("deployed", "deployed"), text, end)
        return _Measure("personnel", text, end)
    if np and np[0].endswith(("'s", "’s")):
        # "73% of Hillsborough's registered voters": whose, not what (the
        # measure was "hillsborough's").
        return _Measure(None, None, None)
    if np:
        text, end = np[0], np[2]
        measure = normalise(text, lex)
        if (
            measure == " ".join(text.lower().split())
            and text[:1].isupper()
            and "of" not in sentence[q_end : np[1]].split()  # "72 percent of Republicans ..."
        ):
            # "312 Houthi attacks", "Hezbollah rockets": whose they are is the
            # subject (the group named); the measure is what they are. Not
            # "six Senate races" (House races are another question).
            named = text.split()
            first = next((i for i, w in enumerate(named) if not w[:1].isupper()), None)
            if first and all(w in STANDALONE_GROUPS for w in named[:first]):
                measure = normalise(" ".join(named[first:]), lex)
        if (
            measure in ("people", "persons")
            and _NUMBERS_VERB.search(clause[-40:])
            and _BODY_WORD.search(clause.lower())
        ):
            measure = "personnel"  # "the militia numbers about 2,000 people"
    elif kind == "percent":
        found = _lexicon_before(clause, lex)
        measure = lex.get(found) if found else None
    else:
        found = _lexicon_before(clause, lex)
        if found:
            measure, text = lex[found], found
    if (
        measure is None
        and np is None
        and kind == "count"
        and _NUMBERS_VERB.search(clause[-40:])
        and _BODY_WORD.search(clause.lower())
    ):
        # "the Popular Mobilisation Forces now number about 238,000", "the
        # brigade numbers around 5,000": a body's strength, counted bare.
        return _Measure("personnel", None, None)
    # Casualties: "15 fighters were killed", "killed 15 people", "the death toll rose to 35".
    after_np = sentence[end if end is not None else q_end :]
    if kind == "count" and _LEFT_AFTER.match(after_np):
        # "300 fighters had left the faction", "200 men defected": gone from
        # the strength, not the strength (which it would stand against).
        return _Measure("defected", text, end)
    cas = CASUALTY_AFTER.match(after_np) or _NAMED_CASUALTY.match(after_np)
    if cas and kind in ("count",):
        word = (cas.group(1) or cas.group(2)).lower()
        counted = (text or "").lower().split()[-1:]
        if word == "fled" and counted and counted[0] not in _CIVILIANS:
            return _Measure(measure, text, end)  # "300 fighters fled": a retreat
        if word in CASUALTY_MEASURE:
            return _Measure(CASUALTY_MEASURE[word], text, end)
    cas_b = CASUALTY_BEFORE.search(clause[-120:])
    if cas_b:
        # The last such word before the figure: "killed 12 and wounded 30 others".
        cas_b = _LAST_CASUALTY.match(clause[-120:], cas_b.start())
    if (
        cas_b
        and kind == "count"
        and (
            measure in (None, "personnel")
            or (text or "").lower() in ("people", "civilians", "persons", "others")
        )
    ):
        word = cas_b.group(1).lower()
        if not word.startswith("los") or measure == "personnel":  # "lost 20 fighters"
            return _Measure(CASUALTY_MEASURE.get(word, "killed"), text, end)
    held = _DETAIN_BEFORE.search(clause[-60:]) if kind == "count" else None
    if held:
        word = held.group(1).lower()
        # Arrested or kidnapped, whoever they are; held or captured, only
        # people ("captured 3 towns", "held 2 rallies" are not).
        if not word.startswith(("hold", "held", "captur")) or (
            measure in (None, "personnel")
            or (text or "").lower() in ("people", "civilians", "persons", "others")
        ):
            return _Measure(
                "abducted" if word.startswith(("kidnap", "abduct")) else "detained", text, end
            )
    if measure is None and kind == "count" and earlier and _BACK_TO_FIGURE.search(clause):
        # "analysts put the number closer to 8,000": the figure named before.
        return _Measure(earlier[-1], None, None)
    if kind == "count" and measure is not None:
        rec_before = RECRUIT_CUE.search(clause)
        # After the figure, up to the next one: "3,000 fighters and 500
        # recruits" says nothing of how the 3,000 came.
        rec_after = RECRUIT_CUE.search(
            _DIGIT_CUT.split(_clause_after(sentence, end or q_end), 1)[0][:60]
        )
        is_recruits = (text or "").lower().endswith("recruits")
        if rec_before and not (rec_after or is_recruits) and np is None:
            # "recruited 200 men in Homs and sent 150 to Hama": the verb
            # nearest the bare figure says what it counts.
            tail = clause[-60:]
            dep = _DEPLOY_BEFORE.search(tail)
            if dep and all(r.start() < dep.start() for r in RECRUIT_CUE.finditer(tail)):
                return _Measure(lex.get("deployed", "deployed"), text, end)
        if rec_before or rec_after or is_recruits:
            said = (text or "").lower().split()
            plain = [w for w in said if w not in NATIONALITIES]
            # "Afghan fighters": a nationality before a generic head does not
            # make a part of the total ("Afghans" alone, or "National Defence
            # members", still is one).
            phrase = " ".join(plain if plain else said)
            if phrase in GENERIC_RECRUITS or phrase in ("recruits",) or not phrase or np is None:
                # np None: the word read was the verb before a bare figure
                # ("the militia recruited 300"), not who was recruited.
                return _Measure("recruits", text, end)
            return _Measure(f"recruits:{phrase}", text, end)
    if measure == "personnel" and kind == "count" and _deployed(clause, sentence, end or q_end):
        # an editor's alias ("deployed" -> personnel) folds it back
        return _Measure(lex.get("deployed", "deployed"), text, end)
    return _Measure(measure, text, end)


def _funding(sentence: str, q_end: int) -> str:
    """ "funding", made annual or monthly by a period right after the sum."""
    window = sentence[q_end : q_end + 30].lower()
    if any(cue in window for cue in _ANNUAL_CUES):
        return "annual funding"
    if any(cue in window for cue in MONTHLY_CUES):
        return "monthly funding"
    return "funding"


_ADVERB_END = re.compile(r"\s+[a-z]+ly$")


def _group_right_before(sentence: str, at: int) -> bool:
    """A named group ends right before ``at``, an adverb aside: "the Houthis earn"."""
    head = _ADVERB_END.sub("", sentence[:at].rstrip())
    return any(end == len(head) for _, end, _ in group_mentions(head))


def _deployed(clause: str, sentence: str, after: int) -> bool:
    """ "sent 500 fighters to Syria", "500 fighters were deployed": a part of
    the strength moved somewhere, not the strength."""
    return bool(_DEPLOY_BEFORE.search(clause[-60:]) or _DEPLOY_AFTER.match(sentence, after))


def _is_founding(sentence: str, q_start: int) -> bool:
    return FOUNDING.search(sentence[max(0, q_start - 60) : q_start]) is not None


def extract_claims(
    text: str, meta: ArticleMeta, *, lexicon: dict[str, str] | None, tolerance: float
) -> list[ClaimDraft]:
    sentences.recycle()  # bounds spaCy's vocabulary: memory stays flat over a corpus
    return _extract_claims(text, meta, lexicon=lexicon, tolerance=tolerance)


def _extract_claims(
    text: str, meta: ArticleMeta, *, lexicon: dict[str, str] | None, tolerance: float
) -> list[ClaimDraft]:
    from provenance.extract.hedges import assess, disclaimer_effect
    from provenance.extract.quantities import find_quantities, trigger_hits

    lex = lexicon if lexicon is not None else DEFAULT_MEASURES
    line_spans = list(sentences.lines(text))
    paragraphs = [text[s:e] for s, e in line_spans]
    editor = attr.detect_editor(text)
    outlet = meta.outlet or editor
    relay = attr.detect_relay(paragraphs, meta.relay)
    head_chain = attr.outlet_chain(outlet, editor, relay)
    disclaimer = _disclaimer(text, meta)
    effect = disclaimer_effect(disclaimer) if disclaimer else None
    astate = attr.ArticleState(relay=relay)
    sstate = SubjectState()
    seen: set[str] = set()
    earlier_measures: list[str] = []
    drafts: list[ClaimDraft] = []
    previous: list[Any] | None = None  # the attributions the last paragraph ended with
    title = (meta.title or "").strip()
    known_measures = set(lex.values())

    # Figures first, line by line: the state that follow-ups need ("the
    # report said", "the militia") only matters up to the last line with a
    # figure, so nothing after it is read further.
    lines: list[tuple[int, int, bool, list[Any]]] = []
    last = -1
    article_hits = trigger_hits(text)
    for ls, le in line_spans:
        line = text[ls:le]
        furniture = bool(
            furniture_line(line)
            or _copyright(line)
            or ("ed by " in line and attr.CREDIT_LINE.match(line))  # "This article was edited by"
        )
        if disclaimer and disclaimer in line:
            furniture = True
        first, past = bisect_left(article_hits, ls), bisect_left(article_hits, le)
        quantities = (
            find_quantities(line, tolerance, hits=[p - ls for p in article_hits[first:past]])
            if past > first and not furniture
            else []
        )
        # Dates feed as_of, and a year is a claim only as a founding year: a
        # line whose figures are all such is read like a line without any
        # (no sentence split). The founding cue is looked for in the line:
        # the sentence's window is a suffix of the line's, so a year that is
        # not a founding year here is not one in its sentence either.
        quantities = [
            q
            for q in quantities
            if q.kind != "date"
            and (q.kind != "year" or _is_founding(line, q.start))
            and not _time_frame(line, q)
        ]
        if quantities:
            last = len(lines)
        lines.append((ls, le, furniture, quantities))

    for ls, le, furniture, quantities in lines[: last + 1]:
        line = text[ls:le]
        astate.topic = sstate.last  # what "the militia said" stands for
        if not quantities:
            if not furniture:
                own = attr.find_attributions(line, astate)
                previous = own or (previous if line.startswith(_OPENING) else None)
                # As in a line with figures: a source's employer does not
                # take over from the group the text is about.
                sstate.scan(line, exclude=_source_spans(line, own) if own and sstate.last else ())
            continue
        sents = sentences.split(line, ls)
        # Attributions per sentence, in order; a sentence inside an open
        # quotation takes the attribution of the sentence that closes it.
        found = [attr.find_attributions(text[s:e], astate) for s, e in sents]
        carried = _carry_quotes(text, sents, found, previous)
        previous = next((c for c in reversed(carried) if c), None)
        for index, (ss, se) in enumerate(sents):
            sentence = text[ss:se]
            atts = carried[index]
            topic = sstate.last
            # A group named only as a source's employer ("a Taliban official
            # said") does not take over from the group the text is about.
            spans = _source_spans(sentence, atts) if atts else []
            mentions = sstate.scan(sentence, exclude=spans if topic else ())
            if sentence in seen or (title and sentence == title and title in seen):
                continue
            seen.add(sentence)
            places = None
            found_dates: list[tuple[int, str]] | None = None
            dates_read = False  # the sentence's dates are read on first use
            counted = ""  # the measure of the sentence's last count
            money: tuple[int, str] | None = None  # the end and measure of its last sum
            for q in quantities:
                qs, qe = q.start + ls, q.end + ls
                if not (ss <= qs and qe <= se):
                    continue
                rs, re_ = qs - ss, qe - ss
                if q.kind == "year" and not _is_founding(sentence, rs):
                    continue
                if _TIME_AGO.match(sentence, re_):
                    continue  # "four years ago", "two months later": when, not how many
                value = q.value
                before_from = (
                    _FROM_AFTER_CHANGE.search(sentence, max(0, rs - 60), rs)
                    if sentence.endswith(("from ", "of "), 0, rs)
                    else None
                )
                if (
                    value.approx == "range"
                    and sentence.startswith("from ", rs)
                    and " to " in sentence[rs:re_]
                    and _CHANGE_VERB_END.search(sentence, max(0, rs - 40), rs)
                ):
                    # "its ranks swelled from 800 to 2,500": a change, not a
                    # range; the figure now is the claim.
                    rs = rs + sentence[rs:re_].rindex(" to ") + 4
                    qs = ss + rs
                    value = Value(sentence[rs:re_], value.high, value.high, value.unit, "exact")
                elif before_from and not _DATED_AFTER.match(sentence, re_):
                    # "rose from 800 to 2,500", "4,000, down from 7,000": the
                    # figure before the change, undated, would stand against
                    # the figure now as if both held at once.
                    continue
                if q.value.text.lower() == "one" and _ONE_OF_AFTER_PREP.search(
                    sentence, max(0, rs - 12), re_ + 4
                ):
                    continue  # "a strike on one of the camps killed 22": a place, not a count
                if any(a <= rs < b for a, b in spans):
                    # "two officials said", "citing three sources", "a statement
                    # from the two agencies": a count of who speaks, not a claim.
                    continue
                m = measure_of(sentence, rs, re_, q.kind, lex, earlier_measures)
                if q.kind == "money" and money and _CONVERSION.fullmatch(sentence, money[0], rs):
                    # "600,000 Syrian pounds, about $45,": the same sum in
                    # another currency prices the same thing.
                    m = _Measure(money[1], m.text, m.end)
                if m.measure is None and before_from and earlier_measures:
                    # "down from a peak of 7,000 in 2017": the figure named before
                    m = _Measure(earlier_measures[-1], None, None)
                clause = _clause_before(sentence, rs) if m.measure is None and counted else ""
                if q.kind == "count" and (
                    _ELLIPTIC.search(clause[-20:])
                    # "once fielded 9,000 men, said only 2,500 remained": what is left of them
                    or (counted in ("personnel", "recruits") and _REMAIN_AFTER.match(sentence, re_))
                ):
                    # "which had 500 members in 2019, now counts 2,000": what
                    # the sentence counted before.
                    deployed = counted in ("personnel", "recruits") and _DEPLOY_BEFORE.search(
                        clause
                    )
                    m = _Measure(
                        lex.get("deployed", "deployed") if deployed else counted, None, None
                    )
                if (
                    m.measure is None
                    and q.kind == "count"
                    and not counted
                    and earlier_measures
                    and index
                    and _ELLIPTIC.search(_clause_before(sentence, rs)[-30:])
                ):
                    # 'An official disputed the number. "They have perhaps
                    # 10,000 at most," he said.': a rival for the figure before.
                    prev = text[sents[index - 1][0] : sents[index - 1][1]]
                    if _DISPUTING.search(prev):
                        m = _Measure(earlier_measures[-1], None, None)
                if m.measure is None:
                    continue
                if q.kind == "count":
                    counted = m.measure
                elif q.kind == "money":
                    money = (re_, m.measure)
                if q.value.text.lower() == "one" and m.measure not in known_measures:
                    continue  # "at one point", "one day": an idiom, not a count
                end = ss + m.end if m.end is not None else qe
                if q.kind == "ratio":
                    comp = _COMPARATIVE.match(text, qe, se)
                    if comp:
                        end = comp.end()
                quote = text[qs:end]
                if m.measure:
                    earlier_measures.append(m.measure)
                if places is None:
                    # "tribal sources in Mayadin said": where the source is,
                    # not what the claim is about.
                    where = _source_spans(sentence, atts, named=True) if atts else []
                    places = [
                        p
                        for p in find_places(sentence, set(sstate.names))
                        if not any(a <= p[0] < b for a, b in where)
                    ]
                # A group's own figures (its fighters, its salaries) belong to the
                # group the text is about even when the sentence does not name
                # it; "30 civilians", "20 government troops" or "Kurdish
                # fighters" (someone else's, named) do not.
                default_subject = m.measure.startswith(GROUP_MEASURES) or bool(
                    m.text
                    and _MEMBERS.search(m.text)
                    and not any(w[:1].isupper() for w in m.text.split())
                )
                subject = sstate.subject_for(
                    mentions, rs, sentence, default_subject, topic, quote_end=end - ss
                )
                # "The Observatory's tally was higher, at 210": another figure
                # for the one named before; whose and when it was go with it.
                rival = (
                    drafts[-1]
                    if m.text is None and drafts and drafts[-1].measure == m.measure
                    else None
                )
                if subject is None and rival is not None:
                    subject = rival.subject
                assessment = assess(sentence, (rs, end - ss))
                hedge = assessment.hedge
                cues = list(assessment.cues)
                if effect is not None:
                    hedge, cues = _apply_disclaimer(hedge, cues, effect)
                chain = _chain_for(atts, rs, head_chain)
                if not dates_read:
                    found_dates = dates.sentence_dates(sentence, meta.published)
                    dates_read = True
                as_of = dates.pick(
                    _own_dates(found_dates, sentence, rs, re_, ls - ss, quantities),
                    sentence,
                    meta.published,
                    rs,
                )
                if as_of is None and rival is not None:
                    as_of = rival.as_of
                drafts.append(
                    ClaimDraft(
                        quote=quote,
                        start=qs,
                        end=end,
                        sentence=sentence,
                        subject=subject,
                        measure=m.measure,
                        measure_text=m.text,
                        place=place_for(places, rs),
                        as_of=as_of,
                        value=Value(value.text, value.low, value.high, value.unit, value.approx),
                        hedge=hedge,
                        hedge_cues=cues,
                        polarity=assessment.polarity,
                        chain=chain,
                    )
                )
    return drafts


_OPENING = ("“", '"')


def _carry_quotes(
    text: str,
    sents: list[tuple[int, int]],
    found: list[list[Any]],
    previous: list[Any] | None = None,
) -> list[list[Any]]:
    """Give the sentences of a quotation the attribution of whoever speaks it.

    * A quotation over several sentences takes the attribution of the
      sentence that closes it ("“... . ...,” the official said").
    * A quotation that goes on after the sentence naming its speaker takes
      that sentence's attribution ("“...,” Mr. Clyburn said. “Or else we'll
      see ... in two years.”").
    * A paragraph that opens with a quotation and names nobody takes the
      attribution the previous paragraph ended with (``previous``: "She said
      the process ..." then a paragraph of her words).
    """
    out = [list(f) for f in found]
    depth = 0
    pending: list[int] = []
    for i, (s, e) in enumerate(sents):
        chunk = text[s:e]
        opens = chunk.count("“") + (chunk.count('"') + 1) // 2 * (
            depth == 0 and chunk.count('"') % 2 == 1
        )
        closes = chunk.count("”")
        if depth == 0 and (opens > closes):
            depth = 1
            pending = [i]
            continue
        if depth == 1:
            pending.append(i)
            if closes or chunk.count('"'):
                depth = 0
                for j in pending:
                    if not out[j]:
                        out[j] = _speaker(found[i])
                pending = []
    speaker = list(previous) if previous else None
    inside = False  # within a quotation carried from ``speaker``
    for i, (s, e) in enumerate(sents):
        chunk = text[s:e]
        curly_open, curly_close, straight = chunk.count("“"), chunk.count("”"), chunk.count('"')
        if out[i]:
            # A sentence that quotes and names its speaker hands them on; when
            # it ends by opening the next quotation (spaCy leaves that opening
            # mark on the sentence before), what follows is inside it.
            speaker = _speaker(out[i]) if curly_open + curly_close + straight else None
            inside = curly_open > curly_close or straight % 2 == 1
            continue
        if speaker and (inside or chunk.startswith(_OPENING)):
            out[i] = list(speaker)
            if inside:
                inside = not (curly_close or straight)
            else:
                inside = curly_open > curly_close or straight % 2 == 1
        else:
            speaker, inside = None, False
    return out


def _speaker(atts: list[Any]) -> list[Any]:
    """The attribution a quotation carries into its other sentences: the first
    of the sentence that names its speaker (a round-up's speaker before a
    source quoted inside the quotation). One only: offsets in another
    sentence say nothing of which is nearer."""
    return [min(atts, key=lambda a: a.start)] if atts else []


def _source_spans(sentence: str, atts: list[Any], named: bool = False) -> list[tuple[int, int]]:
    """Where the sentence names the anonymous and unnamed sources of ``atts``:
    a figure there counts who speaks, and a group named there is the
    speaker's employer, not what the sentence is about. ``named``: every
    source (a place inside a source's name is no place of the claim)."""
    low = sentence.lower()
    spans = []
    for a in atts:
        for ref in a.chain:
            if named or ref.kind in ("unnamed", "anonymous"):
                i = low.find(ref.name.lower())
                if i >= 0:
                    spans.append((i, i + len(ref.name)))
    return spans


def _time_frame(line: str, q: Any) -> bool:
    """ "in the past six months", "within two weeks": the period, not a count.

    Dropped with the dates, before any figure is read, so that a time frame
    takes no date from the figure before it ("enlisted 700 men over the past
    12 months, the Observatory said on Wednesday": the 700's date).
    """
    return bool(
        q.kind == "count"
        and _TIME_UNIT_AFTER.match(line, q.end)
        and _FRAME_BEFORE.search(line, max(0, q.start - 30), q.start)
    )


# A sentence that takes up the figure before: "disputed the number",
# "rejected the figure of 6,000 fighters", "questioned that estimate".
_DISPUTING = re.compile(rf"\b(?:the|that|this|its|their) (?:{_FIGURE_NOUNS}|toll|claim)s?\b")
_PART_LEAD = re.compile(r"\b(?:including|among them|of whom|of which)\s+$")


def _own_dates(
    found: list[tuple[int, str]] | None,
    sentence: str,
    rs: int,
    re_: int,
    shift: int,
    quantities: list[Any],
) -> list[tuple[int, str]] | None:
    """The sentence's dates that can date the figure at sentence[rs:re_].

    A date past the next figure, in a clause of its own, is that figure's
    ("4,000, down from 7,000 in 2017"), while "2,000 fighters and 300
    vehicles in March 2019" share theirs; and a date in the clause of the
    figure before, with a clause break after it, is that one's ("which had
    500 members in 2019, now counts 2,000": the 2,000 is now; "500 in 2016
    but, in 2019, it had 2,000" is 2019). ``shift`` takes the line's figure
    offsets into the sentence.
    """
    if not found:
        return found
    following = min(
        (
            p.start + shift
            for p in quantities
            if re_ <= p.start + shift < len(sentence)
            # "1,032 civilians, including 214 children, since March": a part
            # named in passing does not take the total's date away
            and not _PART_LEAD.search(sentence, max(0, p.start + shift - 16), p.start + shift)
        ),
        default=None,
    )
    if following is not None and CLAUSE_BREAK.search(sentence, re_, following):
        found = [d for d in found if d[0] < following]
    before = max((p.end + shift for p in quantities if 0 <= p.end + shift <= rs), default=None)
    if before is not None:
        found = [
            d
            for d in found
            if not (
                before <= d[0] < rs
                and CLAUSE_BREAK.search(sentence, d[0], rs)
                and not CLAUSE_BREAK.search(sentence, before, d[0])
            )
        ]
        # "which was formed in 2016, numbers around 5,000": a year that is a
        # figure of its own (the founding year), in a clause before, is that
        # figure's date.
        found = [
            d
            for d in found
            if not any(
                # the date's offset is its preposition's ("in 2016")
                p.start + shift - 12 <= d[0] < p.end + shift <= rs
                and CLAUSE_BREAK.search(sentence, p.end + shift, rs)
                for p in quantities
                if p.kind == "year"
            )
        ]
    return found


_CHANGE_VERBS = (
    r"(?:rose|risen|rises|rising|grew|grown|grows|growing|swelled|swollen|swells|swelling"
    r"|increased|increases|increasing|jumped|jumps|climbed|climbs|soared|surged|fell|fallen|falls"
    r"|falling|dropped|drops|dropping|declined|declines|declining|decreased|decreases|shrank"
    r"|shrunk|shrinks|plunged|plummeted|slumped|dipped|slipped|(?:edged|went|gone|go|goes)\s+"
    r"(?:up|down)|up|down)(?:\s+\w+ly)?"
)
# The change verb right before a range: "swelled from 800 to 2,500".
_CHANGE_VERB_END = re.compile(rf"\b{_CHANGE_VERBS}\s+$", re.IGNORECASE)
# The figure a change starts from: "rose from [about] 800", "down from a peak of 7,000".
_FROM_AFTER_CHANGE = re.compile(
    rf"\b{_CHANGE_VERBS}\s+from\s+(?:(?:a|an|its|the|their)\s+(?:\w+\s+)?"
    r"(?:peak|high|low|total|level|figure|maximum|minimum|estimated)\s+of\s+)?$",
    re.IGNORECASE,
)
# A date of its own right after the figure: "down from 7,000 in 2017".
_DATED_AFTER = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:in|as of|by|at the end of|at the start of|since)\s+"
    r"(?:(?:early|mid|late|mid-)\s*)?(?:\d{4}|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|last year|the previous year)\b"
    r"|\s*(?:last|a|one)\s+year(?:\s+(?:ago|earlier|before))?\b",
    re.IGNORECASE,
)
_ONE_OF_AFTER_PREP = re.compile(
    r"\b(?:on|in|at|from|to|near|into|inside|outside|with|by|for|against|of)\s+one\s+of\b", re.I
)


def _chain_for(atts: list[Any], at: int, head: list[SourceRef]) -> list[SourceRef]:
    if not atts:
        return list(head)
    nearest = min(atts, key=lambda a: abs(a.start - at))
    return attr.join_chain(head, nearest.chain)


def _apply_disclaimer(hedge: str, cues: list[str], effect: Any) -> tuple[str, list[str]]:
    """Apply the publisher's disclaimer as ``hedges.disclaimer_effect`` decides."""
    hedge, cues = effect.apply(hedge, cues)
    return hedge, cues


__all__ = ["extract_claims", "measure_of"]
