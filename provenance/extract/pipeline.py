"""Extraction pipeline (being built): sentences -> quantities -> claims."""

from __future__ import annotations

from provenance.model import ArticleMeta, ClaimDraft


def extract_claims(
    text: str, meta: ArticleMeta, *, lexicon: dict[str, str] | None, tolerance: float
) -> list[ClaimDraft]:
    return []
