"""kg: conflict-event knowledge graph builder.

Read news about wars and diplomacy, extract who does what to whom, and build a graph:

>>> import kg
>>> doc = kg.Document("d1", "Egypt and Russia backed Haftar.")
>>> sorted((e.source.actor.label, e.relation.name) for e in kg.extract(doc))
[('Egypt', 'backs'), ('Russia', 'backs')]
"""

from __future__ import annotations

from kg.api import BuildResult, BuildStats, Extractor, build, extract
from kg.datatypes import (
    Actor,
    ActorType,
    CodePeriod,
    Document,
    Event,
    GazetteerEntry,
    Mention,
    Modality,
    Provenance,
    QuadClass,
    RelationType,
)
from kg.documents import ReadOptions, read_documents, read_sources
from kg.errors import InputError, KgError, LexiconError, ModelNotInstalledError, OutputError
from kg.ingest_records import Columns
from kg.interchange import event_to_record, write_jsonl

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorType",
    "BuildResult",
    "BuildStats",
    "CodePeriod",
    "Columns",
    "Document",
    "Event",
    "Extractor",
    "GazetteerEntry",
    "InputError",
    "KgError",
    "LexiconError",
    "Mention",
    "Modality",
    "ModelNotInstalledError",
    "OutputError",
    "Provenance",
    "QuadClass",
    "ReadOptions",
    "RelationType",
    "__version__",
    "build",
    "event_to_record",
    "extract",
    "read_documents",
    "read_sources",
    "write_jsonl",
]
