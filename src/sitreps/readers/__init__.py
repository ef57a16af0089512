"""Readers: files, folders and globs in; `Article`s (or a per-item `ItemError`) out.

Formats: plain text with optional `Title:`/`Date:`/`Source:`/`URL:` header lines, JSON Lines, HTML
(trafilatura), RSS/Atom feeds (feedparser) and WARC archives (warcio). Bad input never raises out of
`iter_articles`: each bad file, line, entry or record is one `ItemError` with a reason, and the batch
goes on. Item paths: `file.jsonl:17` is line 17; `feed.rss#2` and `crawl.warc.gz#5` are the 2nd entry
and the 5th HTML response.
"""

from __future__ import annotations

import glob
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitreps.model import Article, ItemError
from sitreps.readers.base import (
    BINARY,
    EMPTY,
    MAX_BYTES,
    MAX_FEED_BYTES,
    MB,
    NO_HTML_TEXT,
    ReadError,
    clean_text,
    decode_text,
    language_problem,
    make_article,
    parse_published,
)
from sitreps.readers.web import html_fragment_to_text, read_feed, read_html, read_warc

__all__ = [
    "BINARY",
    "EMPTY",
    "MAX_BYTES",
    "NO_HTML_TEXT",
    "ReadError",
    "decode_text",
    "expand_paths",
    "html_fragment_to_text",
    "iter_articles",
    "language_problem",
    "parse_published",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_text_article",
    "read_warc",
    "split_text_headers",
]

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES

# Header keys of the plain-text format, with their aliases; `note`/`author` are kept out of the body.
TEXT_HEADER_KEYS = {
    "title": "title", "headline": "title",
    "date": "published", "published": "published",
    "source": "outlet", "outlet": "outlet",
    "url": "url", "link": "url",
    "note": None, "notes": None, "author": None, "byline": None,
}  # fmt: skip
STDIN = Path("-")

_HEADER_LINE = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$")

# JSON Lines keys, first found wins.
JSON_TEXT_KEYS = ("text", "content", "body", "article_content", "article", "maintext")
JSON_DATE_KEYS = ("published", "date", "published_at", "date_publish", "pubdate", "datetime")
JSON_OUTLET_KEYS = ("outlet", "source", "publisher", "source_domain", "sitename")
JSON_URL_KEYS = ("url", "link", "source_url")

# ---------------------------------------------------------------- paths


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | ItemError]:
    """Files as given; folders recursively (sorted, hidden and unknown file types skipped); globs; `-`."""
    for raw in paths:
        path = Path(raw).expanduser()
        if str(raw) == "-":  # the text of one article on standard input
            yield STDIN
        elif path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and not _is_hidden(p, path))
            yield from sorted(p for p in found if _suffix(p) in KNOWN_SUFFIXES)
        elif path.exists():
            yield path
        elif glob.has_magic(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True))
            if not matches:
                yield ItemError(str(raw), "no files match this pattern")
            # `data/*` means the articles in data/; `notes/*.md` means those files, whatever their type
            explicit = bool(path.suffix) and not glob.has_magic(path.suffix)
            for match in matches:  # glob itself leaves out hidden names
                if match.is_dir():
                    yield from expand_paths([match])
                elif explicit or _suffix(match) in KNOWN_SUFFIXES:
                    yield match
        else:
            yield ItemError(str(raw), "no such file or folder")


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | ItemError]:
    """Every article in `paths` (files, folders, globs; `-` is stdin), as `Article` or `ItemError`."""
    for item in expand_paths(paths):
        if item is STDIN:  # identity: a file named `-` in a folder is a file
            yield read_text_article(sys.stdin.read(), path="<stdin>")
            continue
        if isinstance(item, ItemError):
            yield item
            continue
        try:
            yield from _read_file(item)
        except ReadError as exc:
            yield ItemError(str(item), str(exc))
        except Exception as exc:  # a reader bug or a library failure must not end the batch
            yield ItemError(str(item), f"could not read: {type(exc).__name__}: {exc}")


def _read_file(path: Path) -> Iterator[Article | ItemError]:
    size = path.stat().st_size
    if size == 0:
        raise ReadError(EMPTY)
    kind = _kind_of(path)
    if kind in ("text", "html") and size > MAX_BYTES:
        raise ReadError(f"too large: {size / MB:.1f} MB > {MAX_BYTES // MB} MB limit")
    if kind == "feed" and size > MAX_FEED_BYTES:
        raise ReadError(f"too large: {size / MB:.1f} MB > {MAX_FEED_BYTES // MB} MB limit for a feed")
    if kind == "jsonl":
        yield from read_jsonl(path)
    elif kind == "warc":
        yield from read_warc(path)
    elif kind == "feed":
        yield from read_feed(path.read_bytes(), str(path))
    elif kind == "html":
        yield read_html(path.read_bytes(), str(path))
    else:
        yield read_text_article(decode_text(path.read_bytes()), path=str(path))


def _kind_of(path: Path) -> str:
    """The reader for a file: by extension, then by sniffing the first bytes for unknown ones."""
    suffix = _suffix(path)
    with path.open("rb") as fh:
        head = fh.read(2048)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in WARC_SUFFIXES or head.startswith(b"WARC/"):
        return "warc"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in (".rss", ".atom"):
        return "feed"
    if suffix == ".xml" or (suffix not in KNOWN_SUFFIXES and lowered.startswith(b"<?xml")):
        if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", lowered):
            return "feed"
        if suffix == ".xml" or b"<html" not in lowered:
            raise ReadError("XML that is not an RSS or Atom feed")
        return "html"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix not in KNOWN_SUFFIXES and re.match(rb"<(!doctype html|html)", lowered):
        return "html"
    return "text"


# ---------------------------------------------------------------- plain text


def split_text_headers(text: str) -> tuple[dict[str, str], str]:
    """Header lines at the top (`Title:`, `Date:`, `Source:`, `URL:`, `Note:`...) and the body after them."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    start = i
    while i < len(lines):
        match = _HEADER_LINE.match(lines[i])
        if not match or match.group(1).lower() not in TEXT_HEADER_KEYS:
            break
        field_name = TEXT_HEADER_KEYS[match.group(1).lower()]
        if field_name and field_name not in meta:
            meta[field_name] = match.group(2)
        i += 1
    if i == start:
        return {}, text
    return meta, "\n".join(lines[i:])


def read_text_article(text: str, **meta: Any) -> Article | ItemError:
    """One article from text in memory (header lines allowed); keyword `meta` overrides the headers.

    Keys: title, outlet, published (date or string), published_source, url, path.
    """
    headers, body = split_text_headers(clean_text(text))
    fields = {**headers, **{k: v for k, v in meta.items() if v not in (None, "")}}
    return make_article(body, fields)


# ---------------------------------------------------------------- JSON Lines


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):  # {"source": {"name": "Reuters"}}
            value = value.get("name") or value.get("title")
        if value not in (None, ""):
            return value
    return None


def read_jsonl(path: Path) -> Iterator[Article | ItemError]:
    """One article per JSON line, streamed; a bad line is one `ItemError` (`file.jsonl:17`)."""
    items = 0
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            items += 1
            if len(raw) > MAX_BYTES:
                yield ItemError(where, f"too large: {len(raw) / MB:.1f} MB > {MAX_BYTES // MB} MB limit")
                continue
            try:
                record = json.loads(decode_text(raw.rstrip(b"\r\n")))
            except ReadError as exc:
                yield ItemError(where, str(exc))
                continue
            except json.JSONDecodeError as exc:
                yield ItemError(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield ItemError(where, f"malformed JSON: expected an object, got {type(record).__name__}")
                continue
            text = _first(record, JSON_TEXT_KEYS)
            if text is None:
                yield ItemError(where, f"no text field (one of {', '.join(JSON_TEXT_KEYS)})")
                continue
            yield make_article(
                str(text),
                {
                    "path": where,
                    "title": _first(record, ("title", "headline")) or "",
                    "published": _first(record, JSON_DATE_KEYS),
                    "outlet": _first(record, JSON_OUTLET_KEYS) or "",
                    "url": _first(record, JSON_URL_KEYS) or "",
                },
            )
    if items == 0:
        yield ItemError(str(path), EMPTY)
