"""Claim extraction: from an article's cleaned text to candidate claims.

Two entry points:

* ``extract(text, meta)`` is pure: no database, the same input always gives
  the same list of ``ClaimDraft`` objects. ``prov extract`` prints it.
* ``store_candidates(session, article, meta, actor=...)`` runs ``extract``
  with the measure lexicon and tolerance stored in the database and saves
  every draft through ``provenance.store.create_claim`` as an extracted
  candidate. ``prov ingest`` calls it once per article, inside the article's
  transaction.

Importing this package is cheap on purpose: spaCy and dateparser are only
imported by the submodules, which load the first time a text is extracted,
so commands that never extract keep their start-up time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from provenance.model import ArticleMeta, ClaimDraft

DEFAULT_TOLERANCE = 0.10


def extract(
    text: str,
    meta: ArticleMeta | None = None,
    *,
    lexicon: dict[str, str] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[ClaimDraft]:
    """Candidate claims found in ``text`` (pure; no database)."""
    from provenance.extract.pipeline import extract_claims
    from provenance.model import ArticleMeta

    return extract_claims(text, meta or ArticleMeta(), lexicon=lexicon, tolerance=tolerance)


def _tolerance(session: Any) -> float:
    """The tolerance setting when stored, else the default (t = 0.10)."""
    try:
        from provenance import settings as settings_mod  # owned by the conflicts helper

        getter = getattr(settings_mod, "get_setting", None) or getattr(settings_mod, "get", None)
        if getter is not None:
            return float(getter(session, "tolerance"))
    except (ImportError, KeyError, TypeError, ValueError):
        pass
    from schema.models import Setting

    row = session.get(Setting, "tolerance")
    if row is not None:
        try:
            return float(row.value)
        except ValueError:
            pass
    return DEFAULT_TOLERANCE


def store_candidates(session: Any, article: Any, meta: ArticleMeta, *, actor: str) -> int:
    """Extract ``article.text`` and store every draft as a candidate claim.

    Returns how many claims were stored. Runs inside the caller's transaction:
    if anything fails the caller rolls the whole article back.
    """
    from provenance.extract.measures import load_lexicon
    from provenance.store import create_claim

    drafts = extract(
        article.text, meta, lexicon=load_lexicon(session), tolerance=_tolerance(session)
    )
    for draft in drafts:
        create_claim(
            session, article, draft, actor=actor, origin_kind="extracted", status="candidate"
        )
    return len(drafts)


__all__ = ["DEFAULT_TOLERANCE", "extract", "store_candidates"]
