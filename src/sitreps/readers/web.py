"""Readers for the web's formats: HTML pages (trafilatura), RSS/Atom feeds (feedparser), WARC (warcio)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sitreps.model import Article, ItemError
from sitreps.readers.base import (
    EMPTY,
    MAX_BYTES,
    MB,
    NO_HTML_TEXT,
    ReadError,
    check_binary,
    make_article,
    parse_published,
)


def read_html(
    data: bytes | str, path: str, url: str = "", fallback_date: date | None = None
) -> Article | ItemError:
    """The main text of an HTML page (trafilatura), with its title, date, site name and URL."""
    import trafilatura

    if isinstance(data, bytes) and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", errors="replace")
    if isinstance(data, bytes):
        if not data.strip():
            return ItemError(path, EMPTY)
        try:
            check_binary(data)
        except ReadError as exc:
            return ItemError(path, str(exc))
    # dates from the page's markup and URL only; a date found in the body text is the dateline's job
    date_params = {"extensive_search": False, "original_date": True, "max_date": date.today().isoformat()}
    doc = trafilatura.bare_extraction(
        data, url=url or None, with_metadata=True, date_extraction_params=date_params
    )
    text = (doc.text or "") if doc else ""
    if not text.strip():
        return ItemError(path, NO_HTML_TEXT)
    title = (doc.title or "").strip()
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if title and len(paragraphs) > 1 and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # trafilatura keeps the <h1>; the title is already in its own field
    text = "\n\n".join(paragraphs)  # one blank line between paragraphs, as in the text format
    page_url = url or doc.url or ""
    published = parse_published(doc.date) or fallback_date
    fields = {"path": path, "title": title, "outlet": doc.sitename or _host(page_url), "published": published}
    return make_article(text, {**fields, "url": page_url})


def _host(url: str) -> str:
    """`https://www.example.com/a` -> `example.com`: the outlet when a page names no site."""
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)", url, re.I)
    return match.group(1).lower() if match else ""


def html_fragment_to_text(html: str) -> str:
    """Visible text of an HTML fragment (a feed entry), keeping paragraph breaks."""
    import lxml.html

    if "<" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several types on junk; the raw text is better than nothing
        return re.sub(r"<[^>]+>", " ", html)
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    # a sentinel after each block element: source line breaks inside a paragraph are only whitespace
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        block.tail = "\u2029" + (block.tail or "")
    paragraphs = (" ".join(part.split()) for part in root.text_content().split("\u2029"))
    return "\n\n".join(p for p in paragraphs if p)


def read_feed(data: bytes, path: str) -> Iterator[Article | ItemError]:
    """Each entry of an RSS or Atom feed as an article (`feed.rss#2`)."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        bozo = feed.get("bozo_exception") if feed.get("bozo") else None
        yield ItemError(path, f"malformed feed: {bozo}" if bozo else "feed has no entries")
        return
    outlet = feed.feed.get("title", "")
    for n, entry in enumerate(feed.entries, start=1):
        contents = entry.get("content") or []
        html = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*stamp[:3]) if stamp else entry.get("published") or entry.get("updated")
        yield make_article(
            html_fragment_to_text(html),
            {
                "path": f"{path}#{n}",
                "title": html_fragment_to_text(entry.get("title", "")),
                "outlet": outlet,
                "published": published,
                "url": entry.get("link", ""),
            },
        )


def read_warc(path: Path) -> Iterator[Article | ItemError]:
    """Each HTTP response with an HTML content type in a WARC (`crawl.warc.gz#5`), via `read_html`."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode() or ""
                if "html" not in ctype or not status.startswith("2"):
                    continue
                count += 1
                where = f"{path}#{count}"
                payload = record.content_stream().read(MAX_BYTES + 1)
                if len(payload) > MAX_BYTES:
                    yield ItemError(where, f"too large: record > {MAX_BYTES // MB} MB limit")
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                crawled = parse_published(record.rec_headers.get_header("WARC-Date"))
                yield read_html(payload, where, url=uri, fallback_date=crawled)
        except ArchiveLoadFailed as exc:
            yield ItemError(str(path), f"not a valid WARC: {exc}")
            return
    if count == 0:
        yield ItemError(str(path), "WARC has no HTML responses")
