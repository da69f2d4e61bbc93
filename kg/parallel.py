"""``--jobs N``: each of N worker processes parses *and* extracts; only events come back.

spaCy's own ``nlp.pipe(n_process=N)`` parses in child processes but sends every ``Doc``
back, so kg's extraction and the deserialising of the Docs stay in the parent, which
becomes the bottleneck. Here the parent only reads documents, sends them to the workers in
small chunks and yields the events that come back, in input order (so ``--jobs 2`` gives
exactly the events of ``--jobs 1``).

Each worker holds one :class:`~kg.api.Extractor`: on Linux the workers are forked from
the parent and share its loaded pipeline, gazetteer and lexicon (copy-on-write); where
fork is not available they load their own (same model and actor files) once, when they
start.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from kg.datatypes import Document, Event

if TYPE_CHECKING:
    from kg.api import BuildStats, Extractor

__all__ = ["DOCUMENTS_PER_TASK", "process_parallel"]

#: Documents sent to a worker at a time: small chunks keep the workers evenly loaded.
DOCUMENTS_PER_TASK = 8

#: What a worker returns for one document: its events, sentence and word counts, and the
#: exception its extraction raised (None when it succeeded).
_Result = tuple[list[Event], int, int, int, Exception | None]  # sentences, words, discarded
_Spec = tuple[str | None, tuple[str, ...], tuple[str, ...]]

# The extractor of a worker process; in the parent, the one the forked workers inherit.
_EXTRACTOR: Extractor | None = None


def _init_worker(spec: _Spec | None) -> None:
    """Worker start-up: load the extractor (spawned workers) or keep the inherited one."""
    global _EXTRACTOR
    if spec is not None:
        from kg.api import Extractor

        _EXTRACTOR = Extractor(
            model=spec[0], actors=[Path(p) for p in spec[1]], verbs=[Path(p) for p in spec[2]]
        )


def _picklable(exc: Exception) -> Exception:
    try:
        pickle.dumps(exc)
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _work(documents: list[Document], batch_size: int) -> list[_Result]:
    """Run in a worker: parse and extract ``documents``; one result per document, in order."""
    from kg.api import BuildStats

    ex = _EXTRACTOR
    if ex is None:  # pragma: no cover - the initializer always sets it
        raise RuntimeError("kg worker process started without an extractor")
    stats = BuildStats()
    errors: dict[int, Exception] = {}

    def failed(document: Document, exc: Exception) -> None:
        errors[id(document)] = _picklable(exc)

    out: list[_Result] = []
    before = (0, 0, 0)
    for document, events in ex.process(
        documents, batch_size=batch_size, stats=stats, on_error=failed
    ):
        out.append(
            (
                events,
                stats.sentences - before[0],
                stats.words - before[1],
                stats.discarded - before[2],
                errors.get(id(document)),
            )
        )
        before = (stats.sentences, stats.words, stats.discarded)
    return out


def chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``documents`` in lists of ``size`` (the last one shorter), lazily.

    >>> [len(c) for c in chunks([Document(str(i), "x") for i in range(5)], 2)]
    [2, 2, 1]
    """
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process_parallel(
    extractor: Extractor,
    documents: Iterable[Document],
    *,
    n_process: int,
    batch_size: int = 32,
    stats: BuildStats | None = None,
    on_error: Callable[[Document, Exception], None] | None = None,
    documents_per_task: int = DOCUMENTS_PER_TASK,
) -> Iterator[tuple[Document, list[Event]]]:
    """What :meth:`kg.api.Extractor.process` yields, computed by ``n_process`` workers.

    Each document with its events, in input order. At most two batches per worker are in
    flight, so documents are read as they are needed. A document whose extraction fails is
    passed to ``on_error`` with the worker's exception and yielded with no events (without
    ``on_error`` the exception is raised), as in one process.
    """
    global _EXTRACTOR
    if n_process < 2:
        raise ValueError(f"process_parallel needs n_process >= 2, got {n_process}")
    forked = "fork" in mp.get_all_start_methods()
    spec: _Spec | None = None
    if forked:
        _EXTRACTOR = extractor  # inherited by the forked workers
    else:  # pragma: no cover - Linux forks
        spec = (
            extractor.model,
            tuple(str(p) for p in extractor.actors),
            tuple(str(p) for p in extractor.verbs),
        )
    context = mp.get_context("fork" if forked else "spawn")
    if forked:
        # the loaded pipeline, gazetteer and lexicon are shared with the workers: keep the
        # collector off them, so that it neither scans them again nor copies their pages
        gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=n_process, mp_context=context, initializer=_init_worker, initargs=(spec,)
    )
    batches = chunks(documents, max(1, min(batch_size, documents_per_task)))
    pending: deque[tuple[list[Document], Future[list[_Result]]]] = deque()

    def fill() -> None:
        while len(pending) < 2 * n_process:
            chunk = next(batches, None)
            if chunk is None:
                return
            pending.append((chunk, pool.submit(_work, chunk, batch_size)))

    try:
        fill()
        while pending:
            chunk, future = pending.popleft()
            results = future.result()
            fill()  # keep the workers busy while this chunk is handed out
            for document, (events, sentences, words, discarded, error) in zip(
                chunk, results, strict=True
            ):
                if error is not None:
                    if on_error is None:
                        raise error
                    on_error(document, error)
                    events = []
                if stats is not None:
                    stats.documents += 1
                    stats.sentences += sentences
                    stats.words += words
                    stats.discarded += discarded
                yield document, events
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if forked:
            _EXTRACTOR = None
            gc.unfreeze()
