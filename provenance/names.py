"""Name folding and resolution of sources, outlets and entities.

Design notes
------------
* ``fold`` is the lookup key for every alias: transliterated to ASCII with
  anyascii (so "Fātimiyūn" and "Fatimiyun" meet), casefolded, punctuation
  dropped, a leading article dropped, whitespace collapsed.
* Entities also get a *core* key with generic group words removed
  ("Liwa Fatemiyoun", "the Fatemiyoun Brigade", "Fatemiyoun militia" all have
  core "fatemiyoun"), and unresolved names are matched against known cores
  with rapidfuzz so transliteration variants ("Fatimiyoun") resolve too. The
  threshold keeps distinct groups apart (Fatemiyoun / Zainabiyoun score far
  below it). Every name that resolves is recorded as an alias, so the next
  lookup is exact.
* Sources resolve by exact folded alias only (plus their abbreviation, "SOHR"):
  a wrong merge of two sources would silently fake independence, which is
  worse than a duplicate an editor can alias.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache

from sqlmodel import Session, select

from schema.models import Entity, EntityAlias, Outlet, Source, SourceAlias

_ARTICLE = re.compile(r"^(the|a|an|al|el)\s+")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")

# Words that name the kind of group rather than the group itself.
GENERIC_GROUP_WORDS = frozenset(
    """liwa lewa brigade brigades division divisions militia militias group groups
    battalion battalions regiment forces force movement organisation organization
    army corps front pro iran iranian backed""".split()
)

FUZZY_THRESHOLD = 86.0


def now() -> datetime:
    return datetime.now(UTC)


# Bounded caches: a long extraction run meets new names forever, and memory
# must stay flat over a corpus; 8,192 recent names cover any article's.
@lru_cache(maxsize=8192)
def fold(name: str) -> str:
    """Lookup key: ASCII, casefolded, no punctuation or leading article (cached: pure)."""
    from anyascii import anyascii

    text = anyascii(name).casefold().replace("'", "").replace("’", "")
    text = _NON_WORD.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return _ARTICLE.sub("", text)


@lru_cache(maxsize=8192)
def core(name: str) -> str:
    """Entity key without generic group words ("liwa fatemiyoun" -> "fatemiyoun")."""
    words = [w for w in fold(name).split() if w not in GENERIC_GROUP_WORDS]
    return " ".join(words) or fold(name)


_ACRONYM_SKIP = frozenset({"a", "an", "of", "for", "and", "the", "on", "in", "to"})
# A last word that a body's acronym usually leaves out: the Armed Conflict
# Location & Event Data Project is ACLED.
_ACRONYM_TAIL = frozenset({"project", "programme", "program", "initiative"})
_NAME_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=8192)
def acronyms(name: str) -> tuple[str, ...]:
    """The acronyms a name of three words or more is written as, folded.

    "Syrian Observatory for Human Rights" -> ("sohr",); "Armed Conflict
    Location & Event Data Project" -> ("acledp", "acled"); "UN High
    Commissioner for Refugees" -> ("uhcr", "unhcr"): a word in capitals
    gives all its letters, or none ("Office of the UN High Commissioner for
    Human Rights" is OHCHR). The first is the plain initials.
    """
    from anyascii import anyascii

    words = [w for w in _NAME_WORD.findall(anyascii(name)) if w.casefold() not in _ACRONYM_SKIP]
    if len(words) < 3:
        return ()
    shapes = [words]
    if words[-1].casefold() in _ACRONYM_TAIL:
        shapes.append(words[:-1])
    found: list[str] = []
    for shape in shapes:
        capitals = [w.isupper() and 2 <= len(w) <= 4 for w in shape]
        variants = ["".join(w[0] for w in shape)]
        if any(capitals):
            variants.append("".join(w if c else w[0] for w, c in zip(shape, capitals, strict=True)))
            variants.append("".join(w[0] for w, c in zip(shape, capitals, strict=True) if not c))
        for v in variants:
            v = v.casefold()
            if len(v) >= 3 and v not in found:
                found.append(v)
    return tuple(found)


def acronym(name: str) -> str | None:
    """ "Syrian Observatory for Human Rights" -> "sohr": the plain initials."""
    found = acronyms(name)
    return found[0] if found else None


_ACRONYM_NAME = re.compile(r"[A-Z][A-Z&]{1,9}")


# --------------------------------------------------------------------------
# Sources and outlets


def find_source(session: Session, name: str) -> Source | None:
    key = fold(name)
    if not key:
        return None
    alias = session.exec(select(SourceAlias).where(SourceAlias.folded == key)).first()
    if alias is None and " and " in key:
        # Folding drops "&": "Location and Event" finds "Location & Event".
        squeezed = key.replace(" and ", " ")
        alias = session.exec(select(SourceAlias).where(SourceAlias.folded == squeezed)).first()
    if alias is not None:
        return live_source(session, session.get(Source, alias.source_id))
    return live_source(
        session, session.exec(select(Source).where(Source.name == name.strip())).first()
    )


def live_source(session: Session, source: Source | None) -> Source | None:
    """Follow merges to the surviving source (an editor's ``prov sources merge``)."""
    seen = set()
    while source is not None and source.merged_into_id is not None and source.id not in seen:
        seen.add(source.id)
        source = session.get(Source, source.merged_into_id)
    return source


def add_source_alias(session: Session, source: Source, alias: str) -> bool:
    """Record ``alias`` for ``source``; False if the folded form is taken already."""
    key = fold(alias)
    if not key:
        return False
    existing = session.exec(select(SourceAlias).where(SourceAlias.folded == key)).first()
    if existing is not None:
        return existing.source_id == source.id
    assert source.id is not None
    session.add(SourceAlias(source_id=source.id, alias=alias.strip(), folded=key))
    session.flush()
    return True


def resolve_source(
    session: Session, name: str, kind: str = "organisation", *, create: bool = True
) -> Source | None:
    """The Source called ``name`` (by any alias), created if missing and allowed."""
    source = find_source(session, name)
    if source is not None or not create:
        return source
    # Only bodies go by acronyms: "an Iraqi security official" and "an
    # Israeli security official" must not meet as "ISO", nor a person's
    # initials name anyone.
    abbreviations = acronyms(name) if kind in ("organisation", "government", "outlet") else ()
    for abbreviation in abbreviations:
        # Met first by its acronym alone ("ACLED said"), now by its full
        # name: one source, so one origin, not two.
        known = find_source(session, abbreviation)
        if (
            known is not None
            and _ACRONYM_NAME.fullmatch(known.name)
            and fold(known.name) in abbreviations
            and not _spelled_out(session, known)
        ):
            for alias in (name, *(a.upper() for a in abbreviations)):
                add_source_alias(session, known, alias)
            return known
    source = Source(name=name.strip(), kind=kind, created_at=now())
    session.add(source)
    session.flush()
    add_source_alias(session, source, name)
    for abbreviation in abbreviations:
        add_source_alias(session, source, abbreviation.upper())
    return source


def _spelled_out(session: Session, source: Source) -> bool:
    """Whether a source named by an acronym has a long name among its aliases."""
    aliases = session.exec(select(SourceAlias.alias).where(SourceAlias.source_id == source.id))
    return any(acronyms(alias) for alias in aliases.all())


def get_or_create_outlet(session: Session, name: str, domain: str | None = None) -> Outlet:
    """The Outlet called ``name``; an outlet is also a Source of kind outlet."""
    outlet = session.exec(select(Outlet).where(Outlet.name == name.strip())).first()
    if outlet is None and domain:
        outlet = session.exec(select(Outlet).where(Outlet.domain == domain)).first()
    if outlet is not None:
        survivor = live_source(session, session.get(Source, outlet.source_id))
        if survivor is not None and survivor.id != outlet.source_id:
            # Its source was merged into another publisher: that one's outlet.
            kept = session.exec(select(Outlet).where(Outlet.source_id == survivor.id)).first()
            outlet = kept or outlet
        source = None
    else:
        source = resolve_source(session, name, kind="outlet")
        assert source is not None and source.id is not None
        # Another name of a publisher already known ("AFP", "Agence
        # France-Presse"): one outlet.
        outlet = session.exec(select(Outlet).where(Outlet.source_id == source.id)).first()
    if outlet is not None:
        if domain and not outlet.domain:
            outlet.domain = domain
            session.add(outlet)
        return outlet
    assert source is not None and source.id is not None
    if source.kind != "outlet":
        # A name first met as an attributed source turns out to publish too.
        source.kind = "outlet"
        session.add(source)
    outlet = Outlet(name=name.strip(), domain=domain, source_id=source.id)
    session.add(outlet)
    session.flush()
    return outlet


# --------------------------------------------------------------------------
# Entities


def _live(session: Session, entity: Entity) -> Entity:
    """Follow merges to the surviving entity."""
    seen = set()
    while entity.merged_into_id is not None and entity.id not in seen:
        seen.add(entity.id)
        nxt = session.get(Entity, entity.merged_into_id)
        if nxt is None:
            break
        entity = nxt
    return entity


def subject_ids(session: Session, name: str) -> list[int]:
    """The entity ``name`` resolves to, then the entities merged into it: every
    subject id a filter on that name must match. NotFound when none does."""
    from provenance.errors import NotFound

    entity = find_entity(session, name)
    if entity is None or entity.id is None:
        raise NotFound(f"no entity matches {name!r}")
    merged = session.exec(select(Entity.id).where(Entity.merged_into_id == entity.id)).all()
    return [entity.id, *(m for m in merged if m is not None)]


def find_entity(session: Session, name: str, *, fuzzy: bool = True) -> Entity | None:
    """Resolve a name to an Entity: exact alias, then core alias, then fuzzy core."""
    key = fold(name)
    if not key:
        return None
    for candidate in dict.fromkeys((key, core(name))):
        alias = session.exec(select(EntityAlias).where(EntityAlias.folded == candidate)).first()
        if alias is not None:
            entity = session.get(Entity, alias.entity_id)
            return _live(session, entity) if entity else None
    if not fuzzy:
        return None
    from rapidfuzz import fuzz, process

    target = core(name)
    rows = session.exec(select(EntityAlias.folded, EntityAlias.entity_id)).all()
    if not rows:
        return None
    choices = dict(rows)
    best = process.extractOne(
        target, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
    )
    if best is None:
        return None
    entity = session.get(Entity, choices[best[0]])
    return _live(session, entity) if entity else None


def add_entity_alias(session: Session, entity: Entity, alias: str) -> bool:
    """Record ``alias`` (and its core) for ``entity``; False if taken by another."""
    assert entity.id is not None
    ok = True
    for key in dict.fromkeys((fold(alias), core(alias))):
        if not key:
            continue
        existing = session.exec(select(EntityAlias).where(EntityAlias.folded == key)).first()
        if existing is None:
            session.add(EntityAlias(entity_id=entity.id, alias=alias.strip(), folded=key))
        elif existing.entity_id != entity.id:
            ok = False
    session.flush()
    return ok


def resolve_entity(session: Session, name: str, *, create: bool = True) -> Entity | None:
    """The Entity ``name`` refers to, created (with its aliases) if missing."""
    entity = find_entity(session, name)
    if entity is not None:
        add_entity_alias(session, entity, name)  # next time, an exact hit
        return entity
    if not create or not fold(name):
        return None
    entity = Entity(name=name.strip(), created_at=now())
    session.add(entity)
    session.flush()
    add_entity_alias(session, entity, name)
    return entity
