"""Read input documents: text, HTML, JSONL, JSON and CSV files, gzipped or not, and
folders of any mix of them (recursively).

Page furniture ("Please Wait...", "starAdd to favorites", a repeated title, share and
navigation lines, header metadata lines) is blanked with spaces rather than cut, so every
character offset ``kg`` reports is an offset into the original text. For HTML the text
is the page's main text (see :mod:`kg.ingest_html`), and
:attr:`SourceDocument.offsets` maps its offsets back into the page.

Bad input never stops a batch: an empty, binary, truncated, oversized or unparsable file,
or a malformed JSONL/CSV line, is reported to ``on_issue`` as an
:class:`~kg.errors.InputError` naming file and line, and reading goes on. With no
``on_issue``, the first error is raised.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Please Wait...\\n\\nRussia backs Haftar.\\n", encoding="utf-8")
>>> [doc.doc_id for doc in read_documents(d)]
['a.txt']
>>> next(iter(read_documents(d))).text.strip()
'Russia backs Haftar.'
"""

from __future__ import annotations

import calendar
import codecs
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from kg.datatypes import Document
from kg.errors import InputError
from kg.ingest_bytes import (
    DEFAULT_MAX_BYTES,
    decode_text,
    is_gzip,
    read_file_bytes,
    sniff_binary,
    unpack_bytes,
)
from kg.ingest_html import Run, extract_html, looks_like_html
from kg.ingest_meta import Header, RelativeDateError, read_date, read_header
from kg.ingest_records import Columns, iter_jsonl_lines, iter_records, pick

__all__ = [
    "FORMATS",
    "TEXT_SUFFIXES",
    "Columns",
    "IssueHandler",
    "ReadOptions",
    "SourceDocument",
    "blank_boilerplate",
    "clean_text",
    "content_hash",
    "parse_date",
    "read_bytes",
    "read_documents",
    "read_sources",
]

LOGGER = logging.getLogger(__name__)

#: File suffixes of each input format (a trailing ``.gz`` is looked through).
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md", ".markdown"})
_SUFFIX_FORMAT: dict[str, str] = {
    **dict.fromkeys(TEXT_SUFFIXES, "text"),
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml"), "html"),
    **dict.fromkeys((".jsonl", ".ndjson", ".jl"), "jsonl"),
    ".json": "json",
    ".csv": "csv",
    **dict.fromkeys((".tsv", ".tab"), "tsv"),
}
#: Values of ``ReadOptions.input_format`` (``auto``: by suffix, else by content).
FORMATS = ("auto", "text", "html", "jsonl", "json", "csv", "tsv")
#: Default largest document, in characters (spaCy's own limit).
DEFAULT_MAX_CHARS = 1_000_000

IssueHandler = Callable[[InputError], None]

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MARKUP = re.compile(
    r"<(?:p|div|br|span|a|article|section|h[1-6]|li|strong|em)\b[^<>]{0,500}>", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs.

    ``date`` is the publication date of documents that carry none; ``crawl_date`` the day
    they were scraped (what "6 days ago" counts back from). ``columns`` names the fields
    of JSONL/JSON/CSV records. ``input_format`` forces a format for every file (default:
    by suffix, else by content). Files over ``max_bytes`` (after decompression) and
    documents over ``max_chars`` are refused. Paths under ``exclude`` (the output folder)
    are never read.
    """

    date: dt.date | None = None
    crawl_date: dt.date | None = None
    columns: Columns = field(default_factory=Columns)
    input_format: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    exclude: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        if self.input_format not in FORMATS:
            raise ValueError(
                f"unknown input format {self.input_format!r}; valid: {', '.join(FORMATS)}"
            )


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A document as read, with what the incremental build and the reports need.

    ``content_hash`` covers the text and the metadata that affect extraction (date,
    title, url). ``offsets`` (HTML only) maps text offsets to page offsets as runs
    ``(text_start, page_start, length)``.
    """

    document: Document
    content_hash: str
    format: str
    offsets: tuple[Run, ...] | None = None
    encoding: str | None = None


def content_hash(document: Document) -> str:
    """SHA-256 of a document's text, date, title and url (hex).

    >>> content_hash(Document("a", "x")) == content_hash(Document("b", "x"))
    True
    """
    payload = json.dumps(
        [
            document.text,
            document.date.isoformat() if document.date else None,
            document.title,
            document.url,
        ],
        ensure_ascii=True,
    )
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


# --------------------------------------------------------------------------- furniture


@functools.cache
def _furniture_patterns() -> tuple[re.Pattern[str], ...]:
    raw = json.loads(resources.files("kg").joinpath("data/boilerplate.json").read_text("utf-8"))
    return tuple(re.compile(p, re.IGNORECASE) for p in raw["line_patterns"])


def blank_boilerplate(text: str) -> tuple[str, str | None]:
    """Blank furniture lines and repeated lines; return the text and the first title line.

    The returned text has the same length as ``text``: removed characters become spaces.

    >>> t, title = blank_boilerplate("Title\\n\\nTitle\\nShare\\nBody text here.")
    >>> title, len(t) == len("Title\\n\\nTitle\\nShare\\nBody text here.")
    ('Title', True)
    >>> t.split()
    ['Title', 'Body', 'text', 'here.']
    """
    patterns = _furniture_patterns()
    out: list[str] = []
    seen: set[str] = set()
    title: str | None = None
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        key = " ".join(body.split())
        drop = bool(key) and (key.casefold() in seen or any(p.fullmatch(key) for p in patterns))
        if key and not drop and title is None and not key.endswith((".", "?", "!", ":", '"', "”")):
            title = key
        if key:
            seen.add(key.casefold())
        out.append(" " * len(body) + line[len(body) :] if drop else line)
    return "".join(out), title


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)


# --------------------------------------------------------------------------- dates


def parse_date(
    value: object, *, where: str = "", crawl_date: dt.date | None = None
) -> dt.date | None:
    """Parse a metadata date (ISO, ``20200114``, RFC 2822, "January 14, 2020", Unix time).

    >>> parse_date("2020-01-14"), parse_date("19950103"), parse_date(None)
    (datetime.date(2020, 1, 14), datetime.date(1995, 1, 3), None)

    Raises
    ------
    InputError
        When ``value`` is not a date (or is relative and ``crawl_date`` is not known).
    """
    try:
        return read_date(value, crawl_date=crawl_date)
    except ValueError as exc:
        raise InputError(
            where or "<date>", None, f"unreadable date: {exc}; use YYYY-MM-DD", kind="bad_date"
        ) from exc


# --------------------------------------------------------------------------- documents


@dataclass(slots=True)
class _Meta:
    """Metadata a container (a record, an HTML page) gives a text."""

    title: str | None = None
    url: str | None = None
    date: dt.date | None = None
    crawl_date: dt.date | None = None
    page_header: Header | None = None  # HTML: the visible text above the main text


def clean_text(text: str) -> str:
    """``text`` safe for every output: lone surrogates (from JSON escapes) become U+FFFD,
    control characters that XML and RDF cannot carry become spaces. Same length, so
    offsets are kept.

    >>> clean_text("a\\x00b\\x1bc\\ud800d\\te") == "a b c\\ufffdd\\te"
    True
    """
    text = _CONTROLS.sub(" ", text)
    return _SURROGATE.sub("\ufffd", text)


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    s = " ".join(clean_text(str(value)).split())
    return s or None


def _clean_id(value: object) -> str | None:
    """A record's id as given (only outer whitespace and unwritable characters go)."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    return clean_text(str(value)).strip() or None


def _make(
    text: str,
    *,
    doc_id: str,
    source: str,
    fmt: str,
    meta: _Meta,
    options: ReadOptions,
    where: str,
    line: int | None,
    report: IssueHandler,
    offsets: tuple[Run, ...] | None = None,
    encoding: str | None = None,
) -> SourceDocument:
    text = clean_text(text)
    header = read_header(text)
    for problem in header.problems:
        report(InputError(where, line, problem, kind="bad_date", severity="warning"))
    cleaned, first_line = blank_boilerplate(_blank(text, header.meta_lines))
    if not cleaned.strip():
        what = "no text left after removing page furniture" if text.strip() else "empty text"
        raise InputError(where, line, what, kind="no_text")
    if len(cleaned) > options.max_chars:
        raise InputError(
            where,
            line,
            f"document too long ({len(cleaned):,} characters > {options.max_chars:,}): "
            "split it or raise --max-chars",
            kind="too_large",
        )
    crawl = meta.crawl_date or header.crawl_date or options.crawl_date
    date = meta.date or header.resolved_date(crawl)
    page = meta.page_header
    if date is None and page is not None:
        date = page.resolved_date(crawl)
    if date is None:
        relative = header.relative or (page.relative if page else None)
        if relative is None and header.month_day is not None:
            month, day = header.month_day
            relative = f"{calendar.month_name[month]} {day}"  # a wire dateline has no year
        if relative and options.date is None:
            report(
                InputError(
                    where,
                    line,
                    f"dateline {relative!r} left unresolved: give --crawl-date (the day the "
                    "page was scraped) or --date",
                    kind="date_unresolved",
                    severity="warning",
                )
            )
        date = options.date
    document = Document(
        doc_id=header.doc_id if header.doc_id and fmt in {"text", "html"} else doc_id,
        text=cleaned,
        source=source,
        date=date,
        title=meta.title or header.title or (page.title if page else None) or first_line,
        url=meta.url or header.url or (page.url if page else None),
    )
    return SourceDocument(document, content_hash(document), fmt, offsets, encoding)


def _html_document(
    page: str,
    *,
    doc_id: str,
    source: str,
    fmt: str,
    meta: _Meta,
    options: ReadOptions,
    where: str,
    line: int | None,
    report: IssueHandler,
    encoding: str | None,
) -> SourceDocument:
    h = extract_html(page)
    date: dt.date | None = meta.date
    if date is None and h.date:
        try:
            date = read_date(h.date)
        except ValueError:
            report(
                InputError(
                    where,
                    line,
                    f"unreadable page date {h.date!r}",
                    kind="bad_date",
                    severity="warning",
                )
            )
    meta = _Meta(
        title=meta.title or _clean_meta(h.title),
        url=meta.url or _clean_meta(h.url),
        date=date,
        crawl_date=meta.crawl_date,
        page_header=read_header(h.header, max_lines=60) if h.header else None,
    )
    if not h.text.strip():
        raise InputError(where, line, "no text found in the HTML page", kind="no_text")
    return _make(
        h.text,
        doc_id=doc_id,
        source=source,
        fmt=fmt,
        meta=meta,
        options=options,
        where=where,
        line=line,
        report=report,
        offsets=h.offsets,
        encoding=encoding,
    )


def _record_meta(
    rec: dict[str, Any], options: ReadOptions, where: str, line: int, report: IssueHandler
) -> _Meta:
    cols = options.columns
    crawl: dt.date | None = None
    name, value = pick(rec, cols, "crawl_date")
    if value is not None:
        try:
            crawl = read_date(value)
        except ValueError as exc:
            report(
                InputError(
                    where, line, f"field {name!r}: {exc}", kind="bad_date", severity="warning"
                )
            )
    date: dt.date | None = None
    name, value = pick(rec, cols, "date")
    if value is not None:
        try:
            date = read_date(value, crawl_date=crawl or options.crawl_date)
        except RelativeDateError as exc:
            report(
                InputError(
                    where,
                    line,
                    f"field {name!r}: {exc}",
                    kind="date_unresolved",
                    severity="warning",
                )
            )
        except ValueError as exc:
            report(
                InputError(
                    where,
                    line,
                    f"field {name!r}: {exc}; the date is left out (write dates as YYYY-MM-DD)",
                    kind="bad_date",
                    severity="warning",
                )
            )
    return _Meta(
        title=_clean_meta(pick(rec, cols, "title")[1]),
        url=_clean_meta(pick(rec, cols, "url")[1]),
        date=date,
        crawl_date=crawl,
    )


def _record_document(
    rec: dict[str, Any],
    line: int,
    *,
    file_id: str,
    where: str,
    fmt: str,
    options: ReadOptions,
    report: IssueHandler,
    encoding: str | None,
) -> SourceDocument:
    name, value = pick(rec, options.columns, "text")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(value)
    if not isinstance(value, str):
        tried = ", ".join(options.columns.candidates("text"))
        if value is None:
            have = ", ".join(list(rec)[:12]) or "none"
            message = (
                f"no text (looked for {tried}; the fields are {have}): "
                "name the text field with --text-field"
            )
        else:
            message = f"field {name!r} holds a {type(value).__name__}, not text"
        raise InputError(where, line, message, kind="no_text")
    meta = _record_meta(rec, options, where, line, report)
    raw_id = _clean_id(pick(rec, options.columns, "id")[1])
    text = clean_text(value)
    doc_id = (
        raw_id or meta.url or (f"{file_id}#{hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]}")
    )
    source = f"{where}:{line}"
    if len(_MARKUP.findall(text[:20000])) >= 2:
        return _html_document(
            text,
            doc_id=doc_id,
            source=source,
            fmt=f"{fmt}+html",
            meta=meta,
            options=options,
            where=where,
            line=line,
            report=report,
            encoding=encoding,
        )
    return _make(
        text,
        doc_id=doc_id,
        source=source,
        fmt=fmt,
        meta=meta,
        options=options,
        where=where,
        line=line,
        report=report,
        encoding=encoding,
    )


def _format_of(name: str, forced: str) -> str:
    if forced != "auto":
        return forced
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _SUFFIX_FORMAT.get(Path(lower).suffix, "auto")


def _sniff_format(text: str) -> str:
    if looks_like_html(text):
        return "html"
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head == "{":
        first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            return "json"
    if head == "[":
        return "json"
    return "text"


def _default_report(issue: InputError) -> None:
    if issue.severity == "error":
        raise issue
    LOGGER.warning("%s", issue)


class _Once:
    """An issue handler (default: raise errors, log warnings) that marks each issue as
    reported, so that an error it raises is not reported a second time on its way out."""

    def __init__(self, handler: IssueHandler | None) -> None:
        self.handler = handler or _default_report

    def __call__(self, issue: InputError) -> None:
        if issue.reported:
            raise issue
        issue.reported = True
        self.handler(issue)


def _once(handler: IssueHandler | None) -> IssueHandler:
    return handler if isinstance(handler, _Once) else _Once(handler)


def read_bytes(
    data: bytes,
    name: str,
    *,
    doc_id: str | None = None,
    where: str | None = None,
    options: ReadOptions | None = None,
    on_issue: IssueHandler | None = None,
) -> Iterator[SourceDocument]:
    """Read the documents of one file's bytes (``name`` gives its suffix, hence format).

    Raises :class:`~kg.errors.InputError` for a file that cannot be read at all (empty,
    binary, too large, truncated gzip); problems of single records go to ``on_issue``.
    """
    options = options or ReadOptions()
    report = _once(on_issue)
    where = where or name
    file_id = doc_id or (name[:-3] if name.lower().endswith(".gz") else name)
    fmt = _format_of(name, options.input_format)
    data = unpack_bytes(data, where=where, max_bytes=options.max_bytes)
    what = sniff_binary(data)
    if what is not None:
        raise InputError(where, None, f"binary file, not text ({what}): skipped", kind="binary")
    decoded = decode_text(data, where)
    del data  # the text is what is read from now on: let the bytes go
    if decoded.bad_bytes:
        shown = ", ".join(str(b) for b in decoded.bad_bytes[:5])
        more = f" ({len(decoded.bad_bytes)} in all)" if len(decoded.bad_bytes) > 5 else ""
        report(
            InputError(
                where,
                None,
                f"undecodable bytes at {shown}{more} replaced by U+FFFD "
                f"(read as {decoded.encoding})",
                kind="encoding",
                offset=decoded.bad_bytes[0],
                severity="warning",
            )
        )
    text = decoded.text
    if not text.strip():
        raise InputError(where, None, "empty file (no text)", kind="empty")
    if fmt == "auto":
        fmt = _sniff_format(text)
    if fmt in ("text", "html"):
        make = _make if fmt == "text" else _html_document
        yield make(
            text,
            doc_id=file_id,
            source=where,
            fmt=fmt,
            meta=_Meta(),
            options=options,
            where=where,
            line=None,
            report=report,
            encoding=decoded.encoding,
        )
    else:
        yield from _record_documents(
            iter_records(text, where, fmt), file_id, where, fmt, options, report, decoded.encoding
        )


_CHUNK = 1 << 20


def _plain_utf8(path: Path, max_bytes: int) -> bool:
    """Whether ``path`` is plain UTF-8 text, so reading it line by line gives what reading
    it whole (:func:`read_bytes`) does: not empty, not over ``max_bytes``, not gzip, no
    byte-order mark and no NUL byte in its head, not binary, valid UTF-8 throughout.

    Checked in chunks: nothing of the file is kept.
    """
    try:
        if not 0 < path.stat().st_size <= max_bytes:
            return False
        decoder = codecs.getincrementaldecoder("utf-8")()
        blank = True
        with path.open("rb") as fh:
            chunk = fh.read(8192)
            if (
                is_gzip(chunk)
                or chunk.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                or b"\x00" in chunk
                or sniff_binary(chunk) is not None
            ):
                return False
            while chunk:
                text = decoder.decode(chunk)
                blank = blank and not text.strip()
                chunk = fh.read(_CHUNK)
            blank = blank and not decoder.decode(b"", final=True).strip()
    except (OSError, UnicodeDecodeError):
        return False
    return not blank


def _stream_jsonl(
    path: Path, file_id: str, where: str, options: ReadOptions, report: IssueHandler
) -> Iterator[SourceDocument]:
    """The documents of a JSONL file that :func:`_plain_utf8` accepted, read a line at a
    time (a large file is never held in memory): the same as :func:`read_bytes` gives."""

    def lines() -> Iterator[str]:
        with path.open("rb") as fh:
            for raw in fh:  # binary files split on b"\n" only, as read_bytes does
                yield (raw[:-1] if raw.endswith(b"\n") else raw).decode("utf-8")

    yield from _record_documents(
        iter_jsonl_lines(lines(), where), file_id, where, "jsonl", options, report, "utf-8"
    )


def _record_documents(
    items: Iterable[tuple[int, dict[str, Any]] | InputError],
    file_id: str,
    where: str,
    fmt: str,
    options: ReadOptions,
    report: IssueHandler,
    encoding: str,
) -> Iterator[SourceDocument]:
    """The documents of parsed records; a record's problem goes to ``report`` (and reading
    goes on) unless it was reported already (then it stops the file)."""
    for item in items:
        if isinstance(item, InputError):
            report(item)
            continue
        line, rec = item
        try:
            yield _record_document(
                rec,
                line,
                file_id=file_id,
                where=where,
                fmt=fmt,
                options=options,
                report=report,
                encoding=encoding,
            )
        except InputError as exc:
            if exc.reported:
                raise
            report(exc)


def _input_files(root: Path, exclude: tuple[Path, ...]) -> list[tuple[str, Path]]:
    """(document id, path) of every readable file under ``root``, sorted by id.

    Hidden files and folders (``.git``, ``.DS_Store``) and ``exclude`` are left out;
    symbolic links to folders are not followed.
    """
    if not root.is_dir():
        name = root.name
        return [(name[:-3] if name.lower().endswith(".gz") else name, root)]
    skip = {p.resolve() for p in exclude}
    found: list[tuple[str, Path]] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(folder)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (base / d).resolve() not in skip
        )
        for name in filenames:
            path = base / name
            if name.startswith(".") or not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            found.append((rel[:-3] if rel.lower().endswith(".gz") else rel, path))
    return sorted(found)


def read_sources(
    source: str | Path,
    *,
    options: ReadOptions | None = None,
    on_issue: IssueHandler | None = None,
) -> Iterator[SourceDocument]:
    """Yield the documents of ``source`` (a file or a folder, read recursively) in a stable
    order (sorted relative paths, then record order).

    A document's id is its record's id (else its url, else ``file#text-hash``) for
    JSONL/JSON/CSV records, and its path relative to ``source`` for text and HTML files
    (the file name when ``source`` is the file; a ``.gz`` suffix is dropped).

    Raises
    ------
    InputError
        When ``source`` does not exist; and, with no ``on_issue``, at the first bad input.
    """
    options = options or ReadOptions()
    report = _once(on_issue)
    root = Path(source)
    if not root.exists():
        raise InputError(root, None, "no such file or folder", kind="missing")
    for file_id, path in _input_files(root, options.exclude):
        where = str(path)
        try:
            if _format_of(path.name, options.input_format) == "jsonl" and _plain_utf8(
                path, options.max_bytes
            ):
                yield from _stream_jsonl(path, file_id, where, options, report)
                continue
            yield from read_bytes(
                read_file_bytes(path, max_bytes=options.max_bytes, where=where),
                path.name,
                doc_id=file_id,
                where=where,
                options=options,
                on_issue=report,
            )
        except InputError as exc:
            if exc.reported:
                raise
            report(exc)
        except Exception as exc:  # a bug must cost one file, not the batch
            LOGGER.debug("reading %s failed", where, exc_info=True)
            report(
                InputError(
                    where,
                    None,
                    f"kg could not read this file ({type(exc).__name__}: {exc}); "
                    "please report it as a bug",
                    kind="internal",
                )
            )


def read_documents(
    source: str | Path,
    *,
    date: dt.date | None = None,
    options: ReadOptions | None = None,
    on_issue: IssueHandler | None = None,
) -> Iterator[Document]:
    """Yield the documents of ``source``: a file or a folder of text, HTML, JSONL, JSON and
    CSV files (gzipped or not). ``date`` is the publication date of documents that carry
    none. See :func:`read_sources` for ids, order and errors.
    """
    opts = options or ReadOptions()
    if date is not None:
        opts = replace(opts, date=date)
    for src in read_sources(source, options=opts, on_issue=on_issue):
        yield src.document
