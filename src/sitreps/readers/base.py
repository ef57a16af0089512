"""What every reader shares: size limits, bytes to text, the English check, dates, and making an `Article`."""

from __future__ import annotations

import email.utils
import re
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from sitreps.model import Article, ItemError

MB = 1024 * 1024
MAX_BYTES = 10 * MB  # one article per file (txt, html) and one JSONL line / WARC record
MAX_FEED_BYTES = 50 * MB  # a feed is parsed whole

# English function words, leaving out those that are also common words in other European languages
# (a, in, an, on, no, is, was, as, will): wire copy has 20-35% of its words from this list, others 0-3%.
_FUNCTION_WORDS = """
    the of to for by with from into over after before near and or but not that this these those
    are were been being has have had it its he she they them their his her we our who which what
    when where than also said says would could should may can
"""
ENGLISH_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
MIN_ENGLISH_RATIO = 0.05
LANGUAGE_SAMPLE_CHARS = 2000

# Whole-file reasons, kept as constants so callers and tests can match on them.
EMPTY = "empty"
BINARY = "binary file"
NO_HTML_TEXT = "no article text in HTML"


class ReadError(Exception):
    """An item cannot be read; `str(exc)` is the reason reported in its `ItemError`."""


# ---------------------------------------------------------------- bytes and text


def check_binary(data: bytes) -> None:
    """Raise `ReadError("binary file")` for NUL bytes or many control characters in the first 8 KB."""
    sample = data[:8192]
    if b"\x00" in sample:
        raise ReadError(BINARY)
    # control characters other than tab, newline, form feed, carriage return and escape
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27) or b == 127)
    if sample and controls / len(sample) > 0.05:
        raise ReadError(BINARY)


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM; never guess a legacy charset."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"invalid UTF-16 (byte offset {exc.start})") from exc
    check_binary(data)
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(f"invalid UTF-8 (byte offset {exc.start + bom})") from exc


def clean_text(text: str) -> str:
    """Unix newlines, NFC, no BOM or no-break spaces, at most one blank line in a row, stripped."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_SCRIPT_NAMES = {
    "CJK": "Chinese/Japanese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
}


def language_problem(text: str) -> str | None:
    """None when `text` looks English; otherwise the `not English (looks like ...)` reason."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    scripts = Counter(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in sample if ch.isalpha())
    letters = sum(scripts.values())
    if letters >= 20 and scripts["LATIN"] < letters / 2:
        script = max((s for s in scripts if s != "LATIN"), key=scripts.__getitem__)
        return f"not English (looks like {_SCRIPT_NAMES.get(script, script.title() + ' script')})"
    words = [w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", sample)]
    if len(words) >= 20:
        ratio = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
        if ratio < MIN_ENGLISH_RATIO:
            return "not English (looks like unknown)"
    return None


# ---------------------------------------------------------------- dates


def parse_published(value: Any) -> date | None:
    """A publication date from metadata: ISO 8601, RFC 2822, epoch seconds or common formats, else None.

    Relative expressions ("yesterday") and partial dates ("March") are refused: they would silently
    resolve against today, which is not the article's date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds from JavaScript tools
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow import, only for the formats above do not cover

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None


# ---------------------------------------------------------------- articles


def make_article(body: str, fields: dict[str, Any]) -> Article | ItemError:
    """An `Article` from a body and its metadata fields, or the `ItemError` saying why not."""
    path = str(fields.get("path", ""))
    body = clean_text(body)
    if not body:
        return ItemError(path, EMPTY)
    problem = language_problem(body)
    if problem:
        return ItemError(path, problem)
    published = parse_published(fields.get("published"))
    source = fields.get("published_source") or ("metadata" if published else "none")
    return Article(
        text=body,
        title=" ".join(str(fields.get("title", "")).split()),
        outlet=str(fields.get("outlet", "")).strip(),
        published=published,
        published_source=source,
        url=str(fields.get("url", "")).strip(),
        path=path,
    )
