"""Extraction on a Dask cluster: ``kg build --engine dask --scheduler tcp://HOST:8786``.

Documents are read on the client, cut into partitions of ``partition_size`` documents and
sent to the workers; each worker loads the spaCy pipeline, the gazetteer index and the
lexicon **once** (a worker-local :class:`~kg.api.Extractor`, cached per model and actor
files) and returns the events of its partition. The client yields them in document order,
so a distributed build gives the same events -- and the same graph -- as a local one.

Workers need kg and its model installed (the same environment as the client); actor files
are read on the client and shipped, so they need not exist on the workers. Run workers with
one thread each (``dask worker ADDRESS --nworkers N --nthreads 1``): a spaCy pipeline is not
meant to be shared between threads.

Dask is optional (``pip install "kg[dask]"``); nothing here imports it until it is used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.datatypes import Document, Event
from kg.errors import KgError
from kg.gazetteer_data import UserActors
from kg.parallel import chunks
from kg.verb_dictionary import VerbDictionary, read_verb_dictionary

if TYPE_CHECKING:
    from distributed import Client, Future

    from kg.api import BuildStats, Extractor

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "DaskExtractor",
    "PartitionResult",
    "extract_distributed",
    "extract_partition",
    "preload",
    "process_distributed",
]

LOGGER = logging.getLogger(__name__)

#: Documents per task: enough that a task runs for seconds, few enough to balance the load.
DEFAULT_PARTITION_SIZE = 16

_LOCK = threading.Lock()
_EXTRACTORS: dict[tuple[str | None, str], Extractor] = {}


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a worker sends back for one partition, one item per document in input order."""

    events: tuple[tuple[Event, ...], ...]
    counts: tuple[tuple[int, int, int], ...]  # (sentences, words, discarded)
    failures: tuple[tuple[int, str], ...]  # (index in the partition, error) of failed ones
    model_name: str


class WorkerError(KgError):
    """Extraction of a document failed on a worker (the worker's message is kept)."""


def _require_dask() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise KgError(
            "the dask engine needs Dask: pip install 'kg[dask]' "
            "(or: pip install 'dask[distributed]')"
        ) from exc
    return distributed


_NO_USER_ACTORS = UserActors()


def _entries_key(user: UserActors, verbs: Sequence[VerbDictionary] = ()) -> str:
    if not user.entries and not user.agents and not verbs:
        return ""
    return hashlib.sha1(pickle.dumps((user, tuple(verbs)), protocol=4)).hexdigest()


def worker_extractor(
    model: str | None,
    user: UserActors = _NO_USER_ACTORS,
    key: str | None = None,
    verbs: Sequence[VerbDictionary] = (),
) -> Extractor:
    """The extractor of this process for ``model`` + the user's actors and agents
    ``user`` + the user's verb dictionaries ``verbs``, made once."""
    from kg.api import Extractor

    cache_key = (model, key if key is not None else _entries_key(user, verbs))
    with _LOCK:
        ex = _EXTRACTORS.get(cache_key)
        if ex is None:
            ex = Extractor(model=model)
            if user.entries or user.agents:
                ex.index = ex.index.with_entries(user.entries, user.agents)
            for dictionary in verbs:
                ex.lexicon = ex.lexicon.with_verb_dictionary(dictionary)
            _EXTRACTORS[cache_key] = ex
        return ex


def extract_partition(
    documents: Sequence[Document],
    model: str | None = None,
    user: UserActors = _NO_USER_ACTORS,
    key: str | None = None,
    batch_size: int = 32,
    verbs: Sequence[VerbDictionary] = (),
) -> PartitionResult:
    """Run on a worker: the events of each document of one partition."""
    from kg.api import BuildStats

    ex = worker_extractor(model, user, key, verbs)
    stats = BuildStats()
    failures: list[tuple[int, str]] = []
    position = {id(d): i for i, d in enumerate(documents)}

    def failed(document: Document, exc: Exception) -> None:
        failures.append((position.get(id(document), -1), f"{type(exc).__name__}: {exc}"))

    events: list[tuple[Event, ...]] = []
    counts: list[tuple[int, int, int]] = []
    before = (0, 0, 0)
    for _, evs in ex.process(documents, batch_size=batch_size, stats=stats, on_error=failed):
        events.append(tuple(evs))
        counts.append(
            (
                stats.sentences - before[0],
                stats.words - before[1],
                stats.discarded - before[2],
            )
        )
        before = (stats.sentences, stats.words, stats.discarded)
    return PartitionResult(tuple(events), tuple(counts), tuple(failures), ex.model_name)


def _preload(
    model: str | None,
    user: UserActors,
    key: str,
    verbs: Sequence[VerbDictionary] = (),
) -> str:
    return worker_extractor(model, user, key, verbs).model_name


def preload(
    client: Client,
    model: str | None = None,
    user: UserActors = _NO_USER_ACTORS,
    verbs: Sequence[VerbDictionary] = (),
) -> dict[str, str]:
    """Load the pipeline on every worker of ``client`` now (else each worker loads it for
    its first task); returns worker address -> model name."""
    c: Any = client  # distributed's Client is untyped
    key = _entries_key(user, verbs)
    result: dict[str, str] = c.run(_preload, model, user, key, list(verbs))
    return result


def _close_all(resources: list[Any]) -> None:
    while resources:
        try:
            resources.pop().close()
        except Exception:  # pragma: no cover - closing is best effort
            LOGGER.debug("closing a Dask resource failed", exc_info=True)


class DaskExtractor:
    """Stands in for :class:`kg.api.Extractor`: :meth:`process` runs on Dask workers.

    Parameters
    ----------
    scheduler
        Address of a running scheduler (``tcp://10.0.0.5:8786``), a
        :class:`distributed.Client`, or None for a local cluster of ``n_workers``
        single-threaded worker processes (started on first use, stopped by :meth:`close`).
    model, actors, verbs
        As for :class:`kg.api.Extractor`: the spaCy pipeline the workers load, extra actor
        files and verb dictionaries (read here and shipped to the workers).
    partition_size
        Documents per task.
    n_workers
        Workers of the local cluster (default: one per CPU); ignored with a scheduler.

    The client connects on first use (:attr:`model_name`, :meth:`process`); close it with
    :meth:`close` or use the extractor as a context manager.
    """

    #: :meth:`process` takes ``on_error`` like :meth:`kg.api.Extractor.process`.
    accepts_on_error = True

    def __init__(
        self,
        *,
        scheduler: str | Client | None = None,
        model: str | None = None,
        actors: Sequence[str | Path] = (),
        partition_size: int = DEFAULT_PARTITION_SIZE,
        n_workers: int | None = None,
        verbs: Sequence[str | Path] = (),
    ) -> None:
        if partition_size < 1:
            raise ValueError(f"partition_size must be positive, got {partition_size}")
        from kg.gazetteer_data import read_user_dictionaries

        self.scheduler = scheduler
        self.model = model
        self.actors = tuple(Path(p) for p in actors)
        self.user = read_user_dictionaries(self.actors)
        self.verbs = tuple(Path(p) for p in verbs)
        self.dictionaries = [read_verb_dictionary(path) for path in self.verbs]
        self.key = _entries_key(self.user, self.dictionaries)
        self.partition_size = partition_size
        self.n_workers = n_workers
        self._client: Any = None
        self._model_name: str | None = None
        self._owned: list[Any] = []  # client and cluster this object started
        self._finalizer = weakref.finalize(self, _close_all, self._owned)

    # -- connection

    @property
    def client(self) -> Client:
        """The Dask client (connecting, or starting the local cluster, on first use)."""
        if self._client is None:
            distributed = _require_dask()
            if self.scheduler is None:
                cluster = distributed.LocalCluster(
                    n_workers=self.n_workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                )
                self._owned.append(cluster)
                self._client = distributed.Client(cluster)
                self._owned.append(self._client)
            elif isinstance(self.scheduler, str):
                try:
                    self._client = distributed.Client(self.scheduler)
                except OSError as exc:
                    raise KgError(
                        f"cannot reach the Dask scheduler at {self.scheduler}: {exc}"
                    ) from exc
                self._owned.append(self._client)
            else:
                self._client = self.scheduler
        client: Client = self._client
        return client

    def close(self) -> None:
        """Close the client and the local cluster this extractor started (not a client
        it was given)."""
        _close_all(self._owned)
        self._client = None

    def __enter__(self) -> DaskExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what kg.api reads from an extractor

    @property
    def model_name(self) -> str:
        """The workers' pipeline, ``en_core_web_sm-3.8.0`` style (loads it on them)."""
        if self._model_name is None:
            names = set(preload(self.client, self.model, self.user, self.dictionaries).values())
            if len(names) > 1:
                raise KgError(f"the Dask workers run different models: {sorted(names)}")
            self._model_name = names.pop() if names else (self.model or "unknown")
        return self._model_name

    @property
    def fingerprint(self) -> str:
        """What extraction depends on, as :attr:`kg.api.Extractor.fingerprint` computes it."""
        from kg.state import code_digest

        digest = hashlib.sha256(f"{code_digest()}|{self.model_name}".encode())
        for marker, files in ((b"\x00", self.actors), (b"\x01", self.verbs)):
            for file in files:
                digest.update(marker + file.read_bytes())
        return digest.hexdigest()[:16]

    def process(
        self,
        documents: Iterable[Document],
        *,
        batch_size: int = 32,
        n_process: int = 1,
        stats: BuildStats | None = None,
        on_error: Callable[[Document, Exception], None] | None = None,
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Like :meth:`kg.api.Extractor.process`: each document with its events, in order.

        ``n_process`` is ignored (the workers are the processes). At most two partitions
        per worker thread are in flight, so memory stays bounded on the client too. A
        document whose extraction fails on a worker is passed to ``on_error`` (as a
        :class:`WorkerError`) and yielded with no events; without ``on_error`` it raises.
        """
        del n_process
        client: Any = self.client
        user: Any = (
            client.scatter(self.user, broadcast=True)
            if self.user.entries or self.user.agents
            else _NO_USER_ACTORS
        )
        verbs: Any = client.scatter(self.dictionaries, broadcast=True) if self.dictionaries else ()
        threads = max(sum(client.nthreads().values()), 1)
        pending: deque[tuple[list[Document], Future[PartitionResult]]] = deque()

        def drain(limit: int) -> Iterator[tuple[Document, list[Event]]]:
            while len(pending) > limit:
                chunk, future = pending.popleft()
                result: PartitionResult = future.result()
                self._model_name = result.model_name
                failed = dict(result.failures)
                for i, (document, events) in enumerate(zip(chunk, result.events, strict=True)):
                    if i in failed:
                        error = WorkerError(f"{document.doc_id}: {failed[i]}")
                        if on_error is None:
                            raise error
                        on_error(document, error)
                    if stats is not None:
                        stats.documents += 1
                        stats.sentences += result.counts[i][0]
                        stats.words += result.counts[i][1]
                        stats.discarded += result.counts[i][2]
                    yield document, list(events)

        try:
            for chunk in chunks(documents, self.partition_size):
                future = client.submit(
                    extract_partition, chunk, self.model, user, self.key, batch_size, verbs,
                    pure=False,
                )  # fmt: skip
                pending.append((chunk, future))
                yield from drain(2 * threads)
            yield from drain(0)
        finally:
            for _, future in pending:
                cancel: Any = future.cancel
                cancel()


def process_distributed(
    documents: Iterable[Document],
    *,
    scheduler: str | Client | None = None,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    partition_size: int = DEFAULT_PARTITION_SIZE,
    n_workers: int | None = None,
    stats: BuildStats | None = None,
    verbs: Sequence[str | Path] = (),
) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with its events, extracted on Dask workers (see :class:`DaskExtractor`)."""
    with DaskExtractor(
        scheduler=scheduler,
        model=model,
        actors=actors,
        partition_size=partition_size,
        n_workers=n_workers,
        verbs=verbs,
    ) as ex:
        yield from ex.process(documents, stats=stats)


def extract_distributed(
    documents: Iterable[Document],
    *,
    scheduler: str | Client | None = None,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    partition_size: int = DEFAULT_PARTITION_SIZE,
    n_workers: int | None = None,
    verbs: Sequence[str | Path] = (),
) -> Iterator[Event]:
    """The events of ``documents``, extracted on Dask workers, in document order.

    The same events as ``kg.extract(documents)`` gives locally; see :class:`DaskExtractor`
    for the parameters.
    """
    for _, events in process_distributed(
        documents,
        scheduler=scheduler,
        model=model,
        actors=actors,
        partition_size=partition_size,
        n_workers=n_workers,
        verbs=verbs,
    ):
        yield from events
