"""Records of news exports: JSONL (one object a line), JSON (an array of objects, or an
object holding one such as ``{"articles": [...]}``) and CSV/TSV with a header row.

Which field holds what is configurable (:class:`Columns`); by default the usual names of
news APIs and scrapers are tried in order (``text``, ``content``, ``body``, ``maintext``
...). Dotted names reach into nested objects (``source.url``).

Each reader yields ``(line, record)`` pairs, or an :class:`~kg.errors.InputError` for a
line it cannot read, and goes on with the next line.

>>> rows = list(iter_records('id,text\\n1,"Egypt backs Haftar."\\n2,"x,y\\n', "a.csv", "csv"))
>>> rows[0]
(2, {'id': '1', 'text': 'Egypt backs Haftar.'})
>>> str(rows[1])
'a.csv:3: unterminated quoted field (the file may be truncated)'
>>> field({"source": {"url": "https://x.org/a"}}, "source.url")
'https://x.org/a'
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kg.errors import InputError

__all__ = ["DEFAULT_COLUMNS", "Columns", "field", "iter_jsonl_lines", "iter_records", "pick"]

Record = dict[str, Any]
Item = tuple[int, Record] | InputError

#: Field names tried, in order, when a column is not set explicitly.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "maintext", "article", "full_text", "fulltext", "story"),
    "id": ("id", "doc_id", "uuid", "guid", "article_id", "_id"),
    "date": (
        "date",
        "published",
        "published_at",
        "publishedAt",
        "date_publish",
        "pubdate",
        "publication_date",
        "datetime",
        "timestamp",
    ),
    "url": ("url", "link", "source_url", "canonical_url", "uri"),
    "title": ("title", "headline", "name"),
    "crawl_date": (
        "crawl_date",
        "crawled",
        "crawled_at",
        "date_download",
        "scraped_at",
        "retrieved",
        "fetched_at",
        "date_crawled",
    ),
}
#: Keys of a JSON object whose list value holds the records (NewsAPI, GDELT, generic APIs).
_LIST_KEYS = ("articles", "data", "results", "items", "records", "documents", "docs", "hits")


@dataclass(frozen=True, slots=True)
class Columns:
    """Which field of a record holds the text, id, date, url, title and crawl date.

    ``None`` means "try the usual names" (:data:`DEFAULT_COLUMNS`); a name given here is
    the only one looked at.
    """

    text: str | None = None
    id: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    crawl_date: str | None = None

    def candidates(self, key: str) -> tuple[str, ...]:
        """The field names to try for ``key`` (``"text"``, ``"id"``, ...)."""
        chosen: str | None = getattr(self, key)
        return (chosen,) if chosen else DEFAULT_COLUMNS[key]


def field(record: Record, name: str) -> Any:
    """``record[name]``, following dots into nested objects; None when absent."""
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def pick(record: Record, columns: Columns, key: str) -> tuple[str | None, Any]:
    """The first of the candidate fields for ``key`` that has a non-empty value."""
    for name in columns.candidates(key):
        value = field(record, name)
        if value not in (None, "", [], {}):
            return name, value
    return None, None


def _loads(line: str) -> Any:
    try:
        return json.loads(line)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc


def _split_lines(text: str) -> Iterator[str]:
    """``text.split("\\n")``, one line at a time (no list of every line of a large file)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _iter_jsonl(text: str, where: str) -> Iterator[Item]:
    # Split on "\n" only: U+2028 and friends may appear raw inside JSON strings.
    return iter_jsonl_lines(_split_lines(text), where)


def iter_jsonl_lines(lines: Iterable[str], where: str) -> Iterator[Item]:
    """The records of JSONL ``lines`` (split on ``"\\n"`` only), numbered from 1."""
    for n, line in enumerate(lines, start=1):
        line = line.strip(" \t\r\ufeff")
        if not line:
            continue
        try:
            rec = _loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(
                where, n, f"malformed JSON (column {exc.colno}): {exc.msg}", kind="malformed_line"
            )
            continue
        except ValueError as exc:
            yield InputError(where, n, f"malformed JSON: {exc}", kind="malformed_line")
            continue
        if not isinstance(rec, dict):
            yield InputError(
                where,
                n,
                f"a JSON {type(rec).__name__} where an object was expected: each line must be "
                'an object such as {"id": ..., "text": ...}',
                kind="malformed_line",
            )
            continue
        yield n, rec


def _iter_json(text: str, where: str) -> Iterator[Item]:
    try:
        data = _loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(
            where, exc.lineno, f"malformed JSON (column {exc.colno}): {exc.msg}", kind="unparsable"
        )
        return
    except ValueError as exc:
        yield InputError(where, None, f"malformed JSON: {exc}", kind="unparsable")
        return
    if isinstance(data, dict):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        yield InputError(
            where,
            None,
            "JSON that is neither an object nor an array of objects",
            kind="unparsable",
        )
        return
    for i, rec in enumerate(data, start=1):
        if isinstance(rec, dict):
            yield i, rec
        else:
            yield InputError(
                where,
                i,
                f"record {i} of the array is a JSON {type(rec).__name__}, not an object",
                kind="malformed_line",
            )


def _delimiter(text: str, suffix_hint: str) -> str:
    if suffix_hint == "tsv":
        return "\t"
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _iter_csv(text: str, where: str, delimiter: str) -> Iterator[Item]:
    limit = max(csv.field_size_limit(), min(len(text) + 1, sys.maxsize))
    csv.field_size_limit(limit)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    last = 0
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if reader.line_num <= last:
                return
            message = str(exc)
            if "unexpected end of data" in message or "EOF" in message:
                message = "unterminated quoted field (the file may be truncated)"
            yield InputError(where, start, message, kind="malformed_line")
            last = reader.line_num
            continue
        last = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [h.strip().lstrip("\ufeff") for h in row]
            continue
        if len(row) != len(header):
            yield InputError(
                where,
                start,
                f"{len(row)} fields where the header has {len(header)}: check quoting or "
                "the delimiter",
                kind="malformed_line",
            )
            continue
        yield start, dict(zip(header, row, strict=True))


def iter_records(text: str, where: str, fmt: str) -> Iterator[Item]:
    """The records of ``text`` read as ``fmt`` (``jsonl``, ``json``, ``csv`` or ``tsv``)."""
    if fmt == "jsonl":
        yield from _iter_jsonl(text, where)
    elif fmt == "json":
        yield from _iter_json(text, where)
    elif fmt in {"csv", "tsv"}:
        yield from _iter_csv(text, where, _delimiter(text, fmt))
    else:
        raise ValueError(f"not a record format: {fmt!r}")
