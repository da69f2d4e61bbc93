"""The Turtle export of ``kg build`` (``graph.ttl``) in bounded memory, for any corpus size.

:func:`kg.rdf.export_rdf` holds every event and every triple in memory to sort them
(~30 KB per event). :class:`TurtleSpool` writes the same bytes in pieces: the triples of a
batch of events are made by :mod:`kg.rdf`'s builder, sorted by subject and spilled to a
temporary file (gzipped: ~1/6 of the Turtle's size); at the end the spilled runs are
merged (a subject met in several runs gets the union of its triples) and written by
:mod:`kg.rdf`'s Turtle writer a group of subjects at a time. Beside one batch it keeps the
actors' merged attributes and labels, each document's metadata, and each event id (as an
integer: ~60 bytes an event), which the build's IRI is a hash of.

>>> import tempfile
>>> from pathlib import Path
>>> from kg.examples import toy_document, toy_events
>>> from kg.rdf import export_rdf
>>> with tempfile.TemporaryDirectory() as tmp:
...     a = export_rdf(toy_events(), Path(tmp) / "a.ttl", [toy_document()])
...     spool = TurtleSpool(batch_events=2)
...     spool.add(toy_events())
...     b = spool.write(Path(tmp) / "b.ttl", [toy_document()])
...     a.read_bytes() == b.read_bytes()
True
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import os
import pickle
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote

from kg.datatypes import Document, Event
from kg.rdf import (
    _ABSOLUTE_IRI,
    _Builder,
    _external_iri,
    _merge_prefixes,
    _PlainBackend,
    _prefix_lines,
    _subject_key,
    _Terms,
    _turtle_body,
)
from kg.state import atomic_path
from kg.vocab import DEFAULT_BASE, InstanceNamespaces

__all__ = ["DEFAULT_BATCH_EVENTS", "TurtleSpool", "export_turtle"]

#: Events whose triples are made, sorted and spilled together (~25 MB of triples).
DEFAULT_BATCH_EVENTS = 2_000

# The build's IRI is a hash of every event id, known only at the end: events point at this
# stand-in until then (it is never written: the real IRI replaces it when runs are merged).
_PLACEHOLDER = "urn:x-kg:run-placeholder"
_DOCS_PER_RUN = 5_000
_SUBJECTS_PER_CHUNK = 2_000

#: (subject sort key, subject, predicate -> objects)
_Record = tuple[tuple[int, str, int, int], Any, dict[str, list[Any]]]


def _spill(subjects: dict[Any, dict[str, dict[Any, None]]], folder: Path, n: int) -> Path:
    """Write ``subjects`` sorted by subject into a new run file."""
    path = folder / f"run-{n:06d}.pickle.gz"
    dump, protocol = pickle.dump, pickle.HIGHEST_PROTOCOL
    with gzip.open(path, "wb", compresslevel=1) as fh:
        for s in sorted(subjects, key=_subject_key):
            record = (_subject_key(s), s, {p: list(o) for p, o in subjects[s].items()})
            dump(record, fh, protocol)
    return path


def _read(path: Path) -> Iterator[_Record]:
    load = pickle.load
    with gzip.open(path, "rb") as fh:
        while True:
            try:
                record: _Record = load(fh)
            except EOFError:
                return
            yield record


class TurtleSpool:
    """Collects events (in any number, a batch at a time) and writes their Turtle export.

    The file :meth:`write` makes has the same bytes as
    ``kg.rdf.export_rdf(events, path, documents, base=base, model_name=model_name)``
    given every event :meth:`add` received, in the same order.

    Parameters
    ----------
    base, model_name, run_id
        As for :func:`kg.rdf.to_rdf`.
    batch_events
        Events whose triples are held in memory at once before they are spilled.
    folder
        Where the temporary runs go (default: the system's temporary folder).
    """

    def __init__(
        self,
        *,
        base: str = DEFAULT_BASE,
        model_name: str | None = None,
        run_id: str | None = None,
        batch_events: int = DEFAULT_BATCH_EVENTS,
        folder: str | os.PathLike[str] | None = None,
    ) -> None:
        if batch_events < 1:
            raise ValueError(f"batch_events must be positive, got {batch_events}")
        self.ns = InstanceNamespaces.from_base(base)
        self.base = base
        self.model_name = model_name
        self.run_id = run_id
        self.batch_events = batch_events
        self._tmp = tempfile.TemporaryDirectory(prefix=".kg-ttl-", dir=folder)
        self._folder = Path(self._tmp.name)
        self._runs: list[Path] = []
        # actors: attributes merged over every event, in input order (as kg.rdf does)
        self._meta = _Builder(self.ns, _PlainBackend())
        self._batch: dict[str, Event] = {}
        self._ids: set[int] = set()
        self._other_ids: set[str] = set()  # ids that are not 16 hex digits (none of kg's)
        self._doc_ids: set[str] = set()

    # -- collecting

    def add(self, events: Iterable[Event]) -> None:
        """Take ``events`` (the first event of an id is kept, as :func:`kg.rdf.to_rdf` does)."""
        merge = self._meta.merge
        for event in events:
            merge(event.source.actor)
            merge(event.target.actor)
            for m in event.participants:
                merge(m.actor)
            event_id = event.event_id
            if not self._first(event_id):
                continue
            self._batch[event_id] = event
            self._doc_ids.add(event.provenance.doc_id)
            if len(self._batch) >= self.batch_events:
                self._flush()

    def _first(self, event_id: str) -> bool:
        """Whether ``event_id`` is new (and remember it)."""
        if len(event_id) == 16:
            try:
                number = int(event_id, 16)
            except ValueError:
                pass
            else:
                if format(number, "016x") == event_id:
                    if number in self._ids:
                        return False
                    self._ids.add(number)
                    return True
        if event_id in self._other_ids:
            return False
        self._other_ids.add(event_id)
        return True

    def _flush(self) -> None:
        if not self._batch:
            return
        builder = _Builder(self.ns, _PlainBackend())
        run = builder.b.iri(_PLACEHOLDER)
        for event in self._batch.values():
            builder.event(event, run)
        self._meta.used |= builder.used
        self._batch = {}
        self._spill(builder.b)

    def _spill(self, backend: Any) -> None:
        subjects: dict[Any, dict[str, dict[Any, None]]] = backend.subjects
        self._runs.append(_spill(subjects, self._folder, len(self._runs)))

    def _sorted_ids(self) -> Iterator[str]:
        hexes = (format(n, "016x") for n in sorted(self._ids))
        return heapq.merge(hexes, sorted(self._other_ids))

    def _run_iri(self, doc_ids: list[str]) -> str:
        """The build's IRI: as :func:`kg.rdf.to_rdf` makes it."""
        run_id = self.run_id
        if run_id is None:
            digest = hashlib.sha1(usedforsecurity=False)
            digest.update((self.model_name or "").encode("utf-8", "surrogatepass"))
            for part in (*self._sorted_ids(), "|", *doc_ids):
                digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
            run_id = "build-" + digest.hexdigest()[:12]
        return str(self.ns.run(run_id))

    # -- writing

    def write(self, path: str | os.PathLike[str], documents: Iterable[Document] = ()) -> Path:
        """Write the Turtle export to ``path`` (atomically) and drop the temporary runs.

        ``documents`` give their date, title and URL (the first of each id counts).

        Raises
        ------
        OutputError
            When the file cannot be written; the old file is left in place.
        """
        try:
            return self._write(Path(path), documents)
        finally:
            self.close()

    def close(self) -> None:
        """Delete the temporary runs (done by :meth:`write`)."""
        self._batch = {}
        self._tmp.cleanup()

    def _write(self, target: Path, documents: Iterable[Document]) -> Path:
        self._flush()
        docs: dict[str, Document] = {}
        for doc in documents:
            docs.setdefault(doc.doc_id, doc)
        doc_ids = sorted({*docs, *self._doc_ids})
        run_iri = self._run_iri(doc_ids)
        self._final_triples(run_iri, doc_ids, docs)
        prefixes = _merge_prefixes(self.ns.prefixes().items())
        target.parent.mkdir(parents=True, exist_ok=True)
        body = self._folder / "body.ttl.gz"
        with gzip.open(body, "wt", encoding="utf-8", newline="\n", compresslevel=1) as fh:
            used = self._write_body(fh, prefixes, run_iri)
        terms = _Terms(prefixes)
        terms.used = used
        with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
            out.write("".join(line + "\n" for line in _prefix_lines(terms)) + "\n")
            with gzip.open(body, "rt", encoding="utf-8", newline="\n") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
            out.write("\n")
        return target

    def _final_triples(self, run_iri: str, doc_ids: list[str], docs: dict[str, Document]) -> None:
        """The actors, the build and the documents (the rest of :func:`kg.rdf.to_rdf`)."""
        meta, ns = self._meta, self.ns
        b, v = meta.b, meta.v
        run = b.iri(run_iri)
        meta.actor_nodes()
        add = b.add
        add(run, v["type"], v["Activity"])
        add(run, v["type"], v["Build"])
        add(run, v["label"], b.literal(f"kg run {unquote(run_iri[len(ns.runs) :])}"))
        model_name = self.model_name
        if model_name:
            iri = _external_iri(model_name) if _ABSOLUTE_IRI.match(model_name) else None
            model = b.iri(iri if iri is not None else str(ns.model(model_name)))
            add(run, v["used"], model)
            add(model, v["type"], v["Entity"])
            add(model, v["label"], meta.string(model_name))
        self._spill(b)
        for start in range(0, len(doc_ids), _DOCS_PER_RUN):
            builder = _Builder(ns, _PlainBackend())
            run = builder.b.iri(run_iri)
            for doc_id in doc_ids[start : start + _DOCS_PER_RUN]:
                builder.b.add(run, v["used"], builder.document_node(doc_id, docs.get(doc_id)))
            self._spill(builder.b)

    def _merged(self, run_iri: str) -> Iterator[tuple[Any, dict[str, dict[Any, None]]]]:
        """Every subject with the union of its triples, in the writer's order."""
        generated = self._meta.v["wasGeneratedBy"]
        current: tuple[int, str, int, int] | None = None
        subject: Any = None
        predicates: dict[str, dict[Any, None]] = {}
        for key, s, preds in heapq.merge(*map(_read, self._runs), key=lambda r: r[0]):
            if key != current:
                if current is not None:
                    yield subject, predicates
                current, subject, predicates = key, s, defaultdict(dict)
            for p, objects in preds.items():
                if p == generated:
                    objects = [run_iri if o == _PLACEHOLDER else o for o in objects]
                predicates[p].update(dict.fromkeys(objects))
        if current is not None:
            yield subject, predicates

    def _write_body(self, fh: IO[str], prefixes: dict[str, str], run_iri: str) -> set[str]:
        """Write the subject blocks; return the prefixes they use."""
        used: set[str] = set()
        first = True
        chunk: dict[Any, dict[str, dict[Any, None]]] = {}

        def write_chunk() -> None:
            nonlocal first
            terms = _Terms(prefixes)  # a fresh cache of rendered terms per chunk
            for block in _turtle_body(chunk, terms):
                fh.write(block if first else "\n\n" + block)
                first = False
            used.update(terms.used)
            chunk.clear()

        for subject, predicates in self._merged(run_iri):
            chunk[subject] = dict(predicates)
            if len(chunk) >= _SUBJECTS_PER_CHUNK:
                write_chunk()
        write_chunk()
        return used


def export_turtle(
    events: Iterable[Event],
    path: str | os.PathLike[str],
    documents: Iterable[Document] = (),
    *,
    base: str = DEFAULT_BASE,
    model_name: str | None = None,
    run_id: str | None = None,
    batch_events: int = DEFAULT_BATCH_EVENTS,
) -> Path:
    """Write the Turtle export of ``events`` to ``path`` in bounded memory.

    The same bytes as ``kg.rdf.export_rdf(events, path, documents, ...)`` with a ``.ttl``
    path; ``events`` is read once, so it can be a generator over a corpus of any size.
    """
    spool = TurtleSpool(
        base=base,
        model_name=model_name,
        run_id=run_id,
        batch_events=batch_events,
        folder=Path(path).parent if Path(path).parent.is_dir() else None,
    )
    try:
        spool.add(events)
    except BaseException:
        spool.close()
        raise
    return spool.write(path, documents)
