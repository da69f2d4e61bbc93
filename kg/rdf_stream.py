"""The Turtle export of ``kg build`` (``graph.ttl``) in bounded memory, for any corpus size.

:func:`kg.rdf.export_rdf` holds every event and every triple in memory to sort them.
:class:`TurtleSpool` writes the same bytes holding the triples of at most
``batch_events`` events at a time (:data:`DEFAULT_BATCH_EVENTS`; ~10 KB an event):

* The triples of each event are made as it arrives, by :mod:`kg.rdf`'s builder into a
  :class:`kg.rdf._TurtleBackend` (each object rendered once, as ``export_rdf`` does).
* **One batch** (every event fits): at the end the actors, the build and the documents are
  added to the same triples and written as ``export_rdf`` writes them, straight from
  memory.
* **Several batches**: when a batch is full its subjects are sorted and each is spilled as
  one line of text (a *run* file: UTF-8, gzipped at level 1, ~1/10 of the Turtle's size):
  its sort key, then its Turtle block, made
  once, with the block's line breaks and the commas between objects replaced by control
  characters (never in a rendered term) so it fits on a line and can be split again. At
  the end the runs (plus the actors, the build and the documents, spilled alike) are merged
  as sorted lines: a subject met in one run is written as it was spilled; one met in
  several runs (actors, spans of a sentence whose events fell in two batches, CAMEO codes)
  gets the union of its predicates and objects, re-sorted and re-wrapped as the writer
  would. The prefixes in use are known before the merge (each batch's rendered terms
  record theirs), so the header and the merged body go straight to the target file.

The build's IRI is a hash of every event id, known only at the end: events point at a
stand-in (rendered as a control character) that is replaced by its text when written.
Beside one batch the spool keeps the actors' merged attributes and labels, each
document's metadata, and each event id (as an integer: ~60 bytes an event), which the
build's IRI is a hash of; while merging, one read buffer per run.

As with several batches a span (``<doc>#char=a,b``) is made once per batch that names it,
its text (``nif:anchorOf``) is the union of what those batches' events give: the same
bytes as ``export_rdf`` when the events that name a span agree on its text (they do when
they come from one text of the document, as kg's events do). Two span IRIs that differ
only by leading zeros in their offsets (``#char=09,20``, never made by kg) would be
ordered by their text rather than as ``export_rdf`` orders them.

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
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO
from urllib.parse import unquote

from kg.datatypes import Document, Event
from kg.rdf import (
    _ABSOLUTE_IRI,
    _CHUNK_BLOCKS,
    _FIRST_PREDICATES,
    _RDF_TYPE,
    _VOCAB,
    Plain,
    TurtleTriples,
    _Builder,
    _external_iri,
    _merge_prefixes,
    _prefix_lines,
    _span_key,
    _Terms,
    _text_rank,
    _turtle,
    _TurtleBackend,
)
from kg.state import atomic_path
from kg.vocab import DEFAULT_BASE, InstanceNamespaces

__all__ = ["DEFAULT_BATCH_EVENTS", "TurtleSpool", "export_turtle"]

#: Events whose triples are held in memory at once (~10 KB an event: ~50 MB; the writer
#: peaked 58 MB above its start on the 120,222 events of a 10,000-article build): a corpus
#: with no more events is written straight from memory, as :func:`kg.rdf.export_rdf` does.
DEFAULT_BATCH_EVENTS = 5_000

# The build's IRI stands in for this IRI until it is known; the terms render it as _RUN.
_PLACEHOLDER = "urn:x-kg:run-placeholder"
_DOCS_PER_RUN = 5_000

# Control characters a rendered term never holds (kg.rdf escapes them in literals, refuses
# them in IRIs), used in the spilled lines:
_KEY_END = "\x00"  # ends the sort key (below every character of a key: sorts as the key)
_SPAN = "\x01"  # in a key: kg.rdf._span_key's "\x00" (which sorts below any IRI character)
_NL = "\x02"  # a line break of the Turtle block
_COMMA = "\x03"  # the comma between two objects
_RUN = "\x04"  # the build's IRI, not known yet
_RERENDER = "\x05"  # ends a line whose objects must be sorted again once _RUN is known

_PAD = "    "
_WRAP = _COMMA + _NL + " " * 8  # ",\n" + 8 spaces, as kg.rdf._turtle_body wraps objects
_NEXT = " ;" + _NL + _PAD  # between two predicates of a block
_REST = len(_FIRST_PREDICATES)
_GENERATED = _VOCAB["wasGeneratedBy"]

#: zlib level of the run files (0: plain text, about as large as the Turtle; 1: ~1/10 of
#: it, for ~10 % more time).
_COMPRESSLEVEL = 1

#: Bytes of read buffers of plain runs while merging, shared by the runs (each gets 64 KB
#: to 1 MB); a gzipped run reads 128 KB at a time.
_MERGE_BUFFERS = 16 << 20


class _Ranked(dict[str, tuple[int, str]]):
    """Object text -> its sort key among the objects of a predicate (made once)."""

    def __missing__(self, text: str) -> tuple[int, str]:
        key = self[text] = (_text_rank(text), text)
        return key


def _ordered(objects: Iterable[str], ranked: _Ranked) -> list[str]:
    return [text for _, text in sorted(map(ranked.__getitem__, objects))]


def _join(objs: list[str], width: int) -> str:
    """Several objects of one predicate, as kg.rdf._turtle_body joins them (wrapped when
    the line would be longer than 90 characters)."""
    joined = (_COMMA + " ").join(objs)
    return _WRAP.join(objs) if len(joined) + width > 90 else joined


def _spill_lines(subjects: TurtleTriples, terms: _Terms) -> Iterator[str]:
    """One line per subject, in the writer's order: ``key _KEY_END block``, where block is
    what ``kg.rdf._turtle_body(subjects, terms, rendered=True)`` writes for it, with
    :data:`_NL` for its line breaks and :data:`_COMMA` for the commas between objects.

    Renders (and records in ``terms.used``) exactly the terms ``_turtle_body`` renders.
    """
    iri, get = terms.iri, terms._cache.__getitem__
    ranked = _Ranked()
    iris: list[str] = []
    for s in subjects:
        if not isinstance(s, str):  # kg's builder makes IRI subjects only
            raise TypeError(f"cannot spill the triples of subject {s!r}")
        iris.append(s)
    keys = dict(zip(iris, iris, strict=True))
    keys.update((s, _span_key(s).replace("\x00", _SPAN)) for s in iris if "#char=" in s)
    iris.sort(key=keys.__getitem__)
    orders: dict[tuple[str, ...], list[tuple[str, str, int]]] = {}
    for s in iris:
        predicates = subjects[s]
        seen = tuple(predicates)
        order = orders.get(seen)
        if order is None:
            ranks = []
            for p in seen:
                rank = _FIRST_PREDICATES.get(p, _REST)
                verb = "a" if p == _RDF_TYPE else iri(p)
                ranks.append((rank, "" if rank < _REST else verb, p, verb))
            ranks.sort()
            order = orders[seen] = [
                (p, f"{_NEXT if i else _NL + _PAD}{verb} ", len(verb))
                for i, (_, _, p, verb) in enumerate(ranks)
            ]
        line = [keys[s], _KEY_END, get(s)]
        append = line.append
        end = " .\n"
        for p, verb, width in order:
            objects = predicates[p]
            append(verb)
            if isinstance(objects, str):  # a lone object (most)
                append(objects)
                continue
            if _RUN in objects:  # the build's IRI among others: sorted once it is known
                end = " ." + _RERENDER + "\n"
            append(_join(_ordered(objects, ranked), width))
        append(end)
        yield "".join(line)


class _Remerge:
    """Blocks of a subject spilled in several runs (or with :data:`_RERENDER`) read back
    and written again as one: the union of their predicates and objects, in the writer's
    order, with real line breaks and commas."""

    def __init__(self, prefixes: dict[str, str], run_text: str) -> None:
        terms = _Terms(prefixes)  # only for the verbs of the first predicates
        self.first = {
            ("a" if p == _RDF_TYPE else terms.iri(p)): rank for p, rank in _FIRST_PREDICATES.items()
        }
        self.run_text = run_text
        self.ranked = _Ranked()

    def block(self, bodies: list[str]) -> str:
        subject = ""
        predicates: dict[str, dict[str, None]] = {}
        run, run_text = _RUN, self.run_text
        for body in bodies:
            if body.endswith(_RERENDER):
                body = body[:-1]
            subject, rest = body.split(_NL + _PAD, 1)
            for group in rest[:-2].split(_NEXT):  # rest ends with " ."
                verb, _, texts = group.partition(" ")
                objects = predicates.get(verb)
                if objects is None:
                    objects = predicates[verb] = {}
                for text in texts.split(_COMMA):
                    text = text.lstrip(" " + _NL)  # after a comma: " " or a wrap
                    objects[run_text if text == run else text] = None
        first = self.first
        verbs = sorted(predicates, key=lambda v: (first.get(v, _REST), "" if v in first else v))
        out = [subject]
        for i, verb in enumerate(verbs):
            out.append(f"{' ;' if i else ''}\n{_PAD}{verb} ")
            objects = predicates[verb]
            if len(objects) == 1:
                out.extend(objects)
            else:
                objs = _ordered(objects, self.ranked)
                joined = ", ".join(objs)
                out.append(",\n        ".join(objs) if len(joined) + len(verb) > 90 else joined)
        out.append(" .")
        return "".join(out)


def _open_run(path: Path, mode: str, buffering: int = -1) -> IO[str]:
    """A run file as text (gzipped when :data:`_COMPRESSLEVEL` is not 0)."""
    if _COMPRESSLEVEL:
        raw = gzip.GzipFile(path, mode + "b", compresslevel=_COMPRESSLEVEL)
        return io.TextIOWrapper(raw, encoding="utf-8", errors="surrogatepass", newline="\n")
    return path.open(
        mode, encoding="utf-8", errors="surrogatepass", newline="\n", buffering=buffering
    )


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
        Events whose triples are held in memory at once before they are spilled (~10 KB
        each); with no more events than this nothing is spilled.
    folder
        Where the temporary runs go (default: the system's temporary folder); the runs
        take about as much disk as the Turtle file.
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
        self._parent = folder
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._runs: list[Path] = []
        self._prefixes = _merge_prefixes(self.ns.prefixes().items())
        self._used: set[str] = set()  # prefixes used by the spilled runs
        # actors: attributes merged over every event, in input order (as kg.rdf does)
        self._meta = self._builder()
        self._batch = self._builder()
        self._batch_size = 0
        self._ids: set[int] = set()
        self._other_ids: set[str] = set()  # ids that are not 16 hex digits (none of kg's)
        self._doc_ids: set[str] = set()

    def _builder(self) -> _Builder[Plain]:
        terms = _Terms(self._prefixes)
        terms._cache[_PLACEHOLDER] = _RUN  # never rendered as an IRI: no prefix recorded
        return _Builder(self.ns, _TurtleBackend(terms))

    # -- collecting

    def add(self, events: Iterable[Event]) -> None:
        """Take ``events`` (the first event of an id is kept, as :func:`kg.rdf.to_rdf` does)."""
        merge = self._meta.merge
        for event in events:
            merge(event.source.actor)
            merge(event.target.actor)
            for m in event.participants:
                merge(m.actor)
            if not self._first(event.event_id):
                continue
            self._doc_ids.add(event.provenance.doc_id)
            self._batch.event(event, _PLACEHOLDER)
            self._batch_size += 1
            if self._batch_size >= self.batch_events:
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
        if self._batch_size:
            self._meta.used |= self._batch.used
            self._spill(self._batch)
            self._batch = self._builder()
            self._batch_size = 0

    def _spill(self, builder: _Builder[Plain]) -> None:
        """Write the triples of ``builder`` as a new sorted run file."""
        backend = builder.b
        assert isinstance(backend, _TurtleBackend)
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix=".kg-ttl-", dir=self._parent)
        suffix = ".txt.gz" if _COMPRESSLEVEL else ".txt"
        path = Path(self._tmp.name) / f"run-{len(self._runs):06d}{suffix}"
        lines = _spill_lines(backend.subjects, backend.terms)
        with _open_run(path, "w") as fh:
            chunk: list[str] = []
            for line in lines:
                chunk.append(line)
                if len(chunk) >= _CHUNK_BLOCKS:
                    fh.write("".join(chunk))
                    chunk.clear()
            fh.write("".join(chunk))
        self._used |= backend.terms.used
        self._runs.append(path)

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
        self._batch = self._builder()
        self._batch_size = 0
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
        self._runs = []

    def _write(self, target: Path, documents: Iterable[Document]) -> Path:
        docs: dict[str, Document] = {}
        for doc in documents:
            docs.setdefault(doc.doc_id, doc)
        doc_ids = sorted({*docs, *self._doc_ids})
        run_iri = self._run_iri(doc_ids)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not self._runs:
            return self._write_batch(target, run_iri, doc_ids, docs)
        self._flush()
        run_text = self._final_runs(run_iri, doc_ids, docs)
        terms = _Terms(self._prefixes)
        terms.used = self._used
        header = "".join(line + "\n" for line in _prefix_lines(terms)) + "\n"
        with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
            out.write(header)
            self._merge(out, run_text)  # every block ends with a line break
        return target

    def _final_triples(
        self,
        builder: _Builder[Plain],
        run_iri: str,
        doc_ids: list[str],
        docs: dict[str, Document],
    ) -> None:
        """The actors, the build and the documents (the rest of :func:`kg.rdf.to_rdf`)."""
        ns, b, v = self.ns, builder.b, builder.v
        builder.nodes, builder.labels = self._meta.nodes, self._meta.labels
        builder.used = self._meta.used | builder.used
        builder.actor_nodes()
        add = b.add
        add(run_iri, v["type"], v["Activity"])
        add(run_iri, v["type"], v["Build"])
        add(run_iri, v["label"], b.literal(f"kg run {unquote(run_iri[len(ns.runs) :])}"))
        model_name = self.model_name
        if model_name:
            iri = _external_iri(model_name) if _ABSOLUTE_IRI.match(model_name) else None
            model = b.iri(iri if iri is not None else str(ns.model(model_name)))
            add(run_iri, v["used"], model)
            add(model, v["type"], v["Entity"])
            add(model, v["label"], builder.string(model_name))
        for doc_id in doc_ids:
            add(run_iri, v["used"], builder.document_node(doc_id, docs.get(doc_id)))

    def _write_batch(
        self, target: Path, run_iri: str, doc_ids: list[str], docs: dict[str, Document]
    ) -> Path:
        """Every event in one batch: the triples written from memory, as export_rdf does."""
        builder = self._batch
        backend = builder.b
        assert isinstance(backend, _TurtleBackend)
        terms = backend.terms
        run_text = terms.iri(run_iri)
        for predicates in backend.subjects.values():
            objects = predicates.get(_GENERATED)
            if objects is None:
                continue
            if isinstance(objects, str):
                if objects == _RUN:
                    predicates[_GENERATED] = run_text
            elif _RUN in objects:
                del objects[_RUN]
                objects[run_text] = None
        self._final_triples(builder, run_iri, doc_ids, docs)
        with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
            for chunk in _turtle(backend.subjects, self._prefixes, terms):
                out.write(chunk)
        return target

    def _final_runs(self, run_iri: str, doc_ids: list[str], docs: dict[str, Document]) -> str:
        """Spill the actors, the build and the documents; return the build IRI's text."""
        builder = self._builder()
        assert isinstance(builder.b, _TurtleBackend)
        run_text = builder.b.terms.iri(run_iri)
        self._final_triples(builder, run_iri, [], docs)
        self._spill(builder)
        for start in range(0, len(doc_ids), _DOCS_PER_RUN):
            builder = self._builder()
            for doc_id in doc_ids[start : start + _DOCS_PER_RUN]:
                doc = builder.document_node(doc_id, docs.get(doc_id))
                builder.b.add(run_iri, builder.v["used"], doc)
            self._spill(builder)
        return run_text

    def _merge(self, out: IO[str], run_text: str) -> None:
        """Merge the runs into ``out``: the subject blocks, each subject once."""
        buffering = max(64 << 10, min(1 << 20, _MERGE_BUFFERS // len(self._runs)))
        files = [_open_run(path, "r", buffering) for path in self._runs]
        remerge = _Remerge(self._prefixes, run_text)
        chunk: list[str] = []
        first = True

        def write_chunk() -> None:
            nonlocal first
            text = "\n".join(chunk).replace(_NL, "\n").replace(_COMMA, ",")
            out.write(("" if first else "\n") + text.replace(_RUN, run_text))
            first = False
            chunk.clear()

        try:
            head = ""
            group: list[str] = []
            for line in heapq.merge(*files):
                cut = line.index(_NL)
                if group and line[:cut] == head:
                    group.append(line)
                    continue
                if group:
                    self._block(group, chunk, remerge)
                    if len(chunk) >= _CHUNK_BLOCKS:
                        write_chunk()
                head, group = line[:cut], [line]
            if group:
                self._block(group, chunk, remerge)
            if chunk:
                write_chunk()
        finally:
            for fh in files:
                fh.close()

    @staticmethod
    def _block(group: list[str], chunk: list[str], remerge: _Remerge) -> None:
        """Add the block of one subject (its spilled lines ``group``) to ``chunk``."""
        line = group[0]
        if len(group) == 1 and line[-2] != _RERENDER:
            chunk.append(line[line.index(_KEY_END) + 1 :])  # the block and "\n"
        else:
            bodies = [line[line.index(_KEY_END) + 1 : -1] for line in group]
            chunk.append(remerge.block(bodies) + "\n")


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
