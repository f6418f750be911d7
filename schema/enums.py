"""Allowed values of every enumerated column (SPEC sections 2, 3, 4, 6).

Kept free of SQLAlchemy so provenance/ and cli/ can import them cheaply.
Order matters where it is a scale: HEDGE_LEVELS runs from strongest to
weakest commitment, GRADES from most to least reliable.
"""

HEDGE_LEVELS = ("certain", "probable", "possible", "unverified")
POLARITIES = ("affirmed", "denied")
CLAIM_STATUSES = ("candidate", "confirmed", "rejected", "retracted")
ORIGIN_KINDS = ("extracted", "manual")
APPROX_KINDS = ("exact", "about", "at_least", "at_most", "range", "vague")
SOURCE_KINDS = ("organisation", "person", "government", "outlet", "anonymous", "unnamed")
GRADES = ("A", "B", "C", "D", "E", "F")
CREDIBILITY = (1, 2, 3, 4, 5, 6)
VERDICT_REASONS = ("different-scope", "article-error", "figure-updated", "other")
