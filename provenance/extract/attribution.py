"""Attribution chains: who a claim is attributed to, through whom.

Design notes
------------
* A chain runs from the publishing outlet (first) to the origin (last).
  ``ArticleState`` walks the article in order and keeps what follow-ups need:
  the sources named so far (so "the Observatory", "Observatory sources",
  "Khaji" find the full name), the last report ("the report said"), the last
  person ("he added").
* In-sentence cues, tried on the sentence text with regular expressions and
  a short backwards walk over the words before the verb:
  "according to X", "X said/says/reported/estimates/revealed/confirmed/
  added/told Y", inverted "..., said X", "a report by X", "X's report",
  "a report published by X". "X told Y" makes Y a hop before X
  ("local sources told the Observatory" -> Observatory -> local sources).
* Source kinds: "reports", "local sources", "activists" -> unnamed;
  "an Iraqi security official", "a military source" -> anonymous (the name
  is the phrase as written); names with ministry/government words ->
  government; media words (Agency, News, Times, Al-Awsat...) -> outlet;
  two to four capitalised words without organisation words -> person;
  otherwise organisation.
* A relay stated once for the whole article (``meta.relay``, or a standfirst
  paragraph "... according to <outlet>." among the first paragraphs) is put
  after the outlet in every chain. "This article was edited by X" names the
  outlet when the header did not; when X differs from the outlet it is a hop
  after it.
* A claim with no attribution gets [outlet, relay?]: its origin is whoever
  published the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from provenance.model import SourceRef
from provenance.names import acronym, fold

VERBS = (
    "said|says|say|reported|reports|report|estimated|estimates|estimate|revealed|reveals|"
    "confirmed|confirms|told|tells|added|adds|stated|states|claimed|claims|noted|notes|"
    "announced|announces|wrote|writes|explained|indicated|insisted|denied|denies|"
    "warned|acknowledged|admitted|documented|recorded|counted|put|puts|showed|shows|"
    "quoted|cited"
)
_VERB_RE = re.compile(rf"\b({VERBS})\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_TOKEN = re.compile(r"\w(?:[\w’'\-]|\.(?=\w))*|[^\w\s]")

UNNAMED_HEADS = {
    "reports",
    "sources",
    "source",
    "activists",
    "residents",
    "witnesses",
    "observers",
    "media",
    "outlets",
    "monitors",
    "reporters",
    "journalists",
    "locals",
    "others",
}
ANON_HEADS = {
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "officer",
    "diplomat",
    "resident",
    "witness",
    "activist",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "member",
    "fighter",
    "insider",
    "aide",
    "source",
}
REPORT_HEADS = {
    "report",
    "statement",
    "study",
    "survey",
    "document",
    "investigation",
    "tally",
    "count",
}
FOLLOW_HEADS = {
    "observatory",
    "monitor",
    "agency",
    "ministry",
    "minister",
    "government",
    "group",
    "organisation",
    "organization",
    "network",
    "outlet",
    "newspaper",
    "channel",
    "council",
    "office",
    "army",
    "spokesman",
    "official",
    "militia",
    "centre",
    "center",
    "committee",
}
SOURCE_DESCRIPTORS = (
    UNNAMED_HEADS
    | ANON_HEADS
    | REPORT_HEADS
    | FOLLOW_HEADS
    | {
        "local",
        "senior",
        "security",
        "military",
        "informed",
        "medical",
        "opposition",
        "recent",
        "new",
        "war",
        "state",
        "unnamed",
        "anonymous",
        "several",
        "some",
        "many",
        "latest",
        "independent",
        "human",
        "rights",
        "intelligence",
        "government",
        "police",
        "defence",
        "defense",
        "foreign",
        "news",
        "press",
        "published",
        "released",
        "by",
        "from",
        "of",
        "uk-based",
        "london-based",
        "britain-based",
        "us-based",
        "pro-government",
        "top",
        "other",
        "two",
        "three",
        "its",
        "his",
        "her",
        "their",
    }
)
CONNECTORS = {"of", "for", "the", "al", "and", "on", "de", "bin", "ibn", "el", "ul"}
ARTICLES = {"a", "an", "the", "one", "two", "three", "some", "several", "many"}
PRONOUNS = {"he": "person", "she": "person", "it": None, "they": None}

GOV_WORDS = re.compile(
    r"\b(ministry|minister|government|pentagon|department|presidency|cabinet|parliament|"
    r"embassy|kremlin|white house|state department|governor|authorities|mayor|president)\b",
    re.IGNORECASE,
)
OUTLET_WORDS = re.compile(
    r"\b(news|agency|times|post|press|tv|television|radio|journal|observer|al-awsat|reuters|"
    r"afp|ap|sputnik|tasnim|irna|fars|jazeera|al-monitor|telegraph|guardian|gazette|herald|"
    r"tribune|daily|newspaper|magazine|broadcaster|bbc|cnn|channel|asharq|enab|baladi)\b",
    re.IGNORECASE,
)
ORG_WORDS = re.compile(
    r"\b(observatory|organi[sz]ation|institute|network|council|committee|centre|center|"
    r"group|union|office|watch|amnesty|nations|un|brigade|forces|army|militia|monitor|"
    r"foundation|association|coalition|commission|party|movement|front|rights)\b",
    re.IGNORECASE,
)

_RELAY = re.compile(r"\baccording to ((?:the )?[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|al|of|the))*)")
_EDITED = re.compile(
    r"\b(?:edited|translated|compiled|prepared) by ((?:[Tt]he )?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)"
)


_REPORT_WORD = re.compile(r"\b(?:its|their|a|the|latest|new|recent) (?:\w+ )?report\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|being)$")
_PASSIVE_AFTER = re.compile(r"\s+(?:at|to be|to have)\b")


def source_kind(name: str) -> str:
    """A guess at a named source's kind from its words."""
    if OUTLET_WORDS.search(name):
        return "outlet"
    if GOV_WORDS.search(name):
        return "government"
    if ORG_WORDS.search(name):
        return "organisation"
    words = name.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "person"
    if len(words) == 1 and not name.isupper() and len(name) > 3:
        return "person"
    return "organisation"


def _strip_article(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def _lower_first(phrase: str) -> str:
    return phrase[:1].lower() + phrase[1:] if phrase[:2] != phrase[:2].upper() else phrase


@dataclass
class Known:
    ref: SourceRef
    chain: list[SourceRef]


@dataclass
class ArticleState:
    """What earlier sentences said about sources, for follow-ups."""

    known: list[Known] = field(default_factory=list)
    last_report: list[SourceRef] | None = None
    last_person: list[SourceRef] | None = None
    last_chain: list[SourceRef] | None = None

    def remember(self, chain: list[SourceRef], *, report: bool = False) -> None:
        if not chain:
            return
        self.known.append(Known(chain[-1], list(chain)))
        # Every hop is a source one can refer back to, with the chain up to it.
        for i, ref in enumerate(chain[:-1]):
            self.known.append(Known(ref, list(chain[: i + 1])))
        self.last_chain = list(chain)
        if report:
            self.last_report = list(chain)
        if chain[-1].kind == "person":
            self.last_person = list(chain)

    def lookup(self, phrase: str) -> list[SourceRef] | None:
        """An earlier source that ``phrase`` refers back to ("the Observatory", "Khaji")."""
        key = fold(phrase)
        if not key:
            return None
        words = [w for w in key.split() if w not in {"sources", "source", "s"}]
        for known in reversed(self.known):
            name_key = fold(known.ref.name)
            if key == name_key or (acronym(known.ref.name) or "") == key.replace(" ", ""):
                return known.chain
        if not words:
            return None
        for known in reversed(self.known):
            if known.ref.kind == "unnamed":
                continue
            name_words = fold(known.ref.name).split()
            if all(w in name_words for w in words):
                return known.chain
            abbrev = acronym(known.ref.name)
            if abbrev and words == [abbrev]:
                return known.chain
        return None


def _words_before(sentence: str, end: int) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(sentence, 0, end))


def _phrase_before(sentence: str, verb_start: int) -> str | None:
    """The noun phrase that ends right before a reporting verb, walking backwards."""
    toks = _words_before(sentence, verb_start)
    picked: list[re.Match[str]] = []
    for tok in reversed(toks):
        w = tok.group()
        lw = w.lower()
        if not w[0].isalnum():
            if w in "’'" and picked:
                continue
            break
        if w[0].isupper() or w[0].isdigit() and picked == []:
            picked.append(tok)
            continue
        if lw in ARTICLES:
            picked.append(tok)
            break
        if lw in SOURCE_DESCRIPTORS or (lw in CONNECTORS and picked):
            picked.append(tok)
            continue
        if lw in PRONOUNS and not picked:
            picked.append(tok)
            break
        break
    while picked and picked[-1].group().lower() in CONNECTORS - {"the"}:
        picked.pop()
    if not picked:
        return None
    start = picked[-1].start()
    end = picked[0].end()
    return sentence[start:end]


def _phrase_after(sentence: str, start: int) -> str | None:
    """The source phrase after "according to" or an inverted "said"."""
    toks = list(_TOKEN.finditer(sentence, start))
    picked: list[re.Match[str]] = []
    for tok in toks:
        w = tok.group()
        lw = w.lower()
        if not w[0].isalnum():
            if w in "’'" and picked:
                picked.append(tok)
                continue
            break
        if (
            lw
            in {
                "that",
                "who",
                "which",
                "on",
                "in",
                "last",
                "this",
                "earlier",
                "as",
                "to",
                "after",
                "when",
                "while",
                "citing",
            }
            and picked
        ):
            break
        if (
            w[0].isupper()
            or lw in SOURCE_DESCRIPTORS
            or lw in ARTICLES
            or lw in CONNECTORS
            or lw in {"s", "published", "released", "issued", "close"}
            or w.endswith("’s")
        ):
            picked.append(tok)
            continue
        break
    while picked and picked[-1].group().lower() in CONNECTORS | ARTICLES | {
        "by",
        "from",
        "published",
        "’",
        "'",
    }:
        picked.pop()
    if not picked:
        return None
    return sentence[picked[0].start() : picked[-1].end()]


def classify(phrase: str, state: ArticleState) -> tuple[list[SourceRef], bool] | None:
    """The chain (without outlet/relay) a source phrase stands for, and whether it is a report."""
    phrase = phrase.strip(" ,.’'\"“”")
    if not phrase:
        return None
    low = phrase.lower()
    words = low.split()
    # "a report by X", "a report published by X", "an official from X"
    m = re.search(r"\b(?:by|from|of)\s+(.+)$", phrase)
    if m and any(
        w in REPORT_HEADS | ANON_HEADS | {"sources", "report", "reports"}
        for w in words[: len(phrase[: m.start()].split())]
    ):
        inner = classify(m.group(1), state)
        head_words = set(phrase[: m.start()].lower().split())
        if inner:
            return inner[0], inner[1] or bool(head_words & REPORT_HEADS)
    # "X's report", "the Observatory's sources"
    m = re.match(r"^(.+?)[’']s\s+(\w+(?:\s+\w+)?)$", phrase)
    if m:
        inner = classify(m.group(1), state)
        if inner:
            return inner[0], m.group(2).lower() in REPORT_HEADS
    head = words[-1]
    if words[0] in PRONOUNS and len(words) == 1:
        if words[0] in ("he", "she") and state.last_person:
            return list(state.last_person), False
        if state.last_chain:
            return list(state.last_chain), False
        return None
    if head in REPORT_HEADS and not any(w[:1].isupper() for w in phrase.split()[:-1]):
        if state.last_report:
            return list(state.last_report), True
        return None
    # "Observatory sources", "the Observatory", "the monitor", "Khaji"
    stripped = _strip_article(phrase)
    bare = [w for w in stripped.split() if w.lower() not in {"sources", "source"}]
    capital = [w for w in stripped.split() if w[:1].isupper()]
    if (words[0] == "the" or head in {"sources", "source"} or len(capital) == 1) and bare:
        earlier = state.lookup(" ".join(bare))
        if earlier:
            return list(earlier), False
        if words[0] == "the" and head in FOLLOW_HEADS and len(capital) == 0 and state.last_chain:
            for known in reversed(state.known):
                if head in fold(known.ref.name).split():
                    return list(known.chain), False
    if (
        head in UNNAMED_HEADS
        and not capital[:1]
        or head in UNNAMED_HEADS
        and words[0] not in ARTICLES
        and len(capital) <= 1
        and head in {"sources", "reports", "media", "activists"}
    ):
        return [SourceRef(_lower_first(stripped), "unnamed")], head == "reports"
    if head in ANON_HEADS and words[0] in ARTICLES - {"the"}:
        return [SourceRef(_lower_first(phrase), "anonymous")], False
    if not capital:
        return None
    name = stripped
    # Titles before a person's name: "Foreign Minister Ali Khaji" stays whole.
    return [SourceRef(name, source_kind(name))], False


@dataclass
class Attribution:
    start: int  # offset of the cue in the sentence
    chain: list[SourceRef]
    cue: str


def find_attributions(sentence: str, state: ArticleState) -> list[Attribution]:
    """Attributions stated in one sentence, and update ``state`` with them."""
    found: list[Attribution] = []
    for m in _ACCORDING.finditer(sentence):
        phrase = _phrase_after(sentence, m.end())
        result = classify(phrase, state) if phrase else None
        if result:
            chain = [
                _with_cue(result[0][-1], "according to") if i == len(result[0]) - 1 else r
                for i, r in enumerate(result[0])
            ]
            found.append(Attribution(m.start(), chain, "according to"))
            state.remember(chain, report=result[1])
    for m in re.finditer(
        r"\b(?:a|the|an)\s+(?:\w+\s+)?(?:report|statement|study)\s+(?:published\s+|released\s+|issued\s+)?by\s+",
        sentence,
    ):
        phrase = _phrase_after(sentence, m.end())
        result = classify(phrase, state) if phrase else None
        if result and not any(a.start <= m.start() <= a.start + 40 for a in found):
            found.append(Attribution(m.start(), result[0], "a report by"))
            state.remember(result[0], report=True)
    mentions_report = _REPORT_WORD.search(sentence) is not None
    for m in _VERB_RE.finditer(sentence):
        verb = m.group(1)
        before = sentence[: m.start()].rstrip()
        if _PASSIVE_BEFORE.search(before) or _PASSIVE_AFTER.match(sentence, m.end()):
            continue  # "was reported", "estimated at 50,000": not a source speaking
        phrase: str | None
        inverted = not before or before[-1] in ",”\"’'"
        if inverted:
            phrase = _phrase_after(sentence, m.end())
            if phrase is None and before.endswith(","):
                # "The official, who spoke on condition of anonymity, said ...":
                # the subject is the sentence's opening phrase.
                first = sentence.find(",")
                if 0 < first < len(before) - 1:
                    phrase = _phrase_before(sentence, first)
        else:
            phrase = _phrase_before(sentence, m.start())
        if not phrase:
            continue
        if (
            any(
                a.start <= m.start() <= a.start + len(phrase) + 30 and a.cue == "a report by"
                for a in found
            )
            and inverted
        ):
            continue
        result = classify(phrase, state)
        if not result:
            continue
        chain = result[0]
        if verb in ("told", "tells") and not inverted:
            recipient = _phrase_after(sentence, m.end())
            rec = classify(recipient, state) if recipient else None
            if rec and rec[0][-1].kind not in ("unnamed",):
                chain = [
                    *rec[0],
                    *[r for r in chain if fold(r.name) not in {fold(x.name) for x in rec[0]}],
                ]
        found.append(Attribution(m.start(), chain, verb))
        state.remember(chain, report=result[1] or mentions_report)
    found.sort(key=lambda a: a.start)
    return found


def _with_cue(ref: SourceRef, cue: str) -> SourceRef:
    return SourceRef(ref.name, ref.kind, ref.cue or cue)


def detect_relay(paragraphs: list[str], meta_relay: str | None) -> SourceRef | None:
    """The relay stated once for the whole article, if any."""
    if meta_relay:
        return SourceRef(meta_relay.strip(), source_kind(meta_relay), "according to")
    for para in paragraphs[:4]:
        text = para.strip()
        if not text or len(text) > 300:
            continue
        m = _RELAY.search(text)
        if m and text.rstrip(". ").endswith(m.group(1)) and OUTLET_WORDS.search(m.group(1)):
            name = _strip_article(m.group(1))
            return SourceRef(name, "outlet", "according to")
    return None


def detect_editor(text: str) -> str | None:
    """ "This article was edited by The Syrian Observer" -> "The Syrian Observer"."""
    m = _EDITED.search(text)
    return m.group(1).rstrip(".") if m else None


def outlet_chain(
    outlet: str | None, editor: str | None, relay: SourceRef | None
) -> list[SourceRef]:
    """The hops every claim in the article starts with: outlet, editor, relay."""
    chain: list[SourceRef] = []
    if outlet:
        chain.append(SourceRef(outlet, "outlet"))
    if editor and (not outlet or fold(editor) != fold(outlet)):
        chain.append(SourceRef(editor, "outlet", "edited by"))
    if relay and all(fold(relay.name) != fold(r.name) for r in chain):
        chain.append(relay)
    return chain


def join_chain(head: list[SourceRef], tail: list[SourceRef]) -> list[SourceRef]:
    """``head`` then ``tail`` without repeating a hop (the relay named again)."""
    out = list(head)
    for ref in tail:
        if out and fold(out[-1].name) == fold(ref.name):
            continue
        if any(fold(r.name) == fold(ref.name) for r in out):
            # The same source again later in the chain: cut the loop.
            idx = next(i for i, r in enumerate(out) if fold(r.name) == fold(ref.name))
            out = out[: idx + 1]
            continue
        out.append(ref)
    return out


__all__ = [
    "ArticleState",
    "Attribution",
    "classify",
    "detect_editor",
    "detect_relay",
    "find_attributions",
    "join_chain",
    "outlet_chain",
    "source_kind",
]
