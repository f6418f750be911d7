"""SQL views claims_view and conflicts_view

Revision ID: 0002
Revises: 0001

Two read-only views so any SQL tool (Datasette, DuckDB, psql, a spreadsheet
connector) can read prov's data without knowing its tables:

* ``claims_view``: one row per claim, with the article, the outlet, the
  subject's canonical name (following one entity merge), the origin's name
  and kind, and the attribution chain as text ("Outlet → Relay → Origin").
* ``conflicts_view``: one row per finding, with the subject and measure of
  its claims, how many claims it involves, the claims as text
  ("#12 15,000 (SOHR); #14 3,000 (Fars)"), and whether its verdict still
  applies (``resolved`` = a verdict whose fingerprint matches the claims).

The SQL differs per dialect only where it must: ordered string aggregation
(``string_agg(... ORDER BY)`` on PostgreSQL, ``group_concat`` over an
ordered subquery on SQLite) and unpacking the JSON list of claim ids
(``json_array_elements_text`` / ``json_each``).

A note for later migrations: SQLite's batch mode recreates a table by
renaming a copy, and SQLite re-checks views on rename. A future migration
that batch-alters ``claim``, ``claim_link``, ``article``, ``outlet``,
``source``, ``entity`` or ``finding`` must drop these views first and
create them again after (import ``create_views``/``drop_views`` from here).
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARROW = " → "

_CLAIMS_COMMON = """
SELECT
    c.id AS claim_id,
    c.article_id,
    a.title AS article_title,
    a.url AS article_url,
    a.published AS article_published,
    a.ingested_at AS article_ingested_at,
    o.name AS outlet,
    c.quote,
    c.sentence,
    c.start_offset,
    c.end_offset,
    COALESCE(em.name, e.name, c.subject_text) AS subject,
    c.measure,
    c.value_text,
    c.low,
    c.high,
    c.unit,
    c.approx,
    c.as_of,
    c.place,
    c.hedge,
    c.polarity,
    c.status,
    c.origin_kind,
    s.name AS origin,
    s.kind AS origin_source_kind,
    s.grade AS origin_grade,
    {chain} AS chain,
    c.created_at,
    c.updated_at,
    c.updated_by
FROM claim c
JOIN article a ON a.id = c.article_id
LEFT JOIN outlet o ON o.id = a.outlet_id
LEFT JOIN entity e ON e.id = c.subject_id
LEFT JOIN entity em ON em.id = e.merged_into_id
LEFT JOIN source s ON s.id = c.origin_source_id
"""

_SQLITE_CHAIN = (
    "(SELECT group_concat(name, '{arrow}') FROM (SELECT ls.name AS name FROM claim_link l "
    "JOIN source ls ON ls.id = l.source_id WHERE l.claim_id = c.id ORDER BY l.position))"
).format(arrow=ARROW)

_POSTGRES_CHAIN = (
    "(SELECT string_agg(ls.name, '{arrow}' ORDER BY l.position) FROM claim_link l "
    "JOIN source ls ON ls.id = l.source_id WHERE l.claim_id = c.id)"
).format(arrow=ARROW)

_CONFLICTS_COMMON = """
SELECT
    f.id AS finding_id,
    f.kind,
    f.severity,
    f.question_key,
    (SELECT COALESCE(em.name, e.name, c.subject_text) FROM {ids} JOIN claim c ON c.id = {idval}
        LEFT JOIN entity e ON e.id = c.subject_id LEFT JOIN entity em ON em.id = e.merged_into_id
        ORDER BY c.id LIMIT 1) AS subject,
    (SELECT c.measure FROM {ids} JOIN claim c ON c.id = {idval} ORDER BY c.id LIMIT 1) AS measure,
    (SELECT count(*) FROM {ids}) AS claim_count,
    {claims} AS claims,
    f.opened_at,
    f.last_seen_at,
    f.closed_at,
    CASE WHEN f.verdict IS NOT NULL AND f.verdict_fingerprint = f.fingerprint
         THEN 1 ELSE 0 END AS resolved,
    f.verdict,
    f.verdict_note,
    f.verdict_by,
    f.verdict_at
FROM finding f
"""

_CLAIM_LABEL = (
    "'#' || c.id || ' ' || COALESCE(c.value_text, c.quote) || ' (' || COALESCE(s.name, '?') || ')'"
)

_SQLITE_CONFLICTS = _CONFLICTS_COMMON.format(
    ids="json_each(f.claim_ids) j",
    idval="j.value",
    claims=(
        "(SELECT group_concat(label, '; ') FROM (SELECT " + _CLAIM_LABEL + " AS label "
        "FROM json_each(f.claim_ids) j JOIN claim c ON c.id = j.value "
        "LEFT JOIN source s ON s.id = c.origin_source_id ORDER BY c.id))"
    ),
)

_POSTGRES_CONFLICTS = _CONFLICTS_COMMON.format(
    ids="json_array_elements_text(f.claim_ids::json) AS j(v)",
    idval="j.v::integer",
    claims=(
        "(SELECT string_agg(" + _CLAIM_LABEL + ", '; ' ORDER BY c.id) "
        "FROM json_array_elements_text(f.claim_ids::json) AS j(v) "
        "JOIN claim c ON c.id = j.v::integer LEFT JOIN source s ON s.id = c.origin_source_id)"
    ),
)


def create_views() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    claims = _CLAIMS_COMMON.format(chain=_SQLITE_CHAIN if sqlite else _POSTGRES_CHAIN)
    op.execute("CREATE VIEW claims_view AS " + claims)
    op.execute("CREATE VIEW conflicts_view AS " + (_SQLITE_CONFLICTS if sqlite else _POSTGRES_CONFLICTS))


def drop_views() -> None:
    op.execute("DROP VIEW IF EXISTS conflicts_view")
    op.execute("DROP VIEW IF EXISTS claims_view")


def upgrade() -> None:
    create_views()


def downgrade() -> None:
    drop_views()
