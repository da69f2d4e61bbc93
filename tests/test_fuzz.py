"""Property-based tests: random bytes, text and JSON at the reader, random text with hostile
actor names at the extractor. No input may crash kg or make it write invalid output.

In CI the reader gets 10,000 inputs (4,000 byte strings, 3,000 texts, 3,000 JSON/CSV
exports) and the extractor 300 texts through the real spaCy pipeline. ``bench/fuzz.py``
runs the same properties with more examples (10,000 extractor inputs) and reports counts;
the numbers can also be set with KG_FUZZ_BYTES, KG_FUZZ_TEXT, KG_FUZZ_JSON and
KG_FUZZ_EXTRACT.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import re
from collections import Counter
from typing import Any

import rdflib
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg.api import Extractor
from kg.datatypes import Document, Event
from kg.documents import ReadOptions, SourceDocument, clean_text, read_bytes
from kg.errors import InputError
from kg.graph import build_graph, read_graph, write_graph
from kg.interchange import event_to_record
from kg.rdf import serialize, to_rdf
from kg.state import dumps_line

COUNTS: Counter[str] = Counter()
_SURROGATE = re.compile("[\ud800-\udfff]")
_OPTIONS = ReadOptions(max_bytes=200_000, max_chars=50_000, crawl_date=dt.date(2020, 1, 20))


def _n(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _settings(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        derandomize=os.environ.get("KG_FUZZ_RANDOM") != "1",
        suppress_health_check=list(HealthCheck),
    )


# --------------------------------------------------------------------------- reader


def _check_source(src: SourceDocument) -> None:
    d = src.document
    assert isinstance(d.doc_id, str)
    assert d.doc_id
    assert not _SURROGATE.search(d.doc_id)
    assert not _SURROGATE.search(d.text)
    assert d.text.strip()
    assert "\x00" not in d.text
    assert len(d.text) <= _OPTIONS.max_chars
    assert d.date is None or isinstance(d.date, dt.date)
    for value in (d.title, d.url):
        assert value is None or (isinstance(value, str) and value == value.strip() and value)
    assert re.fullmatch(r"[0-9a-f]{64}", src.content_hash)
    if src.offsets is not None:
        end = -1
        for t0, p0, n in src.offsets:
            assert t0 > end
            assert p0 >= 0
            assert n > 0
            assert t0 + n <= len(d.text)
            end = t0 + n - 1
    line = dumps_line({"id": d.doc_id, "text": d.text, "title": d.title, "url": d.url})
    assert len(line.splitlines()) == 1
    assert json.loads(line)["text"] == d.text


def _read(data: bytes, name: str) -> list[SourceDocument]:
    issues: list[InputError] = []
    docs: list[SourceDocument] = []
    try:
        docs = list(read_bytes(data, name, options=_OPTIONS, on_issue=issues.append))
    except InputError as exc:
        issues.append(exc)
    for issue in issues:
        assert issue.kind != "internal", issue
        assert "\n" not in str(issue)
        json.loads(dumps_line(issue.to_record()))
    for src in docs:
        _check_source(src)
    COUNTS["reader"] += 1
    COUNTS["reader documents"] += len(docs)
    COUNTS["reader issues"] += len(issues)
    return docs


NAMES = st.sampled_from(
    [
        "a.txt",
        "a.html",
        "a.jsonl",
        "a.json",
        "a.csv",
        "a.tsv",
        "a.md",
        "noext",
        "a.txt.gz",
        "a.html.gz",
        "a.jsonl.gz",
        "a.bin",
    ]
)
FURNITURE = [
    "No Script",
    "Please Wait...",
    "folder_openLibya access_time 6 days ago",
    "starAdd to favorites",
    "Share on Facebook",
    "By Staff, Agencies",
    "Home | World",
]
SNIPPETS = st.sampled_from(
    [
        "<html>",
        "<p>",
        "</p>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "&amp;",
        "&#x2028;",
        "&#0;",
        "&bogus;",
        "<![CDATA[",
        "<!DOCTYPE html>",
        "{",
        "}",
        "[",
        "]",
        '"',
        ",",
        ";",
        "\t",
        "\n",
        "\r\n",
        "\u2028",
        "\x85",
        "\ufeff",
        "\x00",
        "Title: x",
        "Date: 6 days ago",
        "Crawled: 2020-01-20",
        "https://example.org/a",
        "---",
        "Russia backed Haftar.",
        "Egypt condemned Turkey on Monday.",
        *FURNITURE,
    ]
)
TEXTS = st.lists(st.one_of(SNIPPETS, st.text(max_size=40)), max_size=30).map("".join)
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]
)


@_settings(_n("KG_FUZZ_BYTES", 4000))
@given(data=st.binary(max_size=600), name=NAMES, gz=st.booleans())
def test_reader_survives_random_bytes(data: bytes, name: str, gz: bool) -> None:
    import gzip

    _read(gzip.compress(data, mtime=0) if gz else data, name)


@_settings(_n("KG_FUZZ_TEXT", 3000))
@given(text=TEXTS, encoding=ENCODINGS, name=NAMES)
def test_reader_survives_random_text(text: str, encoding: str, name: str) -> None:
    _read(text.encode(encoding, errors="replace"), name)


@_settings(300)
@given(text=TEXTS, encoding=ENCODINGS, name=NAMES)
def test_reader_is_deterministic(text: str, encoding: str, name: str) -> None:
    data = text.encode(encoding, errors="replace")
    first = [(s.document, s.content_hash, s.offsets) for s in _read(data, name)]
    assert first == [(s.document, s.content_hash, s.offsets) for s in _read(data, name)]


PIECES = [
    "<html>",
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "\u2028",
    "\x85",
    "\x00",
    "\ud800",
    '"',
    "\\",
    "6 days ago",
    "2020-01-14",
    "Tue, 14 Jan 2020 10:00:00 GMT",
    "14/01/2020",
    "https://x.org/a",
    "Russia backed Haftar.",
    "Egypt condemned Turkey on Monday.",
    *FURNITURE,
    " ",
    "\n",
    "\t",
]
FIELD_NAMES = [
    "id",
    "text",
    "content",
    "body",
    "date",
    "publishedAt",
    "url",
    "title",
    "crawled_at",
    "source",
    "articles",
]


def _random_text(rnd: Any) -> str:
    out = []
    for _ in range(rnd.randint(0, 6)):
        if rnd.random() < 0.6:
            out.append(rnd.choice(PIECES))
        else:
            out.append(
                "".join(
                    chr(
                        rnd.choice(
                            (rnd.randint(32, 126), rnd.randint(0, 0x2FFF), rnd.randint(0, 0x10FFFF))
                        )
                    )
                    for _ in range(rnd.randint(0, 12))
                )
            )
    return "".join(out)


def _random_json(rnd: Any, depth: int = 0) -> Any:
    """A random JSON value (drawn with one hypothesis Random: cheap to generate)."""
    k = rnd.random()
    if depth >= 3 or k < 0.55:
        return rnd.choice(
            [
                None,
                True,
                False,
                rnd.randint(-(10**20), 10**20),
                rnd.random() * 1e6,
                float("nan"),
                float("inf"),
                _random_text(rnd),
                _random_text(rnd),
                rnd.randint(0, 2_000_000_000_000),
            ]
        )
    if k < 0.7:
        return [_random_json(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
    return {
        (rnd.choice(FIELD_NAMES) if rnd.random() < 0.7 else _random_text(rnd)): _random_json(
            rnd, depth + 1
        )
        for _ in range(rnd.randint(0, 5))
    }


def _records(seed: int) -> list[dict[str, Any]]:
    rnd = random.Random(seed)  # one hypothesis draw, then Python's fast generator
    return [
        r if isinstance(r := _random_json(rnd, 1), dict) else {"text": r}
        for _ in range(rnd.randint(0, 4))
    ]


RECORDS = st.integers(0, 2**64).map(_records)


def _csv(records: list[dict[str, Any]]) -> str:
    keys = sorted({k for r in records for k in r})
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(keys)
    for r in records:
        w.writerow([json.dumps(r[k]) if k in r else "" for k in keys])
    return buf.getvalue()


@_settings(_n("KG_FUZZ_JSON", 3000))
@given(
    records=RECORDS,
    shape=st.sampled_from(["jsonl", "json", "articles", "csv", "cut"]),
    junk=st.lists(st.text(max_size=30), max_size=2),
)
def test_reader_survives_random_json(
    records: list[dict[str, Any]], shape: str, junk: list[str]
) -> None:
    note(repr(records))
    if shape == "jsonl":
        text = "\n".join([*(json.dumps(r) for r in records), *junk])
        name = "a.jsonl"
    elif shape == "cut":  # a truncated export
        text = "\n".join(json.dumps(r) for r in records)
        text, name = text[: len(text) // 2], "a.jsonl"
    elif shape == "csv":
        text, name = _csv(records), "a.csv"
    else:
        text = json.dumps({"articles": records} if shape == "articles" else records)
        name = "a.json"
    _read(text.encode("utf-8", "surrogatepass"), name)


# --------------------------------------------------------------------------- extractor

HOSTILE = [
    'Al "Quds" Brigade',
    "<script>Army</script>",
    "Front <http://evil.org/x> .",
    'ISIS"; DROP TABLE',
    "Хафтар",
    "حفتر",
    "習近平",
    "R&D Forces",
    "O'Brien Group",
    "x> <y> <z> .",
    "_:b0 Militia",
    '"""',
    "\\u0000 Corps",
    "Dar\u2028Fur",
    "Tab\tArmy",
    "The #hashtag @Army",
    "50% Brigade",
    "Army {of} God",
    "Ünited Frönt",
    "🙂 Legion",
]
ACTORS = st.sampled_from(
    [
        "Russia",
        "Egypt",
        "Haftar",
        "Turkey",
        "the Kremlin",
        "the Libyan government",
        "Sarraj",
        "the United Nations",
        *HOSTILE,
    ]
)
VERBS = st.sampled_from(
    [
        "backed",
        "attacked",
        "condemned",
        "met with",
        "accused",
        "did not sign a deal with",
        "mediated between Sarraj and",
        "threatened to attack",
        "sent troops to",
        "urged",
    ]
)
SENTENCES = st.tuples(
    ACTORS, VERBS, ACTORS, st.sampled_from([".", " on Monday.", "!", "?", ""])
).map(lambda t: f"{t[0]} {t[1]} {t[2]}{t[3]}")
NOISE = st.one_of(SNIPPETS, st.text(max_size=30))
PART = st.integers(0, 3).flatmap(lambda k: NOISE if k == 0 else SENTENCES)  # 3/4 sentences
DOC_TEXTS = st.lists(PART, min_size=1, max_size=8).map(" ".join)
DOC_IDS = st.one_of(
    st.sampled_from(["d1", "x> <y> .", "a b/c?d#e", "..", "Хафтар.txt", "\u2028id"]),
    st.text(min_size=1, max_size=12),
)


def _check_events(document: Document, events: list[Event]) -> None:
    text = document.text
    for e in events:
        p = e.provenance
        assert 0 <= p.start <= p.end <= len(text)
        assert text[p.start : p.end] == p.sentence
        assert text[p.trigger_start : p.trigger_end] == p.trigger
        for m in (e.source, e.target, *e.participants):
            assert 0 <= m.start <= m.end <= len(text)
            assert text[m.start : m.end] == m.text
            assert m.actor.actor_id
        assert 0.0 <= e.confidence <= 1.0
        line = dumps_line(event_to_record(e))
        assert len(line.splitlines()) == 1
        assert json.loads(line)["sentence"] == p.sentence


def _check_rdf(document: Document, events: list[Event]) -> None:
    graph = to_rdf(events, [document])
    for fmt in ("turtle", "nt"):
        parsed = rdflib.Graph().parse(data=serialize(graph, fmt), format=fmt)
        assert len(parsed) == len(graph), fmt
        assert isomorphic(parsed, graph), fmt


@_settings(_n("KG_FUZZ_EXTRACT", 300))
@given(text=DOC_TEXTS, doc_id=DOC_IDS)
def test_extractor_survives_random_text(
    extractor: Extractor, text: str, doc_id: str, tmp_path_factory: Any
) -> None:
    text = clean_text(text)  # what the reader does to every text (the API to Documents too)
    document = Document(
        doc_id,
        text,
        date=dt.date(2020, 1, 14),
        title=text[:20],
        url="https://example.org/" + doc_id,
    )
    ((_, events),) = list(extractor.process([document]))
    _check_events(document, events)
    _check_rdf(document, events)
    if events:
        g = build_graph(events)
        path = tmp_path_factory.mktemp("g") / "g.graphml"
        assert set(read_graph(write_graph(g, path)).nodes) == set(g.nodes)
    COUNTS["extractor"] += 1
    COUNTS["extractor events"] += len(events)
    COUNTS["extractor hostile actors"] += sum(
        1 for e in events for m in (e.source, e.target) if not m.actor.resolved
    )


def test_report_counts() -> None:
    """Runs last (file order): prints how many inputs the properties above saw."""
    if os.environ.get("KG_FUZZ_REPORT"):
        print("\nfuzz counts:", json.dumps(dict(sorted(COUNTS.items()))))
