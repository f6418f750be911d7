"""The HTML report escapes article-derived text and carries no script."""

from __future__ import annotations

from html.parser import HTMLParser

from provenance.db import get_engine, session_scope
from provenance.report import render_html, render_markdown, weekly_report
from tests.test_views import _seed

PAYLOAD = '<script>console.error("INJECTED")</script><b>bold</b>'


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:  # noqa: ANN001
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_quote_with_markup_renders_as_text(migrated_url: str) -> None:
    _seed(migrated_url)
    with get_engine(migrated_url).begin() as conn:
        from sqlalchemy import text

        conn.execute(text("UPDATE entity SET name = :n"), {"n": "Brigade " + PAYLOAD})
        conn.execute(
            text("UPDATE source SET name = name || :p WHERE name = 'Iran'"), {"p": PAYLOAD}
        )
    with session_scope(get_engine(migrated_url)) as session:
        report = weekly_report(session, "2025-W06", "published")
    html = render_html(report)
    parser = _Collect()
    parser.feed(html)
    assert "script" not in parser.tags and "b" not in parser.tags
    assert PAYLOAD in "".join(parser.text) or "Brigade " + PAYLOAD in "".join(parser.text)
    assert "http://" not in html.replace("http://www.w3.org", "")  # nothing fetched at view time
    md = render_markdown(report)
    assert "<script>" not in md and "\\<script\\>" in md
