"""Numbers in news text, turned into intervals (SPEC section 4).

``find_quantities(text)`` returns every quantity expression with its span,
the number's own span, a kind and a :class:`provenance.model.Value`
interval; ``parse_value(text)`` reads an editor's value string into a Value.
Both are pure, deterministic, never touch the database and never raise on
arbitrary text (``parse_value`` raises ``InvalidInput`` for a string that is
not a number expression, by design).

How it works
------------
One compiled regex (``_CORE``) finds the *cores*: digits (with thousands
separators, decimals, an attached or spelled scale: "1.5 million", "3m",
"2bn", "5k"), runs of number words ("twenty-five", "two hundred and five"),
fixed phrases ("a dozen", "half a dozen", "a million"), vague magnitudes
("dozens", "tens of thousands", "several hundred") and ratio words ("twice",
"a third of"). Everything else is anchored context read around each core
with small regexes: a currency symbol or ISO code before it, a currency name,
percent or "times" after it, a range partner ("200-300", "200 to 300",
"between 200 and 300", "two or three"), and an approximation cue before
("about", "more than", "up to") or after ("or more", "-plus", "or so").
A text without a digit or a number word costs one regex scan.

Runs of number words are valued by ``text2num`` (a maintained, compiled
number-words parser); the spotting vocabulary is a small table here because
text2num does not report offsets.

Intervals (SPEC section 4, tolerance t, default 0.10)
-----------------------------------------------------
- exact "205" -> [205, 205], approx ``exact``.
- ``about``: about, around, approximately, approx., roughly, some, nearly,
  almost, close to, circa, an estimated, estimated at, "~", and the suffixes
  "or so" and "-odd" -> [v(1-t), v(1+t)]. "nearly" and "almost" are read as
  approximations (SPEC lists "nearly"), not as upper bounds: reporters use
  them for round figures either side of the truth.
- ``at_least``: more than, over, at least, upwards of, in excess of, above,
  exceeding, no fewer/less than, a minimum of, just/well over, and the
  suffixes "+", "-plus", "or more", "at least" -> [v, None] (None = infinity);
  "or less", "at most" after the number -> [None, v] ("2,500 at most").
- ``at_most``: up to, at most, fewer than, less than, under, below, no more
  than, a maximum of, as many as, as much as, as high as, just under, and the
  suffixes "or less"/"or fewer" -> [0, v]. "as many as 15,000" is read as an
  upper bound: the figure is the most the source will put on it.
- ``range``: between X and Y, from X to Y, X to Y, X-Y / X–Y, X or Y ->
  [X, Y]; a scale or currency written once applies to both ends ("$2-3
  million" -> [2e6, 3e6]). X > Y is a change ("from 4.8 to 4.7"), not a
  range: two exact quantities.
- ``vague``: dozens [24, 99], scores [40, 199], hundreds [200, 999],
  thousands [2,000, 9,999], tens of thousands [20,000, 99,999], hundreds of
  thousands [200,000, 999,999], millions [2e6, 1e7-1] and so on; "several"/"a
  few" + scale ("several hundred") is the plural magnitude. A cue before a
  vague magnitude keeps its direction ("more than dozens" -> [24, None]).
- "a dozen" 12, "half a dozen" 6, "a couple of" 2, "a hundred" 100,
  "half a million" 500,000, "one and a half million" 1,500,000.

Kinds and units
---------------
- ``count`` (unit "count"), ``money`` (ISO 4217 code), ``percent`` ("%",
  percent, per cent, percentage points; unit "percent"), ``ratio`` (unit
  "ratio": "six times higher", "twice as many", "a third of", "half of",
  "threefold"; "three times" without a comparison after it is a count of
  occurrences), ``year`` (unit "year": a bare 4-digit 1000-2100 integer not
  followed by a noun it counts, "formed in 2014", "since 2016"; "the 1990s"
  -> [1990, 1999]), ``date`` (unit "date", low/high are
  ``date.toordinal()``: full dates "February 6, 2025", "6 Feb 2025",
  "2025-02-06" and month-years "January 2016" as the whole month).
  Dates are returned, not dropped, so the pipeline can tell a dateline from a
  date a claim is about; a day-month without a year ("on February 11") is
  not a quantity (its day is not a count) and is left to the date resolver.
- Currency: symbols $, US$, €, £, ¥, ₺ and codes (SYP, USD ...) before or
  after the number; names after it, with an optional nationality.
  "pounds" alone resolves by context: the nearest explicit currency of the
  same family earlier in the text ("... Syrian pounds ... 5,000 pounds" ->
  SYP), else a country named in the text (Syria -> SYP, Lebanon -> LBP,
  Egypt -> EGP, Sudan -> SDG), else GBP when a money word (salary, paid,
  cost, price, worth ...) is near, else it is a weight and the quantity a
  count. "lira" alone: Syria -> SYP, Lebanon -> LBP, else TRY. "dinars"
  alone: Jordan/Kuwait/Libya/Bahrain by context, else IQD. "rials" (Iranian
  spelling) -> IRR and "riyals" (Gulf spelling) -> SAR unless a nationality
  says otherwise (Qatari QAR, Omani OMR, Yemeni YER, Iranian IRR, Saudi SAR).
  "tomans" -> "IRT": no ISO 4217 code exists for the toman (10 rials); IRT
  is the code in common use, and the figure is kept as written rather than
  multiplied into rials, so an editor sees the number the article printed.
  "cents" -> USD/100, "pence" -> GBP/100.

Not quantities
--------------
Ordinals ("13th Brigade", "first"); times of day ("10:30", "3 p.m.");
phone numbers; numbers inside URLs and e-mail addresses; day-of-month
numbers; "X/Y" pairs ("24/7", "1/5", "6/2/2025": counters and ambiguous
dates); page furniture ("Page 2 of 5"); single-digit list markers at the
start of a line ("1." / "2)"); numbers glued to a name ("F-16", "COVID-19",
"G20"); version-like strings ("3.7.1"); "no one", "one another", "the same
one", "BBC One"; product names (a bare integer after a capitalised or
camel-case word: "iPhone 11", "Galaxy Note 20") unless a measurement unit
follows ("Tylenol 500mg"); identifiers after a label noun ("category 4",
"article 5"); scores and tallies ("won 2-0", "tied at 89-89": a hyphen between
integers with the first not smaller); ZIP codes and street numbers.
Also read: fractions "1/16 of a pint" and "1⁄32" (U+2044) as ratios; "minus-5",
"-5" and "sub-7" (at most); ".001"; scientific notation ("1.3e6",
"1.3x10^6"); "X to Y" with a unit on each end is a range ("$1 million to
$1.25 million", "15 per cent to 20 per cent") except after "by" with a money or
scaled figure ("rose by $43.6 billion to $419.2 billion": a change). A
4-digit year-like number before a singular noun is a year ("its 1990 model"),
before a plural a count ("2000 fighter jets").
Separators: "1,500" is 1500 (comma groups of exactly three digits);
"1.500.000" is 1,500,000 (several dot groups are unambiguous); "1.500" is
1.5, as English text writes it; "1,5" is two numbers (a list).
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from provenance.errors import InvalidInput
from provenance.extract.scanning import cased_lower, matches_at
from provenance.model import Value

__all__ = ["Quantity", "find_quantities", "parse_value", "CURRENCY_CODES"]


@dataclass(frozen=True)
class Quantity:
    """One quantity expression found in a text.

    ``text[start:end]`` is the whole expression with its cue and unit words;
    ``text[number_start:number_end]`` the number(s) only. ``nominal`` is the
    stated number before approximation widening (low, high): (350000,
    350000) for "about 350,000", (200, 300) for a range, the magnitude's
    bounds for a vague expression.
    """

    start: int
    end: int
    value: Value
    number_start: int
    number_end: int
    kind: str  # count | money | percent | ratio | year | date
    nominal: tuple[float, float]


# --------------------------------------------------------------------------
# Vocabulary

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    # South Asian scales, as Indian and Pakistani outlets print figures
    # ("13 lakh people", "Rs 50 crore", "1 lakh crore").
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
_ABBR_SCALES = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    # glued in careless copy: "$662million"
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# Plural magnitudes: (low, high) of the vague interval.
_VAGUE = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 199.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2_000.0, 9_999.0),
    "millions": (2e6, 1e7 - 1),
    "billions": (2e9, 1e10 - 1),
}
_VAGUE_SCALE = {"dozen": 12.0, **_SCALES}

_NW = "|".join(sorted((*_UNITS, *_SCALES, "dozen"), key=len, reverse=True))
_SCALE_W = "hundred|thousand|million|billion|trillion|lakhs?|crores?"
_SOUTH_ASIAN = frozenset({"lakh", "lakhs", "crore", "crores"})
_MAG_W = "dozen|hundred|thousand|million|billion"

CURRENCY_CODES = (
    "USD EUR GBP SYP LBP IQD IRR IRT TRY SAR AED QAR JOD KWD BHD OMR YER EGP "
    "LYD SDG AFN PKR INR CNY JPY CAD AUD NZD HKD SGD CHF RUB ILS DKK SEK NOK MYR"
).split()

_SYMBOLS = {
    "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "$": "USD", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₺": "TRY", "₹": "INR", "₪": "ILS",
    "$us": "USD", "$a": "AUD", "$nz": "NZD", "$c": "CAD", "rm": "MYR", "rs.": "INR",
    "rs": "INR",
}  # fmt: skip

# Nationality adjective -> country key used by the noun tables below.
_NATIONS = {
    "us": "us", "u.s.": "us", "american": "us", "syrian": "sy", "lebanese": "lb",
    "iraqi": "iq", "iranian": "ir", "turkish": "tr", "saudi": "sa",
    "qatari": "qa", "jordanian": "jo", "kuwaiti": "kw", "bahraini": "bh",
    "omani": "om", "yemeni": "ye", "egyptian": "eg", "libyan": "ly",
    "sudanese": "sd", "british": "gb", "uk": "gb", "australian": "au",
    "canadian": "ca", "afghan": "af", "pakistani": "pk", "indian": "in",
    "emirati": "ae", "uae": "ae", "hong kong": "hk", "new zealand": "nz",
    "singapore": "sg", "swiss": "ch", "russian": "ru", "israeli": "il",
    "danish": "dk", "swedish": "se", "norwegian": "no", "chinese": "cn",
    "japanese": "jp",
}  # fmt: skip
_NOUN_BY_NATION = {
    "dollar": {"us": "USD", "au": "AUD", "ca": "CAD", "hk": "HKD", "nz": "NZD", "sg": "SGD"},
    "pound": {"sy": "SYP", "lb": "LBP", "eg": "EGP", "sd": "SDG", "gb": "GBP"},
    "lira": {"sy": "SYP", "lb": "LBP", "tr": "TRY"},
    "dinar": {"iq": "IQD", "jo": "JOD", "kw": "KWD", "bh": "BHD", "ly": "LYD"},
    "rial": {"ir": "IRR", "om": "OMR", "ye": "YER", "qa": "QAR", "sa": "SAR"},
    "riyal": {"sa": "SAR", "qa": "QAR", "om": "OMR", "ye": "YER", "ir": "IRR"},
    "dirham": {"ae": "AED"},
    "rupee": {"in": "INR", "pk": "PKR"},
    "franc": {"ch": "CHF"},
    "crown": {"dk": "DKK", "se": "SEK", "no": "NOK"},
    "ruble": {"ru": "RUB"},
    "shekel": {"il": "ILS"},
    "yuan": {"cn": "CNY"},
    "yen": {"jp": "JPY"},
}
_NOUN_DEFAULT = {
    "dollar": "USD", "euro": "EUR", "pound": None, "lira": None, "dinar": None,
    "rial": "IRR", "riyal": "SAR", "toman": "IRT", "dirham": "AED", "afghani": "AFN",
    "rupee": "INR", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "franc": "CHF",
    "crown": "DKK", "ruble": "RUB", "shekel": "ILS", "sterling": "GBP",
    "cent": "USD", "pence": "GBP",
}  # fmt: skip
_NOUN_FORMS = {
    "dollars": "dollar", "dollar": "dollar", "euros": "euro", "euro": "euro",
    "pounds": "pound", "pound": "pound", "lira": "lira", "liras": "lira",
    "lire": "lira", "dinars": "dinar", "dinar": "dinar", "rials": "rial",
    "rial": "rial", "riyals": "riyal", "riyal": "riyal", "tomans": "toman",
    "toman": "toman", "dirhams": "dirham", "dirham": "dirham",
    "afghanis": "afghani", "afghani": "afghani", "rupees": "rupee",
    "rupee": "rupee", "yuan": "yuan", "renminbi": "renminbi", "yen": "yen",
    "francs": "franc", "franc": "franc", "crowns": "crown", "kronor": "crown",
    "kroner": "crown", "krona": "crown", "rubles": "ruble", "roubles": "ruble",
    "ruble": "ruble", "rouble": "ruble", "shekels": "shekel", "shekel": "shekel",
    "sterling": "sterling", "cents": "cent", "cent": "cent", "pence": "pence",
}  # fmt: skip
# Country words that decide a bare "pounds" / "lira" / "dinars".
_CONTEXT_COUNTRY = (
    ("sy", re.compile(r"\b(?:Syria|Syrian|Damascus|Aleppo|Idlib|Homs|Deir\b|Hasa?kah?|Raqqa)")),
    ("lb", re.compile(r"\b(?:Lebanon|Lebanese|Beirut)")),
    ("eg", re.compile(r"\b(?:Egypt|Egyptian|Cairo)")),
    ("sd", re.compile(r"\b(?:Sudan|Sudanese|Khartoum)")),
    ("jo", re.compile(r"\b(?:Jordan|Jordanian|Amman)\b")),
    ("kw", re.compile(r"\b(?:Kuwait|Kuwaiti)")),
    ("ly", re.compile(r"\b(?:Libya|Libyan|Tripoli)")),
    ("bh", re.compile(r"\b(?:Bahrain|Bahraini)")),
    ("tr", re.compile(r"\b(?:Turkey|Turkish|Türkiye|Ankara|Istanbul)")),
    ("iq", re.compile(r"\b(?:Iraq|Iraqi|Baghdad)")),
)
_MONEY_WORDS = re.compile(
    r"\b(?:salar(?:y|ies)|wages?|paid|pay|pays|cost|costs|price[sd]?|worth|budget|fund(?:s|ing)?|"
    r"fine[ds]?|spen[dt]|earn(?:s|ed)?|sum|amount|bill|tax(?:es)?|bribe|ransom|loan|grant|donat\w*)\b",
    re.I,
)

_NATION_ALT = "|".join(
    re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_NATIONS, key=len, reverse=True)
)
_NOUN_ALT = "|".join(sorted(_NOUN_FORMS, key=len, reverse=True))
_SYM_ALT = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_CODE_ALT = "|".join(CURRENCY_CODES)

# --------------------------------------------------------------------------
# Compiled once at import.

# Thousands grouped by a space ("15 000", "1 234 567"; a no-break, narrow
# no-break or thin space as typeset): the separator of translated and
# European-style copy and of the SI. Not after a month ("on March 3 500
# fighters" is the 3rd and 500).
_GROUP_SPACE = "[ \u00a0\u202f\u2009]"
_NOT_AFTER_MONTH = "".join(
    f"(?<!{re.escape(m)} )"
    for m in sorted(
        {*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"}
        | {f"{a}." for a in (*calendar.month_abbr[1:], "Sept")}
    )
)
_SPACE_GROUPED = (
    f"(?=\\d{{1,3}}{_GROUP_SPACE}\\d{{3}}(?!\\d)){_NOT_AFTER_MONTH}"
    f"\\d{{1,3}}(?:{_GROUP_SPACE}\\d{{3}}(?!\\d))+(?:\\.\\d+)?"
)
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
    + _SPACE_GROUPED
    + r"|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?|\.\d+"
)
_CORE = re.compile(
    r"\b(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:several|a\s+few)\s+(?:" + _MAG_W + r")(?:\s+(?:thousand|million))?"
    r"|dozens|scores|hundreds|thousands|millions|billions)\b"
    r"|\b(?P<phrase>(?:half\s+a|an?\s+(?:half|quarter)|half|quarter)(?:\s+|-)"
    r"(?:dozen|million|billion)"
    r"|(?:a|one)\s+and\s+a\s+half\s+(?:" + _SCALE_W + r"|dozen)"
    r"|a\s+(?:dozen|hundred|thousand|million|billion|trillion)"
    r"|a\s+couple(?:\s+of)?)\b"
    r"|\b(?P<frac>(?:an?|one|two|three|four|five|six|seven|eight|nine)[\s-]"
    # not "the first half of the year": a time
    r"(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth|half)s?"
    r"|(?<!first )(?<!second )(?<!latter )half)"
    r"(?=\s+(?:of|the)\b)"
    r"|\b(?P<ratio>twice|thrice|(?:two|three|four|five|six|seven|eight|nine|ten)-?fold)\b"
    r"|(?P<num>(?<![\d.,])(?:" + _DIGITS + r"))"
    r"(?P<abbr>(?:k|m|mn|mln|bn|bln|b|tn|trn|thousand|million|billion|trillion)\b)?"
    r"|(?P<words>\b(?:" + _NW + r")(?:(?:[\s-]+|\s+and\s+)(?:" + _NW + r"))*)\b",
    re.I,
)
_SPACES = re.compile(_GROUP_SPACE)
_SPELLED_SCALE = re.compile(r"\s+(" + _SCALE_W + r")(?:\s+(thousand|million|crores?))?\b", re.I)

_MONTHS = {
    m.lower(): i for i in range(1, 13) for m in (calendar.month_name[i], calendar.month_abbr[i])
}
_MONTHS["sept"] = 9
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DATES = re.compile(
    r"(?P<mdy>(?P<m1>"
    + _MONTH_RE
    + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{4})\b)?)"
    r"|(?P<dmy>\b(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MONTH_RE + r")"
    r"(?:,?\s+(?P<y2>\d{4})\b)?)"
    r"|(?P<my>(?P<m3>" + _MONTH_RE + r")(?:\s+of)?,?\s+(?P<y3>\d{4})\b)"
    r"|(?P<iso>\b(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})\b)"
)
# Spans whose digits are never quantities.
_MASK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+"  # URLs, e-mails
    r"|\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?\b)?"  # 10:30, 10:30 pm
    r"|\b\d{1,2}(?:\.\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|o'clock)"  # 3 p.m., 3pm
    # +963 11 ..., 00963 11 ... (not the "000 000" of "1 000 000 000")
    r"|(?:\+|(?<!\d[ \u00a0\u202f\u2009])\b00)\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,}"
    r"|\(\d{3}\)\s*\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b"  # (555) 123-4567
    r"|\b(?!(?<=\d )\d/\d{1,2}\b(?![/.,]\d))\d+(?:\s*/\s*\d+)+\b(?!\s+of\b)"  # 24/7, 1/5,
    # 6/2/2025 (not "1/16 of", nor the fraction of a mixed number, "2 1/2")
    r"|\bpages?\s+\d+(?:\s*(?:of|/)\s*\d+)?|\bp\.\s*\d+"  # page furniture
    r"|(?<=[A-Za-z]\d)\+\d+\b"  # the "+1" of "P5+1", "G7+1": part of a name
    r"|(?m:^[ \t]*\d[.)](?=\s))"  # list markers
    r"|\b(?!\d{1,3}(?:\.\d{3}){2,}\b)\d+(?:\.\d+){2,}\b"  # versions, IP addresses
    r"|\b\d{5}(?:-\d{4})?\s+zip\b|\bzip\s+(?:code\s+)?\d{5}"  # ZIP codes
    r"|(?-i:\b\d+[A-Za-z]?(?:-\d+)?\s+(?:(?:[A-Z][\w'.]*|\d+(?:st|nd|rd|th))\s+){0,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Boulevard|Blvd|Drive|Square)\b)",  # addresses
    re.I,
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Substrings that start every _CORE alternative except digits (ASCII-lowercased);
# a trigger that is a prefix of another ("four"/"fourteen") is enough on its own.
_TRIGGERS = tuple(
    w
    for w in sorted(
        {*_UNITS, *_SCALES, "dozen", "tens", "scores", "several", "a few", "a couple",
         "a dozen", "a hundred", "a thousand", "a million", "a billion", "a trillion", "a third",
         "a quarter", "a fifth", "a ninth", "a half", "half", "quarter", "twice", "thrice"}
    )
    if not any(o != w and w.startswith(o) for o in
               {*_UNITS, *_SCALES, "dozen", "tens", "several", "a few", "a couple", "half"})
)  # fmt: skip
_ARTICLE_FRACTIONS = frozenset({"six", "seven", "eight", "ten"})  # sixth ... tenth
_DIGIT_RUN = re.compile(r"(?<![0-9a-z])\.\d+|\d+")  # ".001 per cent": the point is the number's
_DIGIT = re.compile(r"\d")

_PREFIX_CUES: list[tuple[str, str]] = [
    ("about", r"about|around|approximately|approx\.?|roughly|some|nearly|almost|clos(?:e|er)\s+to"
              r"|circa|ca\.|an\s+estimated|estimated\s+at|estimated|est\.|~|an\s+approximate"
              r"|in\s+the\s+region\s+of|on\s+the\s+order\s+of"),
    ("at_least", r"(?:more|over)\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of|above|exceed(?:s|ed|ing)?"
                 r"|surpass(?:es|ed|ing)?"
                 r"|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of"
                 r"|(?:just|well|slightly|far|much)\s+(?:over|above|more\s+than)|north\s+of"
                 r"|greater\s+than|larger\s+than|higher\s+than|>=?|≥"),
    ("at_most", r"sub-|up\s+to|at\s+most|at\s+the\s+most|fewer\s+than|less\s+than|under|below"
                r"|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of|as\s+many\s+as"
                r"|as\s+much\s+as|as\s+high\s+as|(?:just|slightly|well)\s+(?:under|below|short\s+of)"
                r"|lower\s+than|smaller\s+than|<=?|≤"),
]  # fmt: skip
_PREFIX = re.compile(
    r"(?:^|(?<=[\s(\[\"'“‘—–-]))(?:"
    + "|".join(f"(?P<{k}>{alt})" for k, alt in _PREFIX_CUES)
    + r")(?:\s+of)?\s*$",
    re.I,
)
_PREFIX_CASED = re.compile(_PREFIX.pattern)  # over ``cased_lower(text)``
_RANGE_PREFIX = re.compile(r"(?:^|(?<=[\s(\[\"'“]))(?P<w>between|from)\s+$", re.I)
_SUFFIX = re.compile(
    r"(?P<at_least>\s*\+(?!\d)|-?\s?plus\b|\s+or\s+more\b|\s+and\s+(?:more|above|over)\b"
    r"|\s+at\s+(?:the\s+)?(?:very\s+)?least\b(?!\s+(?:\d|one|two|three|some|a\s)))"
    r"|(?P<at_most>\s+or\s+(?:less|fewer|below)\b|\s+at\s+(?:the\s+)?(?:very\s+)?most\b)"
    r"|(?P<about>\s+or\s+so\b|-odd\b)",
    re.I,
)
_PERCENT = re.compile(
    r"\s?%|\s*(?:percent(?:age\s+points?|age)?|per\s+cent|pct\b|percentage\s+points?)\b"
    r"|pc\b",  # "up 5pc", glued, as the British press prints it
    re.I,
)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.I)
_CUR_BEFORE = re.compile(
    r"(?:(?<![\w$])(?P<sym>" + _SYM_ALT + r")|\b(?P<code>" + _CODE_ALT + r"))\s?$",
    re.I,
)
_CUR_AFTER = re.compile(
    r"\s*(?:(?P<code>" + _CODE_ALT + r")\b"
    r"|(?:(?P<nation>" + _NATION_ALT + r")\s+)?(?P<noun>" + _NOUN_ALT + r")\b"
    r"(?:\s+sterling\b)?)",
    re.I,
)
_CUR_AFTER_CODE_CS = re.compile(r"\s*(?:" + _CODE_ALT + r")\b")  # codes after: upper case only
_TIMES = re.compile(r"\s*(?:-\s*)?(?:times|fold)\b", re.I)
_COMPARATIVE = re.compile(
    r"\s+(?:higher|more|larger|greater|bigger|lower|less|fewer|smaller|as\s+(?-i:[a-z\d])|"
    r"the\b|that\b|"
    r"what\b|over\b|above\b|below\b|than\b|(?-i:[a-z]+er\b))",
    re.I,
)
_OUT_OF = re.compile(r"\s+(?:out\s+of|in)\s+", re.I)
_RANGE_GAP = re.compile(
    r"\s*(?:-|–|—|~|to-?|through|thru|and|or)\s*(?:" + _SYM_ALT + r")?\s*$", re.I
)
# "rose by $43.6 billion to $419.2 billion": a change and its result, not a range.
_BY_BEFORE = re.compile(r"\bby\s+(?:\S+\s+)?$", re.I)
_SCORE_GAP = re.compile(r"[-–]")
_YEAR_PREP = re.compile(
    r"\b(in|since|by|until|till|from|to|of|during|before|after|between|and|early|late|"
    r"mid|the|year|years|summer|winter|spring|autumn|fall|around|circa)\W*$",
    re.I,
)
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?")
_PLURAL_IRREG = frozenset(
    "people men women children police personnel staff militia infantry cavalry crew youth "
    "strong cattle sheep fish deer aircraft".split()
)
_FUNCTION_WORDS = frozenset(
    "and or but the a an to of in on at by for from with as when while that which who "
    "after before since until was were is are be been has had have will would could "
    "should may might can did do does not no so than then this these those it its "
    "he she they we his her their our election elections census budget season".split()
)
_GLUED_CUR = re.compile(
    r"(?:\$(?:US|A|NZ|C)|(?:US|A|AU|C|CA|HK|NZ|S)\$|RM|Rs\.?|" + _CODE_ALT + r")$"
)
_NEGATIVE = re.compile(r"(?:\bminus[\s-]?|−|(?<=\$)-|(?:^|(?<=[\s(]))-)$", re.I)
# "3m people" (million) but "37m long", "5m from the wall", "2m (6ft)" (metres)
_PLURAL_NEXT = re.compile(
    r"\s+(?!(?:long|high|wide|deep|tall|away|from|above|below|under|over|in|of|to|at|on|"
    r"and|or|by|per|the|a|an|across|along|into|behind|further|farther|thick|square)\b)[a-z]{2,}\b"
)
_AGE = re.compile(r",\s*$")
# Age limits. A cheap look at the word before first: most numbers have none
# of these right before them.
_AGE_CUE_WORDS = frozenset(
    "age ages aged of between from and to under over below above than".split()
)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|ages?\s+of|ages|aged\s+(?:between|from))\s+(?:\d{1,3}\s*(?:and|to|-|–)\s*)?$"
    r"|\b(?:children|boys|girls|minors|teenagers|teens|youths|kids|those|anyone|adolescents)"
    r"\s+(?:(?:aged\s+)?(?:under|over|below|above)|younger\s+than|older\s+than)\s+$",
    re.I,
)
# "recruits are under 18": only when the clause ends there, so "losses were
# above 200 fighters" and "is under 500 men" stay counts.
_AGE_LIMIT_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|being)\s+(?:under|over|below|above|younger\s+than|older\s+than)"
    r"\s+$",
    re.I,
)
_PEOPLE_ARE = re.compile(
    r"\b(?:recruits|fighters|members|men|women|soldiers|conscripts|volunteers|militiamen|"
    r"combatants|children|boys|girls)\s+(?:are|were)\s+(?:under|over|below|above|younger\s+than|"
    r"older\s+than)\s+$",
    re.I,
)
_CLAUSE_END = re.compile(r"\s*(?:years?(?:\s+old)?\s*)?(?:[,.;:)!?]|$)")
_CAP_BEFORE = re.compile(
    r"(?:^|(?<=[\s(]))([A-Z][\w&.'’]*|[a-z]+[A-Z][\w&.'’]*|[\w&]*\d[\w&]*)\s+$"
)
# A lower-case label before a bare integer makes it an identifier: "category 4", "article 5".
_LABEL_BEFORE = re.compile(
    r"\b(?:category|level|phase|stage|game|round|grade|type|class|tier|article|chapter|section"
    r"|resolution|episode|season|volume|vol\.|no\.|number|model|version|gate|platform|route"
    r"|flight|highway|road|channel|district|sector|room|cell|block|unit|ward"
    r"|brigade|battalion|division|regiment|squadron|corps|liwa|lewa)\s+$",  # "Brigade 313"
    re.I,
)
# A measurement unit right after a number: it measures, so it is neither a name nor a year.
_UNIT_AFTER = re.compile(
    r"\s?(?:mm|cm|km|kg|mg|g|lbs?|oz|mph|kph|km/h|bhp|hp|kw|mw|gw|kwh|mwh|gb|mb|tb|kb|mah|hz"
    r"|ghz|mhz|nm|ml|inch(?:es)?|ft|feet|foot|yards?|yd|miles?|metres?|meters?|sq\.?"
    r"|square|acres?|hectares?|litres?|liters?|tonnes?|tons?|degrees?|°|nanomet\w*|mpg|rpm"
    r"|pixels?|megapixels?|watts?|volts?|amps?)(?![\w])",
    re.I,
)
_NAME_STOP = frozenset(
    "the a an in on at by of for to with about over some nearly only just all and but or "
    "another around almost roughly approximately up more than least less under some estimated "
    "total totalling totaling of".split()
)
# "1/16 of a pint", "1⁄32" (U+2044 FRACTION SLASH): a fraction; "24/7", "1/5" alone are not.
_FRACTION = re.compile(r"⁄(\d+)\b|/(\d+)\b(?=\s+of\b)")
_DIGIT_SPACE = re.compile(r"[\d%]\s*$")
_MINUS_SUB = re.compile(r"\b(?:minus|sub|to)-$", re.I)  # minus-5, sub-7, "200 to-260" (typo)
# Scientific notation after a number: 1.3e6, 12.32e+14, 1.3x10^6, 1.99×10−30.
_SCI = re.compile(r"[eE]([+-]?\d{1,3})\b|\s?[×x*]\s?10(?:\^|\*\*|(?=[−-]))\s?([−+-]?\d{1,3})\b")
_ORD_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_NO_ONE = re.compile(r"\b(?:no|every|any|each|some|which|same|this|that|the)\s*$", re.I)
_ONE_AFTER = re.compile(r"\s+(?:another|other)\b", re.I)
# Mixed numbers: "two and a half (million)", "one-and-a-half", "2 and a half",
# "2½", "1 1/2 million"; and the fractions of a magnitude, "a quarter of a million".
_AND_A_FRACTION = re.compile(r"(?: {1,2}|-)and(?: |-)a(?: |-)(half|quarter|third)\b", re.I)
_FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅛": 1 / 8}
_DIGIT_FRACTION = re.compile(r" (\d)/(\d{1,2})\b(?![/.,]\d)(?!\s+of\b)")
_DOZEN_AFTER = re.compile(r" dozen\b", re.I)
_OF_A_SCALE = re.compile(r"\s+of\s+an?\s+(" + _SCALE_W + r"|dozen)\b", re.I)
_SCALE_REST = re.compile(
    r"(?:\s+and)?[\s-]+((?:" + _NW + r")(?:(?:[\s-]+|\s+and\s+)(?:" + _NW + r"))*)\b", re.I
)

# --------------------------------------------------------------------------


@dataclass
class _Item:
    start: int
    end: int
    nstart: int
    nend: int
    low: float
    high: float
    approx: str  # exact | vague | range
    kind: str = "count"
    unit: str = "count"
    scale_shared: bool = False  # a number without its own scale (range partner)
    words: bool = False  # number words, not digits
    raw: float | None = None  # value before its own scale
    stated: tuple[float, float] | None = None  # the number as written, when unit math changed it


def _digits_value(s: str) -> float | None:
    s = s.replace(",", "")
    if not s.isdigit() and _SPACES.search(s):
        s = _SPACES.sub("", s)  # "15 000", "1 234 567"
    if s.count(".") > 1:
        s = s.replace(".", "")
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _words_value(s: str) -> float | None:
    """Value of a run of number words ("two hundred and five", "twenty-five")."""
    norm = " ".join(s.lower().replace("-", " ").split())
    dozen = 1.0
    if norm.endswith(" dozen"):
        norm, dozen = norm[: -len(" dozen")], 12.0
    elif norm == "dozen":
        return None
    if not norm:
        return None
    toks = norm.split()
    if toks[0] in _SCALES or (toks[0] == "and"):
        return None
    if toks[-1] in _SOUTH_ASIAN:
        # "two lakh", "five crore", "one lakh crore": text2num knows neither.
        scale = 1.0
        while toks and toks[-1] in _SOUTH_ASIAN:
            scale *= _SCALES[toks.pop()]
        inner = _words_value(" ".join(toks)) if toks else None
        return inner * scale * dozen if inner is not None else None
    try:
        from text_to_num import text2num

        # text2num stops at billions: "twenty-one trillion and five" is read in two.
        high, trillion, rest = norm.partition("trillion")
        value = float(text2num(high.strip(), "en"))
        if trillion:
            rest = rest.strip().removeprefix("and ").strip()
            value = value * 1e12 + (float(text2num(rest, "en")) if rest else 0.0)
        return value * dozen
    except ValueError:
        return None  # not one number: "two and three", "nineteen ninety"
    except ImportError:
        pass
    # Fallback for what text2num refuses: a plain small-table reading.
    total, current = 0.0, 0.0
    for tok in toks:
        if tok == "and":
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0.0
        else:
            return None
    return (total + current) * dozen


def _words_item(
    text: str, a: int, b: int, last: bool, wv: float | None = None
) -> tuple[_Item | None, int]:
    """The item for the number words ``text[a:b]`` and where the scan goes on.

    ``last``: nothing but text follows (not another part of the same run), so
    a mixed fraction ("two and a half million") or a hyphenated compound
    ("five-year") is read after it. ``wv``: the words' value, when known.
    """
    if wv is None:
        wv = _words_value(text[a:b])
    if wv is None:
        return None, b  # a scale word alone ("hundred") or leading is not a number
    toks = text[a:b].lower().replace("-", " ").split()
    shared = not any(t in _VAGUE_SCALE for t in toks)  # scales and "dozen"
    n = len(text)
    mixed = _mixed(text, b, False) if last and shared else None
    if mixed:  # "two and a half (million)", "one-and-a-half"
        v, end = _scaled(text, mixed[1], wv + mixed[0])
        if end < n - 1 and text[end] == "-" and text[end + 1].isalpha():
            return None, end  # "a two-and-a-half-year war"
        bare = end == mixed[1]  # no scale words of its own: a range partner may lend one
        item = _Item(
            a, end, a, end, v, v, "exact", scale_shared=bare, words=True, raw=wv + mixed[0]
        )
        return item, end
    if last and b < n - 1 and text[b] == "-" and text[b + 1].isalpha():
        return None, b  # "five-year", "two-month": a compound adjective, not a count
    # The value before its own scale words, which a range's other end shares:
    # "one to two million" is [1 million, 2 million].
    raw: float | None = wv
    if not shared:
        words = len(toks)
        while toks and toks[-1] in _VAGUE_SCALE:
            toks.pop()
        if toks and len(toks) < words:
            raw = _words_value(" ".join(toks)) or wv
    return _Item(a, b, a, b, wv, wv, "exact", scale_shared=shared, words=True, raw=raw), b


def _phrase_value(s: str) -> float:
    toks = s.lower().replace("-", " ").split()
    last = toks[-1]
    if last == "couple" or (last == "of" and toks[-2] == "couple"):
        return 2.0
    mag = _VAGUE_SCALE[last]
    if "half" in toks:
        return mag * (1.5 if "and" in toks else 0.5)
    if "quarter" in toks:
        return mag * 0.25
    return mag


def _frac_value(s: str) -> float:
    toks = s.lower().replace("-", " ").split()
    if toks == ["half"]:
        return 0.5
    num = 1 if toks[0] in ("a", "an") else _UNITS[toks[0]]
    den = _DENOMINATORS[toks[1].rstrip("s")]
    return num / den


_DENOMINATORS = {
    "half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip


def _scaled(text: str, pos: int, value: float) -> tuple[float, int]:
    """``value`` times the spelled scale words at ``pos`` ("million", "hundred
    thousand"), with the end of those words; unchanged when there are none."""
    sm = _SPELLED_SCALE.match(text, pos)
    if not sm:
        return value, pos
    value *= _SCALES[sm.group(1).lower()]
    if sm.group(2):
        value *= _SCALES[sm.group(2).lower()]
    return value, sm.end()


def _mixed(text: str, pos: int, digits: bool) -> tuple[float, int] | None:
    """The fraction that follows a whole number at ``pos``, with its end:
    "and a half" (0.5), "½", and after digits " 1/2" (a proper fraction)."""
    # Cheap tests first: this runs after every number.
    ahead = text[pos + 2 : pos + 5]
    if "nd" in ahead or "ND" in ahead:
        m = _AND_A_FRACTION.match(text, pos)
        if m:
            return _FRACTION_WORDS[m.group(1).lower()], m.end()
    if not digits or pos >= len(text):
        return None
    if text[pos] in _VULGAR:
        return _VULGAR[text[pos]], pos + 1
    m = _DIGIT_FRACTION.match(text, pos) if text[pos + 1 : pos + 2].isdigit() else None
    if m and 0 < int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)) / int(m.group(2)), m.end()
    return None


def _vague_bounds(s: str) -> tuple[float, float]:
    toks = s.lower().split()
    if len(toks) > 1 and toks[0] in ("tens", "hundreds"):
        mag = _SCALES[toks[-1].rstrip("s")]
        return (
            (20.0 * mag, 100.0 * mag - 1) if toks[0] == "tens" else (200.0 * mag, 1000.0 * mag - 1)
        )
    if toks[0] in ("several", "a"):
        words = toks[2:] if toks[0] == "a" else toks[1:]
        mag = _VAGUE_SCALE[words[0]]
        if len(words) > 1:
            mag *= _SCALES[words[1]]
        if words[0] == "dozen":
            return (24.0, 99.0)
        return (2.0 * mag, 10.0 * mag - 1)
    return _VAGUE[toks[0]]


def _money_near(text: str, a: int, b: int) -> bool:
    """Is the number at text[a:b] money (so "m"/"b" mean million/billion)?"""
    if _CUR_BEFORE.search(text, max(0, a - 6), a) or _GLUED_CUR.search(text, max(0, a - 4), a):
        return True
    return bool(_PLURAL_NEXT.match(text, b))


def _is_age(text: str, a: int, b: int) -> bool:
    """An age, not a claim: ", 35," after a name (in apposition), or an age
    limit ("aged 14 to 17", "children under 15", "recruits are under 18")."""
    if (
        (
            a > 1
            and text[a - 1] == " "
            and text[text.rfind(" ", max(0, a - 12), a - 1) + 1 : a - 1].lower() in _AGE_CUE_WORDS
        )
        and (
            _AGE_BEFORE.search(text, max(0, a - 40), a)
            or (
                _AGE_LIMIT_BEFORE.search(text, max(0, a - 40), a)
                and _CLAUSE_END.match(text, b)
                and text[a:b].isdigit()
                and (
                    int(text[a:b]) <= 21  # the limits of minors; "is under 100." stays a count
                    # "half of the recruits are under 25": people, so an age
                    or (int(text[a:b]) <= 35 and _PEOPLE_ARE.search(text, max(0, a - 40), a))
                )
            )
        )
    ):
        s = text[a:b]
        return s.isdigit() and int(s) <= 120
    if b >= len(text) or text[b] not in ",)" or not _AGE.search(text, max(0, a - 3), a):
        return False
    s = text[a:b]
    if not s.isdigit() or int(s) > 120:
        return False
    j = text.rfind(",", 0, a)
    k = j - 1
    while k >= 0 and text[k].isalpha():
        k -= 1
    return j > 0 and k + 1 < j and text[k + 1].isupper()


# A plural noun right after the number: what it counts ("200 Fighters", "12 Members").
_STRENGTH_AFTER = re.compile(r"-(?:strong|man|member)\b", re.IGNORECASE)
_PLURAL_AFTER = re.compile(r"\s+([A-Z]?[a-z]{2,}(?<!s)s|[A-Z]?[a-z]*men|[Pp]eople)\b")
_NOT_PLURAL = frozenset(
    "has was does says its his this thus plus always perhaps towards afterwards besides "
    "whereas yes lens series news".split()
)


def _named(text: str, it: _Item) -> bool:
    """A bare integer after a capitalised word mid-sentence names a thing: Big 12, S&P 500."""
    if it.kind != "count" or it.words or it.approx != "exact" or not it.scale_shared:
        return False
    s = text[it.nstart : it.nend]
    if not s.isdigit():
        return False
    if _LABEL_BEFORE.search(text, max(0, it.start - 12), it.start):
        return not _UNIT_AFTER.match(text, it.nend)
    m = _CAP_BEFORE.search(text, max(0, it.start - 24), it.start)
    if not m:
        return False
    if it.nend < len(text) and _UNIT_AFTER.match(text, it.nend):
        return False  # "Tylenol 500mg", "MacBook Pro 16 inch": a measurement
    plural = _PLURAL_AFTER.match(text, it.nend)
    if plural and plural.group(1).lower() not in _NOT_PLURAL:
        return False  # "Recruits 200 Fighters" (a title-case headline): a count
    if _STRENGTH_AFTER.match(text, it.nend):
        return False  # "Sends 600-Strong Force": a strength
    word = m.group(1)
    if word.lower().rstrip(".") in _NAME_STOP or word.rstrip(".").lower() in _MONTHS:
        return False
    if not word[0].isupper():
        return True  # "iPhone 11", "X6 2019": a product name wherever it stands
    k = m.start(1) - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return not (k < 0 or text[k] in ".!?\n\"'“(:;")


def _masked_spans(text: str, items: list[_Item]) -> list[tuple[int, int]]:
    """Mask matches near the figures found (not over the whole text: it is slow)."""
    n = len(text)
    windows: list[list[int]] = []
    for it in items:
        a = text.rfind(" ", 0, max(0, it.nstart - 30)) + 1
        b = text.find(" ", min(n, it.nend + 40))
        b = n if b == -1 else b
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    spans: list[tuple[int, int]] = []
    for a, b in windows:
        if "@" in text[a:b]:
            # An e-mail address can start anywhere in a word: scan the window.
            spans.extend(m.span() for m in _MASK.finditer(text, a, b))
        else:
            spans.extend(m.span() for m in matches_at(_MASK, text, _mask_starts(text, a, b), a, b))
    return spans


_MASK_WORDS = ("http", "www.", "page", "p.", "zip")


def _mask_starts(text: str, a: int, b: int) -> list[int]:
    """Every position in text[a:b] where a ``_MASK`` match (not an e-mail) can begin."""
    starts = [m.start() for m in _DIGIT_START.finditer(text, a, b)]
    window = text[a:b]
    low = _ascii_lower(window)
    for w in _MASK_WORDS:
        i = low.find(w)
        while i != -1:
            starts.append(a + i)
            i = low.find(w, i + 1)
    for ch in "+(\n":
        i = window.find(ch)
        while i != -1:
            starts.append(a + i + (ch == "\n"))
            i = window.find(ch, i + 1)
    starts.append(a)  # a list marker at the start of a line
    return starts


_DIGIT_START = re.compile(r"(?<!\d)\d")
_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _has_date(text: str) -> bool:
    """Can ``text`` hold a date (a month name's stem or an ISO date)?

    Two scans, each of which Python's regex engine runs by skipping to the
    characters that can start it (a month's capital, a digit); one
    alternation of both tried every branch at every position, five times
    slower.
    """
    return _MONTH_START.search(text) is not None or _ISO_DATE.search(text) is not None


def _in_spans(pos: int, end: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if a < end and pos < b:
            return True
    return False


def _date_items(text: str) -> tuple[list[_Item], list[tuple[int, int]]]:
    """Full dates and month-years as date items; every date span for masking."""
    items: list[_Item] = []
    spans: list[tuple[int, int]] = []
    # A date starts at a month name or at a run of digits ("5 March", "2025-03-05").
    starts = [m.start() for m in _MONTH_START.finditer(text)]
    starts += [m.start() for m in _DIGIT_START.finditer(text)]
    for m in matches_at(_DATES, text, starts, 0, len(text)):
        spans.append(m.span())
        g = m.groupdict()
        try:
            if g["iso"]:
                y, mo, d = int(g["y4"]), int(g["m4"]), int(g["d4"])
                lo = hi = date(y, mo, d).toordinal()
            elif g["my"]:
                y, mo = int(g["y3"]), _MONTHS[g["m3"].rstrip(".").lower()]
                lo = date(y, mo, 1).toordinal()
                hi = date(y, mo, calendar.monthrange(y, mo)[1]).toordinal()
            else:
                ystr = g["y1"] or g["y2"]
                if not ystr:
                    continue
                mname = (g["m1"] or g["m2"]).rstrip(".").lower()
                d = int(g["d1"] or g["d2"])
                lo = hi = date(int(ystr), _MONTHS[mname], d).toordinal()
        except (ValueError, KeyError):
            continue
        if not 1800 <= date.fromordinal(lo).year <= 2200:
            continue
        a, b = m.span()
        items.append(
            _Item(
                a, b, a, b, float(lo), float(hi), "exact" if lo == hi else "range", "date", "date"
            )
        )
    return items, spans


def _ascii_lower(text: str) -> str:
    """``text`` with A-Z lowercased and every other character kept, offsets unchanged.

    ``str.lower`` is many times faster than ``str.translate``; it differs only
    on non-ASCII letters, which stay non-ASCII letters (no trigger or digit
    test changes), except where it changes the length (dotted capital I) or
    yields ASCII (the Kelvin sign): then the exact translation is used.
    """
    low = text.lower()
    if len(low) != len(text) or "\u212a" in text:
        return text.translate(_ASCII_LOWER)
    return low


_PLAIN_DIGIT_RUN = re.compile(r"\d+")
_ASCII_ALNUM_LOWER = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def _digit_starts(low: str) -> list[int]:
    """Where ``_DIGIT_RUN`` matches in ``low``: digit runs, from their point when one
    stands alone before them (".001"), found with a plain ``\\d+`` scan."""
    out = []
    for m in _PLAIN_DIGIT_RUN.finditer(low):
        s = m.start()
        if s and low[s - 1] == "." and (s == 1 or low[s - 2] not in _ASCII_ALNUM_LOWER):
            s -= 1
        out.append(s)
    return out


def trigger_hits(text: str) -> list[int]:
    """Sorted positions where a ``_CORE`` match may start (see ``_core_matches``).

    The extraction pipeline computes them once for a whole article and hands
    each line its share (``find_quantities(line, hits=...)``): a few dozen
    substring scans over one long string cost far less than over each line.
    A trigger never spans a line break, so the hits are the same.
    """
    low = _ascii_lower(text)
    hits: list[int] = []
    find = low.find
    for w in _TRIGGERS:
        i = find(w)
        if w in _ARTICLE_FRACTIONS:
            # "a sixth of", "an eighth of": the fraction starts at its article,
            # found from the hits of "six", "eight" (no scan of its own).
            while i != -1:
                hits.append(i)
                if i >= 2 and low[i - 1] in " -":
                    if low[i - 2] == "a" and (i == 2 or not low[i - 3].isalpha()):
                        hits.append(i - 2)
                    elif low[i - 3 : i - 1] == "an" and (i == 3 or not low[i - 4].isalpha()):
                        hits.append(i - 3)
                i = find(w, i + 1)
            continue
        while i != -1:
            hits.append(i)
            i = find(w, i + 1)
    hits.extend(_digit_starts(low))
    hits.sort()
    return hits


def _core_matches(text: str, hits: list[int] | None = None) -> Iterator[re.Match[str]]:
    """``_CORE.finditer`` semantics, but only tried where a trigger occurs.

    Triggers are found with ``str.find`` over the ASCII-lowercased text (a few
    dozen C-speed substring scans) and one ``\\d+`` scan; the full pattern
    (word boundaries, case-insensitive alternation) runs only at those
    positions. This is what keeps a figure-free sentence cheap: Python's
    regex engine has no multi-literal search, and the full pattern scanned
    over every position costs several times more than spaCy's tokenizer.
    """
    if hits is None:
        hits = trigger_hits(text)
    pos = 0
    for p in hits:
        if p < pos:
            continue
        # (Lowercasing changes neither isalpha nor isdigit: the text is read as is.)
        if p > 0 and text[p - 1].isalpha() and not text[p].isdigit():
            continue
        m = _CORE.match(text, p)
        if m is None or m.end() == p:
            continue
        yield m
        pos = m.end()


def _cores(text: str, masked: list[tuple[int, int]], hits: list[int] | None = None) -> list[_Item]:
    out: list[_Item] = []
    n = len(text)
    skip_to = -1
    for m in _core_matches(text, hits):
        a, b = m.span()
        if a < skip_to or (masked and _in_spans(a, b, masked)):
            continue
        kind = m.lastgroup
        s = m.group()
        if kind == "abbr":  # lastgroup is the last *closed* group
            kind = "num"
        if m.group("vague"):
            lo, hi = _vague_bounds(s)
            out.append(_Item(a, b, a, b, lo, hi, "vague"))
        elif m.group("phrase"):
            v = _phrase_value(s)
            end = b
            toks = s.lower().replace("-", " ").split()
            if toks[-1] in ("couple", "of"):
                v, end = _scaled(text, b, v)  # "a couple of hundred", "a couple thousand"
                dozen = _DOZEN_AFTER.match(text, b) if end == b else None
                if dozen:
                    v, end = 24.0, dozen.end()  # "a couple of dozen"
            elif toks[0] == "a" and len(toks) == 2 and toks[1] != "half":
                # "a hundred and fifty", "a thousand two hundred": the article is "one";
                # "a million and a half", "a dozen and a half".
                rest = _SCALE_REST.match(text, b) if toks[1] != "dozen" else None
                whole = None
                if rest and text[rest.end() : rest.end() + 1] != "-":  # not "a hundred two-year"
                    whole = _words_value("one" + text[a + 1 : rest.end()])
                if rest and whole is not None and whole > v:
                    v, end = whole, rest.end()
                else:
                    fraction = _AND_A_FRACTION.match(text, b)
                    if fraction:
                        v *= 1 + _FRACTION_WORDS[fraction.group(1).lower()]
                        end = fraction.end()
            out.append(_Item(a, end, a, end, v, v, "exact", words=True))
            skip_to = end
        elif m.group("frac"):
            v = _frac_value(s)
            of = _OF_A_SCALE.match(text, b)
            if of:  # "a quarter of a million", "half of a billion": a count
                v *= _VAGUE_SCALE[of.group(1).lower()]
                out.append(_Item(a, of.end(), a, of.end(), v, v, "exact", words=True))
                skip_to = of.end()
                continue
            out.append(_Item(a, b, a, b, v, v, "exact", "ratio", "ratio", words=True))
        elif m.group("ratio"):
            low = s.lower()
            if low in ("twice", "thrice"):
                v = 2.0 if low == "twice" else 3.0
            else:
                v = float(_UNITS[low.replace("-", "").removesuffix("fold")])
            if low in ("twice", "thrice") and not _COMPARATIVE.match(text, b):
                continue  # "attacked twice": a frequency, not a ratio claim
            out.append(_Item(a, b, a, b, v, v, "exact", "ratio", "ratio", words=True))
        elif m.group("num"):
            num = m.group("num")
            nb = m.end("num")
            # Reject numbers glued to a name or a longer token: F-16, COVID-19, 13th, 3.7.1
            if a >= 2 and text[a - 1] == "-" and text[a - 2].isalpha():
                if not _MINUS_SUB.search(text, max(0, a - 6), a):
                    continue
            if a >= 1 and text[a - 1].isalpha():
                # only a currency glued on ("USD10m", "$US55,931", "RM23.50") may touch
                if not _GLUED_CUR.search(text, max(0, a - 4), a):
                    continue
            if m.group("abbr") is None and nb < n:
                nxt = text[nb]
                if nxt.isalpha():
                    if _ORD_AFTER.match(text, nb):
                        continue
                    # "1990s" decades
                    if (
                        text[nb] in "sS"
                        and len(num) == 4
                        and num.endswith("0")
                        and (nb + 1 == n or not text[nb + 1].isalnum())
                    ):
                        y = float(num)
                        out.append(_Item(a, nb + 1, a, nb + 1, y, y + 9, "range", "year", "year"))
                        continue
                    # a unit glued on (50mph, 3.5GHz) is fine; anything else is a token
                elif nxt == ":" or (nxt == "." and nb + 1 < n and text[nb + 1].isdigit()):
                    continue
            fm = _FRACTION.match(text, nb) if nb < n and text[nb] in "/⁄" else None
            if fm and m.group("abbr") is None and num.isdigit():
                g = fm.lastindex or 1
                den = int(fm.group(g))
                if den:
                    v = int(num) / den
                    e = fm.end(g)
                    out.append(_Item(a, e, a, e, v, v, "exact", "ratio", "ratio"))
                    skip_to = e
                continue
            dv = _digits_value(num)
            if dv is None:
                continue
            end = b
            # (A year is never the whole of one: "in 2016 1/3 of the budget".)
            whole = m.group("abbr") is None and num.isdigit() and dv < 1000
            mixed = _mixed(text, nb, True) if whole else None
            if mixed:  # "2½", "1 1/2 million", "2 and a half years"
                dv += mixed[0]
                end = nb = skip_to = mixed[1]
            if nb < n and (
                text[nb] in "eE×x*" or (text[nb] == " " and text[nb + 1 : nb + 2] in ("×", "x"))
            ):
                sci = _SCI.match(text, nb)
                if sci:
                    exp = int((sci.group(1) or sci.group(2)).replace("−", "-"))
                    if exp > 308:
                        continue  # past a float's range ("0E309"): not a figure
                    dv *= 10.0**exp
                    end = nb = sci.end()
                    skip_to = end
            v = dv
            raw = v
            shared = True
            abbr = m.group("abbr")
            if abbr and abbr.lower() in ("m", "b") and not _money_near(text, a, b):
                abbr = None  # "37m" is metres unless money or a plural noun follows
                end = nb
            if abbr:
                v *= _ABBR_SCALES[abbr.lower()]
                shared = False
            else:
                sm = _SPELLED_SCALE.match(text, nb)
                if sm:
                    scale = _SCALES[sm.group(1).lower()]
                    if sm.group(2):
                        scale *= _SCALES[sm.group(2).lower()]
                    v *= scale
                    end = sm.end()
                    shared = False
                    half = _AND_A_HALF.match(text, end) if whole else None
                    if half:
                        v += scale / 2  # "3 million and a half", as translated copy puts it
                        end = half.end()
            if not math.isfinite(v):
                continue
            start = a
            neg = _NEGATIVE.search(text, max(0, a - 7), a)
            if neg and neg.group() == "-" and _DIGIT_SPACE.search(text, max(0, a - 4), a - 1):
                neg = None  # "200 -300": a range dash after a number, not a sign
            if neg:
                v, raw, start = -v, -raw, neg.start()
            if _is_age(text, a, end):
                continue
            out.append(_Item(start, end, start, end, v, v, "exact", scale_shared=shared, raw=raw))
        elif m.group("words"):
            low = s.lower()
            if low in ("one", "a"):
                if _NO_ONE.search(text, max(0, a - 8), a) or _ONE_AFTER.match(text, b):
                    continue
                if s == "One" and _CAP_BEFORE.search(text, max(0, a - 24), a):
                    continue  # "BBC One", "Formula One": a name
            # One number ("two hundred and five"), or several joined by "and"
            # ("between two and three million": two, then three million).
            wv = _words_value(s)
            parts = [s] if wv is not None else re.split(r"(\s+and\s+)", s)
            pos = a
            for k, part in enumerate(parts):
                if k % 2 == 0:
                    last = k == len(parts) - 1
                    item, resume = _words_item(text, pos, pos + len(part), last, wv)
                    if item is not None:
                        out.append(item)
                    skip_to = max(skip_to, resume)
                pos += len(part)
    return out


def _currency_for(noun: str, nation: str | None, text: str, before: int) -> str | None:
    base = _NOUN_FORMS[noun.lower()]
    if nation:
        key = _NATIONS.get(" ".join(nation.lower().split()))
        code = _NOUN_BY_NATION.get(base, {}).get(key or "")
        if code:
            return code
    default = _NOUN_DEFAULT.get(base)
    if default is not None:
        return default
    # pound / lira / dinar alone: context decides.
    table = _NOUN_BY_NATION[base]
    for cc, rx in _CONTEXT_COUNTRY:
        if cc in table and rx.search(text):
            return table[cc]
    if base == "pound":
        lo = max(0, before - 120)
        if _MONEY_WORDS.search(text, lo, min(len(text), before + 80)):
            return "GBP"
        return None  # a weight
    return {"lira": "TRY", "dinar": "IQD"}[base]


def _attach_units(text: str, it: _Item, ctx_currency: dict[str, str]) -> None:
    """Extend an item over its currency / percent / times words, set kind and unit."""
    n = len(text)
    if it.kind in ("date", "year"):
        return
    # Currency symbol or code before the number ("$2 million", "SYP 5,000", "US$ 3").
    lo = max(0, it.start - 6)
    cm = _CUR_BEFORE.search(text, lo, it.start)
    if cm and it.kind == "count":
        if cm.group("sym"):
            it.unit = _SYMBOLS[cm.group("sym").lower()]
        else:
            it.unit = cm.group("code").upper()
        it.kind = "money"
        # "c $ 16.4 million": a one-letter country prefix before a spaced symbol.
        it.start = cm.start()
        if (
            cm.group("sym") == "$"
            and it.start >= 2
            and text[it.start - 2 : it.start].lower() == "c "
        ):
            it.unit = "CAD"
            it.start -= 2
    if it.end >= n:
        return
    pm = _PERCENT.match(text, it.end)
    if pm and it.kind == "count":
        it.kind, it.unit, it.end = "percent", "percent", pm.end()
        return
    if it.kind == "count":
        am = _CUR_AFTER.match(text, it.end)
        if am:
            if am.group("code"):
                if _CUR_AFTER_CODE_CS.match(text, it.end):
                    it.kind, it.unit, it.end = "money", am.group("code"), am.end()
            else:
                noun = am.group("noun")
                nation = am.group("nation")
                base = _NOUN_FORMS[noun.lower()]
                code = None
                if nation is None and base in ctx_currency:
                    code = ctx_currency[base]
                if code is None:
                    code = _currency_for(noun, nation, text, it.start)
                if code is not None:
                    if nation:
                        ctx_currency[base] = code
                    it.kind, it.unit, it.end = "money", code, am.end()
                    if base in ("cent", "pence"):
                        it.stated = (it.low, it.high)
                        it.low /= 100
                        it.high /= 100
            return
    elif it.kind == "money" and _CUR_AFTER_CODE_CS.match(text, it.end):
        pass
    if it.kind == "count" and not it.approx == "vague":
        tm = _TIMES.match(text, it.end)
        if tm:
            it.end = tm.end()
            if _COMPARATIVE.match(text, it.end):
                it.kind, it.unit = "ratio", "ratio"
        elif it.words and it.nstart == it.start and text[it.start : it.end].lower() == "twice":
            pass


def _is_year(text: str, it: _Item) -> bool:
    if it.kind != "count" or it.words or it.approx != "exact" or not it.scale_shared:
        return False
    s = text[it.nstart : it.nend]
    if len(s) != 4 or not s.isdigit():
        return False
    v = int(s)
    if not 1000 <= v <= 2199:
        return False
    if _UNIT_AFTER.match(text, it.end):
        return False  # "the 1520 sq m centre"
    nm = _NEXT_WORD.match(text, it.end)
    prep = _YEAR_PREP.search(text, max(0, it.start - 12), it.start)
    if prep:
        if not (
            prep.group(1).lower() in ("and", "the")
            and nm
            and nm.group(1).lower() not in _FUNCTION_WORDS
            and not _singular(nm.group(1))
        ):
            # "in 2014", "between 2014 and 2016", "the 2008 financial crisis";
            # not "the 2000 fighters" or "and 1998 recruits".
            return True
    if _PREFIX.search(text, max(0, it.start - 30), it.start):
        return False
    if nm and nm.group(1).lower() not in _FUNCTION_WORDS:
        # "2000 fighters", "2000 people", "2000 fighter jets": it counts something;
        # "its 2019 review", "the 1990 model", "a 2003 tweet in which": a
        # singular noun, the year modifies it.
        return not _counted(nm)
    return True


def _counted(nm: re.Match[str]) -> bool:
    """Whether the words after a number are a plural it counts ("fighters",
    "fighter jets"), not a singular noun a year modifies ("tweet in")."""
    first, second = nm.group(1), nm.group(2)
    if first.lower() in _FUNCTION_WORDS:
        return False
    if second is not None and second.lower() in _FUNCTION_WORDS:
        second = None
    return not (_singular(first) and _singular(second))


def _singular(word: str | None) -> bool:
    if word is None:
        return True
    w = word.lower()
    return len(w) > 2 and not (w.endswith("s") or w in _PLURAL_IRREG)


def _merge_ranges(text: str, items: list[_Item]) -> list[_Item]:
    out: list[_Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        if i + 1 < len(items) and a.kind not in ("date", "ratio") and a.approx == "exact":
            b = items[i + 1]
            gap = text[a.end : b.start]
            gm = _RANGE_GAP.match(gap) if len(gap) <= 10 and b.approx == "exact" else None
            compatible = a.kind == b.kind or "count" in (a.kind, b.kind)
            if (
                _SCORE_GAP.fullmatch(gap)
                and a.kind == b.kind == "count"
                and a.scale_shared
                and b.scale_shared
                and text[a.nstart : a.nend].isdigit()
                and text[b.nstart : b.nend].isdigit()
                and a.low >= b.low
                and a.low < 1000
            ):
                i += 2  # a score or tally ("won 2-0", "tied at 89-89"), not two counts
                continue
            if gm and b.kind not in ("date", "ratio") and compatible:
                conn = gap.strip().lower().rstrip("$€£¥ ").strip()
                before = text[max(0, a.start - 9) : a.start]
                rp = _RANGE_PREFIX.search(before)
                ok = True
                if conn == "and" and not (rp and rp.group("w").lower() == "between"):
                    ok = False
                if conn == "or" and not (a.words and b.words):
                    ok = False
                if (
                    conn.startswith("to")
                    and not rp
                    and (a.kind != "count" or not a.scale_shared)
                    and _BY_BEFORE.search(text, max(0, a.start - 20), a.start)
                ):
                    ok = False  # "rose by $43.6 billion to $419.2 billion": a change
                lo, hi = a.low, b.low
                # A scale written once applies to both ends: "2-3 million", "$2 to 3bn".
                if ok and a.scale_shared and not b.scale_shared and b.raw is not None:
                    if a.raw is not None and a.raw <= b.raw:
                        lo = a.raw * (b.low / b.raw) if b.raw else lo
                if ok and a.kind == "year" and b.kind == "count" and b.scale_shared:
                    # "2014-2016"
                    b.kind, b.unit = "year", "year"
                if ok and lo < hi:
                    kind = b.kind if a.kind == "count" else a.kind
                    unit = b.unit if a.kind == "count" else a.unit
                    start = a.start
                    if rp:
                        start = a.start - len(before) + rp.start()
                    out.append(
                        _Item(start, b.end, a.nstart, b.nend, lo, hi, "range", kind, unit,
                              words=a.words and b.words)
                    )  # fmt: skip
                    i += 2
                    continue
        if i + 1 < len(items) and a.kind == "count" and a.approx == "exact":
            b = items[i + 1]
            om = _OUT_OF.fullmatch(text, a.end, b.start)
            if (
                om
                and b.kind == "count"
                and b.approx == "exact"
                and a.low == int(a.low)
                and b.low == int(b.low)
                and 0 < a.low < b.low <= 1000
            ):
                r = a.low / b.low
                out.append(_Item(a.start, b.end, a.nstart, b.nend, r, r, "exact", "ratio", "ratio"))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def find_quantities(
    text: str, tolerance: float = 0.10, *, hits: list[int] | None = None
) -> list[Quantity]:
    """Every quantity expression in ``text``, in order, as intervals.

    ``hits``: ``trigger_hits(text)`` when the caller already has them.
    """
    return _find(text, tolerance, years=True, hits=hits)


def _find(
    text: str, tolerance: float, years: bool, hits: list[int] | None = None
) -> list[Quantity]:
    if not text:
        return []
    items = _cores(text, [], hits)
    dates: list[_Item] = []
    if items and _DIGIT.search(text) is not None:
        # Masks and dates cost a scan each: only for texts with a digit and a figure.
        date_spans: list[tuple[int, int]] = []
        if _has_date(text):
            dates, date_spans = _date_items(text)
        masked = _masked_spans(text, items) + date_spans
        if masked:
            items = [it for it in items if not _in_spans(it.nstart, it.nend, masked)]
    ctx_currency: dict[str, str] = {}
    for it in items:
        _attach_units(text, it, ctx_currency)
        if years and _is_year(text, it):
            it.kind, it.unit = "year", "year"
    items = [it for it in items if not _named(text, it)]
    items = _merge_ranges(text, items)
    if dates:
        items = sorted(items + dates, key=lambda x: x.start)
    result: list[Quantity] = []
    last_end = -1
    low = cased_lower(text) if items else None
    for it in items:
        q = _finish(text, it, tolerance, low)
        if q is not None and q.start >= last_end:
            result.append(q)
            last_end = q.end
    return result


def _round(x: float) -> float:
    return float(f"{x:.12g}")


def _finish(text: str, it: _Item, t: float, low: str | None = None) -> Quantity | None:
    """The item as a Quantity, with its prefix or suffix cue read.

    ``low``: ``cased_lower(text)``, for the case-by-case prefix scan, if any.
    """
    start, end = it.start, it.end
    lo: float | None = it.low
    hi: float | None = it.high
    approx = it.approx
    nominal = it.stated or (it.low, it.high)
    if it.kind != "date":
        # Suffix cue: "205+", "200-plus", "200 or more", "200 or so", "200-odd".
        # A range takes a cue before it only ("some 2,000-3,000": SPEC's about
        # widens both ends; "up to 15,000-20,000" is at most the higher).
        sm = _SUFFIX.match(text, end) if approx != "range" else None
        if sm and not (sm.group("at_least") and sm.group().strip() == "+" and it.kind == "percent"):
            cue = sm.lastgroup or "about"
            end = sm.end()
            lo, hi, approx = _apply_cue(cue, lo, hi, approx, t, it.kind)
        else:
            pm = (
                _PREFIX.search(text, max(0, start - 32), start)
                if low is None
                else _PREFIX_CASED.search(low, max(0, start - 32), start)
            )
            if pm:
                cue = next(k for k in ("about", "at_least", "at_most") if pm.group(k) is not None)
                # "some" is a cue only before digits or number words, not "some hundreds"
                if not (
                    cue == "about" and pm.group().strip().lower() == "some" and approx == "vague"
                ):
                    start = pm.start()
                    lo, hi, approx = _apply_cue(cue, lo, hi, approx, t, it.kind)
    if it.kind == "date":
        pass
    if lo is not None and hi is not None and lo > hi:
        return None
    unit = it.unit
    try:
        value = Value(
            text=text[start:end],
            low=None if lo is None else _round(lo),
            high=None if hi is None else _round(hi),
            unit=unit,
            approx=approx,
        )
    except ValueError:
        return None
    return Quantity(start, end, value, it.nstart, it.nend, it.kind, nominal)


def _apply_cue(
    cue: str, lo: float | None, hi: float | None, approx: str, t: float, kind: str
) -> tuple[float | None, float | None, str]:
    if lo is None or hi is None:  # already open-ended: a second cue adds nothing
        return lo, hi, approx
    if cue == "at_least":
        return lo, None, "at_least"
    if cue == "at_most":
        return 0.0, hi, "at_most"
    # about
    if approx == "vague":
        return lo, hi, "vague"
    if kind == "year":
        return lo - 1, hi + 1, "about"
    a, b = lo * (1 - t), hi * (1 + t)
    return min(a, b), max(a, b), "about"


# --------------------------------------------------------------------------
# Editor input

_BRACKET = re.compile(
    r"^\s*[\[(]\s*(?P<lo>[^,\]]*?)\s*,\s*(?P<hi>[^\]\)]*?)\s*[\])]\s*(?P<unit>[A-Za-z%]+)?\s*$"
)
_INF = {"", "inf", "infinity", "∞", "+inf", "none", "null"}


def parse_value(text: str, tolerance: float = 0.10) -> Value:
    """Parse an editor's value string into a Value.

    Accepts whatever ``find_quantities`` reads when it is the whole string
    ("about 350,000", "more than 205", "between 200 and 300", "dozens",
    "205+", "40%", "350,000 SYP"), and the explicit interval notation
    "[200, 300]", "[205, ]" / "[205, inf]" (open top), optionally followed by a
    unit ("[200, 300] USD"). Raises ``InvalidInput`` otherwise.
    """
    if text is None or not str(text).strip():
        raise InvalidInput(
            "value is empty: give a number such as 205, 'about 350,000' or [200, 300]"
        )
    s = str(text).strip()
    bm = _BRACKET.match(s)
    if bm:
        lo = _bound(bm.group("lo"), s)
        hi = None if bm.group("hi").strip().lower() in _INF else _bound(bm.group("hi"), s)
        open_low = lo is None
        if lo is None:
            lo = 0.0
        if hi is not None and lo > hi:
            raise InvalidInput(f"value {s!r}: low {lo:g} is above high {hi:g}")
        unit = bm.group("unit") or "count"
        if unit in ("%", "percent"):
            unit = "percent"
        elif unit.upper() in CURRENCY_CODES:
            unit = unit.upper()
        elif unit not in ("count", "ratio", "year", "date"):
            raise InvalidInput(
                f"value {s!r}: unknown unit {unit!r} "
                "(count, percent, ratio, year, date or an ISO 4217 code such as SYP)"
            )
        if hi is None:
            approx = "at_least"
        elif open_low:
            approx = "at_most"
        else:
            approx = "exact" if lo == hi else "range"
        return Value(text=s, low=lo, high=hi, unit=unit, approx=approx)
    # An editor's bare "1500" is a count; a year is given with its unit.
    qs = _find(s, tolerance, years=False)
    if len(qs) == 1:
        q = qs[0]
        rest = (s[: q.start] + s[q.end :]).strip()
        if not rest:
            v = q.value
            if q.kind == "year" and v.approx == "exact":
                pass
            return v
    if len(qs) == 0:
        raise InvalidInput(
            f"value {s!r} is not a number expression "
            "(try 205, 'about 350,000', 'more than 205', 'between 200 and 300' or [200, 300])"
        )
    raise InvalidInput(
        f"value {s!r} is not a single number expression "
        "(try 205, 'about 350,000', 'more than 205', 'between 200 and 300' or [200, 300])"
    )


def _bound(s: str, whole: str) -> float | None:
    s = s.strip()
    if s.lower() in _INF:
        return None
    v = _digits_value(s)
    if v is None:
        qs = find_quantities(s)
        if len(qs) == 1 and qs[0].value.approx == "exact" and qs[0].value.low is not None:
            return qs[0].value.low
        raise InvalidInput(f"value {whole!r}: {s!r} is not a number")
    return v
