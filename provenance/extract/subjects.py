"""Subjects (the group a claim is about) and places, without a gazetteer.

Design notes
------------
* No NER model: the blank spaCy pipeline has none, and a statistical model
  would cost start-up time and memory for little gain on group names it
  has never seen (Fatemiyoun, Zainabiyoun). Instead, three surface rules find
  a *named group*:
  1. a capitalised run holding a group word ("Liwa Fatimiyoun",
     "the Fatemiyoun Brigade", "Syrian Democratic Forces");
  2. a lowercase group word followed by a capitalised name
     ("the Iran-backed militia Fatemiyoun");
  3. a capitalised name followed by a lowercase group word or fighters
     ("Fatemiyoun militia", "Hezbollah fighters"), demonyms excluded
     ("Afghan fighters" names no group).
  A name once found is remembered by its core (provenance.names.core), so a
  later bare mention ("Fatemiyoun") is found too.
* A claim's subject is the named group in its sentence (the first one before
  the number, else the first after), else the group the text last referred
  to ("the group", "the militia", "these fighters" resolve to it). A group
  the quote itself names ("150 Islamic State fighters") comes first.
* The group the text is about (``SubjectState.last``) is the last one a
  sentence names as an actor: not one named after a preposition, one held
  ("is holding 40 IS fighters"), or the body a group belongs to ("part of
  the umbrella known as ..."); and a sentence whose subject is "the
  faction" / "the group" stays about the group it stands for.
* The name emitted is the fullest form the article used so far, leading
  modifiers and a country's possessive dropped ("Pro-Iran Liwa Fatimiyoun
  Militia" -> "Liwa Fatimiyoun Militia", "Yemen's Houthis" -> "Houthis");
  provenance.names resolves variants to one Entity at storage.
* Place: "X province/governorate/district/countryside", "the city/town/
  province of X", else a capitalised name after in/at/near/across/around/
  outside/inside/throughout; a possessive takes the inner name ("Syria's
  Hassakeh" -> Hassakeh). Months, weekdays, demonyms, groups and sources are
  not places. The place nearest after the number wins, else the nearest
  before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from provenance.extract.scanning import matches_at
from provenance.names import core

GROUP_WORDS = (
    "Brigade|Brigades|Division|Militia|Militias|Liwa|Battalion|Battalions|Regiment|Corps|"
    "Forces|Army|Front|Movement|Group|Guard|Guards|Units|Mobilization|Mobilisation|"
    "Hezbollah|Hizbollah|Hashd|Kataib|Kata'ib|Asaib|Harakat|Jaish|Saraya|Sarayat|Taliban|"
    "Houthis|Houthi|Wagner|Legion|Squad|Faylaq|Organisation|Organization|Resistance|"
    "Shabaab|Al-Shabaab|al-Shabaab|Hamas|JNIM|M23"
)
_GROUP_WORD = re.compile(rf"^(?:{GROUP_WORDS})$")
_CAP = r"(?:(?:al|el|ad|an|ar|as|ash|ad|az)-)?[A-Z][\w’'\-]*"
_LINK = r"(?:al|al-|el|of|the|ul|bin|ibn|wa|and|in(?:\s+the)?)"
_RUN = re.compile(rf"{_CAP}(?:\s+(?:{_LINK}\s+)?{_CAP})*")
_LOWER_GROUP_BEFORE = re.compile(
    rf"\b(?:militia|group|brigade|faction|movement|force|organi[sz]ation)\s+(?P<name>{_CAP}(?:\s+{_CAP})*)"
)
_LOWER_GROUP_AFTER = re.compile(
    rf"(?P<name>{_CAP}(?:\s+{_CAP})*)\s+(?P<word>militia|militias|group|brigade|fighters|militiamen|members|faction|forces|movement|rebels|militants|insurgents)\b"
)
_CLAUSE = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
ANAPHORA = re.compile(
    r"\b(?:the|this|that|these|those|its|their) (?:group|militia|brigade|faction|organi[sz]ation|"
    r"movement|fighters|militiamen|members|unit|force)\b|\b(?:it|its|they|their)\b",
    re.IGNORECASE,
)
LEADING_MODIFIERS = re.compile(
    r"^(?:(?:The|the|Pro-\w+|\w+-backed|\w+-based|Iranian|Iran|Afghan|Pakistani|Shia|Shiite|"
    r"Sunni|Syrian|Iraqi|Lebanese)\s+)+"
)
# "Yemen's Houthi movement", "Lebanon's Hezbollah": the country's, not part of
# the name ("the People's Protection Units" is the name).
_POSSESSIVE_LEAD = re.compile(
    r"^(?:[Tt]he\s+)?(?!(?:People|Children|Women)[’'])[A-Z][a-z]+[’']s\s+"
)
DEMONYMS = {
    "afghan",
    "iranian",
    "iraqi",
    "syrian",
    "pakistani",
    "lebanese",
    "kurdish",
    "russian",
    "turkish",
    "american",
    "us",
    "u.s.",
    "israeli",
    "saudi",
    "yemeni",
    "shia",
    "shiite",
    "sunni",
    "hazara",
    "arab",
    "foreign",
    "western",
    "european",
    "british",
    "french",
    "chinese",
    "emirati",
    "qatari",
    "jordanian",
    "egyptian",
    "libyan",
    "palestinian",
    "islamic",
    "regime",
    "government",
    "opposition",
    "rebel",
    "iran",
    "pro-iranian",
    "pro-iran",
    "iran-backed",
    "local",
    "new",
    "the",
    "national",
    "defense",
    "defence",
    # "Security forces arrested 30 people": who they are, not a name
    "security",
    "police",
    "coalition",
    "special",
    "allied",
    "military",
    "federal",
    "border",
}
# The demonyms less the common adjectives that list also holds: "Afghan",
# "Syrian", "Shia" describe people; "national", "local", "new" do not.
NATIONALITIES = frozenset(DEMONYMS) - frozenset(
    "foreign western regime government opposition rebel local new the national defense defence "
    "security police coalition special allied military federal border".split()
)
NOT_NAMES = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "their",
    "his",
    "her",
    "in",
    "on",
    "at",
    "new",
    "some",
    "about",
    "up",
    "more",
    "many",
    "and",
    "but",
    "both",
}
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def clean_name(name: str) -> str:
    """Drop leading modifiers ("Pro-Iran", "the Iran-backed") from a group name."""
    name = name.strip(" ,.;:’'\"“”")
    owner = _POSSESSIVE_LEAD.match(name)
    if owner and (name[owner.end() :] in STANDALONE_GROUPS or " " in name[owner.end() :]):
        name = name[owner.end() :]
    name = _DESCRIPTIVE_LEAD.sub("", name) or name  # "the Kurdish-led ..."
    stripped = LEADING_MODIFIERS.sub("", name).strip()
    words = stripped.split()
    # Keep the nationality when nothing but a group word would remain
    # ("Syrian Army"), or a group word and words that name no one ("Syrian
    # Democratic Forces", "Syrian National Army").
    if (
        not stripped
        or _GROUP_WORD.match(stripped)
        or stripped.lower() in DEMONYMS
        or (
            len(words) > 1
            and _GROUP_WORD.match(words[-1])
            and all(w in _GENERIC_NAME_WORDS for w in words[:-1])
        )
    ):
        return name
    return stripped


# What describes a group before its name: "the", "Pro-Iran", "Iran-backed",
# "Kurdish-led".
_DESCRIBED_BY = (
    r"(?:Pro-\w+|\w+-(?:backed|based|led|aligned|allied|linked|affiliated|funded|dominated"
    r"|controlled))"
)
_DESCRIPTIVE_LEAD = re.compile(rf"^(?:(?:[Tt]he|{_DESCRIBED_BY})\s+)+")
_DESCRIPTIVE_WORD = re.compile(rf"{_DESCRIBED_BY}$")
_GENERIC_NAME_WORDS = frozenset(
    "Democratic National Security Armed Free Arab Revolutionary Liberation Special Federal "
    "Republican Royal Defence Defense Border Elite Counter-Terrorism".split()
)


PREFIX_GROUP_WORDS = {
    "Liwa",
    "Kataib",
    "Kata'ib",
    "Harakat",
    "Jaish",
    "Saraya",
    "Sarayat",
    "Asaib",
    "Faylaq",
    "Hashd",
}
STANDALONE_GROUPS = {
    "Hezbollah", "Hizbollah", "Taliban", "Houthis", "Houthi", "Wagner",
    "Shabaab", "Al-Shabaab", "al-Shabaab", "Hamas", "JNIM", "M23",
}  # fmt: skip


def _trim_run(words: list[str]) -> list[str]:
    """Cut a capitalised run after its group name (title-case headlines run on)."""
    last = None
    for i, w in enumerate(words):
        if _GROUP_WORD.match(w) and w not in PREFIX_GROUP_WORDS:
            last = i
    if last is None:
        # Only prefix words: "Liwa Fatimiyoun" -> the prefix and up to two names.
        for i, w in enumerate(words):
            if w in PREFIX_GROUP_WORDS:
                if i + 1 >= len(words):
                    return []
                end = i + 2
                # "Liwa Abu al-Fadl al-Abbas": names joined by Abu/Bani/al run on.
                while end < len(words) and (
                    words[end - 1] in ("Abu", "Bani", "Bin", "Ibn", "Al", "al")
                    or words[end]
                    .lower()
                    .startswith(("al-", "el-", "ad-", "ash-", "as-", "an-", "ar-"))
                ):
                    end += 1
                return words[:end]
        return []
    if words[last] in STANDALONE_GROUPS:
        return words[: last + 1]
    if words[last] == "Resistance" and words[last + 1 : last + 2] == ["in"]:
        # "the Islamic Resistance in Iraq": the place is part of the name.
        end = last + 2 + (words[last + 2 : last + 3] == ["the"])
        while end < len(words) and words[end][:1].isupper():
            end += 1
        if end > last + 2:
            return words[:end]
    if last == 0:
        return []  # a bare group word is not a name ("Army" alone)
    return words[: last + 1]


# Cheap pre-checks: a rule can only fire when one of its group words occurs.
_CAPITAL = re.compile(r"[A-Z]")
_NAME_PREFIXES = ("al", "el", "ad", "an", "ar", "as", "ash", "az")  # as in _CAP


def name_starts(sentence: str) -> list[int]:
    """Every position where ``_CAP`` can begin: a capital, or a prefix like "al-".

    ``_RUN`` and ``_LOWER_GROUP_AFTER`` start with ``_CAP``, so they are
    tried only there (``scanning.matches_at``).
    """
    out = [m.start() for m in _CAPITAL.finditer(sentence)]
    i = sentence.find("-")
    while i != -1:
        for k in (2, 3):
            if i >= k and sentence[i - k : i] in _NAME_PREFIXES:
                out.append(i - k)
        i = sentence.find("-", i + 1)
    return out


_ANY_GROUP_WORD = re.compile(rf"(?:{GROUP_WORDS})(?![\w’'\-])")
_BEFORE_WORDS = ("militia", "group", "brigade", "faction", "movement", "force", "organi")
_AFTER_WORDS = (
    "militia",
    "group",
    "brigade",
    "fighters",
    "members",
    "faction",
    "forces",
    "movement",
    "rebels",
    "militants",
    "insurgents",
)
_NOT_FIRST = DEMONYMS | NOT_NAMES | MONTHS | WEEKDAYS
# Words that make a "... Group" a monitor, a think tank or an agency, not an
# armed group: "Khabur Monitoring Group", "International Crisis Group",
# "Afghanistan Conflict Research Group" are sources, never what a claim is about.
_NOT_ARMED = frozenset(
    "monitoring monitor observatory research crisis watch rights studies study analysis "
    "advisory consulting media relief aid humanitarian policy legal polling data "
    # United Nations and other bodies named "... Organization"
    "health migration labour labor food maritime chemical energy trade tourism cooperation "
    "co-operation meteorological atomic intellectual customs international world".split()
)


# Words that describe a group rather than name it, capitalised in title-case
# headlines: "Border Militia Sends ...", "Shadowy Group Claims ...".
_DESCRIBING = frozenset(
    """border desert mountain coastal frontier shadowy powerful rival local tribal rebel armed
    islamist jihadist militant paramilitary hardline extremist insurgent shiite shia sunni
    secretive elite proxy loyalist allied main largest key notorious feared new top
    pro-iran iran-backed iran-aligned pro-government state-backed foreign
    northern southern eastern western""".split()
)


def _described_only(words: list[str]) -> bool:
    """ "Border Militia", "Shadowy Group": group words and descriptions only."""
    named = [w for w in words if not _GROUP_WORD.match(w)]
    return bool(named) and all(w.lower() in _DESCRIBING for w in named)


# Two groups wire copy often writes in lowercase; the name is the usual one.
_LOWERCASE_GROUPS = re.compile(
    r"\b(?:([Nn]ational defen[cs]e)|[Pp]opular mobili[sz]ation)\s+"
    r"(?:forces|members|militias?|militiamen|fighters|units)\b"
)
_COUNT_WORDS = ("dozens of", "hundreds of", "thousands of", "dozen", "hundred", "thousand")
_NUMBER_LEAD = re.compile(
    r"(?:(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|"
    r"Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|Sixty|Seventy|"
    r"Eighty|Ninety|Hundred|Hundreds|Thousand|Thousands|Dozen|Dozens|Several|Some|Many|Few|"
    r"About|Nearly|Around|Almost|Roughly|Over)(?:-\w+)?\s+)+"
)


def _mentions(sentence: str) -> list[tuple[int, int, str]]:
    """Named-group mentions in a sentence: (start, end, name as written)."""
    out: list[tuple[int, int, str]] = []
    runs = (
        matches_at(_RUN, sentence, name_starts(sentence), 0, len(sentence))
        if _ANY_GROUP_WORD.search(sentence)
        else ()
    )
    for m in runs:
        # "The Popular Mobilisation Forces' budget": the plural possessive's
        # apostrophe is not part of the name.
        words = [w.rstrip("’'") for w in m.group().split()]
        if any(_GROUP_WORD.match(w) for w in words):
            lead = _NUMBER_LEAD.match(m.group())
            if lead and lead.end() < len(m.group()):
                words = [
                    w.rstrip("’'") for w in m.group()[lead.end() :].split()
                ]  # "Dozens Hezbollah fighters"
            trimmed = _trim_run(words)
            if len(trimmed) > 1 and trimmed[0] in ("A", "An"):
                trimmed = trimmed[1:]  # "A Taliban official": the article opens the sentence
            if (
                trimmed
                and not any(w.lower() in _NOT_ARMED for w in trimmed)
                and not _described_only(trimmed)
            ):
                text = " ".join(trimmed)
                start = m.start() + m.group().find(trimmed[0])
                out.append((start, start + len(text), sentence[start : start + len(text)]))
    before = (
        _LOWER_GROUP_BEFORE.finditer(sentence) if any(w in sentence for w in _BEFORE_WORDS) else ()
    )
    for m in before:
        name = m.group("name")
        if name.split()[0].lower() not in _NOT_FIRST:
            out.append((m.start("name"), m.end("name"), name))
    after = (
        matches_at(_LOWER_GROUP_AFTER, sentence, name_starts(sentence), 0, len(sentence))
        if any(w in sentence for w in _AFTER_WORDS)
        else ()
    )
    for m in after:
        name = m.group("name")
        lead = _NUMBER_LEAD.match(name + " ")
        if lead:
            # "Twenty Fatemiyoun fighters": the count opens the sentence, it is
            # no part of the name ("Four militia fighters" names none).
            if lead.end() > len(name):
                continue
            name = name[lead.end() :]
        words = [w for w in name.split() if w.lower() not in DEMONYMS]
        if not words or name.split()[-1].lower() in _NOT_FIRST:
            continue
        # A sentence-initial capital alone is not a name ("New fighters").
        if m.start() == 0 and len(name.split()) == 1 and name.lower() in NOT_NAMES:
            continue
        if _DESCRIPTIVE_WORD.match(name):
            continue  # "Iran-aligned militias" names no group
        word = m.group("word")
        full = (
            f"{name} {word}"
            if word in ("militia", "brigade", "group", "faction", "movement")
            else name
        )
        begin = m.start("name") + (lead.end() if lead else 0)
        out.append((begin, begin + len(full), full))
    if "ational def" in sentence or "opular mobili" in sentence:
        for m in _LOWERCASE_GROUPS.finditer(sentence):
            # "national defense members were paid ...": a group the copy writes
            # in lowercase. Not when counted ("recruited 205 national defense
            # members"): those are people drawn from it, not its claim.
            head = sentence[: m.start()].rstrip()
            if head[-1:].isdigit() or head.endswith(_COUNT_WORDS):
                continue
            name = "National Defence Forces" if m.group(1) else "Popular Mobilisation Forces"
            out.append((m.start(), m.end(), name))
    out.sort()
    # Drop mentions inside longer ones.
    kept: list[tuple[int, int, str]] = []
    for mention in out:
        if kept and mention[0] < kept[-1][1]:
            if mention[1] - mention[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


# For the attribution module: "according to its 2024 budget" is the word of
# the group the sentence names.
group_mentions = _mentions


def _is_word(char: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return char.isalnum() or char == "_"


@lru_cache(maxsize=1024)
def _names_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of the known cores (cached: articles share their groups)."""
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


_AFTER_PREP = re.compile(
    r"\b(?:to|into|with|alongside|against|from|toward|towards|under|within|among|by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "part of the umbrella known as the Islamic Resistance in Iraq": the body a
# group belongs to is not what the text goes on about.
_MEMBER_OF_BEFORE = re.compile(
    r"\b(?:known as|part of|member of|members of|affiliated (?:with|to)|belongs to"
    r"|belonging to|under the banner of|umbrella|alliance|coalition)\s+(?:[\w\-]+\s+){0,3}?$",
    re.IGNORECASE,
)
_TOPIC_OPENING = re.compile(
    r"(?:The|This|That) (?:group|militia|brigade|faction|organi[sz]ation|movement)\b"
)
# "is holding around 40 IS fighters": the group held is no actor either.
_HELD_BEFORE = re.compile(
    r"\b(?:holding|holds|held|arrested|arresting|detained|detaining|captured|capturing|jailed"
    r"|imprisoned|freed|released|releasing)\s+(?:[\w.,\-]+\s+){0,3}?$",
    re.IGNORECASE,
)


@dataclass
class SubjectState:
    """Groups named so far in the article: core -> fullest name."""

    names: dict[str, str] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None
    last: str | None = None
    _order: list[str] | None = None

    def _add(self, name: str) -> str:
        clean = clean_name(name)
        key = core(clean)
        if not key or key in DEMONYMS:
            return clean
        if key not in self.names and self.names:
            from rapidfuzz import fuzz, process

            from provenance.names import FUZZY_THRESHOLD

            hit = process.extractOne(
                key, list(self.names), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
            )
            if hit is not None:
                key = hit[0]
        best = self.names.get(key)
        if best is None or len(clean) > len(best):
            self.names[key] = clean
        if best is None:
            self.pattern = None  # rebuilt lazily, by the next scan that needs it
            self._order = None
        return self.names[key]

    def _known_mentions(self, sentence: str) -> list[tuple[int, str]]:
        """Known cores in ``sentence`` as (start, matched text), like one
        ``\\b(core1|core2...)\\b`` case-insensitive alternation (longest core
        first, leftmost, non-overlapping) but with ``str.find``: compiling that
        alternation anew each time an article names a new group cost more than
        the rest of the subject step."""
        if not self.names:
            return []
        low = sentence.lower()
        if len(low) != len(sentence):  # case mapping changed lengths: use the regex
            if self.pattern is None:
                self.pattern = _names_pattern(tuple(sorted(self.names, key=len, reverse=True)))
            return [(m.start(), m.group()) for m in self.pattern.finditer(sentence)]
        if self._order is None:
            self._order = sorted(self.names, key=len, reverse=True)
        hits: list[tuple[int, int, int]] = []
        for rank, key in enumerate(self._order):
            if not key:
                continue
            pos = low.find(key)
            while pos >= 0:
                end = pos + len(key)
                if (pos == 0 or not _is_word(low[pos - 1])) and (
                    end == len(low) or not _is_word(low[end])
                ):
                    hits.append((pos, rank, end))
                pos = low.find(key, pos + 1)
        if not hits:
            return []
        hits.sort()
        out: list[tuple[int, str]] = []
        last_end = 0
        for pos, _rank, end in hits:
            if pos < last_end:
                continue
            out.append((pos, sentence[pos:end]))
            last_end = end
        return out

    def scan(
        self, sentence: str, *, exclude: Sequence[tuple[int, int]] = ()
    ) -> list[tuple[int, str]]:
        """Group mentions in ``sentence`` as (offset, best name); remembers them."""
        found: dict[int, str] = {}
        for start, _end, name in _mentions(sentence):
            if any(a <= start < b for a, b in exclude):
                continue
            found[start] = self._add(name)
        for start, matched in self._known_mentions(sentence):
            if any(a <= start < b for a, b in exclude):
                continue
            lowered = matched.lower()
            if not any(abs(start - s) < 40 and core(n) == lowered for s, n in found.items()):
                best = self.names.get(lowered)
                if best and not any(s <= start < s + len(n) + 20 for s, n in found.items()):
                    found[start] = best
        mentions = sorted(found.items())
        if mentions:
            # The text is about the group it names as an actor: one named only
            # after a preposition ("transferred to the Tartab Regiment",
            # "fought alongside Hezbollah") does not take over from the group
            # the text was about, when there is one.
            actors = [
                n
                for s, n in mentions
                if not _AFTER_PREP.search(sentence, max(0, s - 16), s)
                and not _HELD_BEFORE.search(sentence, max(0, s - 48), s)
                and not _MEMBER_OF_BEFORE.search(sentence, max(0, s - 48), s)
            ]
            # A sentence whose subject is "the faction" (the group the text is
            # about) stays about it, whatever else it names: "The faction,
            # part of ..., is holding ...", "The group is paid through the
            # budget of X".
            continues = self.last is not None and _TOPIC_OPENING.match(sentence)
            if actors and not continues:
                self.last = actors[-1]
            elif self.last is None:
                self.last = mentions[-1][1]
        return mentions

    def subject_for(
        self,
        mentions: list[tuple[int, str]],
        at: int,
        sentence: str,
        default: bool,
        topic: str | None = None,
        quote_end: int | None = None,
    ) -> str | None:
        """The subject of a number at offset ``at`` in ``sentence``.

        Candidates are the named groups of the sentence and its anaphors ("the
        militia", "its"), which stand for ``topic``, the group the text last
        named before this sentence. The nearest candidate before the number in
        its own clause wins; else the first named group of the sentence; else
        the topic, when the sentence refers back to it or the measure is one
        that belongs to a group (personnel, recruits, salary, founding year).
        A group named inside the quote (``at`` to ``quote_end``: "150 Islamic
        State fighters") comes before all of them.
        """
        topic = topic if topic is not None else self.last
        if quote_end is not None:
            # "150 Islamic State fighters": the group the quote itself names.
            inside = [name for start, name in mentions if at < start < quote_end]
            if inside:
                return inside[0]
        candidates = list(mentions)
        if topic:
            for m in ANAPHORA.finditer(sentence):
                if not any(s <= m.start() < s + len(n) for s, n in mentions):
                    candidates.append((m.start(), topic))
        candidates.sort()
        breaks = [m.end() for m in _CLAUSE.finditer(sentence, 0, at)]
        clause_start = breaks[-1] if breaks else 0
        in_clause = [name for start, name in candidates if clause_start <= start <= at]
        if in_clause:
            return in_clause[-1]
        named_before = [name for start, name in mentions if start <= at]
        if named_before:
            return named_before[0]
        if mentions:
            return mentions[0][1]
        before = [name for start, name in candidates if start <= at]
        if before:
            return before[-1]
        if topic and (default or candidates):
            return topic
        return None


_PCAP = r"[A-Z][\w\-]*"
_PLACE_AFTER_PREP = re.compile(
    # "based in Djibouti" locates a source, not the claim.
    rf"(?<!according )(?<!based )(?<!headquartered )"
    rf"\b(?:in|at|near|across|around|along|outside|inside|throughout|within|to|into|"
    rf"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of)"
    rf"\s+(?:the\s+)?"
    # "near al-Bukamal": a lowercase article first.
    rf"(?P<name>(?:(?:al|el|ad|ar|as|ash|az|ez)-)?{_PCAP}(?:\s+(?:(?:al|el|ez|ed|as|ad|ar|ash|an|de)-?)?{_PCAP})*)"
    rf"(?P<poss>[’']s\s+(?P<inner>{_PCAP}(?:\s+{_PCAP})*))?"
)
# "loyal to X", "close to X", "linked to X": whom, not where ("to" only).
_WHOM_BEFORE = re.compile(r"\b(?:loyal|close|linked|allied|tied|answerable)\s$")
_PLACE_OF = re.compile(
    rf"\bthe\s+(?:[\w’'\-]+\s+){{0,3}}?(?:city|town|village|province|region|governorate|district|area|port|capital)\s+of\s+(?P<name>{_PCAP}(?:\s+{_PCAP})*)"
)
_PLACE_UNIT = re.compile(
    rf"(?P<name>{_PCAP}(?:\s+{_PCAP})*\s+(?:province|governorate|district|countryside|region|coast|Province|Governorate|District))\b"
)


_UNIT_WORDS = re.compile(
    r"\s+(?:province|governorate|district|countryside|region|coast)$", re.IGNORECASE
)


_UNIT_STEMS = ("province", "governorate", "district", "countryside", "region", "coast")
_OF_HEADS = (
    "city",
    "town",
    "village",
    "province",
    "region",
    "governorate",
    "district",
    "area",
    "port",
    "capital",
)


# Demonyms and the like are not places, but the countries among them are
# ("in Iran", "in the US"): they are listed as demonyms only so that they
# never pass for a group's name.
_NOT_PLACES = DEMONYMS - {"iran", "us", "u.s."}


_INSTITUTIONS = frozenset(
    """centre center institute university college council committee ministry agency foundation
    observatory network office commission organisation organization association society
    monitor""".split()
)


def find_places(sentence: str, exclude: set[str] | None = None) -> list[tuple[int, str]]:
    """Places named in a sentence: (offset, name)."""
    exclude = exclude or set()
    out: list[tuple[int, str]] = []
    low = sentence.lower()
    patterns = []
    # Necessary words first (cheap substring tests), so most sentences skip
    # the two unit patterns.
    if any(w in low for w in _UNIT_STEMS):
        patterns.append(_PLACE_UNIT)
    if "of" in sentence and any(w in sentence for w in _OF_HEADS):
        patterns.append(_PLACE_OF)
    patterns.append(_PLACE_AFTER_PREP)
    for pattern in patterns:
        for m in pattern.finditer(sentence):
            name = (m.groupdict().get("inner") or m.group("name")).strip()
            name = _UNIT_WORDS.sub("", name).strip() or name
            start = m.start("inner") if m.groupdict().get("inner") else m.start("name")
            first = name.split()[0].lower()
            if first in MONTHS or first in WEEKDAYS or first in NOT_NAMES:
                continue
            if name.lower() in _NOT_PLACES or any(_GROUP_WORD.match(w) for w in name.split()):
                continue
            if name in exclude or core(name) in exclude:
                continue
            if name.rsplit(None, 1)[-1].lower() in _INSTITUTIONS:
                continue  # "a researcher at the Jazira Studies Centre": a body, not a place
            if re.fullmatch(r"\d+", name):
                continue
            if pattern is _PLACE_AFTER_PREP and _WHOM_BEFORE.search(
                sentence, max(0, m.start() - 12), m.start()
            ):
                continue  # "fighters loyal to Qais al-Khazali": whom, not where
            if any(s <= start < s + len(n) for s, n in out):
                continue
            out.append((start, name))
    out.sort()
    return out


def place_for(places: list[tuple[int, str]], at: int) -> str | None:
    after = [name for start, name in places if start >= at]
    if after:
        return after[0]
    return places[-1][1] if places else None


__all__ = ["SubjectState", "clean_name", "find_places", "place_for"]
