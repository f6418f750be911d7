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
* A document named by its author has the author as source: "UN figures
  show", "figures released by X", "data compiled by X", "a poll by X",
  "according to “Title”, a report by X" (``_documents_by``,
  ``_document_author``, ``_TITLE_AFTER``). Round-up quotations ("Name,
  Outlet: “...”") are the speaker's, through the outlet named.
* Whoever rejects or dismisses a figure ("officials rejected the figure of
  40,000", "dismissed reports that ...") speaks of it (the hedges module
  makes it a denial); "rejected a bill" speaks of nothing (``_DISPUTED_AFTER``).
* Names keep what joins them: "Al Arabiya" its "Al", "the Armed Conflict
  Location & Event Data Project" and "the Ministry of Labour and Social
  Affairs" their "&" and "and" (after "the" only: "Reuters and AFP" are
  two), "the Islamic Resistance in Iraq" its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from provenance.extract.hedges import DISPUTED_OBJECTS
from provenance.extract.scanning import matches_at, trie_pattern
from provenance.extract.subjects import GROUP_WORDS, NATIONALITIES, group_mentions
from provenance.model import SourceRef
from provenance.names import acronyms, fold

VERBS = (
    "said|says|say|reported|reports|report|estimated|estimates|estimate|revealed|reveals|"
    "confirmed|confirms|told|tells|added|adds|stated|states|claimed|claims|noted|notes|"
    "announced|announces|wrote|writes|explained|indicated|insisted|denied|denies|"
    "warned|acknowledged|admitted|documented|recorded|counted|put|puts|showed|shows|"
    "quoted|cited|show|found|finds|boasted|boasts|lamented|conceded|concedes|argued|argues|"
    "asserted|asserts|predicted|predicts|concluded|concludes|uncovered|calculated|calculates|"
    "tallied|rejected|rejects|dismissed|dismisses"
)


# "rejected the figure of 40,000", "dismissed reports that ...": a source
# disputing a figure speaks of it.
_DISPUTED_AFTER = re.compile(
    rf"\s+(?:the\s+|as\s+)?(?:[\w’'\-]+\s+){{0,2}}?(?:{DISPUTED_OBJECTS}|suggestions?)\b"
)
_VERB_RE = re.compile(rf"\b({trie_pattern(VERBS.split('|'))})\b")
_ACCORDING = re.compile(r"\b(?:[Aa]ccording to|as (?:reported|stated|announced) by)\s+")


def _has_as_by(sentence: str) -> bool:
    """Whether "as reported / stated / announced by" can occur (cheap substring tests)."""
    return (
        "as reported by" in sentence or "as stated by" in sentence or "as announced by" in sentence
    )


_TOKEN = re.compile(r"\w(?:[\w’'\-]|\.(?=\w))*|[^\w\s]")

UNNAMED_HEADS = {
    "workers",
    "elders",
    "doctors",
    "medics",
    "officials",
    "diplomats",
    "reports",
    "sources",
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
    "analysts",
    "experts",
    "economists",
    "strategists",
    "lawmakers",
    "legislators",
    "lobbyists",
    "advocates",
    "supporters",
    "critics",
    "aides",
    "advisers",
    "investigators",
    "prosecutors",
    "respondents",
    "authorities",
    "rebels",
    "militants",
    "insurgents",
    "relatives",
    "families",
    "parents",
    "villagers",
    "survivors",
    "defectors",
    # plurals of the anonymous heads: "two members said", "commanders told AFP"
    "members",
    "fighters",
    "militiamen",
    "commanders",
    "soldiers",
    "officers",
    "clerics",
    "recruiters",
    "smugglers",
    "lawyers",
    "researchers",
    "insiders",
    "employees",
    "negotiators",
    "spokesmen",
    "leaders",
}
ANON_HEADS = {
    "recruiter",
    "smuggler",
    "relative",
    "cleric",
    "researcher",
    "doctor",
    "medic",
    "elder",
    "journalist",
    "lawyer",
    "soldier",
    "lawmaker",
    "legislator",
    "representative",
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
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "source",
    "investigator",
    "strategist",
    "economist",
    "lobbyist",
    "prosecutor",
    "negotiator",
    "employee",
    "governor",
    "mayor",
    "director",
    "chief",
    "general",
}
# "The Observatory's tally was 210", "the ministry's own count stood at 40":
# a source's figure, without a reporting verb.
_FIGURE_WORDS = ("tally", "count", "estimate", "figure", "toll")  # a necessary word, tested first
_OWNED_FIGURE = re.compile(
    r"(?:^|(?<=[,;] ))(?P<owner>(?:[Tt]he\s+)?[A-Z][\w\-]*(?:\s+(?:(?:for|of)\s+)?[A-Z][\w\-]*)*"
    r"|[Tt]he\s+[a-z]+(?:\s+[a-z]+)?)"
    r"[’']s\s+(?:(?:own|latest|official|new|updated)\s+)?(?:death\s+)?"
    r"(?:tally|count|estimate|figures?|toll)\s+"
    r"(?:was|is|were|are|stood|stands|came|reached|rose|climbed|showed|shows|put)\b"
)
# What a follow-up's head word stands for in a name named before: "the
# (war) monitor", "the watchdog" -> the Syrian Observatory for Human Rights.
_HEAD_NAMES = {
    "monitor": ("monitor", "observatory", "watch", "monitoring"),
    "watchdog": ("watchdog", "observatory", "watch", "monitor", "monitoring"),
}
# The words "the militia said", "the group's figures" name the group the text is about by.
GROUP_HEADS = frozenset("militia group brigade faction movement".split())
_GROUP_OWN = re.compile(
    rf"^(?:[Ii]ts|[Tt]heir|[Tt]he\s+(?:{'|'.join(sorted(GROUP_HEADS))}|organi[sz]ation)[’']s)"
    r"\s+(?:own\s+)?(?:(?:19|20)\d\d\s+)?(?:[a-z]+\s+)?"
    r"(?:figures|website|statements?|budget|reports?|data|records|accounts|channels?|media"
    r"|count|tally|estimates?|statistics|documents|newsletter|magazine)$"
)
# Documents that are never the report named before: "the emails show" after
# "campaign finance records show" is other evidence, not those records.
_OWN_DOCUMENTS = frozenset({"email", "emails", "cables", "transcript", "transcripts"})
REPORT_HEADS = {
    "figures",
    "data",
    "statistics",
    "records",
    "findings",
    "estimates",
    "report",
    "statement",
    "study",
    "survey",
    "document",
    "investigation",
    "tally",
    "count",
    "analysis",
    "database",
    "poll",
    "polls",
    "polling",
    "forecast",
    "documents",
    "memo",
    "letter",
    "list",
    "filing",
    "filings",
    "returns",
    "numbers",
    *_OWN_DOCUMENTS,
}

# Words that may stand between "the" and a report word in a follow-up that
# refers back to a report named earlier ("the latest report said").
FOLLOW_UP_MODIFIERS = {
    "same", "latest", "new", "recent", "previous", "earlier", "last", "full", "monthly",
    "annual", "weekly", "quarterly", "updated", "final", "initial", "preliminary", "official",
}  # fmt: skip
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
    "campaign",
    "company",
    "administration",
    "broadcaster",
    "daily",
    "website",
    "board",
    "bank",
    "fund",
    "firm",
    "department",
    "court",
    "military",
    "coalition",
    "regime",
    "junta",
    "police",
    "embassy",
    "hospital",
    "authority",
    "opposition",
    "movement",
    "faction",
    "brigade",
    # "the civil defence said", "state television reported"
    "defence",
    "defense",
    "television",
    "radio",
}
# The follow-up words that can only mean a publisher: in a relayed article
# "the newspaper said" is the relay; "the ministry said" is not.
_MEDIA_HEADS = frozenset(
    {"outlet", "newspaper", "channel", "broadcaster", "daily", "website", "agency", "network",
     "television", "radio"}
)  # fmt: skip
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
# Determiners that say whose: "its commander", "their spokesman".
_OWNERS = frozenset({"its", "their"})
PRONOUNS = {"he": "person", "she": "person", "it": None, "they": None}

GOV_WORDS = re.compile(
    r"\b(ministry|minister|government|pentagon|department|presidency|cabinet|parliament|"
    r"embassy|kremlin|white house|state department|governor|authorities|mayor|president)\b",
    re.IGNORECASE,
)
OUTLET_WORDS = re.compile(
    r"\b(news|anadolu|times|post|press|tv|television|radio|journal|observer|al-awsat|reuters|"
    r"afp|ap|sputnik|tasnim|irna|fars|jazeera|al-monitor|telegraph|guardian|gazette|herald|"
    r"tribune|daily|newspaper|magazine|broadcaster|bbc|cnn|channel|asharq|enab|baladi|"
    # Broadcasters of the region, cited by their names alone.
    # SANA in capitals only: "Sana" is a given name, "Sana'a" a city.
    r"mayadeen|arabiya|manar|sumaria|hadath|ikhbariya|rudaw|kurdistan24|(?-i:SANA)|"
    r"(?-i:USA TODAY|USA Today|Russia Today|India Today))\b",
    re.IGNORECASE,
)
ORG_WORDS = re.compile(
    r"\b(observatory|organi[sz]ation|institute|network|council|committee|centre|center|"
    r"group|union|office|watch|amnesty|nations|un|brigade|forces|army|militia|monitor|"
    r"foundation|association|coalition|commission|party|movement|front|rights|fund|bank|"
    r"board|bureau|university|federation|campaign|administration|company|corporation|agency|"
    r"polls|polling|research|consult|consulting|associates|partners|analytics|strategies|guard|"
    r"command|directorate|authority|service|services|police|"
    # Organisations whose names hold none of those words, as conflict
    # reporting cites them ("Doctors Without Borders said", "Airwars counted").
    r"helmets|borders|frontières|crescent|airwars|bellingcat|acled|amaq|hamas|"
    r"islamic state|tahrir|islamic jihad|"  # not "jihad" alone: a given name
    r"civil defen[cs]e|save the children|red cross|"
    # UN agencies and aid bodies by their acronyms; WHO in capitals only.
    r"unicef|unhcr|unrwa|ocha|icrc|msf|iom|wfp|(?-i:WHO))\b",
    re.IGNORECASE,
)

_ARMED_GROUP_WORD = re.compile(rf"^(?:{GROUP_WORDS})$")
_RELAY = re.compile(r"\baccording to ((?:the )?[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|al|of|the))*)")
# The article's own editor or translator: "This article was edited by X", or a
# line that opens "Translated by X". Not any "compiled by" in the body: "data
# compiled by Airwars" or "a report prepared by the UN" name a source of one
# figure, not a hop every claim of the article came through.
_CREDIT_PIECE = r"(?:article|story|piece|text|translation|report) (?:was|has been|is) "
_CREDIT_VERB = r"(?:edited|translated|compiled|prepared)"
_EDITED = re.compile(
    rf"(?:\b[Tt]his {_CREDIT_PIECE}(?:{_CREDIT_VERB} and )?"
    # a short line of its own (a credit, not a body sentence that opens "Compiled by ...")
    r"|^[ \t]*(?=[^\n]{0,100}$)(?:(?:Edited|Translated|Compiled|Prepared) and )?)"
    r"(?:[Ee]dited|[Tt]ranslated|[Cc]ompiled|[Pp]repared) by "
    r"((?:[Tt]he )?[A-Z][\w’'\-]*(?:[ \t]+[A-Z][\w’'\-]*)*)",
    re.MULTILINE,
)
# A whole line that is such a credit (the pipeline reads no figures from it),
# whatever the case and whoever is named.
CREDIT_LINE = re.compile(
    rf"^\s*(?:this {_CREDIT_PIECE}|(?=[^\n]{{0,100}}$))(?:{_CREDIT_VERB} and )?{_CREDIT_VERB} by\b",
    re.IGNORECASE,
)

_REPORT_WORD = re.compile(r"\b(?:its|their|a|the|latest|new|recent) (?:\w+ )?report\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|being)$")
_PASSIVE_AFTER = re.compile(r"\s+(?:to be|to have)\b")
# "estimated at 50,000", "put the toll at 30": a figure, not a source speaking;
# "said at a rally" is a source speaking.
_AT_VERBS = frozenset("estimated estimates estimate put puts counted".split())
_AT_AFTER = re.compile(r"\s+at\b")


_APPOSITIVE_HINT = re.compile(r",\s+(?:a|an|the)\s+[a-z]")
_PERSON_APPOSITIVE = re.compile(
    r"(?P<name>[A-Z][\w’'\-]+(?:\s+(?:(?:al|el|bin|ibn|abu)-?)?[A-Z]?[\w’'\-]+){1,3}),\s+(?:a|an|the)\s+[a-z]"
)
_ORG_HINT = re.compile(
    r"Observatory|Ministry|Agency|Forum|Institute|Network|Council|Committee|Centre|Center|"
    r"Tracker|Monitor|Watch|Commission|Office|News|Post|Times|Dispatch|Project|Group|Foundation"
)
_NAMED_ORG = re.compile(
    r"(?:[A-Z][\w’'\-]*\s+(?:(?:for|of|on|and)\s+)?)*"
    r"(?:Observatory|Ministry|Agency|Forum|Institute|Network|Council|Committee|Centre|Center|"
    r"Tracker|Monitor|Watch|Commission|Office|News|Post|Times|Dispatch|Project|Group|Foundation)"
    r"(?:\s+(?:for|of|on)\s+[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)?"
)


_CAPITAL = re.compile(r"[A-Z]")


def named_orgs(text: str) -> Iterator[re.Match[str]]:
    """``_NAMED_ORG.finditer(text)``, tried only at capitals.

    Every match begins with a capital (a name's first word or the
    organisation word itself); the pattern opens with a repeated group, so
    the engine would otherwise try it at every position.
    """
    starts = [m.start() for m in _CAPITAL.finditer(text)]
    return matches_at(_NAMED_ORG, text, starts, 0, len(text))


def source_kind(name: str) -> str:
    """A guess at a named source's kind from its words."""
    if OUTLET_WORDS.search(name):
        return "outlet"
    if GOV_WORDS.search(name):
        return "government"
    if ORG_WORDS.search(name):
        return "organisation"
    words = name.split()
    if any(_ARMED_GROUP_WORD.match(w) for w in words):
        return "organisation"  # "Hezbollah", "Kataib Hezbollah", "the Houthis" (subjects' words)
    if 2 <= len(words) <= 4 and all(_namey(w) for w in words) and words[0][:1].isupper():
        return "person"
    if len(words) == 1 and not name.isupper() and len(name) > 3:
        return "person"
    return "organisation"


def _strip_article(phrase: str) -> str:
    words = phrase.split()
    while words and (words[0].lower() in {"the", "a", "an"} or _BASED.match(words[0])):
        words = words[1:]
    return " ".join(words)


def _lower_first(phrase: str) -> str:
    # "Local sources" -> "local sources", "A new poll" -> "a new poll"; an
    # acronym ("UN sources") stays.
    return phrase if phrase[1:2].isupper() else phrase[:1].lower() + phrase[1:]


@dataclass
class Known:
    ref: SourceRef
    chain: list[SourceRef]
    # The folded name, its words and its acronyms, computed once: lookups
    # compare them against every earlier source of the article.
    key: str = field(init=False)
    words: list[str] = field(init=False)
    abbrevs: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.key = fold(self.ref.name)
        self.words = self.key.split()
        self.abbrevs = acronyms(self.ref.name)


@dataclass
class ArticleState:
    """What earlier sentences said about sources, for follow-ups."""

    known: list[Known] = field(default_factory=list)
    last_report: list[SourceRef] | None = None
    last_person: list[SourceRef] | None = None
    last_chain: list[SourceRef] | None = None
    # Organisations named in passing ("The Britain-based Syrian Observatory
    # for Human Rights has tracked..."), for later "the Observatory said".
    mentioned: list[Known] = field(default_factory=list)
    # The relay stated for the whole article: what "the newspaper said" or
    # "the monitor said" refers to when no such source was named before.
    relay: SourceRef | None = None
    # The group the text is about when the line began (the subjects' topic):
    # what "the militia said" stands for when no source was named so.
    topic: str | None = None
    # The sentence being read: "according to its 2024 budget" in a sentence
    # that names the group is the group's own word.
    sentence: str = ""
    # What "it said" can stand for: the latest source that is neither a
    # person nor a plural ("officials", "Leading Democratic strategists").
    last_thing: list[SourceRef] | None = None
    # Surnames written with a gendered title ("Mr. Shields", "Mrs. Clinton"),
    # in order, as (gender, folded, as written): what "she said" cannot be,
    # and whom it can.
    titled: list[tuple[str, str, str]] = field(default_factory=list)

    def note_names(self, text: str) -> None:
        if ", " in text and _APPOSITIVE_HINT.search(text):
            self._note_persons(text)
        if not _ORG_HINT.search(text):
            return
        self._note_orgs(text)

    def _note_persons(self, text: str) -> None:
        for m in _PERSON_APPOSITIVE.finditer(text):
            name = m.group("name")
            if source_kind(name) == "person":
                ref = SourceRef(name, "person")
                self.mentioned.append(Known(ref, [ref]))

    def _note_orgs(self, text: str) -> None:
        for m in named_orgs(text):
            name = _strip_article(m.group().strip())
            words = name.split()
            while words and words[-1] in _WEEKDAY_WORDS:
                words.pop()  # "the Observatory Tuesday said": the day is not in the name
            name = " ".join(words)
            key = fold(name)
            if len(words) >= 2 and not any(k.key == key for k in self.mentioned[-20:]):
                ref = SourceRef(name, source_kind(name))
                self.mentioned.append(Known(ref, [ref]))

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
        elif _can_be_it(chain[-1]):
            self.last_thing = list(chain)

    def note_titles(self, text: str) -> None:
        for m in _GENDERED_TITLE.finditer(text):
            self.titled.append((_TITLE_GENDER[m.group(1)], fold(m.group(2)), m.group(2)))

    def person_for(self, pronoun: str) -> list[SourceRef] | None:
        """What "he" or "she" stands for: the latest person source, unless a
        title says that person is the other gender ("Mr. Shields said ...
        “...,” she said"); then the latest person of that gender, a source or
        named with a title ("Mrs. Clinton, telling reporters ..."), else none."""
        gender = "f" if pronoun == "she" else "m"
        genders = {name: g for g, name, _ in self.titled}
        last = self.last_person
        if last is None or genders.get(_surname(last[-1].name), gender) == gender:
            return list(last) if last is not None else None
        for known in reversed(self.known):
            if known.ref.kind == "person" and genders.get(_surname(known.ref.name)) == gender:
                return list(known.chain)
        for g, name, written in reversed(self.titled):
            if g == gender:
                earlier = self.lookup(name)
                if earlier and earlier[-1].kind == "person":
                    return list(earlier)
                return [SourceRef(written, "person")]
        return None

    def lookup(self, phrase: str) -> list[SourceRef] | None:
        """An earlier source that ``phrase`` refers back to ("the Observatory", "Khaji")."""
        key = fold(phrase)
        if not key:
            return None
        words = [w for w in key.split() if w not in {"sources", "source", "s"}]
        squeezed = key.replace(" ", "")
        for known in reversed(self.known):
            if key == known.key or squeezed in known.abbrevs:
                return known.chain
        if not words:
            return None
        for known in [*reversed(self.known), *reversed(self.mentioned)]:
            if known.ref.kind == "unnamed":
                continue
            name_words = known.words
            if known.ref.kind == "anonymous" and name_words[-1] not in words:
                continue  # "Dow" is not "a Dow spokeswoman"; "the Iraqi official" is
            if all(w in name_words for w in words):
                return known.chain
            if len(words) == 1 and words[0] in known.abbrevs:
                return known.chain
        return None


_GENDERED_TITLE = re.compile(r"\b(Mrs|Mr|Ms|Miss)\.? ((?:(?:al|el)-)?[A-Z][\w’'\-]+)")
_TITLE_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}


def _surname(name: str) -> str:
    return fold(name).rsplit(" ", 1)[-1]


def _can_be_it(ref: SourceRef) -> bool:
    """Whether "it" can refer to this source: not a person, not a plural."""
    if ref.kind in ("person", "anonymous"):
        return False
    last = ref.name.split()[-1] if ref.name.split() else ""
    return not (last[:1].islower() and last.endswith("s") and not last.endswith("ss"))


_LOOKBACK = 240  # characters: every backwards walk and anchored pattern stays inside it


def _words_before(sentence: str, end: int, lookback: int = _LOOKBACK) -> list[re.Match[str]]:
    # The walk stops at the first word that is not part of a source phrase, so
    # it only ever needs the last few dozen tokens: tokenising the whole
    # sentence head per verb made long sentences quadratic.
    start = max(0, end - lookback)
    if start:
        space = sentence.find(" ", start, end)
        start = space + 1 if space >= 0 else start
    return list(_TOKEN.finditer(sentence, start, end))


# The walk back from a verb mostly stops within a few words: it first reads
# the tokens of the last ``_SHORT_LOOKBACK`` characters, and the whole
# ``_LOOKBACK`` window only when the walk runs through all of them. A token
# never holds whitespace, so the tokens after a space are the same whichever
# earlier point the tokenising starts from: the short window's tokens are the
# tail of the long window's, and a walk that stops inside them stops at the
# same token.
_SHORT_LOOKBACK = 60


_WEEKDAY_WORDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
STOP_BEFORE = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "of",
    "in",
    "on",
    "at",
    "to",
    "by",
    "for",
    "with",
    "from",
    "said",
    "says",
    "told",
    "month",
    "week",
    "year",
    "last",
    "this",
    "unconfirmed",
    "unverified",
    "some",
    "also",
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
}


_TIME_WORDS = frozenset(
    "week month year weekend morning afternoon evening night yesterday today tonight".split()
    + [day.lower() for day in _WEEKDAY_WORDS]
)
_TIME_BEFORE = re.compile(
    r"(?:,\s*|\s+)(?:(?:on|in|during|over)\s+)?(?:(?:earlier|later|late|early)\s+)?"
    r"(?:(?:this|last|that|on|the\s+same|the\s+previous)\s+)?(?:"
    # Days written either way ("[Mm]onday"); the other words in lowercase.
    + "|".join(
        f"[{w[0].upper()}{w[0]}]{w[1:]}" if w.capitalize() in _WEEKDAY_WORDS else w
        for w in sorted(_TIME_WORDS)
    )
    + r")(?:\s+(?:morning|afternoon|evening|night))?,?\s*$"
)
_DOCUMENT_VERB_BEFORE = re.compile(r"\s+(?:published|released|issued|conducted|out)\s*$")


def _skip_time_before(sentence: str, verb_start: int) -> int:
    """Where the source phrase before a reporting verb ends, past a time phrase
    between them: "The IMF this week said", "A poll published on Sunday showed"
    -> the end of "The IMF", of "A poll"."""
    head = sentence[max(0, verb_start - 60) : verb_start]
    words = head.split()
    if not words or words[-1].rstrip(",").lower() not in _TIME_WORDS:
        return verb_start
    m = _TIME_BEFORE.search(head)
    if m is None or m.start() == 0:
        return verb_start
    end = m.start()
    d = _DOCUMENT_VERB_BEFORE.search(head, 0, end)
    if d is not None:
        end = d.start()
    return verb_start - len(head) + end


def _phrase_before(sentence: str, verb_start: int) -> str | None:
    """The noun phrase that ends right before a reporting verb, walking backwards."""
    # Every pattern here is anchored at the verb: look at a short tail only.
    head_text = _drop_trailing_aux(sentence[max(0, verb_start - 160) : verb_start], " ")
    tail = head_text
    shaped = _ANON_SHAPE.search(tail) if _ANON_HINT.search(tail) else None
    if shaped:
        return shaped.group().strip()
    document = _document_before(tail)
    if document:
        return document
    found = _walk_before(sentence, verb_start)
    if found is None:
        definite = _DEFINITE.search(head_text)
        if definite:
            return definite.group().strip()
    return found


_CLAUSE_CUT = re.compile(r"[,;:“”\"()\u2014]")


def _document_before(tail: str) -> str | None:
    """A document phrase ending right before the verb: "Federal Election
    Commission records", "new government data", "the center's data", "a new
    analysis" — up to four words back, stopping after an article or before a
    function word, never across a comma."""
    words = _CLAUSE_CUT.split(tail)[-1].split()
    if not words or words[-1].lower() not in REPORT_HEADS:
        return None
    picked = [words[-1]]
    for word in reversed(words[:-1]):
        low = word.lower()
        if low in ("the", "a", "an"):
            picked.append(word)
            break
        if low in STOP_BEFORE or low in _AUX or not word[:1].isalpha() or len(picked) >= 5:
            break
        picked.append(word)
    if len(picked) == 1 and words[-1].lower() in ("count", "poll", "polls"):
        return None  # a bare "list" or "count" before a verb is rarely a source
    return " ".join(reversed(picked))


_THE_INSIDE = frozenset({"of", "Save"})
# An acronym in brackets after a name: "(SOHR)", "(OCHA)", "(UNICEF)", "(MoD)".
_ACRONYM = re.compile(r"[A-Z][A-Za-z.&\-]*[A-Z]")


def _picked_before(toks: list[re.Match[str]], whole: bool) -> list[re.Match[str]] | None:
    """The tokens of the source phrase, last first, walking back over ``toks``.

    None when the walk runs through every token and ``toks`` is not ``whole``
    (the window may have cut the phrase: read a longer one).
    """
    while toks and toks[-1].group().lower() in _AUX:
        toks.pop()  # "X has documented", "X also said"
    if (
        len(toks) > 3
        and toks[-1].group() == ")"
        and toks[-3].group() == "("
        and _ACRONYM.fullmatch(toks[-2].group())
    ):
        # "the Syrian Observatory for Human Rights (SOHR) said": the name,
        # past the acronym in brackets after it.
        del toks[-3:]
    picked: list[re.Match[str]] = []
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        w = tok.group()
        lw = w.lower()
        if not w[0].isalnum():
            if w in "’'" and picked:
                continue
            if w == "&" and picked and i and _namey(toks[i - 1].group()):
                picked.append(tok)  # "the Armed Conflict Location & Event Data Project"
                continue
            break
        if _namey(w):
            picked.append(tok)
            continue
        if lw in ARTICLES:
            picked.append(tok)
            if lw == "the" and picked[0] is not tok:
                if not i and not whole:
                    return None  # the word before "the" may lie outside the window
                if i and toks[i - 1].group() in _THE_INSIDE:
                    continue  # "Friends of the Earth", "Save the Children": inside the name
                if i > 1 and toks[i - 1].group() == "for" and toks[i - 2].group()[:1].isupper():
                    continue  # "the UN Office for the Coordination of ...", "Institute for the Study of War"
                if i > 1 and toks[i - 1].group() == "in" and toks[i - 2].group() == "Resistance":
                    continue  # "the Islamic Resistance in the Arabian Peninsula"
            break
        if lw == "in" and picked and i and toks[i - 1].group() == "Resistance":
            picked.append(tok)  # "the Islamic Resistance in Iraq said"
            continue
        if lw in SOURCE_DESCRIPTORS or (lw in CONNECTORS and picked):
            picked.append(tok)
            continue
        if lw in PRONOUNS and not picked:
            picked.append(tok)
            break
        if (
            lw in _OWNERS
            and picked
            and picked[0] is picked[-1]
            and picked[0].group().lower() in ANON_HEADS
        ):
            picked.append(tok)  # "its commander said": the group's, unnamed
            break
        break
    else:
        if not whole:
            return None
    return picked


# "Al Arabiya", "El Watan": the article of an Arabic name opens it.
_NAME_OPENERS = frozenset({"Al", "El"})


def _walk_before(sentence: str, verb_start: int) -> str | None:
    picked = None
    if verb_start > _SHORT_LOOKBACK and " " in sentence[verb_start - _SHORT_LOOKBACK : verb_start]:
        picked = _picked_before(_words_before(sentence, verb_start, _SHORT_LOOKBACK), False)
    if picked is None:
        picked = _picked_before(_words_before(sentence, verb_start), True)
    while picked and (
        (
            picked[-1].group().lower() in CONNECTORS - {"the"}
            and picked[-1].group() not in _NAME_OPENERS
        )
        or picked[-1].group() in _OPENING_WORDS  # "When top aide Douglas Band wrote"
    ):
        picked.pop()
    while picked and picked[0].group() in _WEEKDAY_WORDS:
        picked.pop(0)  # "the ministry on Monday said"
        while picked and picked[0].group().lower() in ("on", "last", "this"):
            picked.pop(0)
    if not picked:
        return None
    start = picked[-1].start()
    end = picked[0].end()
    # "a source close to the group", "a commander in the Syrian Democratic Forces"
    # _EXTEND_BEFORE ends in "<preposition> " right at ``start``: test that
    # cheaply before running the long alternation.
    ext = (
        _EXTEND_BEFORE.search(sentence, max(0, start - _LOOKBACK), start)
        if start
        and sentence[start - 1].isspace()
        and _PREP_END.search(sentence[:start].rstrip()[-10:])
        else None
    )
    if ext:
        start = ext.start()
    else:
        # "aid workers", "tribal elders": one or two plain words before a plural head
        phrase = sentence[start:end].split()
        if len(phrase) == 1 and phrase[0][:1].islower() and _is_head(phrase[0]):
            # "the health ministry", "a hospital official": plain modifiers
            # between an article and the head word.
            lead = _ARTICLE_AND_MODIFIERS.search(sentence, max(0, start - 40), start)
            nation = lead.group("nation") if lead else None
            if (
                lead
                and not any(w in STOP_BEFORE or w in _AUX for w in lead.group(2).lower().split())
                and (
                    nation is None
                    or nation.lower() in NATIONALITIES
                    or _NATION_ENDING.search(nation) is not None
                )
            ):
                return sentence[lead.start() : end]
        if phrase[0].lower() in _PLURAL_HEADS and len(phrase) == 1:
            extra = 0
            for w in reversed(sentence[:start].split()):
                if w[:1].islower() and w.isalpha() and w.lower() not in STOP_BEFORE and extra < 2:
                    extra += 1
                    continue
                break
            if extra:
                pos = start
                for _ in range(extra):
                    pos = sentence.rindex(" ", 0, pos - 1) + 1 if " " in sentence[: pos - 1] else 0
                start = pos
    if _DIGIT_BEFORE.search(sentence, max(0, start - 3), start) and (
        sentence[start:end].split()[0].lower() in _COUNTED_HEADS
    ):
        return None  # "has 102 fighters in Raqqa, ... said": the figure's noun, not a speaker
    return sentence[start:end]


# Plural heads that figures count: after a number in digits they are what the
# figure counts, not who speaks ("two members said" is read; "300 fighters" is not).
_COUNTED_HEADS = frozenset(
    {"members", "fighters", "militiamen", "commanders", "soldiers", "officers", "recruits"}
)
_DIGIT_BEFORE = re.compile(r"\d\s+$")


_STOP_AFTER = {
    "that",
    "who",
    "whom",
    "which",
    "as",
    "when",
    "while",
    "after",
    "before",
    "last",
    "this",
    "earlier",
    "citing",
    "said",
    "says",
    "told",
    "added",
    "on",
    "because",
    "but",
    "and",
    "or",
    "if",
    "since",
    "where",
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
}
_PREPS = {"in", "for", "from", "of", "at", "with", "within", "among", "close", "to", "by", "inside"}
_SOFT_TRAIL = (
    CONNECTORS | ARTICLES | _PREPS | {"published", "released", "compiled", "’", "'", "same"}
)


_PARTICLE = re.compile(
    r"^(?:al|el|ad|an|ar|as|ash|az|ez|es|ed|ul|bin|ibn|bint|abu|de|van|von)(?:-|$)", re.IGNORECASE
)


def _namey(word: str) -> bool:
    """Capitalised, or a name particle ("al-Harbi", "bin")."""
    return word[:1].isupper() or (bool(_PARTICLE.match(word)) and "-" in word)


def _is_head(word: str) -> bool:
    lw = word.lower()
    return lw in UNNAMED_HEADS or lw in ANON_HEADS or lw in REPORT_HEADS or lw in FOLLOW_HEADS


# Titles written with a period before a name ("Sen. Ben Sasse", "Mr. Kelly").
_TITLES = frozenset(
    "Mr Mrs Ms Dr Rep Reps Sen Sens Gov Gen Gens Lt Col Sgt Capt Cmdr Adm Maj Prof Rev Hon "
    "Pres St".split()
)


def _phrase_after(sentence: str, start: int) -> str | None:
    """The source phrase after "according to" or an inverted "said".

    Permissive on purpose: it takes up to a dozen words to the next clause
    boundary, then trims back to the last capitalised word or source head
    noun ("a provincial council member who asked..." -> "a provincial council
    member"; "reports circulating online" -> "reports").
    """
    picked: list[re.Match[str]] = []
    for tok in _TOKEN.finditer(sentence, start):
        w = tok.group()
        lw = w.lower()
        if not w[0].isalnum():
            if w in "’'" and picked:
                picked.append(tok)
                continue
            if w == "." and picked and picked[-1].group() in _TITLES:
                continue  # "said Sen. Ben Sasse": the title's period ends nothing
            if (
                w == "&"
                and picked
                and picked[-1].group()[:1].isupper()
                and sentence[tok.end() + 1 : tok.end() + 2].isupper()
            ):
                picked.append(tok)  # "the Armed Conflict Location & Event Data Project"
                continue
            break
        if w[0].isdigit() and not (
            len(w) == 4 and picked and picked[-1].group().lower().endswith(("its", "their", "s"))
        ):
            break  # a figure ends the phrase, not the year of "its 2024 budget"
        if (
            lw == "and"
            and picked
            and picked[0].group() in ("the", "The")
            and picked[-1].group()[:1].isupper()
            and sentence[tok.end() + 1 : tok.end() + 2].isupper()
        ):
            # "the Armed Conflict Location and Event Data Project": one name
            # ("Reuters and AFP", "the Pentagon and the State Department" are two).
            picked.append(tok)
            continue
        if picked and (lw in _STOP_AFTER or lw in _STOP_VERBS):
            break  # "data compiled by the X Group shows ...": the verb ends the name
        if lw in _PREPS and lw not in ("close", "to") and picked:
            last = picked[-1].group()
            if not (
                _is_head(last)
                or last[:1].isupper()
                or last.lower() in ("close", "compiled", "published", "released")
            ):
                break
        if len(picked) >= 12:
            break
        picked.append(tok)
    whole = list(picked)
    if whole and whole[0].group().lower() in ("its", "their", "the"):
        text = sentence[whole[0].start() : whole[-1].end()]
        if _GROUP_OWN.match(text):
            return text  # "its 2024 budget", "their own figures"
    while picked and not (_namey(picked[-1].group()) or _is_head(picked[-1].group())):
        picked.pop()
    if not picked:
        return None
    rest = [t.group() for t in whole[len(picked) :]]
    if (
        rest
        and rest[0] == "of"
        and 2 <= len(rest) <= 3
        and _is_head(picked[-1].group())
        and all(w.isalpha() and w.islower() for w in rest)
    ):
        picked = whole  # "relatives of recruits", "families of the fighters"
    return sentence[picked[0].start() : picked[-1].end()]


_HEADS_ALT = "|".join(sorted(UNNAMED_HEADS | ANON_HEADS, key=len, reverse=True))
_EXTEND_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|one|two|three|some|several|many)\s+)?(?:[a-z][\w’'\-]*\s+){0,2}?"
    rf"(?:{_HEADS_ALT})\s+(?:close to|in|from|for|with|at|of|within|inside|among)\s+$",
    re.IGNORECASE,
)
_PREP_END = re.compile(r"\s(?:close to|in|from|for|with|at|of|within|inside|among)$", re.IGNORECASE)
_ANON_SHAPE = re.compile(
    r"(?<![\w-])(?:a|an|one|two|three|some|several)\s+(?:[a-z][\w’'\-]*\s+){0,3}?"
    rf"(?:{_HEADS_ALT})"
    r"(?:\s+(?:close to|in|from|for|with|at|of|within|inside|among)\s+(?:the\s+)?(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+)?\s*$"
)
_ANON_HINT = re.compile(r"(?<![\w-])(?:a|an|one|two|three|some|several)\s", re.IGNORECASE)
_DEFINITE = re.compile(r"(?<![\w-])(?:the|this|that)\s+(?:same\s+)?[a-z][\w\-]*\s*$")
# Auxiliaries and adverbs that stand between a source and its verb ("X has
# documented", "the broadcaster initially reported", "some of her supporters
# privately noted"): the walk back from the verb starts before them. Not
# words that are adjectives as often ("first", "once": "the first report").
_AUX = frozenset(
    "has have had also previously earlier recently now further then later initially "
    "again privately publicly repeatedly especially separately subsequently originally "
    "officially openly reportedly immediately already still too meanwhile itself themselves himself "
    "herself".split()
)
_TRAILING_AUX = re.compile(rf"(?:\s+(?:{'|'.join(sorted(_AUX))}))+\s*$")
_AUX_ENDINGS = tuple(_AUX)
_ARTICLE_AND_MODIFIERS = re.compile(
    # "the health ministry", "a hospital official", and a possessive name in
    # the article's place: "Lebanon's health ministry".
    # A nationality may follow the article: "the Iraqi interior ministry".
    r"(?:(?<![\w-])(?:[Tt]he|[Aa]n?)(?:\s+(?P<nation>[A-Z][a-z]+))?|(?<![\w-])[A-Z][\w\-]+['’]s)"
    r"\s+((?:[a-z]+(?:['’]s)?\s+){1,2})$"
)
# Nationalities the lists do not hold, by their endings: "Sudanese",
# "Somali", "Malian", "Congolese", "Nigerien".
_NATION_ENDING = re.compile(r"(?:ese|ian|an|i|en|ish)$")
_PLURAL_HEADS = frozenset(UNNAMED_HEADS | {"workers", "elders", "doctors", "medics", "officials"})


def _drop_trailing_aux(text: str, repl: str) -> str:
    """``_TRAILING_AUX.sub(repl, text)``, tried only when it can match: the
    pattern ends at the text's end (whitespace aside) with an auxiliary."""
    if not text.rstrip().endswith(_AUX_ENDINGS):
        return text
    return _TRAILING_AUX.sub(repl, text)


# classify's patterns, compiled once (they were built per call).
_HEAD_WITH_PREP = re.compile(
    r"^(?:(?:a|an|one|two|three|some|several|many|the)\s+)?(?:[\w’'\-]+\s+){0,3}?"
    rf"(?P<head>{_HEADS_ALT})\s+(?:close to|in|from|for|with|at|within|inside|among"
    r"|of(?=\s+(?:the\s+)?(?-i:[a-z]+(?:\s+[a-z]+)?)$))\s+\S",  # "relatives of recruits"
    re.IGNORECASE,
)
_REPORT_HEAD = re.compile(r"\b(?:report|reports)\b", re.IGNORECASE)
_BY_FROM_OF = re.compile(r"\b(?:by|from|of)\s+(.+)$")
_PARTY_WORDS = frozenset("democratic republican gop conservative labour liberal".split())
_OPENING_DESCRIPTORS = frozenset(
    "leading prominent veteran former longtime current most few rival".split()
)
_DEMONYM_END = re.compile(r"[a-z](?:ian|ese|ish|i)$")


def _describing(word: str, first: bool) -> bool:
    """A capital that describes rather than names: a nationality, a party, or
    an adjective capitalised only because it opens the sentence."""
    low = word.lower()
    return (
        low in NATIONALITIES
        or low in _PARTY_WORDS
        or bool(_DEMONYM_END.search(word))
        or (first and low in _OPENING_DESCRIPTORS)
    )


_DESCRIBED_NAME = re.compile(
    r"(?<!\S)(?P<what>agency|group|organi[sz]ation|body|charity|watchdog|monitor|network|outlet|"
    r"broadcaster|newspaper|channel|website|daily|weekly|movement|militia|faction|"
    r"think\s+tank|institute|consultancy)\s+"
    r"(?P<name>[A-Z][\w’'\-]*(?:\s+(?:(?:al|el|of|for|the)\s+)?[A-Z][\w’'\-]*){0,5})$"
)
_OUTLET_DESCRIPTIONS = frozenset(
    "outlet broadcaster newspaper channel website daily weekly".split()
)
_STATE_BODIES = frozenset(
    "military army navy police ministry government presidency embassy parliament cabinet "
    "authorities forces coalition regime junta".split()
)
# What a person has that speaks for itself: "Clinton's aides" are not Clinton.
_NOT_THEIR_VOICE = {
    **dict.fromkeys(
        "aides advisers advisors allies associates supporters friends lawyers attorneys "
        "officials staffers donors critics".split(),
        "unnamed",
    ),
    **dict.fromkeys(
        "aide adviser advisor ally associate lawyer attorney friend".split(), "anonymous"
    ),
    "campaign": "organisation",
}
_POSSESSIVE = re.compile(
    # Not the possessive inside a name: "the United Nations Children's Fund",
    # "the Kurdish People's Protection Units".
    r"^(.+?)[’'](?<!Children[’'])(?<!People[’'])(?<!Women[’'])s\s+(\w+(?:\s+\w+)?)$"
)
_VAGUE_LEAD = re.compile(
    r"^(?:unconfirmed|unverified|some|several|many|other)\s+(?:of\s+)?", re.IGNORECASE
)
_LOWER_LEAD = re.compile(r"^(?:[a-z][\w\-]*\s+)+(?=[A-Z])")
_BASED = re.compile(r"^[\w.]+-based$", re.IGNORECASE)
# A document and its author: "a report by X", "figures released by X", "data
# compiled by X", "a poll by X", "an investigation by X", "a statement from X".
# "from" only after the words that name a body's own output ("data from the
# ministry"), and only for a source that is not a lone name: "a report from
# Aleppo" is a dispatch from a place.
_DOC_PARTICIPLES = (
    "published|released|issued|compiled|gathered|collected|conducted|provided|cited|kept|"
    "obtained|prepared|commissioned|produced|put out|carried out|made public|seen|reviewed"
)
# Participles of a document that someone else wrote: "figures obtained by
# Reuters", "a letter seen by the BBC" -> Reuters -> the figures (unnamed).
_HELD_BY = re.compile(r"\s(?:obtained|seen|reviewed)\s+by\s+$")
# A plain lowercase author that ends its clause: "from the two agencies."
_PLAIN_AUTHOR = re.compile(r"(?:the\s+)?(?:[a-z]+\s+){0,2}[a-z]+(?=\s*(?:[,.;:]|$))")
_DOC_BY_HEADS = (
    "report|reports|statement|study|figures|figure|data|statistics|records|poll|polls|survey|"
    "analysis|investigation|estimates|estimate|tally|count|findings|assessment|audit|census|"
    "review|numbers|memo|letter|research|document|documents|emails|cables|files"
)
_DOC_FROM_HEADS = "statement|data|figures|statistics|numbers|estimates"
_REPORT_BY = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+){0,2}?)?"
    rf"\b(?:(?i:{_DOC_BY_HEADS})\s+(?:(?:{_DOC_PARTICIPLES})\s+)?(?P<by>by)"
    rf"|(?i:{_DOC_FROM_HEADS})\s+(?:(?:{_DOC_PARTICIPLES})\s+)?from)\s+"
)
_DOC_WORDS = frozenset(
    [
        *_DOC_BY_HEADS.split("|"),
        *_DOC_FROM_HEADS.split("|"),
        *_DOC_PARTICIPLES.replace(" ", "|").split("|"),
    ]
)


def _documents_by(sentence: str) -> list[re.Match[str]]:
    """``_REPORT_BY.finditer(sentence)``, tried only before a "by" or "from"
    that follows a document word or participle: the pattern opens with
    optional words, so the engine would otherwise try it at every position."""
    cues: list[int] = []
    for word in ("by", "from"):
        # str.find, not a regex: no pattern over the whole sentence per call.
        at = sentence.find(word, 1)
        while at >= 0:
            after = at + len(word)
            if sentence[at - 1].isspace() and sentence[after : after + 1].isspace():
                cues.append(at)
            at = sentence.find(word, after)
    out: list[re.Match[str]] = []
    end = 0
    for cue in sorted(cues):
        if cue < end:
            continue
        before = sentence[max(end, cue - 70) : cue].split()
        if not before or before[-1].lower() not in _DOC_WORDS:
            continue
        m = _REPORT_BY.search(sentence, max(end, cue - 70))
        while m is not None and m.end() <= cue:
            m = _REPORT_BY.search(sentence, m.end())
        if m is not None and m.start() <= cue:
            out.append(m)
            end = m.end()
    return out


_ON_ITS_OWN = re.compile(
    r"\s+(?:(?:posted|published|issued|released|put out|shared)\s+)?(?:on|via|in|through)\s+"
    r"(?:its|their)\s+(?:own\s+)?(?:official\s+)?(?:[A-Z]\w*\s+)?"
    r"(?:channel|website|site|account|page|feed|outlets?|media|newsletter|magazine)\b"
)
_CITING = re.compile(r"\b[Cc]iting\s+")
_INVERTED_REST = re.compile(
    # "(R-Neb.)" after a name; "who spoke on condition of anonymity"
    r"^(?:[.,;:!?”\"’'()]|(?:in|on|at|as|last|this|earlier|late|during|after|when|while|citing|who)\b)"
)


def _long_name(phrase: str) -> bool:
    """A long phrase that is one name: "the UN Office for the Coordination of
    Humanitarian Affairs" (capitalised words and the words that join them)."""
    return all(w[:1].isupper() or w in CONNECTORS or w in ARTICLES for w in phrase.split())


_REPORTISH = re.compile(r"\b(?:report|statement|study)\b")


def classify(
    phrase: str, state: ArticleState, *, speaker: bool = True
) -> tuple[list[SourceRef], bool] | None:
    """The chain (without outlet/relay) a source phrase stands for, and whether it is a report.

    ``speaker``: the phrase is the subject of a reporting verb (or follows
    "according to"), so "the official" with no official named before still
    stands for one. Not for the parts of a phrase ("the center" in "the
    center's data") or the recipient of "told".
    """
    phrase = phrase.strip(" ,.’'\"“”")
    if not phrase:
        return None
    described = _DESCRIBED_NAME.search(phrase) if " " in phrase else None
    if described:
        # "the UN children's agency UNICEF", "the monitoring group Airwars":
        # the description is not part of the name, and says its kind.
        name = described.group("name")
        earlier = state.lookup(name)
        if earlier:
            return list(earlier), False
        kind = source_kind(name)
        if kind == "person":
            kind = "outlet" if described.group("what") in _OUTLET_DESCRIPTIONS else "organisation"
        return [SourceRef(name, kind)], False
    own = _GROUP_OWN.match(phrase) if phrase[:3] in ("its", "Its", "the", "The") else None
    if own:
        # "according to its own figures", "the group's 2024 budget": the group
        # the sentence (or else the text) is about speaks for itself.
        groups = group_mentions(state.sentence) if state.sentence else []
        group = _strip_article(groups[0][2]) if groups else state.topic
        if group:
            return [SourceRef(group, "organisation")], True
    low = phrase.lower()
    words = low.split()
    m = _HEAD_WITH_PREP.match(phrase)
    if m and not _REPORT_HEAD.search(m.group("head")):
        head_word = m.group("head").lower()
        plural = head_word.endswith("s") and head_word not in ("spokesperson",)
        kind = "unnamed" if plural and words[0] not in ("a", "an", "one") else "anonymous"
        return [SourceRef(_lower_first(phrase), kind)], False
    # "a report by X", "a report published by X", "figures compiled by X"
    m = _BY_FROM_OF.search(phrase)
    if m and any(
        # A capitalised head past the first word is part of a name: "the
        # Institute for the Study of War" is not a study by War.
        w.lower() in REPORT_HEADS | {"report", "reports"} and (i == 0 or not w[:1].isupper())
        for i, w in enumerate(phrase[: m.start()].split())
    ):
        inner = classify(m.group(1), state, speaker=False)
        head_words = set(phrase[: m.start()].lower().split())
        if inner and not m.group().startswith("by") and inner[0][-1].kind == "person":
            # "a report from Aleppo": a place, not an author; the document is
            # the source, described.
            return [SourceRef(_lower_first(phrase), "unnamed")], True
        if inner:
            return _as_author(inner[0]), inner[1] or bool(head_words & REPORT_HEADS)
    # "X's report", "the Observatory's sources"
    m = _POSSESSIVE.match(phrase)
    if m:
        inner = classify(m.group(1), state, speaker=False)
        owned = m.group(2).split()[-1].lower()
        if (
            owned in GROUP_HEADS
            and m.group(2)[:1].isupper()
            and inner
            and inner[0][-1].kind == "person"
        ):
            # "Yemen's Houthi movement": a country's named group, not the country.
            return [SourceRef(m.group(2), "organisation")], False
        if inner and inner[0][-1].kind == "person" and owned in _STATE_BODIES:
            # "Israel's military", "Lebanon's health ministry": a state's body,
            # named as written (a country alone reads as a one-word person).
            return [SourceRef(phrase, "government")], False
        if inner and inner[0][-1].kind == "person" and owned in _NOT_THEIR_VOICE:
            # "Mrs. Clinton's aides noted", "Trump's campaign said": people or
            # a body around a person, not the person (a spokesman, an office
            # or a report of theirs is).
            kind = _NOT_THEIR_VOICE[owned]
            return [SourceRef(phrase, kind)], False
        if inner:
            return inner[0], m.group(2).lower() in REPORT_HEADS
        if speaker and m.group(2).split()[-1].lower() in ANON_HEADS:
            # "the group's spokesman said" with no group named as a source
            # before: someone unnamed who speaks for it.
            return [SourceRef(_lower_first(phrase), "anonymous")], False
        if speaker and m.group(2).split()[-1].lower() in UNNAMED_HEADS:
            # "the group's leaders say", "the militia's commanders said"
            return [SourceRef(_lower_first(phrase), "unnamed")], False
    head = words[-1]
    if words[0] in PRONOUNS and len(words) == 1:
        if words[0] in ("he", "she"):
            person = state.person_for(words[0])
            return (person, False) if person else None
        if words[0] == "it":
            return (list(state.last_thing), False) if state.last_thing else None
        if state.last_chain:
            return list(state.last_chain), False
        return None
    leading = phrase.split()[:-1]
    if leading and (
        leading[0].lower() in ARTICLES | SOURCE_DESCRIPTORS
        or (leading[0].lower() in _DOC_ADJECTIVES and len(leading) == 1)
    ):
        leading = leading[1:]  # "A new poll": the capital only starts the sentence
    if head in REPORT_HEADS and not any(w[:1].isupper() for w in leading):
        follow_up = (
            words[0] in ("the", "this", "that", "its", "their")
            and all(w in FOLLOW_UP_MODIFIERS for w in words[1:-1])
            and head not in _OWN_DOCUMENTS
        )
        if follow_up:  # "the report said", "the latest figures show"
            if state.last_report:
                return list(state.last_report), True
            if not speaker:
                return None
            # No document named before: in a relayed article, the relay's own
            # piece; else a document the article does not name, not the outlet.
            if state.relay is not None:
                return [state.relay], True
            return [SourceRef(_lower_first(phrase), "unnamed")], True
        # A document named by description, not by its author: "new government
        # data show", "campaign finance records", "the center's data".
        return [SourceRef(_lower_first(phrase), "unnamed")], True
    if head in REPORT_HEADS and phrase.split()[-1][:1].islower():
        # A document named by its author: "UN figures show", "new CNN polls",
        # "Federal Election Commission records": the author is the source.
        author = _document_author(phrase.split()[:-1])
        inner = classify(author, state, speaker=False) if author else None
        if inner:
            return _as_author(inner[0]), True
    # "Observatory sources", "the Observatory", "the monitor", "Khaji"
    stripped = _strip_article(phrase)
    bare = [w for w in stripped.split() if w.lower() not in {"sources", "source"}]
    capital = [w for w in stripped.split() if w[:1].isupper()]
    if (words[0] == "the" or head in {"sources", "source"} or len(capital) == 1) and bare:
        earlier = state.lookup(" ".join(bare))
        if earlier:
            return list(earlier), False
    if words[0] == "the" and not capital:
        # "the source", "the same source", "the forum", "the official": the
        # latest source whose name has that head word.
        stem = head.rstrip("s")
        targets = _HEAD_NAMES.get(stem, (stem,))
        for known in reversed(state.known + state.mentioned):
            name_words = [w.rstrip("s") for w in known.words]
            if any(t in name_words for t in targets):
                return list(known.chain), False
        if speaker and head in GROUP_HEADS and len(words) == 2 and state.topic:
            # "the militia said", "the group claims": the armed group the text
            # is about (the subjects' topic), speaking for itself.
            return [SourceRef(state.topic, "organisation")], False
        # None: "the company said", "the official said" with no company or
        # official named before stand for an unnamed one; a publisher's word
        # ("the newspaper", "the channel") in a relayed article, for the relay.
        if speaker and head in ANON_HEADS:
            return [SourceRef(_lower_first(phrase), "anonymous")], False
        if speaker and head in FOLLOW_HEADS:
            if state.relay is not None and head in _MEDIA_HEADS:
                return [state.relay], False
            return [SourceRef(_lower_first(phrase), "unnamed")], False
    # A capital that only starts the sentence ("Officials said", "Security
    # officials said") does not make a name.
    named = capital
    if capital and stripped.startswith(capital[0]) and capital[0].lower() in SOURCE_DESCRIPTORS:
        named = capital[1:]
    if named and head in UNNAMED_HEADS:
        # "Kurdish officials", "Leading Democratic strategists": capitals
        # that describe a plural of people do not name anyone.
        named = [w for w in named if not _describing(w, w is capital[0])]
    if (
        head in UNNAMED_HEADS
        and not named[:1]
        or head in UNNAMED_HEADS
        and words[0] not in ARTICLES
        and len(capital) <= 1
        and head in {"sources", "reports", "media", "activists"}
    ):
        plain = _VAGUE_LEAD.sub("", stripped)
        proper = plain[:1].isupper() and _describing(plain.split()[0], False)
        # "Syrian activists", "Democratic strategists" keep their capital.
        return [SourceRef(plain if proper else _lower_first(plain), "unnamed")], head == "reports"
    if head in ANON_HEADS and (
        words[0] in ARTICLES - {"the"} or words[0] in _OWNERS and len(words) == 2
    ):
        return [SourceRef(_lower_first(phrase), "anonymous")], False
    if not capital:
        return None
    name = stripped
    # A lowercase title before a name: "researcher Karim Haddad" -> the name.
    lead = _LOWER_LEAD.match(name)
    if lead and len(name[lead.end() :].split()) >= 2:
        name = name[lead.end() :]
    # A lowercase role between an affiliation and a name: "Clinton campaign
    # spokesman Brian Fallon", "Syrian army spokesman Ali Mayhoub" -> the name.
    role = _ROLE_NAME.search(name) if " " in name else None
    if role:
        name = role.group("name")
    # Capitalised titles stay: "Foreign Minister Ali Khaji" is kept whole.
    return [SourceRef(name, source_kind(name))], False


_ROLE_NAME = re.compile(
    r"(?<!\S)(?:spokesman|spokeswoman|spokesperson|aide|adviser|advisor|director|chairman|"
    r"chairwoman|secretary|official|commander|analyst|researcher|strategist|economist|lawyer|"
    r"attorney|manager|leader|chief|head|founder|president|pollster|consultant)\s+"
    r"(?P<name>[A-Z][\w’'\-]*\.?(?:\s+(?:(?:al|el|bin|ibn|abu)-?)?[A-Z][\w’'\-]*\.?){1,3})$"
)
# Capitalised only because they open the sentence: never the first word of a source.
_OPENING_WORDS = frozenset(
    "When If As After While Although Though But And So Since Because Before Once Then Yet "
    "Meanwhile However Until Unless Whether Where Why How What Also Even Now Still".split()
)


# A quoted title after "according to", and the author an apposition may name:
# "“The Shadow Army”, a report by Amnesty International".
_TITLE_AFTER = re.compile(
    r"[“\"](?P<title>[A-Z][^“”\"\n]{1,100}?)[,.]?[”\"]"
    r"(?:,?\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(?:book|report|study|memoir|biography|"
    r"documentary|film|paper|survey|analysis|article|column|essay)\b(?:[^,;.]{0,60}?)"
    r"\bby\s+(?:(?:author|journalist|historian|researcher|reporter)\s+)?"
    r"(?P<author>(?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|of|for|al|bin))*))?"
)


_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december".split()
)
_VERB_WORDS = frozenset(VERBS.split("|"))
# The reporting verbs that are never nouns: one ends a source phrase read
# forwards ("data compiled by the Khabur Monitoring Group shows ..."), while
# "report", "estimates" or "notes" may be its head ("according to the report").
_STOP_VERBS = _VERB_WORDS - {
    "report", "reports", "estimate", "estimates", "claims", "notes", "states", "show", "put",
    "puts", "say", "quoted", "cited", "found",
}  # fmt: skip
# A quotation introduced by its speaker's name, as round-ups of commentators
# print them: 'Kathleen Parker, The Washington Post: "..."', 'Jeremy Lott,
# author: "..."', 'Meghan McCain: "..."'.
_ROUNDUP = re.compile(
    r"(?P<name>[A-Z][\w’'\-]*\.?(?: [A-Z][\w’'\-]*\.?){1,3})"
    r"(?:, (?P<aff>[^:,“”\"\n]{2,60}?))?: [“\"]"
)


def _roundup_chain(m: re.Match[str]) -> list[SourceRef] | None:
    """The speaker of a round-up quotation and, when the affiliation is a name
    (a publication, a network), the outlet it appeared in before them."""
    name = m.group("name")
    first = name.split()[0]
    if source_kind(name) != "person" or first.lower() in _function_words():
        return None  # "On Monday, ... responded: “...”"
    if first in _WEEKDAY_WORDS or first.lower() in _MONTH_WORDS:
        return None
    aff = (m.group("aff") or "").strip()
    last = aff.split()[-1].lower() if aff else ""
    if len(aff.split()) > 6 or last.endswith("ed") or last in _VERB_WORDS:
        return None  # "Communications director Jennifer Palmieri responded"
    person = SourceRef(name, "person", ":")
    if aff[:1].isupper():
        return [SourceRef(_strip_article(aff), "outlet"), person]
    return [person]


def _titled_source(m: re.Match[str]) -> list[SourceRef]:
    author = m.group("author")
    if author:
        name = _strip_article(author)
        return [SourceRef(name, source_kind(name), "according to")]
    title = m.group("title").strip()
    return [SourceRef(title, "organisation", "according to")]


def _document_author(words: list[str]) -> str | None:
    """The author's name in the words before a document word: "UN" in "UN
    figures", "CNN" in "New CNN polls", "Dow" in "internal Dow documents",
    "Syrian government" in "Syrian government figures"; None when no
    capitalised word is left."""
    while words and (
        words[0][:1].islower()
        or words[0].lower() in ARTICLES
        or words[0].lower() in FOLLOW_UP_MODIFIERS
        or (words[0].lower() in _DOC_ADJECTIVES and (len(words) == 1 or words[1][:1].islower()))
    ):
        # "New CNN polls", "Public polling shows": a capital that only starts the sentence
        words = words[1:]
    while words and words[-1][:1].islower() and not _AUTHOR_LOWER.match(words[-1]):
        words = words[:-1]  # "UN casualty figures" -> "UN"
    if not any(w[:1].isupper() for w in words):
        return None
    return " ".join(words)


_DOC_ADJECTIVES = frozenset(
    "public private internal official unofficial independent national federal local regional "
    "global international early initial partial confidential secret leaked online daily".split()
)
_AUTHOR_LOWER = re.compile(
    r"(?:government|ministry|army|military|police|authorities|campaign|administration|"
    r"department|agency|office|council|committee|commission|party|militia|group)$"
)


def _document_chain(m: re.Match[str], author: list[SourceRef]) -> list[SourceRef]:
    """The chain of a document matched by ``_REPORT_BY``: its author, or,
    when the text says who obtained or saw it, that holder, then the
    document itself as an unnamed source."""
    held = _HELD_BY.search(m.group())
    if held is None:
        return _as_author(author)
    doc = m.group()[: held.start()].strip()
    return [*author, SourceRef(_lower_first(doc), "unnamed")]


def _as_author(chain: list[SourceRef]) -> list[SourceRef]:
    """A document's author: a lone capitalised word that wrote a report, ran a
    poll or compiled data ("a poll by Gallup", "data compiled by Airwars") is
    an organisation, not a person. (A person named in full before is found
    by name, with their kind.)"""
    last = chain[-1] if chain else None
    if last is None or last.kind != "person" or " " in last.name.strip():
        return chain
    return [*chain[:-1], SourceRef(last.name, "organisation", last.cue)]


@dataclass
class Attribution:
    start: int  # offset of the cue in the sentence
    # Empty for a pronoun that stands for no source named before ("he said"):
    # the sentence is attributed, to no one prov can name.
    chain: list[SourceRef]
    cue: str


def find_attributions(sentence: str, state: ArticleState) -> list[Attribution]:
    """Attributions stated in one sentence, and update ``state`` with them."""
    state.sentence = sentence
    if (
        sentence.rstrip()[-1:] not in (".", '"', "”")
        and _HEADLINE_VERB.search(sentence)
        and _title_case(sentence)
    ):
        # "Militia Lost 200 Fighters, Monitor Says": a headline's verb is
        # capitalised like every word; read it as the verb (same offsets).
        sentence = _HEADLINE_VERB.sub(lambda m: m.group().lower(), sentence)
    found: list[Attribution] = []
    colon = sentence.find(":", 0, 120)
    roundup = _ROUNDUP.match(sentence) if colon > 0 and sentence[:1].isupper() else None
    if roundup:
        chain = _roundup_chain(roundup)
        if chain:
            found.append(Attribution(0, chain, ":"))
            state.remember(chain)
    for m in (
        _ACCORDING.finditer(sentence) if "ccording" in sentence or _has_as_by(sentence) else ()
    ):
        titled = _TITLE_AFTER.match(sentence, m.end())
        if titled:
            # "according to “Man of the World,” a book by Joe Conason": the
            # work's author when the text names one, else the work itself.
            chain = _titled_source(titled)
            found.append(Attribution(m.start(), chain, "according to"))
            state.remember(chain, report=True)
            continue
        phrase = _phrase_after(sentence, m.end())
        if phrase and phrase.split()[0].lower() in ("a", "an", "the"):
            at = sentence.find(phrase, m.end()) + len(phrase)
            if _ON_ITS_OWN.match(sentence, at):
                # "according to a statement posted on its Telegram channel":
                # the group's own document.
                phrase = "its " + phrase.split(None, 1)[1]
        result = classify(phrase, state) if phrase else None
        if result:
            chain = [
                _with_cue(result[0][-1], "according to") if i == len(result[0]) - 1 else r
                for i, r in enumerate(result[0])
            ]
            found.append(Attribution(m.start(), chain, "according to"))
            state.remember(chain, report=result[1])
    for m in _documents_by(sentence) if "by " in sentence or "from " in sentence else ():
        phrase = _phrase_after(sentence, m.end())
        result = classify(phrase, state) if phrase else None
        if result and not m.group("by") and result[0][-1].kind == "person":
            continue  # "a report from Aleppo": a place, not an author
        near = [a for a in found if a.start <= m.start() <= a.start + 40]
        if not result:
            plain = None if near else _PLAIN_AUTHOR.match(sentence, m.end())
            if plain:
                # "a joint statement from the two agencies": no author read;
                # the document, as described, is the source.
                doc = SourceRef(_lower_first(m.group() + plain.group()), "unnamed")
                found.append(Attribution(m.start(), [doc], "a report by"))
                state.remember([doc], report=True)
            continue
        if not near:
            chain = _document_chain(m, result[0])
            found.append(Attribution(m.start(), chain, "a report by"))
            state.remember(chain, report=True)
        elif (
            near[-1].cue == "according to"
            and len(near[-1].chain) == 1
            and near[-1].chain[0].kind == "unnamed"
            and m.start() - near[-1].start <= len("according to ") + 1
        ):
            # "according to a statement issued by the ministry": the document
            # was read first; its author is the source.
            chain = _document_chain(m, result[0])
            found[found.index(near[-1])] = Attribution(near[-1].start, chain, "according to")
            state.remember(chain, report=True)
    if ("’s " in sentence or "'s " in sentence) and any(w in sentence for w in _FIGURE_WORDS):
        for m in _OWNED_FIGURE.finditer(sentence):
            # "The Observatory's tally was higher, at 210": whose figure it is.
            if any(a.start <= m.start() < a.start + 60 for a in found):
                continue
            result = classify(m.group("owner"), state)
            if result:
                found.append(Attribution(m.start(), result[0], "tally"))
                state.remember(result[0])
    state.note_names(sentence)
    if "Mr" in sentence or "Ms" in sentence or "Miss " in sentence:  # "Mrs" holds "Mr"
        state.note_titles(sentence)
    mentions_report = "report" in sentence and _REPORT_WORD.search(sentence) is not None
    citing: list[Attribution] = []
    for m in _CITING.finditer(sentence) if "iting " in sentence else ():
        phrase = _phrase_after(sentence, m.end())
        result = classify(phrase, state) if phrase else None
        if result:
            citing.append(Attribution(m.start(), result[0], "citing"))
    quoted = _quoted_by(sentence, state) if "quoted" in sentence or "cited by" in sentence else []
    found.extend(quoted)
    for m in _VERB_RE.finditer(sentence):
        verb = m.group(1)
        if verb in ("quoted", "cited") and _BY_AFTER.match(sentence, m.end()):
            continue  # "a commander quoted by AFP": read by _quoted_by
        if verb.startswith(("reject", "dismiss")) and not _DISPUTED_AFTER.match(sentence, m.end()):
            continue  # "rejected the figure", not "rejected a bill to pay ..."
        before = sentence[: m.start()].rstrip()
        # "X, which compiles ..., has documented": drop the auxiliaries.
        cut = len(before) - 80 if len(before) > 80 else 0
        core_before = before[:cut] + _drop_trailing_aux(before[cut:], "").rstrip()
        if core_before.endswith(",") and not before.endswith(","):
            before = core_before
        if (
            _PASSIVE_BEFORE.search(before[-12:])
            or (verb not in ("claims", "claimed") and _PASSIVE_AFTER.match(sentence, m.end()))
            or (verb in _AT_VERBS and _AT_AFTER.match(sentence, m.end()))
        ):
            continue  # "was reported", "estimated at 50,000": not a source speaking
        inverted = not before or before[-1] in ",”\"’'"
        if inverted:
            # "said in a statement", "said she would", "told NBC": what follows
            # the verb is not its speaker.
            after_verb = verb in ("told", "tells") or _NOT_INVERTED.match(sentence, m.end())
            phrase = None if after_verb else _phrase_after(sentence, m.end())
            if phrase is not None:
                rest = sentence[sentence.find(phrase, m.end()) + len(phrase) :].strip()
                if len(phrase.split()) > 8 and not _long_name(phrase):
                    phrase = None
                elif rest and not _INVERTED_REST.match(rest):
                    phrase = None  # "..., said the faction sent 500 fighters": not inverted
            if phrase is None and before.endswith(","):
                phrase = _apposed_source(sentence, before)
        else:
            phrase = _phrase_before(sentence, _skip_time_before(sentence, m.start()))
            if not phrase and _COORDINATED.search(before):
                # "Mr. Kelly said ..., but said", "Obama blasted Trump ... and
                # said": the verb shares the subject of the clause before.
                # Verbs are read in order, so the last one kept before this
                # verb is its nearest; else an earlier "according to".
                earlier = [a for a in found if a.start < m.start()]
                if earlier:
                    found.append(Attribution(m.start(), list(earlier[-1].chain), verb))
                    continue
                phrase = _leading_subject(sentence)
        if phrase and phrase.split(None, 1)[0].lower() in ("by", "from"):
            # "Data compiled by Airwars shows": the walk back stopped at the
            # participle; the document and its author were read above.
            if any(a.cue == "a report by" and a.start < m.start() for a in found):
                continue
            phrase = phrase.split(None, 1)[1] if " " in phrase else None
        if not phrase:
            continue
        if verb == "show" and phrase.split()[-1].lower() not in REPORT_HEADS:
            continue  # "show" reports only for documents ("records show"), not "a TV show"
        if verb == "states" and not inverted and " and " in phrase:
            continue  # "Michigan and Pennsylvania states that have": a noun after a plural
        if (
            any(
                a.start <= m.start() <= a.start + len(phrase) + 30 and a.cue == "a report by"
                for a in found
            )
            and inverted
            and _REPORTISH.search(phrase)
        ):
            continue
        result = classify(phrase, state)
        if not result:
            if phrase.lower() in PRONOUNS:
                # "he said" with no one it can stand for: someone speaks, whom
                # the article does not let us name. The claim keeps the outlet
                # as origin, and no earlier speaker is carried into it.
                found.append(Attribution(m.start(), [], verb))
            continue
        chain = result[0]
        if verb in ("told", "tells") and not inverted:
            recipient = _phrase_after(sentence, m.end())
            rec = classify(recipient, state, speaker=False) if recipient else None
            if rec and rec[0][-1].kind not in ("unnamed",):
                chain = [
                    *rec[0],
                    *[r for r in chain if fold(r.name) not in {fold(x.name) for x in rec[0]}],
                ]
        if verb == "quoted" and not inverted and _AS_SAYING.search(sentence, m.end(), m.end() + 90):
            # "Reuters quoted a commander as saying": the outlet, then whom it quotes.
            quotee = _phrase_after(sentence, m.end())
            inner = classify(quotee, state) if quotee else None
            if inner:
                chain = [*chain, *inner[0]]
        found.append(Attribution(m.start(), chain, verb))
        state.remember(chain, report=result[1] or mentions_report)
    for q in quoted:
        # "A commander quoted by AFP said ...": the "said" names the quoter
        # alone; it is the quoted chain.
        for i, a in enumerate(found):
            if a.start > q.start and a.chain == q.chain[: len(a.chain)] and a is not q:
                found[i] = Attribution(a.start, list(q.chain), a.cue)
    medium = (
        _INTERVIEW.search(sentence) if "nterview" in sentence or "peaking" in sentence else None
    )
    if medium:
        # "In an interview with Al Jazeera, the commander said": the outlet
        # that carried the interview is a hop before the speaker.
        phrase = _phrase_after(sentence, medium.end())
        rec = classify(phrase, state, speaker=False) if phrase else None
        if rec and rec[0][-1].kind not in ("unnamed", "anonymous"):
            names = {fold(r.name) for r in rec[0]}
            for i, a in enumerate(found):
                if not names & {fold(r.name) for r in a.chain}:
                    found[i] = Attribution(a.start, [*rec[0], *a.chain], a.cue)
    if roundup and len(found) > 1:
        # 'Kathleen Parker, The Washington Post: "USA TODAY revealed ..."': a
        # source named inside the round-up quotation is relayed by its speaker.
        head = found[0].chain
        for i, a in enumerate(found):
            if a.start > colon and a.cue != ":":
                found[i] = Attribution(a.start, join_chain(head, a.chain), a.cue)
    for cite in citing:
        # "Gulf Dispatch, citing a report by the Observatory, said ...": the
        # cited source is one hop further than the one citing it.
        outer = [a for a in found if a.start < cite.start and a.cue != "citing"]
        later = [a for a in found if a.start > cite.start and a.cue != "a report by"]
        host = outer[-1] if outer else (later[0] if later else None)
        if host is not None:
            found.remove(host)
            chain = [*host.chain, *cite.chain]
            found.append(Attribution(cite.start, chain, "citing"))
            state.remember(chain, report=True)
            for a in list(found):
                if a.cue == "a report by" and a.chain == cite.chain:
                    found.remove(a)
        else:
            found.append(cite)
    found.sort(key=lambda a: a.start)
    return found


_HEADLINE_VERB = re.compile(
    r"\b(?:Says|Say|Said|Reports|Reported|Claims|Claimed|Estimates|Finds|Found|Shows|Show"
    r"|Confirms|Confirmed|Reveals|Revealed)\b"
)
_TITLE_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_SMALL_WORDS = frozenset("a an the of in on at to for by and or but as with from vs".split())


def _title_case(line: str) -> bool:
    """A headline in title case: no final stop, and nearly every word but the
    small ones capitalised."""
    if line.rstrip().endswith(".") or len(line) > 160:
        return False
    words = [w for w in _TITLE_WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_BY_AFTER = re.compile(r"(?:\s+as\s+saying)?\s+by\s")
_AS_SAYING = re.compile(r"\bas\s+say(?:ing|s)\b")
# "the commander, quoted by AFP, said", "a commander quoted by AFP", "the
# commander was quoted as saying by Reuters".
_QUOTED_BY = re.compile(
    r",?\s+(?:(?:was|were|is|are|being)\s+)?(?:quoted|cited)(?:\s+as\s+saying)?\s+by\s+"
)
_INTERVIEW = re.compile(
    r"\b(?:[Ii]n an? (?:\w+\s+)?interview with|[Ss]peaking (?:to|with)|[Tt]alking to)\s+"
)


def _quoted_by(sentence: str, state: ArticleState) -> list[Attribution]:
    """Speakers quoted by an outlet, in the passive: the outlet, then the speaker."""
    out = []
    for m in _QUOTED_BY.finditer(sentence):
        quoter = _phrase_after(sentence, m.end())
        outer = classify(quoter, state, speaker=False) if quoter else None
        speaker = _phrase_before(sentence, m.start())
        inner = classify(speaker, state) if speaker else None
        if outer and inner:
            chain = [*outer[0], *inner[0]]
            out.append(Attribution(m.start(), chain, "quoted by"))
            state.remember(chain)
    return out


_COORDINATED = re.compile(rf"(?:\b(?:and|but)|;)(?:\s+(?:{'|'.join(sorted(_AUX))}))*$")


_ASIDE = re.compile(
    r"\s*(?:meanwhile|however|too|also|in turn|for (?:its|their|his|her) part|in response"
    r"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)),\s+",
    re.IGNORECASE,
)


def _leading_subject(sentence: str) -> str | None:
    """The name a sentence opens with, when a verb follows it: "Obama blasted
    ...", "On Russia, Trump again knocked ..." -> "Obama", "Trump".

    Only names: a lone capitalised word that is a function word or shaped
    like a verb or adverb ("However", "Asked", "Speaking", "Separately") is
    no subject, nor is a possessive ("Trump’s campaign manager ...").
    """
    starts = [0]
    comma = sentence.find(", ", 0, 60)
    if comma > 0:
        starts.append(comma + 2)
    for start in starts:
        run: list[re.Match[str]] = []
        after: re.Match[str] | None = None
        for tok in _TOKEN.finditer(sentence, start):
            w = tok.group()
            if _namey(w) or (run and w in ("of", "for", "al", "bin", "ibn", "de")):
                run.append(tok)
                continue
            after = tok
            break
        if run and after is not None and after.group() == ",":
            # "The Houthis, meanwhile, expanded ... and announced": past an
            # aside between the subject and its verb.
            aside = _ASIDE.match(sentence, after.end())
            after = next(_TOKEN.finditer(sentence, aside.end()), None) if aside else None
        if not run or after is None or not after.group()[:1].islower():
            continue
        last = run[-1].group()
        if not _namey(last) or last.endswith(("’s", "'s")):
            continue
        if len(run) == 1:
            low = last.lower()
            if low in _function_words() or low.endswith(("ed", "ing", "ly")):
                continue
        return sentence[run[0].start() : run[-1].end()]
    return None


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | ARTICLES | STOP_BEFORE


_NOT_INVERTED = re.compile(
    r"\s*(?:in|on|at|during|after|before|from|to|with|for|by|via|through|last|this|earlier|"
    r"that|he|she|they|it|we|I|you|there)\b"
)


def _apposed_source(sentence: str, before: str) -> str | None:
    """The source of "<X>, <apposition>, said", ``before`` being the text up to the verb.

    * "a spokesman for the faction, Abu Zahraa al-Kinani, said", "NatWest's
      parent, the Royal Bank of Scotland Group, said": the apposition is a
      name (capitalised at both ends, "the" aside): it is the source;
    * "Mr. Kelly, a retired astronaut, said", "Sadie Weiner, the DSCC
      spokeswoman, said", "Trump, meanwhile, says": a description: the
      source is the phrase before it;
    * otherwise the sentence's opening phrase ("The official, who spoke on
      condition of anonymity, said").
    """
    comma = len(before) - 1
    appositive = _phrase_before(sentence, comma)
    if appositive and appositive[:1].isupper() and source_kind(appositive) == "person":
        return appositive
    opening = before.rfind(",", 0, comma)
    segment = before[opening + 1 : comma].split() if opening > 0 else []
    if segment and len(segment) <= 15 and not any(q in w for w in segment for q in '“”"'):
        first = (
            segment[1] if segment[0].lower() in ("the", "a", "an") and segment[1:] else segment[0]
        )
        if first[:1].isupper() and _namey(segment[-1]):
            return " ".join(segment)
        name = _phrase_before(sentence, opening)
        # Not the object of a preposition ("fighters in Syria, who ...").
        word_before = sentence[: sentence.rfind(name, 0, opening)].split()[-1:] if name else []
        if name and not (word_before and word_before[0].lower() in _PREPS):
            return name
    first_comma = sentence.find(",")
    if 0 < first_comma < comma:
        return _phrase_before(sentence, first_comma)
    return None


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
    # ``_EDITED.search(text)``, tried only where a match can start: the start
    # of the line holding one of the four verbs, or a "This"/"this" shortly
    # before it (the pattern opens with an alternation the engine would try at
    # every position of the article).
    if not any(verb in text for verb in _EDITED_STEMS):
        return None
    for cue in _EDITED_CUE.finditer(text):
        at = cue.start()
        line_start = text.rfind("\n", 0, at) + 1
        this = max(text.rfind("This ", line_start, at), text.rfind("this ", line_start, at))
        for start in (line_start, this) if this > line_start else (line_start,):
            m = _EDITED.match(text, start)
            if m:
                return m.group(1).rstrip(".")
    return None


_EDITED_CUE = re.compile(r"(?:[Ee]dited|[Tt]ranslated|[Cc]ompiled|[Pp]repared) by ")
_EDITED_STEMS = ("dited by ", "ranslated by ", "ompiled by ", "repared by ")


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
