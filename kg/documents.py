"""Read input documents: a text file, a folder of them, or a JSONL file of records.

Page furniture ("Please Wait...", "starAdd to favorites", a repeated title) is blanked with
spaces rather than cut, so every character offset ``kg`` reports is an offset into the
original text.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Please Wait...\\n\\nRussia backs Haftar.\\n", encoding="utf-8")
>>> [doc.doc_id for doc in read_documents(d)]
['a.txt']
>>> next(iter(read_documents(d))).text.strip()
'Russia backs Haftar.'
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from kg.datatypes import Document
from kg.errors import InputError

__all__ = ["TEXT_SUFFIXES", "blank_boilerplate", "parse_date", "read_documents"]

LOGGER = logging.getLogger(__name__)

#: File suffixes read as plain text when a folder is given.
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


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
        body = line.rstrip("\r\n")
        key = body.strip()
        drop = bool(key) and (key.casefold() in seen or any(p.fullmatch(key) for p in patterns))
        if key and not drop and title is None and not key.endswith((".", "?", "!", ":", '"', "”")):
            title = key
        if key:
            seen.add(key.casefold())
        out.append(" " * len(body) + line[len(body) :] if drop else line)
    return "".join(out), title


def parse_date(value: object, *, where: str = "") -> dt.date | None:
    """Parse an ISO date (``2020-01-14``), a compact one (``20200114``) or ``None``.

    >>> parse_date("2020-01-14"), parse_date("19950103"), parse_date(None)
    (datetime.date(2020, 1, 14), datetime.date(1995, 1, 3), None)
    """
    if value is None or value == "":
        return None
    s = str(value).strip()
    try:
        if re.fullmatch(r"\d{8}", s):
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        return dt.date.fromisoformat(s[:10])
    except ValueError as exc:
        raise InputError(where or "<date>", None, f"unreadable date {s!r}: use YYYY-MM-DD") from exc


def _read_text_file(path: Path, root: Path, date: dt.date | None) -> Document:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, None, f"not UTF-8 text (byte {exc.start}): {exc.reason}") from exc
    cleaned, title = blank_boilerplate(text)
    doc_id = path.name if path == root else path.relative_to(root).as_posix()
    return Document(doc_id=doc_id, text=cleaned, source=str(path), date=date, title=title)


def _read_jsonl(path: Path, date: dt.date | None) -> Iterator[Document]:
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, n, f"malformed JSON: {exc.msg}") from exc
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise InputError(path, n, 'each line must be an object with a "text" string')
            doc_id = str(rec.get("id") or f"{path.name}:{n}")
            cleaned, title = blank_boilerplate(rec["text"])
            yield Document(
                doc_id=doc_id,
                text=cleaned,
                source=f"{path}:{n}",
                date=parse_date(rec.get("date"), where=f"{path}:{n}") or date,
                title=rec.get("title") or title,
                url=rec.get("url"),
            )


def read_documents(source: str | Path, *, date: dt.date | None = None) -> Iterator[Document]:
    """Yield the documents of ``source``: a text file, a JSONL file, or a folder (recursive).

    Documents are yielded in a stable order (sorted paths). ``date`` is the publication
    date to assume when a record has none.

    Raises
    ------
    InputError
        When ``source`` does not exist, or a file cannot be read (naming file and line).
    """
    root = Path(source)
    if not root.exists():
        raise InputError(root, None, "no such file or folder")
    files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
    for path in files:
        suffix = path.suffix.lower()
        if suffix in _JSONL_SUFFIXES:
            yield from _read_jsonl(path, date)
        elif suffix in TEXT_SUFFIXES or path == root:
            yield _read_text_file(path, root if root.is_dir() else path, date)
        else:
            LOGGER.warning("skipping %s: unknown file type %r", path, suffix)
