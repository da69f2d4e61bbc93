"""The reader on real files: every input format, encoding, kind of damage, and metadata.

Fixtures: tests/data/ingest/good (one file of each format and encoding, a nested folder)
and tests/data/ingest/bad (one file of each kind of damage); see make_ingest_fixtures.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest

from kg.api import Extractor, build
from kg.documents import (
    Columns,
    ReadOptions,
    SourceDocument,
    blank_boilerplate,
    read_bytes,
    read_documents,
    read_sources,
)
from kg.errors import InputError
from kg.ingest_html import extract_html, to_source

DATA = Path(__file__).resolve().parent / "data" / "ingest"
GOOD, BAD = DATA / "good", DATA / "bad"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_74217fae9d44953a.txt"
CRAWL = ReadOptions(crawl_date=dt.date(2020, 1, 20))

FURNITURE = (
    "No Script",
    "Please Wait",
    "Jihad Sermon",
    "folder_open",
    "access_time",
    "Add to favorites",
    "By Staff",
    "Share on",
    "Copyright",
    "Related articles",
    "Home",
)


def _read(
    source: Path, options: ReadOptions | None = None
) -> tuple[dict[str, SourceDocument], list[InputError]]:
    issues: list[InputError] = []
    docs = {
        s.document.doc_id: s for s in read_sources(source, options=options, on_issue=issues.append)
    }
    return docs, issues


def _body(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------- formats


def test_a_folder_of_every_format_is_read_recursively() -> None:
    docs, issues = _read(GOOD, CRAWL)
    assert sorted(docs) == sorted(
        [
            "api-1",
            "api-2",
            "https://example.org/3",  # feed.jsonl (the last has no id: its url)
            "json-1",  # articles.json ({"articles": [...]})
            "csv-1",
            "csv-2",  # export.csv
            "cp1252.txt",
            "latin1.txt",
            "seed_bom.txt",
            "seed_utf16.txt",
            "notes.txt",
            "page.html",  # gzipped: the id drops .gz
            "seed.html",
            "nested/deeper/brief.md",
        ]
    )
    assert ".hidden.txt" not in docs
    assert {docs[k].format for k in docs} == {"text", "html", "jsonl", "json", "csv"}
    # the only problem in good/ is a date written day-first, which is refused, not guessed
    assert [(i.kind, i.line) for i in issues] == [("bad_date", 3)]
    assert "export.csv" in issues[0].path


def test_read_order_and_ids_are_stable() -> None:
    first = [s.document.doc_id for s in read_sources(GOOD, on_issue=lambda i: None)]
    again = [s.document.doc_id for s in read_sources(GOOD, on_issue=lambda i: None)]
    assert first == again
    hashes = {s.document.doc_id: s.content_hash for s in read_sources(GOOD, on_issue=print)}
    assert hashes == {s.document.doc_id: s.content_hash for s in read_sources(GOOD, on_issue=print)}


def test_jsonl_fields_nested_and_dates() -> None:
    docs, _ = _read(GOOD / "feed.jsonl")
    one, two, three = (
        docs["api-1"].document,
        docs["api-2"].document,
        docs["https://example.org/3"].document,
    )
    assert (one.title, one.url, one.date) == (
        "Egypt warns Turkey",
        "https://example.org/1",
        dt.date(2020, 1, 14),
    )
    assert two.date == dt.date(2020, 1, 13)  # RFC 2822
    assert two.source.endswith("feed.jsonl:2")
    assert three.title == "No id"
    assert three.text.strip() == "Qatar backed the Tripoli government."


def test_csv_columns_are_configurable(tmp_path: Path) -> None:
    docs, _ = _read(GOOD / "export.csv")
    assert docs["csv-1"].document.date == dt.date(2020, 1, 17)
    assert docs["csv-1"].document.url == "https://example.org/c1"
    assert docs["csv-2"].document.title == "Troops, again"
    odd = tmp_path / "odd.tsv"
    odd.write_text(
        "key\twhen\tstory\theadline\taddress\n"
        "k1\t2020-02-01\tIran threatened Israel.\tIran\thttps://x.org/k1\n",
        encoding="utf-8",
    )
    cols = Columns(text="story", id="key", date="when", title="headline", url="address")
    (doc,) = read_documents(odd, options=ReadOptions(columns=cols))
    assert (doc.doc_id, doc.date, doc.title, doc.url) == (
        "k1",
        dt.date(2020, 2, 1),
        "Iran",
        "https://x.org/k1",
    )
    assert doc.text == "Iran threatened Israel."
    # with the wrong column named, the error says which fields there are and what to do
    issues: list[InputError] = []
    assert not list(
        read_documents(
            odd, options=ReadOptions(columns=Columns(text="body")), on_issue=issues.append
        )
    )
    assert "--text-field" in str(issues[0])
    assert "story" in str(issues[0])


def test_json_document_and_dotted_fields(tmp_path: Path) -> None:
    (doc,) = read_documents(GOOD / "articles.json")
    assert (doc.doc_id, doc.title, doc.date) == ("json-1", "Sanctions", dt.date(2020, 1, 16))
    nested = tmp_path / "gdelt.jsonl"
    nested.write_text(
        json.dumps(
            {"data": {"body": "Syria accused Turkey."}, "meta": {"uid": 7, "ts": 1578960000}}
        )
        + "\n",
        encoding="utf-8",
    )
    cols = Columns(text="data.body", id="meta.uid", date="meta.ts")
    (doc,) = read_documents(nested, options=ReadOptions(columns=cols))
    assert (doc.doc_id, doc.date, doc.text) == ("7", dt.date(2020, 1, 14), "Syria accused Turkey.")


def test_html_fields_hold_markup(tmp_path: Path) -> None:
    p = tmp_path / "cms.jsonl"
    p.write_text(
        json.dumps(
            {
                "id": "h1",
                "text": "<div><p>Egypt <b>backed</b> Haftar.</p>"
                "<p>Share on Facebook</p><p>Jordan backed Haftar.</p></div>",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (src,) = read_sources(p)
    assert src.format == "jsonl+html"
    assert _body(src.document.text) == ["Egypt backed Haftar.", "Jordan backed Haftar."]


# --------------------------------------------------------------------------- encodings


def test_encodings_are_read_correctly() -> None:
    seed = SEED.read_text(encoding="utf-8")
    docs, _ = _read(GOOD)
    reference = blank_boilerplate(seed)[0]
    for name, encoding in (("seed_bom.txt", "utf-8-sig"), ("seed_utf16.txt", "utf-16")):
        assert docs[name].encoding == encoding
        assert docs[name].document.text == reference, name
    cp = docs["cp1252.txt"].document.text
    assert "Cairo’s “firm” stance – Egypt" in cp
    assert "(€5m aid)" in cp
    assert "café" in cp
    assert "président français a rencontré Sarraj à Paris" in docs["latin1.txt"].document.text


def test_utf16_without_bom_and_big_endian() -> None:
    text = "Russia backed Haftar in Libya.\n"
    for enc in ("utf-16-le", "utf-16-be", "utf-32"):
        (src,) = read_bytes(text.encode(enc), "a.txt")
        assert src.document.text == text, enc


def test_other_legacy_encodings_are_detected() -> None:
    for text, enc in (
        ("Россия поддерживает Хафтара. Переговоры в Москве провалились.", "cp1251"),
        ("俄罗斯支持哈夫塔尔。莫斯科谈判没有达成协议。", "gb18030"),
    ):
        (src,) = read_bytes(text.encode(enc), "a.txt")
        assert src.document.text == text, enc


def test_undecodable_bytes_are_reported_with_offset_not_crashed_on() -> None:
    issues: list[InputError] = []
    (doc,) = read_documents(BAD / "undecodable.txt", on_issue=issues.append)
    raw = (BAD / "undecodable.txt").read_bytes()
    (issue,) = issues
    assert issue.severity == "warning"
    assert issue.kind == "encoding"
    assert issue.offset == raw.index(b"\xff")
    assert "undecodable.txt (byte 82)" in str(issue)
    assert "Turkey’s parliament approved" in doc.text
    assert "\ufffd here" in doc.text


# --------------------------------------------------------------------------- gzip


def test_gzip_is_read_as_is() -> None:
    docs, _ = _read(GOOD)
    plain = extract_html((GOOD / "seed.html").read_text(encoding="utf-8")).text
    assert _body(docs["page.html"].document.text) == _body(blank_boilerplate(plain)[0])
    assert docs["page.html"].content_hash == docs["seed.html"].content_hash
    gz_text = gzip.decompress((GOOD / "notes.txt.gz").read_bytes()).decode("utf-8")
    assert docs["notes.txt"].document.text == gz_text
    (alone,) = read_documents(GOOD / "notes.txt.gz")
    assert alone.doc_id == "notes.txt"


# --------------------------------------------------------------------------- damage


def test_every_kind_of_damage_is_skipped_with_file_and_line() -> None:
    docs, issues = _read(BAD)
    assert sorted(docs) == ["ok-1", "ok-4", "r1", "r3", "undecodable.txt"]
    errors = {(Path(i.path).name, i.line, i.kind) for i in issues if i.severity == "error"}
    assert errors == {
        ("blank.txt", None, "empty"),
        ("empty.txt", None, "empty"),
        ("image.png", None, "binary"),
        ("report.pdf", None, "binary"),
        ("truncated.txt.gz", None, "truncated"),
        ("broken.jsonl", 2, "malformed_line"),
        ("broken.jsonl", 3, "malformed_line"),
        ("broken.jsonl", 5, "no_text"),
        ("broken.jsonl", 6, "malformed_line"),  # the truncated last line
        ("broken.csv", 3, "malformed_line"),
        ("broken.csv", 5, "malformed_line"),
        ("furniture_only.html", None, "no_text"),
        ("not_json.json", 2, "unparsable"),
    }
    for issue in issues:  # one line each, naming the file (and line)
        text = str(issue)
        assert "\n" not in text
        assert text.startswith(issue.path)
        if issue.line is not None:
            assert f"{Path(issue.path).name}:{issue.line}:" in text
    pdf = next(i for i in issues if i.path.endswith(".pdf"))
    assert "pdftotext" in str(pdf)  # says what to do


def test_oversized_files_and_documents_are_refused(tmp_path: Path) -> None:
    _, issues = _read(GOOD / "seed.html", ReadOptions(max_bytes=1000))
    assert [i.kind for i in issues] == ["too_large"]
    assert "--max-bytes" in str(issues[0])
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"Russia backed Haftar. " * 5000))
    _, issues = _read(bomb, ReadOptions(max_bytes=20000))
    assert [i.kind for i in issues] == ["too_large"]  # decompressed size counts
    _, issues = _read(GOOD / "notes.txt.gz", ReadOptions(max_chars=20))
    assert [i.kind for i in issues] == ["too_large"]


def test_without_a_handler_the_first_error_is_raised() -> None:
    with pytest.raises(InputError, match=r"blank\.txt: empty file"):
        list(read_documents(BAD))


def test_the_output_folder_is_never_read_as_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Egypt backed Haftar.", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "triples.jsonl").write_text('{"doc": "a.txt"}\n', encoding="utf-8")
    ids = [d.doc_id for d in read_documents(tmp_path, options=ReadOptions(exclude=(out,)))]
    assert ids == ["a.txt"]


# --------------------------------------------------------------------------- metadata


def test_dates_come_from_metadata_then_header_then_option(tmp_path: Path) -> None:
    # a relative dateline is resolved against the crawl date, never against today
    (seed,) = read_documents(SEED, options=CRAWL)
    assert seed.date == dt.date(2020, 1, 14)
    issues: list[InputError] = []
    (undated,) = read_documents(SEED, on_issue=issues.append)
    assert undated.date is None
    assert [i.kind for i in issues] == ["date_unresolved"]
    assert "--crawl-date" in str(issues[0])
    (fallback,) = read_documents(SEED, date=dt.date(2020, 1, 1))
    assert fallback.date == dt.date(2020, 1, 1)
    # a header date beats --date; a metadata date beats the header
    p = tmp_path / "a.txt"
    p.write_text("Published: 3 February 2020\n\nIran condemned Israel.\n", encoding="utf-8")
    (doc,) = read_documents(p, date=dt.date(2020, 1, 1))
    assert doc.date == dt.date(2020, 2, 3)
    assert doc.text.strip() == "Iran condemned Israel."  # the header line is blanked
    j = tmp_path / "b.jsonl"
    j.write_text(
        json.dumps(
            {
                "id": "b",
                "date": "2020-03-04",
                "text": "Published: 3 February 2020\n\nIran condemned Israel.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (doc,) = read_documents(j, date=dt.date(2020, 1, 1))
    assert doc.date == dt.date(2020, 3, 4)
    # a record's own crawl date resolves its relative date
    k = tmp_path / "c.jsonl"
    k.write_text(
        json.dumps(
            {
                "id": "c",
                "date": "2 days ago",
                "crawled_at": "2020-05-10",
                "text": "Iran condemned Israel.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (doc,) = read_documents(k)
    assert doc.date == dt.date(2020, 5, 8)


def test_a_wire_dateline_is_metadata_not_text(tmp_path: Path) -> None:
    p = tmp_path / "wire.txt"
    body = "Sudan's paramilitary Rapid Support Forces attacked El Fasher on Tuesday, killing 40."
    p.write_text(f"KHARTOUM, June 12 (AP) — {body}\n", encoding="utf-8")
    # the city and agency are blanked (offsets kept); a month and day need a year: the
    # crawl date gives it, else the date is left unresolved with a warning
    (doc,) = read_documents(p, options=ReadOptions(crawl_date=dt.date(2024, 6, 13)))
    assert doc.text.strip() == body
    assert doc.text.index(body) == len("KHARTOUM, June 12 (AP) — ")
    assert doc.date == dt.date(2024, 6, 12)
    issues: list[InputError] = []
    (undated,) = read_documents(p, on_issue=issues.append)
    assert undated.date is None
    assert [(i.kind, "June 12" in str(i)) for i in issues] == [("date_unresolved", True)]
    # a full dateline dates the story; capitals and a dash alone are no dateline
    p.write_text(f"WASHINGTON, Jan. 5, 2024 (AFP) - {body}\n", encoding="utf-8")
    assert next(read_documents(p)).date == dt.date(2024, 1, 5)
    text = "US - China talks resumed in Geneva on Monday after a break of three months."
    p.write_text(text + "\n", encoding="utf-8")
    assert next(read_documents(p)).text.strip() == text


def test_header_metadata_of_text_files(tmp_path: Path) -> None:
    (doc,) = read_documents(GOOD / "nested" / "deeper" / "brief.md")
    assert (doc.title, doc.date, doc.url) == (
        "Brief",
        dt.date(2020, 1, 15),
        "https://example.org/brief",
    )
    assert _body(doc.text) == ["Russia criticised the United States over sanctions on Iran."]
    p = tmp_path / "scraped.txt"
    p.write_text(
        "https://example.org/x\nCrawled: 2020-01-20\nTalks fail\n"
        "folder_openLibya access_time 6 days ago\n\nTurkey backed Sarraj.\n",
        encoding="utf-8",
    )
    (doc,) = read_documents(p)
    assert (doc.url, doc.date, doc.title) == (
        "https://example.org/x",
        dt.date(2020, 1, 14),
        "Talks fail",
    )


def test_html_metadata() -> None:
    docs, _ = _read(GOOD / "seed.html", CRAWL)
    doc = docs["seed.html"].document
    assert doc.title == "Libya’s Haftar Leaves Moscow without Signing Peace Deal"
    assert doc.url == "https://news.example.org/libya/haftar-moscow"
    assert doc.date == dt.date(2020, 1, 14)  # "6 days ago" in the page, against the crawl date


# --------------------------------------------------------------------------- offsets


def test_text_offsets_are_offsets_into_the_original() -> None:
    original = SEED.read_text(encoding="utf-8")
    (doc,) = read_documents(SEED)
    assert len(doc.text) == len(original)
    for m in re.finditer(r"\S+", doc.text):
        assert original[m.start() : m.end()] == m.group(0)


def test_html_offset_map_points_into_the_page() -> None:
    page = (GOOD / "seed.html").read_text(encoding="utf-8")
    (src,) = read_sources(GOOD / "seed.html", on_issue=lambda i: None)
    text, runs = src.document.text, src.offsets
    assert runs
    for t0, p0, n in runs:
        assert text[t0 : t0 + n] == page[p0 : p0 + n]
    mapped = sum(n for _, _, n in runs)
    assert mapped >= 0.98 * len(text.replace("\n", ""))
    i = text.index("Russia and Turkey have been trying")
    j = to_source(runs, i)
    assert j is not None
    assert page[j : j + 34] == "Russia and Turkey have been trying"
    # character references are mapped to where they stand in the page
    h = extract_html(
        "<html><body><article><p>Qatar &amp; Egypt met &#8220;today&#8221; in Doha, "
        "and the ministers of both countries spoke at length about Libya.</p>"
        "</article></body></html>"
    )
    amp = to_source(h.offsets, h.text.index("&"))
    assert amp is not None


# --------------------------------------------------------------------------- furniture


def test_seed_furniture_never_becomes_an_actor_or_a_triple(extractor: Extractor) -> None:
    """The seed article as plain text, UTF-16, with a BOM, as an HTML page and gzipped."""
    result = build(
        [
            SEED,
            GOOD / "seed.html",
            GOOD / "page.html.gz",
            GOOD / "seed_bom.txt",
            GOOD / "seed_utf16.txt",
        ],
        extractor=extractor,
        options=CRAWL,
    )
    assert result.stats.documents == 5
    by_doc: dict[str, set[tuple[str, str, str, bool]]] = {}
    for e in result.events:
        by_doc.setdefault(e.provenance.doc_id, set()).add(
            (e.source.actor.actor_id, e.relation.name, e.target.actor.actor_id, e.negated)
        )
        words = " ".join(
            (
                e.provenance.sentence,
                e.source.text,
                e.target.text,
                e.source.actor.label,
                e.target.actor.label,
            )
        )
        for junk in FURNITURE:
            assert junk not in words, (junk, e)
    assert len(by_doc) == 5
    reference = by_doc["000_74217fae9d44953a.txt"]
    assert ("russia", "backs", "khalifa_haftar", False) in reference
    for doc_id, triples in by_doc.items():
        assert triples == reference, doc_id
    labels = {str(d.get("label", "")) for _, d in result.graph.nodes(data=True)}
    for junk in FURNITURE:
        assert not any(junk.lower() in lab.lower() for lab in labels), junk


def test_html_reading_uses_no_network_and_no_external_entities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("kg tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    page = tmp_path / "xxe.xhtml"
    page.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY remote SYSTEM "http://127.0.0.1:9/evil.dtd">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title>'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"/>'
        '<script src="http://127.0.0.1:9/x.js"></script></head>'
        "<body><article><p>Egypt condemned Turkey &xxe; &remote; over its deployment of "
        "troops to Libya, the foreign ministry in Cairo said on Monday evening.</p>"
        '<img src="http://127.0.0.1:9/x.png"/></article></body></html>\n',
        encoding="utf-8",
    )
    (doc,) = read_documents(page)
    assert "Egypt condemned Turkey" in doc.text
    assert "TOP-SECRET" not in doc.text


# --------------------------------------------------------------------------- large JSONL


def test_plain_utf8_jsonl_is_streamed_with_the_result_of_a_whole_read(tmp_path: Path) -> None:
    """A UTF-8 JSONL file is read a line at a time (never whole); what comes out is what
    reading it whole gives, problems included. Other files are still read whole."""
    from kg.documents import _plain_utf8
    from kg.ingest_bytes import read_file_bytes

    line = json.dumps({"id": "x", "text": "Egypt “backed” Haftar. Café\u2028talks."})
    cases = {
        "feed.jsonl": ((GOOD / "feed.jsonl").read_bytes(), True),
        "broken.jsonl": ((BAD / "broken.jsonl").read_bytes(), True),
        "crlf.jsonl": ((line + "\r\n\n[1]\r\n{bad\n" + line).encode(), True),
        "latin1.jsonl": (b'{"id": "l", "text": "caf\xe9 talks"}\n', False),
        "bom.jsonl": (b"\xef\xbb\xbf" + line.encode() + b"\n", False),
        "blank.jsonl": (b" \n\n", False),
        "gz.jsonl": (gzip.compress(line.encode()), False),
    }
    for name, (data, streamed) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert _plain_utf8(path, 10_000) is streamed, name
        got_issues: list[InputError] = []
        want_issues: list[InputError] = []
        try:
            got = list(read_sources(path, on_issue=got_issues.append))
        except InputError as exc:
            got, got_issues = [], [exc]
        try:
            want = list(
                read_bytes(
                    read_file_bytes(path), name, where=str(path), on_issue=want_issues.append
                )
            )
        except InputError as exc:
            want, want_issues = [], [exc]
        assert got == want, name
        assert [i.to_record() for i in got_issues] == [i.to_record() for i in want_issues], name
    assert not _plain_utf8(tmp_path / "feed.jsonl", 10)  # over --max-bytes: read whole
