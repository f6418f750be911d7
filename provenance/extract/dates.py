"""as_of: the date or period a claim is about, as ISO 8601 text.

Design notes
------------
* Finding the expression is a small set of regular expressions over the
  claim's sentence (weekday, month, "mid-January", a year, "last week",
  "so far"...). *Resolving* it against the publication date is dateparser's
  job (``DateDataParser.get_date_data`` with ``RELATIVE_BASE`` = published,
  ``PREFER_DATES_FROM`` = past), which also tells the granularity (day,
  week, month, year) that decides the ISO form: "2025-02-06", a week window
  "2025-01-27/2025-02-02", "2025-01", "2016".
* "early/mid/late <Month>" are windows dateparser does not know: days 1-10,
  11-20 and 21-end of the month it resolves.
* A weekday naming the publication day itself ("on Thursday" in a Thursday
  paper) is the publication date; other weekdays are the latest such day
  before it (news speaks of the past week).
* "so far", "currently", "now", "to date", "as of now" -> the publication
  date: the figure is as of the day the article appeared.
* "at one point", "at its peak", "once", "over the years", "in the past" ->
  unknown (None) and stop the search: the text says the period is vague, so
  no other date in the sentence should be taken as the claim's.
* Without a publication date, relative expressions resolve to None; absolute
  ones ("in 2016", "January 2024") still resolve.
* Results are cached per (expression, publication date): a corpus repeats a
  handful of expressions, and dateparser costs a millisecond a call. The
  commonest forms are read directly, as dateparser reads them ("March 2019",
  "Oct 15", "Oct 15, 2016", "December", "last week", "two years ago"; the
  tests compare the two over drawn expressions and dates): dateparser only
  sees the rest.
* Speed: ``sentence_dates`` reads a sentence once for all its claims
  (``pick`` chooses per claim), and skips each pattern whose necessary
  characters are absent (no digit: no day or year; no month stem: no month
  pattern; no "day": no weekday). dateparser only runs on an expression a
  pattern found, never on a whole sentence, and its parser object is built
  once per settings.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from provenance.extract.scanning import cased_lower

MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH_ABBR = {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

UNKNOWN_CUES = re.compile(
    r"\b(?:at one point|at (?:its|their|the) (?:peak|height)|over the (?:past )?years|"
    r"in the past|at some point|at times|once had)\b",
    re.IGNORECASE,
)
NOW_CUES = re.compile(
    r"\b(?:so far|currently|to date|as of now|at present|presently|right now|now|"
    r"this week|today)\b",
    re.IGNORECASE,
)

# Ordered: the more specific patterns first; each group 'expr' is what dateparser gets.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "part_month",
        re.compile(
            rf"\b(?P<part>early|mid|late|the (?:start|beginning|middle|end) of)[- ]"
            rf"(?P<expr>{_MONTH_RE}(?:,? \d{{4}})?)",
            re.IGNORECASE,
        ),
    ),
    (
        "day",
        re.compile(
            rf"\b(?P<expr>{_MONTH_RE} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?|"
            rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH_RE}(?:,? \d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})\b"
        ),
    ),
    ("weekday", re.compile(rf"\b(?:on |last |this |since )?(?P<expr>{_WEEKDAY_RE})\b")),
    (
        "month",
        re.compile(
            rf"\b(?i:in|since|during|by|until|last|this) (?P<expr>{_MONTH_RE}(?: \d{{4}})?)\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<expr>yesterday|last (?:week|month|year)|this (?:month|year)|"
            r"(?:a|one|two|three) (?:weeks?|months?|years?) ago)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        re.compile(r"\b(?i:in|since|during|by|until|of|from|for) (?P<expr>(?:19|20)\d{2})\b(?!-)"),
    ),
    (
        # "a 2023 estimate put ...", "the 2019 census counted ...": the year of
        # the count is the period its figure is about.
        "year",
        re.compile(
            # Lookbehinds, so a scan starts at the digits, not at every "the".
            r"(?:(?<=\b[Aa] )|(?<=\b[Aa]n )|(?<=\b[Tt]he )|(?<=\b[Ii]ts )|(?<=\b[Tt]heir ))"
            r"(?P<expr>(?:19|20)\d{2}) (?=(?:estimate|report|survey|study|census|count|tally|"
            r"poll|assessment|review|audit|budget|figure|statistic|account)s?\b)"
        ),
    ),
]


def _iso_window(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


_MONTH_YEAR = re.compile(rf"({'|'.join(MONTHS)}) ((?:19|20)\d\d)")


@lru_cache(maxsize=4096)
def _parse(expr: str, published: date | None) -> tuple[date, str] | None:
    """dateparser's reading of ``expr``: (date, period) or None.

    "March 2019", the commonest expression and a new one for every year, is
    read directly: dateparser gives the first of the month whatever the
    publication date (tests/test_subjects_dates.py checks every month and
    year it covers), and costs a millisecond a call.
    """
    m = _MONTH_YEAR.fullmatch(expr)
    if m:
        return date(int(m.group(2)), MONTHS.index(m.group(1)) + 1, 1), "month"
    return _direct(expr, published) or _dateparser(expr, published)


_MONTH_NUMBER = {
    **{m: i + 1 for i, m in enumerate(MONTHS)},
    **{m[:3]: i + 1 for i, m in enumerate(MONTHS)},
    "Sept": 9,
}
_MONTH_DAY = re.compile(r"([A-Z][a-z]+)(?: (\d{1,2})(?:,? (\d{4}))?)?")
_RELATIVE = re.compile(r"(yesterday|last|this|a|one|two|three) ?(?:(week|month|year)s?)?( ago)?")
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "last": 1, "this": 0}


def _direct(expr: str, published: date | None) -> tuple[date, str] | None:
    """dateparser's reading of the expressions news repeats, without dateparser.

    "Oct 15, 2016" is that day; with a publication date, "Oct 15" is the
    latest Oct 15 up to it (a day that does not exist then, "Feb 29", or
    "Oct 47", which dateparser reads as a year, is left to it), "December"
    the latest December, and "yesterday", "last week / month / year", "this
    month / year", "two weeks ago" count back from it, as dateparser counts
    with ``PREFER_DATES_FROM`` past and ``PREFER_DAY_OF_MONTH`` first
    (tests/test_subjects_dates.py compares the two over drawn dates). None:
    not one of these, ask dateparser.
    """
    m = _MONTH_DAY.fullmatch(expr)
    if m and m.group(1) in _MONTH_NUMBER:
        month = _MONTH_NUMBER[m.group(1)]
        if m.group(3):
            year = int(m.group(3))
        elif published is None:
            return None
        elif m.group(2) is None:
            year = published.year - (month > published.month)
            return date(year, month, 1), "month"
        else:
            year = published.year - ((month, int(m.group(2))) > (published.month, published.day))
        day = int(m.group(2))
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return date(year, month, day), "day"
    if published is not None and expr[1:].islower() and (r := _RELATIVE.fullmatch(expr.lower())):
        word, unit, ago = r.groups()
        if word == "yesterday":
            return (published - timedelta(days=1), "day") if not (unit or ago) else None
        if unit is None or bool(ago) != (word not in ("last", "this")):
            return None
        if (unit + "s" in expr) != (word in ("two", "three")):
            return None  # "two week ago", "a weeks ago": dateparser's own reading
        back = _COUNTS[word]
        if unit == "week":
            return (published - timedelta(weeks=back), "week") if back else None
        months = published.year * 12 + published.month - 1 - (back if unit == "month" else 0)
        year = months // 12 - (back if unit == "year" else 0)
        return date(year, months % 12 + 1, 1), unit
    return None


def _dateparser(expr: str, published: date | None) -> tuple[date, str] | None:
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parser = _parser(tuple(sorted(settings.items())))
    try:
        data = parser.get_date_data(expr)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


@lru_cache(maxsize=256)
def _parser(settings: tuple[tuple[str, Any], ...]) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings))


def _has_year(expr: str) -> bool:
    return re.search(r"\d{4}", expr) is not None


def resolve(kind: str, expr: str, published: date | None, part: str | None = None) -> str | None:
    """ISO 8601 text for one found expression, or None when it cannot be placed."""
    if published is None and not _has_year(expr) and kind != "year":
        return None
    if kind == "year":
        return expr
    if kind == "weekday":
        target = WEEKDAYS.index(expr.capitalize())
        if published is None:
            return None
        back = (published.weekday() - target) % 7
        return (published - timedelta(days=back)).isoformat()
    parsed = _parse(expr.replace(".", ""), published)
    if parsed is None:
        return None
    when, period = parsed
    if kind in ("month", "part_month") or period == "month":
        month = when.strftime("%Y-%m")
        if kind != "part_month" or not part:
            return month
        last = calendar.monthrange(when.year, when.month)[1]
        part = part.lower()
        if part.startswith("early") or "start" in part or "beginning" in part:
            days = (1, 10)
        elif part.startswith("mid") or "middle" in part:
            days = (11, 20)
        else:
            days = (21, last)
        return _iso_window(
            date(when.year, when.month, days[0]), date(when.year, when.month, days[1])
        )
    if period == "year":
        return str(when.year)
    if period == "week":
        start = when - timedelta(days=when.weekday())
        return _iso_window(start, start + timedelta(days=6))
    return when.isoformat()


_DIGIT = re.compile(r"\d")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RELATIVE_HINTS = ("yesterday", "last ", "this ", "ago")


# Every "year" match holds " 19dd" or " 20dd"; every "day" match a month's
# stem or an ISO date. Both scans skip straight to their first character.
_YEARISH = re.compile(r" (?:19|20)\d\d")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# The IGNORECASE patterns of lowercase words, run case by case over the
# lowercased sentence when ``cased_lower`` allows it (several times faster).
_UNKNOWN_CASED = re.compile(UNKNOWN_CUES.pattern)
_NOW_CASED = re.compile(NOW_CUES.pattern)
_CASED = {"relative": re.compile(dict(_PATTERNS)["relative"].pattern)}


def _may_match(kind: str, sentence: str, low: str, digit: bool, month: bool) -> bool:
    """Cheap necessary conditions: skip a pattern that cannot match the sentence."""
    if kind == "day":
        return digit and (month or _ISO_DAY.search(sentence) is not None)
    if kind == "year":
        return digit and _YEARISH.search(sentence) is not None
    if kind in ("part_month", "month"):
        return month
    if kind == "weekday":
        return "day" in sentence
    return any(h in low for h in _RELATIVE_HINTS)  # relative


def sentence_dates(sentence: str, published: date | None) -> list[tuple[int, str]] | None:
    """Every resolvable date expression of ``sentence`` as (offset, ISO text).

    None when the sentence says its period is vague ("at one point"). A
    pipeline with several claims in one sentence computes this once and picks
    per claim with ``pick``.
    """
    # "at one point", "at the height of the war": the period is vague, unless
    # the sentence also names a calendar period ("In 2017, at the height of
    # the war, ..."); a weekday or "last week" then dates the report, not it.
    cased = cased_lower(sentence)
    if cased is None:
        vague = UNKNOWN_CUES.search(sentence) is not None
    else:
        vague = _UNKNOWN_CASED.search(cased) is not None
    low = sentence.lower()
    digit = _DIGIT.search(sentence) is not None
    month = any(stem in low for stem in _MONTH_STEMS)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        if not _may_match(kind, sentence, low, digit, month):
            continue
        if cased is not None and kind in _CASED:
            matches = _CASED[kind].finditer(cased)
        else:
            matches = pattern.finditer(sentence)
        for m in matches:
            span = m.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            expr = sentence[m.start("expr") : m.end("expr")]  # as written
            iso = resolve(kind, expr, published, m.groupdict().get("part"))
            if iso is not None and not (vague and kind in ("weekday", "relative")):
                found.append((span[0], iso))
    if vague and not found:
        return None
    return found


def pick(
    found: list[tuple[int, str]] | None,
    sentence: str,
    published: date | None,
    near: int | None = None,
) -> str | None:
    """The as_of for a claim at ``near`` from ``sentence_dates``'s result."""
    if found is None:
        return None
    if found:
        if near is None:
            return found[0][1]
        return min(found, key=lambda item: abs(item[0] - near))[1]
    if published is not None and _now(sentence):
        return published.isoformat()
    return None


def _now(sentence: str) -> bool:
    """``NOW_CUES.search(sentence)``, case by case when ``cased_lower`` allows it."""
    cased = cased_lower(sentence)
    if cased is None:
        return NOW_CUES.search(sentence) is not None
    return _NOW_CASED.search(cased) is not None


def find_as_of(sentence: str, published: date | None, near: int | None = None) -> str | None:
    """The as_of of a claim in ``sentence`` (ISO 8601 text) or None for unknown.

    ``near`` is the claim's offset inside the sentence: when several
    expressions are found, the closest one wins.
    """
    return pick(sentence_dates(sentence, published), sentence, published, near)


__all__ = ["find_as_of", "pick", "resolve", "sentence_dates"]
