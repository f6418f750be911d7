"""The HTML report escapes article-derived text, carries no script, and loads in a browser.

The browser test opens the report in Debian's headless chromium (installed
by scripts/ensure-chromium, which CI runs): it must load with no console
message at all (the report has no script, so any message means something
ran or something was fetched), show the injected markup as text, and render
a screenshot. Without chromium it is skipped, except with CI=true.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from provenance.db import get_engine, session_scope
from provenance.report import render_html, render_markdown, weekly_report
from tests.conftest import IN_CI
from tests.test_views import _seed

PAYLOAD = '<script>console.error("INJECTED")</script><b>bold</b>'


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.fetches: list[tuple[str, str, str | None]] = []  # what a browser would load

    def handle_starttag(self, tag, attrs) -> None:  # noqa: ANN001
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "srcset", "data", "poster", "background") or (
                tag == "link" and name == "href"
            ):
                self.fetches.append((tag, name, value))
            if (
                name in ("href", "xlink:href")
                and tag != "a"
                and value
                and not value.startswith("#")
            ):
                self.fetches.append((tag, name, value))

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


# --------------------------------------------------------------------------
# The report in a real browser: Debian's chromium, headless

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Any attempt to reach the network fails to resolve, and Chromium logs it.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
)
# Chromium logs console messages (and uncaught errors) as
# `[...:INFO:CONSOLE:1] "message", source: URL (1)` (older builds: CONSOLE(1)).
CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\]\s*(.*)$|(Uncaught .*)$", re.MULTILINE)
QUOTE = "<script>alert(1)</script><b>we are 9,000 men</b>"
ARTICLE = f"""Brigade strength disputed in Deir Ezzor

The Liwa Fatemiyoun has up to 15,000 fighters in the province, the Syrian Observatory for Human Rights said on Thursday. Iranian officials put the number at 3,000 fighters.

A channel quoted a commander: {QUOTE} & more.
"""
SOURCE = '<img src=x onerror=console.error("INJECTED")>A commander'
OUTLET = "The <i>Levant</i> Ledger"


def chromium() -> str:
    """Debian's chromium; skipped when absent, except with CI=true (then it fails)."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    if IN_CI:
        pytest.fail("chromium is required when CI=true (scripts/ensure-chromium installs it)")
    pytest.skip("chromium not installed: apt-get install chromium (or scripts/ensure-chromium)")


def run_chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=tmp_path))
    return subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(profile)},
    )


def console_messages(stderr: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in CONSOLE.finditer(stderr)]


def test_console_scanner_sees_errors_in_a_page_that_has_them(tmp_path: Path) -> None:
    """The control: the scan below would notice a script that ran or failed."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><p>x</p><script>console.error("CONTROL"); missing();</script>'
        '<img src="https://example.org/pixel.png">',
        encoding="utf-8",
    )
    proc = run_chromium(tmp_path, page, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    messages = "\n".join(console_messages(proc.stderr))
    assert '"CONTROL"' in messages
    assert "Uncaught ReferenceError" in messages


def test_report_opens_in_headless_chromium(prov_sqlite, tmp_path: Path) -> None:  # noqa: ANN001
    from provenance.report import Week

    binary = chromium()  # skip before building anything when there is no browser
    assert binary
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    steps = [
        ("ingest", "article.txt", "--published", "2025-02-06", "--outlet", OUTLET),
        ("claims", "add", "--article", "1", "--quote", QUOTE, "--value", "9000",
         "--measure", "fighters", "--subject", "Liwa Fatemiyoun", "--source", SOURCE),
        ("conflicts",),
    ]  # fmt: skip
    for args in steps:
        result = prov_sqlite(*args)
        assert result.exit_code in (0, 3), (args, result.stderr)
    # This week by ingestion time: the article, its claims and the conflicts all fall in it.
    week = Week.containing(datetime.now(UTC).date()).label
    report = tmp_path / "report.html"
    result = prov_sqlite(
        "report", "--week", week, "--by", "ingested", "--format", "html", "-o", str(report)
    )
    assert result.exit_code == 0, result.stderr
    html = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Conflicts opened this week" in html and 'class="finding"' in html

    dom = run_chromium(tmp_path, report, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_messages(dom.stderr) == []
    parser = _Collect()
    parser.feed(dom.stdout)
    assert "h1" in parser.tags and "svg" in parser.tags  # the page loaded, charts inline
    assert not {"script", "img", "b", "i", "iframe", "link", "object", "embed"} & set(parser.tags)
    assert parser.fetches == []  # nothing loaded at view time: no src, no stylesheet link
    assert "url(" not in dom.stdout and "@import" not in dom.stdout
    text = "".join(parser.text)
    assert f"Corroboration report, week {week}" in text
    assert QUOTE in text and SOURCE in text and OUTLET in text  # shown as text, not run
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout

    shot = tmp_path / "report.png"
    proc = run_chromium(tmp_path, report, f"--screenshot={shot}", "--window-size=1280,2000")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert console_messages(proc.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
