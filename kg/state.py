"""The state of an output folder, for incremental and resumable builds, and atomic writes.

An output folder holds, beside the outputs, what ``kg build --update`` needs:

``events/ab/<key>.jsonl``
    one file per processed document version: a first line ``{"document": {...}}`` with
    the document (text included, so it can be re-extracted when kg or the model changes)
    and one line ``{"event": {...}}`` per event, every field kept (actor aliases too), so
    the graph rebuilt from stored events equals the one built from fresh extraction.
    ``key`` hashes the document id, its content hash and the extraction fingerprint.
    Each file is written as soon as its document is done, so an interrupted build resumes
    from there.
``state.json``
    written last by a finished build: the documents of the output, in order, with their
    content hash and event file.

Every file is written atomically (a temporary file in the same folder, flushed, then
renamed over the old one), so an interrupted run never leaves a half-written file.

>>> from kg.examples import toy_events
>>> e = toy_events()[0]
>>> event_from_state(event_to_state(e)) == e
True
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import enum
import errno
import functools
import hashlib
import itertools
import json
import logging
import os
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

from kg.datatypes import Document, Event
from kg.errors import KgError, OutputError
from kg.ingest_html import Run

__all__ = [
    "STATE_FORMAT",
    "EventStore",
    "StateEntry",
    "StoredDocument",
    "StoredEvents",
    "atomic_path",
    "atomic_write_text",
    "code_digest",
    "dumps_line",
    "event_from_state",
    "event_to_state",
]

LOGGER = logging.getLogger(__name__)

#: Version of the state files' layout; a folder of another version is rebuilt.
STATE_FORMAT = 1

# Characters that str.splitlines() (and some JSONL readers) take as line ends; JSON allows
# them raw inside strings, so they are escaped to keep one record on one line.
_LINE_BREAKERS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps_line(value: Any) -> str:
    """``value`` as one JSON line that no line splitter can break (no trailing newline).

    >>> dumps_line({"s": "a\\u2028b\\x85c"})
    '{"s": "a\\\\u2028b\\\\u0085c"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for ch, escaped in _LINE_BREAKERS.items():
        if ch in text:
            text = text.replace(ch, escaped)
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# --------------------------------------------------------------------------- atomic I/O


@functools.cache
def _file_mode() -> int:
    """The mode a new file gets (0o666 less the umask), for temporary files made 0o600."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` (same suffix) that replaces it on success.

    On any exception (a full disk, Ctrl-C) the temporary file is removed and ``target``
    is left as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent
    )
    os.close(fd)
    path = Path(tmp)
    path.chmod(_file_mode())
    try:
        yield path
        with path.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(path, target)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise OutputError(target, exc.strerror or str(exc)) from exc
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def atomic_write_text(target: Path, write: Callable[[IO[str]], object] | str) -> None:
    """Write ``target`` atomically: a string, or whatever ``write(fh)`` writes."""
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        if isinstance(write, str):
            fh.write(write)
        else:
            write(fh)


def is_disk_full(exc: BaseException) -> bool:
    """True for "no space left" errors (ENOSPC, EDQUOT)."""
    cause = exc.__cause__ if isinstance(exc, OutputError) else exc
    return isinstance(cause, OSError) and cause.errno in {errno.ENOSPC, errno.EDQUOT}


# --------------------------------------------------------------------------- events


def _encode(value: Any) -> Any:
    """A frozen record as JSON: dataclasses field by field, enums by value, dates as ISO."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, data: Any) -> Any:
    """The value of type ``tp`` that :func:`_encode` wrote as ``data``."""
    return _decoder(tp)(data)


def _identity(data: Any) -> Any:
    return data


@functools.cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A function that decodes what :func:`_encode` wrote for type ``tp`` (made once per
    type: reading a large build's events back is a hot path)."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        decode_inner = _decoder(inner)
        return lambda data: None if data is None else decode_inner(data)
    if origin is tuple:
        decode_item = _decoder(typing.get_args(tp)[0])
        return lambda data: tuple(map(decode_item, data))
    if origin is typing.Literal:
        return _identity
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp)]
        cls: Callable[..., Any] = tp
        return lambda data: cls(**{name: dec(data[name]) for name, dec in fields if name in data})
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if tp is dt.date:
        return dt.date.fromisoformat
    if tp is float:
        return float
    if tp is int:
        return int
    return _identity


def event_to_state(e: Event) -> dict[str, Any]:
    """Every field of ``e`` as JSON (unlike the interchange format, nothing is left out)."""
    encoded: dict[str, Any] = _encode(e)
    return encoded


def event_from_state(d: dict[str, Any]) -> Event:
    """The :class:`~kg.datatypes.Event` that :func:`event_to_state` wrote."""
    event: Event = _decode(Event, d)
    return event


# --------------------------------------------------------------------------- fingerprint


@functools.cache
def code_digest() -> str:
    """A digest of kg's own code and data: stored results are reused only by the same kg."""
    digest = hashlib.sha256()
    root = resources.files("kg")
    names = sorted(
        [f"{p.name}" for p in root.iterdir() if p.name.endswith(".py")]
        + [f"data/{p.name}" for p in root.joinpath("data").iterdir() if p.is_file()]
    )
    for name in names:
        digest.update(name.encode("utf-8") + b"\x00" + root.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- the store


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One processed document version: the document, its events, and its counts."""

    document: Document
    content_hash: str
    format: str
    events: tuple[Event, ...]
    fingerprint: str
    sentences: int = 0
    words: int = 0
    offsets: tuple[Run, ...] | None = None
    discarded: int = 0  # sentences on the discard list

    def header(self) -> dict[str, Any]:
        d = self.document
        rec: dict[str, Any] = {
            "id": d.doc_id,
            "text": d.text,
            "source": d.source,
            "date": d.date.isoformat() if d.date else None,
            "title": d.title,
            "url": d.url,
            "sha256": self.content_hash,
            "format": self.format,
            "fingerprint": self.fingerprint,
            "sentences": self.sentences,
            "words": self.words,
            "discarded": self.discarded,
        }
        if self.offsets is not None:
            rec["offsets"] = [list(r) for r in self.offsets]
        return rec


@dataclass(frozen=True, slots=True)
class StateEntry:
    """One document of a finished output (a line of ``state.json``)."""

    doc_id: str
    content_hash: str
    file: str  # relative to the output folder


@dataclass(slots=True)
class State:
    """``state.json``: the fingerprint of the run and its documents, in output order."""

    fingerprint: str
    entries: list[StateEntry] = field(default_factory=list)


class EventStore:
    """The ``events/`` folder and ``state.json`` of output folder ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.events_dir = self.folder / "events"
        self.state_path = self.folder / "state.json"

    @staticmethod
    def key(doc_id: str, content_hash: str, fingerprint: str) -> str:
        raw = "\x00".join((doc_id, content_hash, fingerprint))
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def relpath(self, doc_id: str, content_hash: str, fingerprint: str) -> str:
        key = self.key(doc_id, content_hash, fingerprint)
        return f"events/{key[:2]}/{key}.jsonl"

    def save(self, stored: StoredDocument) -> str:
        """Write one document's file (atomically); return its path relative to the folder."""
        rel = self.relpath(stored.document.doc_id, stored.content_hash, stored.fingerprint)

        def write(fh: IO[str]) -> None:
            fh.write(dumps_line({"document": stored.header()}) + "\n")
            for e in stored.events:
                fh.write(dumps_line({"event": event_to_state(e)}) + "\n")

        atomic_write_text(self.folder / rel, write)
        return rel

    def load_file(self, rel: str, *, events: bool = True) -> StoredDocument | None:
        """The document stored in ``rel``, or None when it is missing or damaged.

        With ``events=False`` only the document and its counts are read (``events`` is
        empty): what a build needs to know before it reads the events.
        """
        path = self.folder / rel
        try:
            with path.open(encoding="utf-8") as fh:
                head = json.loads(fh.readline())["document"]
                found = (
                    tuple(event_from_state(json.loads(line)["event"]) for line in fh)
                    if events
                    else ()
                )
            document = Document(
                doc_id=head["id"],
                text=head["text"],
                source=head["source"],
                date=dt.date.fromisoformat(head["date"]) if head["date"] else None,
                title=head["title"],
                url=head["url"],
            )
            offsets = head.get("offsets")
            return StoredDocument(
                document=document,
                content_hash=head["sha256"],
                format=head["format"],
                events=found,
                fingerprint=head["fingerprint"],
                sentences=int(head.get("sentences", 0)),
                words=int(head.get("words", 0)),
                discarded=int(head.get("discarded", 0)),
                offsets=tuple((int(a), int(b), int(c)) for a, b, c in offsets)
                if offsets is not None
                else None,
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            LOGGER.warning("ignoring damaged state file %s (%s): it will be redone", path, exc)
            return None

    def load(
        self, doc_id: str, content_hash: str, fingerprint: str, *, events: bool = True
    ) -> StoredDocument | None:
        """The stored result of exactly this document version and fingerprint, if any
        (``events=False``: without its events, see :meth:`load_file`)."""
        stored = self.load_file(self.relpath(doc_id, content_hash, fingerprint), events=events)
        if stored is None or stored.document.doc_id != doc_id:
            return None
        if stored.content_hash != content_hash or stored.fingerprint != fingerprint:
            return None
        return stored

    def load_state(self) -> State | None:
        """The state of the last finished build, or None (none, damaged, other layout)."""
        try:
            raw = json.loads(self.state_path.read_text(encoding="utf-8"))
            if raw.get("format") != STATE_FORMAT:
                LOGGER.warning("%s has another layout: documents are redone", self.state_path)
                return None
            entries = [
                StateEntry(str(d["id"]), str(d["sha256"]), str(d["file"])) for d in raw["documents"]
            ]
            return State(str(raw["fingerprint"]), entries)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            LOGGER.warning("ignoring damaged %s (%s)", self.state_path, exc)
            return None

    def write_state(
        self, fingerprint: str, entries: Iterable[StateEntry], extra: dict[str, Any] | None = None
    ) -> None:
        """Write ``state.json`` (atomically): the mark of a finished build."""
        body = {
            "format": STATE_FORMAT,
            "fingerprint": fingerprint,
            **(extra or {}),
            "documents": [
                {"id": e.doc_id, "sha256": e.content_hash, "file": e.file} for e in entries
            ],
        }
        atomic_write_text(self.state_path, json.dumps(body, ensure_ascii=False, indent=1) + "\n")

    def prune(self, keep: Iterable[str]) -> int:
        """Delete event files not in ``keep`` (and stray temporary files); return how many."""
        wanted = {(self.folder / k).resolve() for k in keep}
        removed = 0
        if not self.events_dir.is_dir():
            return 0
        for path in sorted(self.events_dir.rglob("*")):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink(missing_ok=True)
                removed += 1
        for sub in sorted(self.events_dir.iterdir()):
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
        return removed


class StoredEvents(Sequence[Event]):
    """The events of a build's documents, read back from its ``events/`` folder on demand.

    What :attr:`kg.api.BuildResult.events` is for a build with an output folder: a
    read-only sequence (``len``, indexing, slicing, iteration, ``==`` with any sequence
    of events) that holds no event, so a build's result stays small however large the
    corpus. Iterating reads one document's file at a time; indexing reads the file of the
    document the event is in (the last one read is kept). ``list(result.events)`` makes
    a plain list.

    The files belong to the output folder: a later build into the same folder that
    replaces or drops a document's file (another kg version, ``--fresh``, the document
    left out) makes reading its events raise :class:`~kg.errors.KgError`.
    """

    __slots__ = ("_cached", "_ends", "_files", "_store")

    def __init__(self, store: EventStore, files: Sequence[str], counts: Sequence[int]) -> None:
        if len(files) != len(counts):
            raise ValueError("one event count per file is needed")
        self._store = store
        self._files = list(files)
        self._ends = list(itertools.accumulate(counts))
        self._cached: tuple[int, tuple[Event, ...]] = (-1, ())

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def counts(self) -> list[int]:
        """How many events each document has, in order."""
        return [b - a for a, b in zip([0, *self._ends], self._ends, strict=False)]

    def _events_of(self, i: int) -> tuple[Event, ...]:
        if self._cached[0] == i:
            return self._cached[1]
        expected = self._ends[i] - (self._ends[i - 1] if i else 0)
        stored = self._store.load_file(self._files[i])
        if stored is None or len(stored.events) != expected:
            raise KgError(
                f"{self._store.folder / self._files[i]}: the events of this build are gone "
                f"(a later build into {self._store.folder} replaced them); build again, or "
                "keep list(result.events) before the next build into that folder"
            )
        self._cached = (i, stored.events)
        return stored.events

    def __iter__(self) -> Iterator[Event]:
        for i in range(len(self._files)):
            yield from self._events_of(i)

    @typing.overload
    def __getitem__(self, index: int) -> Event: ...

    @typing.overload
    def __getitem__(self, index: slice) -> list[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("event index out of range")
        doc = bisect.bisect_right(self._ends, i)
        return self._events_of(doc)[i - (self._ends[doc - 1] if doc else 0)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<StoredEvents: {len(self)} events of {len(self._files)} documents in "
            f"{self._store.folder}>"
        )
