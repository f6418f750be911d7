"""From raw bytes to a clean article body and what the text says about itself.

Design notes
------------
* **Decoding.** A byte-order mark wins; then strict UTF-8 (what nearly every
  page and editor writes); then charset-normalizer's detection. Two guards
  keep detection from producing mojibake: bytes that hold *valid* UTF-8
  multi-byte sequences next to invalid ones are broken UTF-8, not Windows-1252,
  and are refused with the offset of the first bad byte; and among equally
  plausible single-byte code pages cp1252 is preferred, since charset-normalizer
  ranks cp1250 first on short Western text ("naïve" would become "naďve").
  NUL bytes mean binary. Every refusal is an ``InvalidInput`` with a message
  that says which of these it was.
* **HTML** goes through trafilatura (main-content extraction; navigation,
  share widgets, comment sections and footers dropped) and its metadata
  reader (``og:``/``article:`` tags, ``<title>``, canonical URL, site name).
  trafilatura is imported only here and only for HTML, so commands that never
  read HTML do not pay for it.
* **Pasted text** has no markup to go by, so debris is recognised line by
  line: whole lines that are page furniture ("Logo Wide", "Search", "Share
  this:", cookie banners, comment-form labels), furniture glued to the end of
  a sentence by a careless copy ("…in Iran.Logo Wide"), and end-of-article
  markers ("LEAVE A REPLY", "Helpful keywords", "Related posts") after which
  everything is footer. Lines are only dropped when they are short and match
  a known shape; an ordinary sentence that merely contains "search" stays.
* **Metadata** comes, in order of trust, from command-line options, a header
  block at the top of a text file (``Title:``, ``Outlet:``, ``URL:``,
  ``Published:``; removed from the body), HTML metadata, and finally the text
  itself: the headline line, a dateline ("February 6, 2025") near the top, an
  outlet in a byline or in "This article was edited by X". Dates are parsed
  with dateutil (dateparser, heavier, only as a fallback for option values).
* **Whole-article relays and disclaimers.** "…, according to Asharq
  Al-Awsat." in the standfirst, or "This article was originally published by
  X", means every figure in the article came through X: it is stored once as
  ``Article.relay_source_id`` and the extractor puts it in every chain. A
  publisher's "has not verified the content of this story" is stored as
  ``Article.disclaimer`` and read by the extractor to set hedges. Both stay
  in the body: the body is what claim offsets point into, and nothing a
  reader could check is removed from it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from provenance.errors import InvalidInput
from provenance.model import ArticleMeta

# --------------------------------------------------------------------------
# Decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A valid UTF-8 multi-byte sequence (2, 3 or 4 bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PREFERRED_CODEPAGES = ("cp1252", "latin_1", "iso8859_15")


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text. Returns (text, encoding name).

    Raises InvalidInput for empty, binary and undecodable input.
    """
    if not data.strip():
        raise InvalidInput("empty: no text in it")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise InvalidInput(
                    f"broken {encoding.upper()}: invalid bytes at offset {exc.start}"
                ) from None
    if b"\x00" in data:
        raise InvalidInput("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if declared and declared.lower().replace("-", "") not in ("utf8", "utf_8"):
        try:
            return _checked(data.decode(declared)), declared
        except (LookupError, UnicodeDecodeError):
            pass
    if _UTF8_MULTIBYTE.search(data):
        raise InvalidInput(
            f"broken UTF-8: invalid byte 0x{data[first_bad]:02x} at offset {first_bad} "
            "among valid UTF-8 text"
        )
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise InvalidInput(
            f"not valid UTF-8 (invalid byte 0x{data[first_bad]:02x} at offset {first_bad}) "
            "and no other text encoding fits"
        )
    best = results[0]
    for result in results:
        if result.encoding in _PREFERRED_CODEPAGES and result.chaos <= best.chaos:
            best = result
            break
    if best.chaos > 0.3:
        raise InvalidInput(
            f"not valid UTF-8 (invalid byte 0x{data[first_bad]:02x} at offset {first_bad}) "
            "and no text encoding reads it cleanly"
        )
    return _checked(str(best)), best.encoding


def _checked(text: str) -> str:
    """Refuse text that decodes but is mostly control characters (binary)."""
    if "\x00" in text:
        raise InvalidInput("binary file (contains NUL characters), not text")
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InvalidInput("binary file (control characters), not text")
    if not text.strip():
        raise InvalidInput("empty: no text in it")
    return text


# --------------------------------------------------------------------------
# Text debris

# Whole lines that are page furniture (compared casefolded, trailing ':' and
# spaces stripped).
_DEBRIS_LINES = frozenset(
    """logo|logo wide|search|menu|home|close|share|share this|share on|tweet|print|email|
    e-mail|whatsapp|facebook|twitter|telegram|linkedin|reddit|pinterest|copy link|
    advertisement|advertisements|sponsored|skip to content|skip to main content|
    toggle navigation|back to top|loading|loading...|read more|read also|see also|
    subscribe|newsletter|sign in|log in|login|register|comments|comment|post comment|
    submit comment|cancel reply|name|email address|website|tags|related|more|
    follow us|like this|like|you may also like|trending|most read|popular|latest|
    latest news|top stories|breaking news|previous|next|previous article|next article|
    all rights reserved|cookie settings|accept|accept all|reject all|manage cookies|
    privacy policy|terms of use|contact us|about us|•|·|||-|—|–""".replace("\n", "").split("|")
)
_DEBRIS_LINES = frozenset(s.strip() for s in _DEBRIS_LINES if s.strip())

# After one of these lines, the rest of the page is footer.
_TAIL_MARKERS = frozenset(
    {
        "leave a reply",
        "leave a comment",
        "helpful keywords",
        "related posts",
        "related articles",
        "related stories",
        "related news",
        "you may also like",
        "more stories",
        "more from this author",
        "post navigation",
        "comments are closed",
        "recommended for you",
        "read next",
    }
)

_DEBRIS_PATTERNS = [
    # cookie banners
    re.compile(
        r"\b(we use cookies|this (web)?site uses cookies|uses cookies to|accept (all )?cookies|"
        r"cookie (policy|settings|preferences|consent)|by continuing to (use|browse))\b",
        re.I,
    ),
    # comment forms
    re.compile(
        r"^(your email address will not be published|required fields are marked|"
        r"save my name,? email|notify me of (follow-up|new) (comments|posts)|"
        r"(name|email|website|comment)\s*\*|you must be logged in to post)",
        re.I,
    ),
    # share and follow widgets
    re.compile(
        r"^(share (this|on|via|article|story)|click to (share|print|email)|follow us( on)?|"
        r"subscribe to( our)?|sign up (for|to) (our|the)|join our (newsletter|channel)|"
        r"tags?\s*:|posted in\b|filed under\b|categories\s*:|breadcrumbs?\b|"
        r"(copyright\s*)?©|home\s*[>»/|])",
        re.I,
    ),
]
_SHARE_TOKENS = frozenset(
    "facebook twitter x whatsapp email e-mail telegram linkedin reddit pinterest print share "
    "copy link messenger viber tumblr flipboard".split()
)
_NAV_PARTS = frozenset(
    "home|contact|contact us|advertise|advertising|privacy|privacy policy|terms|"
    "terms of use|about|about us|subscribe|newsletter|careers|archive|login|sign in|rss|"
    "sitemap|cookies|news|opinion|analysis|features|sports|video".split("|")
)
_PHONE = re.compile(r"\+?\d[\d ().-]{7,}\d")
_CONTACT = re.compile(r"\b(contact|call|newsroom|tips?|hotline|phone|tel|whatsapp)\b", re.I)
_LINK_LINE = re.compile(
    r"^(read more|read also|see also|related|more|source link)\s*:\s*\S+$", re.I
)
_PAGE = re.compile(r"^page \d+( of \d+)?$", re.I)
_SECTION_LABELS = frozenset({"analysis", "opinion", "news", "features", "world", "middle east"})


_WORD_SEPARATORS = re.compile(r"[\s|·•/]+")
_FIRST_WORD = re.compile(r"[^\s|·•/]+")
_PART_SEPARATORS = re.compile(r"\s*[|·•]\s*")
_END_PUNCT = re.compile(r"[.!?]$")


def _is_widget_line(line: str, key: str | None = None) -> bool:
    """Share bars, pipe-separated navigation, contact/phone lines, link stubs."""
    if key is None:
        key = _key(line)
    if key in _SECTION_LABELS or _PAGE.match(key) or _LINK_LINE.match(line.strip()):
        return True
    first = _FIRST_WORD.search(key)
    if first is None or first[0] in _SHARE_TOKENS:  # else the first word fails all()
        words = _WORD_SEPARATORS.split(key)
        if words and all(w in _SHARE_TOKENS for w in words if w):
            return True
    # Without a separator there is one part, and both part rules need several.
    if "|" in key or "·" in key or "•" in key:
        parts = [p.strip() for p in _PART_SEPARATORS.split(key) if p.strip()]
        if len(parts) >= 2 and any(p.split(":")[0].strip() in _NAV_PARTS for p in parts):
            return True
        if (
            len(parts) >= 3
            and all(len(p.split()) <= 4 for p in parts)
            and not _END_PUNCT.search(key)
        ):
            return True
    return bool(_PHONE.search(line) and _CONTACT.search(line))


# Furniture glued to the end of a sentence: "…across Iran.Logo Wide".
_GLUED_TAIL = re.compile(
    r"(?<=[.!?\"”’)\]])\s*(logo wide|logo|search|menu|share this:?|share|leave a reply|"
    r"helpful keywords|related posts|read more|advertisement)\s*$",
    re.I,
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


_GLUED_LAST_CHARS = frozenset("eohusytEOHUSYT:ſ")
_COOKIE_WORDS = ("cookie", "by continuing to")


def _key(line: str) -> str:
    return line.strip().rstrip(":").strip().casefold()


def _matches_debris_pattern(line: str) -> bool:
    cookies, comment_form, share = _DEBRIS_PATTERNS
    # Every cookie-banner phrase contains one of these; for ASCII text,
    # re.IGNORECASE is plain ASCII case-folding, so the test is exact.
    if not line.isascii() or any(w in line.lower() for w in _COOKIE_WORDS):
        if cookies.search(line):
            return True
    # The other two are anchored at the start: match == search.
    return bool(comment_form.match(line) or share.match(line))


def is_debris_line(line: str) -> bool:
    """True when a whole line is page furniture, not article text."""
    key = _key(line)
    if not key:
        return False
    if key in _DEBRIS_LINES or key in _TAIL_MARKERS:
        return True
    if len(key) > 160:
        return False
    return _is_widget_line(line, key) or _matches_debris_pattern(line.strip())


def _strip_glued_tail(line: str) -> str:
    """Remove furniture glued to the end of a stripped line, repeatedly."""
    # Every _GLUED_TAIL word ends in one of these characters (or "share this:"
    # in ':'); 'ſ' matches 's' under re.IGNORECASE. Most lines end otherwise.
    while line and line[-1] in _GLUED_LAST_CHARS:
        stripped = _GLUED_TAIL.sub("", line).rstrip()
        if stripped == line:
            break
        line = stripped
    return line


def clean_text(text: str) -> str:
    """Normalise whitespace and drop page debris from pasted article text."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # _SPACES never matches a newline: one pass over the text, not one per line.
    text = _SPACES.sub(" ", text)
    lines: list[str] = []
    content_lines = 0
    for raw in text.split("\n"):
        line = _strip_glued_tail(raw.strip())
        if not line:
            lines.append("")
            continue
        if content_lines >= 1 and _key(line) in _TAIL_MARKERS:
            break
        if is_debris_line(line):
            continue
        lines.append(line)
        content_lines += 1
    # Paragraphs separated by exactly one blank line.
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# --------------------------------------------------------------------------
# HTML


@dataclass
class HtmlResult:
    text: str
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    domain: str | None = None


def clean_html(html: str, *, url: str | None = None) -> HtmlResult:
    """Main text and metadata of an HTML page (trafilatura), cleaned."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    body = data.get("text") or ""
    if not body.strip():
        body = trafilatura.html2txt(html) or ""
    # trafilatura separates paragraphs with one newline; text files use a blank line.
    body = "\n\n".join(p for p in body.split("\n") if p.strip())
    meta = ArticleMeta(
        title=_clean_meta(data.get("title")),
        outlet=_clean_meta(data.get("sitename")),
        url=_clean_meta(data.get("url")) or url,
        published=parse_date(str(data["date"])) if data.get("date") else None,
    )
    domain = _clean_meta(data.get("hostname"))
    return HtmlResult(text=clean_text(body), meta=meta, domain=domain)


def _clean_meta(value: object) -> str | None:
    if not value or not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


_HTML_TAG = re.compile(r"<(html|head|body|article|p|div)[\s>]")


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return "<" in head and (
        head.startswith(("<!doctype html", "<html")) or bool(_HTML_TAG.search(head))
    )


# --------------------------------------------------------------------------
# Dates

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATELINE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)


def parse_date(value: str, *, fuzzy_fallback: bool = False) -> date | None:
    """A calendar date from text ("February 6, 2025", "2025-02-06T10:00Z")."""
    from dateutil import parser

    value = value.strip()
    if not value:
        return None
    if _ISO_DAY.match(value):
        try:  # what dateutil returns for YYYY-MM-DD, at a fraction of the cost
            return date.fromisoformat(value)
        except ValueError:
            pass
    try:
        return parser.parse(value).date()
    except (ValueError, OverflowError, TypeError):
        pass
    try:
        return parser.isoparse(value).date()
    except (ValueError, OverflowError):
        pass
    if fuzzy_fallback:
        import dateparser

        parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
        if parsed is not None:
            return parsed.date()
    return None


# --------------------------------------------------------------------------
# Metadata from text

_HEADER = re.compile(r"^\s*(title|outlet|url|published|date|author|byline)\s*:\s*(.*?)\s*$", re.I)
_NAME = (
    r"((?:[Tt]he\s+)?[A-Z][\w’'\-&]*(?:\s+(?:[A-Z][\w’'\-&]*|al|el|of|for|the|and|on|de|"
    r"[Aa]l-[A-Z][\w’'\-]*)){0,7})"
)
_BYLINE = re.compile(r"^(?:by|from|source|published by|written by)\s*[:\-–—]?\s*(.+)$", re.I)
_EDITED_BY = re.compile(rf"\b[Tt]his (?:article|story|report) was edited by {_NAME}")
_RELAY_PATTERNS = [
    re.compile(
        rf"\b(?:[Tt]his (?:article|story|report) (?:was )?(?:originally |first )?"
        rf"(?:published|appeared) (?:by|in|on)|[Oo]riginally published (?:by|in|on)|"
        rf"[Rr]epublished (?:from|with permission from)|[Tt]ranslated from) {_NAME}"
    ),
]
_STANDFIRST_RELAY = re.compile(rf",?\s+according to {_NAME}\s*\.?\s*$")
_DISCLAIMER = re.compile(
    r"\b(ha(?:s|ve) not (?:independently )?verified (?:the )?(?:content|information|accuracy)|"
    r"responsibility for the (?:information|content|views)[^.]*lies|"
    r"does not necessarily reflect the (?:views|position))",
    re.I,
)
_OUTLET_WORDS = re.compile(
    r"\b(news|observer|times|post|agency|press|daily|journal|herald|tribune|gazette|monitor|"
    r"network|tv|radio|media|online|today|review|chronicle|guardian|telegraph|reuters|afp|"
    r"al-\w+|asharq|aawsat|jazeera|arabiya|sputnik|irna|tasnim|fars|anadolu|associated)\b",
    re.I,
)
_RELAY_WORDS = ("published ", "appeared ", "ranslated from ")
_DISCLAIMER_WORDS = ("verified", "responsibility for the", "necessarily reflect")
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+|$)")
MAX_TITLE = 1000


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A ``Key: value`` block at the top of a text file, and the text after it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    header: dict[str, str] = {}
    while i < len(lines):
        m = _HEADER.match(lines[i].lstrip("\ufeff"))
        if not m:
            break
        key = m[1].lower()
        key = {"date": "published", "byline": "author"}.get(key, key)
        header.setdefault(key, m[2])
        i += 1
    if not header or not any(k in header for k in ("title", "outlet", "url", "published")):
        return {}, text
    return header, "\n".join(lines[i:])


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _is_dateline(line: str) -> bool:
    stripped = DATELINE.sub("", line)
    return bool(DATELINE.search(line)) and len(re.sub(r"[\W\d_]+", "", stripped)) <= 25


def _is_city_dateline(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 3 and line.upper() == line and not any(c.isdigit() for c in line)


def _headline(lines: list[str]) -> str | None:
    for line in lines[:4]:
        if _is_dateline(line) or _is_city_dateline(line) or _BYLINE.match(line):
            continue
        words = line.split()
        if len(line) > 200 or len(words) < 3:
            return None
        if line.endswith(".") and not line.endswith("..."):
            return None
        return line
    return None


def _outletish(name: str) -> str | None:
    name = name.strip().strip(".,;:|").strip()
    if not name or len(name) > 120:
        return None
    return name


_DESK = re.compile(
    r"^(.+?)\s*[-–—|,]\s*(?:news desk|newsroom|staff|staff writer|staff reporter|"
    r"correspondents?|reporters?|desk|wires?)$",
    re.I,
)


_DESK_LAST = frozenset("EFKMRSTefkmrst\u017f\u212a")


def _outlet_from_byline(lines: list[str]) -> str | None:
    for line in lines:
        # Every desk word ends in one of _DESK_LAST (re.I equivalents included).
        desk = _DESK.match(line) if line and line[-1] in _DESK_LAST else None
        if desk and len(line) <= 100 and not _BYLINE.match(line):
            return _outletish(desk[1])
        m = _BYLINE.match(line)
        if not m or len(line) > 150:
            continue
        parts = [p for p in re.split(r"\s*(?:,|\||–|—|\s-\s|/)\s*", m[1]) if p.strip()]
        # "By Jane Doe, The Levant Times": the part after the author names the outlet.
        for part in parts[1:] + parts[:1]:
            if _OUTLET_WORDS.search(part) or part.lower().startswith("the "):
                return _outletish(part)
    return None


def _name(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().rstrip(".,;:")
    return value if len(value) >= 2 else None


def text_meta(text: str) -> ArticleMeta:
    """What a cleaned article body says about itself (no header block)."""
    paragraphs = _paragraphs(text)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    top = lines[:12]
    meta = ArticleMeta()
    meta.title = _headline(lines)
    for line in top:
        m = DATELINE.search(line)
        if m and (_is_dateline(line) or re.search(r"\b(published|updated|posted)\b", line, re.I)):
            meta.published = parse_date(m[0])
            if meta.published:
                break
    meta.outlet = _outlet_from_byline(top + lines[-5:])
    # Cheap substring tests first: each is contained in every match of the
    # regex it guards (case-sensitive literals, or ASCII text under re.I).
    edited = _EDITED_BY.search(text) if "was edited by " in text else None
    edited_by = _name(edited[1]) if edited else None
    if edited_by and not meta.outlet:
        meta.outlet = edited_by
    # Whole-article relay: the standfirst (first paragraphs after the headline).
    standfirst = [ln for para in paragraphs[:3] for ln in para.split("\n")]
    for line in standfirst:
        # A relay standfirst frames the article; a lead with figures is a claim.
        if len(line) > 300 or line == meta.title or any(c.isdigit() for c in line):
            continue
        m = _STANDFIRST_RELAY.search(line) if "according to " in line else None
        if m and _name(m[1]):
            meta.relay = _name(m[1])
            break
    if meta.relay is None and any(w in text for w in _RELAY_WORDS):
        for pattern in _RELAY_PATTERNS:
            m = pattern.search(text)
            if m and _name(m[1]):
                meta.relay = _name(m[1])
                break
    lowered = text.lower() if text.isascii() else None
    maybe_disclaimer = lowered is None or any(w in lowered for w in _DISCLAIMER_WORDS)
    for para in reversed(paragraphs if maybe_disclaimer else []):
        if _DISCLAIMER.search(para):
            sentences = [s.strip() for s in _SENTENCE.findall(para) if s.strip()]
            hits = [s for s in sentences if _DISCLAIMER.search(s)]
            meta.disclaimer = " ".join(hits) or para
            break
    return meta


def merge_meta(*layers: ArticleMeta) -> ArticleMeta:
    """The first non-empty value of each field, most trusted layer first."""
    out = ArticleMeta()
    for name in ("title", "outlet", "url", "published", "disclaimer", "relay"):
        for layer in layers:
            value = getattr(layer, name)
            if value:
                setattr(out, name, value)
                break
    if out.title:
        out.title = out.title[:MAX_TITLE]
    if out.relay and out.outlet and out.relay.casefold() == out.outlet.casefold():
        out.relay = None  # an outlet does not relay itself
    return out


def header_meta(header: dict[str, str]) -> ArticleMeta:
    published = header.get("published")
    parsed = parse_date(published) if published else None
    if published and parsed is None:
        raise InvalidInput(f"header Published: {published!r} is not a date")
    return ArticleMeta(
        title=header.get("title") or None,
        outlet=header.get("outlet") or None,
        url=header.get("url") or None,
        published=parsed,
    )


def article_from_text(text: str) -> tuple[str, ArticleMeta]:
    """Header block, cleaned body, and metadata of a plain-text article."""
    header, rest = split_header(text)
    if looks_like_html(rest):
        result = clean_html(rest)
        body = result.text
        meta = merge_meta(header_meta(header), result.meta, text_meta(body))
        return body, meta
    body = clean_text(rest)
    meta = merge_meta(header_meta(header), text_meta(body))
    return drop_repeated_headline(body, meta.title), meta


def drop_repeated_headline(body: str, title: str | None) -> str:
    """Pages often print the headline twice (breadcrumb or H1, then again):
    keep its first occurrence only."""
    if not title:
        return body
    lines = body.split("\n")
    seen = False
    kept = []
    for line in lines:
        if line == title:
            if seen:
                continue
            seen = True
        kept.append(line)
    return clean_text("\n".join(kept)) if len(kept) != len(lines) else body


__all__ = [
    "HtmlResult",
    "article_from_text",
    "clean_html",
    "clean_text",
    "decode_bytes",
    "header_meta",
    "is_debris_line",
    "looks_like_html",
    "merge_meta",
    "parse_date",
    "split_header",
    "text_meta",
]
