"""Readers: every format on small files written here, every bad-input reason, and the bundled samples."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from sitreps.model import Article, ItemError
from sitreps.readers import (
    MAX_BYTES,
    iter_articles,
    language_problem,
    parse_published,
    read_text_article,
    split_text_headers,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

BODY = (
    "MOGADISHU, March 5 (Reuters) - A car bomb exploded near a checkpoint in the Somali capital on "
    "Tuesday, killing at least seven people, a police officer said. The militant group al Shabaab said "
    "it had carried out the attack against soldiers at the checkpoint."
)
BODY2 = (
    "Gunmen on motorbikes attacked a village in the north of the country on Sunday and killed 12 "
    "civilians, residents said. The attackers also burned the market and stole cattle, they said."
)
HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Drones hit Kharkiv | City Herald</title>
<meta property="og:title" content="Drones hit Kharkiv">
<meta property="og:site_name" content="City Herald">
<meta property="article:published_time" content="2024-06-12T07:00:00+03:00">
<script>var tracking = 1;</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Drones hit Kharkiv</h1>
<p>Russian drones struck an apartment block in Kharkiv overnight, killing three people and wounding
eleven others, the regional governor said on Wednesday.</p>
<p>Firefighters worked for hours to put out the blaze on the upper floors of the building, and
rescuers were still searching the rubble in the morning, the emergency service said.</p>
</article><footer>Copyright City Herald</footer></body></html>"""


def articles_and_errors(paths: list) -> tuple[list[Article], list[ItemError]]:
    items = list(iter_articles(paths))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ItemError)]


def reason_for(errors: list[ItemError], name: str) -> str:
    matches = [e.reason for e in errors if Path(e.path.split(":")[0].split("#")[0]).name == name]
    assert matches, f"no error for {name}: {errors}"
    return matches[0]


# ---------------------------------------------------------------- plain text


def test_text_headers_are_metadata_and_keys_are_case_insensitive(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Note: SYNTHETIC test text\nTITLE: Car bomb in Mogadishu\ndate: 2024-03-05\n"
        f"Source: Reuters\nurl: https://example.org/a\n\n{BODY}\n",
        encoding="utf-8",
    )
    [article], errors = articles_and_errors([tmp_path / "a.txt"])
    assert errors == []
    assert article.title == "Car bomb in Mogadishu"
    assert article.outlet == "Reuters"
    assert article.url == "https://example.org/a"
    assert article.published == date(2024, 3, 5)
    assert article.published_source == "metadata"
    assert article.text == BODY
    assert "SYNTHETIC" not in article.text
    assert article.path == str(tmp_path / "a.txt")


def test_text_without_headers_keeps_everything_and_leaves_date_unset(tmp_path: Path) -> None:
    (tmp_path / "report").write_text(f"{BODY}\n\n{BODY2}", encoding="utf-8")  # no extension
    [article], errors = articles_and_errors([tmp_path / "report"])
    assert errors == []
    assert article.text == f"{BODY}\n\n{BODY2}"
    assert article.published is None
    assert article.published_source == "none"
    assert article.title == ""


def test_only_known_header_keys_at_the_top_are_headers() -> None:
    meta, body = split_text_headers("Title: Clashes in Marib\nWarning: graphic content\n\nText.")
    assert meta == {"title": "Clashes in Marib"}
    assert body.startswith("Warning: graphic content")
    meta, body = split_text_headers(f"{BODY}\nDate: 2024-01-01\n")
    assert meta == {}
    assert "Date: 2024-01-01" in body


def test_read_text_article_meta_overrides_headers() -> None:
    article = read_text_article(
        f"Title: Old title\nDate: 2024-01-01\n\n{BODY}",
        title="New title",
        published=date(2024, 3, 6),
        published_source="cli",
    )
    assert isinstance(article, Article)
    assert article.title == "New title"
    assert article.published == date(2024, 3, 6)
    assert article.published_source == "cli"
    assert isinstance(read_text_article("  \n\n "), ItemError)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T23:10:00Z", date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 18:40:00 +0300", date(2024, 3, 5)),
        ("March 5, 2024", date(2024, 3, 5)),
        ("5 March 2024", date(2024, 3, 5)),
        (1709640000, date(2024, 3, 5)),
        ("yesterday", None),  # relative: would resolve against today
        ("March 2024", None),  # partial: no day
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected


def test_parse_published_never_falls_back_to_today() -> None:
    for value in ("today", "2 days ago", "Tuesday", "last week"):
        assert parse_published(value) is None, value


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_alternate_keys_and_a_bad_line_does_not_stop_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "One", "text": BODY, "published": "2024-03-05", "outlet": "AFP", "url": "u1"}),
        '{"title": "broken", "text": ',
        json.dumps({"headline": "Two", "content": BODY2, "date": "May 6, 2025", "source": {"name": "AP"}}),
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text here"}),
        json.dumps({"title": "Three", "article_content": BODY, "link": "u3"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = articles_and_errors([tmp_path / "batch.jsonl"])
    assert [a.title for a in articles] == ["One", "Two", "Three"]
    assert articles[0].published == date(2024, 3, 5) and articles[0].outlet == "AFP"
    assert articles[1].published == date(2025, 5, 6) and articles[1].outlet == "AP"
    assert articles[2].published is None and articles[2].url == "u3"
    assert [a.path for a in articles] == [f"{tmp_path / 'batch.jsonl'}:{n}" for n in (1, 3, 7)]
    by_line = {e.path.rsplit(":", 1)[1]: e.reason for e in errors}
    assert set(by_line) == {"2", "5", "6"}
    assert by_line["2"].startswith("malformed JSON")
    assert "expected an object" in by_line["5"]
    assert by_line["6"].startswith("no text field")


# ---------------------------------------------------------------- HTML, feeds, WARC


def test_html_page_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    [article], errors = articles_and_errors([tmp_path / "page.html"])
    assert errors == []
    assert article.title == "Drones hit Kharkiv"
    assert article.outlet == "City Herald"
    assert article.published == date(2024, 6, 12)
    assert article.published_source == "metadata"
    assert article.text.startswith("Russian drones struck an apartment block in Kharkiv")
    assert "tracking" not in article.text and "Home" not in article.text


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire</title>
<item><title>Attack near Gao</title><link>https://example.org/1</link>
<pubDate>Mon, 05 May 2025 10:00:00 +0000</pubDate>
<description>&lt;p&gt;{b1}&lt;/p&gt;&lt;p&gt;Second &lt;b&gt;paragraph&lt;/b&gt;
here, officials said.&lt;/p&gt;</description>
</item>
<item><title>Second item</title><link>https://example.org/2</link><description>{b2}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title><id>urn:x</id><updated>2024-08-14T10:00:00Z</updated>
<entry><title>El Fasher shelling</title><id>urn:1</id><link href="https://example.org/a1"/>
<updated>2024-08-14T10:00:00Z</updated>
<content type="html">&lt;p&gt;{b1}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content></entry>
</feed>"""


def test_rss_and_atom_entries_are_articles(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS.format(b1=BODY, b2=BODY2), encoding="utf-8")
    (tmp_path / "wire.atom").write_text(ATOM.format(b1=BODY2), encoding="utf-8")
    articles, errors = articles_and_errors([tmp_path / "wire.rss", tmp_path / "wire.atom"])
    assert errors == []
    first, second, atom = articles
    assert first.title == "Attack near Gao" and first.outlet == "Sahel Wire"
    assert first.published == date(2025, 5, 5) and first.url == "https://example.org/1"
    assert first.text == f"{BODY}\n\nSecond paragraph here, officials said."
    assert second.published is None and second.text == BODY2
    assert first.path.endswith("wire.rss#1") and second.path.endswith("wire.rss#2")
    assert atom.title == "El Fasher shelling" and atom.outlet == "Atom Wire"
    assert atom.published == date(2024, 8, 14)
    assert "alert" not in atom.text and atom.text == BODY2


def _warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for uri, ctype, payload, warc_date in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": warc_date},
            )
            writer.write_record(record)


def test_warc_html_responses_become_articles(tmp_path: Path) -> None:
    page_without_date = HTML_PAGE.replace(
        '<meta property="article:published_time" content="2024-06-12T07:00:00+03:00">', ""
    )
    _warc(
        tmp_path / "crawl.warc.gz",
        [
            (
                "https://news.example.org/a",
                "text/html; charset=utf-8",
                HTML_PAGE.encode(),
                "2024-06-20T10:00:00Z",
            ),
            ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n", "2024-06-20T10:00:01Z"),
            ("https://www.other.example/b", "text/html", page_without_date.encode(), "2024-06-21T09:00:00Z"),
        ],
    )
    articles, errors = articles_and_errors([tmp_path / "crawl.warc.gz"])
    assert errors == []
    assert [a.url for a in articles] == ["https://news.example.org/a", "https://www.other.example/b"]
    assert articles[0].published == date(2024, 6, 12)  # the page's own date wins over the crawl date
    assert articles[1].published == date(2024, 6, 21)  # no page date: the record's WARC-Date
    assert all(a.text.startswith("Russian drones struck") for a in articles)


def test_warc_without_html_and_feeds_without_entries(tmp_path: Path) -> None:
    _warc(
        tmp_path / "images.warc",
        [("https://x.example/i.png", "image/png", b"\x89PNG", "2024-01-01T00:00:00Z")],
    )
    (tmp_path / "empty.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', encoding="utf-8"
    )
    (tmp_path / "config.xml").write_text('<?xml version="1.0"?><config><a>1</a></config>', encoding="utf-8")
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    articles, errors = articles_and_errors([tmp_path])
    assert [Path(a.path).name for a in articles] == ["good.txt"]
    assert reason_for(errors, "images.warc") == "WARC has no HTML responses"
    assert reason_for(errors, "empty.rss") == "feed has no entries"
    assert reason_for(errors, "config.xml") == "XML that is not an RSS or Atom feed"


# ---------------------------------------------------------------- bad input, per item


def test_each_bad_input_gets_its_reason_and_good_files_come_through(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(f"Title: Good\n\n{BODY}", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + BODY2.encode())
    (tmp_path / "utf16.txt").write_bytes(BODY.encode("utf-16"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("Title: Nothing\nDate: 2024-01-01\n\n   \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("Attack in Bogot\u00e1, officials said.".encode("latin-1"))
    (tmp_path / "scripts.html").write_text(
        "<html><head><script>var a = 1;</script><style>p {color: red}</style></head>"
        "<body><script>document.write('x')</script></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "french.txt").write_text(
        "Des hommes armés ont attaqué un village dans le nord du pays dimanche et tué douze civils, "
        "selon des habitants. Les assaillants ont aussi incendié le marché et volé du bétail, "
        "ont-ils ajouté. Le gouvernement a condamné cette attaque et promis une enquête rapide.",
        encoding="utf-8",
    )
    (tmp_path / "russian.txt").write_text(
        "Российские беспилотники атаковали жилой дом в Харькове ночью, погибли три человека, "
        "сообщил губернатор области.",
        encoding="utf-8",
    )
    with (tmp_path / "huge.txt").open("wb") as fh:  # sparse: 20 MB on paper, nothing to write
        fh.seek(20 * 1024 * 1024 - 1)
        fh.write(b"a")
    paths = sorted(tmp_path.iterdir()) + [tmp_path / "missing.txt"]
    articles, errors = articles_and_errors(paths)

    assert sorted(Path(a.path).name for a in articles) == ["bom.txt", "good.txt", "utf16.txt"]
    assert {a.text for a in articles} == {BODY, BODY2}
    assert reason_for(errors, "missing.txt") == "no such file or folder"
    assert reason_for(errors, "empty.txt") == "empty"
    assert reason_for(errors, "blank.txt") == "empty"
    assert reason_for(errors, "image.txt") == "binary file"
    assert reason_for(errors, "latin1.txt") == "invalid UTF-8 (byte offset 15)"
    assert reason_for(errors, "scripts.html") == "no article text in HTML"
    assert reason_for(errors, "french.txt") == "not English (looks like unknown)"
    assert reason_for(errors, "russian.txt") == "not English (looks like Cyrillic script)"
    assert reason_for(errors, "huge.txt") == "too large: 20.0 MB > 10 MB limit"
    assert len(errors) == 9


def test_language_check_passes_english_wire_copy_and_short_snippets() -> None:
    assert language_problem(BODY) is None
    assert language_problem("Idlib air strikes: 12 dead") is None  # too short to judge
    assert language_problem("\u0642\u0635\u0641 " * 30).startswith("not English (looks like Arabic")


def test_jsonl_line_over_the_limit_is_one_error(tmp_path: Path) -> None:
    big = json.dumps({"title": "big", "text": "x" * (MAX_BYTES + 10)})
    (tmp_path / "big.jsonl").write_text(big + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    articles, errors = articles_and_errors([tmp_path / "big.jsonl"])
    assert len(articles) == 1 and articles[0].text == BODY
    assert errors[0].path.endswith("big.jsonl:1") and errors[0].reason.startswith("too large")


# ---------------------------------------------------------------- paths


def test_folders_recurse_sorted_skipping_hidden_and_unknown_types(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "z.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.text").write_text(BODY2, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".cache" / "c.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.md").write_text(BODY, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    articles, errors = articles_and_errors([tmp_path])
    assert errors == []
    assert [Path(a.path).relative_to(tmp_path).as_posix() for a in articles] == ["a.text", "b/z.txt"]


def test_globs_expand_and_an_empty_glob_is_reported(tmp_path: Path) -> None:
    for name in ("r1.txt", "r2.txt", "skip.jsonl"):
        (tmp_path / name).write_text(
            BODY if name.endswith("txt") else json.dumps({"text": BODY2}), encoding="utf-8"
        )
    (tmp_path / "README.md").write_text(BODY, encoding="utf-8")
    articles, errors = articles_and_errors([str(tmp_path / "r*.txt"), str(tmp_path / "nothing*.html")])
    assert [Path(a.path).name for a in articles] == ["r1.txt", "r2.txt"]
    assert [e.reason for e in errors] == ["no files match this pattern"]
    # a bare `*` means the articles there; a pattern with its own extension takes what it names
    articles, errors = articles_and_errors([str(tmp_path / "*")])
    assert errors == [] and [Path(a.path).name for a in articles] == ["r1.txt", "r2.txt", "skip.jsonl:1"]
    [article] = [a for a in iter_articles([str(tmp_path / "*.md")]) if isinstance(a, Article)]
    assert Path(article.path).name == "README.md"


def test_dash_reads_one_text_article_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"Title: From a pipe\nSource: AP\n\n{BODY}\n"))
    [article] = list(iter_articles(["-"]))
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.text, article.path) == (
        "From a pipe",
        "AP",
        BODY,
        "<stdin>",
    )


# ---------------------------------------------------------------- the bundled samples


def test_samples_read_cleanly() -> None:
    articles, errors = articles_and_errors([SAMPLES])
    assert errors == []
    assert len(articles) >= 25
    assert all(a.title and a.outlet for a in articles)
    assert all("SYNTHETIC" not in a.text and "SYNTHETIC" not in a.title for a in articles)
    assert all(80 <= len(a.text.split()) <= 250 for a in articles), [
        (a.path, len(a.text.split())) for a in articles if not 80 <= len(a.text.split()) <= 250
    ]
    undated = [a for a in articles if a.published is None]
    assert len(undated) == 1 and undated[0].text.startswith("KHARTOUM, March 3, 2025 (AFP) -")
    assert all(date(2024, 1, 1) <= a.published <= date(2025, 12, 31) for a in articles if a.published)
    suffixes = {Path(a.path.split("#")[0].rsplit(":", 1)[0]).suffix for a in articles}
    assert suffixes == {".txt", ".jsonl", ".html", ".rss"}


def test_every_sample_file_is_marked_synthetic() -> None:
    files = [p for p in sorted(SAMPLES.iterdir()) if p.name != "README.md"]
    assert len(files) >= 20
    for path in files:
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            records = [json.loads(line) for line in raw.splitlines() if line.strip()]
            assert all("SYNTHETIC" in r["note"] for r in records), path
        elif path.suffix == ".rss":
            assert raw.count("SYNTHETIC sample report") >= raw.count("<item>"), path
        else:
            assert "SYNTHETIC sample report" in raw[:300], path
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert all(p.name in readme for p in files)
